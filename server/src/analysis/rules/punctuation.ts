// Punctuation: quotation marks from the wrong script, pairs left open, ASCII punctuation
// between Chinese characters. Never NFKC-normalised: the writer's text is only ever changed
// by an explicit fix, character by character.

import { Paragraph } from '../model';
import { computeNumbering } from '../numbering';
import { Edit, Finding, RuleContext, RuleRecord } from '../types';

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
  title: { zh: '引号不规范', en: 'Non-standard quotation marks' },
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
    zh: (d) => `“${d.mark}”没有配对的“${d.partner}”：请在本段中补上${d.closing ? '后' : '前'}一半，或删去多余的“${d.mark}”。`,
    en: (d) => `“${d.mark}” has no matching “${d.partner}” in this paragraph: add the ${d.closing ? 'closing' : 'opening'} mark or delete the stray one.`,
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
// fix-all and the server's convertHalfwidth command convert the whole draft; never NFKC.

const FULLWIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）' };
const HALFWIDTH_MARK = /[,:;!?()]/g;
/** Chinese on this side: a Han character or Chinese punctuation. */
const CHINESE_SIDE = /[\p{Script=Han}“”‘’《》（）「」『』【】、，。：；！？…—]/u;

function chineseBefore(t: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (t[k] === ' ' || t[k] === '\t')) k--;
  return k >= 0 && CHINESE_SIDE.test(t[k]);
}

function chineseAfter(t: string, i: number): boolean {
  let k = i + 1;
  while (k < t.length && (t[k] === ' ' || t[k] === '\t')) k++;
  if (k >= t.length) return true;
  if (CHINESE_SIDE.test(t[k])) return true;
  // A number that belongs to Chinese text: :2025年, ,3个.
  const digits = /^[0-9.%]+/.exec(t.slice(k, k + 20));
  return !!digits && HAN.test(t[k + digits[0].length] ?? '');
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
    zh: (d) => `中文里用了半角“${d.mark}”：应为全角“${d.full}”，可一键替换。`,
    en: (d) => `Half-width “${d.mark}” in Chinese text: use the full-width “${d.full}”; the quick fix converts it.`,
  },
  fixTitle: { zh: '改为全角标点', en: 'Use full-width punctuation' },
  docs: {
    rationale: {
      zh: '中文文稿应使用全角标点（GB/T 15834）。从网页、英文输入法或某些系统粘贴来的文字常带半角的逗号、冒号、括号，排版参差，印出来很显眼。本规则只检查夹在中文之间的半角 , : ; ! ? ( )，数字（3,000、10:30）和英文中的不算；每处都可一键改为全角，命令“转换半角标点”可一次转换全文。只替换这几个标点本身，不做任何其他规范化。',
      en: 'Chinese text takes full-width punctuation (GB/T 15834). Text pasted from web pages, an English input method or some systems carries half-width commas, colons and brackets, which look ragged in print. This rule checks only , : ; ! ? ( ) between Chinese characters (not in numbers like 3,000 or 10:30, nor in English); each has a quick fix, and the “convert half-width punctuation” command converts the whole draft. Only these marks are replaced; nothing else is normalised.',
    },
    bad: ['同志们:', '今年以来,全市经济运行平稳。', '会议(扩大)由市委召开。', '目标是:2025年全面完成!'],
    good: ['同志们：', '全年完成投资3,000亿元，会议于10:30开始。', 'He said: yes, (really)!', '今年以来，全市经济运行平稳。'],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    // Markers whose form numbering-punctuation already fixes ((一) in a full-width draft).
    const inMarker = new Set<number>();
    for (const i of ctx.memo('numbering', () => computeNumbering(ctx.model))) {
      if (i.kind === 'punctuation') for (let o = i.marker.start; o < i.marker.end; o++) inMarker.add(o);
    }
    for (const p of ctx.model.paragraphs) {
      const t = p.text;
      let parens: ReturnType<typeof pairedParentheses> | undefined;
      HALFWIDTH_MARK.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = HALFWIDTH_MARK.exec(t))) {
        const i = m.index;
        const c = m[0];
        const full = FULLWIDTH[c];
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
    return out;
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

export const punctuationRules: RuleRecord[] = [unbalancedPair, nonstandardQuote, halfwidthPunctuation];
