// Characters that come along with a copy from Word, a PDF or a web page and are not what they
// look like: Kangxi radicals and compatibility ideographs that look like common characters (⼀
// for 一: search, counts and a screen reader all take it for another character), no-break and
// other odd spaces, zero-width characters, soft hyphens, a byte-order mark inside the text,
// control characters. The ideographic space that indents a paragraph (　　) is the writer's and
// is never reported.

import { computeNumbering } from '../numbering';
import { Edit, Finding, RuleRecord } from '../types';

/**
 * CJK Radicals Supplement forms that look like a common character on their own (the rest are
 * components, 氵 扌 艹, that no extraction produces for a whole character): what they look like.
 */
const RADICAL_LOOKALIKES: Record<string, string> = {
  '⺁': '厂', '⺇': '几', '⺊': '卜', '⺎': '兀', '⺒': '巳', '⺓': '幺', '⺜': '日', '⺝': '月', '⺞': '歹',
  '⺟': '母', '⺠': '民', '⺩': '王', '⺪': '疋', '⺬': '示', '⺼': '月', '⺽': '臼', '⻁': '虎', '⻄': '西',
  '⻅': '见', '⻆': '角', '⻇': '角', '⻉': '贝', '⻋': '车', '⻑': '長', '⻓': '长', '⻔': '门', '⻘': '青',
  '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻡': '首', '⻢': '马', '⻣': '骨', '⻤': '鬼',
  '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '斉', '⻬': '齐', '⻭': '歯',
  '⻮': '齿', '⻯': '竜', '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
};

type Kind = 'kangxi' | 'radical' | 'compat' | 'space' | 'invisible' | 'control';

/** Names of the invisible characters, said in words (quoting an invisible character shows nothing). */
const NAMES: Record<number, { zh: string; en: string }> = {
  0x00a0: { zh: '不换行空格', en: 'no-break space' },
  0x202f: { zh: '窄不换行空格', en: 'narrow no-break space' },
  0x205f: { zh: '数学空格', en: 'medium mathematical space' },
  0x1680: { zh: '欧甘空格', en: 'ogham space mark' },
  0x200b: { zh: '零宽空格', en: 'zero-width space' },
  0x200c: { zh: '零宽不连字', en: 'zero-width non-joiner' },
  0x200d: { zh: '零宽连字', en: 'zero-width joiner' },
  0x2060: { zh: '零宽不换行', en: 'word joiner' },
  0xfeff: { zh: '字节顺序标记（BOM）', en: 'byte-order mark (BOM)' },
  0x00ad: { zh: '软连字符', en: 'soft hyphen' },
  0x180e: { zh: '蒙古文元音分隔符', en: 'Mongolian vowel separator' },
  0x200e: { zh: '从左到右标记', en: 'left-to-right mark' },
  0x200f: { zh: '从右到左标记', en: 'right-to-left mark' },
};

function nameOf(c: number): { zh: string; en: string } {
  const n = NAMES[c];
  if (n) return n;
  if (c >= 0x2000 && c <= 0x200a) return { zh: '排版空格', en: 'typographic space' };
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return { zh: '文字方向控制符', en: 'bidirectional control' };
  if (c >= 0x2061 && c <= 0x2064) return { zh: '不可见运算符', en: 'invisible operator' };
  return { zh: '控制字符', en: 'control character' };
}

const CANDIDATE = /[\u2F00-\u2FD5\u2E80-\u2EF3\uF900-\uFAFF\u00A0\u1680\u2000-\u200F\u202A-\u202F\u205F-\u2064\u2066-\u2069\u00AD\uFEFF\u180E\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]|\uD87E[\uDC00-\uDE1F]/g;
const EMOJI = /\p{Extended_Pictographic}|\uFE0F/u;
const NON_HAN_LETTER = /(?!\p{Script=Han})\p{L}/u;
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

