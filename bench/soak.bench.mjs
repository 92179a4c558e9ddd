// Soak (issue 6): `node dist/server.js --stdio` takes 10,000 incremental edits to one open
// draft, as a writer's day of typing would send, and its memory must stay flat.
//
// Each edit is one didChange (typing a character, deleting one, pasting or cutting a
// sentence, breaking or joining a line), sent when the diagnostics of the previous version
// are out, with the debounce set to 0: every version is analysed, words included. The
// server's RSS (from /proc: every thread, the analysis worker's included) and the main
// thread's V8 heap (from a preload that answers SIGUSR2 after a full GC, so production code
// carries no probe; the worker's heap shows in the RSS) are printed before, every 1,000 edits, and after.
//
// Resident memory must stay at most 200 MB throughout (read from /proc every 100 edits, no
// collection forced).
//
// Verdict: flat when, after the first 1,000 edits (caches warm), the heap grows by at most
// 15 MB over the remaining 9,000 edits, the RSS (noisy: the allocator keeps and returns pages
// as it likes) grows by at most 40 MB from the mean of the first three samples to the mean of
// the last three, and the heap comes back within 15 MB of the warm heap once the document is
// closed. (The draft itself grows from 5,000 to about 16,000 characters on the way.)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LspClient, Report, machine, makeDraft, paragraphPool, rssMB } from './lib.mjs';

const EDITS = Number(process.env.SOAK_EDITS) || 10000;
const EVERY = 1000;
const HEAP_GROWTH_MB = 15;
const RSS_GROWTH_MB = 40;
const RSS_LIMIT_MB = 200;

// A preload in a temporary file: on SIGUSR2 it collects garbage and writes the process's memory.
const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-soak-'));
const probe = path.join(probeDir, 'probe.cjs');
const probeOut = path.join(probeDir, 'memory.json');
fs.writeFileSync(probe, `
process.on('SIGUSR2', () => {
  globalThis.gc?.(); globalThis.gc?.();
  const m = process.memoryUsage();
  require('fs').writeFileSync(${JSON.stringify(probeOut)}, JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers }));
});
`);

class SoakClient extends LspClient {
  dispatch(msg, at) {
    // Debounce 0: every version of the draft is analysed.
    if (msg.id !== undefined && msg.method === 'workspace/configuration') {
      this.send({ jsonrpc: '2.0', id: msg.id, result: msg.params.items.map(() => ({ debounceMs: 0 })) });
      return;
    }
    super.dispatch(msg, at);
  }
}

const MB = 1024 * 1024;
async function memory(client) {
  fs.rmSync(probeOut, { force: true });
  process.kill(client.child.pid, 'SIGUSR2');
  for (let i = 0; i < 200 && !fs.existsSync(probeOut); i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, 25));
  const m = JSON.parse(fs.readFileSync(probeOut, 'utf8'));
  return { rss: m.rss / MB, heap: m.heapUsed / MB, external: m.external / MB };
}
const fmt = (m) => `RSS ${m.rss.toFixed(1)} MB, heap ${m.heap.toFixed(1)} MB, external ${m.external.toFixed(1)} MB`;

/** Deterministic edits of a writer's day (a small LCG, so every run sends the same edits). */
function* edits(initial) {
  let seed = 12345;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const pool = paragraphPool();
  const typed = '要进一步加强组织领导狠抓工作落实确保各项任务落到实处，。';
  let text = initial;
  for (;;) {
    const kind = rand(100);
    let start;
    let end;
    let insert = '';
    const at = rand(text.length + 1);
    if (kind < 60) { start = end = at; insert = typed[rand(typed.length)]; } // typing
    else if (kind < 80) { start = Math.max(0, at - 1); end = at; } // backspace
    else if (kind < 88) { start = end = at; insert = pool[rand(pool.length)].slice(0, 20 + rand(40)); } // paste a sentence
    else if (kind < 95) { start = at; end = Math.min(text.length, at + 10 + rand(40)); } // cut
    else if (kind < 98) { start = end = at; insert = '\n'; } // break a line
    else { const nl = text.indexOf('\n', at); start = nl < 0 ? at : nl; end = nl < 0 ? at : nl + 1; } // join two lines
    text = text.slice(0, start) + insert + text.slice(end);
    yield { start, end, insert, text };
  }
}

