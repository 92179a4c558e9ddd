// Invariants every analysis must keep, whatever the text: used by the property tests
// (test/unit/property*.test.ts). Each function throws an AssertionError that says which
// diagnostic broke which promise, so a shrunk counterexample reads as a bug report.
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, applyEdits, normaliseEdits, fixAllEdits, isMechanicalFix, AnalysisResult, Diagnostic, Edit, DocumentModel, RULES } from '../../server/src/analysis';
import type { Marker } from '../../server/src/analysis/markers';
import { testWords } from './words';

/** The numbering rules whose fix renumbers the flagged marker's whole sequence. */
export const RENUMBER_RULES = new Set(['numbering-gap', 'numbering-duplicate', 'numbering-start']);

/** Rules that are off by default are switched on here: their invariants hold for those who use them. */
const EVERY_RULE_ON = { rules: Object.fromEntries(RULES.filter((r) => r.offByDefault).map((r) => [r.id, r.severity])) };

export function check(text: string): AnalysisResult {
  return analyze(text, { words: testWords(), options: EVERY_RULE_ON });
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** An offset that cuts a surrogate pair (or a CRLF) in two. */
function splits(text: string, o: number): string | undefined {
  if (o <= 0 || o >= text.length) return undefined;
  if (isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) return 'a surrogate pair';
  if (text[o - 1] === '\r' && text[o] === '\n') return 'a CRLF line break';
  return undefined;
}

const show = (d: Diagnostic) => `${d.rule} [${d.start}, ${d.end})`;

function assertBoundary(text: string, o: number, what: string): void {
  assert.ok(Number.isInteger(o) && o >= 0 && o <= text.length, `${what}: offset ${o} outside the document (length ${text.length})`);
  const cut = splits(text, o);
  assert.equal(cut, undefined, `${what}: offset ${o} splits ${cut}`);
}

/**
 * Analysis results are well formed: no rule failed, every range (diagnostic, related
 * location, fix edit) lies inside the document and splits neither a surrogate pair nor a
 * CRLF, and LSP positions computed by the analysis agree with what an LSP client computes
 * (vscode-languageserver-textdocument) for the same offsets.
 */
export function assertWellFormed(text: string, result: AnalysisResult): void {
  assert.deepEqual(result.ruleErrors, [], 'no rule threw');
  const doc = TextDocument.create('file:///x.speech', 'speech', 1, text);
  const samePosition = (o: number, what: string) => {
    assert.deepEqual(result.model.lineIndex.positionAt(o), doc.positionAt(o), `${what}: LSP position of offset ${o}`);
  };
  const checkedFixes = new Set<readonly Edit[]>();
  for (const d of result.diagnostics) {
    assertBoundary(text, d.start, `${show(d)} start`);
    assertBoundary(text, d.end, `${show(d)} end`);
    assert.ok(d.start <= d.end, `${show(d)}: start after end`);
    samePosition(d.start, show(d));
    samePosition(d.end, show(d));
    assert.ok(d.message.length > 0, `${show(d)}: empty message`);
    for (const r of d.related ?? []) {
      assertBoundary(text, r.start, `${show(d)} related start`);
      assertBoundary(text, r.end, `${show(d)} related end`);
      assert.ok(r.start <= r.end, `${show(d)}: related start after end`);
    }
    // A renumbering is one array shared by the findings of its sequence: checked once.
    if (d.fix && checkedFixes.has(d.fix)) continue;
    if (d.fix) checkedFixes.add(d.fix);
    for (const e of d.fix ?? []) {
      assertBoundary(text, e.start, `${show(d)} fix edit start`);
      assertBoundary(text, e.end, `${show(d)} fix edit end`);
      assert.ok(e.start <= e.end, `${show(d)}: fix edit start after end`);
      samePosition(e.start, `${show(d)} fix edit`);
      samePosition(e.end, `${show(d)} fix edit`);
    }
  }
  // A bound proportional to the input: a runaway loop shows up as runaway output.
  assert.ok(result.diagnostics.length <= 2 * text.length + 10 * result.model.speeches.length, `${result.diagnostics.length} diagnostics for ${text.length} characters`);
}

/** Every numbering marker the parser recognised, leading and inline. */
export function markersOf(model: DocumentModel): Marker[] {
  return model.speeches.flatMap((s) => [...s.allItems.map((x) => x.marker), ...s.paragraphs.flatMap((p) => p.inline)]);
}

const NUMERAL = /^(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2}|[①-⑳])$/;

