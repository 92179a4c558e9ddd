// Pathological inputs, one case each (test/helpers/extreme.ts): a 10 MB single line, a dense
// line of defects, 100,000 empty lines, CR-only line ends, a paragraph hard-wrapped over 20,000
// lines, thousands of misnumbered headings, deeply unbalanced brackets, controls with zero-width
// and bidi marks, lone surrogates, a 20,000-member inline series. For each: the analysis
// terminates, throws nothing (no rule error either), keeps every range well formed, and all
// its fixes applied at once give a text that analyses as well (the 10 MB line: analysed once).
//
// The cases run in a child process so that a hang is caught and killed. It starts when mocha
// loads this file, so the cases run while the other test files do. The deadline is generous
// and proportional to the input (10 s + 4 s per million characters, counted from when a case's
// test starts waiting): it tells a hang or a super-linear blow-up from a finished analysis; it
// is not a speed claim (npm run bench measures speed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { EXTREME_CASES } from '../helpers/extreme';

const SCRIPT = path.join(__dirname, '..', 'helpers', 'extreme.ts');
const deadlineFor = (chars: number) => 10000 + 4 * Math.ceil(chars / 1000);

type CaseResult = { name: string; chars?: number; diagnostics?: number; error?: string };
const results = new Map<string, CaseResult>();
const waiters = new Map<string, () => void>();
let exited: number | null | undefined;
const child = spawn(process.execPath, ['--require', 'tsx/cjs', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'], cwd: path.join(__dirname, '..', '..') });
readline.createInterface({ input: child.stdout! }).on('line', (line) => {
  const r = JSON.parse(line) as CaseResult;
  results.set(r.name, r);
  waiters.get(r.name)?.();
});
child.on('exit', (code) => {
  exited = code;
  for (const w of waiters.values()) w();
});
process.on('exit', () => child.kill('SIGKILL'));

describe('pathological inputs', function () {
  after(() => child.kill('SIGKILL'));

  for (const [name, make] of Object.entries(EXTREME_CASES)) {
    const chars = make().length;
    it(`${name} (${chars.toLocaleString('en')} characters): terminates, throws nothing, every range well formed, fixes apply`, async function () {
      const deadline = deadlineFor(chars);
      this.timeout(deadline + 60000); // the wait below fails first, with a message
      if (!results.has(name)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${name}: no result within ${deadline} ms — a hang or a super-linear analysis`)), deadline);
          waiters.set(name, () => { clearTimeout(timer); resolve(); });
          if (exited !== undefined) resolve();
        });
      }
      const r = results.get(name);
      assert.ok(r, `the checking process exited (${exited}) before ${name}`);
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.chars, chars);
    });
  }
});
