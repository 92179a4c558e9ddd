// `jianggao check DIR` on many files spreads them over worker threads: the output (every
// format, the exit code, reuse found across files) is the same as checking them one after
// another, and in the same order.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'jianggao.js');

describe('jianggao check on worker threads', function () {
  this.timeout(120000);
  let dir: string;
  let record: string;
  let preload: string;
  before(async () => {
    const { generatedSpeech, generatedParagraphs } = await import('../../bench/generate.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-pool-'));
    fs.mkdirSync(path.join(dir, 'archive', '2023'), { recursive: true });
    // Sixteen speeches of 15,000 characters (above the pool's threshold), in two folders;
    // each shares a paragraph with the next, some have a doubled 要 or a placeholder.
    for (let i = 0; i < 16; i++) {
      const shared = [generatedParagraphs(1, 700_000 + i)[0], generatedParagraphs(1, 700_000 + i + 1)[0]];
      let text = generatedSpeech(i, 15000, { shared });
      if (i % 3 === 0) text = text.replace('要', '要要');
      if (i % 4 === 1) text = text.replace('今天召开这次会议', '今天召开XX会议');
      fs.writeFileSync(path.join(dir, 'archive', i < 8 ? '2023' : '', `speech-${String(i).padStart(2, '0')}.speech`), text);
    }
    // Records every thread started, so the test knows the pool was used.
    record = path.join(dir, 'threads.log');
    preload = path.join(dir, 'count-threads.cjs');
    fs.writeFileSync(preload, `const wt = require('worker_threads'); const W = wt.Worker; wt.Worker = class extends W { constructor(...a) { super(...a); require('fs').appendFileSync(${JSON.stringify(record)}, 'thread\\n'); } };`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const check = (...args: string[]) => {
    fs.rmSync(record, { force: true });
    const r = spawnSync(process.execPath, ['--require', preload, CLI, 'check', ...args, path.join(dir, 'archive')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const threads = fs.existsSync(record) ? fs.readFileSync(record, 'utf8').split('\n').filter(Boolean).length : 0;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, threads };
  };

  for (const format of ['json', 'text', 'sarif']) {
    it(`--format ${format}: two threads give what one gives, in the same order`, () => {
      const one = check('--format', format, '--jobs', '1');
      const two = check('--format', format, '--jobs', '2');
      assert.equal(one.threads, 0, 'one job: no thread');
      assert.equal(two.threads, 2, 'two jobs: two threads');
      assert.equal(two.status, one.status);
      assert.equal(two.stdout, one.stdout);
      assert.equal(two.stderr, one.stderr);
      if (format === 'json') {
        const files = JSON.parse(one.stdout) as Array<{ file: string; diagnostics: Array<{ rule: string }> }>;
        assert.equal(files.length, 16);
        assert.deepEqual(files.map((f) => f.file), [...files.map((f) => f.file)].sort(), 'files in order');
        const rules = files.flatMap((f) => f.diagnostics.map((d) => d.rule));
        assert.ok(rules.filter((r) => r === 'reused-paragraph').length >= 16, 'reuse found across files');
        assert.ok(rules.includes('doubled-word') && rules.includes('placeholder'));
      }
    });
  }

  it('the default is one thread per core; a few small files are checked without threads', () => {
    const dflt = check('--format', 'json');
    assert.equal(dflt.threads, Math.min(16, os.availableParallelism()) > 1 ? Math.min(16, os.availableParallelism()) : 0);
    fs.rmSync(record, { force: true });
    const small = spawnSync(process.execPath, ['--require', preload, CLI, 'check', '--format', 'json', path.join(ROOT, 'test', 'fixtures', 'clean')], { encoding: 'utf8' });
    assert.equal(small.status, 0, small.stderr);
    assert.ok(!fs.existsSync(record) || fs.readFileSync(record, 'utf8') === '', 'no thread for six short speeches');
  });

  it('--jobs takes a whole number of threads', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '--jobs', 'many', dir], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--jobs must be a whole number of threads, 1 or more, not "many"/);
  });
});