/**
 * Where a fix may write:
 * - an ordinary fix: every edit inside the diagnostic's range [start, end], or inside one of
 *   its related locations (one deviation used in several places is one finding whose fix
 *   corrects all of them: the other places are its related locations);
 * - a document-wide fix (reach 'document': a half-width draft): one mark per edit, its own place among them;
 * - a renumber fix (numbering-gap/-duplicate/-start): every edit replaces exactly the numeral
 *   of a marker (with a numeral: 一…九十九, 1…99, ①…⑳), or the whole marker when its form
 *   is also wrong (with a canonical marker), and every edited marker is of the same kind,
 *   level and style as the flagged one and in the same speech: the fix touches the numerals
 *   of one sequence and nothing else.
 */
export function assertFixScope(text: string, result: AnalysisResult, d: Diagnostic): void {
  const fix = d.fix ?? [];
  if (d.reach === 'document') {
    // One finding for every place of its kind (a half-width draft, a pasted document): its own
    // range is the first place, and each edit replaces one flagged place (a mark with the
    // spaces after it, a run of invisible characters) by at most as many characters, so the
    // fix touches those places and nothing between them.
    assert.ok(fix.some((e) => e.start === d.start && e.end === d.end), `${show(d)}: a document-wide fix that does not fix its own place`);
    for (const e of fix) {
      const replaced = text.slice(e.start, e.end);
      assert.ok(e.end > e.start && Array.from(e.text).length <= Array.from(replaced).length && /^[\s\S]{0,64}$/.test(replaced) && !/[\p{L}\p{N}]/u.test(replaced.replace(/[\u2f00-\u2fd5\u2e80-\u2ef3\uf900-\ufaff]|\ud87e[\udc00-\ude1f]/g, '')), `${show(d)}: document-wide edit [${e.start}, ${e.end}) ${JSON.stringify(replaced)} → ${JSON.stringify(e.text)} is not one flagged place`);
    }
    return;
  }
  if (!RENUMBER_RULES.has(d.rule)) {
    const places = [{ start: d.start, end: d.end }, ...(d.related ?? []).filter((r) => !r.external)];
    for (const e of fix) assert.ok(places.some((p) => p.start <= e.start && e.end <= p.end), `${show(d)}: fix edit [${e.start}, ${e.end}) outside the diagnostic and its related locations`);
    return;
  }
  const markers = markersOf(result.model);
  const flagged = markers.find((m) => m.start === d.start && m.end === d.end);
  assert.ok(flagged, `${show(d)}: no marker at the diagnostic`);
  const speech = result.model.speeches.find((s) => s.start <= d.start && d.start <= s.end);
  for (const e of fix) {
    const m = markers.find((x) => (x.numeralStart === e.start && x.numeralEnd === e.end) || (x.start === e.start && x.end === e.end));
    assert.ok(m, `${show(d)}: renumber edit [${e.start}, ${e.end}) "${text.slice(e.start, e.end)}" → "${e.text}" is not a marker's numeral`);
    const numeralOnly = m.numeralStart === e.start && m.numeralEnd === e.end;
    if (numeralOnly) assert.match(e.text, NUMERAL, `${show(d)}: renumber writes "${e.text}", not a numeral`);
    else assert.ok(m.formProblem, `${show(d)}: the whole marker "${m.raw}" is rewritten though its form is right`);
    assert.equal(m.kind, flagged.kind, `${show(d)}: renumbers a marker of another kind`);
    assert.equal(m.level, flagged.level, `${show(d)}: renumbers a marker of another level`);
    assert.equal(m.style, flagged.style, `${show(d)}: renumbers a marker of another style`);
    assert.ok(speech && speech.start <= m.start && m.start <= speech.end, `${show(d)}: renumbers a marker in another speech`);
  }
}

