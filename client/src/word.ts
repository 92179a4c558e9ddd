// Word documents in VS Code, thin: a .docx opens as a read-only speech (a virtual document
// whose text the server reads from the file; the server then checks it like any draft, so
// diagnostics, the outline and the structure view work on it), “转为讲稿文本” writes that text
// as a .speech to edit, and “导出为 Word 文档” asks the server to write the open draft as a .docx.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS, WORD_SCHEME, WordTextResponse, WordWriteResponse } from '../../server/src/protocol';
import { isChecked } from './documents';
import { T } from './i18n';

/** `jianggao-word:/path/draft.docx` for `file:///path/draft.docx`, and back. */
export const wordUri = (file: vscode.Uri): vscode.Uri => file.with({ scheme: WORD_SCHEME });
const fileOf = (uri: vscode.Uri): vscode.Uri => uri.with({ scheme: 'file' });

export function registerWord(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const running = (): LanguageClient | undefined => {
    const client = getClient();
    if (client?.isRunning()) return client;
    void vscode.window.showWarningMessage(T('讲稿检查服务尚未启动，请稍候再试。', 'The Jianggao server is not running yet; try again in a moment.'));
    return undefined;
  };

  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const client = getClient();
      if (!client?.isRunning()) throw new Error(T('讲稿检查服务尚未启动。', 'The Jianggao server is not running.'));
      const r = await client.sendRequest<WordTextResponse>(REQUESTS.wordText, { uri: fileOf(uri).toString() });
      if (!r.ok) {
        void vscode.window.showErrorMessage(`${path.basename(uri.fsPath)}：${r.message}`);
        return '';
      }
      if (r.note) void vscode.window.showInformationMessage(`${path.basename(uri.fsPath)}：${r.note}`);
      return r.text;
    },
  };

  // A .docx saved again in Word shows its new text.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.docx', true, false, true);
  watcher.onDidChange((file) => {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === wordUri(file).toString())) changed.fire(wordUri(file));
  });

  /** The .docx a command is about: the explorer's selection, the open Word view, or one picked. */
  const docxOf = async (arg: unknown): Promise<vscode.Uri | undefined> => {
    if (arg instanceof vscode.Uri) return arg.scheme === WORD_SCHEME ? fileOf(arg) : arg;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === WORD_SCHEME) return fileOf(active);
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [T('Word 文档', 'Word documents')]: ['docx', 'docm'] } });
    return picked?.[0];
  };

  const open = async (arg: unknown) => {
    const file = await docxOf(arg);
    if (!file || !running()) return;
    const doc = await vscode.workspace.openTextDocument(wordUri(file));
    await vscode.languages.setTextDocumentLanguage(doc, 'speech');
    await vscode.window.showTextDocument(doc, { preview: false });
  };

  const convert = async (arg: unknown) => {
    const file = await docxOf(arg);
    if (!file || !running()) return;
    const doc = await vscode.workspace.openTextDocument(wordUri(file));
    const text = doc.getText();
    if (!text) return;
    const target = await vscode.window.showSaveDialog({
      defaultUri: file.with({ path: file.path.replace(/\.(docx|docm)$/i, '.speech') }),
      filters: { [T('讲话稿', 'Speech drafts')]: ['speech'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
  };

  const exportWord = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!isChecked(editor?.document) || editor!.document.uri.scheme === WORD_SCHEME) {
      void vscode.window.showInformationMessage(T('请先打开一篇讲话稿（.speech 文件）。', 'Open a speech draft (a .speech file) first.'));
      return;
    }
    const client = running();
    if (!client) return;
    const layouts = [
      { label: T('公文版式（GB/T 9704）', 'Official layout (GB/T 9704)'), layout: 'official' as const },
      { label: T('讲台用稿（大字、宽行距、标出各部分时长）', 'Podium copy (large type, wide spacing, section times)'), layout: 'podium' as const },
    ];
    const choice = await vscode.window.showQuickPick(layouts, { placeHolder: T('导出为哪种 Word 文档？', 'Which Word document?') });
    if (!choice) return;
    const source = editor!.document.uri;
    const folder = source.scheme === 'file' ? vscode.Uri.joinPath(source, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = (source.scheme === 'file' ? path.posix.basename(source.path) : 'draft').replace(/\.speech(\.txt|\.md)?$|\.(txt|md)$/i, '');
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder && vscode.Uri.joinPath(folder, `${name}${choice.layout === 'podium' ? '.podium' : ''}.docx`),
      filters: { [T('Word 文档', 'Word documents')]: ['docx'] },
    });
    if (!target) return;
    const r = await client.sendRequest<WordWriteResponse>(REQUESTS.exportWord, { uri: source.toString(), target: target.toString(), layout: choice.layout });
    if (r.ok) void vscode.window.showInformationMessage(r.message);
    else void vscode.window.showErrorMessage(r.message);
  };

  context.subscriptions.push(
    changed,
    watcher,
    vscode.workspace.registerTextDocumentContentProvider(WORD_SCHEME, provider),
    vscode.commands.registerCommand('jianggao.openWordDocument', open),
    vscode.commands.registerCommand('jianggao.convertWordToSpeech', convert),
    vscode.commands.registerCommand('jianggao.exportWord', exportWord),
  );
}
