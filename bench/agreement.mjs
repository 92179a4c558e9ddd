// Child process of perf.bench.mjs: segments the corpus with one main dictionary and prints,
// as JSON, the words of every line and the word-rule findings on the corpus and on each line
// with every 要 and 的 doubled. Run once with the trimmed dictionary and once with the full one;
// the parent compares. (One process per dictionary: nodejieba holds one dictionary at a time.)
//
//   node bench/agreement.mjs [MAIN_DICTIONARY] FILE...

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, require } from './lib.mjs';

const { analyze } = require(path.join(ROOT, 'dist', 'analysis.js'));
const { loadSegmenter } = require(path.join(ROOT, 'dist', 'segmentation.js'));

const [dictionary, ...files] = process.argv.slice(2);
const words = loadSegmenter({ mainDictionary: dictionary === '-' ? undefined : dictionary, log: (m) => process.stderr.write(m + '\n') });
const WORD_RULES = new Set(['doubled-word', 'overused-phrase']);
const findings = (text) => analyze(text, { words, only: WORD_RULES }).diagnostics.map((d) => `${d.rule}@${d.start}-${d.end}:${d.severity}`);

const out = { cuts: [], findings: [] };
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  out.findings.push(...findings(text).map((f) => `${path.basename(file)} ${f}`));
  for (const line of text.split(/\r?\n/)) {
    out.cuts.push(words.cut(line));
    for (const ch of ['要', '的']) {
      for (let i = line.indexOf(ch); i >= 0; i = line.indexOf(ch, i + 1)) {
        const doubled = `同志们：\n${line.slice(0, i)}${ch}${line.slice(i)}`;
        out.findings.push(...findings(doubled).map((f) => `${path.basename(file)}:${i} ${f}`));
      }
    }
  }
}
process.stdout.write(JSON.stringify(out));
