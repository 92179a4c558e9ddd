// A failure is never silent and never sticks, whatever part fails: the word segmenter, the
// workspace corpus, the settings, the whole analysis, the analysis worker itself (a crash, an
// analysis past its deadline). The document gets every result that did not depend on the
// failing part, the writer is told once in the editor, and the next edit tries again. And the
// analysis runs off the message loop: requests are answered while a slow analysis runs, and
// an analysis made stale by a newer version is abandoned, not finished.
// (JIANGGAO_TEST_FAULT injects each failure: see server/src/lsp/faults.ts; inert unset.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, PublishedDiagnostics } from '../helpers/lsp';
import { SAMPLE_DRAFT } from '../helpers/sample';

const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => d.code);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (cond: () => boolean, what: string, ms = 20000) => {
  for (const t0 = Date.now(); !cond(); await sleep(20)) if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
};
/** The sample with a doubled 要 on line 6, and `mark` at the end of line 4. */
const draft = (mark = '') => SAMPLE_DRAFT.replace('各级各部门要狠抓落实。', '各级各部门要要狠抓落实。').replace('安全生产责任重于泰山。', `安全生产责任重于泰山。${mark}`);
/** Removes what `draft(mark)` added on line 4. */
const unmark = (mark: string) => [{ range: { start: { line: 4, character: 11 }, end: { line: 4, character: 11 + mark.length } }, text: '' }];
/**
 * Waits until the analysis worker runs (the dictionary it loads is its sign): until then a
 * fresh server analyses a short document on its own thread, and these tests are about the worker.
 */
