// Commands, the structure view and the status bar. Each command either asks the server (a
// custom request or a `jianggao.server.*` command, so other editors can do the same) or moves
// the cursor over what the server has already reported.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS, SERVER_COMMANDS, OutlineResponse } from '../../server/src/protocol';
import { nextPlaceholder as findNextPlaceholder } from '../../server/src/analysis/rules/placeholders';
import { registerCursorNotification } from './cursor';
import { registerTxtDrafts } from './txtDrafts';
import { isChecked } from './documents';
import { T } from './i18n';
import { insertPart, insertSkeleton } from './snippets';
import type { SpeechPart } from './snippetNames';
import { registerStatusBar } from './statusBar';
import { registerWord } from './word';
import { registerStructureView, revealInDraft, REVEAL_COMMAND, INSERT_PART_COMMAND, STRUCTURE_VIEW_ID } from './structureView';

/** Speech files the workspace check looks for. */
export const SPEECH_FILES = '{**/*.speech,**/*.speech.txt,**/*.speech.md}';
/** Also sent to the workspace check: the server checks those that read like a speech (workspaceCheck.ts). */
const TEXT_FILES = '**/*.txt';
const EXCLUDED = '{**/node_modules/**,**/.git/**}';

export interface Features {
  /** Called when a (re)started language client is running. */
  clientReady(): void;
}

export function registerFeatures(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
  output: vscode.OutputChannel,
): Features {
  registerWord(context, getClient);
  const status = registerStatusBar(context, getClient);
  const structure = registerStructureView(context, getClient);
  registerCursorNotification(context, getClient);
  registerTxtDrafts(context);

  /** The running client and the active draft, or a message saying which is missing. */
  const target = (): { client: LanguageClient; editor: vscode.TextEditor } | undefined => {
    const client = getClient();
    const editor = vscode.window.activeTextEditor;
    if (!isChecked(editor?.document)) {
      void vscode.window.showInformationMessage(T('请先打开一篇讲话稿（.speech 文件）。', 'Open a speech draft (a .speech file) first.'));
      return undefined;
    }
    if (!client?.isRunning()) {
      void vscode.window.showWarningMessage(T('讲稿检查服务尚未启动，请稍候或运行“讲稿: 重启检查服务”。', 'The Jianggao server is not running yet; wait a moment or run “Jianggao: Restart Server”.'));
      return undefined;
    }
    return { client, editor: editor! };
  };

  const serverCommand = (command: string, ...extra: string[]) => async () => {
    const t = target();
    if (!t) return;
    return t.client.sendRequest('workspace/executeCommand', { command, arguments: [t.editor.document.uri.toString(), ...extra] });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('jianggao.fixAll', serverCommand(SERVER_COMMANDS.fixAll)),
    vscode.commands.registerCommand('jianggao.renumberHeadings', serverCommand(SERVER_COMMANDS.renumber)),
    vscode.commands.registerCommand('jianggao.convertHalfwidth', serverCommand(SERVER_COMMANDS.convertHalfwidth)),
    // 清理粘贴文本: every fix of pasted-character at once (look-alikes, odd spaces, invisible characters).
    vscode.commands.registerCommand('jianggao.cleanPastedText', serverCommand(SERVER_COMMANDS.cleanPastedText)),
    vscode.commands.registerCommand('jianggao.showConfiguration', async () => {
      const t = target();
      if (!t) return;
      const text = await t.client.sendRequest<string>(REQUESTS.configuration, { uri: t.editor.document.uri.toString() });
      output.appendLine(text);
      output.show(true);
    }),
    vscode.commands.registerCommand('jianggao.insertSkeleton', (name?: string) => insertSkeleton(context, typeof name === 'string' ? name : undefined)),
    vscode.commands.registerCommand('jianggao.nextPlaceholder', nextPlaceholder),
    vscode.commands.registerCommand('jianggao.exportOutline', async () => {
      const t = target();
      if (!t) return;
      return exportOutline(t.client, t.editor.document);
    }),
    vscode.commands.registerCommand('jianggao.checkWorkspace', () => checkWorkspace(getClient())),
    vscode.commands.registerCommand('jianggao.showStructure', () => vscode.commands.executeCommand(`${STRUCTURE_VIEW_ID}.focus`)),
    vscode.commands.registerCommand('jianggao.refreshStructure', () => structure.refresh()),
    vscode.commands.registerCommand(REVEAL_COMMAND, revealInDraft),
    vscode.commands.registerCommand(INSERT_PART_COMMAND, (uri: string, part: SpeechPart, at: { line: number; character: number }) => insertPart(context, uri, part, at)),
  );

  const setDraftContext = (editor: vscode.TextEditor | undefined) =>
    vscode.commands.executeCommand('setContext', 'jianggao.isDraft', isChecked(editor?.document));
  setDraftContext(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(setDraftContext),
    // A language change (a .txt made a 讲话稿, a skeleton into an untitled file) reopens the document under the same editor.
    vscode.workspace.onDidOpenTextDocument((d) => d === vscode.window.activeTextEditor?.document && setDraftContext(vscode.window.activeTextEditor)),
  );
  // The 讲稿结构 view appears once there is a draft around: open, or among the workspace's files.
  let hasDraft = false;
  const markHasDraft = () => {
    if (hasDraft) return;
    hasDraft = true;
    void vscode.commands.executeCommand('setContext', 'jianggao.hasDraft', true);
  };
  if (vscode.workspace.textDocuments.some(isChecked)) markHasDraft();
  else void vscode.workspace.findFiles(SPEECH_FILES, EXCLUDED, 1).then((found) => found.length && markHasDraft());
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => isChecked(d) && markHasDraft()));

  return {
    clientReady() {
      status.refresh();
      structure.refresh();
    },
  };
}

