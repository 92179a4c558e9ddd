// Numbering analysis: the sequences of a speech and what is wrong with them.
//
// Headings (一、/（一）/1./（1）/①) form one sequence per parent and level. Enumerations
// (一是/一要/第一，/首先/一方面) form series inside the section that holds them; a series
// member may lead a paragraph or stand inline after 。；：. Inline series restart freely at
// a new 一是 (a new topic sentence); a series that starts past one or skips a member is wrong.
// All numbering rules read this one analysis.

import { DocumentModel, Item, Paragraph, Speech } from './model';
import { Marker, markerText, toChineseNumber } from './markers';
import { Edit, FixKind, RelatedLocation, Severity } from './types';

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
  /** The same deviation elsewhere in the speech: one finding, one fix for all its places. */
  related?: RelatedLocation[];
  /** Where the finding ends when it covers more than the marker (二是要 → 二要 takes the 要). */
  end?: number;
}

interface Series {
  style: string;
  members: Marker[];
  /** Paragraph of the last member. */
  lastParagraph?: Paragraph;
  hasLeading: boolean;
  /** Members that continue another style's numbering (numbering-mixed). */
  mixed: Set<Marker>;
  firstParagraph?: Paragraph;
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
    enumerationSeries(speech, model.text, issues, sequences);
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
    ].sort((a, b) => a.start - b.start);
    // The older ladder of 选集 and reports: every level-1 heading written 一<space>. The draft
    // judged by the ladder it uses consistently has nothing wrong there.
    const level1 = speech.allItems.filter((x) => x.marker.kind === 'heading' && x.marker.level === 1).map((x) => x.marker);
    const spaceLadder = level1.length >= 2 && level1.every((m) => /^[^、，,.．]+[ \t\u3000]$/.test(m.raw));
    // One deviation used in several places (every level-3 marker written 1．) is one finding
    // whose fix corrects all of them; a slip made once is a finding of its own.
    const groups = new Map<string, Marker[]>();
    for (const m of markers) {
      if (!m.formProblem) continue;
      // In a draft whose punctuation was normalised to half-width (pasted from such a site),
      // (一) is one more half-width mark: halfwidth-punctuation reports and converts it.
      if (halfwidthDraft && m.formProblem === 'brackets' && /^\([^（）]*\)$/.test(m.raw)) continue;
      if (spaceLadder && m.kind === 'heading' && m.level === 1 && /[ \t\u3000]$/.test(m.raw)) continue;
      // A marker cut by a line break is reported, but a fix would also remove the break.
      const contiguous = m.end - m.start === m.raw.length;
      const key = contiguous ? `${m.formProblem}|${m.kind}|${m.level ?? m.style}|${formOf(m.raw)}` : `cut|${m.start}`;
      const group = groups.get(key);
      if (group) group.push(m);
      else groups.set(key, [m]);
    }
    for (const group of groups.values()) {
      const m = group[0];
      const target = targets.get(m)?.text ?? m.canonical;
      const contiguous = m.end - m.start === m.raw.length;
      const fix = contiguous ? group.map((x) => ({ start: x.start, end: x.end, text: targets.get(x)?.text ?? x.canonical })) : undefined;
      const many = group.length > 1;
      issues.push({
        kind: 'punctuation', marker: m,
        variant: m.formProblem === 'kangxi' ? (many ? 'kangxiAll' : 'kangxi') : many ? 'all' : undefined,
        data: { marker: m.raw.trim(), spaced: /[ \t\u3000]$/.test(m.raw) ? 1 : 0, correct: target, count: group.length },
        fix,
        // A form fix that also renumbers (the sequence is wrong too) is a decision.
        fixKind: group.some((x) => (targets.get(x)?.n ?? x.number) !== x.number) ? 'decision' : undefined,
        related: many ? group.slice(1).map((x) => ({ start: x.start, end: x.end, note: { zh: `同样写成“${x.raw.trim()}”`, en: `also written “${x.raw.trim()}”` } })) : undefined,
      });
    }
    groupSkips(issues, firstIssue);
  }
  issues.sort((a, b) => a.marker.start - b.marker.start);
  return issues;
}

/** A marker's written form with its numeral taken out: 1． and 3． are one form, #．. */
function formOf(raw: string): string {
  return raw.replace(/[一二三四五六七八九十⼀⼆⼋⼗0-9０-９①-⑳]+/g, '#');
}

/**
 * A skipped level (一、 then 1.) under every heading of a level is the draft's ladder, used
 * consistently: one finding for the speech, with the other places as related locations.
 */
