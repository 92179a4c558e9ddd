// Bundles the client, the server, the CLI and the analysis library into dist/ with esbuild.
// nodejieba stays external: a native module is loaded from node_modules at run time.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --outdir DIR builds elsewhere than dist/ (scripts/package.mjs stages the .vsix apart).
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? path.resolve(process.argv[outdirAt + 1]) : path.join(root, 'dist');
const at = (e) => ({ ...common, ...e, outfile: path.join(outdir, path.basename(e.outfile)) });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  external: ['vscode', 'nodejieba'],
  logLevel: 'warning',
  absWorkingDir: root,
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  // Word documents (reading, annotating, export with the docx package): the server loads it
  // on first use, so its start does not pay for parsing it.
  { entryPoints: ['server/src/word/cli.ts'], outfile: 'dist/word.js' },
  // The server's analysis worker (a thread of dist/server.js): the rules, off the message loop.
  { entryPoints: ['server/src/lsp/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  // The CLI's checking threads (jianggao check on many files).
  { entryPoints: ['server/src/checkWorker.ts'], outfile: 'dist/checkWorker.js' },
  // The pure analysis library, for scripts, benchmarks and tests that need plain JS.
  { entryPoints: ['server/src/analysis/index.ts'], outfile: 'dist/analysis.js' },
  // The word segmenter (nodejieba and Jianggao's dictionaries), for the benchmarks.
  { entryPoints: ['server/src/segmentation/index.ts'], outfile: 'dist/segmentation.js' },
];

fs.mkdirSync(outdir, { recursive: true });
if (watch) {
  for (const e of entries) (await esbuild.context(at(e))).watch();
} else {
  const t0 = Date.now();
  await Promise.all(entries.map((e) => esbuild.build(at(e))));
  console.log(`built ${entries.length} bundles into ${path.relative(root, outdir) || '.'}/ in ${Date.now() - t0} ms`);
}
