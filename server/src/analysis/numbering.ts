// Numbering analysis: the sequences of a speech and what is wrong with them.
//
// Headings (一、/（一）/1./（1）/①) form one sequence per parent and level. Enumerations
// (一是/一要/第一，/首先/一方面) form series inside the section that holds them; a series
// member may lead a paragraph or stand inline after 。；：. Inline series restart freely at
// a new 一是 (a new topic sentence); a series that starts past one or skips a member is wrong.
// All numbering rules read this one analysis.

import { DocumentModel, Item, Paragraph, Speech } from './model';
import { Marker, markerText, toChineseNumber } from './markers';
import { Edit, FixKind, Severity } from './types';

export type NumberingIssueKind = 'gap' | 'duplicate' | 'start' | 'punctuation' | 'level' | 'mixed' | 'orphan';

export interface NumberingIssue {
  kind: NumberingIssueKind;
  marker: Marker;
  data: Record<string, string | number>;
  variant?: string;
  severity?: Severity;
  fix?: Edit[];
  /** A form fix that also carries the sequence's renumbering is a decision, not a mechanical fix. */
  fixKind?: FixKind;
}

interface Series {
  style: string;
  members: Marker[];
  /** Paragraph of the last member. */
  lastParagraph?: Paragraph;
  hasLeading: boolean;
  /** Members that continue another style's numbering (numbering-mixed). */
  mixed: Set<Marker>;
}

const ORDER_WORDS = ['最后', '首先', '其次', '再次'];

/** How a marker is written with another number (keeps the marker's level/style). */
function withNumber(m: Marker, n: number): string {
  if (m.style === 'order') return ORDER_WORDS[n] ?? m.raw;
  // 一方面/另一方面 have no numeral: markerText has nothing for them (a message read 前面没有“”).
  if (m.style === 'aspect') return n === 1 ? '一方面' : '另一方面';
  if (m.style === 'di') return '第' + toChineseNumber(n) + (m.raw.endsWith(',') ? ',' : '，');
  return markerText(m.level, m.style, n);
}

/** The numeral alone for a number in the marker's numbering system. */
function numeralFor(m: Marker, n: number): string {
  if (m.level === 3 || m.level === 4) return String(n);
  if (m.level === 5) return markerText(5, undefined, n);
  return toChineseNumber(n);
}

/** Most of the draft's clause punctuation is ASCII: a copy from a site that normalised it. */
export function isHalfwidthDraft(text: string): boolean {
  const sample = text.length > 200000 ? text.slice(0, 200000) : text;
  const ascii = (sample.match(/[\u4e00-\u9fff][,:;!?]/g) ?? []).length;
  const full = (sample.match(/[，：；！？]/g) ?? []).length;
  return ascii > 5 && ascii > full;
}

