// The server survives what a writer's day throws at it, and stays inside its workspace:
//   - a rule that throws is switched off for that document alone, with one log line, while
//     every other rule still reports (JIANGGAO_TEST_FAULT injects the failure; inert unset);
//   - a document over jianggao.maxFileSize gets one informative diagnostic, nothing else;
//   - rapid edits publish only the newest version, and a result that went stale while it was
//     computed is never published;
//   - an untrusted workspace cannot point the server at files outside it (dictionaries,
//     .jianggao.json; `..`, absolute paths and symlinks), and nothing ever goes to the network.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { TestClient, PublishedDiagnostics } from '../helpers/lsp';
import { SAMPLE_WITH_GAP } from '../helpers/sample';

const ROOT = path.resolve(__dirname, '..', '..');
const DRAFT = SAMPLE_WITH_GAP;

const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => d.code);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('server robustness', function () {
  this.timeout(60000);
  const clients: TestClient[] = [];
  const start = async (opts: Parameters<typeof TestClient.start>[0]) => {
    const c = await TestClient.start(opts);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
  });

  it('a rule that throws: every other rule reports, the writer is told once in Chinese, and the next edit tries the rule again', async () => {
    // Without the fault the draft has a placeholder finding: the test can tell.
    const healthy = await start({});
    healthy.open('file:///tmp/robust-healthy.speech', DRAFT);
    assert.ok(codes(await healthy.waitFor((p) => p.uri === 'file:///tmp/robust-healthy.speech')).includes('placeholder'));

    // The rule throws on drafts that contain 【故障】.
    const c = await start({ env: { JIANGGAO_TEST_FAULT: 'throw:placeholder:【故障】' }, settings: { debounceMs: 0 } });
    const a = 'file:///tmp/robust-a.speech';
    const b = 'file:///tmp/robust-b.speech';
    const broken = DRAFT.replace('安全生产责任重于泰山。', '安全生产责任重于泰山。【故障】');
    const failures = () => c.logs.filter((l) => /rule placeholder failed/.test(l));
    c.open(a, broken);
    const first = await c.waitFor((p) => p.uri === a && p.version === 1);
    assert.ok(!codes(first).includes('placeholder'), JSON.stringify(codes(first)));
    assert.ok(codes(first).includes('numbering-gap'), 'the other rules still report');
    assert.equal(failures().length, 1);
    assert.match(failures()[0], /robust-a\.speech.*tried again on the next edit.*injected failure/);
    // One clear line in the editor, in Chinese, without the rule id.
    assert.equal(c.messages.length, 1, c.messages.join('\n'));
    assert.match(c.messages[0], /^讲稿检查部分暂停：“未填写的占位符”这项检查出错，本次已跳过，其他检查照常。下次修改时会自动重试/);
    assert.doesNotMatch(c.messages[0], /placeholder|[A-Za-z]{3,}/);
    // Edited, the fault still there: tried again, fails again, said no second time.
    c.change(a, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '（XX）' }]);
    const second = await c.waitFor((p) => p.uri === a && p.version === 2);
    assert.ok(!codes(second).includes('placeholder'));
    assert.ok(codes(second).includes('numbering-gap'));
    assert.equal(failures().length, 1, c.logs.join('\n'));
    assert.equal(c.messages.length, 1);
    // Another document failing the same way: its own log line, no second notification.
    c.open(b, broken);
    assert.ok(codes(await c.waitFor((p) => p.uri === b)).includes('numbering-gap'));
    assert.equal(failures().length, 2);
    assert.match(failures()[1], /robust-b\.speech/);
    assert.equal(c.messages.length, 1);
    // The next edit removes what made it fail: the rule reports again, nothing stayed off.
    c.change(a, 3, [{ range: { start: { line: 4, character: 15 }, end: { line: 4, character: 19 } }, text: '' }]);
    const third = await c.waitFor((p) => p.uri === a && p.version === 3);
    assert.deepEqual(third.diagnostics.filter((d) => d.code === 'placeholder').map((d) => d.range.start.line), [2, 4]);
    assert.ok(c.logs.some((l) => /rule placeholder works again on file:\/\/\/tmp\/robust-a\.speech/.test(l)), c.logs.join('\n'));
  });

  it('a document over jianggao.maxFileSize gets one informative diagnostic, and no symbols or folding', async () => {
    const c = await start({ settings: { maxFileSize: 4096 } });
    const uri = 'file:///tmp/robust-big.speech';
    const big = Array.from({ length: 12 }, () => DRAFT).join('\n');
    assert.ok(Buffer.byteLength(big) > 4096);
    c.open(uri, big);
    const p = await c.waitFor((x) => x.uri === uri && x.version === 1);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    assert.equal(p.diagnostics[0].code, 'file-too-large');
    assert.match(p.diagnostics[0].message, /^文件大小 \d KB，超过 4 KB 的上限（jianggao\.maxFileSize），未做检查/);
    assert.deepEqual(await c.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await c.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }), []);
    // Cut down below the cap, it is checked again.
    c.change(uri, 2, [{ text: DRAFT }]);
    const small = await c.waitFor((x) => x.uri === uri && x.version === 2);
    assert.ok(codes(small).includes('placeholder'), JSON.stringify(codes(small)));
  });

  it('the default cap (2 MB) turns a 3 MB paste into one diagnostic instead of a freeze', async () => {
    const c = await start({});
    const uri = 'file:///tmp/robust-3mb.speech';
    const text = DRAFT.repeat(Math.ceil((3 * 1024 * 1024) / Buffer.byteLength(DRAFT)));
    c.open(uri, text);
    const p = await c.waitFor((x) => x.uri === uri);
    assert.deepEqual(codes(p), ['file-too-large']);
    assert.match(p.diagnostics[0].message, /文件大小 3\.0 MB，超过 2\.0 MB 的上限/);
    // The server still answers at once for other documents.
    c.open('file:///tmp/robust-small.speech', DRAFT);
    assert.ok(codes(await c.waitFor((x) => x.uri === 'file:///tmp/robust-small.speech')).includes('placeholder'));
  });

  it('rapid edits: only the newest version is published, and it is what a fresh check of the final text gives', async () => {
    const c = await start({});
    const uri = 'file:///tmp/robust-typing.speech';
    c.open(uri, DRAFT);
    await c.waitFor((p) => p.uri === uri && p.version === 1);
    // Forty keystrokes at once: typing 全市 over XX, then a sentence at the end of line 5.
    const typed = '各级领导干部要以身作则，带头落实安全生产责任制，确保各项措施落到实处，XX。';
    let version = 1;
    c.change(uri, ++version, [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } }, text: '全' }]);
    c.change(uri, ++version, [{ range: { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } }, text: '市' }]);
    for (const [i, ch] of [...typed].entries()) {
      c.change(uri, ++version, [{ range: { start: { line: 6, character: 11 + i }, end: { line: 6, character: 11 + i } }, text: ch }]);
    }
    const last = await c.waitFor((p) => p.uri === uri && p.version === version);
    const versions = c.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, version], 'debounced: nothing in between is published');
    // The same text opened fresh gives the same findings: incremental sync applied every edit.
    const lines = DRAFT.split('\n');
    lines[2] = lines[2].replace('XX', '全市');
    lines[6] = lines[6] + typed;
    c.open('file:///tmp/robust-typing-fresh.speech', lines.join('\n'));
    const fresh = await c.waitFor((p) => p.uri === 'file:///tmp/robust-typing-fresh.speech');
    assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range]), fresh.diagnostics.map((d) => [d.code, d.range]));
  });

  it('renumbering a pasted line of 20,000 duplicated series members makes one renumbering (it used to build 400 million edits and fail)', async () => {
    const c = await start({});
    const uri = 'file:///tmp/robust-series.speech';
    c.open(uri, '今年的工作：' + '二是抓落实。'.repeat(20000));
    await c.waitFor((p) => p.uri === uri);
    const n = (await c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.renumber', arguments: [uri] })) as number;
    assert.ok(n >= 19999 && n <= 20000, String(n));
    const applied = c.appliedEdits.at(-1) as { edit: { documentChanges: Array<{ edits: unknown[] }> } };
    assert.equal(applied.edit.documentChanges[0].edits.length, n);
    // Fix-all leaves the renumbering (a content decision) to the writer.
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    })) as unknown[];
    assert.equal(actions.length, 0);
  });

  it('a result that went stale while it was computed is never published', async () => {
    // Every analysis takes 1.5 s (a slow rule); version 2 arrives 0.4 s into version 1's.
    const c = await start({ env: { JIANGGAO_TEST_FAULT: 'slow:placeholder:1500' }, settings: { debounceMs: 0 } });
    const uri = 'file:///tmp/robust-stale.speech';
    c.open(uri, DRAFT);
    await sleep(400);
    c.change(uri, 2, [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } }, text: '全市' }]);
    const p = await c.waitFor((x) => x.uri === uri && x.version === 2);
    assert.ok(!codes(p).includes('placeholder'));
    await sleep(300);
    assert.deepEqual(c.published.filter((x) => x.uri === uri).map((x) => x.version), [2], 'version 1 was computed but never published');
  });
});

