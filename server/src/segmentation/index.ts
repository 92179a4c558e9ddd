// Word segmentation engines behind the analysis library's WordSegmenter interface.
//
// nodejieba (native) is the engine. It loads Jianggao's own dictionaries from server/dict:
// a trimmed main dictionary (see server/dict/build.mjs: the full one costs ~300 MB), the
// official vocabulary (群团组织, 十九大, 四个意识…) and the user's dictionaries, normalised
// first (a malformed line must not abort the process inside the native code). Stub files
// stand in for the keyword-extraction dictionaries `cut` never reads.
//
// If the native binding cannot be loaded, Intl.Segmenter takes over (per sentence, as it is
// slow on long strings) and the log says so once. Callers load the engine lazily, off the
// path of the first diagnostics.

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { WordSegmenter } from '../analysis/types';
import { TextCache, TEXT_CACHE_BUDGET } from '../analysis/lru';

export interface SegmenterOptions {
  /** Extra user dictionaries (jieba format: `word [freq] [tag]` per line). */
  userDictionaries?: string[];
  log?: (message: string) => void;
  /** Force the portable engine (tests of the fallback, platforms without the binary). */
  engine?: 'nodejieba' | 'intl';
  /** Main dictionary instead of the shipped trimmed one (the bench compares with the full one). */
  mainDictionary?: string;
}

export interface LoadedSegmenter extends WordSegmenter {
  /** True when nodejieba could not be used and Intl.Segmenter cuts instead. */
  readonly fallback: boolean;
  /** User dictionaries in force, and the number of their words accepted. */
  readonly userWords: number;
}

/**
 * Memoises words per paragraph text: re-analysis after an edit segments only what changed.
 * Bounded by characters (`budget`), not entries, so a day of edits keeps memory flat.
 */
export class CachedSegmenter implements WordSegmenter {
  private cache: TextCache<string[]>;
  /** Texts actually handed to the engine (the bench shows edits re-cut one paragraph). */
  misses = 0;
  constructor(private readonly engine: WordSegmenter, budget = TEXT_CACHE_BUDGET) {
    this.cache = new TextCache(budget);
  }
  get name(): string {
    return this.engine.name;
  }
  cut(text: string): string[] {
    const hit = this.cache.get(text);
    if (hit) return hit;
    this.misses++;
    const words = this.engine.cut(text);
    this.cache.set(text, words);
    return words;
  }
  tag(word: string): string | undefined {
    return this.engine.tag?.(word);
  }
  clear(): void {
    this.cache.clear();
  }
}

export class IntlSegmenter implements WordSegmenter {
  readonly name = 'Intl.Segmenter';
  private readonly seg = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
  cut(text: string): string[] {
    const out: string[] = [];
    // Per sentence: Intl.Segmenter is slow (quadratic) on long strings in Node 20. A run
    // without sentence punctuation is cut into pieces of at most SEGMENT_PIECE characters.
    for (const sentence of text.split(/(?<=[。！？；!?;\n])/)) {
      for (let at = 0; at < sentence.length; at += SEGMENT_PIECE) {
        let end = Math.min(sentence.length, at + SEGMENT_PIECE);
        if (end < sentence.length && /[\uD800-\uDBFF]/.test(sentence[end - 1])) end--;
        for (const s of this.seg.segment(sentence.slice(at, end))) out.push(s.segment);
        at = end - SEGMENT_PIECE;
      }
    }
    return out;
  }
}

