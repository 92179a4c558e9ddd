// Punctuation: quotation marks from the wrong script, pairs left open, ASCII punctuation
// between Chinese characters. Never NFKC-normalised: the writer's text is only ever changed
// by an explicit fix, character by character.

import { Paragraph } from '../model';
import { Edit, Finding, RuleRecord } from '../types';

const HAN = /\p{Script=Han}/u;

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
  category: 'text',
  severity: 'warning',
  description: {
    zh: '不规范的引号：‚‛ „‟，以及当作中文引号使用的直引号 " \'',
    en: 'Non-standard quotation marks: ‚‛ „‟, and straight " \' used as Chinese quotes',
  },
  message: {
    zh: (d) => `引号“${d.quote}”不规范：中文应使用“”（内层用‘’）${d.fixable ? '，可一键替换' : '，请手工改正'}。`,
    en: (d) => `Non-standard quotation mark “${d.quote}”: Chinese uses “” (‘’ inside)${d.fixable ? '; the quick fix replaces it' : '; correct it by hand'}.`,
  },
  fixTitle: { zh: '改为中文引号“”', en: 'Use Chinese quotation marks “”' },
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
          out.push({ start: o, end: c + 1, data: { quote: pair.openText + pair.closeText, fixable: 1 }, fix });
        } else {
          // A pair cut by a line break is reported on each line, each mark fixed on its own.
          const marks: Array<[number, string, string]> = [[o, pair.openText, pair.openChar]];
          if (c !== undefined) marks.push([c, pair.closeText, pair.closeChar]);
          for (const [at, raw, repl] of marks) {
            out.push({ start: at, end: at + 1, data: { quote: raw, fixable: repl ? 1 : 0 }, fix: repl ? [{ start: at, end: at + 1, text: repl }] : undefined });
          }
        }
      }
    }
    return out;
  },
};

export const punctuationRules: RuleRecord[] = [nonstandardQuote];