function position(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

const report = new Report(`soak.bench.mjs — ${machine()}`);
const client = new SoakClient({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --require ${probe}`.trim() });
const uri = 'file:///bench/soak.speech';
let text = makeDraft(5000);
await client.initialize();
let version = 1;
const published = (v) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v, 60000);
let out = published(1);
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'speech', version, text } });
await out;
// Wait for word segmentation and the words' diagnostics: the baseline has the dictionary loaded.
if (!client.logs.some((l) => /word segmentation ready/.test(l.message))) await client.waitFor('window/logMessage', (p) => /word segmentation ready/.test(p.message), 60000);
await new Promise((r) => setTimeout(r, 500));
const before = await memory(client);
report.note(`before: ${text.length}-char draft open, dictionary loaded`, fmt(before));

const samples = [];
let peakRss = 0;
const t0 = Date.now();
const gen = edits(text);
let warm;
for (let i = 1; i <= EDITS; i++) {
  const e = gen.next().value;
  const range = { start: position(text, e.start), end: position(text, e.end) };
  text = e.text;
  version++;
  out = published(version);
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: e.insert }] });
  await out;
  if (i % 100 === 0) peakRss = Math.max(peakRss, rssMB(client.child.pid));
  if (i % EVERY === 0) {
    const m = await memory(client);
    samples.push(m);
    if (i === EVERY) warm = m;
    report.note(`after ${String(i).padStart(5)} edits (${text.length} chars, ${((Date.now() - t0) / i).toFixed(1)} ms/edit)`, fmt(m));
  }
}
const end = samples[samples.length - 1];
client.notify('textDocument/didClose', { textDocument: { uri } });
await new Promise((r) => setTimeout(r, 300));
const closed = await memory(client);
report.note('after closing the document', fmt(closed));
await client.stop();
fs.rmSync(probeDir, { recursive: true, force: true });

const heapGrowth = end.heap - warm.heap;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rssGrowth = mean(samples.slice(-3).map((m) => m.rss)) - mean(samples.slice(0, 3).map((m) => m.rss));
const maxHeap = Math.max(...samples.map((s) => s.heap));
report.figure(`heap growth from edit ${EVERY} to edit ${EDITS}`, heapGrowth.toFixed(1), 'MB', `≤ ${HEAP_GROWTH_MB} MB`, heapGrowth <= HEAP_GROWTH_MB);
report.figure('RSS growth, mean of the last 3 samples over the first 3', rssGrowth.toFixed(1), 'MB', `≤ ${RSS_GROWTH_MB} MB`, rssGrowth <= RSS_GROWTH_MB);
report.note('RSS range over the samples', `${Math.min(...samples.map((m) => m.rss)).toFixed(1)}–${Math.max(...samples.map((m) => m.rss)).toFixed(1)} MB`);
report.figure('highest RSS, read every 100 edits (all threads)', peakRss.toFixed(1), 'MB', `≤ ${RSS_LIMIT_MB} MB`, peakRss <= RSS_LIMIT_MB);
report.note('time per edit over the soak (edit sent → its diagnostics)', `${((Date.now() - t0) / EDITS).toFixed(1)} ms`);
report.figure('heap after closing, above the warm heap', (closed.heap - warm.heap).toFixed(1), 'MB', `≤ ${HEAP_GROWTH_MB} MB`, closed.heap - warm.heap <= HEAP_GROWTH_MB);
report.note('highest heap during the soak', `${maxHeap.toFixed(1)} MB`);
report.note('verdict', report.failed ? 'memory NOT flat' : `memory flat over ${EDITS} edits`);
report.end();
