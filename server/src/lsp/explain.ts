// What a hover says about a finding, all from the rule's record: its short name, why it
// matters (the first sentences of the rationale), a bad example and a good one, what this
// finding's fix will do, and the rule's page. Examples are the record's tested drafts: the
// bad one as the rule's own fix leaves it when it has a fix (so the pair is a before and
// after), else the good draft closest to it; only the lines where the two differ are shown.

import { AnalysisOptions, applyEdits, Diagnostic, fixEdits, Locale, RULE_BY_ID, RuleRecord, ruleTitle } from '../analysis';
import { DEFAULT_OPTIONS } from '../analysis/options';

export interface ExamplePair {
  bad: string;
  good: string;
  /** The good example is the bad one after the rule's fix. */
  fixed: boolean;
}

/** Findings of one rule on an example (with word segmentation when it is loaded). */
export type RuleRunner = (text: string, options: AnalysisOptions, rule: string) => Promise<Diagnostic[] | undefined>;

/** Characters the two share at both ends, against the longer's length: 1 for the same text. */
function closeness(a: string, b: string): number {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return (p + s) / Math.max(a.length, b.length, 1);
}

/** A before/after pair for a rule, or undefined when its record has no example. */
export async function examplePair(rule: RuleRecord, locale: Locale, run: RuleRunner): Promise<ExamplePair | undefined> {
  const { bad, good } = rule.docs;
  if (!bad.length) return undefined;
  const options: AnalysisOptions = { ...DEFAULT_OPTIONS, ...rule.docs.exampleOptions, locale, rules: { [rule.id]: 'warning' } };
  if (rule.fixTitle) {
    // The shortest bad example the fix cleans completely.
    for (const b of [...bad].sort((x, y) => x.length - y.length)) {
      const found = await run(b, options, rule.id);
      if (!found?.some((d) => d.fix)) continue;
      const after = applyEdits(b, fixEdits(found));
      const left = await run(after, options, rule.id);
      if (after !== b && left && left.length === 0) return { bad: b, good: after, fixed: true };
    }
  }
  if (!good.length) return undefined;
  let best: ExamplePair | undefined;
  let score = -1;
  for (const b of bad) {
    for (const g of good) {
      const c = closeness(b, g) - (b.length + g.length) / 1e6;
      if (c > score) {
        score = c;
        best = { bad: b, good: g, fixed: false };
      }
    }
  }
  return best;
}

const MAX_EXAMPLE_LINES = 4;
const MAX_LINE = 48;

/** The lines of each where the two differ, a line of context around them, `…` for the rest. */
export function differingLines(bad: string, good: string): { bad: string[]; good: string[] } {
  const a = bad.split('\n');
  const b = good.split('\n');
  let p = 0;
  while (p < a.length - 1 && p < b.length - 1 && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p - 1 && s < b.length - p - 1 && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const short = (lines: string[]) => lines.map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l));
  // Short drafts are shown whole: their first line is the context a reader needs.
  if (a.length <= MAX_EXAMPLE_LINES && b.length <= MAX_EXAMPLE_LINES) return { bad: short(a), good: short(b) };
  const cut = (lines: string[]) => {
    const from = Math.max(0, p - 1);
    const to = Math.min(lines.length, lines.length - s + 1);
    let shown = short(lines.slice(from, to));
    if (shown.length > MAX_EXAMPLE_LINES) shown = [...shown.slice(0, MAX_EXAMPLE_LINES - 1), '…'];
    if (from > 0) shown.unshift('…');
    if (to < lines.length) shown.push('…');
    return shown;
  };
  return { bad: cut(a), good: cut(b) };
}