function groupSkips(issues: NumberingIssue[], from: number): void {
  const byKey = new Map<string, NumberingIssue[]>();
  for (let i = from; i < issues.length; i++) {
    const x = issues[i];
    if (x.kind !== 'level' || x.variant !== 'skip') continue;
    const key = `${x.data.expected}|${x.marker.level}`;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(x);
  }
  const drop = new Set<NumberingIssue>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const [first, ...rest] = group;
    first.variant = 'skipAll';
    first.data = { ...first.data, count: group.length };
    first.related = rest.map((x) => ({ start: x.marker.start, end: x.marker.end, note: { zh: `“${x.data.parent}”下同样跳级`, en: `the same skip under “${x.data.parent}”` } }));
    for (const x of rest) drop.add(x);
  }
  if (!drop.size) return;
  // Only this speech's issues are looked at again (a collection of thousands stays linear).
  const kept = issues.slice(from).filter((x) => !drop.has(x));
  issues.length = from;
  for (const x of kept) issues.push(x);
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
      // 第一，… 第二，… then 三、: the headings go on with the enumeration's numbers (top level).
      const start = issues.findIndex((x, i) => i >= before && x.kind === 'start' && x.marker === members[0]);
      const enumBefore = !parent && start >= 0 ? enumerationRunBefore(children, members[0]) : undefined;
      if (enumBefore) {
        issues.splice(start, 1);
        issues.push({
          kind: 'mixed', marker: members[0], variant: 'afterEnum',
          data: { marker: cnMarker(members[0]), first: cnMarker(enumBefore), correct: withNumber(enumBefore, members[0].number).replace(/[，,]$/, '') },
        });
      }
      sequences.push({ members, renumber: issues.slice(before).some((x) => x.kind !== 'mixed'), label: `h${level}` });
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

/**
 * The top-level enumeration that runs 1…n-1 right before a heading numbered n (第一，第二，
 * then 三、): its first member, or undefined.
 */
function enumerationRunBefore(siblings: Item[], heading: Marker): Marker | undefined {
  const before = siblings.filter((x) => x.marker.start < heading.start);
  const enums = before.filter((x) => x.marker.kind === 'enum');
  if (!enums.length || enums.length !== before.length) return undefined;
  const style = enums[0].marker.style;
  if (!enums.every((x, i) => x.marker.style === style && x.marker.number === i + 1)) return undefined;
  return enums.length === heading.number - 1 ? enums[0].marker : undefined;
}

function levelName(level: number): string {
  return ['第一部分', '一、', '（一）', '1.', '（1）', '①'][level] ?? '';
}

/** Enumeration series per section (the paragraphs between one heading and the next). */
function enumerationSeries(
  speech: Speech, text: string, issues: NumberingIssue[],
  sequences: Array<{ members: Marker[]; renumber: boolean; label: string }>,
): void {
  const itemOf = new Map<Paragraph, Item>(speech.allItems.map((x) => [x.paragraph, x]));
  let leading = new Map<string, Series>();
  let inline = new Map<string, Series>();
  let recent: Series | undefined;
  let previous: Paragraph | undefined;
  const all: Series[] = [];
  // A member that opens its paragraph leads it, even when it was taken for prose first (a lone
  // 首先 before 第二，…).
  const leadsHere = (m: Marker, p: Paragraph) => !m.inline || m.start === p.start;
  const newSeries = (m: Marker, p: Paragraph, isLeading: boolean): Series => {
    const s: Series = { style: m.style!, members: [m], lastParagraph: p, hasLeading: isLeading || leadsHere(m, p), mixed: new Set(), firstParagraph: p };
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
    return recent.lastParagraph === p || (recent.hasLeading && leadsHere(m, p)) ? recent : undefined;
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
      // The leading series of the paragraph right before goes on, even in another style
      // (一要… / 二是要… / 三是要…): that is one series, mixed.
      if (recent && recent.hasLeading && recent.lastParagraph === previous && lastNumber(recent) === m.number - 1 && recent.style !== style) {
        recent.mixed.add(m);
        return push(recent, m, p);
      }
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
    previous = p;
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
    const mixedList = s.members.filter((m) => s.mixed.has(m));
    // The odd ones out are the fewer: 一要… 二是… 三是… is a 是 series with one 要 in it.
    const flip = own.length > 0 && mixedList.length > own.length && new Set(mixedList.map((m) => m.style)).size === 1;
    const odd = flip ? own : mixedList;
    const ref = flip ? mixedList[0] : s.members[0];
    const oddSet = new Set(odd);
    for (const m of odd) {
      const rewrite = rewriteInStyle(text, m, ref);
      issues.push({
        kind: 'mixed', marker: m, variant: flip ? 'minority' : undefined,
        data: { marker: cnMarker(m), first: cnMarker(ref), correct: rewrite?.correct ?? cnMarker(ref) },
        fix: rewrite ? [rewrite.edit] : undefined,
        end: rewrite?.edit.end,
      });
    }
    const found: NumberingIssue[] = [];
    const asMember = new Map<Marker, Marker>();
    const members = s.members.map((m) => {
      if (!oddSet.has(m) && m.style === ref.style) return m;
      const copy = { ...m, style: ref.style } as Marker;
      if (oddSet.has(m)) asMember.set(copy, m);
      return copy;
    });
    checkSequence(members, found, { allowRestart: true });
    // Issues on a mixed member belong to numbering-mixed already.
    let own2 = found.filter((i) => !asMember.has(i.marker));
    const first = s.members[0];
    const startIssue = own2.find((i) => i.kind === 'start' && i.marker === first);
    if (startIssue && !oddSet.has(first)) {
      const heading = continuedHeading(itemOf.get(s.firstParagraph!), first);
      if (heading) {
        // 一、 二、 then 第三，: the enumeration goes on with the headings' numbers.
        own2 = own2.filter((i) => i !== startIssue);
        issues.push({
          kind: 'mixed', marker: first, variant: 'heading',
          data: { marker: cnMarker(first), parent: cnMarker(heading.marker), correct: markerText(heading.marker.level, undefined, first.number) },
          related: s.members.length > 1 ? s.members.slice(1).map((x) => ({ start: x.start, end: x.end, note: { zh: '同一序列', en: 'the same series' } })) : undefined,
        });
      } else if (continuesFreeSeries(text, s.firstParagraph, first)) {
        // 一靠…；二靠…；三是…: the series began with another word after its numerals.
        own2 = own2.filter((i) => i !== startIssue);
      }
    }
    for (const i of own2) issues.push(i);
    const renumber = own2.length > 0 && s.style !== 'order' && s.style !== 'aspect' && odd.length === 0;
    sequences.push({ members: own, renumber, label: s.style });
    if (s.style === 'aspect' && own.length === 1 && own[0].number === 1) {
      issues.push({ kind: 'orphan', marker: own[0], data: { marker: '一方面', next: '另一方面' } });
    } else if (own.length === 1 && own[0].number === 1 && !own[0].inline && s.style !== 'order' && !flip) {
      issues.push({ kind: 'orphan', marker: own[0], data: { marker: cnMarker(own[0]), next: withNumber(own[0], 2).replace(/[，,]$/, '') } });
    }
  }
}

