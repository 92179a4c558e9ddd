// Inserting the extension's own snippets (snippets/speech.code-snippets): a whole skeleton
// chosen by meeting type, or the part the structure view found missing.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { PART_SNIPPETS, SKELETON_PREFIX, SpeechPart } from './snippetNames';
import { isChecked } from './documents';
import { T } from './i18n';

interface SnippetEntry {
  prefix: string[];
  body: string[];
  description: string;
}

let cache: Record<string, SnippetEntry> | undefined;

function snippets(context: vscode.ExtensionContext): Record<string, SnippetEntry> {
  cache ??= JSON.parse(fs.readFileSync(context.asAbsolutePath('snippets/speech.code-snippets'), 'utf8')) as Record<string, SnippetEntry>;
  return cache;
}

export function snippetBody(context: vscode.ExtensionContext, name: string): string {
  const s = snippets(context)[name];
  if (!s) throw new Error(`snippet “${name}” is missing from snippets/speech.code-snippets`);
  return s.body.join('\n');
}

/** The first line of a body as the writer will see it (tab stops shown with their defaults). */
function preview(body: string): string {
  const first = body.split('\n')[0];
  return first.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{?\w+\}?/g, '');
}

/** Quick pick by meeting type, then the skeleton goes in at the cursor (or into a new draft). */
export async function insertSkeleton(context: vscode.ExtensionContext, name?: string): Promise<boolean> {
  const entries = Object.entries(snippets(context)).filter(([n]) => n.startsWith(SKELETON_PREFIX));
  let chosen = name;
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(
      entries.map(([n, s]) => ({
        label: n.slice(SKELETON_PREFIX.length),
        description: s.description.replace(/^整篇骨架：/, ''),
        detail: preview(s.body.join('\n')),
        name: n,
      })),
      { title: T('插入讲稿骨架', 'Insert a speech skeleton'), placeHolder: T('选择会议类型', 'Choose the kind of meeting'), matchOnDescription: true },
    );
    if (!pick) return false;
    chosen = pick.name;
  }
  const body = snippetBody(context, chosen);
  let editor = vscode.window.activeTextEditor;
  // Only into an empty document or a draft; anything else gets a new untitled draft.
  if (!editor || (!isChecked(editor.document) && editor.document.getText().trim() !== '')) {
    const doc = await vscode.workspace.openTextDocument({ language: 'speech', content: '' });
    editor = await vscode.window.showTextDocument(doc);
  } else if (!isChecked(editor.document)) {
    // An empty file of another language (a new untitled file is plain text, and VS Code then
    // guesses "Ini" from the skeleton's 【】 lines): it becomes a speech draft, so it is checked.
    const doc = await vscode.languages.setTextDocumentLanguage(editor.document, 'speech');
    editor = vscode.window.visibleTextEditors.find((e) => e.document === doc) ?? (await vscode.window.showTextDocument(doc));
  }
  return editor.insertSnippet(new vscode.SnippetString(body));
}

/**
 * Inserts the snippet for a missing part where the server says it belongs: on its own line
 * before the text at `position`, or on a new line after it when `position` ends a line.
 */
export async function insertPart(context: vscode.ExtensionContext, uri: string, part: SpeechPart, position: { line: number; character: number }): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc);
  const at = doc.validatePosition(new vscode.Position(position.line, position.character));
  // A line-final newline in the body is ours to place: drop it, then add what the spot needs.
  const body = snippetBody(context, PART_SNIPPETS[part]).replace(/\n(\$0)?$/, '$1');
  const line = doc.lineAt(at.line).text;
  if (/^[ \t\u3000]*$/.test(line.slice(0, at.character))) {
    const textFollows = line.trim() !== '';
    return editor.insertSnippet(new vscode.SnippetString(textFollows ? `${body}\n` : body), new vscode.Position(at.line, 0));
  }
  return editor.insertSnippet(new vscode.SnippetString(`\n${body}`), at);
}
