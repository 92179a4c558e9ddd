#!/usr/bin/env node
// Builds the dictionaries Jianggao ships, from nodejieba's own dictionary and our word list:
//
//   main.dict.utf8      nodejieba's jieba.dict.utf8, trimmed to cut the segmenter's memory
//   official.dict.utf8  official vocabulary and 提法 (official.words.txt), each with a frequency
//
//   node server/dict/build.mjs
//
// Why trim: nodejieba builds the dictionary trie twice (once for cutting, once for its
// TextRank keyword extractor, which we never use but cannot switch off), ~115 MB each for
// 349,000 words. A word can go without changing anything when it is "dead": its own
// characters always cut better as other words, so the segmenter never picks it. Beyond those,
// rare words (frequency ≤ RARE) go, except words whose loss could change what the repetition
// rules see: words with a doubled part (紧紧, 工作作风 keeps 作作 inside one word), words that
// begin or end with a slip character (的, 要…: 目的 must stay one word before 的). A filler entry
// keeps the frequency total, so every kept word keeps exactly its original weight.
// `npm run bench` prints how far segmentation with the trimmed dictionary agrees with the full one.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const RARE = 3;

const jieba = require('nodejieba');
const words = JSON.parse(fs.readFileSync(path.join(here, '..', 'src', 'analysis', 'data', 'words.json'), 'utf8'));
const slip = new Set([...words.slipChars]);

/** The full dictionary: word → [frequency, tag], its frequency total and smallest frequency. */
function readFull() {
  const entries = [];
  const freq = new Map();
  let total = 0;
  let min = Infinity;
  for (const line of fs.readFileSync(jieba.DEFAULT_DICT, 'utf8').split('\n')) {
    if (!line) continue;
    const [word, f, tag] = line.split(' ');
    const n = Number(f);
    entries.push({ word, freq: n, tag, line });
    freq.set(word, n);
    total += n;
    min = Math.min(min, n);
  }
  return { entries, freq, total, min };
}

/**
 * Best score of cutting `word` into other dictionary words (never the word itself), as the
 * segmenter scores it: the sum of log(freq/total), a character not in the dictionary at the
 * smallest frequency.
 */
function bestSplit(word, full) {
  const c = [...word];
  const n = c.length;
  const best = new Array(n + 1).fill(-Infinity);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    let s = '';
    for (let j = i; j < n; j++) {
      s += c[j];
      if (i === 0 && j === n - 1) continue;
      const f = full.freq.get(s);
      let v;
      if (f !== undefined) v = Math.log(f / full.total);
      else if (j === i) v = Math.log(full.min / full.total);
      else continue;
      if (v + best[j + 1] > best[i]) best[i] = v + best[j + 1];
    }
  }
  return best[0];
}

const DOUBLED_PART = /(.+)\1/u;

function buildMain(full) {
  const kept = [];
  let keptTotal = 0;
  let dead = 0;
  for (const e of full.entries) {
    const chars = [...e.word];
    let keep = chars.length === 1;
    if (!keep) {
      if (bestSplit(e.word, full) > Math.log(e.freq / full.total)) {
        dead++;
        continue;
      }
      keep = e.freq > RARE || DOUBLED_PART.test(e.word) || slip.has(chars[0]) || slip.has(chars[chars.length - 1]);
    }
    if (keep) {
      kept.push(e.line);
      keptTotal += e.freq;
    }
  }
  // The filler: a private-use character no draft contains, carrying the frequency of every
  // dropped word, so the total (hence every weight) is unchanged. The smallest frequency is
  // kept by the single characters and doubled words of frequency 2.
  kept.push(`\uE000 ${full.total - keptTotal} x`);
  fs.writeFileSync(path.join(here, 'main.dict.utf8'), kept.join('\n') + '\n');
  return { kept: kept.length - 1, dead };
}

/**
 * Frequency of an official term: enough that the term beats its own best split by a wide
 * margin (×100), at least 1000, at most 100000, and never below its frequency in jieba's dictionary.
 */
function buildOfficial(full) {
  const list = fs.readFileSync(path.join(here, 'official.words.txt'), 'utf8')
    .split('\n').filter((l) => !l.startsWith('#')).join(' ').split(/\s+/).filter(Boolean);
  const terms = [...new Set(list)];
  const lines = terms.map((w) => {
    const split = Math.exp(bestSplit(w, full)) * full.total;
    const own = full.freq.get(w) ?? 0;
    const f = Math.max(own, Math.min(100000, Math.max(1000, Math.ceil(split * 100))));
    return `${w} ${f} n`;
  });
  fs.writeFileSync(path.join(here, 'official.dict.utf8'), lines.join('\n') + '\n');
  return terms.length;
}

const full = readFull();
const main = buildMain(full);
const official = buildOfficial(full);
console.log(`main.dict.utf8: ${main.kept} of ${full.entries.length} words (${main.dead} dead words dropped); official.dict.utf8: ${official} terms`);