/**
 * `m` rewritten in the style of `ref` (第三， → 再次，; 一要 → 一是要; 二是要 → 二要): the edit,
 * and the marker named in the message. Undefined when that style has no such member
 * (首先/其次/再次 stop at three; 一方面 at two).
 */
function rewriteInStyle(text: string, m: Marker, ref: Marker): { edit: Edit; correct: string } | undefined {
  const n = m.number;
  if (ref.style === 'aspect' || m.style === 'aspect') return undefined;
  if (ref.style === 'order' && (n < 1 || n > 3)) return undefined;
  const cn = toChineseNumber(n);
  const after = text.slice(m.end, m.end + 1);
  if (ref.style === 'shi' && m.style === 'yao') return { edit: { start: m.start, end: m.end, text: cn + '是要' }, correct: cn + '是' };
  if (ref.style === 'yao' && after === '要') return { edit: { start: m.start, end: m.end + 1, text: cn + '要' }, correct: cn + '要' };
  let target = withNumber(ref, n);
  // Keep the comma the writer put after the marker (第三， → 再次，), and never write a second one.
  if (/[，,]$/.test(target) && /[，,]/.test(after)) target = target.slice(0, -1);
  else if (/[，,]$/.test(m.raw) && !/[，,]$/.test(target)) target += m.raw.slice(-1);
  return { edit: { start: m.start, end: m.end, text: target }, correct: target.replace(/[，,]$/, '') };
}

/** The heading whose numbering a leading enumeration goes on with (二、 … 第三，), if any. */
function continuedHeading(item: Item | undefined, m: Marker): Item | undefined {
  if (m.inline || item?.marker !== m) return undefined;
  const parent = item.parent;
  if (!parent || parent.marker.kind !== 'heading' || parent.marker.number !== m.number - 1) return undefined;
  // The heading's own children begin with this enumeration: nothing of the heading's level follows it
  // before the enumeration (the enumeration stands where the next heading would).
  return parent.children[0] === item ? parent : undefined;
}

/** Whether `m` (三是) follows a member numbered one less written with another word (二靠) in its paragraph. */
function continuesFreeSeries(text: string, p: Paragraph | undefined, m: Marker): boolean {
  if (!p || m.number < 2) return false;
  const before = text.slice(p.start, m.start);
  const prev = toChineseNumber(m.number - 1);
  return new RegExp(`(?:^|[。；：！？，,;:])[ \\t\u3000]*${prev}[\u4e00-\u9fff]`).test(before);
}

function lastNumber(s: Series): number {
  for (let i = s.members.length - 1; i >= 0; i--) if (s.members[i].number > 0) return s.members[i].number;
  return 0;
}
