// Archives (issue 10): `jianggao check DIR` on 1,000 generated speeches (about 30 MB), each
// sharing paragraphs with others (reuse across files is checked), spread over worker threads
// (one per core). Printed: the time and the peak resident memory (the process, all its
// threads), one thread against the default, and the growth from 100 to 1,000 files (linear:
// ten times the files, about ten times the time).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedParagraphs, generatedSpeech } from './generate.mjs';
import { Report, ROOT, machine } from './lib.mjs';

const report = new Report(`archive.bench.mjs — ${machine()}`);
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-archive-'));

/** `count` speeches of ~10,000 characters (~30 KB) in `dir`; each shares two paragraphs with its neighbours, some have slips. */
function archive(dir, count) {
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const shared = [generatedParagraphs(1, 2_400_000 + 4 * i)[0], generatedParagraphs(1, 2_400_000 + 4 * ((i + 1) % count))[0]];
    let text = generatedSpeech(i, 10_000, { shared });
    if (i % 7 === 0) text = text.replace('要', '要要');
    if (i % 11 === 0) text = text.replace('今天召开这次会议', '今天召开XX会议');
    const year = 2000 + Math.floor(i / 50);
    fs.mkdirSync(path.join(dir, String(year)), { recursive: true });
    const file = path.join(dir, String(year), `speech-${String(i).padStart(4, '0')}.speech`);
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** Runs the CLI on `dir`; resolves with its wall time, peak RSS (VmHWM, polled) and output. */
function checkDir(dir, args = []) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'jianggao.js'), 'check', '--format', 'json', ...args, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let peak = 0;
    // (Decoded as a stream: a character split between two chunks must not be garbled.)
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch { /* exited */ }
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 1) reject(new Error(`jianggao check exited ${code}: ${err}`));
      else resolve({ ms: performance.now() - t0, peak, out });
    });
  });
}

const small = path.join(base, 'a100');
const large = path.join(base, 'a1000');
const smallBytes = archive(small, 100);
const largeBytes = archive(large, 1000);
report.note(`archives: 100 files (${(smallBytes / 1048576).toFixed(1)} MB), 1,000 files (${(largeBytes / 1048576).toFixed(1)} MB), generated`);

const hundred = await checkDir(small);
const thousand = await checkDir(large);
const single = await checkDir(large, ['--jobs', '1']);
const files = JSON.parse(thousand.out);
const reused = files.reduce((n, f) => n + f.diagnostics.filter((d) => d.rule === 'reused-paragraph').length, 0);
const same = thousand.out === single.out;
const threads = Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

report.figure(`1,000 files on ${threads} thread(s): time`, (thousand.ms / 1000).toFixed(1), 's', 'shown', true);
report.figure('  peak resident memory (all threads)', thousand.peak.toFixed(0), 'MB', 'shown', true);
report.note('  reuse across files found (reused-paragraph findings)', String(reused));
report.figure('  the same output as on one thread', same ? 'yes' : 'no', '', 'yes', same);
report.note('  on one thread (--jobs 1): time / peak memory', `${(single.ms / 1000).toFixed(1)} s / ${single.peak.toFixed(0)} MB (×${(single.ms / thousand.ms).toFixed(2)} the time)`);
report.note('100 files: time / peak memory', `${(hundred.ms / 1000).toFixed(1)} s / ${hundred.peak.toFixed(0)} MB`);
const growth = (thousand.ms / largeBytes) / (hundred.ms / smallBytes);
report.figure('growth 100 → 1,000 files, time per byte ×', growth.toFixed(2), '', '≤ 1.5 (linear)', growth <= 1.5);
fs.rmSync(base, { recursive: true, force: true });
report.end();
