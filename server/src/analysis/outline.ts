// The outline of a draft, from the speech model: what the Outline view, breadcrumbs, folding,
// the structure view and `jianggao outline` all show. Each node carries its speaking time.

import { DocumentModel, Item, Paragraph, Speech, hasBody } from './model';
import { findPlaceholders, isBracketNote, PlaceholderPlace } from './rules/placeholders';
import { spokenLength } from './text';
import { Locale } from './types';

export type OutlineKind = 'speech' | 'title' | 'meta' | 'salutation' | 'opening' | 'heading' | 'enum' | 'closing';

export interface OutlineNode {
  kind: OutlineKind;
  name: string;
  /** Secondary text: 称呼's words, a part's paragraph count. */
  detail: string;
  /** Heading level (1-5) or 0. */
  level: number;
  start: number;
  end: number;
  /** The part to select/reveal: the heading phrase, the title line. */
  selectionStart: number;
  selectionEnd: number;
  /** Characters read aloud (Han, letters, digits). */
  chars: number;
  children: OutlineNode[];
  /** The part's own words without its label (the title, a byline, the salutation), where it has any. */
  text?: string;
}

export interface SpeechChecklist {
  index: number;
  title: string;
  start: number;
  end: number;
  parts: Record<'title' | 'salutation' | 'opening' | 'body' | 'closing', ChecklistPart>;
  chars: number;
}

export interface ChecklistPart {
  present: boolean;
  start?: number;
  end?: number;
  /** The part is there but still holds a placeholder (XX, 【待补充】). */
  unfilled?: boolean;
}

const LABELS = {
  zh: { title: '标题', meta: '署名/日期', salutation: '称呼', opening: '开场白', closing: '结尾', speech: (n: number) => `第${n}篇`, paragraphs: (n: number) => `${n}段` },
  en: { title: 'Title', meta: 'Byline/date', salutation: 'Salutation', opening: 'Opening', closing: 'Closing', speech: (n: number) => `Speech ${n}`, paragraphs: (n: number) => `${n} paragraph${n === 1 ? '' : 's'}` },
};

// ---------------------------------------------------------------------------------------
// Counting. One function counts what is read aloud, for the whole draft, a speech, an
// outline node and a selection alike, so the same text always gives the same figure: the
// characters read aloud (Han, letters, digits) of the salutation, opening, body and closing,
// not the title block, a collection's 第N篇 line, headings' markers (一、), comments, stray
// lines, or notes in brackets that are still to be written (【待补充：…】).

interface SpokenIndex {
  /** Disjoint document ranges that are read aloud, in order. */
  starts: number[];
  ends: number[];
  /** Spoken characters in the ranges before range i. */
  before: number[];
  /** Every placeholder of the draft (for "only a placeholder" in the checklist). */
  placeholders: PlaceholderPlace[];
}

const SPOKEN_INDEX = new WeakMap<DocumentModel, SpokenIndex>();

function spokenIndex(model: DocumentModel): SpokenIndex {
  const cached = SPOKEN_INDEX.get(model);
  if (cached) return cached;
  const placeholders = findPlaceholders(model.text);
  const notes = placeholders.filter(isBracketNote);
  const cut: Array<[number, number]> = [];
  const ranges: Array<[number, number]> = [];
  for (const s of model.speeches) {
    if (s.salutation?.merged) ranges.push([s.salutation.start, s.salutation.end]);
    for (const p of s.paragraphs) for (const seg of p.segments) if (seg.end > seg.start) ranges.push([seg.start, seg.end]);
    for (const x of s.allItems) if (x.marker.kind === 'heading') cut.push([x.marker.start, x.marker.end]);
  }
  for (const n of notes) cut.push([n.start, n.end]);
  ranges.sort((a, b) => a[0] - b[0]);
  cut.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = [];
  let total = 0;
  let k = 0;
  const push = (a: number, b: number) => {
    if (b <= a) return;
    starts.push(a);
    ends.push(b);
    before.push(total);
    total += spokenLength(model.text.slice(a, b));
  };
  for (const [a0, b] of ranges) {
    let a = a0;
    while (k < cut.length && cut[k][1] <= a) k++;
    for (let j = k; j < cut.length && cut[j][0] < b; j++) {
      push(a, Math.min(b, cut[j][0]));
      a = Math.max(a, cut[j][1]);
    }
    push(a, b);
  }
  before.push(total);
  const index = { starts, ends, before, placeholders };
  SPOKEN_INDEX.set(model, index);
  return index;
}