describe('the workspace check', function () {
  this.timeout(60000);
  it('skips what is not a regular file (a FIFO named .speech would block the server) and checks the rest', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-check-')));
    const c = await TestClient.start({ rootPath: dir });
    try {
      fs.writeFileSync(path.join(dir, 'a.speech'), DRAFT);
      spawnSync('mkfifo', [path.join(dir, 'pipe.speech')]);
      const uris = ['a.speech', 'pipe.speech'].map((f) => pathToFileURL(path.join(dir, f)).toString());
      const result = (await c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.checkFiles', arguments: [uris] })) as { files: number; problems: number };
      assert.equal(result.files, 2);
      assert.ok(result.problems > 0);
      assert.ok(codes(await c.waitFor((p) => p.uri === uris[0])).includes('placeholder'));
      assert.ok(c.logs.some((l) => l.includes('pipe.speech: not a regular file')), c.logs.join('\n'));
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('untrusted workspaces and the network', function () {
  this.timeout(60000);
  let root: string;
  let ws: string;
  let outside: string;
  const clients: TestClient[] = [];
  const start = async (trusted: boolean) => {
    const c = await TestClient.start({ rootPath: ws, trusted, settings: { userDictionaries: [path.join(outside, 'secret.dict')] } });
    clients.push(c);
    return c;
  };

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-trust-')));
    ws = path.join(root, 'ws');
    outside = path.join(root, 'outside');
    fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.dict'), '机密词汇 100\n');
    fs.writeFileSync(path.join(outside, 'off.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
    fs.writeFileSync(path.join(outside, '.jianggao.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
    fs.writeFileSync(path.join(ws, 'inside.dict'), '安全生产 100\n');
    fs.writeFileSync(path.join(ws, 'draft.speech'), DRAFT);
    fs.symlinkSync(path.join(outside, 'secret.dict'), path.join(ws, 'link.dict'));
    fs.symlinkSync(path.join(outside, 'off.json'), path.join(ws, 'sub', '.jianggao.json'));
    // Four ways out: relative with .., absolute, a symlink inside, and the editor setting.
    fs.writeFileSync(path.join(ws, '.jianggao.json'), JSON.stringify({ dictionaries: ['../outside/secret.dict', path.join(outside, 'secret.dict'), 'link.dict', 'inside.dict'] }));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const open = async (c: TestClient, file: string) => {
    const uri = pathToFileURL(file).toString();
    c.open(uri, DRAFT);
    return c.waitFor((p) => p.uri === uri);
  };

  it('untrusted: dictionaries outside the workspace are refused, by .., absolute path, symlink or editor setting; one inside is used', async () => {
    const c = await start(false);
    await open(c, path.join(ws, 'draft.speech'));
    await sleep(300);
    const refused = c.logs.filter((l) => /ignoring dictionary outside the untrusted workspace/.test(l));
    const secret = path.join(outside, 'secret.dict');
    assert.ok(refused.some((l) => l.endsWith(`workspace: ${secret}`)), refused.join('\n'));
    assert.ok(refused.some((l) => l.includes(`${path.join(ws, 'link.dict')} (→ ${secret})`)), refused.join('\n'));
    assert.ok(!refused.some((l) => l.includes('inside.dict')), 'the dictionary inside the workspace is accepted');
    // Once each, not on every edit.
    c.change(pathToFileURL(path.join(ws, 'draft.speech')).toString(), 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '要' }]);
    await c.waitFor((p) => p.version === 2);
    assert.equal(c.logs.filter((l) => /ignoring dictionary/.test(l)).length, refused.length);
  });

  it('untrusted: a .jianggao.json that is a symlink out of the workspace, or one above a file outside it, is not read', async () => {
    const c = await start(false);
    const inSub = await open(c, path.join(ws, 'sub', 'draft.speech'));
    assert.ok(codes(inSub).includes('placeholder'), 'ws/sub/.jianggao.json → outside/off.json is not read');
    assert.ok(c.logs.some((l) => l.includes(`ignoring ${path.join(ws, 'sub', '.jianggao.json')}: it leads outside the untrusted workspace`)), c.logs.join('\n'));
    const out = await open(c, path.join(outside, 'draft.speech'));
    assert.ok(codes(out).includes('placeholder'), 'outside/.jianggao.json is not read for a file outside the workspace');
  });

  it('trusted: the same configuration is read and the same dictionaries are used (the checks above are about trust)', async () => {
    const c = await start(true);
    await open(c, path.join(ws, 'draft.speech'));
    assert.ok(!codes(await open(c, path.join(ws, 'sub', 'draft.speech'))).includes('placeholder'));
    assert.ok(!codes(await open(c, path.join(outside, 'draft.speech'))).includes('placeholder'));
    await sleep(300);
    assert.deepEqual(c.logs.filter((l) => /ignoring/.test(l)), []);
  });

  it('configuration is data: script files next to it are never run, and a __proto__ key does not switch a rule off', async () => {
    const dir = path.join(root, 'data-only');
    const marker = path.join(root, 'executed');
    fs.mkdirSync(dir, { recursive: true });
    const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');`;
    for (const f of ['.jianggao.js', '.jianggao.cjs', 'jianggao.config.js', 'payload.dict']) fs.writeFileSync(path.join(dir, f), payload);
    fs.writeFileSync(path.join(dir, '.jianggao.json'), '{"__proto__": {"polluted": 1}, "rules": {"__proto__": {"placeholder": "off"}, "placeholder": "error"}, "thresholds": {"__proto__": 1}, "dictionaries": ["payload.dict", ".jianggao.js"]}');
    fs.writeFileSync(path.join(dir, 'a.speech'), DRAFT);
    const c = await TestClient.start({ rootPath: dir, trusted: true });
    clients.push(c);
    const p = await open(c, path.join(dir, 'a.speech'));
    assert.equal(p.diagnostics.find((d) => d.code === 'placeholder')?.severity, 1, 'placeholder: error, from the JSON');
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'jianggao.js'), 'check', '--format', 'json', dir], { encoding: 'utf8' });
    assert.equal(cli.status, 1, cli.stderr);
    assert.equal(JSON.parse(cli.stdout)[0].diagnostics.find((d: { rule: string }) => d.rule === 'placeholder').severity, 'error');
    await sleep(300);
    assert.ok(!fs.existsSync(marker), 'a script was executed');
  });

  it('no network: the bundles load no network module (only vscode-jsonrpc\'s local pipe transport uses net), and a whole session opens no connection', async () => {
    // Statically: what each bundle requires.
    for (const bundle of ['server.js', 'analysisWorker.js', 'cli.js', 'client.js', 'analysis.js']) {
      const code = fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
      const modules = new Set([...code.matchAll(/require\("(?:node:)?([^"]+)"\)/g)].map((m) => m[1]));
      for (const banned of ['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'undici']) assert.ok(!modules.has(banned), `${bundle} requires ${banned}`);
      assert.doesNotMatch(code, /\bfetch\(|XMLHttpRequest|new WebSocket/, `${bundle} uses a web API`);
      if (modules.has('net')) assert.ok(['server.js', 'client.js'].includes(bundle), `${bundle} requires net`);
    }
    // At run time: a preload records every attempt to open a socket, resolve a name or start a process.
    const record = path.join(root, 'network.log');
    const preload = path.join(root, 'no-network.cjs');
    fs.writeFileSync(preload, `
const fs = require('fs');
const note = (what) => fs.appendFileSync(${JSON.stringify(record)}, what + '\\n');
const net = require('net'), dns = require('dns'), http = require('http'), https = require('https'), tls = require('tls'), dgram = require('dgram'), cp = require('child_process');
const wrap = (obj, name, label) => { const f = obj[name]; obj[name] = function (...a) { note(label + ' ' + String(a[0] && (a[0].host || a[0].path || a[0].port || a[0]))); return f.apply(this, a); }; };
wrap(net.Socket.prototype, 'connect', 'net.connect'); wrap(net, 'createServer', 'net.createServer');
wrap(dns, 'lookup', 'dns.lookup'); wrap(dns, 'resolve', 'dns.resolve');
wrap(http, 'request', 'http.request'); wrap(http, 'get', 'http.get'); wrap(https, 'request', 'https.request'); wrap(https, 'get', 'https.get');
wrap(tls, 'connect', 'tls.connect'); wrap(dgram, 'createSocket', 'dgram.createSocket');
for (const n of ['spawn', 'exec', 'execFile', 'fork', 'spawnSync', 'execSync', 'execFileSync']) wrap(cp, n, 'child_process.' + n);
if (globalThis.fetch) globalThis.fetch = (...a) => { note('fetch ' + a[0]); throw new Error('no network'); };
`);
    const c = await TestClient.start({ rootPath: ws, trusted: true, env: { NODE_OPTIONS: `--require ${preload}` } });
    clients.push(c);
    const uri = pathToFileURL(path.join(ws, 'draft.speech')).toString();
    await open(c, path.join(ws, 'draft.speech'));
    // Word segmentation, the workspace index, code actions, commands, the outline.
    if (!c.logs.some((l) => /word segmentation ready/.test(l))) await new Promise<void>((resolve) => { const t = setInterval(() => { if (c.logs.some((l) => /word segmentation ready/.test(l))) { clearInterval(t); resolve(); } }, 50); });
    await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 7, character: 0 }, end: { line: 7, character: 2 } }, context: { diagnostics: [] } });
    await c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.fixAll', arguments: [uri] });
    await c.connection.sendRequest('jianggao/outline', { uri });
    await c.connection.sendRequest('jianggao/configuration', { uri });
    await sleep(500);
    // The CLI too.
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'jianggao.js'), 'check', '--format', 'json', ws], { env: { ...process.env, NODE_OPTIONS: `--require ${preload}` }, encoding: 'utf8' });
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    assert.ok(fs.existsSync(preload));
    assert.equal(fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : '', '', 'network or process activity');
  });
});
