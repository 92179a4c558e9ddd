#!/usr/bin/env node
// The CLI is bundled to dist/cli.js by `npm run build` (run by `npm install` via prepare).
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('jianggao: the CLI is not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
require(cli).run(process.argv.slice(2));