interface NodeJieba {
  load(dicts: { dict: string; hmmDict: string; userDict: string; idfDict: string; stopWordDict: string }): boolean;
  cut(text: string, hmm?: boolean): string[];
  tag(text: string): Array<{ word: string; tag: string }>;
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Longest piece handed to Intl.Segmenter at once. */
const SEGMENT_PIECE = 2000;

class JiebaSegmenter implements WordSegmenter {
  readonly name = 'nodejieba';
  private readonly portable = new IntlSegmenter();
  constructor(private readonly jieba: NodeJieba) {}
  cut(text: string): string[] {
    // No HMM: it glues runs of unknown single characters into new "words", and a slip like
    // 要要 must stay two words. The dictionaries know the vocabulary.
    if (!SURROGATE.test(text)) return this.jieba.cut(text, false);
    // The binding goes through UTF-8: a lone surrogate would come back as U+FFFD, and words
    // must give back the text exactly (rules map them to offsets). Each lone surrogate is a
    // word of its own; the text between them goes to jieba (linear, unlike cutting it all
    // with Intl.Segmenter, which took seconds on a line of 80,000 such characters).
    // (push, not concat: concatenating into a growing array made this quadratic.)
    const words: string[] = [];
    const add = (piece: string) => {
      for (const w of this.jieba.cut(piece, false)) words.push(w);
    };
    let at = 0;
    for (const m of text.matchAll(LONE_SURROGATE)) {
      if (m.index! > at) add(text.slice(at, m.index));
      words.push(m[0]);
      at = m.index! + 1;
    }
    if (at < text.length) add(text.slice(at));
    if (words.join('') !== text) return this.portable.cut(text);
    return words;
  }
  /** Tags looked up so far: the repetition rules ask about a few words per document. */
  private readonly tags = new Map<string, string | undefined>();
  tag(word: string): string | undefined {
    if (!/^\p{Script=Han}{1,16}$/u.test(word)) return undefined;
    if (this.tags.has(word)) return this.tags.get(word);
    if (this.tags.size >= MAX_TAGGED_WORDS) this.tags.clear();
    const parts = this.jieba.tag(word);
    const tag = parts.length ? parts[parts.length - 1].tag : undefined;
    this.tags.set(word, tag);
    return tag;
  }
}

const MAX_TAGGED_WORDS = 20_000;

/** Directory of the dictionaries shipped with Jianggao: server/dict, from the sources or from dist/. */
export function dictionaryDir(): string {
  const candidates = [path.join(__dirname, '..', '..', 'dict'), path.join(__dirname, '..', 'server', 'dict')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'main.dict.utf8'))) ?? candidates[0];
}

export const DICTIONARY_FILES = {
  main: 'main.dict.utf8',
  official: 'official.dict.utf8',
  idfStub: 'idf.stub.utf8',
  stopWordStub: 'stop_words.stub.utf8',
};

/** A user dictionary line's words get this frequency when the line gives none. */
export const DEFAULT_USER_FREQUENCY = 10000;
const MAX_USER_DICTIONARY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a user dictionary into well-formed `word freq tag` lines. Lenient about what people
 * write (`群团组织`, `群团组织 100000`, `群团组织 100000 nt`, a BOM, CRLF, `#` comments);
 * anything else is skipped and counted, never passed to the native loader.
 */
export function normaliseDictionary(text: string): { lines: string[]; skipped: number } {
  const lines: string[] = [];
  let skipped = 0;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('//')) continue;
    const m = /^(\S{1,64})(?:[ \t\u3000]+(\d{1,9}))?(?:[ \t\u3000]+([A-Za-z]{1,8}))?$/.exec(line);
    if (!m || /[\uFFFD\uD800-\uDFFF\u0000-\u001F]/.test(m[1])) {
      skipped++;
      continue;
    }
    const freq = m[2] !== undefined && Number(m[2]) > 0 ? Number(m[2]) : DEFAULT_USER_FREQUENCY;
    lines.push(`${m[1]} ${freq} ${m[3] ?? 'n'}`);
  }
  return { lines, skipped };
}

