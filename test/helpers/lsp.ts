// A plain LSP client for tests: starts the bundled server (`node dist/server.js --stdio`) as a
// separate process and speaks JSON-RPC to it, as Neovim or Helix would.
import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; code: string; source: string; severity: number; message: string; codeDescription?: { href: string }; relatedInformation?: unknown[] }>;
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: string[] = [];
  /** window/showMessage: what the writer sees as a notification. */
  readonly messages: string[] = [];
  /** The server's stderr (test hooks report there). */
  stderr = '';
  /** How many workspace/configuration requests the server made. */
  configurationRequests = 0;
  private waiters: Array<{ pred: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }> = [];
  private constructor(readonly child: ChildProcessWithoutNullStreams, public settings: Record<string, unknown>) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.pred(p) ? (w.resolve(p), false) : true));
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => { this.messages.push(p.message); });
    this.connection.onRequest('window/showMessageRequest', (p: { message: string }) => { this.messages.push(p.message); return null; });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
      this.configurationRequests++;
      return p.items.map(() => this.settings);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { this.stderr += chunk; });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      return null;
    });
    this.connection.onRequest('window/showDocument', (p: { uri: string }) => {
      this.shownDocuments.push(p.uri);
      return { success: true };
    });
    this.connection.onRequest('workspace/applyEdit', (p: unknown) => {
      this.appliedEdits.push(p);
      return { applied: true };
    });
    this.connection.listen();
  }
  readonly appliedEdits: unknown[] = [];
  /** workspace/codeLens/refresh requests from the server. */
  codeLensRefreshes = 0;
  readonly shownDocuments: string[] = [];

  static async start(opts: { locale?: string; settings?: Record<string, unknown>; rootPath?: string; trusted?: boolean; env?: Record<string, string>; codeLensRefresh?: boolean } = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...opts.env } });
    const client = new TestClient(child, opts.settings ?? {});
    const rootUri = opts.rootPath ? pathToFileURL(opts.rootPath).toString() : null;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      locale: opts.locale ?? 'zh-cn',
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, codeLens: { refreshSupport: !!opts.codeLensRefresh } }, window: { workDoneProgress: true }, textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
      initializationOptions: { locale: opts.locale ?? 'zh-cn', trusted: opts.trusted ?? true },
    });
    client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the first publication (already received or future) matching `pred`. */
  waitFor(pred: (p: PublishedDiagnostics) => boolean, timeoutMs = 15000): Promise<PublishedDiagnostics> {
    const seen = this.published.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics within ${timeoutMs} ms; got ${JSON.stringify(this.published.map((p) => ({ v: p.version, n: p.diagnostics.length })))}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  open(uri: string, text: string, languageId = 'speech', version = 1): void {
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      this.connection.sendNotification('exit');
    } catch {
      /* the process may be gone already */
    }
    this.connection.dispose();
    this.child.kill();
  }
}
