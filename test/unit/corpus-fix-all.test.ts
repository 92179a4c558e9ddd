// Fix-all on real text: the seed (five real speeches, half-width throughout, pasted from a web
// site) and every speech of corpus/real. One pass of fix-all, then a second check: nothing
// fix-all would fix is left, and the fixes made no finding of any kind. The corpus lives
// outside the repository (../shared/corpus); where it is missing, the test says so as a
// pending test, never as a pass.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAllOnce, describe as describeFinding } from '../helpers/fixall';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
const SEED = path.join(CORPUS, 'seed', 'five-speeches.txt');
const REAL = path.join(CORPUS, 'real');

function files(): string[] {
  const out: string[] = [];
  if (fs.existsSync(SEED)) out.push(SEED);
  if (fs.existsSync(REAL)) out.push(...fs.readdirSync(REAL).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(REAL, f)));
  return out;
}

describe('fix-all on the real corpus (../shared/corpus)', function () {
  this.timeout(300000);
  const all = files();
  if (!fs.existsSync(SEED)) it(`NOT RUN: the seed is not at ${SEED} (fix-all on five-speeches.txt is unchecked here)`);
  if (!fs.existsSync(REAL)) it(`NOT RUN: corpus/real is not at ${REAL} (fix-all on the real speeches is unchecked here)`);
  if (!all.length) return;

  for (const file of all) {
    it(`converges in one pass and makes no new finding: ${path.relative(CORPUS, file)}`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const outcome = fixAllOnce(text);
      assert.deepEqual(outcome.leftFixable.map((d) => describeFinding(outcome.fixed, d)), [], 'left for a second pass');
      assert.deepEqual(outcome.created.map((d) => describeFinding(outcome.fixed, d)), [], 'made by the fixes');
      // Fix-all makes no content decision: no renumbering, no inserted salutation, no deleted word.
      const decisions = outcome.before.filter((d) => d.fix && d.fixKind === 'decision');
      for (const d of decisions) assert.ok(outcome.after.some((x) => x.rule === d.rule && x.message === d.message), `${describeFinding(text, d)}: a decision was taken by fix-all`);
    });
  }

  if (fs.existsSync(SEED)) {
    it('the seed, half-width throughout, gets one half-width finding whose fix converts all of it', () => {
      const outcome = fixAllOnce(fs.readFileSync(SEED, 'utf8'));
      const halfwidth = outcome.before.filter((d) => d.rule === 'halfwidth-punctuation');
      assert.equal(halfwidth.length, 1);
      assert.equal(halfwidth[0].reach, 'document');
      assert.ok(halfwidth[0].fix!.length > 1000, `${halfwidth[0].fix!.length} edits`);
      assert.equal(outcome.after.filter((d) => d.rule === 'halfwidth-punctuation').length, 0);
      // 13:59:28 is a time, not Chinese punctuation: it stays.
      assert.match(outcome.fixed, /13:59:28/);
    });
  }
});
