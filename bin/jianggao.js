#!/usr/bin/env node
// The CLI is bundled to dist/cli.js by `npm run build` (run by `npm install` via prepare).
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('jianggao: the CLI is not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
const { main } = require(cli);
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); });
try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write('jianggao: internal error: ' + (e && e.message ? e.message : String(e)) + '\n');
  process.exitCode = 2;
}