/** First range ending after `offset`. */
function firstEndingAfter(ends: number[], offset: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Characters read aloud in [start, end) of the draft (the whole draft by default): the one
 * count behind the status bar (draft and selection), the outline, the checklist and
 * speech-too-long. Selecting the whole draft gives the whole draft's figure.
 */
export function spokenCharsIn(model: DocumentModel, start = 0, end = model.text.length): number {
  const { starts, ends, before } = spokenIndex(model);
  const count = starts.length;
  let i = firstEndingAfter(ends, start);
  if (i >= count || starts[i] >= end) return 0;
  let n = 0;
  // A range cut by the start of the selection.
  if (starts[i] < start) {
    n += spokenLength(model.text.slice(start, Math.min(end, ends[i])));
    if (ends[i] >= end) return n;
    i++;
  }
  // Ranges i … j-1 lie wholly inside: counted already. Range j may be cut by the end.
  const j = firstEndingAfter(ends, end);
  if (j > i) n += before[j] - before[i];
  if (j < count && j >= i && starts[j] < end) n += spokenLength(model.text.slice(Math.max(start, starts[j]), end));
  return n;
}

/** Whether [start, end) holds text read aloud besides placeholders (XX, ×××, 【待补充】). */
function hasRealText(model: DocumentModel, start: number, end: number): boolean {
  const { placeholders } = spokenIndex(model);
  let at = start;
  let n = 0;
  for (const p of placeholders) {
    if (p.end <= start) continue;
    if (p.start >= end) break;
    n += spokenCharsIn(model, at, Math.max(at, p.start));
    at = Math.max(at, p.end);
  }
  return n + spokenCharsIn(model, at, end) > 0;
}

function hasPlaceholder(model: DocumentModel, start: number, end: number): boolean {
  return spokenIndex(model).placeholders.some((p) => p.start < end && p.end > start);
}

/** Spoken characters of a whole speech: salutation, opening, body and closing (not the title). */
export function speechChars(model: DocumentModel, s: Speech): number {
  return spokenCharsIn(model, s.header?.start ?? s.start, Math.max(s.end, s.start));
}

export function outlineOf(model: DocumentModel, locale: Locale = 'zh'): OutlineNode[] {
  const L = LABELS[locale];
  const speeches = model.speeches.map((s) => speechNodes(model, s, L));
  if (model.speeches.length === 1 && !model.speeches[0].header) return speeches[0];
  return model.speeches.map((s, i) => {
    const children = speeches[i];
    const title = s.title?.text ?? '';
    const start = s.header?.start ?? s.start;
    return {
      kind: 'speech' as const,
      name: s.header ? `${s.header.text.replace(/[：:].*$/, '')}${title ? ' ' + title : ''}` : `${L.speech(i + 1)}${title ? ' ' + title : ''}`,
      detail: '',
      level: 0,
      start,
      end: Math.max(s.end, start + 1),
      selectionStart: start,
      selectionEnd: s.header?.end ?? Math.max(s.end, start + 1),
      chars: speechChars(model, s),
      children,
    };
  });
}

/** The document offset's index in a paragraph's joined text. */
function indexIn(p: Paragraph, offset: number): number {
  let acc = 0;
  for (const seg of p.segments) {
    if (offset < seg.end || seg === p.segments[p.segments.length - 1]) return acc + Math.max(0, Math.min(offset, seg.end) - seg.start);
    acc += seg.end - seg.start;
  }
  return acc;
}

/**
 * The points of a paragraph's inline series (一是…；二是…；三是…), as outline nodes: each from
 * its marker to the next member or the end of the paragraph, named by its lead clause. Only a
 * series of two or more members in the paragraph (a lone 首先 is prose).
 */
function inlinePoints(model: DocumentModel, p: Paragraph): OutlineNode[] {
  const members = p.inline.filter((m) => m.style !== 'aspect');
  const perStyle = new Map<string, number>();
  for (const m of members) perStyle.set(m.style!, (perStyle.get(m.style!) ?? 0) + 1);
  const series = members.filter((m) => (perStyle.get(m.style!) ?? 0) >= 2);
  return series.map((m, k) => {
    const from = indexIn(p, m.start);
    const next = series[k + 1];
    const to = next ? indexIn(p, next.start) : p.text.length;
    const clause = /^[^。；;！!？?]{1,40}/.exec(p.text.slice(from, to))?.[0] ?? p.text.slice(from, to);
    const name = shorten(clause.replace(/[，,：:、\s]+$/, ''), 30);
    const end = next ? next.start : p.end;
    return {
      kind: 'enum' as const, name, detail: '', level: 0, start: m.start, end, selectionStart: m.start,
      selectionEnd: Math.min(end, p.offsetOf(from + clause.length - 1) + 1), chars: spokenCharsIn(model, m.start, end), children: [],
    };
  });
}

function shorten(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length <= n ? s : chars.slice(0, n).join('') + '…';
}

function speechNodes(model: DocumentModel, s: Speech, L: typeof LABELS.zh): OutlineNode[] {
  const out: OutlineNode[] = [];
  const node = (kind: OutlineKind, name: string, start: number, end: number, detail = '', children: OutlineNode[] = []): OutlineNode =>
    ({ kind, name, detail, level: 0, start, end, selectionStart: start, selectionEnd: end, chars: spokenCharsIn(model, start, end), children });
  const pointsOf = (paragraphs: Paragraph[]) => paragraphs.flatMap((p) => inlinePoints(model, p));
  if (s.title) out.push({ ...node('title', `${L.title} ${s.title.text}`, s.title.start, s.title.end), chars: 0, text: s.title.text });
  for (const m of s.meta) out.push({ ...node('meta', `${L.meta} ${m.text}`, m.start, m.end), text: m.text });
  if (s.salutation) out.push({ ...node('salutation', `${L.salutation} ${s.salutation.text}`, s.salutation.start, s.salutation.end), text: s.salutation.text });
  if (s.opening.length) {
    const o = s.opening;
    out.push(node('opening', L.opening, o[0].start, o[o.length - 1].end, L.paragraphs(o.length), pointsOf(o)));
  }
  const item = (x: Item): OutlineNode => {
    // The section's own paragraphs (not its children's) hold its inline points.
    const own = x.paragraphs.filter((p) => !x.children.some((c) => c.paragraphs.includes(p)));
    const children = [...x.children.map(item), ...pointsOf(own)].sort((a, b) => a.start - b.start);
    const start = x.marker.start;
    const end = Math.max(x.end, x.marker.end);
    return {
      kind: x.marker.kind === 'heading' ? 'heading' : 'enum',
      name: x.title || x.marker.raw,
      detail: '',
      level: x.marker.level ?? 0,
      start,
      end,
      selectionStart: x.marker.start,
      selectionEnd: Math.max(x.marker.end, Math.min(x.titleEnd, x.end)),
      chars: spokenCharsIn(model, start, end),
      children,
    };
  };
  for (const x of s.items) out.push(item(x));
  if (s.closing.length) {
    const c = s.closing;
    out.push(node('closing', L.closing, c[0].start, c[c.length - 1].end, L.paragraphs(c.length), pointsOf(c)));
  }
  return out;
}

type PartName = 'title' | 'salutation' | 'opening' | 'body' | 'closing';

/**
 * The completeness checklist of each speech: 标题, 称呼, 开场, 主体, 结尾. A part that holds
 * nothing but placeholders (an opening that is only 【待补充：会议任务】, a body whose text is
 * all 【待补充】) is missing; `unfilled` says a present part still holds a placeholder.
 */
export function checklistOf(model: DocumentModel): SpeechChecklist[] {
  return model.speeches.map((s) => {
    const part = (present: boolean, start: number | undefined, end?: number) =>
      present && start !== undefined && end !== undefined
        ? { present: true, start, end, ...(hasPlaceholder(model, start, end) ? { unfilled: true } : {}) }
        : { present: false, start };
    const titleReal = !!s.title && /[\p{Script=Han}\p{L}\p{N}]/u.test(s.title.text.replace(PLACEHOLDER_ONLY, ''));
    const o = s.opening;
    const c = s.closing;
    const parts: Record<PartName, ChecklistPart> = {
      title: s.title ? part(titleReal, s.title.start, s.title.end) : { present: false, start: s.start },
      salutation: s.salutation ? part(true, s.salutation.start, s.salutation.end) : { present: false, start: s.paragraphs[0]?.start ?? s.start },
      opening: o.length ? part(hasRealText(model, o[0].start, o[o.length - 1].end), o[0].start, o[o.length - 1].end) : { present: false, start: s.allItems[0]?.marker.start ?? s.end },
      body: bodyPart(model, s),
      closing: c.length ? part(hasRealText(model, c[0].start, c[c.length - 1].end), c[0].start, c[c.length - 1].end) : { present: false, start: s.end },
    };
    return { index: s.index, title: s.title?.text ?? '', start: s.start, end: s.end, chars: speechChars(model, s), parts };
  });
}

/** A title made of nothing but placeholders: 【待补充：主标题】. */
const PLACEHOLDER_ONLY = /【[^】]*】|[XxＸｘ×]+|某某/g;

function bodyPart(model: DocumentModel, s: Speech): ChecklistPart {
  const missingAt = s.items[0]?.marker.start ?? s.closing[0]?.start ?? s.end;
  if (!hasBody(s)) return { present: false, start: missingAt };
  const body = s.paragraphs.filter((p) => p.role === 'body');
  const headingOnly = new Map(s.allItems.filter((x) => x.marker.kind === 'heading').map((x) => [x.paragraph, x.titleEnd]));
  // The body's text, not its headings: a skeleton's headings with 【待补充】 under them is no body yet.
  const written = body.some((p) => hasRealText(model, Math.max(p.start, headingOnly.get(p) ?? p.start), p.end));
  const start = s.items.length ? s.items[0].marker.start : (body.length ? body : s.opening)[0].start;
  const end = s.items.length ? s.items[s.items.length - 1].end : (body.length ? body : s.opening)[(body.length ? body : s.opening).length - 1].end;
  if (!written) return { present: false, start };
  return { present: true, start, end, ...(hasPlaceholder(model, start, end) ? { unfilled: true } : {}) };
}

export function minutesOf(chars: number, rate: number): number {
  return rate > 0 ? chars / rate : 0;
}

/**
 * Whole seconds of a speaking time, rounded to the nearest second; but never rounded down onto
 * or below a target it exceeds (3 min 0.4 s over a 3-minute slot reads 3分1秒, not 3分钟).
 */
export function secondsOf(minutes: number, targetMinutes = 0): number {
  const exact = minutes * 60;
  const rounded = Math.round(exact);
  const target = targetMinutes * 60;
  return targetMinutes > 0 && exact > target && rounded <= target ? Math.floor(target) + 1 : rounded;
}

/** 12分30秒 / 12 min 30 s; with a target, a time over it never reads as the target. */
export function formatDuration(minutes: number, locale: Locale, targetMinutes = 0): string {
  const total = secondsOf(minutes, targetMinutes);
  const m = Math.floor(total / 60);
  const sec = total % 60;
  if (locale === 'en') return m ? `${m} min ${sec} s` : `${sec} s`;
  return m ? `${m}分${sec ? sec + '秒' : '钟'}` : `${sec}秒`;
}

/**
 * The outline as indented text (`jianggao outline`: line numbers, part labels) or as a Markdown
 * document (the exported outline): headed by the speech's own title (each speech of a
 * collection under its own heading), the byline and date lines under it, then the parts, the
 * headings and their 一是/二是 points as a list, each with its length and speaking time.
 */
export function renderOutline(nodes: OutlineNode[], format: 'text' | 'markdown', lang: Locale, rate: number, lineOf: (o: number) => number): string {
  const length = (n: OutlineNode) => (lang === 'en' ? `${n.chars} chars · ${formatDuration(minutesOf(n.chars, rate), lang)}` : `${n.chars}字 · ${formatDuration(minutesOf(n.chars, rate), lang)}`);
  if (format === 'text') {
    let s = '';
    const walk = (n: OutlineNode, depth: number) => {
      const time = n.chars ? `  ${n.chars}${lang === 'en' ? ' chars' : '字'}, ${formatDuration(minutesOf(n.chars, rate), lang)}` : '';
      s += `${String(lineOf(n.start)).padStart(5)}  ${'  '.repeat(depth)}${n.name}${n.detail ? `  [${n.detail}]` : ''}${time}\n`;
      n.children.forEach((c) => walk(c, depth + 1));
    };
    nodes.forEach((n) => walk(n, 0));
    return s;
  }
  const tidy = (t: string) => t.replace(/[ \t\u3000]+/g, ' ').trim();
  const list = (items: OutlineNode[], depth: number): string =>
    items.map((n) => {
      const name = tidy(n.text ?? n.name);
      const detail = n.detail ? `（${n.detail}）` : '';
      const time = n.chars ? ` — ${length(n)}` : '';
      return `${'  '.repeat(depth)}- ${name}${detail}${time}\n${list(n.children, depth + 1)}`;
    }).join('');
  const speech = (parts: OutlineNode[], heading: string, level: number): string => {
    const title = parts.find((n) => n.kind === 'title');
    const meta = parts.filter((n) => n.kind === 'meta').map((n) => tidy(n.text ?? n.name));
    const head = `${'#'.repeat(level)} ${tidy(heading || (title?.text ?? '') || (lang === 'en' ? 'Outline' : '提纲'))}\n\n`;
    return head + (meta.length ? meta.join('  \n') + '\n\n' : '') + list(parts.filter((n) => n.kind !== 'title' && n.kind !== 'meta'), 0);
  };
  if (nodes.length && nodes.every((n) => n.kind === 'speech')) {
    return `# ${lang === 'en' ? 'Outline' : '提纲'}\n\n` + nodes.map((n) => speech(n.children, n.name, 2)).join('\n');
  }
  return speech(nodes, '', 1);
}