async function workerRunning(c: TestClient): Promise<void> {
  const uri = 'file:///tmp/warm-up.speech';
  c.open(uri, draft());
  await until(() => c.logs.some((l) => /word segmentation ready/.test(l)), 'the worker to load the dictionary');
  c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

describe('a failing part is said once, leaves the rest, and is tried again', function () {
  this.timeout(60000);
  const clients: TestClient[] = [];
  const start = async (opts: Parameters<typeof TestClient.start>[0]) => {
    const c = await TestClient.start({ settings: { debounceMs: 0 }, ...opts });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
  });
  const wordsReady = (c: TestClient) => until(() => c.logs.some((l) => /word segmentation ready/.test(l)), 'word segmentation');

  it('the word segmenter: the word checks are skipped, the others report, and words come back on the next edit', async () => {
    const c = await start({ env: { JIANGGAO_TEST_FAULT: 'throw:segmenter:【故障】' } });
    const uri = 'file:///tmp/fail-segmenter.speech';
    c.open(uri, draft('【故障】'));
    await c.waitFor((p) => p.uri === uri);
    await wordsReady(c);
    await until(() => c.messages.length > 0, 'the notification');
    const last = c.published.filter((p) => p.uri === uri).at(-1)!;
    assert.ok(!codes(last).includes('doubled-word'));
    assert.ok(codes(last).includes('placeholder'), 'the other rules report');
    assert.deepEqual(c.messages, ['讲稿检查部分暂停：分词出错，用词类检查（词语重复、说法过多）本次已跳过，其他检查照常。下次修改时会自动重试，详情见“输出”面板。']);
    assert.ok(c.logs.some((l) => /segmenter failed on .*fail-segmenter\.speech.*injected failure/.test(l)), c.logs.join('\n'));
    c.change(uri, 2, unmark('【故障】'));
    const healed = await c.waitFor((p) => p.uri === uri && p.version === 2);
    assert.ok(codes(healed).includes('doubled-word'), JSON.stringify(codes(healed)));
    assert.ok(c.logs.some((l) => /segmenter works again/.test(l)));
    assert.equal(c.messages.length, 1);
  });

  it('the workspace corpus: the document keeps its findings, the writer is told, and the next edit indexes it again', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-fail-corpus-')));
    try {
      // A paragraph long enough to count as reused (reused-paragraph compares 30 spoken characters and more).
      const shared = '各级各部门要切实扛起安全生产的政治责任，把各项防范措施落实到每一个岗位、每一个环节。';
      fs.writeFileSync(path.join(dir, 'other.speech'), SAMPLE_DRAFT.replace('XX', '全市').replace('要加强督促检查。', shared));
      const c = await start({ rootPath: dir, env: { JIANGGAO_TEST_FAULT: 'throw:corpus:【故障】' } });
      const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
      c.open(uri, draft('【故障】').replace('要加强督促检查。', shared));
      await until(() => c.messages.length > 0, 'the notification');
      assert.match(c.messages[0], /^讲稿检查部分暂停：与工作区其他讲稿的比对出错，本次未比对，其他检查照常。/);
      const last = c.published.filter((p) => p.uri === uri).at(-1)!;
      assert.ok(codes(last).includes('placeholder') && codes(last).includes('reused-paragraph'), JSON.stringify(codes(last)));
      c.change(uri, 2, unmark('【故障】'));
      await c.waitFor((p) => p.uri === uri && p.version === 2);
      assert.ok(c.logs.some((l) => /corpus works again/.test(l)), c.logs.join('\n'));
      assert.equal(c.messages.length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the settings: the document is checked with the defaults, the writer is told, and the settings are read again on the next edit', async () => {
    const c = await start({ settings: { debounceMs: 0, rules: { placeholder: 'error' } }, env: { JIANGGAO_TEST_FAULT: 'throw:settings:bad-settings' } });
    const good = 'file:///tmp/good-settings.speech';
    const bad = 'file:///tmp/bad-settings.speech';
    c.open(good, draft());
    assert.equal((await c.waitFor((p) => p.uri === good)).diagnostics.find((d) => d.code === 'placeholder')?.severity, 1);
    c.open(bad, draft());
    const p = await c.waitFor((x) => x.uri === bad);
    assert.equal(p.diagnostics.find((d) => d.code === 'placeholder')?.severity, 2, 'the default severity, warning');
    assert.deepEqual(c.messages, ['讲稿检查部分暂停：读取设置出错，本次按默认设置检查。下次修改时会自动重试，详情见“输出”面板。']);
    // (Once the dictionary is in and both documents were checked with it, nothing else asks.)
    await wordsReady(c);
    await until(() => c.published.filter((x) => x.uri === bad && codes(x).includes('doubled-word')).length > 0, 'the word findings');
    const asked = c.configurationRequests;
    c.change(bad, 2, unmark(''));
    await c.waitFor((x) => x.uri === bad && x.version === 2);
    assert.equal(c.configurationRequests, asked + 1, 'the failed settings are read again');
    c.change(good, 2, unmark(''));
    await c.waitFor((x) => x.uri === good && x.version === 2);
    assert.equal(c.configurationRequests, asked + 1, 'settings that were read are kept');
  });

  it('the whole analysis: one diagnostic says the version was not checked (no stale findings), and the next edit checks again', async () => {
    const c = await start({ env: { JIANGGAO_TEST_FAULT: 'throw:analysis:【故障】' } });
    const uri = 'file:///tmp/fail-analysis.speech';
    c.open(uri, draft());
    assert.ok(codes(await c.waitFor((p) => p.uri === uri && p.version === 1)).includes('placeholder'));
    c.change(uri, 2, [{ range: { start: { line: 4, character: 11 }, end: { line: 4, character: 11 } }, text: '【故障】' }]);
    const failed = await c.waitFor((p) => p.uri === uri && p.version === 2);
    assert.deepEqual(codes(failed), ['checking-failed']);
    assert.equal(failed.diagnostics[0].message, '讲稿检查出错，这一版文稿没有检查。下次修改时会自动重试，详情见“输出”面板。');
    assert.deepEqual(c.messages, [failed.diagnostics[0].message]);
    c.change(uri, 3, unmark('【故障】'));
    assert.ok(codes(await c.waitFor((p) => p.uri === uri && p.version === 3)).includes('placeholder'));
  });

  it('the analysis worker exits: the document says so, and the next edit starts a new worker with words', async () => {
    const c = await start({ env: { JIANGGAO_TEST_FAULT: 'exit:analysis:【崩溃】' } });
    const uri = 'file:///tmp/fail-worker.speech';
    c.open(uri, draft());
    await c.waitFor((p) => p.uri === uri && p.version === 1);
    await wordsReady(c);
    c.change(uri, 2, [{ range: { start: { line: 4, character: 11 }, end: { line: 4, character: 11 } }, text: '【崩溃】' }]);
    const failed = await c.waitFor((p) => p.uri === uri && p.version === 2);
    assert.deepEqual(codes(failed), ['checking-failed']);
    assert.ok(c.logs.some((l) => /analysis failed on .*exit code 70/.test(l)), c.logs.join('\n'));
    c.change(uri, 3, unmark('【崩溃】'));
    assert.ok(codes(await c.waitFor((p) => p.uri === uri && p.version === 3)).includes('placeholder'));
    // The new worker loads the dictionary again, and the word rules report.
    await until(() => c.logs.filter((l) => /word segmentation ready/.test(l)).length === 2, 'the second dictionary load');
    await until(() => c.published.some((p) => p.uri === uri && p.version === 3 && codes(p).includes('doubled-word')), 'the word findings');
  });

  it('an analysis past its deadline: its worker is replaced, the document says so, another queued behind it is checked anyway', async () => {
    const c = await start({ env: { JIANGGAO_TEST_FAULT: 'slow:placeholder:5000:【慢】,deadline:1000' } });
    const a = 'file:///tmp/fail-deadline-a.speech';
    const b = 'file:///tmp/fail-deadline-b.speech';
    // (Once the worker runs: a fresh server analyses its first small documents on its own thread meanwhile.)
    await workerRunning(c);
    c.open(a, draft('【慢】'));
    await sleep(100);
    c.open(b, draft());
    const failed = await c.waitFor((p) => p.uri === a);
    assert.deepEqual(codes(failed), ['checking-failed']);
    assert.ok(c.logs.some((l) => /took longer than 1 s and was stopped/.test(l)), c.logs.join('\n'));
    assert.ok(codes(await c.waitFor((p) => p.uri === b)).includes('placeholder'), 'b was queued behind a, and is checked all the same');
    c.change(a, 2, unmark('【慢】'));
    assert.ok(codes(await c.waitFor((p) => p.uri === a && p.version === 2)).includes('placeholder'));
  });
});

describe('the analysis runs off the message loop', function () {
  this.timeout(60000);
  let c: TestClient;
  afterEach(async () => c?.stop());

  it('symbols, folding, code actions and the outline are answered while an analysis runs', async () => {
    c = await TestClient.start({ settings: { debounceMs: 0 }, env: { JIANGGAO_TEST_FAULT: 'slow:placeholder:3000:【慢】' } });
    await workerRunning(c);
    const slow = 'file:///tmp/busy-slow.speech';
    const other = 'file:///tmp/busy-other.speech';
    c.open(other, draft());
    await c.waitFor((p) => p.uri === other);
    c.open(slow, draft('【慢】'));
    await until(() => /slow placeholder/.test(c.stderr), 'the slow analysis to start');
    const symbols = (await c.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: other } })) as unknown[];
    const folding = (await c.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: slow } })) as unknown[];
    const outline = (await c.connection.sendRequest('jianggao/outline', { uri: slow })) as { outline: unknown[] };
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: other }, range: { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } }, context: { diagnostics: [] },
    })) as unknown[];
    assert.ok(!c.published.some((p) => p.uri === slow), 'all answered before the slow analysis was done');
    assert.equal(symbols.length, 7);
    assert.ok(folding.length > 0 && outline.outline.length === 7);
    assert.ok(actions.length > 0);
    assert.ok(codes(await c.waitFor((p) => p.uri === slow)).includes('placeholder'));
  });

  it('an analysis made stale by a newer version is abandoned between two rules, not finished', async () => {
    // Two slow rules (placeholder, then unbalanced-pair): version 2 arrives while version 1 is in the first.
    c = await TestClient.start({ settings: { debounceMs: 0 }, env: { JIANGGAO_TEST_FAULT: 'slow:placeholder:800:【慢】,slow:unbalanced-pair:800:【慢】' } });
    await workerRunning(c);
    const uri = 'file:///tmp/stale-abandoned.speech';
    const v1 = draft('【慢】');
    c.open(uri, v1);
    await until(() => c.stderr.includes(`slow placeholder on ${v1.length} characters`), 'version 1 in its first slow rule');
    c.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '好' }]);
    const p = await c.waitFor((x) => x.uri === uri && x.version === 2);
    assert.ok(codes(p).includes('placeholder'));
    // (The worker's stderr may come a moment after the diagnostics.)
    await until(() => c.stderr.includes(`slow unbalanced-pair on ${v1.length + 1} characters`), 'version 2 to have run every rule');
    assert.ok(!c.stderr.includes(`slow unbalanced-pair on ${v1.length} characters`), 'version 1 never reached its second slow rule');
    assert.deepEqual(c.published.filter((x) => x.uri === uri).map((x) => x.version), [2]);
  });
});
