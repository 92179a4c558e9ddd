// Makes the .vsix: production bundles, then @vscode/vsce with the allowlist in .vscodeignore,
// plus the dictionaries that the bundled server really reads. Which dictionaries those are is
// not written down anywhere: the production server is started over stdio, with hooks on its
// file reads and on nodejieba's native `load`, and checks a draft; the files it read from
// server/dict and nodejieba's dictionaries are what gets packaged. Everything is staged in a
// temporary copy, so the working tree's dist/ stays the development build.
// The finished package is then checked: nothing but run-time files in it, everything the
// manifest and the bundles reference present, and its own server (unpacked) loads the
// native segmenter from inside the package and publishes diagnostics.
//
//   node scripts/package.mjs [--out FILE.vsix]
//
// The helpers are exported for test/unit/package.test.ts and test/browser/run.mjs.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODEJIEBA = 'node_modules/nodejieba';

// ---------------------------------------------------------------------------------------
// Reading a .vsix (a zip): the central directory lists the entries; data is stored or deflated.

/** @returns {{ name: string, size: number, read(): Buffer }[]} */
export function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const read = () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    };
    entries.push({ name, size, read });
  }
  return entries;
}

/** Unpacks the extension part of a .vsix into dir; returns the path of the extension folder. */
export function extractVsix(vsix, dir) {
  for (const e of readZip(vsix)) {
    if (e.name.endsWith('/')) continue;
    const target = path.join(dir, e.name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, e.read());
  }
  fs.chmodSync(path.join(dir, 'extension', NODEJIEBA, 'build/Release/nodejieba.node'), 0o755);
  return path.join(dir, 'extension');
}

// ---------------------------------------------------------------------------------------
// Running the bundled server as any LSP client would, with nodejieba's native load observed.

const READ_HOOK = `
// Reports the files the server reads (fs) and hands to nodejieba's native load (after it
// succeeded: a file the native code cannot read would not be reported).
const fs = require('fs');
const Module = require('module');
const report = (kind, files) => process.stderr.write('JIANGGAO-' + kind + ' ' + JSON.stringify(files) + '\\n');
for (const name of ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    if (typeof file === 'string' || file instanceof URL) report('READ', [String(file)]);
    return original.call(this, file, ...rest);
  };
}
const readFile = fs.promises.readFile;
fs.promises.readFile = function (file, ...rest) {
  if (typeof file === 'string') report('READ', [file]);
  return readFile.call(this, file, ...rest);
};
const load = Module._load;
Module._load = function (request) {
  const loaded = load.apply(this, arguments);
  if (!/nodejieba\\.node$/.test(request)) return loaded;
  // (defined, not assigned: the binding's own load is read-only)
  return Object.create(loaded, { load: { value(...files) {
    const result = loaded.load(...files);
    report('JIEBA-LOADED', files.flatMap((f) => String(f).split(/[|;]/)).filter(Boolean));
    return result;
  } } });
};
`;

