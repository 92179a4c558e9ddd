// The proofreading lists (data/proofreading/*.json and the user's own `words.wrong`) in one
// Aho–Corasick automaton, scanned once per paragraph text; the rules read the hits of their
// own list. Hits are kept per paragraph text across analyses (an edit rescans one paragraph),
// and so are the word boundaries of the few paragraphs that have a hit of a word list.

import typoData from '../../data/proofreading/typos.json';
import variantData from '../../data/proofreading/variants.json';
import formulationData from '../../data/proofreading/formulations.json';
import { TextCache } from '../../lru';
import { Paragraph } from '../../model';
import { Edit, Finding, MessageData, RuleContext, WordSegmenter } from '../../types';
import { Automaton } from './automaton';

export interface TypoEntry {
  wrong: string;
  right: string;
  kind: '音近' | '形近' | '成语';
  note?: string;
  /** Context guard: the text right after / before must match for the form to be wrong. */
  after?: string;
  before?: string;
  /** 'misspelling': the segmenter's dictionary lists the slip (reviewed); 'guarded': a real word. */
  dictionary?: 'misspelling' | 'guarded';
}

export interface VariantEntry {
  variant: string;
  norm: string;
  /** Phrases in which the variant is the fixed form (筚路蓝缕). */
  except: string[];
}

export interface PhraseEntry {
  wrong: string;
  right: string;
  since?: number;
  source: string;
  note?: string;
}

export interface SetEntry {
  name: string;
  /** Names the set goes by in a draft (四个意识, “四个意识”). */
  names: string[];
  /** Each member's full forms (政治意识; 四个全面's first member has two). */
  members: string[][];
  /** Short forms accepted only in a list that follows the set's name (道路、理论、制度、文化自信). */
  short?: string[][];
  /** Members joined in groups of this many (富强、民主、文明、和谐，自由…). */
  joinGroups?: number;
  /** Members' order may be checked on any run of three or more (a chronological list). */
  anyRun?: boolean;
  since?: number;
  source: string;
}

export interface YearEntry {
  form: string;
  since: number;
  source: string;
  /** A regular expression the text after the form must match to speak of it as past (精神, 以来). */
  after?: string;
}

export const TYPOS: TypoEntry[] = (typoData.entries as TypoEntry[]).map((e) => ({ ...e }));
const VARIANT_EXCEPT = variantData.except as Record<string, string[]>;
const NOT_MATCHED = variantData.notMatched as Record<string, string>;
export const VARIANT_GROUPS: string[][] = variantData.groups;
export const VARIANTS: VariantEntry[] = VARIANT_GROUPS.flatMap((g) =>
  g.slice(1).filter((v) => !(v in NOT_MATCHED)).map((v) => ({ variant: v, norm: g[0], except: VARIANT_EXCEPT[v] ?? [] })),
);
export const PHRASES: PhraseEntry[] = formulationData.phrases;
export const SETS: SetEntry[] = formulationData.sets;
export const YEARS: YearEntry[] = formulationData.years;

/** What a pattern of the automaton stands for. */
export type Payload =
  | { list: 'typo'; entry: TypoEntry }
  | { list: 'variant'; entry: VariantEntry }
  | { list: 'phrase'; entry: PhraseEntry }
  | { list: 'set-name'; set: SetEntry }
  | { list: 'set-member'; set: SetEntry; member: number; full: boolean }
  | { list: 'year'; entry: YearEntry }
  | { list: 'user'; entry: { wrong: string; right: string } };

export interface Matcher {
  automaton: Automaton;
  payloads: Payload[][];
  /** Raw hits per paragraph text: start, end, pattern of each in turn (compact: a long session keeps many). */
  hits: TextCache<Int32Array>;
  /** Word boundaries per segmenter and paragraph text. */
  boundaries: WeakMap<WordSegmenter, TextCache<Uint8Array>>;
  /** Each rule's findings per paragraph text: of the rules without words, and per segmenter. */
  results: Map<string, TextCache<LocalFinding[]>>;
  wordResults: WeakMap<WordSegmenter, Map<string, TextCache<LocalFinding[]>>>;
}

