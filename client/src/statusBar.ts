// The status bar item: characters and speaking time of the draft, and of the selection when
// there is one, as the server counts them (jianggao/stats). A warning background when the
// draft runs over the target duration. A click opens the structure view.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS, StatsRequest, StatsResponse } from '../../server/src/protocol';
import { formatDuration } from '../../server/src/analysis/outline';
import { debounce, isChecked } from './documents';
import { isEnglish, T } from './i18n';

export const STATUS_ITEM_ID = 'jianggao.status';

const count = (n: number) => n.toLocaleString('en-US');

/** `约32分钟` for a whole draft (a writer plans in minutes), `1分30秒` for a selection. */
function draftTime(minutes: number): string {
  const locale = isEnglish() ? 'en' : 'zh';
  if (minutes < 1) return formatDuration(minutes, locale);
  return T(`约${Math.round(minutes)}分钟`, `~${Math.round(minutes)} min`);
}

export function statusText(s: StatsResponse): string {
  const locale = isEnglish() ? 'en' : 'zh';
  let text = T(`讲稿 ${count(s.chars)}字 · ${draftTime(s.minutes)}`, `Speech ${count(s.chars)} chars · ${draftTime(s.minutes)}`);
  if (s.overTarget) text = `$(warning) ${text}` + T(`（目标${s.targetMinutes}分钟）`, ` (target ${s.targetMinutes} min)`);
  if (s.selectionChars !== undefined) {
    const sel = formatDuration(s.selectionMinutes ?? 0, locale);
    text += T(` ｜ 选中 ${count(s.selectionChars)}字 · ${sel}`, ` | Selection ${count(s.selectionChars)} chars · ${sel}`);
  }
  return text;
}

function tooltip(s: StatsResponse): vscode.MarkdownString {
  const lines = [
    T(`**全文** ${count(s.chars)} 字，约 ${formatDuration(s.minutes, 'zh')}`, `**Draft** ${count(s.chars)} characters, about ${formatDuration(s.minutes, 'en')}`),
  ];
  if (s.selectionChars !== undefined) {
    lines.push(T(`**选中** ${count(s.selectionChars)} 字，约 ${formatDuration(s.selectionMinutes ?? 0, 'zh')}`, `**Selection** ${count(s.selectionChars)} characters, about ${formatDuration(s.selectionMinutes ?? 0, 'en')}`));
  }
  lines.push(T(`语速 ${s.rate} 字/分钟（设置 \`jianggao.speakingRate\`）`, `Speaking rate ${s.rate} characters a minute (setting \`jianggao.speakingRate\`)`));
  if (s.targetMinutes > 0) {
    const over = s.minutes - s.targetMinutes;
    lines.push(s.overTarget
      ? T(`目标 ${s.targetMinutes} 分钟，**超出约 ${formatDuration(over, 'zh')}**`, `Target ${s.targetMinutes} min: **about ${formatDuration(over, 'en')} over**`)
      : T(`目标 ${s.targetMinutes} 分钟以内`, `Target: within ${s.targetMinutes} min`));
  } else {
    lines.push(T('未设目标时长（设置 `jianggao.targetMinutes`）', 'No target duration (setting `jianggao.targetMinutes`)'));
  }
  lines.push(T('点击查看讲稿结构', 'Click to show the speech structure'));
  return new vscode.MarkdownString(lines.join('\n\n'));
}

export function registerStatusBar(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): { refresh(): void } {
  const item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = T('讲稿字数与时长', 'Speech length and speaking time');
  item.command = 'jianggao.showStructure';
  let sequence = 0;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const c = getClient();
    const ticket = ++sequence;
    if (!editor || !isChecked(editor.document) || !c?.isRunning()) {
      item.hide();
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
      return;
    }
    item.text = statusText(stats);
    item.tooltip = tooltip(stats);
    item.backgroundColor = stats.overTarget ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.accessibilityInformation = { label: item.text.replace(/\$\([a-z-]+\)\s*/g, '') };
    item.show();
  };
  const soon = debounce(150, update);
  const afterTyping = debounce(400, update);

  context.subscriptions.push(
    item,
    { dispose: () => (soon.cancel(), afterTyping.cancel()) },
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && soon()),
    vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && afterTyping()),
    // The server re-reads the settings first; ask after it has.
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('jianggao') && afterTyping()),
  );
  return { refresh: () => void update() };
}