function frame(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * Starts `node <serverJs> --stdio` and opens one draft. The server loads word segmentation
 * only when a rule needs words (after the first diagnostics), so with `expectWords` it waits
 * until nodejieba has loaded and diagnostics were published after that; without, the first
 * diagnostics are enough. Rejects with the server's log when that does not happen in time.
 * `dictionaryFiles` are the files given to nodejieba, `readFiles` all files read through fs.
 * @returns {Promise<{ dictionaryFiles: string[], readFiles: string[], diagnostics: any[], log: string[] }>}
 */
export function probeServer(serverJs, { text, expectWords, timeoutMs = 30000 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-probe-'));
  const hook = path.join(dir, 'read-hook.cjs');
  fs.writeFileSync(hook, READ_HOOK);
  const draft = path.join(dir, 'draft.speech');
  const uri = pathToFileURL(draft).toString();
  const child = spawn(process.execPath, ['-r', hook, serverJs, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  const log = [];
  let dictionaryFiles = expectWords ? undefined : [];
  const readFiles = new Set();
  let diagnostics;
  let pending = Buffer.alloc(0);
  const send = (m) => child.stdin.write(frame(m));

  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
      send({ jsonrpc: '2.0', method: 'exit' });
      setTimeout(() => child.kill(), 500).unref();
      fs.rmSync(dir, { recursive: true, force: true });
      if (error) reject(new Error(`${error}\n  server: ${serverJs}\n  its log:\n    ${log.join('\n    ') || '(empty)'}`));
      else resolve({ dictionaryFiles, readFiles: [...readFiles], diagnostics, log });
    };
    const timer = setTimeout(() => {
      finish(dictionaryFiles
        ? 'the server loaded nodejieba but published no diagnostics after that'
        : 'the server never loaded nodejieba\'s native module (no dictionary load seen)');
    }, timeoutMs);
    child.on('error', (e) => finish(`cannot start the server: ${e.message}`));
    child.on('exit', (code, signal) => finish(`the server exited early (code ${code}, signal ${signal})`));
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      const lines = (stderr + chunk).split('\n');
      stderr = lines.pop();
      for (const line of lines) {
        const m = /^JIANGGAO-(READ|JIEBA-LOADED) (.*)$/.exec(line);
        if (m?.[1] === 'READ') JSON.parse(m[2]).forEach((f) => readFiles.add(f));
        else if (m) dictionaryFiles = JSON.parse(m[2]);
        else if (line.trim()) log.push(`stderr: ${line}`);
      }
    });
    child.stdout.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const headerEnd = pending.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(pending.toString('ascii', 0, headerEnd))?.[1]);
        if (pending.length < headerEnd + 4 + length) return;
        const message = JSON.parse(pending.toString('utf8', headerEnd + 4, headerEnd + 4 + length));
        pending = pending.subarray(headerEnd + 4 + length);
        if (message.method === 'window/logMessage') {
          log.push(message.params.message);
          // The segmenter fell back to Intl.Segmenter: no need to wait for nodejieba.
          if (expectWords && !dictionaryFiles && /word segmentation ready \((?!nodejieba)/.test(message.params.message)) {
            finish('the server did not load nodejieba\'s native module (see its log)');
          }
        }
        else if (message.id !== undefined && message.method) send({ jsonrpc: '2.0', id: message.id, result: null });
        else if (message.id === 1) {
          send({ jsonrpc: '2.0', method: 'initialized', params: {} });
          send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'speech', version: 1, text } } });
        } else if (message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri && dictionaryFiles) {
          diagnostics = message.params.diagnostics;
          finish();
        }
      }
    });
    send({
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { locale: 'zh' } },
    });
  });
}

/** A draft every build of the checker flags: an unfilled placeholder in a complete speech. */
export const PROBE_DRAFT = [
  '在全市XX工作会议上的讲话', '', '同志们：', '', '今天召开会议，主要任务是总结工作、部署任务。',
  '', '一、充分肯定成绩', '', '过去一年，全市上下共同努力，各项工作取得新进展。',
  '', '二、明确今年任务', '', '今年要抓好三件事，确保各项任务落到实处。',
  '', '同志们，让我们团结一心，扎实工作！', '',
].join('\n');

// ---------------------------------------------------------------------------------------
// What may and must be in the package.

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/dist\/(client|server|word|analysisWorker)\.js$/,
  /^extension\/server\/docs\/rules\/[a-z0-9-]+\.md$/,
  /^extension\/snippets\/[^/]+\.(code-snippets|json)$/,
  /^extension\/syntaxes\/[^/]+\.json$/,
  /^extension\/node_modules\/nodejieba\/(package\.json|index\.js|LICENSE|build\/Release\/nodejieba\.node)$/,
];
/** Where the server's data lies: packaged exactly what the server was seen reading there. */
const DATA_FOLDERS = ['server/dict', `${NODEJIEBA}/submodules`];
const DATA = new RegExp(`^extension/(${DATA_FOLDERS.join('|')})/`);

