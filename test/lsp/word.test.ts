// Word documents through the language server (what the VS Code client does, over stdio): the
// text of a .docx with Word's numbers, its speech view checked like a draft (diagnostics,
// symbols, the settings of its folder; no edits offered, it is read-only), bad documents
// answered with a message, and an open draft exported as a .docx that reads back the same.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lsp';
import { buildDocx, lvl, numPr, p } from '../helpers/word';
import { SAMPLE_DRAFT } from '../helpers/sample';
import { readDocx } from '../../server/src/word/read';
import { REQUESTS, WORD_SCHEME, WordTextResponse, WordWriteResponse } from '../../server/src/protocol';

const NUMBERING = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;

describe('Word documents in the language server', function () {
  this.timeout(30000);
  let client: TestClient;
  let dir: string;
  let docx: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-lsp-word-'));
    docx = path.join(dir, 'draft.docx');
    const body = SAMPLE_DRAFT.split('\n').map((l) => (/^[一二三]、/.test(l) ? p(l.slice(2), numPr(1)) : p(l))).join('');
    fs.writeFileSync(docx, buildDocx({ body, numbering: NUMBERING }));
    // The folder's configuration applies to its Word documents too.
    fs.writeFileSync(path.join(dir, '.jianggao.json'), JSON.stringify({ rules: { placeholder: 'error' } }));
    client = await TestClient.start({ rootPath: dir });
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a .docx as speech text with Word\'s numbers', async () => {
    const r = await client.connection.sendRequest<WordTextResponse>(REQUESTS.wordText, { uri: pathToFileURL(docx).toString() });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.text, SAMPLE_DRAFT);
  });

  it('checks the read-only speech view with the folder\'s settings: diagnostics and symbols, no code actions', async () => {
    const uri = `${WORD_SCHEME}:${pathToFileURL(docx).pathname}`;
    client.open(uri, SAMPLE_DRAFT);
    const published = await client.waitFor((x) => x.uri === uri);
    const placeholder = published.diagnostics.find((d) => d.code === 'placeholder');
    assert.ok(placeholder, JSON.stringify(published.diagnostics));
    assert.equal(placeholder.severity, 1, '.jianggao.json beside the .docx made it an error');
    const symbols = await client.connection.sendRequest<Array<{ name: string; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(JSON.stringify(symbols).includes('一、提高认识'), JSON.stringify(symbols));
    const actions = await client.connection.sendRequest<unknown[]>('textDocument/codeAction', {
      textDocument: { uri }, range: placeholder.range, context: { diagnostics: [placeholder] },
    });
    assert.deepEqual(actions, []);
  });

  it('answers a bad document with the reason, in the client\'s language', async () => {
    const bad = path.join(dir, 'old.docx');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('WordDocument\0', 'utf16le'), Buffer.alloc(512)]));
    const r = await client.connection.sendRequest<WordTextResponse>(REQUESTS.wordText, { uri: pathToFileURL(bad).toString() });
    assert.deepEqual(r, { ok: false, message: '旧版 Word 二进制格式（.doc），无法读取：请在 Word 或 WPS 中另存为 .docx 后再检查' });
  });

  it('exports an open draft as a .docx that reads back as the draft', async () => {
    const uri = pathToFileURL(path.join(dir, 'talk.speech')).toString();
    client.open(uri, SAMPLE_DRAFT);
    await client.waitFor((x) => x.uri === uri);
    const target = path.join(dir, 'talk.docx');
    const r = await client.connection.sendRequest<WordWriteResponse>(REQUESTS.exportWord, { uri, target: pathToFileURL(target).toString(), layout: 'official' });
    assert.ok(r.ok, r.message);
    assert.match(r.message, /已写出 .*talk\.docx/);
    const back = readDocx(fs.readFileSync(target));
    assert.ok(back.ok);
    assert.equal(back.document.text, SAMPLE_DRAFT);
  });
});
