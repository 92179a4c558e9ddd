// The Explorer view 讲稿结构: for each speech of the active draft, the completeness checklist
// (标题, 称呼, 开场, 主体, 结尾) and the section tree with each section's characters and
// speaking time. Everything shown comes from the server (jianggao/outline).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS, OutlineItem, OutlineResponse, LspRange } from '../../server/src/protocol';
import { debounce, isChecked } from './documents';
import { lengthOf } from './format';
import { sectionRowLabel } from './sectionLabel';
import { isEnglish, locale, T } from './i18n';
import type { SpeechPart } from './snippetNames';

export const STRUCTURE_VIEW_ID = 'jianggao.structure';
export const REVEAL_COMMAND = 'jianggao.revealInDraft';
export const INSERT_PART_COMMAND = 'jianggao.insertPart';

type Speech = OutlineResponse['speeches'][number];

type Node =
  | { kind: 'speech'; speech: Speech; index: number; sections: OutlineItem[]; total: number }
  | { kind: 'checklist'; speech: Speech; index: number; sections: OutlineItem[] }
  | { kind: 'part'; part: SpeechPart; speech: Speech; sections: OutlineItem[] }
  | { kind: 'sections'; sections: OutlineItem[] }
  | { kind: 'section'; item: OutlineItem };

const PARTS: SpeechPart[] = ['title', 'salutation', 'opening', 'body', 'closing'];
const PART_LABEL: Record<SpeechPart, [string, string]> = {
  title: ['标题', 'Title'],
  salutation: ['称呼', 'Salutation'],
  opening: ['开场', 'Opening'],
  body: ['主体', 'Body'],
  closing: ['结尾', 'Closing'],
};
/** Outline nodes that are parts of the checklist rather than sections. */
const NOT_SECTIONS = new Set(['title', 'meta', 'salutation']);