export function computeNumbering(model: DocumentModel): NumberingIssue[] {
  const issues: NumberingIssue[] = [];
  const halfwidthDraft = isHalfwidthDraft(model.text);
  for (const speech of model.speeches) {
    // Issues of earlier speeches are never looked at again (a collection stays linear).
    const firstIssue = issues.length;
    const targets = new Map<Marker, { n: number; text: string }>(); // marker → corrected number and form
    const sequences: Array<{ members: Marker[]; renumber: boolean; label: string }> = [];
    headingSequences(speech, issues, sequences);
    enumerationSeries(speech, issues, sequences);
    // Corrected forms: a renumbered member gets its new number, every member its right form.
    for (const seq of sequences) {
      seq.members.forEach((m, i) => {
        const n = seq.renumber ? i + 1 : m.number;
        if (m.style === 'order' || m.style === 'aspect') return;
        if (n !== m.number || m.formProblem) targets.set(m, { n, text: withNumber(m, n) });
      });
    }
    // Renumbering changes numerals only; a marker whose form is also wrong is replaced whole by
    // its corrected form (the same edit its numbering-punctuation fix makes, so fix-all agrees).
    const editFor = (m: Marker): Edit | undefined => {
      const target = targets.get(m);
      if (target === undefined || target.n === m.number) return undefined;
      if (m.formProblem) return m.end - m.start === m.raw.length ? { start: m.start, end: m.end, text: target.text } : undefined;
      return { start: m.numeralStart, end: m.numeralEnd, text: numeralFor(m, target.n) };
    };
    const sequenceOf = new Map<Marker, number>();
    sequences.forEach((seq, k) => seq.members.forEach((m) => sequenceOf.set(m, k)));
    const renumberEdits = new Map<number, Edit[]>();
    for (let i = firstIssue; i < issues.length; i++) {
      const issue = issues[i];
      if (issue.fix !== undefined || !['gap', 'duplicate', 'start'].includes(issue.kind)) continue;
      const k = sequenceOf.get(issue.marker);
      if (k === undefined || !sequences[k].renumber) continue;
      if (!renumberEdits.has(k)) renumberEdits.set(k, sequences[k].members.map(editFor).filter((e): e is Edit => !!e));
      const edits = renumberEdits.get(k)!;
      if (edits.length) issue.fix = edits;
    }
    // Marker form: every marker, headings and enumerations, leading and inline.
    const markers = [
      ...speech.allItems.map((x) => x.marker),
      ...speech.paragraphs.flatMap((p) => p.inline),
    ];
    for (const m of markers) {
      if (!m.formProblem) continue;
      // In a draft whose punctuation was normalised to half-width (pasted from such a site),
      // (一) is one more half-width mark: halfwidth-punctuation reports and converts it.
      if (halfwidthDraft && m.formProblem === 'brackets' && /^\([^（）]*\)$/.test(m.raw)) continue;
      const target = targets.get(m)?.text ?? m.canonical;
      // A marker cut by a line break is reported, but a fix would also remove the break.
      const contiguous = m.end - m.start === m.raw.length;
      issues.push({
        kind: 'punctuation', marker: m, variant: m.formProblem === 'kangxi' ? 'kangxi' : undefined,
        data: { marker: m.raw, correct: target },
        fix: contiguous ? [{ start: m.start, end: m.end, text: target }] : undefined,
        fixKind: (targets.get(m)?.n ?? m.number) !== m.number ? 'decision' : undefined,
      });
    }
  }
  issues.sort((a, b) => a.marker.start - b.marker.start);
  return issues;
}

/** How a marker is named in a message: 三、 （二） 2. 二是 第二 其次. */
function cnMarker(m: Marker): string {
  if (m.style === 'di') return m.raw.replace(/[，,、：:]$/, '');
  return m.raw.replace(/[\s\u3000]+$/, '');
}

function checkSequence(
  members: Marker[], issues: NumberingIssue[], opts: { allowRestart: boolean },
): void {
  const seen = new Set<number>();
  let last = 0;
  members.forEach((m, i) => {
    const n = m.number;
    if (i === 0) {
      if (n !== 1 && !(m.style === 'order' && n === 0)) {
        issues.push({ kind: 'start', marker: m, data: { marker: cnMarker(m), first: withNumber(m, 1).replace(/[，,]$/, '') } });
      }
    } else if (m.style === 'order' && n === 0) {
      // 最后 closes a series of any length.
    } else if (seen.has(n)) {
      issues.push({ kind: 'duplicate', marker: m, data: { marker: cnMarker(m) } });
    } else if (n > last + 1) {
      const missing = [];
      for (let k = last + 1; k < n && missing.length < 5; k++) missing.push(withNumber(m, k).replace(/[，,]$/, ''));
      issues.push({ kind: 'gap', marker: m, data: { marker: cnMarker(m), missing: missing.map((x) => `“${x}”`).join('') } });
    } else if (n < last) {
      issues.push({ kind: 'gap', marker: m, variant: 'order', data: { marker: cnMarker(m), after: withNumber(members[i - 1], last).replace(/[，,]$/, '') } });
    }
    if (n > 0) seen.add(n);
    if (n > 0) last = Math.max(last, n);
  });
  void opts;
}