/** Independent application: edits sorted, non-overlapping, spliced in. */
export function splice(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    assert.ok(e.start >= at, `edits overlap at ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Where an offset of the original text lands after the edits ('start' before an insertion at it, 'end' after). */
export function mapOffset(o: number, edits: readonly Edit[], bias: 'start' | 'end'): number {
  let delta = 0;
  for (const e of normaliseEdits(edits)) {
    if (e.end < o || (e.end === o && (e.start < o || bias === 'end'))) delta += e.text.length - (e.end - e.start);
    else if (e.start < o) return e.start + delta + (bias === 'end' ? e.text.length : 0);
  }
  return o + delta;
}

/**
 * The edits that together fix one finding. Usually its own fix. A renumber fix changes
 * numerals only and leaves members of its sequence whose marker form is also wrong
 * (一， ⼆、 １.) to their numbering-punctuation fix, whose corrected marker carries the new
 * number (numbering.ts): for those, the fix is the renumbering plus the punctuation fixes of
 * the markers of the same kind, level and style in the same speech.
 */
export function completeFix(result: AnalysisResult, d: Diagnostic): Edit[] {
  if (!RENUMBER_RULES.has(d.rule)) return d.fix!;
  const markers = markersOf(result.model);
  const flagged = markers.find((m) => m.start === d.start && m.end === d.end);
  const speech = result.model.speeches.find((s) => s.start <= d.start && d.start <= s.end);
  const sameSequenceKind = (x: Diagnostic) => {
    const m = markers.find((y) => y.start === x.start && y.end === x.end);
    return !!m && !!flagged && !!speech && m.kind === flagged.kind && m.level === flagged.level && m.style === flagged.style && speech.start <= m.start && m.start <= speech.end;
  };
  const punctuation = result.diagnostics.filter((x) => x.rule === 'numbering-punctuation' && x.fix && sameSequenceKind(x));
  return normaliseEdits([...d.fix!, ...punctuation.flatMap((x) => x.fix!)]);
}

/**
 * One fix, applied alone: its edits do not overlap (none is silently dropped), applying it
 * changes the text only inside its edits, and re-checking finds no finding of the same rule
 * at the place of the fixed one. Findings of that rule that stood elsewhere before and only
 * moved there (onto the place of deleted text, say) are not the fixed finding.
 */
export function assertFixWorks(text: string, result: AnalysisResult, d: Diagnostic): void {
  const own = d.fix!;
  assert.equal(applyEdits(text, own), splice(text, own), `${show(d)}: applying the fix changed text outside its edits`);
  const fix = completeFix(result, d);
  const fixed = applyEdits(text, fix);
  const image = (x: { start: number; end: number }) => [mapOffset(x.start, fix, 'start'), mapOffset(x.end, fix, 'end')];
  const overlaps = (x: { start: number; end: number }, [from, to]: number[]) => (x.start < to && from < x.end) || x.start === from;
  const others = result.diagnostics.filter((x) => x.rule === d.rule && x !== d).map(image);
  const place = image(d);
  const again = check(fixed).diagnostics.filter((x) => x.rule === d.rule && overlaps(x, place) && !others.some((o) => overlaps(x, o)));
  assert.deepEqual(again.map((x) => `${x.rule} [${x.start}, ${x.end}) ${x.message}`), [], `${show(d)}: still reported after its fix; fixed text: ${JSON.stringify(fixed)}`);
}

/**
 * Fix-all (every mechanical fix at once, fixAllEdits): every finding whose fix it applied is gone, i.e. the same finding (its rule and message) is not reported at its
 * place afterwards, other than one that only moved there. (Edits of neighbouring fixes may
 * together make a new, different finding there: deleting stray text between a marker and a
 * comma makes 「（1），」; that is the fixed-point property's business, not this one's.)
 */
export function assertFixAllFixesEach(text: string, result: AnalysisResult): string | undefined {
  const edits = fixAllEdits(result.diagnostics);
  if (!edits.length) return undefined;
  const fixed = applyEdits(text, edits);
  const after = check(fixed).diagnostics;
  const image = (x: { start: number; end: number }) => [mapOffset(x.start, edits, 'start'), mapOffset(x.end, edits, 'end')];
  const overlaps = (x: { start: number; end: number }, [from, to]: number[]) => (x.start < to && from < x.end) || x.start === from;
  // Where an edit's replacement begins and ends in the fixed text: a finding that spans such a
  // seam was made by the join (二要 + a deleted URL + 要 reads 要要), not left over.
  const seams = edits.flatMap((e) => {
    const at = mapOffset(e.start, edits, 'start');
    return [at, at + e.text.length];
  });
  const madeByJoin = (x: { start: number; end: number }) => seams.some((p) => x.start < p && p < x.end);
  for (const d of result.diagnostics.filter(isMechanicalFix)) {
    const others = result.diagnostics.filter((x) => x.rule === d.rule && !isMechanicalFix(x)).map(image);
    const left = after.filter((x) => x.rule === d.rule && x.message === d.message && overlaps(x, image(d)) && !others.some((o) => overlaps(x, o)) && !madeByJoin(x));
    assert.deepEqual(left.map((x) => `${x.rule} [${x.start}, ${x.end}) ${x.message}`), [], `${show(d)}: not fixed by fixing all; fixed text: ${JSON.stringify(fixed)}`);
  }
  return fixed;
}