/** A finding in a paragraph's text (offsets into it), before the user's allowed words. */
export interface LocalFinding {
  start: number;
  end: number;
  data: MessageData;
  variant?: string;
  severity?: Finding['severity'];
  fix?: { start: number; end: number; text: string };
}

function builtInPayloads(): Array<[string, Payload]> {
  const out: Array<[string, Payload]> = [];
  for (const entry of TYPOS) out.push([entry.wrong, { list: 'typo', entry }]);
  for (const entry of VARIANTS) out.push([entry.variant, { list: 'variant', entry }]);
  for (const entry of PHRASES) out.push([entry.wrong, { list: 'phrase', entry }]);
  for (const set of SETS) {
    for (const name of set.names) out.push([name, { list: 'set-name', set }]);
    // Short forms (道路, 理论) count only in a list after the set's name, which is read from the
    // text there: they are not patterns (they would hit in nearly every paragraph).
    set.members.forEach((forms, member) => forms.forEach((form) => out.push([form, { list: 'set-member', set, member, full: true }])));
  }
  for (const entry of YEARS) out.push([entry.form, { list: 'year', entry }]);
  return out;
}

function buildMatcher(user: Array<{ wrong: string; right: string }>): Matcher {
  const byText = new Map<string, Payload[]>();
  const add = (text: string, p: Payload) => {
    let list = byText.get(text);
    if (!list) byText.set(text, (list = []));
    list.push(p);
  };
  for (const [text, p] of builtInPayloads()) add(text, p);
  for (const entry of user) add(entry.wrong, { list: 'user', entry });
  const texts = [...byText.keys()];
  return { automaton: new Automaton(texts), payloads: texts.map((t) => byText.get(t)!), hits: new TextCache(), boundaries: new WeakMap(), results: new Map(), wordResults: new WeakMap() };
}

/** Matchers by the user's pairs (a few configurations at most in one session). */
const matchers = new Map<string, Matcher>();

export function matcherFor(ctx: RuleContext): Matcher {
  const user = ctx.options.wrongWords ?? [];
  const key = user.length ? JSON.stringify(user.map((u) => [u.wrong, u.right])) : '';
  let m = matchers.get(key);
  if (!m) {
    if (matchers.size >= 4) matchers.delete(matchers.keys().next().value as string);
    matchers.set(key, (m = buildMatcher(user)));
  }
  return m;
}

const NO_HITS = new Int32Array(0);

/** A hit of one of the lists, for the rules to read. */
export interface Hit {
  start: number;
  end: number;
  pattern: number;
}

/** Every hit of every list in a paragraph's text (scanned once per text). */
export function hitsOf(m: Matcher, text: string): Hit[] {
  let flat = m.hits.get(text);
  if (!flat) {
    const found = m.automaton.scanFlat(text);
    m.hits.set(text, (flat = found.length ? found : NO_HITS));
  }
  const out: Hit[] = [];
  for (let i = 0; i < flat.length; i += 3) out.push({ start: flat[i], end: flat[i + 1], pattern: flat[i + 2] });
  return out;
}

/** 1 at each offset of the text where a word starts or ends (the text's ends included). */
export function boundariesOf(m: Matcher, words: WordSegmenter, text: string): Uint8Array {
  let cache = m.boundaries.get(words);
  if (!cache) m.boundaries.set(words, (cache = new TextCache()));
  const hit = cache.get(text);
  if (hit) return hit;
  const b = new Uint8Array(text.length + 1);
  let at = 0;
  b[0] = 1;
  for (const w of words.cut(text)) {
    at += w.length;
    if (at <= text.length) b[at] = 1;
  }
  b[text.length] = 1;
  cache.set(text, b);
  return b;
}

const NO_FINDINGS: LocalFinding[] = [];

/**
 * The findings of a rule in each paragraph, computed once per paragraph text (and segmenter,
 * for the word rules) and kept across analyses: re-analysis after an edit checks the changed
 * paragraph only. The user's allowed words are applied afterwards, on every analysis.
 */