/** Heading sequences per parent and level, nesting (numbering-level) and orphans. */
function headingSequences(
  speech: Speech, issues: NumberingIssue[],
  sequences: Array<{ members: Marker[]; renumber: boolean; label: string }>,
): void {
  const misplaced = new Set<Marker>();
  const renumbered = new Set<Marker>();
  const writtenDown = new Set<Marker>();
  const visit = (parent: Item | undefined, children: Item[], parentSiblings: Item[]) => {
    const headings = children.filter((c) => c.marker.kind === 'heading');
    let deepestSeen = 0;
    let skipReported = false;
    const mixedLevel = siblingsWrittenOneLevelDown(parent, headings, parentSiblings, renumbered, writtenDown);
    for (const h of mixedLevel) {
      writtenDown.add(h.marker);
      const correct = markerText(parent!.marker.level, undefined, h.marker.number);
      issues.push({
        kind: 'mixed', marker: h.marker, variant: 'level',
        data: { marker: cnMarker(h.marker), correct, parent: cnMarker(parent!.marker) },
        fix: [{ start: h.marker.start, end: h.marker.end, text: correct }],
      });
    }
    for (const h of headings) {
      const level = h.marker.level!;
      if (mixedLevel.has(h)) continue;
      if (deepestSeen && level < deepestSeen) {
        misplaced.add(h.marker);
        issues.push({ kind: 'level', marker: h.marker, data: { marker: cnMarker(h.marker), deeper: levelName(deepestSeen) } });
      } else if (parent?.marker.kind === 'heading' && !skipReported && level > parent.marker.level! + 1 && deepestSeen === 0) {
        skipReported = true;
        issues.push({
          kind: 'level', marker: h.marker, variant: 'skip', severity: 'info',
          data: { marker: cnMarker(h.marker), parent: cnMarker(parent.marker), expected: levelName(parent.marker.level! + 1) },
        });
      }
      deepestSeen = Math.max(deepestSeen, level);
    }
    const levels = [...new Set(headings.filter((h) => !mixedLevel.has(h)).map((h) => h.marker.level!))];
    for (const level of levels) {
      const members = headings.filter((h) => h.marker.level === level && !mixedLevel.has(h)).map((h) => h.marker);
      const before = issues.length;
      checkSequence(members, issues, { allowRestart: false });
      sequences.push({ members, renumber: issues.length > before, label: `h${level}` });
      if (issues.length > before) for (const m of members) renumbered.add(m);
      if (members.length === 1 && members[0].number === 1 && level >= 2 && !misplaced.has(members[0])) {
        issues.push({ kind: 'orphan', marker: members[0], data: { marker: cnMarker(members[0]), next: markerText(level as 2, undefined, 2) } });
      }
    }
    for (const c of children) visit(c, c.children, headings);
  };
  visit(undefined, speech.items, []);
}

/**
 * The first children of a heading that continue the heading's own numbering one level down
 * (（一）（二） then 3.): siblings written at the wrong level. Only when it is unambiguous: one
 * level down, the parent's own sequence in order, and the parent's next sibling (if any)
 * numbered right after them — （二） under 一、 followed by 二、 is a lone child instead —
 * and the parent not itself written a level down.
 */
function siblingsWrittenOneLevelDown(parent: Item | undefined, headings: Item[], parentSiblings: Item[], renumbered: Set<Marker>, writtenDown: Set<Marker>): Set<Item> {
  const out = new Set<Item>();
  // A parent that is itself moving up a level (or being renumbered) is no reference.
  if (parent?.marker.kind !== 'heading' || !headings.length || renumbered.has(parent.marker) || writtenDown.has(parent.marker)) return out;
  const first = headings[0];
  if (first.marker.level !== parent.marker.level! + 1 || first.marker.number !== parent.marker.number + 1) return out;
  let expect = parent.marker.number + 1;
  for (const h of headings) {
    if (h.marker.level !== first.marker.level || h.marker.number !== expect) break;
    out.add(h);
    expect++;
  }
  const after = parentSiblings[parentSiblings.indexOf(parent) + 1];
  if (after && after.marker.level === parent.marker.level && after.marker.number !== expect) out.clear();
  return out;
}

function levelName(level: number): string {
  return ['', '一、', '（一）', '1.', '（1）', '①'][level] ?? '';
}

