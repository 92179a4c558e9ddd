// Text that came along with a copy and is not part of the speech: web addresses, site
// watermarks, page numbers of a PDF, and what a news page puts around a speech (photo
// captions and credits, source lines, datelines, editor's notes; see artefacts.ts). The fix
// deletes it; it is never joined to the text around it.

import { Finding, RuleRecord } from '../types';

const INLINE_STRAY = /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+|【[^】\n]{0,20}(?:网|网站|文库|范文|资料网|下载)[^】\n]{0,10}】/g;

const KIND_ZH: Record<string, string> = {
  url: '网址', mark: '网站水印', page: '页码', caption: '图片说明', credit: '摄影或编辑署名',
  source: '来源标注', dateline: '新闻电头', note: '编者按',
};
const KIND_EN: Record<string, string> = {
  url: 'web address', mark: 'site watermark', page: 'page number', caption: 'photo caption', credit: 'photo or editor credit',
  source: 'source line', dateline: 'news dateline', note: "editor's note",
};

const HAN = /[\u4e00-\u9fff]/;
const GAP = /[ \t\u3000]/;

/**
 * The spaces of a title spaced out character by character (弘 扬 精 神): the gaps that follow a
 * character standing alone, as narrow as the narrowest of them, when there are three or more.
 * A gap after a word (2013 新 年) or a wider one between phrases (聚 力  再 创) is kept.
 */
function spacedOut(text: string, start: number, end: number): Array<{ start: number; end: number; text: string }> {
  const gaps: Array<{ start: number; end: number }> = [];
  let token = start;
  for (let i = start; i < end; i++) {
    if (!GAP.test(text[i])) continue;
    let j = i;
    while (j < end && GAP.test(text[j])) j++;
    const single = i - token === 1 && HAN.test(text[token]);
    if (single && j < end && /[\u4e00-\u9fff“‘《（]/.test(text[j])) gaps.push({ start: i, end: j });
    token = j;
    i = j - 1;
  }
  if (gaps.length < 3) return [];
  const narrowest = Math.min(...gaps.map((g) => g.end - g.start));
  const edits = gaps.filter((g) => g.end - g.start === narrowest).map((g) => ({ ...g, text: '' }));
  return edits.length >= 3 ? edits : [];
}

function shorten(s: string, n = 24): string {
  const chars = Array.from(s);
  return chars.length <= n ? s : chars.slice(0, n).join('') + '…';
}

