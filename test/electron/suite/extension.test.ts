// Jianggao inside a real VS Code (run by test/electron/run.mjs with @vscode/test-electron):
// the extension activates on a draft, the server's diagnostics and symbols reach the editor,
// a snippet inserts, and the commands change the draft as they promise. The workspace is
// test/electron/workspace, whose .jianggao.json turns `missing-closing` off.
import assert from 'node:assert/strict';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'jianggao.jianggao';
const workspace = () => vscode.workspace.workspaceFolders![0].uri;
const fileUri = (name: string) => vscode.Uri.joinPath(workspace(), name);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** Waits until `probe` returns a value (not undefined/false), or fails saying what it waited for. */
async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const jianggaoDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'jianggao');

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  return vscode.window.showTextDocument(doc);
}

describe('Jianggao in VS Code', function () {
  this.timeout(60_000);

  // Commands leave drafts edited but unsaved: revert and close them, so the fixture files on
  // disk never change and no save dialog blocks the run.
  afterEach(async () => {
    for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('activates on a .speech draft, whose language is speech', async () => {
    const editor = await open('draft.speech');
    assert.equal(editor.document.languageId, 'speech');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in the test instance`);
    await until('the extension to activate', () => ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['jianggao.insertSkeleton', 'jianggao.nextPlaceholder', 'jianggao.exportOutline', 'jianggao.checkWorkspace', 'jianggao.showStructure']) {
      assert.ok(commands.includes(c), `${c} is not registered`);
    }
  });

  it('shows the server’s diagnostics: placeholders with rule id, source and a link to the rule page', async () => {
    const editor = await open('draft.speech');
    const found = await until('placeholder diagnostics on draft.speech', () => {
      const ds = jianggaoDiagnostics(editor.document.uri).filter((d) => codeOf(d) === 'placeholder');
      return ds.length >= 2 && ds;
    });
    const texts = found.map((d) => editor.document.getText(d.range)).sort();
    assert.deepEqual(texts, ['XX', '【待补充】'].sort());
    const code = found[0].code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /placeholder\.md$/);
    assert.equal(found[0].severity, vscode.DiagnosticSeverity.Warning);
  });

  it('reads the workspace’s .jianggao.json: missing-closing is off there, on for an untitled copy', async () => {
    const editor = await open('no-closing.speech');
    // The draft is analysed (its symbols arrive), and no missing-closing is published for it.
    await until('symbols of no-closing.speech', async () =>
      ((await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri)) ?? []).length > 0);
    const copy = await vscode.workspace.openTextDocument({ language: 'speech', content: editor.document.getText() });
    await vscode.window.showTextDocument(copy);
    await until('missing-closing on the untitled copy', () => jianggaoDiagnostics(copy.uri).some((d) => codeOf(d) === 'missing-closing'));
    assert.deepEqual(jianggaoDiagnostics(editor.document.uri).filter((d) => codeOf(d) === 'missing-closing'), []);
  });

  it('gives the Outline its document symbols: title, salutation, headings with their subheadings, closing', async () => {
    const editor = await open('draft.speech');
    const symbols = await until('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      return s && s.length > 0 && s;
    });
    const names = symbols.map((s) => s.name);
    assert.ok(names.some((n) => n.includes('在全市XX工作会议上的讲话')), names.join(' | '));
    const first = symbols.find((s) => s.name.startsWith('一、'));
    assert.ok(first, `no 一、 heading in ${names.join(' | ')}`);
    assert.deepEqual(first.children.map((c) => c.name.slice(0, 3)), ['（一）', '（二）']);
    assert.ok(symbols.some((s) => s.name.startsWith('二、')));
  });

  it('inserts a snippet by name, and a whole skeleton through the command', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'speech', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'speech', name: '称呼：同志们' });
    assert.equal(doc.getText(), '同志们：\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), '');
    assert.ok(await vscode.commands.executeCommand('jianggao.insertSkeleton', '讲稿骨架：工作会议'));
    assert.match(doc.getText(), /^在全市××工作会议上的讲话\n同志们：\n这次会议的主要任务是/);
    assert.equal(editor.document.getText(editor.selection), '全市××工作会议', 'the first tab stop is selected');
    // The unfilled skeleton is flagged, so no ×× reaches the podium.
    await until('placeholder findings in the skeleton', () => jianggaoDiagnostics(doc.uri).some((d) => codeOf(d) === 'placeholder'));
  });

  it('goes to the next placeholder and wraps round', async () => {
    const editor = await open('draft.speech');
    await until('placeholders', () => jianggaoDiagnostics(editor.document.uri).filter((d) => codeOf(d) === 'placeholder').length >= 2);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('jianggao.nextPlaceholder');
    assert.equal(editor.document.getText(editor.selection), 'XX');
    await vscode.commands.executeCommand('jianggao.nextPlaceholder');
    assert.equal(editor.document.getText(editor.selection), '【待补充】');
    await vscode.commands.executeCommand('jianggao.nextPlaceholder');
    assert.equal(editor.document.getText(editor.selection), 'XX');
  });

  it('renumbers the headings through the server command', async () => {
    const editor = await open('renumber.speech');
    await until('numbering-gap on renumber.speech', () => jianggaoDiagnostics(editor.document.uri).some((d) => codeOf(d) === 'numbering-gap'));
    await vscode.commands.executeCommand('jianggao.renumberHeadings');
    await until('the headings renumbered', () => /^二、突出重点$/m.test(editor.document.getText()) && /^三、加强领导$/m.test(editor.document.getText()));
    assert.match(editor.document.getText(), /^一、提高认识$/m);
  });

  it('exports the outline as a Markdown document', async () => {
    await open('draft.speech');
    const md = await vscode.commands.executeCommand<vscode.TextDocument>('jianggao.exportOutline');
    assert.ok(md, 'no document returned');
    assert.equal(md.languageId, 'markdown');
    // Headed by the speech's title, not the file name; no 标题/署名 labels, no double spaces.
    assert.match(md.getText(), /^# 在全市XX工作会议上的讲话\n/);
    assert.doesNotMatch(md.getText(), /标题 |署名|\S  \S/);
    assert.match(md.getText(), /- 一、充分肯定成绩/);
  });

  it('checks every speech file of the workspace: findings of an unopened file reach the Problems panel', async () => {
    const unopened = fileUri('unopened.speech.txt');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'the file must not be open');
    const result = await vscode.commands.executeCommand<{ files: number; problems: number }>('jianggao.checkWorkspace');
    assert.ok(result && result.files >= 4, JSON.stringify(result));
    const ds = await until('diagnostics of unopened.speech.txt', () => {
      const d = jianggaoDiagnostics(unopened);
      return d.length > 0 && d;
    });
    assert.ok(ds.some((d) => codeOf(d) === 'placeholder'), ds.map((d) => codeOf(d)).join());
    assert.equal(path.basename(unopened.fsPath), 'unopened.speech.txt');
  });
});
