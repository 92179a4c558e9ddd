// Text that came along with a copy and is not part of the speech: web addresses, site
// watermarks, page numbers of a PDF.

import { Finding, RuleRecord } from '../types';

const INLINE_STRAY = /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+|【[^】\n]{0,20}(?:网|网站|文库|范文|资料网|下载)[^】\n]{0,10}】/g;

export const strayText: RuleRecord = {
  id: 'stray-text',
  title: { zh: '混入的网址、水印或页码', en: 'Stray web text or page number' },
  category: 'structure',
  severity: 'warning',
  description: {
    zh: '讲话中夹带的网址、网站水印（【…网】）、页码（- 3 -）',
    en: 'Web addresses, site watermarks (【…网】) and page numbers (- 3 -) inside the speech',
  },
  message: {
    zh: (d) => `混入了与讲话无关的${d.kind === 'page' ? '页码' : d.kind === 'url' ? '网址' : '网站水印'}“${d.text}”：请删除。`,
    en: (d) => `Stray ${d.kind === 'page' ? 'page number' : d.kind === 'url' ? 'web address' : 'site watermark'} “${d.text}” is not part of the speech: delete it.`,
  },
  fixTitle: { zh: '删除混入的文字', en: 'Delete the stray text' },
  fixKind: 'mechanical', // a line that is nothing but the artefact; text inside a sentence is a decision per finding
  docs: {
    rationale: {
      zh: '从网站、PDF 复制的材料常带着网址、“【××范文网】”一类水印和页码。它们不属于讲话，打印出来会很难看。整行的删除整行，行内的只删除这段文字。',
      en: 'Text copied from web sites and PDFs brings web addresses, watermarks such as 【××范文网】 and page numbers along. They are not part of the speech. The fix deletes the whole line when the line is nothing else, or just the stray text.',
    },
    bad: ['同志们：\n今天召开会议。\nwww.example.com【范文网】', '要抓好落实。\n- 3 -\n要狠抓落实。', '详见www.example.com网站。'],
    good: ['同志们：\n今天召开会议，请大家认真落实。', '全年完成3-5项重点任务。'],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    const { text, model } = ctx;
    const strayLines = new Set(model.strays.map((s) => s.line));
    const commentLines = new Set(model.comments.map((c) => c.line));
    for (const s of model.strays) {
      const raw = text.slice(s.start, s.end);
      const kind = /^[-—–－第]|^\d|\//.test(raw) && !/www|http/.test(raw) ? 'page' : /www|http/.test(raw) ? 'url' : 'mark';
      // The fix removes the line together with its line break (the last line: its text).
      const line = model.lines[s.line];
      const next = model.lines[s.line + 1];
      const end = next ? next.start : line.end;
      const start = line.start;
      out.push({ start, end, data: { kind, text: raw }, fix: [{ start, end, text: '' }] });
    }
    INLINE_STRAY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = INLINE_STRAY.exec(text))) {
      const line = model.lineIndex.lineAt(m.index);
      if (strayLines.has(line)) continue;
      if (commentLines.has(line)) continue;
      const kind = m[0].startsWith('【') ? 'mark' : 'url';
      out.push({ start: m.index, end: m.index + m[0].length, data: { kind, text: m[0] }, fix: [{ start: m.index, end: m.index + m[0].length, text: '' }], fixKind: 'decision' });
    }
    return out;
  },
};
