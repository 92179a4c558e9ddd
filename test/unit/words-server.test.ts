// The word rules through the bundled server and CLI: words arrive after the first
// diagnostics, a paragraph reused from another speech file of the workspace is found with a
// related location in that file, the user's dictionary is used, and convertHalfwidth converts
// the whole draft.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lsp';

const SHARED = '全市上下要坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长，奋力完成全年目标任务。';
const draft = (year: number, extra: string) => [
  `在${year}年全市经济工作会议上的讲话`,
  '同志们：',
  `今天召开全市经济工作会议，总结${year - 1}年工作，部署${year}年任务。下面，我讲两点意见。`,
  '一、肯定成绩',
  SHARED,
  '二、明确任务',
  extra,
  '同志们，让我们共同努力，奋力开创全市经济工作新局面！',
].join('\n');

describe('word rules through the server and the CLI', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-words-'));
    fs.writeFileSync(path.join(dir, '2023.speech'), draft(2023, '要着力扩大有效需求，全力稳住外贸外资基本盘，切实防范化解重点领域风险。'));
    fs.writeFileSync(path.join(dir, 'mine.dict'), '栖霞岭工程 200000\n');
    fs.writeFileSync(path.join(dir, '.jianggao.json'), JSON.stringify({ dictionaries: ['mine.dict'] }));
  });

  it('server: word rules follow the first diagnostics; a paragraph of another speech file is found, with its place there', async () => {
    const client = await TestClient.start({ rootPath: dir });
    try {
      const uri = pathToFileURL(path.join(dir, '2024.speech')).toString();
      const text = draft(2024, '各地要要加快推进栖霞岭工程栖霞岭工程建设，确保年内完工。');
      client.open(uri, text);
      const first = await client.waitFor((p) => p.uri === uri);
      assert.ok(!first.diagnostics.some((d) => d.code === 'doubled-word'), 'the first diagnostics do not wait for the dictionary');
      const later = await client.waitFor((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'doubled-word') && p.diagnostics.some((d) => d.code === 'reused-paragraph'), 30000);
      const doubled = later.diagnostics.filter((d) => d.code === 'doubled-word');
      // 要要, and 栖霞岭工程 twice: a word only the workspace's dictionary knows (without it,
      // 栖霞/岭/工程/栖霞/岭/工程 has no word twice in a row).
      assert.deepEqual(doubled.map((d) => d.range.start), [{ line: 6, character: 2 }, { line: 6, character: 8 }]);
      const reused = later.diagnostics.find((d) => d.code === 'reused-paragraph')!;
      assert.equal(reused.range.start.line, 4);
      const related = reused.relatedInformation as Array<{ location: { uri: string; range: { start: { line: number } } } }>;
      assert.equal(related[0].location.uri, pathToFileURL(path.join(dir, '2023.speech')).toString());
      assert.equal(related[0].location.range.start.line, 4);
      assert.ok(client.logs.some((l) => /word segmentation ready \(nodejieba/.test(l)), client.logs.join('\n'));
    } finally {
      await client.stop();
    }
  });

  it('server: convertHalfwidth converts every half-width mark of the draft in one edit', async () => {
    const client = await TestClient.start();
    try {
      const uri = 'file:///tmp/jianggao-halfwidth.speech';
      client.open(uri, '在全市工作会议上的讲话\n同志们:\n今年以来,全市经济运行平稳;主要指标好于预期!');
      await client.waitFor((p) => p.uri === uri);
      const n = await client.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.convertHalfwidth', arguments: [uri] });
      assert.equal(n, 4);
      const edit = client.appliedEdits[0] as { edit: { documentChanges: Array<{ edits: Array<{ newText: string }> }> } };
      assert.deepEqual(edit.edit.documentChanges[0].edits.map((e) => e.newText), ['：', '，', '；', '！']);
    } finally {
      await client.stop();
    }
  });

  it('CLI: each file checked is compared with the others', () => {
    const a = path.join(dir, '2023.speech');
    const b = path.join(dir, 'b.speech');
    fs.writeFileSync(b, draft(2024, '要着力扩大国内需求，推动消费持续恢复。'));
    let out = '';
    try {
      out = execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'cli.js'), 'check', '--format', 'json', a, b], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    const files = JSON.parse(out) as Array<{ file: string; diagnostics: Array<{ rule: string; line: number; message: string }> }>;
    for (const f of files) {
      const reused = f.diagnostics.filter((d) => d.rule === 'reused-paragraph');
      assert.deepEqual(reused.map((d) => d.line), [5], f.file);
      assert.match(reused[0].message, f.file === a ? /b\.speech（第5行）/ : /2023\.speech（第5行）/);
    }
    fs.rmSync(b);
  });
});
