// Edits of the analysis library (offsets) as LSP text and workspace edits on one version of a document.

import { TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Edit, LineIndex, normaliseEdits } from '../analysis';
import { rangeOf } from './diagnostics';

export function textEdits(lineIndex: LineIndex, edits: Edit[]): TextEdit[] {
  return normaliseEdits(edits).map((e) => TextEdit.replace(rangeOf(lineIndex, e.start, e.end), e.text));
}

/** The edits, tied to the document's version (the editor refuses them if it has moved on). */
export function workspaceEdit(doc: TextDocument, lineIndex: LineIndex, edits: Edit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: textEdits(lineIndex, edits) }] };
}

/** The document's line break, for inserted lines. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}
