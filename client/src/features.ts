// Commands that go through the server, and the configuration report.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REQUESTS, SERVER_COMMANDS } from '../../server/src/protocol';

export function registerFeatures(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
  output: vscode.OutputChannel,
): void {
  const activeUri = () => vscode.window.activeTextEditor?.document.uri.toString();
  const serverCommand = (command: string, ...args: unknown[]) => async () => {
    const c = getClient();
    const uri = activeUri();
    if (!c || !uri) return;
    return c.sendRequest('workspace/executeCommand', { command, arguments: [uri, ...args] });
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('jianggao.fixAll', serverCommand(SERVER_COMMANDS.fixAll)),
    vscode.commands.registerCommand('jianggao.renumberHeadings', serverCommand(SERVER_COMMANDS.renumber)),
    vscode.commands.registerCommand('jianggao.convertHalfwidth', serverCommand(SERVER_COMMANDS.convertHalfwidth)),
    vscode.commands.registerCommand('jianggao.showConfiguration', async () => {
      const c = getClient();
      const uri = activeUri();
      if (!c || !uri) return;
      const text = await c.sendRequest<string>(REQUESTS.configuration, { uri });
      output.appendLine(text);
      output.show(true);
    }),
  );
}
