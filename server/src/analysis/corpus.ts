// The paragraphs of other documents (the workspace's other speech files, the other files a
// CLI run checks), so reused-paragraph can say where else a paragraph stands. Documents are
// indexed once and replaced when they change; a lookup is one Map access.

import { DocumentModel, Paragraph, parseDocument } from './model';

const HALFWIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）' };

/** Text as a listener hears it: no spaces, one width of punctuation. */
export function comparisonKey(s: string): string {
  return s.replace(/[\s\u3000]+/g, '').replace(/[,:;!?()]/g, (c) => HALFWIDTH[c]);
}

/** Paragraphs shorter than this (characters) are never indexed: formulas, not reuse. */
export const SHORTEST_INDEXED = 20;

const PROSE = new Set(['opening', 'body', 'closing']);

/**
 * The paragraphs a reuse can be about: prose of the opening, body and closing, keyed without
 * their leading marker (一、 二是), which changes when a paragraph moves.
 */
export function reusableParagraphs(model: DocumentModel): Array<{ key: string; paragraph: Paragraph; speech: number }> {
  const out: Array<{ key: string; paragraph: Paragraph; speech: number }> = [];
  for (const s of model.speeches) {
    for (const p of s.paragraphs) {
      if (!PROSE.has(p.role)) continue;
      const text = p.marker ? p.text.slice(p.marker.end - p.start) : p.text;
      const key = comparisonKey(text);
      if (key.length >= SHORTEST_INDEXED) out.push({ key, paragraph: p, speech: s.index });
    }
  }
  return out;
}

export interface ParagraphPlace {
  /** The document's name as given to the corpus (a path or a URI). */
  document: string;
  /** 0-based line and UTF-16 column of the paragraph's start and end. */
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export class ParagraphCorpus {
  private readonly byKey = new Map<string, ParagraphPlace[]>();
  /**
   * Each document's keys, once each: a document may hold the same paragraph twice (the same
   * text under two headings), and its places under that key are removed in one pass.
   */
  private readonly keysOf = new Map<string, Set<string>>();

  get size(): number {
    return this.keysOf.size;
  }

  has(document: string): boolean {
    return this.keysOf.has(document);
  }

  /** Indexes (or re-indexes) a document's paragraphs, from its text or a model already parsed. */
  set(document: string, source: string | DocumentModel): void {
    this.delete(document);
    const model = typeof source === 'string' ? parseDocument(source) : source;
    const keys = new Set<string>();
    for (const { key, paragraph } of reusableParagraphs(model)) {
      const place = { document, start: model.lineIndex.positionAt(paragraph.start), end: model.lineIndex.positionAt(paragraph.end) };
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = []));
      list.push(place);
      keys.add(key);
    }
    this.keysOf.set(document, keys);
  }

  delete(document: string): void {
    for (const key of this.keysOf.get(document) ?? []) {
      const list = (this.byKey.get(key) ?? []).filter((p) => p.document !== document);
      if (list.length) this.byKey.set(key, list);
      else this.byKey.delete(key);
    }
    this.keysOf.delete(document);
  }

  /**
   * Every indexed place with its key, document by document in the order they were indexed:
   * `add` of these gives a corpus that answers every `find` the same (it can cross a thread).
   */
  entries(): Array<[string, ParagraphPlace]> {
    const out: Array<[string, ParagraphPlace]> = [];
    for (const [document, keys] of this.keysOf) {
      for (const key of keys) for (const p of this.byKey.get(key) ?? []) if (p.document === document) out.push([key, p]);
    }
    return out;
  }

  /** Adds places (as `entries` gives them) after those already indexed. */
  add(entries: Array<[string, ParagraphPlace]>): void {
    for (const [key, place] of entries) {
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = []));
      list.push(place);
      let keys = this.keysOf.get(place.document);
      if (!keys) this.keysOf.set(place.document, (keys = new Set()));
      keys.add(key);
    }
  }

  /** The keys of a document's paragraphs (empty when it is not indexed). */
  keys(document: string): ReadonlySet<string> {
    return this.keysOf.get(document) ?? new Set();
  }

  /** Every place indexed under `key`, in the order the documents were indexed (for tests and tools). */
  places(key: string): readonly ParagraphPlace[] {
    return this.byKey.get(key) ?? [];
  }

  /** Where a paragraph with this key stands in a document other than `except`. */
  find(key: string, except?: string): ParagraphPlace | undefined {
    return this.byKey.get(key)?.find((p) => p.document !== except);
  }
}

/** Other documents for one analysis: the corpus, and this document's own name in it (never matched). */
export interface OtherDocuments {
  corpus: ParagraphCorpus;
  self?: string;
}
