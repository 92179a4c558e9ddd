// Punctuation: quotation marks from the wrong script, pairs left open, ASCII punctuation
// between Chinese characters. Never NFKC-normalised: the writer's text is only ever changed
// by an explicit fix, character by character.

import { Paragraph } from '../model';
import { computeNumbering } from '../numbering';
import { Edit, Finding, RuleContext, RuleRecord } from '../types';

const HAN = /\p{Script=Han}/u;

/**
 * Quotation marks and brackets named in words, the mark after the name: a message that quotes
 * a quotation mark in quotation marks (““”没有配对的“””) cannot be read.
 */
const MARK_WORDS: Record<string, [string, string]> = {
  '“': ['左引号', 'opening quotation mark'], '”': ['右引号', 'closing quotation mark'],
  '‘': ['左单引号', 'opening single quotation mark'], '’': ['右单引号', 'closing single quotation mark'],
  '《': ['左书名号', 'opening title mark'], '》': ['右书名号', 'closing title mark'],
  '（': ['左括号', 'opening parenthesis'], '）': ['右括号', 'closing parenthesis'],
  '(': ['半角左括号', 'half-width opening parenthesis'], ')': ['半角右括号', 'half-width closing parenthesis'],
  '【': ['左方头括号', 'opening square bracket'], '】': ['右方头括号', 'closing square bracket'],
  '"': ['直引号', 'straight quotation mark'], "'": ['直单引号', 'straight single quotation mark'],
  '‚': ['低位单引号', 'low single quotation mark'], '‛': ['反向单引号', 'reversed single quotation mark'],
  '„': ['低位双引号', 'low double quotation mark'], '‟': ['反向双引号', 'reversed double quotation mark'],
};

/** `左引号“` / `the opening quotation mark “`. */
export function markInWords(mark: string, locale: 'zh' | 'en'): string {
  const w = MARK_WORDS[mark];
  if (!w) return locale === 'zh' ? `“${mark}”` : `“${mark}”`;
  return locale === 'zh' ? `${w[0]}${mark}` : `the ${w[1]} ${mark}`;
}

interface QuotePair {
  open: number;
  close?: number;
  openText: string;
  closeText: string;
  openChar: string;
  closeChar: string;
}

/** Low-9 and reversed quotation marks (‚‛ „‟), often from PDF or Word conversions. */
function lowQuotePairs(p: Paragraph): QuotePair[] {
  const out: QuotePair[] = [];
  const stack: Array<{ i: number; ch: string }> = [];
  const t = p.text;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '‚' || ch === '„') stack.push({ i, ch });
    else if (ch === '‛' || ch === '‟') {
      const o = stack.pop();
      // Used as the outer quotes of Chinese text: they become “”.
      if (o) out.push({ open: o.i, close: i, openText: o.ch, closeText: ch, openChar: '“', closeChar: '”' });
      else out.push({ open: i, openText: ch, closeText: '', openChar: '”', closeChar: '' });
    }
  }
  for (const o of stack) out.push({ open: o.i, openText: o.ch, closeText: '', openChar: '“', closeChar: '' });
  return out;
}

/** Straight quotes used around Chinese text: pair them in order within the paragraph. */
function straightQuotePairs(p: Paragraph, q: '"' | "'"): QuotePair[] {
  const t = p.text;
  const at: number[] = [];
  for (let i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + 1)) at.push(i);
  const out: QuotePair[] = [];
  const [open, close] = q === '"' ? ['“', '”'] : ['‘', '’'];
  for (let k = 0; k + 1 < at.length; k += 2) {
    const inner = t.slice(at[k] + 1, at[k + 1]);
    if (!HAN.test(inner)) continue;
    // An apostrophe inside English (don't) is not a quote: the quoted text must be Chinese.
    if (q === "'" && /[A-Za-z]'[A-Za-z]/.test(t.slice(at[k] - 1, at[k + 1] + 2))) continue;
    out.push({ open: at[k], close: at[k + 1], openText: q, closeText: q, openChar: open, closeChar: close });
  }
  if (at.length % 2 === 1) {
    const i = at[at.length - 1];
    if (HAN.test(t[i - 1] ?? '') || HAN.test(t[i + 1] ?? '')) out.push({ open: i, openText: q, closeText: '', openChar: '', closeChar: '' });
  }
  return out;
}

