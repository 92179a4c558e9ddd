// The status bar item: characters and speaking time of the draft, and of the selection when
// there is one, as the server counts them (jianggao/stats). A warning background when the
// draft runs over the target duration. A click opens the structure view.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS, StatsRequest, StatsResponse } from '../../server/src/protocol';
import { debounce, isChecked } from './documents';
import { statusText, statusTooltip } from './format';
import { locale, T } from './i18n';

export const STATUS_ITEM_ID = 'jianggao.status';

export function registerStatusBar(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): { refresh(): void } {
  const item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = T('讲稿字数与时长', 'Speech length and speaking time');
  item.command = 'jianggao.showStructure';
  let sequence = 0;
  /** The document the item shows figures of (none while hidden). */
  let shownFor: string | undefined;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const c = getClient();
    const ticket = ++sequence;
    if (!editor || !isChecked(editor.document) || !c?.isRunning()) {
      item.hide();
      shownFor = undefined;
      return;
    }
    const params: StatsRequest = {
      uri: editor.document.uri.toString(),
      selections: editor.selections.filter((s) => !s.isEmpty).map((s) => ({
        start: { line: s.start.line, character: s.start.character },
        end: { line: s.end.line, character: s.end.character },
      })),
    };
    let stats: StatsResponse | null;
    try {
      stats = await c.sendRequest<StatsResponse | null>(REQUESTS.stats, params);
    } catch {
      stats = null;
    }
    // A newer update started while this one waited: its answer wins.
    if (ticket !== sequence) return;
    if (!stats) {
      item.hide();
      shownFor = undefined;
      return;
    }
    item.text = statusText(stats, locale());
    item.tooltip = new vscode.MarkdownString(statusTooltip(stats, locale()));
    item.backgroundColor = stats.overTarget ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.accessibilityInformation = { label: item.text.replace(/\$\([a-z-]+\)\s*/g, '') };
    item.show();
    shownFor = params.uri;
  };
  const soon = debounce(150, update);
  const afterTyping = debounce(400, update);

  context.subscriptions.push(
    item,
    { dispose: () => (soon.cancel(), afterTyping.cancel()) },
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    // The first findings of a document just given to the server (opened, or reopened as 讲话稿): it can count it now.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active) && shownFor !== active) soon();
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && soon()),
    vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && afterTyping()),
    // The server re-reads the settings first; ask after it has.
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('jianggao') && afterTyping()),
  );
  return { refresh: () => void update() };
}
