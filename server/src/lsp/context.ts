// What every part of the server shares: the connection, the open documents, and what the
// client said at initialisation (locale, workspace trust, workspace folders). Set once in
// onInitialize; nothing else here changes afterwards.

import { fileURLToPath } from 'url';
import { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Locale } from '../analysis';
import { WORD_SCHEME } from '../protocol';

export class ServerContext {
  locale: Locale = 'zh';
  trusted = true;
  hasConfigurationCapability = false;
  workspaceFolders: string[] = [];
  /** What the client said it can do (CodeLens refresh, …). */
  clientCapabilities: ClientCapabilities = {};
  /** What validation finds again on every edit (a refused dictionary) is logged once. */
  private readonly logged = new Set<string>();

  constructor(readonly connection: Connection, readonly documents: TextDocuments<TextDocument>) {}

  log(message: string): void {
    this.connection.console.log(`[jianggao] ${message}`);
  }

  logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.log(message);
  }

  /** The message in the writer's language. */
  t(zh: string, en: string): string {
    return this.locale === 'en' ? en : zh;
  }
}

export function uriToPath(uri: string): string | undefined {
  try {
    // A Word document's speech view stands for the .docx itself (its folder's settings apply).
    if (uri.startsWith(`${WORD_SCHEME}:`)) return fileURLToPath(`file://${uri.slice(WORD_SCHEME.length + 1).replace(/^\/*/, '/')}`);
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
