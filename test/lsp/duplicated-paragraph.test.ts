// The symptom of issue 10 as a writer met it: a draft with the same paragraph under two
// headings, in a workspace folder, was checked once on opening; after the first edit every
// re-check threw inside the paragraph corpus, the old warnings stayed on screen and a typed
// 要要 was never flagged. Here over plain stdio, as any editor would drive the server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lsp';

const PARAGRAPH = '各乡镇要组织农机力量抢收抢晒，确保颗粒归仓，决不能让丰收的粮食烂在地里。';
const OTHER = '要抓住墒情适宜的有利时机，抓紧播种冬小麦和油菜，确保面积只增不减。';
const DRAFT = [
  '在全县秋冬季农业生产工作会议上的讲话',
  '同志们：',
  '今天召开这次会议，主要是安排部署秋冬季农业生产工作。下面，我讲两点意见。',
  '一、抓好秋粮收储',
  PARAGRAPH,
  '二、抓好冬季种植',
  PARAGRAPH,
  '同志们，让我们共同努力，夺取全年农业丰收！',
].join('\n');

const until = async (cond: () => boolean, what: string, ms = 20000) => {
  for (const t0 = Date.now(); !cond(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
  }
};

describe('a draft holding the same paragraph twice, in a workspace folder', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-dup-')));
    fs.writeFileSync(path.join(dir, 'autumn.speech'), DRAFT);
    // Another speech file of the workspace, with the same opening and a paragraph of its own.
    fs.writeFileSync(path.join(dir, 'last-year.speech'), [
      '在全县冬春季农业生产工作会议上的讲话', '同志们：', DRAFT.split('\n')[2], '一、抓好春耕备耕', OTHER, '二、抓好水利建设', '冬春农田水利建设要早谋划早动手，把水毁工程修复放在第一位。', '同志们，让我们共同努力！',
    ].join('\n'));
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps being checked after every edit: a typed 要要 is flagged, the failure log stays empty', async () => {
    client = await TestClient.start({ rootPath: dir, settings: { debounceMs: 0 } });
    const uri = pathToFileURL(path.join(dir, 'autumn.speech')).toString();
    client.open(uri, DRAFT);
    const first = await client.waitFor((p) => p.uri === uri && p.version === 1);
    assert.ok(first.diagnostics.some((d) => d.code === 'similar-paragraph' || d.code === 'repeated-sentence'), JSON.stringify(first.diagnostics.map((d) => d.code)));
    await until(() => client.logs.some((l) => /workspace paragraphs indexed/.test(l)) && client.logs.some((l) => /word segmentation ready/.test(l)), 'the workspace index and the dictionary');
    // The re-check once both are in: the opening is reused from the other file.
    const indexed = await client.waitFor((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'reused-paragraph'));
    assert.ok(indexed.diagnostics.some((d) => d.code === 'reused-paragraph' && d.range.start.line === 2 && /last-year\.speech/.test(d.message)));

    // One character changed in the title (全县 → 全市): the first edit, after which checking stopped.
    client.change(uri, 2, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: '市' }]);
    const second = await client.waitFor((p) => p.uri === uri && p.version === 2);
    assert.ok(second.diagnostics.some((d) => d.code === 'reused-paragraph'));
    // Then 要要 typed into the first copy of the paragraph (各乡镇要 → 各乡镇要要).
    client.change(uri, 3, [{ range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } }, text: '要' }]);
    const third = await client.waitFor((p) => p.uri === uri && p.version === 3);
    const doubled = third.diagnostics.find((d) => d.code === 'doubled-word');
    assert.ok(doubled, JSON.stringify(third.diagnostics.map((d) => d.code)));
    assert.equal(doubled.range.start.line, 4);
    // The second copy edited into the first one's text: the paragraph is again held twice.
    client.change(uri, 4, [{ range: { start: { line: 6, character: 4 }, end: { line: 6, character: 4 } }, text: '要' }]);
    const fourth = await client.waitFor((p) => p.uri === uri && p.version === 4);
    assert.deepEqual(fourth.diagnostics.filter((d) => d.code === 'doubled-word').map((d) => d.range.start.line), [4, 6]);
    // Both copies deleted, one after the other; one pasted back, and a paragraph of the other file.
    client.change(uri, 5, [{ range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' }]);
    client.change(uri, 6, [{ range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, text: '' }]);
    client.change(uri, 7, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: `${PARAGRAPH}\n${OTHER}\n` }]);
    const last = await client.waitFor((p) => p.uri === uri && p.version === 7);
    assert.deepEqual(last.diagnostics.filter((d) => d.code === 'reused-paragraph').map((d) => d.range.start.line), [2, 6]);
    assert.deepEqual(client.logs.filter((l) => /failed|uncaught/.test(l)), []);
  });
});
