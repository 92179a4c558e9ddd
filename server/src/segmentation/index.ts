// Word segmentation engines behind the analysis library's WordSegmenter interface.
// nodejieba (native) is the engine; it is loaded lazily, off the path of the first
// diagnostics. If the native binding cannot be loaded, Intl.Segmenter takes over (per
// sentence, as it is slow on long strings) and the log says so once.

import * as path from 'path';
import type { WordSegmenter } from '../analysis/types';

export interface SegmenterOptions {
  /** Extra user dictionaries (jieba format: `word [freq] [tag]` per line). */
  userDictionaries?: string[];
  log?: (message: string) => void;
}

/** Memoises words per paragraph text: re-analysis after an edit segments only what changed. */
export class CachedSegmenter implements WordSegmenter {
  private cache = new Map<string, string[]>();
  constructor(private readonly engine: WordSegmenter, private readonly capacity = 20000) {}
  get name(): string {
    return this.engine.name;
  }
  cut(text: string): string[] {
    const hit = this.cache.get(text);
    if (hit) {
      // Refresh recency: Map keeps insertion order, so re-insert.
      this.cache.delete(text);
      this.cache.set(text, hit);
      return hit;
    }
    const words = this.engine.cut(text);
    this.cache.set(text, words);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    return words;
  }
}

class IntlSegmenter implements WordSegmenter {
  readonly name = 'Intl.Segmenter';
  private readonly seg = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
  cut(text: string): string[] {
    const out: string[] = [];
    // Per sentence: Intl.Segmenter is slow on long strings in Node 20.
    for (const sentence of text.split(/(?<=[。！？；!?;\n])/)) {
      for (const s of this.seg.segment(sentence)) out.push(s.segment);
    }
    return out;
  }
}

class JiebaSegmenter implements WordSegmenter {
  readonly name = 'nodejieba';
  constructor(private readonly jieba: { cut(s: string, hmm?: boolean): string[] }) {}
  cut(text: string): string[] {
    return this.jieba.cut(text, true);
  }
}

/** Directory of the dictionaries shipped with Jianggao (next to the bundle, or in the sources). */
export function dictionaryDir(): string {
  const candidates = [path.join(__dirname, 'dict'), path.join(__dirname, '..', 'dict'), path.join(__dirname, '..', '..', 'dict')];
  const fs = require('fs') as typeof import('fs');
  return candidates.find((d) => fs.existsSync(path.join(d, 'official.dict.utf8'))) ?? candidates[0];
}

export function loadSegmenter(options: SegmenterOptions = {}): WordSegmenter {
  const log = options.log ?? (() => undefined);
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const jieba = require('nodejieba');
    const fs = require('fs') as typeof import('fs');
    const official = path.join(dictionaryDir(), 'official.dict.utf8');
    const userDicts = [official, ...(options.userDictionaries ?? [])].filter((f) => fs.existsSync(f));
    jieba.load({ userDict: userDicts.join('|') || undefined });
    return new CachedSegmenter(new JiebaSegmenter(jieba));
  } catch (e) {
    log(`nodejieba could not be loaded (${e instanceof Error ? e.message.split('\n')[0] : e}); using Intl.Segmenter instead.`);
    return new CachedSegmenter(new IntlSegmenter());
  }
}
