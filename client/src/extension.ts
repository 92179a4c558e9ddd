// The VS Code client: starts the bundled language server over IPC and wires commands, views
// and the status bar to it. It decides nothing about text: every judgement comes from the
// server, so VS Code shows exactly what `jianggao check` and other editors show.

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import type { ClientInitOptions } from '../../server/src/protocol';
import { selector } from './documents';
import { explicitSettings } from './explicitSettings';
import type { Features } from './features';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let features: Features | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // A small young generation: the server's heap stays ~12 MB while typing, and V8's default
  // semi-spaces would otherwise keep ~20 MB more resident. Two malloc arenas: the analysis
  // worker's thread would otherwise get arenas of its own for the dictionary, ~15 MB more
  // (bench/soak.bench.mjs). A value the user set is kept.
  const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--max-semi-space-size=1'], env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--max-semi-space-size=1', '--nolazy', '--inspect=6011'], env } },
  };
  const initializationOptions: ClientInitOptions = { locale: vscode.env.language, trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    outputChannel: output,
    initializationOptions,
    // .jianggao.json changes the settings; another speech file changing on disk changes what
    // reused-paragraph finds in the open drafts.
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.jianggao.json'),
        vscode.workspace.createFileSystemWatcher('**/*.{speech,speech.txt,speech.md}'),
      ],
    },
    middleware: {
      workspace: {
        // Only the settings the writer made, so the server credits the right layer (explicitSettings.ts).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value: unknown, i: number) => {
            const item = params.items[i];
            if (item?.section !== 'jianggao' || typeof value !== 'object' || value === null) return value;
            const config = vscode.workspace.getConfiguration('jianggao', item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined);
            return explicitSettings(value as Record<string, unknown>, (key) => config.inspect(key));
          });
        },
      },
    },
  };
  return new LanguageClient('jianggao', 'Jianggao', serverOptions, clientOptions);
}

export async function restartServer(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    const old = client;
    client = undefined;
    try {
      await old.stop(5000);
    } catch (e) {
      output.appendLine(`[client] stopping the server: ${(e as Error).message}`);
    }
  }
  client = createClient(context);
  await client.start();
  output.appendLine('[client] language server started');
  features?.clientReady();
}

export function currentClient(): LanguageClient | undefined {
  return client;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Jianggao', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('jianggao.restartServer', () => restartServer(context)),
    vscode.commands.registerCommand('jianggao.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector is fixed when the client starts: a new language needs a restart.
      if (e.affectsConfiguration('jianggao.languages')) restartServer(context);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restartServer(context)),
  );
  const { registerFeatures } = await import('./features');
  features = registerFeatures(context, () => client, output);
  await restartServer(context);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
