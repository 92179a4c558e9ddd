// The .vsix holds what the extension needs at run time and nothing else: it is built with
// scripts/package.mjs (as `npm run package` does), unpacked, and its own server is run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULES } from '../../server/src/analysis';

const ROOT = path.resolve(__dirname, '../..');

interface ZipEntry { name: string; size: number; read(): Buffer }
interface PackagingApi {
  readZip(file: string): ZipEntry[];
  extractVsix(vsix: string, dir: string): string;
  checkVsixContents(names: string[], options: { dataFiles: string[]; read(name: string): Buffer }): string[];
  dataFilesRead(extensionDir: string, expectWords: boolean): Promise<string[]>;
  probeServer(serverJs: string, options: { text: string; expectWords: boolean }): Promise<{ diagnostics: Array<{ code: string; codeDescription?: { href: string } }> }>;
  wordRulesExist(): boolean;
  PROBE_DRAFT: string;
}

describe('the .vsix package', function () {
  this.timeout(90000);
  let api: PackagingApi;
  let tmp: string;
  let vsix: string;
  let entries: ZipEntry[];
  let names: string[];
  let unpacked: string;
  let packagingOutput: string;

  before(async () => {
    api = (await import(pathToFileURL(path.join(ROOT, 'scripts/package.mjs')).href)) as PackagingApi;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-package-test-'));
    vsix = path.join(tmp, 'jianggao.vsix');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    packagingOutput = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, `scripts/package.mjs failed:\n${packagingOutput.slice(-3000)}`);
    entries = api.readZip(vsix);
    names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
    unpacked = api.extractVsix(vsix, path.join(tmp, 'unpacked'));
  });
  after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints its size', () => {
    assert.match(packagingOutput, /\d+ entries, \d+\.\d\d MB/);
  });

  it('holds the bundles, the native module, the rule pages, snippets, grammar and strings', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const required = [
      'extension/package.json', 'extension/readme.md', 'extension/LICENSE.txt',
      'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/word.js',
      'extension/node_modules/nodejieba/package.json', 'extension/node_modules/nodejieba/index.js',
      'extension/node_modules/nodejieba/build/Release/nodejieba.node',
      'extension/package.nls.json', 'extension/package.nls.zh-cn.json',
      ...RULES.map((r) => `extension/server/docs/rules/${r.id}.md`),
      ...manifest.contributes.snippets.map((s: { path: string }) => `extension/${path.posix.normalize(s.path)}`),
      ...manifest.contributes.grammars.map((g: { path: string }) => `extension/${path.posix.normalize(g.path)}`),
    ];
    const missing = required.filter((r) => !names.includes(r));
    assert.deepEqual(missing, [], `missing from the package:\n${names.join('\n')}`);
  });

  it('holds no source, test, source map, script or development dependency', () => {
    const forbidden = names.filter((n) =>
      /\.(ts|map|mjs|cjs|gyp|cc|cpp|h|hpp)$/.test(n) ||
      /^extension\/(client|test|scripts|bench|examples|bin|\.ci|\.git)\//.test(n) ||
      /^extension\/server\/src\//.test(n) ||
      (n.startsWith('extension/node_modules/') && !n.startsWith('extension/node_modules/nodejieba/')) ||
      /^extension\/node_modules\/nodejieba\/(node_modules|lib|src|test|types|deps|build\/Release\/obj\.target)\//.test(n) ||
      /^extension\/(tsconfig\.json|package-lock\.json|\.mocharc\.json|\.vscodeignore|\.gitignore)$/.test(n));
    assert.deepEqual(forbidden, []);
    const bundles = ['extension/dist/analysisWorker.js', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/word.js'];
    assert.deepEqual(names.filter((n) => n.startsWith('extension/dist/')).sort(), bundles, 'only the production bundles in dist/ (client, server and its analysis worker, Word)');
    for (const b of bundles) {
      const code = entries.find((e) => e.name === b)!.read().toString('utf8');
      assert.doesNotMatch(code, /sourceMappingURL/, `${b} is a production bundle`);
    }
  });

  it('holds exactly the dictionaries its own server reads, and the server finds them inside the package', async () => {
    const expectWords = api.wordRulesExist();
    const read = await api.dataFilesRead(unpacked, expectWords);
    const packaged = names.filter((n) => /^extension\/(server\/dict|node_modules\/nodejieba\/submodules)\//.test(n)).map((n) => n.slice('extension/'.length));
    assert.deepEqual(packaged.sort(), read);
    if (expectWords) {
      assert.ok(read.some((f) => f.startsWith('server/dict/')), `Jianggao's own dictionaries are read: ${read}`);
      assert.ok(!packaged.includes('node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8') || read.includes('node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8'));
    }
  });

  it('links each diagnostic to its rule page inside the installed extension', async () => {
    const { diagnostics } = await api.probeServer(path.join(unpacked, 'dist/server.js'), { text: api.PROBE_DRAFT, expectWords: api.wordRulesExist() });
    const placeholder = diagnostics.find((d) => d.code === 'placeholder');
    assert.ok(placeholder?.codeDescription, JSON.stringify(diagnostics));
    const page = fileURLToPath(placeholder.codeDescription.href);
    assert.equal(path.relative(unpacked, page), path.join('server', 'docs', 'rules', 'placeholder.md'));
    assert.match(fs.readFileSync(page, 'utf8'), /placeholder/);
  });

  it('its native module loads in plain Node (N-API, the same binary serves the editor)', () => {
    const binary = path.join(unpacked, 'node_modules/nodejieba/build/Release/nodejieba.node');
    const r = spawnSync(process.execPath, ['-e', `const b = require(${JSON.stringify(binary)}); if (typeof b.load !== 'function') process.exit(3)`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('the content check rejects what must not be shipped and misses', () => {
    const read = (n: string) => entries.find((e) => e.name === n)!.read();
    const dataFiles = names.filter((n) => /^extension\/(server\/dict|node_modules\/nodejieba\/submodules)\//.test(n)).map((n) => n.slice('extension/'.length));
    assert.deepEqual(api.checkVsixContents(names, { dataFiles, read }), [], 'the real package passes');
    const sneaked = [
      'extension/server/src/lsp/main.ts',
      'extension/test/unit/package.test.ts',
      'extension/node_modules/vscode-languageserver/package.json',
      'extension/dist/server.js.map',
      'extension/dist/analysis.js',
      'extension/server/dict/build.mjs',
      'extension/node_modules/nodejieba/submodules/cppjieba/dict/idf.utf8',
    ];
    for (const extra of sneaked) {
      const problems = api.checkVsixContents([...names, extra], { dataFiles, read });
      assert.ok(problems.some((p) => p.includes(extra)), `${extra} is reported: ${problems}`);
    }
    const binary = 'extension/node_modules/nodejieba/build/Release/nodejieba.node';
    const problems = api.checkVsixContents(names.filter((n) => n !== binary), { dataFiles, read });
    assert.ok(problems.some((p) => p === `missing: ${binary}`), `a missing native module is reported: ${problems}`);
  });
});
