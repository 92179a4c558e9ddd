// Applying fixes. An edit replaces [start, end) of the original text; several edits are
// applied against the original offsets at once, so they never shift each other. Overlapping
// edits are dropped (the first one wins) rather than merged into something nobody asked for.

import { Diagnostic, Edit } from './types';

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = normaliseEdits(edits);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Sorted, de-duplicated, non-overlapping edits. Insertions at one point keep their order, and
 * insertions at a point may precede one replacement starting there (LSP allows exactly this:
 * "any number of inserts followed by a single remove or replace edit").
 */
export function normaliseEdits(edits: readonly Edit[]): Edit[] {
  const seen = new Set<string>();
  const unique = edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sorted = unique
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
    .map((x) => x.e);
  const out: Edit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd) continue;
    out.push(e);
    lastEnd = e.end;
  }
  return out;
}

/**
 * All edits of the fixable diagnostics (optionally of some rules only, or those `pick`ed).
 * Every finding of a renumbered sequence carries the same renumbering (one shared array):
 * it is taken once, so a sequence of n members gives n edits, not n² (13,000 duplicated
 * members in a pasted 10 MB line made fix-all build 170 million edits and throw).
 */
export function fixEdits(diagnostics: readonly Diagnostic[], rules?: ReadonlySet<string>, pick?: (d: Diagnostic) => boolean): Edit[] {
  const fixes = new Set<readonly Edit[]>();
  for (const d of diagnostics) if (d.fix && (!rules || rules.has(d.rule)) && (!pick || pick(d))) fixes.add(d.fix);
  const edits: Edit[] = [];
  for (const fix of fixes) for (const e of fix) edits.push(e);
  return edits;
}

/** A fix that only changes the form of the text (see FixKind): fix-all applies it. */
export function isMechanicalFix(d: Diagnostic): boolean {
  return !!d.fix && d.fixKind === 'mechanical';
}

/**
 * The edits of fix-all: every mechanical fix (optionally of some rules only), never a content
 * decision. The editor's fix-all, the CLI's `check --fix` and the server's commands all take
 * this one function, so they agree on what "fix everything" may change.
 */
export function fixAllEdits(diagnostics: readonly Diagnostic[], rules?: ReadonlySet<string>): Edit[] {
  return normaliseEdits(fixEdits(diagnostics, rules, isMechanicalFix));
}

/** The text after fix-all (mechanical fixes only), and how many findings it fixed. */
export function applyFixAll(text: string, diagnostics: readonly Diagnostic[], rules?: ReadonlySet<string>): { text: string; fixed: number } {
  const fixed = diagnostics.filter((d) => isMechanicalFix(d) && (!rules || rules.has(d.rule))).length;
  return { text: applyEdits(text, fixAllEdits(diagnostics, rules)), fixed };
}

/**
 * The fixes of "清理粘贴文本" (clean up pasted text): every pasted-character fix, and the Kangxi
 * numerals of markers (⼀、 ⼆是), which numbering-punctuation reports and fixes with the marker
 * so that the character is reported once.
 */
export function isPastedTextFix(d: Diagnostic): boolean {
  return !!d.fix && (d.rule === 'pasted-character' || (d.rule === 'numbering-punctuation' && (d.variant === 'kangxi' || d.variant === 'kangxiAll') && d.fixKind === 'mechanical'));
}