const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export class StructureProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: OutlineResponse | null = null;
  /** The draft shown: the active editor's, or the last one while the focus is elsewhere. */
  uri: vscode.Uri | undefined;
  message: string | undefined;

  setData(uri: vscode.Uri | undefined, data: OutlineResponse | null, message?: string): void {
    this.uri = uri;
    this.data = data;
    this.message = message;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const d = this.data;
    if (!d) return [];
    if (!node) {
      // A collection's outline has one `speech` node per speech; a single speech's is flat.
      const perSpeech = d.outline.length > 0 && d.outline.every((n) => n.kind === 'speech') ? d.outline.map((n) => n.children) : [d.outline];
      return d.speeches.map((speech, index) => ({ kind: 'speech', speech, index, sections: perSpeech[index] ?? [], total: d.speeches.length }));
    }
    switch (node.kind) {
      case 'speech':
        return [
          { kind: 'checklist', speech: node.speech, index: node.index, sections: node.sections },
          { kind: 'sections', sections: node.sections.filter((s) => !NOT_SECTIONS.has(s.kind)) },
        ];
      case 'checklist':
        return PARTS.map((part) => ({ kind: 'part', part, speech: node.speech, sections: node.sections }));
      case 'sections':
        return node.sections.map((item) => ({ kind: 'section', item }));
      case 'section':
        return node.item.children.map((item) => ({ kind: 'section', item }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const uri = this.uri!;
    switch (node.kind) {
      case 'speech': {
        const title = node.speech.title || (node.total > 1 ? T(`第${node.index + 1}篇`, `Speech ${node.index + 1}`) : T('（无标题）', '(untitled)'));
        const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `speech-${node.index}`;
        item.description = lengthOf(node.speech.chars, node.speech.minutes, locale());
        item.iconPath = new vscode.ThemeIcon('book');
        item.tooltip = `${title}\n${item.description}`;
        item.command = revealCommand(uri, node.speech.range.start);
        return item;
      }
      case 'checklist': {
        const present = PARTS.filter((p) => node.speech.parts[p].present).length;
        const item = new vscode.TreeItem(T('结构完整性', 'Completeness'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `checklist-${node.index}`;
        item.description = `${present}/${PARTS.length}`;
        item.iconPath = new vscode.ThemeIcon(present === PARTS.length ? 'pass' : 'warning');
        return item;
      }
      case 'part': {
        const p = node.speech.parts[node.part];
        const [zh, en] = PART_LABEL[node.part];
        const label = isEnglish() ? en : zh;
        // The coloured icon says present or missing; the description says it in words.
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = `part-${node.speech.range.start.line}-${node.part}`;
        item.contextValue = p.present ? 'jianggao.part.present' : 'jianggao.part.missing';
        if (p.present) {
          item.iconPath = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
          const items = node.sections.filter((x) => x.kind === 'heading' || x.kind === 'enum').length;
          item.description = node.part === 'title' ? node.speech.title : node.part === 'body' && items ? T(`${items}个部分`, `${items} parts`) : T('已有', 'present');
          item.tooltip = T(`${zh}：已有，点击跳转`, `${en}: present; click to go there`);
          item.command = revealCommand(uri, p.position);
        } else {
          item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
          item.description = T('缺少，点击插入', 'missing; click to insert');
          item.tooltip = T(`${zh}：缺少。点击在相应位置插入模板`, `${en}: missing. Click to insert a template where it belongs`);
          item.command = { command: INSERT_PART_COMMAND, title: T('插入', 'Insert'), arguments: [uri.toString(), node.part, p.position] };
        }
        return item;
      }
      case 'sections': {
        const item = new vscode.TreeItem(T('章节（字数 · 时长）', 'Sections (length · time)'), node.sections.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `sections-${node.sections[0]?.range.start.line ?? 'none'}`;
        item.iconPath = new vscode.ThemeIcon('list-tree');
        if (!node.sections.length) item.description = T('暂无', 'none yet');
        return item;
      }
      case 'section': {
        const s = node.item;
        // Figures first: a long heading would push them off the row (sectionLabel.ts).
        const item = new vscode.TreeItem(sectionRowLabel(s.name, s.chars, s.minutes, locale()), s.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `section-${s.range.start.line}-${s.range.start.character}-${s.kind}`;
        item.description = s.chars ? undefined : s.detail;
        item.tooltip = `${s.name}${s.detail ? `（${s.detail}）` : ''}${s.chars ? `\n${lengthOf(s.chars, s.minutes, locale())}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(s.kind === 'heading' ? 'symbol-namespace' : s.kind === 'enum' ? 'symbol-enum-member' : 'symbol-text');
        item.command = revealCommand(uri, s.selectionRange.start, s.selectionRange);
        return item;
      }
    }
  }
}

function revealCommand(uri: vscode.Uri, at: { line: number; character: number }, select?: LspRange): vscode.Command {
  return { command: REVEAL_COMMAND, title: T('跳转', 'Go to'), arguments: [uri.toString(), at, select] };
}

export async function revealInDraft(uri: string, at: { line: number; character: number }, select?: LspRange): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
  const range = select ? toRange(select) : new vscode.Range(at.line, at.character, at.line, at.character);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerStructureView(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): { refresh(): void; provider: StructureProvider } {
  const provider = new StructureProvider();
  const view = vscode.window.createTreeView(STRUCTURE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let sequence = 0;

  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    const ticket = ++sequence;
    // Focus in a panel or another view: keep showing the last draft while it is open.
    const doc = editor?.document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === provider.uri?.toString());
    if (!doc || !isChecked(doc)) {
      // The view's welcome text (package.nls*.json) says what to do.
      view.message = undefined;
      view.description = undefined;
      provider.setData(undefined, null);
      return;
    }
    const c = getClient();
    if (!view.visible || !c?.isRunning()) return;
    let data: OutlineResponse | null = null;
    try {
      data = await c.sendRequest<OutlineResponse | null>(REQUESTS.outline, { uri: doc.uri.toString() });
    } catch {
      data = null;
    }
    if (ticket !== sequence) return;
    // The draft changed while the server answered: the answer is stale, ask again.
    if (data && data.version !== doc.version && !doc.isClosed) {
      later();
      return;
    }
    view.message = data ? undefined : T('服务器尚未就绪，稍后自动刷新。', 'The server is not ready yet; this view refreshes by itself.');
    view.description = vscode.workspace.asRelativePath(doc.uri, false);
    provider.setData(doc.uri, data);
  };
  const later = debounce(500, () => void refresh());

  context.subscriptions.push(
    view,
    { dispose: () => later.cancel() },
    view.onDidChangeVisibility((e) => e.visible && void refresh()),
    vscode.window.onDidChangeActiveTextEditor((e) => e && void refresh()),
    // A document reopened as 讲话稿 (a .txt): the server has it once its first findings are out.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document;
      if (active && isChecked(active) && provider.uri?.toString() !== active.uri.toString() && e.uris.some((u) => u.toString() === active.uri.toString())) later();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.toString() === provider.uri?.toString() && e.contentChanges.length && later()),
    vscode.workspace.onDidCloseTextDocument((d) => d.uri.toString() === provider.uri?.toString() && void refresh()),
  );
  return { refresh: () => void refresh(), provider };
}
