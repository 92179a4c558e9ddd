// A writer's existing .txt drafts. VS Code opens every .txt as plain text (its .txt
// association wins over the speech language's first-line rule), so they were not checked.
// The first time a .txt that reads like a speech is opened in a workspace (looksLikeSpeech,
// the same judgement `jianggao check DIR` and the workspace check make), Jianggao offers to
// check such files in this workspace; the answer is kept in the workspace state, and the
// command "检查像讲话稿的 .txt 文件…" changes it. Accepted, each such .txt opens as 讲话稿
// (for the session: the file itself is not touched).
import * as path from 'path';
import * as vscode from 'vscode';
import { looksLikeSpeech } from '../../server/src/analysis/detect';
import { languagesToCheck } from './documents';
import { T } from './i18n';

const STATE_KEY = 'jianggao.txtDrafts';
type Choice = 'check' | 'leave';

/** A plain-text .txt on disk that Jianggao would not check as it stands and that reads like a speech. */
function candidate(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && doc.languageId === 'plaintext' && /\.txt$/i.test(doc.uri.path)
    && !languagesToCheck().includes('plaintext') && looksLikeSpeech(doc.getText());
}

export function registerTxtDrafts(context: vscode.ExtensionContext): void {
  const state = () => context.workspaceState.get<Choice>(STATE_KEY);
  /** Drafts switched to 讲话稿 this session, switched back if the writer changes their mind. */
  const switched = new Set<string>();
  let asking = false;

  const asSpeech = async (doc: vscode.TextDocument) => {
    switched.add(doc.uri.toString());
    await vscode.languages.setTextDocumentLanguage(doc, 'speech');
  };
  const openCandidates = () => vscode.window.visibleTextEditors.map((e) => e.document).filter(candidate);

  const consider = async (doc: vscode.TextDocument | undefined) => {
    if (!doc || !candidate(doc)) return;
    const choice = state();
    if (choice === 'check') return asSpeech(doc);
    if (choice === 'leave' || asking) return;
    asking = true;
    const check = T('检查', 'Check them');
    const leave = T('不检查', 'No');
    const picked = await vscode.window.showInformationMessage(
      T(`“${path.basename(doc.uri.fsPath)}”读来像一篇讲话稿。要在本工作区把读来像讲话稿的 .txt 文件都当作讲话稿检查吗？（文件本身不会改动，可随时用命令“讲稿: 检查像讲话稿的 .txt 文件…”更改。）`,
        `“${path.basename(doc.uri.fsPath)}” reads like a speech. Check the .txt files of this workspace that read like a speech as speech drafts? (The files are not changed; the command “Jianggao: Check .txt Files That Read Like a Speech…” changes this.)`),
      check, leave);
    asking = false;
    // Closed without an answer: asked again next time.
    if (!picked) return;
    await context.workspaceState.update(STATE_KEY, picked === check ? 'check' : 'leave');
    if (picked === check) for (const d of new Set([doc, ...openCandidates()])) if (!d.isClosed) await asSpeech(d);
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((e) => void consider(e?.document)),
    vscode.commands.registerCommand('jianggao.checkTxtDrafts', async () => {
      const items = [
        { label: T('检查读来像讲话稿的 .txt 文件', 'Check the .txt files that read like a speech'), choice: 'check' as Choice },
        { label: T('不检查 .txt 文件', 'Leave .txt files unchecked'), choice: 'leave' as Choice },
      ];
      const current = state();
      const pick = await vscode.window.showQuickPick(items.map((i) => ({ ...i, description: i.choice === current ? T('当前', 'current') : undefined })), {
        title: T('本工作区的 .txt 讲稿', '.txt drafts in this workspace'),
      });
      if (!pick) return;
      await context.workspaceState.update(STATE_KEY, pick.choice);
      if (pick.choice === 'check') {
        for (const d of openCandidates()) await asSpeech(d);
      } else {
        for (const d of vscode.workspace.textDocuments) {
          if (d.languageId === 'speech' && switched.delete(d.uri.toString())) await vscode.languages.setTextDocumentLanguage(d, 'plaintext');
        }
      }
    }),
  );
  void consider(vscode.window.activeTextEditor?.document);
}