/** Enumeration series per section (the paragraphs between one heading and the next). */
function enumerationSeries(
  speech: Speech, issues: NumberingIssue[],
  sequences: Array<{ members: Marker[]; renumber: boolean; label: string }>,
): void {
  const itemOf = new Map<Paragraph, Item>(speech.allItems.map((x) => [x.paragraph, x]));
  let leading = new Map<string, Series>();
  let inline = new Map<string, Series>();
  let recent: Series | undefined;
  const all: Series[] = [];
  const newSeries = (m: Marker, p: Paragraph, isLeading: boolean): Series => {
    const s: Series = { style: m.style!, members: [m], lastParagraph: p, hasLeading: isLeading, mixed: new Set() };
    all.push(s);
    return s;
  };
  const push = (s: Series, m: Marker, p: Paragraph) => {
    s.members.push(m);
    s.lastParagraph = p;
    recent = s;
  };
  const mixedCandidate = (m: Marker, p: Paragraph): Series | undefined => {
    if (!recent || recent.style === m.style || m.number < 2) return undefined;
    const last = lastNumber(recent);
    if (last !== m.number - 1) return undefined;
    // Only where it could be one series: in the same paragraph, or both leading paragraphs.
    return recent.lastParagraph === p || (recent.hasLeading && !m.inline) ? recent : undefined;
  };
  const handle = (m: Marker, p: Paragraph) => {
    const style = m.style!;
    if (style === 'order' && m.number === 0) {
      // 最后 closes an open 首先/其次 series; alone it is ordinary prose.
      const s = (m.inline ? inline : leading).get(style) ?? leading.get(style);
      if (s) push(s, m, p);
      return;
    }
    if (m.number === 1) {
      const s = newSeries(m, p, !m.inline);
      (m.inline ? inline : leading).set(style, s);
      recent = s;
      return;
    }
    if (!m.inline) {
      const s = leading.get(style);
      if (s) return push(s, m, p);
      const inl = inline.get(style);
      if (inl && lastNumber(inl) === m.number - 1) {
        inl.hasLeading = true;
        leading.set(style, inl);
        return push(inl, m, p);
      }
    } else {
      const same = inline.get(style);
      if (same && same.lastParagraph === p) return push(same, m, p);
      const s = leading.get(style);
      if (s && (s.lastParagraph === p || lastNumber(s) === m.number - 1)) return push(s, m, p);
      if (same && lastNumber(same) === m.number - 1) return push(same, m, p);
    }
    const mixed = mixedCandidate(m, p);
    if (mixed) {
      mixed.mixed.add(m);
      return push(mixed, m, p);
    }
    const s = newSeries(m, p, !m.inline);
    (m.inline ? inline : leading).set(style, s);
    recent = s;
  };

  for (const p of speech.paragraphs) {
    const item = itemOf.get(p);
    if (item?.marker.kind === 'heading') {
      leading = new Map();
      inline = new Map();
      recent = undefined;
    } else if (item?.marker.kind === 'enum') {
      handle(item.marker, p);
    }
    for (const m of p.inline) handle(m, p);
  }

  // A member taken as continuing another style's series (第一，… 二要) is not, when that series
  // itself goes on to use the number (… 第二，): it starts a series of its own after all.
  for (const s of [...all]) {
    for (const m of [...s.mixed]) {
      const at = s.members.indexOf(m);
      if (!s.members.slice(at + 1).some((x) => !s.mixed.has(x) && x.number === m.number)) continue;
      s.mixed.delete(m);
      s.members.splice(at, 1);
      all.push({ style: m.style!, members: [m], hasLeading: !m.inline, mixed: new Set() });
    }
  }
  all.sort((a, b) => a.members[0].start - b.members[0].start);

  for (const s of all) {
    const own = s.members.filter((m) => !s.mixed.has(m));
    for (const m of s.mixed) {
      const first = s.members[0];
      const correct = withNumber(first, m.number).replace(/[，,]$/, '');
      // Keep the comma the writer put after the marker (第三， → 再次，).
      const comma = /[，,]$/.test(m.raw) && !/[，,]$/.test(withNumber(first, m.number)) ? m.raw.slice(-1) : '';
      issues.push({
        kind: 'mixed', marker: m,
        data: { marker: cnMarker(m), first: cnMarker(first), correct },
        fix: first.style === 'aspect' ? undefined : [{ start: m.start, end: m.end, text: withNumber(first, m.number) + comma }],
      });
    }
    const found: NumberingIssue[] = [];
    const asMember = new Map<Marker, Marker>();
    const members = s.members.map((m) => {
      if (!s.mixed.has(m)) return m;
      const copy = { ...m, style: s.style } as Marker;
      asMember.set(copy, m);
      return copy;
    });
    checkSequence(members, found, { allowRestart: true });
    // Issues on a mixed member belong to numbering-mixed already.
    const own2 = found.filter((i) => !asMember.has(i.marker));
    for (const i of own2) issues.push(i);
    const renumber = own2.length > 0 && s.style !== 'order' && s.style !== 'aspect' && s.mixed.size === 0;
    sequences.push({ members: own, renumber, label: s.style });
    if (s.style === 'aspect' && own.length === 1 && own[0].number === 1) {
      issues.push({ kind: 'orphan', marker: own[0], data: { marker: '一方面', next: '另一方面' } });
    } else if (own.length === 1 && own[0].number === 1 && !own[0].inline && s.style !== 'order') {
      issues.push({ kind: 'orphan', marker: own[0], data: { marker: cnMarker(own[0]), next: withNumber(own[0], 2).replace(/[，,]$/, '') } });
    }
  }
}

function lastNumber(s: Series): number {
  for (let i = s.members.length - 1; i >= 0; i--) if (s.members[i].number > 0) return s.members[i].number;
  return 0;
}