/** What a candidate is and what it should be, or undefined when it is fine where it stands. */
function classify(t: string, i: number, ch: string): { kind: Kind; replacement: string } | undefined {
  const c = ch.codePointAt(0)!;
  if (c >= 0x2f00 && c <= 0x2fd5) return { kind: 'kangxi', replacement: ch.normalize('NFKC') };
  if (c >= 0x2e80 && c <= 0x2ef3) {
    const r = RADICAL_LOOKALIKES[ch];
    return r ? { kind: 'radical', replacement: r } : undefined;
  }
  if ((c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f)) {
    // The dozen unified ideographs of the block (﨎 﨏 﨑 …) have no decomposition: real characters.
    const r = ch.normalize('NFC');
    return r !== ch ? { kind: 'compat', replacement: r } : undefined;
  }
  if (c === 0x00a0 || c === 0x202f || c === 0x205f || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)) return { kind: 'space', replacement: ' ' };
  const before = t[i - 1] ?? '';
  const after = t[i + ch.length] ?? '';
  if (c === 0xfeff && i === 0) return undefined; // a byte-order mark where it belongs
  // Emoji are astral: the whole code point on each side (👨‍👩‍👧).
  const prev = /[\udc00-\udfff]/.test(before) && i >= 2 ? t.slice(i - 2, i) : before;
  const next = String.fromCodePoint(t.codePointAt(i + ch.length) ?? 32);
  // Joiners that do a job: inside an emoji sequence, or between letters of scripts that use them.
  if (c === 0x200d && (EMOJI.test(prev) || /[\u{1F3FB}-\u{1F3FF}]/u.test(prev)) && EMOJI.test(next)) return undefined;
  if ((c === 0x200c || c === 0x200d) && NON_HAN_LETTER.test(before) && NON_HAN_LETTER.test(after)) return undefined;
  if ((c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) && (RTL.test(before) || RTL.test(after))) return undefined;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return { kind: 'control', replacement: '' };
  return { kind: 'invisible', replacement: '' };
}

const hex = (c: number) => 'U+' + c.toString(16).toUpperCase().padStart(4, '0');