export function paragraphFindings(ctx: RuleContext, rule: string, usesWords: boolean, compute: (p: Paragraph, m: Matcher) => LocalFinding[]): Finding[] {
  const m = matcherFor(ctx);
  let byRule = m.results;
  if (usesWords) {
    let perSegmenter = m.wordResults.get(ctx.words!);
    if (!perSegmenter) m.wordResults.set(ctx.words!, (perSegmenter = new Map()));
    byRule = perSegmenter;
  }
  let cache = byRule.get(rule);
  if (!cache) byRule.set(rule, (cache = new TextCache()));
  const out: Finding[] = [];
  for (const p of ctx.model.paragraphs) {
    let local = cache.get(p.text);
    if (!local) {
      const found = compute(p, m);
      cache.set(p.text, (local = found.length ? found : NO_FINDINGS));
    }
    for (const f of local) {
      if (allowedAt(ctx, p.text, f.start, f.end)) continue;
      out.push({ ...rangeIn(p, f.start, f.end), data: f.data, variant: f.variant, severity: f.severity, fix: f.fix ? replaceIn(p, f.fix.start, f.fix.end, f.fix.text) : undefined });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Shared checks

/** The text already reads the right form around a hit of its wrong form (市长 inside 副市长). */
export function readsRight(text: string, start: number, wrong: string, right: string): boolean {
  for (let k = right.indexOf(wrong); k >= 0; k = right.indexOf(wrong, k + 1)) {
    if (text.startsWith(right, start - k)) return true;
  }
  return false;
}

/** An occurrence of one of `phrases` in the text covers [start, end). */
export function covered(text: string, start: number, end: number, phrases: readonly string[]): boolean {
  for (const phrase of phrases) {
    if (!phrase || phrase.length < end - start) continue;
    // Only the text an occurrence covering [start, end) can lie in: a long line with many hits
    // must not be searched to its end for each.
    const from = Math.max(0, end - phrase.length);
    const window = text.slice(from, start + phrase.length);
    for (let i = window.indexOf(phrase); i >= 0; i = window.indexOf(phrase, i + 1)) {
      if (from + i <= start && from + i + phrase.length >= end) return true;
    }
  }
  return false;
}

/** Whether the user allows the text at [start, end) (`words.allow`, `allowWords`). */
export function allowedAt(ctx: RuleContext, text: string, start: number, end: number): boolean {
  const allow = ctx.options.allowWords;
  return allow.length > 0 && covered(text, start, end, allow);
}

/** Document range of [start, end) of a paragraph's text. */
export function rangeIn(p: Paragraph, start: number, end: number): { start: number; end: number } {
  return { start: p.offsetOf(start), end: p.offsetOf(Math.max(start, end - 1)) + 1 };
}

/** A fix replacing [start, end) of a paragraph's text, when it lies on one line. */
export function replaceIn(p: Paragraph, start: number, end: number, text: string): Edit[] | undefined {
  if (end <= start || p.offsetOf(end - 1) - p.offsetOf(start) !== end - 1 - start) return undefined;
  return [{ ...rangeIn(p, start, end), text }];
}

/**
 * Non-overlapping hits, the longer of two overlapping ones kept (the earlier on a tie). One
 * sweep in order of start: a draft that is one long line of slips must not make this quadratic.
 */
export function longestFirst<T extends { start: number; end: number }>(hits: T[]): T[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const h of sorted) {
    const last = kept[kept.length - 1];
    if (!last || h.start >= last.end) kept.push(h);
    else if (h.end - h.start > last.end - last.start) kept[kept.length - 1] = h;
  }
  return kept;
}

const guardCache = new Map<string, RegExp>();
export function guard(source: string, anchor: 'start' | 'end'): RegExp {
  const key = `${anchor}:${source}`;
  let re = guardCache.get(key);
  if (!re) guardCache.set(key, (re = new RegExp(anchor === 'start' ? `^(?:${source})` : `(?:${source})$`)));
  return re;
}

/** Whether a hit's context guard holds (an entry without a guard is wrong everywhere). */
export function guardHolds(text: string, start: number, end: number, e: { after?: string; before?: string }): boolean {
  if (!e.after && !e.before) return true;
  if (e.after && guard(e.after, 'start').test(text.slice(end, end + 24))) return true;
  if (e.before && guard(e.before, 'end').test(text.slice(Math.max(0, start - 16), start))) return true;
  return false;
}
