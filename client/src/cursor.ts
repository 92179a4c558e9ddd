// Focus mode's one client part: the server learns the line being typed from the edits, and
// from this notification when the cursor moves to another line without typing (focusMode.ts
// in the server decides what to show). Sent only when the line changes, only with the
// setting on.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CursorNotification, NOTIFICATIONS } from '../../server/src/protocol';
import { isChecked } from './documents';

export function registerCursorNotification(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const lastLine = new Map<string, number>();
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection((e) => {
      const doc = e.textEditor.document;
      if (!isChecked(doc) || !vscode.workspace.getConfiguration('jianggao', doc.uri).get<boolean>('focusMode', false)) return;
      const uri = doc.uri.toString();
      const line = e.selections[0]?.active.line;
      if (line === undefined || lastLine.get(uri) === line) return;
      lastLine.set(uri, line);
      const client = getClient();
      if (client?.isRunning()) void client.sendNotification(NOTIFICATIONS.cursor, { uri, line } satisfies CursorNotification);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => lastLine.delete(d.uri.toString())),
  );
}