/**
 * Selects the next placeholder after the cursor, wrapping round to the first: every placeholder
 * the placeholder rule finds in the text (analysis nextPlaceholder), also where its finding is
 * not shown (the rule switched off, the finding ignored, the server still starting).
 */
async function nextPlaceholder(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const doc = editor.document;
  const sel = editor.selection;
  const next = findNextPlaceholder(doc.getText(), doc.offsetAt(sel.end), { start: doc.offsetAt(sel.start), end: doc.offsetAt(sel.end) });
  if (!next) {
    void vscode.window.showInformationMessage(T('没有未填写的占位符。', 'No unfilled placeholders.'));
    return false;
  }
  if (next.wrapped) vscode.window.setStatusBarMessage(T('已回到第一个占位符', 'Wrapped round to the first placeholder'), 3000);
  const range = new vscode.Range(doc.positionAt(next.start), doc.positionAt(next.end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

/** The server's outline as Markdown, in a new untitled document the writer can save. */
async function exportOutline(client: LanguageClient, doc: vscode.TextDocument): Promise<vscode.TextDocument | undefined> {
  const data = await client.sendRequest<OutlineResponse | null>(REQUESTS.outline, { uri: doc.uri.toString() });
  if (!data) return undefined;
  // The Markdown is headed by the speech's own title (renderOutline), not the file name.
  const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: data.markdown });
  await vscode.window.showTextDocument(md, { viewColumn: vscode.ViewColumn.Beside });
  return md;
}

/** Every speech file of the workspace, checked by the server; findings land in Problems. */
async function checkWorkspace(client: LanguageClient | undefined): Promise<{ files: number; problems: number } | undefined> {
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage(T('讲稿检查服务尚未启动。', 'The Jianggao server is not running yet.'));
    return undefined;
  }
  const speech = await vscode.workspace.findFiles(SPEECH_FILES, EXCLUDED);
  const text = (await vscode.workspace.findFiles(TEXT_FILES, EXCLUDED)).filter((u) => !/\.speech\.txt$/i.test(u.path));
  const result = await client.sendRequest<{ files: number; problems: number }>('workspace/executeCommand', {
    command: SERVER_COMMANDS.checkFiles,
    arguments: [[...speech, ...text].map((u) => u.toString())],
  });
  if (!result.files) {
    void vscode.window.showInformationMessage(T('工作区中没有讲话稿文件（*.speech、*.speech.txt、*.speech.md，或读来像讲话稿的 .txt）。', 'No speech files in the workspace (*.speech, *.speech.txt, *.speech.md, or a .txt that reads like a speech).'));
    return result;
  }
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(T(`已检查 ${result.files} 个讲稿文件，发现 ${result.problems} 个问题。`, `Checked ${result.files} speech files: ${result.problems} problems.`));
  return result;
}