export const strayText: RuleRecord = {
  id: 'stray-text',
  title: { zh: '混入的网址、水印或页码', en: 'Stray web text or page number' },
  category: 'structure',
  severity: 'warning',
  description: {
    zh: '讲话中夹带的网址、网站水印（【…网】）、页码（- 3 -），以及从新闻网页带来的图片说明、摄影署名、来源标注（（来源：新华社））、电头和编者按',
    en: 'Web addresses, site watermarks (【…网】), page numbers (- 3 -), and what a news page brings along: photo captions and credits, source lines (（来源：新华社）), datelines, editor\'s notes',
  },
  message: {
    zh: (d) => `混入了与讲话无关的${KIND_ZH[d.kind] ?? '文字'}“${d.text}”：请删除。`,
    en: (d) => `Stray ${KIND_EN[d.kind] ?? 'text'} “${d.text}” is not part of the speech: delete it.`,
  },
  variants: {
    spaced: {
      zh: () => '标题的字与字之间打了空格（网页或排版留下的）：请删除字间空格，字距用排版设置。',
      en: () => 'The title has spaces typed between its characters (left by a web page or a layout): delete them and set the spacing in the layout.',
    },
  },
  fixTitle: { zh: '删除混入的文字', en: 'Delete the stray text' },
  fixKind: 'mechanical', // a line that is nothing but the artefact; text inside a sentence is a decision per finding
  docs: {
    rationale: {
      zh: '从网站、PDF 复制的材料常带着网址、“【××范文网】”一类水印和页码；从新闻网页复制的讲话还带着图片说明（“……新华社记者 ××× 摄”）、“摄影 ×××”、“（来源：××）”“《××日报》（××版）”这样的来源标注、“新华社北京×月×日电”电头和编者按。它们不属于讲话，念出来、印出来都不对，也不是要和上下文合并的断行。整行的删除整行，行首行尾的只删除这段文字。标题字与字之间打的空格（“弘 扬 精 神”，网页字距留下的）作为提示报告，快速修复删去字间空格，词组之间更宽的空格保留。',
      en: 'Text copied from web sites and PDFs brings web addresses, watermarks such as 【××范文网】 and page numbers along; a speech copied from a news page also brings photo captions (…新华社记者 ××× 摄), credits (摄影 ×××), source lines (（来源：××）, 《××日报》（××版）), datelines (新华社北京×月×日电) and editor\'s notes. They are not part of the speech, and not broken lines to be joined to the text around them. The fix deletes the whole line when the line is nothing else, or just the stray text at its start or end. Spaces typed between the characters of a title (弘 扬 精 神, from a web page\'s letter-spacing) are information: the fix deletes them and keeps the wider spaces between phrases.',
    },
    bad: [
      '同志们：\n今天召开会议。\nwww.example.com【范文网】', '要抓好落实。\n- 3 -\n要狠抓落实。', '详见www.example.com网站。',
      '在全市植树节动员大会上的讲话\n市长在动员大会上讲话。本报记者 王小明 摄\n同志们：\n今天召开动员大会。',
      '同志们：\n今天召开会议。\n谢谢大家！\n（来源：市政府网站）',
      '新华社南京3月12日电\n在全市植树节动员大会上的讲话\n同志们：\n今天召开动员大会。',
      '在全市植树节动员大会上的讲话\n摄影 王小明\n同志们：\n今天召开动员大会。',
      '凝 心 聚 力  再 创 辉 煌\n——在全县动员大会上的讲话\n同志们：\n今天召开动员大会。',
    ],
    good: ['同志们：\n今天召开会议，请大家认真落实。', '全年完成3-5项重点任务。', '凝心聚力  再创辉煌\n——在全县动员大会上的讲话\n县委书记  王 明\n同志们：\n今天召开动员大会。', '同志们：\n要加强影视拍摄基地建设，做好新闻摄影工作。\n图书馆、文化馆要免费开放。'],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    const { text, model } = ctx;
    const strayLines = new Set(model.strays.filter((s) => s.whole).map((s) => s.line));
    const commentLines = new Set(model.comments.map((c) => c.line));
    for (const s of model.strays) {
      const raw = text.slice(s.start, s.end).trim();
      const data = { kind: s.kind, text: shorten(raw, s.kind === 'url' || s.kind === 'mark' ? 60 : 24) };
      if (!s.whole) {
        // Part of a line (a dateline run into the title): what is left must be read again.
        out.push({ start: s.start, end: s.end, data, fix: [{ start: s.start, end: s.end, text: '' }], fixKind: 'decision' });
        continue;
      }
      // The fix removes the line together with its line break (the last line: its text).
      const line = model.lines[s.line];
      const next = model.lines[s.line + 1];
      const end = next ? next.start : line.end;
      const start = line.start;
      out.push({ start, end, data, fix: [{ start, end, text: '' }] });
    }
    // Spaces typed between the characters of a title: information, the fix keeps phrase breaks.
    for (const sp of model.speeches) {
      if (!sp.title || sp.title.fromHeader) continue;
      const edits = sp.title.paragraphs.flatMap((p) => spacedOut(text, p.start, p.end));
      if (edits.length) out.push({ start: sp.title.start, end: sp.title.end, severity: 'info', variant: 'spaced', data: { kind: 'spaced' }, fix: edits });
    }
    INLINE_STRAY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = INLINE_STRAY.exec(text))) {
      const line = model.lineIndex.lineAt(m.index);
      if (strayLines.has(line)) continue;
      if (commentLines.has(line)) continue;
      const kind = m[0].startsWith('【') ? 'mark' : 'url';
      out.push({ start: m.index, end: m.index + m[0].length, data: { kind, text: shorten(m[0], 40) }, fix: [{ start: m.index, end: m.index + m[0].length, text: '' }], fixKind: 'decision' });
    }
    return out;
  },
};
