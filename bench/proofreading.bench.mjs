// Speed of the proofreading rules (typo, variant-form, de-particle, formulation,
// number-format), on the bundles in dist/. Runs from a fresh clone: the drafts are made from
// the project's own fixture speeches (test/fixtures), not from ../shared.
//   - all five together on a 65 KB draft ≤ 3 ms warm (the paragraphs' words and hits cached,
//     as while editing); also the cost when no paragraph was seen before (every paragraph
//     new: one scan, word boundaries where a list hits);
//   - 10 KB … 10 MB grows linearly;
//   - building the automaton (once per process and per set of the user's own words).
// If ../shared/corpus/seed is there, the seed file is measured too (a note, not a target).

import fs from 'node:fs';
import path from 'node:path';
import { Report, ROOT, SEED, median, ms, require, machine } from './lib.mjs';

const { analyze, parseDocument } = require(path.join(ROOT, 'dist', 'analysis.js'));
const { loadSegmenter, CachedSegmenter } = require(path.join(ROOT, 'dist', 'segmentation.js'));

const RULES = new Set(['typo', 'variant-form', 'de-particle', 'formulation', 'number-format']);
const report = new Report(`proofreading.bench.mjs — ${machine()}`);

/** Prose paragraphs of the fixture speeches, some with the slips the rules look for. */
function pool() {
  const out = [];
  for (const dir of ['clean', 'drafts']) {
    const abs = path.join(ROOT, 'test', 'fixtures', dir);
    for (const f of fs.readdirSync(abs).filter((x) => x.endsWith('.speech') && !x.includes('.fixed.'))) {
      for (const l of fs.readFileSync(path.join(abs, f), 'utf8').split(/\r?\n/)) if (l.trim().length >= 30) out.push(l.trim());
    }
  }
  // A few slips of every list, so the timed path includes findings (2 in 100 paragraphs).
  out.push('截止目前，全市已完成投资3千万元，力争用3-5年时间再接再励、按步就班完成布署。');
  out.push('要认真的学习会议精神，在以习近平为核心的党中央坚强领导下，这批任务份量重。');
  return out;
}

/** A draft of about `bytes` of UTF-8; `salt` makes every paragraph text new (no cache hit). */
function draft(bytes, paragraphs, salt = '') {
  const lines = ['在全市重点工作推进会议上的讲话', '同志们：'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = salt ? `${paragraphs[i % paragraphs.length]}（${salt}${i}）` : paragraphs[i % paragraphs.length];
    if (i % 12 === 0) lines.push(`${'一二三四五六七八九'[Math.floor(i / 12) % 9]}、突出工作重点`);
    lines.push(p);
    size += Buffer.byteLength(p) + 1;
  }
  lines.push('同志们，让我们团结一心、真抓实干，奋力完成全年目标任务！');
  return lines.join('\n');
}

function timed(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function proofreading(text, words, model = parseDocument(text)) {
  return analyze(text, { words, model, only: RULES });
}

const paragraphs = pool();
const engine = loadSegmenter();
const words = new CachedSegmenter(engine, 1e7);

const automatonMs = timed(() => proofreading('截止目前。', words));
report.note('first call: the automaton of every list built (once per process)', `${ms(automatonMs)} ms`);
const userMs = timed(() => analyze('市经信委召开会议。', { words, options: { wrongWords: [{ wrong: '市经信委', right: '市经济和信息化局' }] }, only: RULES }));
report.note('  again with the user\'s own words.wrong (a second automaton)', `${ms(userMs)} ms`);

function measureSize(label, text) {
  const model = parseDocument(text);
  const findings = proofreading(text, words, model).diagnostics.length;
  const warm = [];
  for (let i = 0; i < 30; i++) warm.push(timed(() => proofreading(text, words, model)));
  const w = median(warm);
  return { label, w, findings, bytes: Buffer.byteLength(text) };
}

const d65 = draft(65 * 1024, paragraphs);
const warm65 = measureSize('65 KB', d65);
report.figure(`five proofreading rules, ${(warm65.bytes / 1024).toFixed(0)} KB fixture draft, warm (median of 30)`, ms(warm65.w), 'ms', '≤ 3 ms', warm65.w <= 3);
report.note(`  findings on it`, String(warm65.findings));
// Every paragraph new: the scan, the word boundaries of paragraphs with a hit (segmenter warm).
const fresh = [];
for (let k = 0; k < 10; k++) {
  const t = draft(65 * 1024, paragraphs, `n${k}-`);
  const model = parseDocument(t);
  for (const p of model.paragraphs) words.cut(p.text);
  fresh.push(timed(() => proofreading(t, words, model)));
}
report.note('  every paragraph new to the rules (their caches cold, words cut already)', `${ms(median(fresh))} ms (median of 10)`);

if (fs.existsSync(SEED)) {
  const seed = fs.readFileSync(SEED, 'utf8');
  const s = measureSize('seed', seed);
  report.note(`  the seed file (${(s.bytes / 1024).toFixed(0)} KB, ../shared), warm`, `${ms(s.w)} ms, ${s.findings} findings`);
}

// Growth: time per byte at each size over the size before (1 = linear), each rule's caches
// cold: every paragraph text new (a fresh salt per run), words cut beforehand; best of three
// runs (garbage collection and a shared machine make single runs vary several times over).
// The code compiled first (a small draft after the measurements above would time the JIT).
{
  const text = draft(1e6, paragraphs, 'warm-up-');
  proofreading(text, new CachedSegmenter(engine, 2e7));
}
const rows = [];
for (const bytes of [10e3, 100e3, 1e6, 10e6]) {
  const runs = [];
  let size = 0;
  for (let k = 0; k < (bytes >= 10e6 ? 2 : 3); k++) {
    const text = draft(bytes, paragraphs, `g${bytes}-${k}-`);
    size = Buffer.byteLength(text);
    const model = parseDocument(text);
    const big = new CachedSegmenter(engine, 2e7);
    for (const p of model.paragraphs) big.cut(p.text);
    globalThis.gc?.();
    runs.push(timed(() => proofreading(text, big, model)));
  }
  const cold = Math.min(...runs);
  rows.push({ bytes: size, cold });
  report.note(`  ${(size / 1e6).toFixed(2).padStart(6)} MB, every paragraph new (best of ${runs.length})`, `${ms(cold).padStart(8)} ms   (${ms(cold / (size / 1e6))} ms/MB)`);
}
for (let i = 2; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  const ratio = b.cold / a.cold / (b.bytes / a.bytes);
  report.figure(`  growth ${(a.bytes / 1e6).toFixed(1)} → ${(b.bytes / 1e6).toFixed(1)} MB, time per byte ×`, ratio.toFixed(2), '', '≤ 2 (linear)', ratio <= 2);
}
report.end();
