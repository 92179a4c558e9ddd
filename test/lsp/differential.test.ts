// The server against the CLI, step by step (test/helpers/differential.ts): random sessions of
// editing, files changing on disk, configuration changing; after each step the published
// diagnostics must be what `jianggao check` reports for the same texts and configuration.
// Bounded here on a fixed seed; `npm run soak` runs it longer (JIANGGAO_DIFF_RUNS,
// JIANGGAO_DIFF_STEPS, JIANGGAO_DIFF_SEED choose).
import fc from 'fast-check';
import { commands, setup } from '../helpers/differential';

const RUNS = Number(process.env.JIANGGAO_DIFF_RUNS) || 6;
const SEED = Number(process.env.JIANGGAO_DIFF_SEED) || 20261202;

describe('the server against jianggao check, over random editing sessions (model-based)', function () {
  this.timeout(0);
  it(`publishes what the CLI reports after every step (${RUNS} runs on seed ${SEED})`, async () => {
    let steps = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const { model, real, cleanup } = await setup();
        try {
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        } finally {
          steps += real.steps;
          runs++;
          await cleanup();
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: process.env.JIANGGAO_DIFF_SHRINK !== '1' },
    );
    // eslint-disable-next-line no-console
    console.log(`      differential: ${runs} runs, ${steps} steps compared`);
  });
});
