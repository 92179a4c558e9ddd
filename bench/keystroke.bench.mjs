// Cost per keystroke (issue 10): a one-character edit in a 30,000-character draft, with the
// dictionary loaded, costs the server at most 10 ms. `node dist/server.js --stdio` gets 300
// edits (typing a character into a paragraph, deleting one), each sent when the previous
// version's diagnostics are out, with the debounce at 0 so each is analysed. Measured: the
// server's CPU time per edit (all its threads, from /proc), and the time from sending the
// edit to receiving its diagnostics (that includes the pipe both ways).

import { LspClient, Report, cpuMs, machine, makeDraft, median, ms } from './lib.mjs';

const EDITS = Number(process.env.KEYSTROKE_EDITS) || 300;
const CHARS = 30_000;
const TARGET_MS = 10;

function position(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

const report = new Report(`keystroke.bench.mjs — ${machine()}`);
const client = new LspClient({}, { debounceMs: 0 });
const uri = 'file:///bench/keystroke.speech';
let text = makeDraft(CHARS);
await client.initialize();
let version = 1;
const published = (v) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v, 60000);
let out = published(1);
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'speech', version, text } });
await out;
if (!client.logs.some((l) => /word segmentation ready/.test(l.message))) await client.waitFor('window/logMessage', (p) => /word segmentation ready/.test(p.message), 60000);
await new Promise((r) => setTimeout(r, 1000));

// The edits: alternately type a character into the middle of a body line and delete it again.
const lines = text.split('\n');
const bodyLines = lines.map((l, i) => i).filter((i) => lines[i].length > 40 && !/^[一二三四五六七八九]、/.test(lines[i]));
const latencies = [];
let cpuBefore = 0;
const WARMUP = 30;
for (let k = 0; k < EDITS + WARMUP; k++) {
  if (k === WARMUP) cpuBefore = cpuMs(client.child.pid);
  const line = bodyLines[(Math.floor(k / 2) * 7) % bodyLines.length];
  const lineStart = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  const at = lineStart + Math.floor(lines[line].length / 2);
  const typing = k % 2 === 0;
  const range = typing ? { start: position(text, at), end: position(text, at) } : { start: position(text, at), end: position(text, at + 1) };
  text = typing ? text.slice(0, at) + '国' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  version++;
  out = published(version);
  const t0 = performance.now();
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: typing ? '国' : '' }] });
  await out;
  if (k >= WARMUP) latencies.push(performance.now() - t0);
}
const cpuPerEdit = (cpuMs(client.child.pid) - cpuBefore) / EDITS;
await client.stop();

report.note(`draft: ${text.length} characters, dictionary loaded, debounce 0, ${EDITS} edits after ${WARMUP} to warm up`);
report.figure('server CPU time per one-character edit (all threads)', ms(cpuPerEdit), 'ms', `≤ ${TARGET_MS} ms`, cpuPerEdit <= TARGET_MS);
const sorted = [...latencies].sort((a, b) => a - b);
report.figure('edit sent → its diagnostics received, median', ms(median(latencies)), 'ms', `≤ ${TARGET_MS} ms`, median(latencies) <= TARGET_MS);
report.note('  p90 / max', `${ms(sorted[Math.floor(sorted.length * 0.9)])} / ${ms(sorted[sorted.length - 1])} ms`);
report.end();