export const nonstandardQuote: RuleRecord = {
  id: 'nonstandard-quote',
  title: { zh: '引号不规范', en: 'Non-standard quotation marks' },
  category: 'text',
  severity: 'warning',
  description: {
    zh: '不规范的引号：‚‛ „‟，以及当作中文引号使用的直引号 " \'',
    en: 'Non-standard quotation marks: ‚‛ „‟, and straight " \' used as Chinese quotes',
  },
  message: {
    zh: (d) => `${d.pair ? `这对引号（${d.open}……${d.close}）` : markInWords(String(d.quote), 'zh')}不是中文引号：应改为${d.correct}${d.fixable ? '，可一键替换' : '，请手工改正'}。`,
    en: (d) => `${d.pair ? `This pair of quotation marks (${d.open}…${d.close}) is` : `${markInWords(String(d.quote), 'en').replace(/^the/, 'The')} is`} not a Chinese quotation mark: use ${d.correctEn}${d.fixable ? '; the quick fix replaces it' : '; correct it by hand'}.`,
  },
  fixTitle: { zh: '改为中文引号“”', en: 'Use Chinese quotation marks “”' },
  fixKind: 'mechanical',
  docs: {
    rationale: {
      zh: 'GB/T 15834 规定中文用“”，内层用‘’。从 PDF、旧版 Word 或网页转来的文字常出现‚‛、„‟ 或英文直引号"，打印稿上很显眼。快速修复只替换引号字符本身。',
      en: 'GB/T 15834 prescribes “” for Chinese quotations, ‘’ inside. Text converted from PDFs, old Word files or web pages often carries ‚‛, „‟ or straight " quotes, which stand out in print. The fix replaces only the quote characters.',
    },
    bad: ['确立了‚瞄准三年发展目标‛的活动主题。', '开展"不忘初心"主题教育。'],
    good: ['开展“不忘初心、牢记使命”主题教育。', 'He said "yes" in English.'],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    for (const p of ctx.model.paragraphs) {
      if (!/[‚‛„‟"']/.test(p.text)) continue;
      const pairs = [...lowQuotePairs(p), ...straightQuotePairs(p, '"'), ...straightQuotePairs(p, "'")];
      for (const pair of pairs) {
        const o = p.offsetOf(pair.open);
        const c = pair.close !== undefined ? p.offsetOf(pair.close) : undefined;
        const sameLine = c !== undefined && ctx.model.lineIndex.lineAt(o) === ctx.model.lineIndex.lineAt(c);
        if (c !== undefined && sameLine) {
          const fix: Edit[] = [
            { start: o, end: o + 1, text: pair.openChar },
            { start: c, end: c + 1, text: pair.closeChar },
          ];
          const correct = { zh: `${markInWords(pair.openChar, 'zh')}和${markInWords(pair.closeChar, 'zh')}`, en: `${markInWords(pair.openChar, 'en')} and ${markInWords(pair.closeChar, 'en')}` };
          out.push({ start: o, end: c + 1, data: { pair: 1, open: pair.openText, close: pair.closeText, correct: correct.zh, correctEn: correct.en, fixable: 1 }, fix });
        } else {
          // A pair cut by a line break is reported on each line, each mark fixed on its own.
          const marks: Array<[number, string, string]> = [[o, pair.openText, pair.openChar]];
          if (c !== undefined) marks.push([c, pair.closeText, pair.closeChar]);
          for (const [at, raw, repl] of marks) {
            // A lone straight quote: which half it should be is the writer's to say.
            const correct = repl ? { zh: markInWords(repl, 'zh'), en: markInWords(repl, 'en') } : raw === "'" ? { zh: '左单引号‘或右单引号’', en: 'the opening ‘ or closing ’ single quotation mark' } : { zh: '左引号“或右引号”', en: 'the opening “ or closing ” quotation mark' };
            out.push({ start: at, end: at + 1, data: { quote: raw, correct: correct.zh, correctEn: correct.en, fixable: repl ? 1 : 0 }, fix: repl ? [{ start: at, end: at + 1, text: repl }] : undefined });
          }
        }
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------
// unbalanced-pair: “” ‘’ 《》 （） 【】 per logical paragraph, so a paragraph broken by hard
// line breaks is judged whole (a quote opened on one line and closed on the next is fine).

const OPENERS: Record<string, string> = { '“': 'quote', '‘': 'single', '《': 'title', '（': 'paren', '(': 'paren', '【': 'bracket' };
const CLOSERS: Record<string, string> = { '”': 'quote', '’': 'single', '》': 'title', '）': 'paren', ')': 'paren', '】': 'bracket' };
const PAIR_OF: Record<string, string> = { quote: '“”', single: '‘’', title: '《》', paren: '（）', bracket: '【】' };
const PAIR_MARK = /[“”‘’《》（）()【】]/g;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;
/** `1)`, `a）`, `一）` opening a list item: a closer with no opener by design. */
const ITEM_CLOSER = /(?:^|[\s。；：，、;:,])[0-9０-９a-zA-Z一二三四五六七八九十]{1,2}$/;

export const unbalancedPair: RuleRecord = {
  id: 'unbalanced-pair',
  title: { zh: '引号或括号不配对', en: 'Unbalanced quotes or brackets' },
  category: 'text',
  severity: 'warning',
  description: {
    zh: '引号、书名号、括号（“” ‘’ 《》 （） 【】）在段落内没有配对',
    en: 'Quotation marks, title marks or brackets (“” ‘’ 《》 （） 【】) not closed within a paragraph',
  },
  message: {
    zh: (d) => `${markInWords(String(d.mark), 'zh')}在本段中没有配对的${markInWords(String(d.partner), 'zh')}：请补上${d.closing ? '后' : '前'}一半，或删去多余的${markInWords(String(d.mark), 'zh')}。`,
    en: (d) => `${markInWords(String(d.mark), 'en').replace(/^the/, 'The')} has no matching ${markInWords(String(d.partner), 'en').replace(/^the /, '')} in this paragraph: add the ${d.closing ? 'closing' : 'opening'} mark or delete the stray one.`,
  },
  docs: {
    rationale: {
      zh: '删改时常把引号、书名号或括号删掉一半，打印稿上很显眼，念稿时也会让人分不清引文从哪里结束。本规则按逻辑段落检查 “” ‘’ 《》 （） 【】 是否成对：被硬回车断开的段落合起来判断，英文缩写中的撇号、“1）”这类条目序号不算。',
      en: 'Edits often delete half of a pair of quotation marks, title marks or brackets; it shows in print and blurs where a quotation ends. This rule checks that “” ‘’ 《》 （） 【】 pair up within each logical paragraph: a paragraph broken by hard line breaks is judged whole, and apostrophes in English or item markers like 1） do not count.',
    },
    bad: ['认真学习《关于加强基层治理的意见，抓好贯彻落实。', '要牢固树立“绿水青山就是金山银山的理念。', '会议强调）要坚持问题导向。'],
    good: [
      '认真学习《关于加强基层治理的意见》，牢固树立“绿水青山就是金山银山”的理念。',
      '要把“两个确立”\n的决定性意义落到实处（详见附件）。',
      '1）加强领导；2）压实责任。',
      'Don’t stop.',
    ],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    for (const p of ctx.model.paragraphs) {
      const t = p.text;
      const stack: Array<{ i: number; kind: string }> = [];
      const report = (i: number, closing: boolean, kind: string) => {
        const pair = PAIR_OF[kind];
        const at = p.offsetOf(i);
        out.push({ start: at, end: at + 1, data: { mark: t[i], partner: closing ? pair[0] : pair[1], closing: closing ? 0 : 1 } });
      };
      PAIR_MARK.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PAIR_MARK.exec(t))) {
        const i = m.index;
        const c = m[0];
        // An apostrophe (Don’t) is not a closing quotation mark.
        if (c === '’' && LATIN_OR_DIGIT.test(t[i - 1] ?? '') && LATIN_OR_DIGIT.test(t[i + 1] ?? '')) continue;
        const open = OPENERS[c];
        if (open) {
          stack.push({ i, kind: open });
          continue;
        }
        const close = CLOSERS[c];
        if (!close) continue;
        // Its opener among the last few open marks (a bounded search: no quadratic on junk).
        let k = stack.length - 1;
        while (k >= 0 && k >= stack.length - 16 && stack[k].kind !== close) k--;
        if (k >= 0 && stack[k].kind !== close) k = -1;
        if (k < 0) {
          if (close === 'paren' && ITEM_CLOSER.test(t.slice(Math.max(0, i - 3), i))) continue;
          // Half-width parentheses in English or code are not our business.
          if (c === ')' && !HAN.test(t.slice(Math.max(0, i - 2), i + 2))) continue;
          report(i, true, close);
          continue;
        }
        // Marks opened after the matching one and never closed.
        for (const x of stack.splice(k)) if (x.kind !== close) reportOpen(x);
      }
      for (const x of stack) reportOpen(x);
      function reportOpen(x: { i: number; kind: string }) {
        if (t[x.i] === '(' && !HAN.test(t.slice(Math.max(0, x.i - 2), x.i + 3))) return;
        report(x.i, false, x.kind);
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------
// halfwidth-punctuation: ASCII , : ; ! ? ( ) between Chinese characters. Each finding carries
// its own fix (one character, and the spaces half-width typography put after it), so the
// fix-all and the server's convertHalfwidth command convert the whole draft; never NFKC. A
// draft that is half-width throughout (copied from a site that normalised it) gets one
// finding whose fix converts every mark: a thousand findings of one cause bury the rest.

const FULLWIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）' };
const HALFWIDTH_MARK = /[,:;!?()]/g;
const HALF_NAMES: Record<string, [string, string]> = {
  ',': ['逗号', 'comma'], ':': ['冒号', 'colon'], ';': ['分号', 'semicolon'], '!': ['叹号', 'exclamation mark'],
  '?': ['问号', 'question mark'], '(': ['左括号', 'opening parenthesis'], ')': ['右括号', 'closing parenthesis'],
};
/** Chinese on this side: a Han character or Chinese punctuation. */
const CHINESE_SIDE = /[\p{Script=Han}“”‘’《》（）「」『』【】、，。：；！？…—]/u;
/** Marks a fix elsewhere turns Chinese (‛ → ”, " → “, ( → （): they do not stop the look. */
const QUOTE_LIKE = /["'‚‛„‟()]/;
/** A figure or a Latin word inside Chinese text: 50%; 20-33%; 刚才,XX等; 使用Python, */
const ALNUM_RUN = /[0-9A-Za-z.%\-~～/+]/;
const ALNUM = /[0-9A-Za-z]/;
/** Full-width sentence marks: a half-width one next to them is a doubled mark (doubled-punctuation's). */
const FULL_MARK = /[，。、；：！？]/;
/** At least this many half-width marks, and more than the full-width ones, make a half-width draft. */
const HALFWIDTH_DRAFT_MIN = 10;
/**
 * From this many on, the marks are one finding even in a draft that is mostly full-width (a
 * transcript typed with both): dozens of squiggles say nothing one finding with one fix does not.
 */
const HALFWIDTH_MANY = 20;

/** The first index from `k` in direction `step` that is not a space or a tab. */
function skipSpaces(t: string, k: number, step: 1 | -1): number {
  while (k >= 0 && k < t.length && (t[k] === ' ' || t[k] === '\t')) k += step;
  return k;
}

function chineseBefore(t: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (t[k] === ' ' || t[k] === '\t' || QUOTE_LIKE.test(t[k]))) k--;
  if (k >= 0 && CHINESE_SIDE.test(t[k])) return true;
  // A figure or a word ending here, after Chinese: 增长50%; 使用Python,
  let run = 0;
  while (k >= 0 && run < 20 && ALNUM_RUN.test(t[k])) (k--, run++);
  return run > 0 && run < 20 && k >= 0 && HAN.test(t[k]);
}

function chineseAfter(t: string, i: number): boolean {
  let k = i + 1;
  while (k < t.length && (t[k] === ' ' || t[k] === '\t' || QUOTE_LIKE.test(t[k]))) k++;
  if (k >= t.length) return true;
  if (CHINESE_SIDE.test(t[k])) return true;
  // A figure or a word that belongs to Chinese text: :2025年, ,3个, ,XX等.
  const run = /^[0-9A-Za-z.%\-~～/+]{1,20}/.exec(t.slice(k, k + 21));
  return !!run && HAN.test(t[k + run[0].length] ?? '');
}

export const halfwidthPunctuation: RuleRecord = {
  id: 'halfwidth-punctuation',
  title: { zh: '半角标点', en: 'Half-width punctuation' },
  category: 'text',
  severity: 'info',
  description: {
    zh: '中文之间用了半角标点 , : ; ! ? ( )',
    en: 'ASCII punctuation , : ; ! ? ( ) between Chinese characters',
  },
  message: {
    zh: (d) => `中文里用了半角${HALF_NAMES[String(d.mark)]?.[0] ?? ''}“${d.mark}”：应为全角“${d.full}”，可一键替换。`,
    en: (d) => `Half-width ${HALF_NAMES[String(d.mark)]?.[1] ?? 'mark'} “${d.mark}” in Chinese text: use the full-width “${d.full}”; the quick fix converts it.`,
  },
  variants: {
    document: {
      zh: (d) => `全文的标点几乎都是半角（共${d.count}处，如这里的“${d.mark}”），多见于从网页复制的文字：中文应使用全角标点，可一键全部转换。`,
      en: (d) => `Nearly all punctuation of this draft is half-width (${d.count} marks, such as this “${d.mark}”), as in text copied from some web sites: Chinese takes full-width punctuation; the quick fix converts them all.`,
    },
    many: {
      zh: (d) => `本稿有${d.count}处半角标点夹在中文里（如这里的${HALF_NAMES[String(d.mark)]?.[0] ?? ''}“${d.mark}”），多见于用英文输入法录入或从网页复制的文字：中文应使用全角标点，可一键全部转换。`,
      en: (d) => `This draft has ${d.count} half-width marks in Chinese text (such as this ${HALF_NAMES[String(d.mark)]?.[1] ?? 'mark'} “${d.mark}”), as typed with an English input method or copied from web pages: Chinese takes full-width punctuation; the quick fix converts them all.`,
    },
  },
  fixTitle: { zh: '改为全角标点', en: 'Use full-width punctuation' },
  fixKind: 'mechanical',
  docs: {
    rationale: {
      zh: '中文文稿应使用全角标点（GB/T 15834）。从网页、英文输入法或某些系统粘贴来的文字常带半角的逗号、冒号、括号，排版参差，印出来很显眼。本规则只检查夹在中文之间的半角 , : ; ! ? ( )，数字和英文之间的不算（3,000、10:30、A,B）；数字、英文词、引号紧挨着中文时照样检查（增长50%;、刚才,XX等）。每处都可一键改为全角；一篇从头到尾都是半角标点的稿子（至少10处，且多于全角标点），或半角标点多达20处的稿子，只报告一次，一个修复转换全文，命令“转换半角标点”也一次转换全文。只替换这几个标点本身，不做任何其他规范化。',
      en: 'Chinese text takes full-width punctuation (GB/T 15834). Text pasted from web pages, an English input method or some systems carries half-width commas, colons and brackets, which look ragged in print. This rule checks only , : ; ! ? ( ) between Chinese characters, not between digits or Latin letters (3,000, 10:30, A,B); a figure, an English word or a quotation mark next to the Chinese does not hide one (增长50%;, 刚才,XX等). Each has a quick fix; a draft that is half-width throughout (at least 10 marks, more than its full-width ones), or that has 20 half-width marks or more, is reported once, with one fix that converts the whole draft, as the “convert half-width punctuation” command does. Only these marks are replaced; nothing else is normalised.',
    },
    bad: ['同志们:', '今年以来,全市经济运行平稳。', '会议(扩大)由市委召开。', '目标是:2025年全面完成!', '全年增长50%;刚才,XX等单位作了发言。'],
    good: ['同志们：', '全年完成投资3,000亿元，会议于10:30开始。', 'He said: yes, (really)!', '今年以来，全市经济运行平稳。', '按1:2的比例配套，分A,B两类。'],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    // Markers whose form numbering-punctuation already fixes ((一) in a full-width draft).
    const inMarker = new Set<number>();
    for (const i of ctx.memo('numbering', () => computeNumbering(ctx.model))) {
      if (i.kind === 'punctuation') for (let o = i.marker.start; o < i.marker.end; o++) inMarker.add(o);
    }
    // The paragraphs, and the 同志们: of a salutation merged with the opening (no paragraph holds it).
    const units: Array<{ text: string; offsetOf(i: number): number }> = [...ctx.model.paragraphs];
    for (const s of ctx.model.speeches) {
      const sal = s.salutation;
      if (sal?.merged) units.push({ text: ctx.text.slice(sal.start, sal.end), offsetOf: (i) => sal.start + i });
    }
    for (const p of units) {
      const t = p.text;
      let parens: ReturnType<typeof pairedParentheses> | undefined;
      HALFWIDTH_MARK.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = HALFWIDTH_MARK.exec(t))) {
        const i = m.index;
        const c = m[0];
        const full = FULLWIDTH[c];
        // Between digits or Latin letters it is not Chinese punctuation: 3,000 10:30 A,B.
        if (ALNUM.test(t[i - 1] ?? '') && ALNUM.test(t[i + 1] ?? '')) continue;
        // Next to a full-width sentence mark (，, 。 ,) it is a doubled mark: doubled-punctuation's.
        if (c !== '(' && c !== ')' && (FULL_MARK.test(t[skipSpaces(t, i - 1, -1)] ?? '') || FULL_MARK.test(t[skipSpaces(t, i + 1, 1)] ?? ''))) continue;
        const flagged = c === '(' || c === ')' ? chineseParenthesis(t, i, (parens ??= pairedParentheses(t))) : chineseBefore(t, i) && chineseAfter(t, i);
        if (!flagged) continue;
        const at = p.offsetOf(i);
        if (inMarker.has(at)) continue;
        // The spaces half-width typography puts after , : ; ! ? go with it, when Chinese follows.
        let end = i + 1;
        if (c !== '(' && c !== ')') {
          while (end < t.length && (t[end] === ' ' || t[end] === '\t') && p.offsetOf(end) === at + (end - i)) end++;
          if (end < t.length && !CHINESE_SIDE.test(t[end])) end = i + 1;
        }
        const range = { start: at, end: at + (end - i) };
        out.push({ ...range, data: { mark: c, full }, fix: [{ ...range, text: full }] });
      }
    }
    out.sort((a, b) => a.start - b.start);
    if (out.length < HALFWIDTH_DRAFT_MIN) return out;
    const fullwidth = (ctx.text.match(/[，：；！？（）]/g) ?? []).length;
    if (out.length <= fullwidth && out.length < HALFWIDTH_MANY) return out;
    // Half-width throughout, or many marks: one finding at the first mark, one fix for every mark.
    const first = out[0];
    return [{
      start: first.start, end: first.end, variant: out.length > fullwidth ? 'document' : 'many', reach: 'document',
      data: { ...first.data, count: out.length },
      fix: out.flatMap((f) => f.fix!),
    }];
  },
};

/** A parenthesis in Chinese text: Chinese inside the pair, or on both sides of it (第(1)项, not f(x)). */
function chineseParenthesis(t: string, i: number, parens: { partner: Map<number, number>; hanBefore: Uint32Array }): boolean {
  const partner = parens.partner.get(i);
  if (partner === undefined) return CHINESE_SIDE.test(t[i - 1] ?? '') || CHINESE_SIDE.test(t[i + 1] ?? '');
  const [open, close] = t[i] === '(' ? [i, partner] : [partner, i];
  return parens.hanBefore[close] > parens.hanBefore[open + 1] || (chineseBefore(t, open) && CHINESE_SIDE.test(t[close + 1] ?? ''));
}

/**
 * Each half-width parenthesis's partner, and the count of Han characters before each index
 * (whether a pair holds Chinese is then one subtraction, however deeply pairs nest).
 */
function pairedParentheses(t: string): { partner: Map<number, number>; hanBefore: Uint32Array } {
  const partner = new Map<number, number>();
  const stack: number[] = [];
  const re = /[()]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const i = m.index;
    if (t[i] === '(') stack.push(i);
    else if (stack.length) {
      const o = stack.pop()!;
      partner.set(o, i);
      partner.set(i, o);
    }
  }
  const hanBefore = new Uint32Array(t.length + 1);
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    hanBefore[i + 1] = hanBefore[i] + ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ? 1 : 0);
  }
  return { partner, hanBefore };
}

// ---------------------------------------------------------------------------------------
// doubled-punctuation: the same sentence mark twice (。。 ，， 、、 ：：), a half-width twin of a
// full-width one (，,), or two marks that contradict each other (。， ，。 ！。). Not …… or ——
// (one mark of two characters), not ？！ ！！ ？？ (a slogan, a strong question), not ？， ！，
// (a question or exclamation inside a sentence, as older texts write it).

/** The class of a sentence mark; half-width twins belong to their full-width class. */
const MARK_CLASS: Record<string, string> = { '。': '。', '，': '，', ',': '，', '、': '、', '；': '；', ';': '；', '：': '：', ':': '：', '！': '！', '!': '！', '？': '？', '?': '？' };
const SENTENCE_MARK = /[。，、；：！？,;:!?]/;
const MARK_RANK: Record<string, number> = { '。': 3, '！': 3, '？': 3, '；': 2, '：': 2, '，': 1, '、': 1 };

export const doubledPunctuation: RuleRecord = {
  id: 'doubled-punctuation',
  title: { zh: '标点连用', en: 'Doubled punctuation mark' },
  category: 'text',
  severity: 'warning',
  description: {
    zh: '同一个标点连用两次（。。 ，， 、、 ：：），或两个互相矛盾的标点连用（。，）；不含 …… —— 和口号里的 ？！ ！！',
    en: 'The same sentence mark twice (。。 ，， 、、 ：：), or two that contradict each other (。，); not …… ——, nor ？！ ！！ in a slogan',
  },
  message: {
    zh: (d) => `${d.name}连用了${d.count}次：请只保留一个，可一键删去多余的。`,
    en: (d) => `${d.nameEn} ${d.count} times in a row: keep one; the quick fix deletes the others.`,
  },
  variants: {
    contradicting: {
      zh: (d) => `${d.name}后面紧跟着${d.second}，两个标点互相矛盾：请保留该用的那个。快速修复保留${d.kept}。`,
      en: (d) => `${d.nameEn} followed by ${d.secondEn}: the two marks contradict each other. Keep the one that belongs; the quick fix keeps ${d.keptEn}.`,
    },
    ellipsis: {
      zh: () => '用几个句号代替了省略号：省略号应写作“……”（两个三连点），可一键替换。',
      en: () => 'Full stops stand for an ellipsis: write “……” (two three-dot marks); the quick fix replaces them.',
    },
  },
  fixTitle: { zh: '删去多余的标点', en: 'Delete the extra mark' },
  fixKind: 'mechanical',
  docs: {
    rationale: {
      zh: '改稿时删一句、并一句，最容易留下两个连着的句号、逗号，或者句号后面又跟了逗号（“。，”）。印出来一眼就能看到，念稿时也不知道该停多久。本规则报告同一个标点连用（。。 ，， 、、 ：： ；；，包括全角和半角混用的“，,”）和互相矛盾的两个标点（“。，”“，。”“！。”）。省略号“……”、破折号“——”是一个标点，不报告；口号中的“！！”、“？！”也不报告。同一标点连用的修复只删多余的那个，由“全部修复”自动完成；互相矛盾的两个标点该留哪个要由作者决定，快速修复保留语气较重的那个（句末标点优先）。',
      en: 'Cutting or merging sentences leaves two full stops or commas in a row, or a full stop followed by a comma (。，). It shows at a glance in print, and the speaker does not know how long to pause. This rule reports the same mark twice (。。 ，， 、、 ：： ；；, also a full-width and a half-width one, ，,) and two marks that contradict each other (。， ，。 ！。). The ellipsis …… and the dash —— are single marks and are not reported, nor are ！！ and ？！ in a slogan. Deleting a doubled mark is done by fix-all; which of two contradicting marks to keep is the writer’s call, and the quick fix keeps the stronger one (a sentence’s end first).',
    },
    bad: ['今天召开全市工作会议。。', '全市经济运行平稳，，主要指标好于预期。', '要抓好学习、、宣传和落实。', '同志们：：', '要抓好落实。，各级各部门要高度重视。', '全市经济运行平稳，,主要指标好于预期。', '事情就这样定了。。。'],
    good: ['今天召开全市工作会议。', '他说：“我们一定能够完成任务……”', '团结就是力量！！', '难道我们不能做得更好吗？！', '这个问题怎么解决——要靠改革。'],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    const { text } = ctx;
    // A doubled mark after a marker (一、、) is the marker's form: numbering-punctuation fixes it whole.
    const markers = ctx.memo('numbering', () => computeNumbering(ctx.model)).filter((i) => i.kind === 'punctuation').map((i) => i.marker);
    const inMarker = (a: number, b: number) => markers.some((m) => m.start < b && a < m.end);
    const commentLines = new Set(ctx.model.comments.map((c) => c.line));
    const re = /[。，、；：！？][ \t]*[。，、；：！？,;:!?]|[,;:!?][ \t]*[。，、；：！？]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      // The whole run: marks with only spaces or tabs between them (a half-width mark may lead it: ?;：).
      let start = m.index;
      for (let k = start - 1; k >= 0 && (SENTENCE_MARK.test(text[k]) || text[k] === ' ' || text[k] === '\t'); k--) if (SENTENCE_MARK.test(text[k])) start = k;
      const marks: number[] = [];
      for (let k = start; k < text.length; k++) {
        if (SENTENCE_MARK.test(text[k])) marks.push(k);
        else if (text[k] !== ' ' && text[k] !== '\t') break;
      }
      let end = marks[marks.length - 1] + 1;
      re.lastIndex = end;
      // Spaces half-width typography put after a half-width last mark go with the run (，, 民生).
      if (/[,;:!?]/.test(text[end - 1])) {
        let k = end;
        while (text[k] === ' ' || text[k] === '\t') k++;
        if (k > end && k < text.length && CHINESE_SIDE.test(text[k])) end = k;
      }
      if (marks.length < 2 || inMarker(start, end) || (commentLines.size && commentLines.has(ctx.model.lineIndex.lineAt(start)))) continue;
      const chars = marks.map((i) => text[i]);
      const classes = chars.map((c) => MARK_CLASS[c]);
      // ！！ ？！ ！？？: emphasis, allowed; a half-width one there is halfwidth-punctuation's.
      if (classes.every((c) => c === '！' || c === '？')) continue;
      const first = classes[0];
      const name = markName(first);
      if (classes.every((c) => c === first)) {
        if (first === '。' && marks.length >= 3) {
          out.push({ start, end, variant: 'ellipsis', fix: [{ start, end, text: '……' }], fixKind: 'decision' });
          continue;
        }
        // One full-width mark stays, whatever mix of forms and spaces the run had.
        const fix: Edit[] = [{ start, end, text: first }];
        out.push({ start, end, data: { count: marks.length, name: name.zh, nameEn: name.en }, fix });
        continue;
      }
      // ？， ！，: a question or exclamation inside a sentence, which older texts write so.
      if ((first === '？' || first === '！') && classes[1] === '，') continue;
      const other = classes.find((c) => c !== first)!;
      const second = markName(other);
      // The quick fix keeps the stronger mark (a sentence's end over a pause), the first of equals.
      const kept = MARK_RANK[other] > MARK_RANK[first] ? other : first;
      const keptName = markName(kept);
      out.push({
        start, end, variant: 'contradicting',
        data: { name: name.zh, nameEn: name.en, second: second.zh, secondEn: second.en, kept: keptName.zh, keptEn: keptName.en },
        fix: [{ start, end, text: kept }],
        fixKind: 'decision',
      });
    }
    return out;
  },
};

/** A sentence mark named in words, with the mark after it (quoting “。” alone reads badly). */
function markName(cls: string): { zh: string; en: string } {
  const names: Record<string, [string, string]> = {
    '。': ['句号', 'full stop'], '，': ['逗号', 'comma'], '、': ['顿号', 'enumeration comma'], '；': ['分号', 'semicolon'],
    '：': ['冒号', 'colon'], '！': ['叹号', 'exclamation mark'], '？': ['问号', 'question mark'],
  };
  const [zh, en] = names[cls] ?? [cls, cls];
  return { zh: `${zh}“${cls}”`, en: `the ${en} “${cls}”` };
}

export const punctuationRules: RuleRecord[] = [unbalancedPair, nonstandardQuote, halfwidthPunctuation, doubledPunctuation];
