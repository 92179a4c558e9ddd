// The Jianggao language server. Plain LSP over stdio or IPC: diagnostics (debounced, newest
// version wins), document symbols, folding ranges, code actions and server-side commands, so
// any LSP editor can use it: `node dist/server.js --stdio`.
//
// This file makes the parts and lists the features; each feature is a file of its own.

import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, InitializeParams, InitializeResult,
  DidChangeConfigurationNotification, ServerCapabilities,
} from 'vscode-languageserver/node';
import * as v8 from 'v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientInitOptions } from '../protocol';
import { CodeActions } from './actions';
import { allowWordAction } from './allowWord';
import { Checker } from './checker';
import { codeLens } from './codeLens';
import { Commands } from './commands';
import { configurationReport } from './configurationReport';
import { ServerContext, uriToPath } from './context';
import { disableRuleCommand } from './disableRule';
import { Feature, Server } from './feature';
import { fixActions } from './fixActions';
import { fixCommands } from './fixCommands';
import { focusMode, TypingTracker } from './focusMode';
import { folding } from './folding';
import { hover } from './hover';
import { ignoreFinding } from './ignoreFinding';
import { Health } from './health';
import { Settings } from './settings';
import { status } from './status';
import { symbols } from './symbols';
import { Trust } from './trust';
import { Validation } from './validation';
import { views } from './views';
import { word } from './word';
import { workspaceCheck } from './workspaceCheck';
import { workspaceEvents } from './workspaceEvents';

/** Every editor feature, in the order its handlers are registered (and its code actions offered). */
const FEATURES: Feature[] = [
  symbols,
  folding,
  fixActions,
  fixCommands,
  ignoreFinding,
  allowWordAction,
  disableRuleCommand,
  workspaceCheck,
  views,
  configurationReport,
  workspaceEvents,
  hover,
  codeLens,
  focusMode,
  word,
  status,
];

function createServer(): Server {
  const connection = createConnection(ProposedFeatures.all);
  const typing = new TypingTracker();
  const documents = new TextDocuments(typing.wrap(TextDocument));
  const ctx = new ServerContext(connection, documents);
  const trust = new Trust(ctx);
  const settings = new Settings(ctx, trust);
  let validation: Validation | undefined;
  const checker = new Checker(ctx, {
    log: (m) => ctx.log(m),
    segmenterReady: () => validation?.scheduleAll(),
    corpusReady: (files) => {
      if (files > 0) validation?.scheduleAll();
    },
  });
  const health = new Health(ctx);
  validation = new Validation(ctx, settings, checker, health);
  return { ctx, trust, settings, checker, health, validation, typing, actions: new CodeActions(ctx, validation), commands: new Commands(ctx) };
}

function initialize(server: Server, params: InitializeParams): InitializeResult {
  const { ctx } = server;
  const init = (params.initializationOptions ?? {}) as ClientInitOptions;
  const lang = init.locale ?? params.locale ?? 'zh';
  ctx.locale = /^en/i.test(lang) ? 'en' : 'zh';
  ctx.trusted = init.trusted !== false;
  ctx.hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  ctx.clientCapabilities = params.capabilities;
  ctx.workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (ctx.workspaceFolders.length === 0 && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) ctx.workspaceFolders.push(root);
  }
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  };
  for (const f of FEATURES) Object.assign(capabilities, f.capabilities?.(server));
  capabilities.codeActionProvider = { codeActionKinds: server.actions.kinds() };
  capabilities.executeCommandProvider = { commands: server.commands.ids() };
  return { capabilities, serverInfo: { name: 'jianggao', version: '0.1.0' } };
}

function main(): void {
  // V8 favours memory over speed in every isolate started from here on (the analysis worker's
  // above all): with the dictionary loaded the server is near its 200 MB budget, and typing
  // made the worker's heap tens of MB larger than what it holds (bench/soak.bench.mjs).
  v8.setFlagsFromString('--optimize-for-size');
  const server = createServer();
  const { ctx } = server;
  const { connection, documents } = ctx;
  connection.onInitialize((params) => initialize(server, params));
  connection.onInitialized(() => {
    server.checker.start();
    if (ctx.hasConfigurationCapability) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'jianggao' }).catch(() => undefined);
    }
    ctx.log(`started (locale ${ctx.locale}, ${ctx.trusted ? 'trusted' : 'untrusted'} workspace, ${ctx.workspaceFolders.length} folder(s))`);
  });
  connection.onShutdown(() => server.checker.stop());
  server.validation.register();
  for (const f of FEATURES) f.register(server);
  server.actions.register();
  server.commands.register();
  process.on('uncaughtException', (e) => ctx.log(`uncaught: ${e.stack ?? e}`));
  documents.listen(connection);
  connection.listen();
}

main();
