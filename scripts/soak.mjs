// npm run soak: the long runs. The differential test of the server against the CLI with
// more and longer sessions than npm test gives it (JIANGGAO_DIFF_RUNS, JIANGGAO_DIFF_STEPS,
// JIANGGAO_DIFF_SEED override), then the memory soak (bench/soak.bench.mjs: 10,000 edits).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  JIANGGAO_DIFF_RUNS: process.env.JIANGGAO_DIFF_RUNS ?? '60',
  JIANGGAO_DIFF_STEPS: process.env.JIANGGAO_DIFF_STEPS ?? '40',
  JIANGGAO_DIFF_SEED: process.env.JIANGGAO_DIFF_SEED ?? String(Date.now() % 2 ** 31),
};
console.log(`differential soak: ${env.JIANGGAO_DIFF_RUNS} runs of up to ${env.JIANGGAO_DIFF_STEPS} steps, seed ${env.JIANGGAO_DIFF_SEED} (JIANGGAO_DIFF_SEED=${env.JIANGGAO_DIFF_SEED} replays it)`);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;
let status = run(process.execPath, ['scripts/build.mjs']);
if (status === 0) status = run(process.execPath, [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '0', '--exit', 'test/lsp/differential.test.ts']);
if (status === 0) status = run(process.execPath, ['bench/run.mjs', 'soak']);
process.exitCode = status;
