#!/usr/bin/env node
// Runs every bench/*.bench.mjs in order, each in its own process (so memory figures do not
// mix), after printing the machine. Each bench prints its figures with their targets and
// PASS/FAIL; the run fails if any bench does.
//
//   npm run bench            (builds dist/ first)
//   node bench/run.mjs [NAME-FILTER]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, machine } from './lib.mjs';

const dir = path.join(ROOT, 'bench');
const filter = process.argv[2];
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.mjs') && (!filter || f.includes(filter))).sort();

console.log(`Jianggao benchmarks — ${new Date().toISOString()}`);
console.log(`machine: ${machine()}`);
const failed = [];
for (const b of benches) {
  const t0 = Date.now();
  // --expose-gc: a bench may collect garbage between measurements (globalThis.gc).
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, b)], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) failed.push(`${b} (${r.signal ?? `exit ${r.status}`})`);
  console.log(`  [${b}: ${((Date.now() - t0) / 1000).toFixed(1)} s]`);
}
console.log(`\n${benches.length - failed.length} of ${benches.length} benchmark file(s) met every target${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`);
process.exitCode = failed.length ? 1 : 0;
