// Fix-all, judged: one pass of the mechanical fixes (what the editor's fix-all and
// `jianggao check --fix` apply), then a second check. Converged means nothing mechanically
// fixable is left, and the fixes made no finding of any kind that was not there before (a
// finding that only moved with the edits is the same finding).
import { applyEdits, fixAllEdits, Diagnostic } from '../../server/src/analysis';
import { check, mapOffset } from './properties';

export interface FixAllOutcome {
  fixed: string;
  before: Diagnostic[];
  after: Diagnostic[];
  /** Findings after the pass that fix-all would still fix. */
  leftFixable: Diagnostic[];
  /** Findings after the pass with no finding of their rule at their place before it. */
  created: Diagnostic[];
}

export function fixAllOnce(text: string, analyse: (t: string) => Diagnostic[] = (t) => check(t).diagnostics): FixAllOutcome {
  const before = analyse(text);
  const edits = fixAllEdits(before);
  const fixed = applyEdits(text, edits);
  const after = analyse(fixed);
  const image = (x: { start: number; end: number }) => [mapOffset(x.start, edits, 'start'), mapOffset(x.end, edits, 'end')];
  const overlaps = (x: { start: number; end: number }, [from, to]: number[]) => (x.start < to && from < x.end) || x.start === from || (x.start === x.end && from <= x.start && x.start <= to);
  const places = new Map<string, number[][]>();
  for (const d of before) {
    if (!places.has(d.rule)) places.set(d.rule, []);
    places.get(d.rule)!.push(image(d));
  }
  const created = after.filter((d) => !(places.get(d.rule) ?? []).some((p) => overlaps(d, p)));
  const leftFixable = after.filter((d) => d.fix && d.fixKind === 'mechanical');
  return { fixed, before, after, leftFixable, created };
}

/** A finding as a line of a test failure: rule, place and the text around it. */
export function describe(text: string, d: Diagnostic): string {
  const line = text.slice(0, d.start).split('\n').length;
  return `${d.rule} line ${line}: …${text.slice(Math.max(0, d.start - 8), d.end + 8).replace(/\n/g, '⏎')}… ${d.message}`;
}