/** The official dictionary plus the user's, merged into one normalised file (cached by content). */
function userDictionaryFile(official: string, userDictionaries: string[], log: (m: string) => void): { file: string; words: number } {
  if (userDictionaries.length === 0) return { file: official, words: 0 };
  const parts: string[] = [fs.readFileSync(official, 'utf8').trimEnd()];
  let words = 0;
  for (const file of userDictionaries) {
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      if (st.size > MAX_USER_DICTIONARY_BYTES) throw new Error(`larger than ${MAX_USER_DICTIONARY_BYTES / 1048576} MB`);
      const { lines, skipped } = normaliseDictionary(fs.readFileSync(file, 'utf8'));
      if (skipped) log(`dictionary ${file}: ${skipped} line(s) skipped (expected "word [frequency] [tag]")`);
      if (lines.length) parts.push(lines.join('\n'));
      words += lines.length;
    } catch (e) {
      log(`dictionary ${file} not used: ${(e as Error).message}`);
    }
  }
  const content = parts.join('\n') + '\n';
  const hash = crypto.createHash('sha1').update(content).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'jianggao-dict');
  const merged = path.join(dir, `user-${hash}.dict.utf8`);
  if (!fs.existsSync(merged)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${merged}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, merged);
  }
  return { file: merged, words };
}

let fallbackLogged = false;
/** The dictionary set nodejieba holds now, and its segmenter. */
let lastLoaded: { key: string; segmenter: LoadedSegmenter } | undefined;

/**
 * Characters of paragraph text whose cuts the loaded segmenter keeps. Small: the repetition
 * rules keep each paragraph's words themselves, compactly (ids and offsets), and this cache
 * of word strings is what the heap of a long editing session was made of.
 */
const SEGMENTER_CACHE_BUDGET = 50_000;

export function loadSegmenter(options: SegmenterOptions = {}): LoadedSegmenter {
  const log = options.log ?? (() => undefined);
  const portable = (reason: string): LoadedSegmenter => {
    if (!fallbackLogged) log(`nodejieba is not available (${reason}); words are cut by Intl.Segmenter instead, without the official dictionary.`);
    fallbackLogged = true;
    return Object.assign(new CachedSegmenter(new IntlSegmenter(), SEGMENTER_CACHE_BUDGET), { fallback: true, userWords: 0 });
  };
  if (options.engine === 'intl') return portable('switched off');
  let jieba: NodeJieba;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    jieba = require('nodejieba') as NodeJieba;
  } catch (e) {
    return portable(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const dir = dictionaryDir();
  const files = {
    dict: options.mainDictionary ?? path.join(dir, DICTIONARY_FILES.main),
    hmmDict: jieba.DEFAULT_HMM_DICT,
    official: path.join(dir, DICTIONARY_FILES.official),
    idfDict: path.join(dir, DICTIONARY_FILES.idfStub),
    stopWordDict: path.join(dir, DICTIONARY_FILES.stopWordStub),
  };
  // The native loader aborts the whole process on a missing or empty file: check first.
  for (const [name, file] of Object.entries(files)) {
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      /* missing */
    }
    if (size === 0) return portable(`${name} file missing or empty: ${file}`);
  }
  try {
    const user = userDictionaryFile(files.official, options.userDictionaries ?? [], log);
    const load = { dict: files.dict, hmmDict: files.hmmDict, userDict: user.file, idfDict: files.idfDict, stopWordDict: files.stopWordDict };
    // nodejieba holds one dictionary set per process: the same set asked for again (one CLI
    // run after another in a process) is the segmenter already loaded, not another 400 ms.
    const key = JSON.stringify(load);
    if (lastLoaded?.key === key) return lastLoaded.segmenter;
    jieba.load(load);
    // The binding itself is loaded by the first call: a missing binary fails here.
    jieba.cut('讲话稿', false);
    fallbackLogged = false;
    const segmenter = Object.assign(new CachedSegmenter(new JiebaSegmenter(jieba), SEGMENTER_CACHE_BUDGET), { fallback: false, userWords: user.words });
    lastLoaded = { key, segmenter };
    return segmenter;
  } catch (e) {
    return portable(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
}
