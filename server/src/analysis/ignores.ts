// Ignoring one finding without touching the speech: an entry in `.jianggao.json`
//
//   "ignores": [{ "rule": "placeholder", "text": "××", "before": "今天召开全市", "after": "工作会议", "file": "drafts/2024.speech" }]
//
// names the rule and the flagged text, with a few characters of context on each side, as
// zhlint's ignoredCases do. It silences that finding wherever the passage moves (edits
// elsewhere in the draft do not matter) and nothing else: not the other placeholders of the
// paragraph, not a placeholder added later in another sentence. `file` (relative to the
// configuration file, `/` separated) limits it to one draft; without it, the entry holds for
// every draft under that configuration. Text is compared as written, except that full-width
// and half-width forms, look-alike characters, invisible characters and line breaks do not
// count, so an ignore survives fix-all (a comma made full-width, a salutation put on its own line).

import { Diagnostic } from './types';

export interface IgnoreEntry {
  /** The rule id. */
  rule: string;
  /** The flagged text (its first TEXT_LIMIT characters and `…` when longer). */
  text: string;
  /** Up to CONTEXT characters before it. */
  before?: string;
  /** Up to CONTEXT characters after it. */
  after?: string;
  /** The draft it belongs to, relative to the configuration file; none: every draft. */
  file?: string;
}

/** Characters of context kept on each side: enough to tell one 同志 from another. */
export const CONTEXT = 6;
const TEXT_LIMIT = 40;

/** The form text is compared in: NFKC (，→, ⼀→一), without whitespace and invisible characters. */
function key(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{Cf}\p{Cc}]/gu, '');
}

/** `n` characters of context from `from` going `step` (characters that count, see key()). */
function contextOf(text: string, from: number, step: 1 | -1, n: number): string {
  let out = '';
  let counted = 0;
  for (let i = from; i >= 0 && i < text.length && counted < n; i += step) {
    let ch = text[i];
    // Keep surrogate pairs whole.
    if (step === -1 && i > 0 && /[\udc00-\udfff]/.test(ch) && /[\ud800-\udbff]/.test(text[i - 1])) ch = text[--i] + ch;
    else if (step === 1 && /[\ud800-\udbff]/.test(ch) && /[\udc00-\udfff]/.test(text[i + 1] ?? '')) ch += text[++i];
    if (key(ch)) counted++;
    out = step === 1 ? out + ch : ch + out;
  }
  return out.replace(/^[\s]+|[\s]+$/g, '');
}

function flagged(text: string, d: { start: number; end: number }): string {
  const t = text.slice(d.start, d.end);
  const chars = Array.from(t);
  return chars.length > TEXT_LIMIT ? chars.slice(0, TEXT_LIMIT).join('') + '…' : t;
}

/** The entry that ignores this finding of this text (the code action "ignore here" writes it). */
export function ignoreEntryFor(text: string, d: Pick<Diagnostic, 'rule' | 'start' | 'end'>, file?: string): IgnoreEntry {
  const entry: IgnoreEntry = { rule: d.rule, text: flagged(text, d) };
  const before = contextOf(text, d.start - 1, -1, CONTEXT);
  const after = contextOf(text, d.end, 1, CONTEXT);
  if (before) entry.before = before;
  if (after) entry.after = after;
  if (file) entry.file = file;
  return entry;
}

function sameEntry(a: IgnoreEntry, b: IgnoreEntry): boolean {
  return a.rule === b.rule && key(a.text) === key(b.text) && key(a.before ?? '') === key(b.before ?? '') && key(a.after ?? '') === key(b.after ?? '') && (a.file ?? '') === (b.file ?? '');
}

/**
 * A copy of `config` with the entry added to its `ignores` (once: an entry already there is not
 * added again). Everything else in the configuration is kept as it was.
 */
export function addIgnore<T extends object>(config: T, entry: IgnoreEntry): T & { ignores: IgnoreEntry[] } {
  const current = (config as { ignores?: unknown }).ignores;
  const existing = Array.isArray(current) ? (current as IgnoreEntry[]) : [];
  const ignores = existing.some((e) => e && typeof e === 'object' && sameEntry(e, entry)) ? existing : [...existing, entry];
  return { ...config, ignores };
}

/**
 * The entries that hold for one draft (its path relative to the configuration file): those
 * without a file, and those naming it, with the file dropped. The analysis applies no entry
 * that still names a file: one that was never matched against the draft's path.
 */
export function ignoresFor(entries: readonly IgnoreEntry[], file: string | undefined): IgnoreEntry[] {
  const normal = (f: string) => f.replace(/\\/g, '/').replace(/^\.\//, '');
  return entries
    .filter((e) => !e.file || (file !== undefined && normal(e.file) === normal(file)))
    .map(({ file: _file, ...rest }) => rest);
}

/** A matcher for the diagnostics of one text: does an entry ignore this finding? */
export function ignoreMatcher(text: string, entries: readonly IgnoreEntry[]): (d: Pick<Diagnostic, 'rule' | 'start' | 'end'>) => boolean {
  if (!entries.some((e) => !e.file)) return () => false;
  const byRule = new Map<string, Array<{ text: string; prefix: boolean; before: string; after: string }>>();
  for (const e of entries) {
    // Not matched against this draft's path (ignoresFor): it may belong to another draft.
    if (e.file) continue;
    const t = key(e.text);
    const prefix = e.text.endsWith('…') && Array.from(e.text).length > TEXT_LIMIT;
    const list = byRule.get(e.rule) ?? [];
    list.push({ text: prefix ? key(e.text.slice(0, -1)) : t, prefix, before: key(e.before ?? ''), after: key(e.after ?? '') });
    byRule.set(e.rule, list);
  }
  return (d) => {
    const list = byRule.get(d.rule);
    if (!list) return false;
    const own = key(text.slice(d.start, d.end));
    return list.some((e) => {
      if (e.prefix ? !own.startsWith(e.text) : own !== e.text) return false;
      // As much context as the entry holds (a hand-written entry may hold more than CONTEXT).
      if (e.before && !key(contextOf(text, d.start - 1, -1, Array.from(e.before).length)).endsWith(e.before)) return false;
      if (e.after && !key(contextOf(text, d.end, 1, Array.from(e.after).length)).startsWith(e.after)) return false;
      return true;
    });
  };
}