export const pastedCharacter: RuleRecord = {
  id: 'pasted-character',
  title: { zh: '粘贴带来的异常字符', en: 'Pasted invisible or look-alike character' },
  category: 'text',
  severity: 'warning',
  description: {
    zh: '粘贴带来的隐形字符和形似字符：像“一”“人”的康熙部首和兼容汉字、不换行空格、零宽字符、软连字符、正文中的 BOM、控制字符（段首的全角空格缩进不算）',
    en: 'Invisible and look-alike characters brought in by pasting: Kangxi radicals and compatibility ideographs that look like 一 or 人, no-break spaces, zero-width characters, soft hyphens, a BOM inside the text, control characters (not the ideographic-space paragraph indent)',
  },
  message: {
    zh: (d) => `“${d.char}”（${d.code}）是${d.kind === 'kangxi' ? '康熙部首' : d.kind === 'radical' ? '部首' : '兼容汉字'}，只是看起来像“${d.replacement}”：检索、统计和读屏软件都会把它当成另一个字，多见于从 PDF 或 Word 复制的文字。请改为“${d.replacement}”，可一键替换。`,
    en: (d) => `“${d.char}” (${d.code}) is a ${d.kind === 'kangxi' ? 'Kangxi radical' : d.kind === 'radical' ? 'radical form' : 'compatibility ideograph'} that only looks like “${d.replacement}”: search, counts and screen readers take it for another character; it comes with text copied from PDFs and Word. Use “${d.replacement}”; the quick fix replaces it.`,
  },
  variants: {
    space: {
      zh: (d) => `这里有${d.count}个${d.name}（${d.code}），看起来和普通空格一样，却会让换行、检索和排版出错，多见于从网页或 Word 复制的文字：可一键改为普通空格。`,
      en: (d) => `${d.count} ${d.nameEn}${Number(d.count) > 1 ? 's' : ''} (${d.code}) here: it looks like an ordinary space but upsets line breaking, search and layout; it comes with text copied from web pages and Word. The quick fix makes it an ordinary space.`,
    },
    invisible: {
      zh: (d) => `这里有${d.count}个看不见的${d.name}（${d.code}）：打印和朗读时看不出来，却会打断检索、统计和编号识别，多见于从网页或 Word 复制的文字。可一键删除。`,
      en: (d) => `${d.count} invisible ${d.nameEn}${Number(d.count) > 1 ? 's' : ''} (${d.code}) here: it does not show, but breaks search, counts and marker recognition; it comes with text copied from web pages and Word. The quick fix deletes it.`,
    },
    document: {
      zh: (d) => `全文有${d.count}处粘贴带来的形似字符或隐形字符（这里是${d.first}），多见于从 PDF、Word 或网页复制的整篇文字：可一键全部清理。`,
      en: (d) => `This draft holds ${d.count} look-alike or invisible characters brought in by pasting (here: ${d.first}), as a whole text copied from a PDF, Word or a web page does: the quick fix cleans them all.`,
    },
    control: {
      zh: (d) => `这里有${d.count}个${d.name}（${d.code}），不是文字，多见于从 PDF 或旧系统转来的文本：可一键删除。`,
      en: (d) => `${d.count} ${d.nameEn}${Number(d.count) > 1 ? 's' : ''} (${d.code}) here, which is not text; it comes with text converted from PDFs or old systems. The quick fix deletes it.`,
    },
  },
  fixTitle: { zh: '清理粘贴带来的字符', en: 'Clean up the pasted character' },
  fixKind: 'mechanical',
  docs: {
    rationale: {
      zh: '从 PDF、Word 或网页复制的文字常带着看不出来的字符：PDF 把“一”“人”“工”提取成形状相同的康熙部首（⼀ U+2F00、⼈、⼯），兼容区汉字（如 U+F900 区）和常用字看着一样却是另一个编码；不换行空格、零宽空格、软连字符、正文中间的 BOM 和控制字符在编辑器里看不见。它们让检索、字数统计、序号识别和读屏软件出错，印出来也可能变成方框。快速修复把形似字符换成它看起来的那个字，把特殊空格换成普通空格，删掉看不见的字符；命令“清理粘贴文本”一次清理全文。段首缩进用的全角空格（　　）是正常排版，不报告；不换行空格等特殊空格印出来和普通空格一样，只作提示。',
      en: 'Text copied from PDFs, Word or web pages brings characters along that do not show: a PDF extracts 一, 人, 工 as the Kangxi radicals of the same shape (⼀ U+2F00, ⼈, ⼯), compatibility ideographs (the U+F900 block) look like common characters but are other code points, and no-break spaces, zero-width spaces, soft hyphens, a BOM in mid-text and control characters are invisible in the editor. They upset search, character counts, marker recognition and screen readers, and may print as boxes. The quick fix replaces a look-alike by the character it looks like, makes an odd space an ordinary one and deletes an invisible character; the command “clean up pasted text” cleans the whole draft. The ideographic-space paragraph indent (　　) is ordinary layout and is not reported; a no-break or other odd space prints as a space and is information only.',
    },
    bad: ['前⼀阶段，全市经济运行平稳。', '下⼀步，要加强⼈才队伍建设。', '全市经济\u00a0运行平稳。', '全市经济\u200b运行平稳。', '推进高质\u00ad量发展。', '要抓好落实。\ufeff要狠抓落实。', '要抓好\u0007落实。'],
    good: ['　　前一阶段，全市经济运行平稳。', '下一步，要加强人才队伍建设。', '\ufeff在全市工作会议上的讲话', '全市经济 运行平稳。'],
  },
  check(ctx): Finding[] {
    const { text } = ctx;
    CANDIDATE.lastIndex = 0;
    if (!CANDIDATE.test(text)) return [];
    // A Kangxi numeral in a marker (⼀、 ⼀是) is numbering-punctuation's: it fixes the whole
    // marker, so the character is reported once.
    const inMarker = new Set<number>();
    if (ctx.options.rules['numbering-punctuation'] !== 'off') {
      for (const i of ctx.memo('numbering', () => computeNumbering(ctx.model))) {
        if (i.kind !== 'punctuation' || i.marker.formProblem !== 'kangxi') continue;
        // One finding stands for every marker written the same way (its related locations).
        for (const place of [i.marker, ...(i.related ?? [])]) for (let o = place.start; o < place.end; o++) inMarker.add(o);
      }
    }
    const commentLines = new Set(ctx.model.comments.map((c) => c.line));
    // Places first, findings after: a pasted document has hundreds of thousands of them, and
    // only the first few become findings of their own.
    const places: Array<{ start: number; end: number; kind: Kind; code: number; count: number; char: string; replacement: string }> = [];
    const looks = new Map<string, ReturnType<typeof classify>>();
    CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CANDIDATE.exec(text))) {
      const i = m.index;
      const ch = m[0];
      const c = ch.charCodeAt(0);
      const lookalike = (c >= 0x2e80 && c <= 0x2fd5) || (c >= 0xf900 && c <= 0xfaff) || c === 0xd87e;
      // Only joiners, direction marks and a BOM depend on their neighbours: the rest are
      // classified once per character.
      const contextual = (c >= 0x200c && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff;
      let what = contextual ? classify(text, i, ch) : looks.get(ch);
      if (!contextual && !looks.has(ch)) looks.set(ch, (what = classify(text, i, ch)));
      if (!what || inMarker.has(i) || (commentLines.size && commentLines.has(ctx.model.lineIndex.lineAt(i)))) continue;
      const code = ch.codePointAt(0)!;
      const last = places[places.length - 1];
      // A run of the same invisible character is one place (three no-break spaces in a row).
      if (!lookalike && last && last.end === i && last.code === code) {
        last.end = i + ch.length;
        last.count++;
        continue;
      }
      places.push({ start: i, end: i + ch.length, kind: what.kind, code, count: 1, char: ch, replacement: what.replacement });
    }
    // Each look-alike becomes the character it looks like, each odd space an ordinary one (the
    // spacing stays), an invisible character goes.
    const fixOf = (p: (typeof places)[0]): Edit => ({ start: p.start, end: p.end, text: p.kind === 'kangxi' || p.kind === 'radical' || p.kind === 'compat' ? p.replacement : p.replacement.repeat(p.count) });
    const findingOf = (p: (typeof places)[0]): Finding => {
      if (p.kind === 'kangxi' || p.kind === 'radical' || p.kind === 'compat') {
        return { start: p.start, end: p.end, data: { char: p.char, code: hex(p.code), kind: p.kind, replacement: p.replacement }, fix: [fixOf(p)] };
      }
      const name = nameOf(p.code);
      // An odd space prints as a space and is read as one: information, not a warning.
      return { start: p.start, end: p.end, variant: p.kind, data: { code: hex(p.code), count: p.count, name: name.zh, nameEn: name.en }, fix: [fixOf(p)], ...(p.kind === 'space' ? { severity: 'info' as const } : {}) };
    };
    if (places.length <= PASTED_DOCUMENT_MIN) return places.map(findingOf);
    // A whole document pasted from a PDF (every 一 a ⼀) or Word (a no-break space in every
    // line): one finding at the first place, one fix for all of them.
    const first = places[0];
    return [{
      start: first.start, end: first.end, variant: 'document', reach: 'document',
      data: { count: places.length, first: first.kind === 'kangxi' || first.kind === 'radical' || first.kind === 'compat' ? `“${first.char}”` : nameOf(first.code).zh },
      fix: places.map(fixOf),
      ...(places.every((p) => p.kind === 'space') ? { severity: 'info' as const } : {}),
    }];
  },
};

/** More findings than this in one draft: the paste as a whole is the problem, reported once. */
const PASTED_DOCUMENT_MIN = 50;