/** The first sentences of the rationale: why it matters; the page says the rest. */
export function whyItMatters(rule: RuleRecord, locale: Locale): string {
  const text = rule.docs.rationale[locale];
  const sentences = locale === 'en' ? text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text] : text.match(/[^。！？]+[。！？]?/g) ?? [text];
  // Enough to say why (a sentence or two), short enough to read in a hover.
  const [enough, most] = locale === 'en' ? [100, 260] : [40, 120];
  let out = '';
  for (const s of sentences) {
    if (out && out.length + s.length > most) break;
    out += s;
    if (out.length >= enough) break;
  }
  // A rule named in the rationale by its id is named by its title here, as in the menus.
  return out.trim().replace(/\b[a-z]+(?:-[a-z]+)+\b/g, (id) => {
    const other = RULE_BY_ID.get(id);
    if (!other) return id;
    return locale === 'en' ? `“${ruleTitle(other, 'en')}”` : `「${ruleTitle(other, 'zh')}」`;
  });
}

/** `「的的」→「的」`: what this finding's fix does to the text it touches. */
export function fixPreview(text: string, d: Diagnostic, locale: Locale): string | undefined {
  if (!d.fix?.length) return undefined;
  const start = Math.min(d.start, ...d.fix.map((e) => e.start));
  const end = Math.max(d.end, ...d.fix.map((e) => e.end));
  if (end - start > 60) return undefined;
  const before = text.slice(start, end);
  const after = applyEdits(before, d.fix.map((e) => ({ ...e, start: e.start - start, end: e.end - start })));
  const show = (s: string) => visible(s.replace(/\r?\n/g, '⏎'));
  return locale === 'en' ? `“${show(before)}” → “${show(after)}”` : `「${show(before)}」→「${show(after)}」`;
}

const code = (ch: string) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
/** Characters a hover cannot show: control and format characters, odd spaces. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u00a0\u2000-\u200a\u202f\u205f]/u;
/** Characters that look like common ones: Kangxi and supplementary radicals, compatibility ideographs. */
const LOOK_ALIKE = /[\u2e80-\u2fdf\uf900-\ufaff\u{2f800}-\u{2fa1f}]/u;

/** The text with what the eye cannot tell apart named by its code point (要抓好⟨U+0007⟩落实, 前⼀⟨U+2F00⟩阶段). */
export function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\t' || ch === '\n' || ch === '\r') out += ch;
    else if (INVISIBLE.test(ch)) out += code(ch);
    else if (LOOK_ALIKE.test(ch)) out += ch + code(ch);
    else out += ch;
  }
  return out;
}

const fence = (lines: string[]) => ['```text', ...lines.map(visible), '```'];

/** The hover text (Markdown) for one finding. */
export function explainFinding(rule: RuleRecord, d: Diagnostic, text: string, locale: Locale, pair: ExamplePair | undefined, page: string): string {
  const en = locale === 'en';
  const out: string[] = [];
  out.push(`**${ruleTitle(rule, locale)}**`, '', whyItMatters(rule, locale));
  if (pair) {
    const { bad, good } = differingLines(pair.bad, pair.good);
    out.push('', en ? 'Example:' : '示例：', ...fence([...bad.map((l, i) => `${i ? '  ' : '✗ '}${l}`), ...good.map((l, i) => `${i ? '  ' : '✓ '}${l}`)]));
  }
  const preview = fixPreview(text, d, locale);
  if (d.fix?.length) {
    const title = rule.fixTitle?.[locale] ?? (en ? 'Fix' : '修复');
    // Whether fix-all takes it (a mechanical fix) or it waits for the writer (a content decision).
    const kind = d.fixKind === 'mechanical'
      ? (en ? ' It changes only the form: fixing everything includes it.' : '只改形式、不改内容，“修复所有”也会一并修复。')
      : (en ? ' It decides content: applied only when you choose it, never by fixing everything.' : '这是内容上的取舍：只在你选用时修改，“修复所有”不会替你改。');
    out.push('', en ? `Quick fix: ${title}${preview ? ` (${preview})` : ''}.${kind}` : `快速修复：${title}${preview ? `（${preview}）` : ''}。${kind}`);
  } else {
    out.push('', en ? 'No automatic fix: change the text as the message says.' : '没有自动修复：请按提示修改原文。');
  }
  out.push('', `[${en ? 'Rule page' : '规则说明'}](${page})`);
  return out.join('\n');
}
