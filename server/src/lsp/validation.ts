// Validation: a trailing-edge debounce per document, the analysis of its newest version, and
// the diagnostics published for it. A result older than the document is dropped, never
// published. Keeps each document's last snapshot for the features that read it.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../analysis';
import { resolveOptions } from '../analysis/options';
import { outlineOf, checklistOf } from '../analysis/outline';
import { Checker } from './checker';
import { ServerContext, uriToPath } from './context';
import { tooLargeDiagnostic } from './diagnostics';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_FILE_SIZE, Settings } from './settings';
import { Snapshot, Structure } from './snapshot';

export class Validation {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The size cap in force for each open document (jianggao.maxFileSize), read when it was last validated. */
  private readonly sizeCaps = new Map<string, number>();
  /** Rules that threw on a document: switched off for it (one log line), the rest still run. */
  private readonly brokenRules = new Map<string, Set<string>>();
  private lastDebounce = DEFAULT_DEBOUNCE_MS;

  constructor(private readonly ctx: ServerContext, private readonly settings: Settings, private readonly checker: Checker) {}

  register(): void {
    const { documents } = this.ctx;
    documents.onDidOpen((e) => this.schedule(e.document, 0));
    documents.onDidChangeContent((e) => {
      // onDidChangeContent also fires on open: the first analysis goes out at once.
      this.schedule(e.document, this.snapshots.has(e.document.uri) ? this.lastDebounce : 0);
    });
    documents.onDidClose((e) => this.closed(e.document.uri));
  }

  schedule(doc: TextDocument, delay: number): void {
    const old = this.timers.get(doc.uri);
    if (old) clearTimeout(old);
    this.timers.set(doc.uri, setTimeout(() => {
      this.timers.delete(doc.uri);
      this.validate(doc.uri).catch((e) => this.ctx.log(`validation failed for ${doc.uri}: ${(e as Error).stack ?? e}`));
    }, delay));
  }

  /** Every open document again, at once (settings, dictionaries or the workspace changed). */
  scheduleAll(): void {
    for (const doc of this.ctx.documents.all()) this.schedule(doc, 0);
  }

  async validate(uri: string): Promise<void> {
    const { documents, connection } = this.ctx;
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await this.settings.for(uri);
    this.settings.reportProblems(settings);
    this.lastDebounce = settings.debounceMs;
    // The document changed while the settings were fetched: a newer validation is on its way.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    const text = current.getText();
    this.checker.useDictionaries(this.settings.acceptedDictionaries(settings));
    const bytes = Buffer.byteLength(text, 'utf8');
    this.sizeCaps.set(uri, settings.maxFileSize);
    if (bytes > settings.maxFileSize) {
      this.snapshots.delete(uri);
      connection.sendDiagnostics({ uri, version, diagnostics: [tooLargeDiagnostic(bytes, settings.maxFileSize, this.ctx.locale)] });
      return;
    }
    const options = { ...settings.options, rules: { ...settings.options.rules } };
    for (const r of this.brokenRules.get(uri) ?? []) options.rules[r] = 'off';
    const snapshot = await this.checker.analyze({ uri, version, text, options, file: uriToPath(uri) });
    for (const e of snapshot.ruleErrors) {
      if (!this.brokenRules.has(uri)) this.brokenRules.set(uri, new Set());
      this.brokenRules.get(uri)!.add(e.rule);
      this.ctx.log(`rule ${e.rule} failed on ${uri} and is switched off for this document: ${e.error}`);
    }
    // The analysis ran synchronously: changes that arrived meanwhile are still queued. Let them
    // in, then publish only if this is still the newest version.
    await pendingMessagesIn();
    if (documents.get(uri)?.version !== version) return;
    this.snapshots.set(uri, snapshot);
    connection.sendDiagnostics({ uri, version, diagnostics: snapshot.lsp });
    this.checker.afterFirstDiagnostics(snapshot.pendingWordRules.length > 0, this.ctx.workspaceFolders);
  }

  /** The document and its snapshot, if the snapshot is of the document's current version. */
  fresh(uri: string): { doc: TextDocument; snapshot: Snapshot } | undefined {
    const doc = this.ctx.documents.get(uri);
    const snapshot = this.snapshots.get(uri);
    if (!doc || !snapshot || snapshot.version !== doc.version) return undefined;
    return { doc, snapshot };
  }

  /** The structure for features that need no diagnostics: the snapshot's if current, else a fresh parse. */
  structureOf(uri: string): { doc: TextDocument; structure: Structure } | undefined {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return undefined;
    const f = this.fresh(uri);
    if (f) return { doc, structure: f.snapshot };
    const text = doc.getText();
    // Over the size cap a document is not parsed for symbols, folding or the outline either.
    if (Buffer.byteLength(text, 'utf8') > (this.sizeCaps.get(uri) ?? DEFAULT_MAX_FILE_SIZE)) return undefined;
    const model = parseDocument(text);
    const options = this.snapshots.get(uri)?.options ?? resolveOptions([], new Set(), this.ctx.locale).options;
    return {
      doc,
      structure: { version: doc.version, text, options, outline: outlineOf(model, this.ctx.locale), checklist: checklistOf(model), lines: model.lines, lineIndex: model.lineIndex },
    };
  }

  private closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.snapshots.delete(uri);
    this.settings.forget(uri);
    this.brokenRules.delete(uri);
    this.sizeCaps.delete(uri);
    this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    // Unsaved edits are gone: the file on disk stands for it again.
    const file = uriToPath(uri);
    if (file) void this.checker.fileChanged(file);
  }
}

/**
 * Resolves once messages that arrived during a synchronous stretch are dispatched: the reader
 * queues them from the poll phase and vscode-jsonrpc dispatches one per setImmediate.
 */
function pendingMessagesIn(rounds = 4): Promise<void> {
  return new Promise((resolve) => {
    const next = (n: number) => (n === 0 ? resolve() : setImmediate(() => next(n - 1)));
    next(rounds);
  });
}
