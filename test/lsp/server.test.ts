// The bundled server as a separate process over stdio, with a plain JSON-RPC client: what any
// LSP editor (Neovim, Emacs, Helix) gets.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, SERVER } from '../helpers/lsp';
import { SAMPLE_DRAFT } from '../helpers/sample';

const DRAFT = SAMPLE_DRAFT;

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: TestClient;
  before(async () => {
    assert.ok(fs.existsSync(SERVER), 'dist/server.js is built (npm run build)');
    client = await TestClient.start();
  });
  after(async () => client?.stop());

  it('publishes diagnostics for an opened draft, with code, source and a docs link', async () => {
    client.open('file:///tmp/lsp-a.speech', DRAFT);
    const p = await client.waitFor((x) => x.uri === 'file:///tmp/lsp-a.speech');
    assert.equal(p.version, 1);
    const placeholder = p.diagnostics.find((d) => d.code === 'placeholder');
    assert.ok(placeholder, JSON.stringify(p.diagnostics));
    assert.deepEqual(placeholder.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } });
    assert.equal(placeholder.source, 'jianggao');
    assert.match(placeholder.message, /XX/);
    assert.match(placeholder.codeDescription!.href, /^file:\/\/.*server\/docs\/rules\/placeholder\.md$/);
    assert.ok(fs.existsSync(new URL(placeholder.codeDescription!.href)), 'the linked docs page exists');
  });

  it('re-publishes after an incremental edit: the fixed placeholder is gone, a new gap is reported', async () => {
    // Replace XX by 全市, and 三、 by 四、 (a gap: 二、 then 四、).
    client.change('file:///tmp/lsp-a.speech', 2, [
      { range: { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } }, text: '全市' },
      { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 1 } }, text: '四' },
    ]);
    const p = await client.waitFor((x) => x.uri === 'file:///tmp/lsp-a.speech' && x.version === 2);
    assert.deepEqual(p.diagnostics.filter((d) => d.code === 'placeholder'), []);
    const gap = p.diagnostics.find((d) => d.code === 'numbering-gap');
    assert.ok(gap, JSON.stringify(p.diagnostics.map((d) => d.code)));
    assert.equal(gap.range.start.line, 7);
    assert.match(gap.message, /三、/);
  });

  it('answers documentSymbol with the speech outline', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/lsp-a.speech' } })) as Array<{ name: string; range: { start: { line: number } }; children?: unknown[] }>;
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names, ['标题 在全市安全生产工作会议上的讲话', '称呼 同志们：', '开场白', '一、提高认识', '二、压实责任', '四、强化督查', '结尾']);
    assert.equal(symbols[3].range.start.line, 3);
  });

  it('offers a quick fix that renumbers the sequence, which source.fixAll leaves alone', async () => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///tmp/lsp-a.speech' },
      range: { start: { line: 7, character: 0 }, end: { line: 7, character: 2 } },
      context: { diagnostics: [] },
    })) as Array<{ title: string; kind: string; edit?: { documentChanges: Array<{ edits: Array<{ range: unknown; newText: string }> }> } }>;
    const renumber = actions.find((a) => a.edit && /重新编号/.test(a.title));
    assert.ok(renumber, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(renumber.edit!.documentChanges[0].edits, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 1 } }, newText: '三' }]);
    assert.ok(actions.some((a) => /忽略/.test(a.title)), 'an ignore-here action');
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///tmp/lsp-a.speech' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as Array<{ kind: string }>;
    // Renumbering a gap is a content decision (a part may be missing): never part of fix-all
    // (editor-features.test.ts has fix-all's mechanical fixes).
    assert.deepEqual(fixAll, []);
  });

  it('answers foldingRange per section', async () => {
    const ranges = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: 'file:///tmp/lsp-a.speech' } })) as Array<{ startLine: number; endLine: number }>;
    assert.ok(ranges.some((r) => r.startLine === 3 && r.endLine === 4), JSON.stringify(ranges));
  });

  it('runs fix-all and renumbering as server commands (workspace/applyEdit), usable from any editor', async () => {
    const before = client.appliedEdits.length;
    const n = await client.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.renumber', arguments: ['file:///tmp/lsp-a.speech'] });
    assert.equal(n, 1);
    const edit = client.appliedEdits[before] as { edit: { documentChanges: Array<{ edits: Array<{ newText: string }> }> } };
    assert.deepEqual(edit.edit.documentChanges[0].edits.map((e) => e.newText), ['三']);
  });

  it('turns a rule off for the workspace by writing .jianggao.json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-ws-'));
    const c = await TestClient.start({ rootPath: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
      c.open(uri, DRAFT);
      await c.waitFor((x) => x.uri === uri);
      const applied = await c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.disableRule', arguments: [uri, 'placeholder'] });
      assert.equal(applied, true);
      // Written on disk at once (editor-features.test.ts has the details).
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, '.jianggao.json'), 'utf8')), { rules: { placeholder: 'off' } });
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads .jianggao.json from the workspace, and reports where each setting came from', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-ws-'));
    fs.writeFileSync(path.join(dir, '.jianggao.json'), JSON.stringify({ rules: { placeholder: 'off', 'no-such-rule': 'error' }, speakingRate: 240 }));
    const c = await TestClient.start({ rootPath: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
      c.open(uri, DRAFT);
      const p = await c.waitFor((x) => x.uri === uri);
      assert.equal(p.diagnostics.filter((d) => d.code === 'placeholder').length, 0);
      const report = (await c.connection.sendRequest('jianggao/configuration', { uri })) as string;
      assert.match(report, /speakingRate = 240 +← .*\.jianggao\.json/);
      assert.match(report, /placeholder +off +← .*\.jianggao\.json/);
      assert.match(report, /没有名为“no-such-rule”的规则/);
      assert.ok(c.messages.some((m) => /no-such-rule/.test(m)), 'the writer is told once, visibly');
      const stats = (await c.connection.sendRequest('jianggao/stats', { uri })) as { chars: number; rate: number; minutes: number };
      assert.equal(stats.rate, 240);
      assert.ok(stats.chars > 80 && stats.chars < 140, String(stats.chars));
      assert.equal(stats.minutes, stats.chars / 240);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('speaks English when the client locale is English', async () => {
    const en = await TestClient.start({ locale: 'en' });
    try {
      en.open('file:///tmp/lsp-en.speech', DRAFT);
      const p = await en.waitFor((x) => x.uri === 'file:///tmp/lsp-en.speech');
      const d = p.diagnostics.find((x) => x.code === 'placeholder')!;
      assert.match(d.message, /^Unfilled placeholder/);
    } finally {
      await en.stop();
    }
  });

  it('applies per-rule severity from the editor settings', async () => {
    const c = await TestClient.start({ settings: { rules: { placeholder: 'error', 'missing-closing': 'off' } } });
    try {
      c.open('file:///tmp/lsp-s.speech', DRAFT.split('\n').slice(0, 9).join('\n'));
      const p = await c.waitFor((x) => x.uri === 'file:///tmp/lsp-s.speech');
      assert.equal(p.diagnostics.find((d) => d.code === 'placeholder')!.severity, 1);
      assert.equal(p.diagnostics.filter((d) => d.code === 'missing-closing').length, 0);
    } finally {
      await c.stop();
    }
  });
});