/** Paths (relative to the extension folder) that the manifest points at. */
function manifestReferences(manifest) {
  const refs = [manifest.main];
  const c = manifest.contributes ?? {};
  for (const l of c.languages ?? []) refs.push(l.configuration);
  for (const g of c.grammars ?? []) refs.push(g.path);
  for (const s of c.snippets ?? []) refs.push(s.path);
  return refs.filter(Boolean).map((r) => path.posix.normalize(r.replace(/^\.\//, '')));
}

/** Modules the bundles require at run time that are neither built in nor VS Code itself. */
function externalRequires(code) {
  const builtins = new Set(builtinModules);
  const out = new Set();
  for (const m of code.matchAll(/\brequire\(\s*["']([^"'.\/][^"']*)["']\s*\)/g)) {
    const name = m[1].replace(/^node:/, '');
    if (!builtins.has(name) && !builtins.has(name.split('/')[0]) && name !== 'vscode') out.add(m[1]);
  }
  return [...out];
}

/**
 * Checks a package's entry list. `dataFiles` are the data files the server reads (its
 * dictionaries), relative to the extension folder; `read(name)` returns an entry's content.
 * @returns {string[]} the problems, empty when the package is right
 */
export function checkVsixContents(names, { dataFiles, read, repoRoot = root }) {
  const problems = [];
  const has = new Set(names);
  const loaded = new Set(dataFiles.map((f) => `extension/${f}`));
  for (const n of names) {
    if (n.endsWith('/')) continue;
    if (DATA.test(n)) {
      if (!loaded.has(n)) problems.push(`a data file the server does not read: ${n}`);
    } else if (!ALLOWED.some((re) => re.test(n))) {
      problems.push(`not needed at run time (source, test, map or dependency): ${n}`);
    }
  }
  const required = [
    'extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/word.js', 'extension/dist/analysisWorker.js',
    `extension/${NODEJIEBA}/package.json`, `extension/${NODEJIEBA}/index.js`,
    `extension/${NODEJIEBA}/build/Release/nodejieba.node`,
    ...loaded,
  ];
  const repoFiles = (dir, filter) => {
    const abs = path.join(repoRoot, dir);
    if (!fs.existsSync(abs)) return [];
    return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && filter(d.name))
      .map((d) => `extension/${path.relative(repoRoot, path.join(d.parentPath ?? d.path, d.name)).split(path.sep).join('/')}`);
  };
  required.push(...repoFiles('server/docs/rules', (n) => n.endsWith('.md')));
  required.push(...fs.readdirSync(repoRoot).filter((n) => /^package\.nls(\.[a-z-]+)?\.json$/.test(n)).map((n) => `extension/${n}`));
  if (has.has('extension/package.json')) {
    const manifest = JSON.parse(read('extension/package.json').toString('utf8'));
    required.push(...manifestReferences(manifest).map((r) => `extension/${r}`));
    for (const bundle of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/word.js', 'extension/dist/analysisWorker.js'].filter((b) => has.has(b))) {
      for (const dep of externalRequires(read(bundle).toString('utf8'))) {
        if (!has.has(`extension/node_modules/${dep}/package.json`)) problems.push(`${bundle} requires '${dep}', which is not in the package`);
      }
      if (has.has(`${bundle}.map`) || /sourceMappingURL/.test(read(bundle).toString('utf8'))) problems.push(`${bundle} is not a production build (source map)`);
    }
  }
  for (const r of new Set(required)) if (!has.has(r)) problems.push(`missing: ${r}`);
  return problems;
}

// ---------------------------------------------------------------------------------------

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status})`);
}

/** Whether any rule of the built analysis library needs word segmentation. */
export function wordRulesExist(repoRoot = root) {
  const { RULES } = createRequire(import.meta.url)(path.join(repoRoot, 'dist/analysis.js'));
  return RULES.some((r) => r.needsWords);
}

/**
 * The data files the production server in `extensionDir` reads while it checks a draft: the
 * files it gives nodejieba and those it reads from server/dict or nodejieba's dictionaries.
 * Relative to that folder.
 */
export async function dataFilesRead(extensionDir, expectWords) {
  const serverJs = path.join(extensionDir, 'dist/server.js');
  const { dictionaryFiles, readFiles, diagnostics } = await probeServer(serverJs, { text: PROBE_DRAFT, expectWords });
  if (!diagnostics.some((d) => d.code === 'placeholder')) {
    throw new Error(`the server published no placeholder diagnostic for the probe draft: ${JSON.stringify(diagnostics)}`);
  }
  const relative = (f) => path.relative(extensionDir, fs.realpathSync(f)).split(path.sep).join('/');
  const outside = dictionaryFiles.filter((f) => relative(f).startsWith('..'));
  if (outside.length) throw new Error(`the server gives nodejieba files from outside the extension: ${outside.join(', ')}`);
  const read = readFiles.filter((f) => fs.existsSync(f)).map(relative).filter((f) => DATA.test(`extension/${f}`));
  return [...new Set([...dictionaryFiles.map(relative), ...read])].sort();
}

/**
 * A copy of the extension as vsce should see it, in `dir`: production bundles in dist/, the
 * production dependency tree, the top-level files and the folders the allowlist draws from.
 * Packaging from a copy leaves the working tree's dist/ (the development build) alone, and a
 * build running there meanwhile cannot slip into the package.
 */
function stage(dir) {
  run(process.execPath, ['scripts/build.mjs', '--production', '--outdir', path.join(dir, 'dist')]);
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.isFile()) fs.copyFileSync(path.join(root, entry.name), path.join(dir, entry.name));
  }
  const allowed = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!'));
  for (const pattern of [...allowed, '!server/dict/**']) {
    // The folder a pattern draws from: its path up to the first wildcard (dist/ and the
    // dependencies are staged on their own).
    const parts = pattern.slice(1).split('/');
    const folder = parts.slice(0, parts.findIndex((p) => /[*?[{]/.test(p))).join('/');
    if (!folder || /^(dist|node_modules)(\/|$)/.test(folder) || !fs.existsSync(path.join(root, folder))) continue;
    fs.cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
  }
  // The production dependency tree, as npm lists it (vsce lists it again in the copy).
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' }).stdout;
  for (const pkg of listed.split('\n').filter((l) => l && path.resolve(l) !== root)) {
    const rel = path.relative(root, pkg);
    if (rel.startsWith('..')) throw new Error(`a production dependency outside the project: ${pkg}`);
    fs.cpSync(pkg, path.join(dir, rel), {
      recursive: true,
      filter: (src) => path.relative(pkg, src).split(path.sep)[0] !== 'node_modules',
    });
  }
}

async function main() {
  const outArg = process.argv.indexOf('--out');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(root, `${manifest.name}-${manifest.version}.vsix`));
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-package-'));
  try {
    const staged = path.join(tmp, 'staged');
    stage(staged);

    const expectWords = wordRulesExist(staged);
    const dataFiles = await dataFilesRead(staged, expectWords);
    const unpackable = dataFiles.filter((f) => !DATA.test(`extension/${f}`));
    if (unpackable.length) throw new Error(`the server reads files that would not be packaged: ${unpackable.join(', ')}`);
    const ignoreFile = path.join(tmp, 'vscodeignore');
    fs.writeFileSync(ignoreFile, fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8') +
      '\n# Added by scripts/package.mjs: the data files the server reads.\n' + dataFiles.map((f) => `!${f}\n`).join(''));

    const { createVSIX } = await import('@vscode/vsce');
    fs.rmSync(vsix, { force: true });
    await createVSIX({
      cwd: staged, packagePath: vsix, ignoreFile, useYarn: false, dependencies: true,
      allowMissingRepository: true, rewriteRelativeLinks: false,
    });

    const entries = readZip(vsix);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const problems = checkVsixContents(entries.map((e) => e.name), { dataFiles, read: (n) => byName.get(n).read() });
    if (problems.length) throw new Error(`the package is wrong:\n  ${problems.join('\n  ')}`);

    // The unpacked package must work on its own: its server, its native module, its dictionaries.
    const unpacked = extractVsix(vsix, path.join(tmp, 'unpacked'));
    const fromPackage = await dataFilesRead(unpacked, expectWords);
    if (fromPackage.join() !== dataFiles.join()) {
      throw new Error(`the unpacked package reads other data files than the staged copy:\n  ${fromPackage.join('\n  ')}`);
    }
    // Its native binary loads in plain Node (N-API: the same binary serves VS Code's extension host).
    run(process.execPath, ['-e', `require(${JSON.stringify(path.join(unpacked, NODEJIEBA, 'build/Release/nodejieba.node'))})`]);

    const size = fs.statSync(vsix).size;
    const unpackedSize = entries.reduce((s, e) => s + e.size, 0);
    console.log(`\n${path.relative(process.cwd(), vsix) || vsix}: ${entries.length} entries, ` +
      `${(size / 1048576).toFixed(2)} MB (${(unpackedSize / 1048576).toFixed(2)} MB unpacked), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    console.log(expectWords
      ? `data files the server reads (packaged): ${dataFiles.join(', ')}`
      : 'no rule needs words: the server reads no dictionary, none is packaged');
    return vsix;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`\npackage: ${e.message}`);
    process.exit(1);
  });
}
