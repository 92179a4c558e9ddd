// The outline of a draft, from the speech model: what the Outline view, breadcrumbs, folding,
// the structure view and `jianggao outline` all show. Each node carries its speaking time.

import { DocumentModel, Item, Paragraph, Speech, hasBody } from './model';
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
}

export interface SpeechChecklist {
  index: number;
  title: string;
  start: number;
  end: number;
  parts: Record<'title' | 'salutation' | 'opening' | 'body' | 'closing', { present: boolean; start?: number; end?: number }>;
  chars: number;
}

const LABELS = {
  zh: { title: '标题', meta: '署名/日期', salutation: '称呼', opening: '开场白', closing: '结尾', speech: (n: number) => `第${n}篇`, paragraphs: (n: number) => `${n}段` },
  en: { title: 'Title', meta: 'Byline/date', salutation: 'Salutation', opening: 'Opening', closing: 'Closing', speech: (n: number) => `Speech ${n}`, paragraphs: (n: number) => `${n} paragraph${n === 1 ? '' : 's'}` },
};

function charsOf(paragraphs: Paragraph[], skipMarker?: Item): number {
  let n = 0;
  for (const p of paragraphs) n += spokenLength(p.text);
  // Markers (一、, 二是) are not read as words of the speech... but 一是 is read aloud; only
  // heading markers are dropped from the count.
  if (skipMarker && skipMarker.marker.kind === 'heading') n -= spokenLength(skipMarker.marker.raw);
  return Math.max(0, n);
}

/** Spoken characters of a whole speech: salutation, opening, body and closing (not the title). */
export function speechChars(s: Speech): number {
  let n = 0;
  for (const p of s.paragraphs) n += spokenLength(p.text);
  for (const item of s.allItems) if (item.marker.kind === 'heading') n -= spokenLength(item.marker.raw);
  return Math.max(0, n);
}

export function outlineOf(model: DocumentModel, locale: Locale = 'zh'): OutlineNode[] {
  const L = LABELS[locale];
  const speeches = model.speeches.map((s) => speechNodes(s, L));
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
      chars: speechChars(s),
      children,
    };
  });
}

function speechNodes(s: Speech, L: typeof LABELS.zh): OutlineNode[] {
  const out: OutlineNode[] = [];
  const node = (kind: OutlineKind, name: string, start: number, end: number, chars: number, detail = ''): OutlineNode =>
    ({ kind, name, detail, level: 0, start, end, selectionStart: start, selectionEnd: end, chars, children: [] });
  if (s.title) out.push(node('title', `${L.title} ${s.title.text}`, s.title.start, s.title.end, 0));
  for (const m of s.meta) out.push(node('meta', `${L.meta} ${m.text}`, m.start, m.end, 0));
  if (s.salutation) out.push(node('salutation', `${L.salutation} ${s.salutation.text}`, s.salutation.start, s.salutation.end, spokenLength(s.salutation.text)));
  if (s.opening.length) {
    const o = s.opening;
    out.push(node('opening', L.opening, o[0].start, o[o.length - 1].end, charsOf(o), L.paragraphs(o.length)));
  }
  const item = (x: Item): OutlineNode => ({
    kind: x.marker.kind === 'heading' ? 'heading' : 'enum',
    name: x.title || x.marker.raw,
    detail: '',
    level: x.marker.level ?? 0,
    start: x.marker.start,
    end: Math.max(x.end, x.marker.end),
    selectionStart: x.marker.start,
    selectionEnd: Math.max(x.marker.end, Math.min(x.titleEnd, x.end)),
    chars: charsOf(x.paragraphs, x),
    children: x.children.map(item),
  });
  for (const x of s.items) out.push(item(x));
  if (s.closing.length) {
    const c = s.closing;
    out.push(node('closing', L.closing, c[0].start, c[c.length - 1].end, charsOf(c), L.paragraphs(c.length)));
  }
  return out;
}

/** The completeness checklist of each speech: 标题, 称呼, 开场, 主体, 结尾. */
export function checklistOf(model: DocumentModel): SpeechChecklist[] {
  return model.speeches.map((s) => ({
    index: s.index,
    title: s.title?.text ?? '',
    start: s.start,
    end: s.end,
    chars: speechChars(s),
    parts: {
      title: s.title ? { present: true, start: s.title.start, end: s.title.end } : { present: false, start: s.start },
      salutation: s.salutation ? { present: true, start: s.salutation.start, end: s.salutation.end } : { present: false, start: s.paragraphs[0]?.start ?? s.start },
      opening: s.opening.length ? { present: true, start: s.opening[0].start, end: s.opening[s.opening.length - 1].end } : { present: false, start: s.allItems[0]?.marker.start ?? s.end },
      body: bodyPart(s),
      closing: s.closing.length ? { present: true, start: s.closing[0].start, end: s.closing[s.closing.length - 1].end } : { present: false, start: s.end },
    },
  }));
}

function bodyPart(s: Speech): { present: boolean; start?: number; end?: number } {
  if (!hasBody(s)) return { present: false, start: s.items[0]?.marker.start ?? s.closing[0]?.start ?? s.end };
  if (s.items.length) return { present: true, start: s.items[0].marker.start, end: s.items[s.items.length - 1].end };
  const body = s.paragraphs.filter((p) => p.role === 'body');
  const parts = body.length ? body : s.opening;
  return { present: true, start: parts[0].start, end: parts[parts.length - 1].end };
}

export function minutesOf(chars: number, rate: number): number {
  return rate > 0 ? chars / rate : 0;
}

/** 12分30秒 / 12 min 30 s */
export function formatDuration(minutes: number, locale: Locale): string {
  const total = Math.round(minutes * 60);
  const m = Math.floor(total / 60);
  const sec = total % 60;
  if (locale === 'en') return m ? `${m} min ${sec} s` : `${sec} s`;
  return m ? `${m}分${sec ? sec + '秒' : '钟'}` : `${sec}秒`;
}

/** The outline as indented text or Markdown; shared with the client's "export outline". */
export function renderOutline(nodes: OutlineNode[], format: 'text' | 'markdown', lang: Locale, rate: number, lineOf: (o: number) => number): string {
  let s = '';
  const walk = (n: OutlineNode, depth: number) => {
    const time = n.chars ? `  ${n.chars}${lang === 'en' ? ' chars' : '字'}, ${formatDuration(minutesOf(n.chars, rate), lang)}` : '';
    if (format === 'markdown') s += `${'  '.repeat(depth)}- ${n.name}${n.detail ? `（${n.detail}）` : ''}${time ? ` —${time}` : ''}\n`;
    else s += `${String(lineOf(n.start)).padStart(5)}  ${'  '.repeat(depth)}${n.name}${n.detail ? `  [${n.detail}]` : ''}${time}\n`;
    n.children.forEach((c) => walk(c, depth + 1));
  };
  nodes.forEach((n) => walk(n, 0));
  return s;
}

