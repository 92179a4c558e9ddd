// Validation: a trailing-edge debounce per document, the analysis of its newest version (in
// the analysis worker), and the diagnostics published for it. A result older than the
// document is dropped, never published. A part that fails leaves every other result and is
// said to the writer (health.ts); the next edit tries everything again. Keeps each
// document's last snapshot for the features that read it.

import { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../analysis';
import { resolveOptions } from '../analysis/options';
import { outlineOf, checklistOf } from '../analysis/outline';
import { Checker, CollateralFailure } from './checker';
import { ServerContext, uriToPath } from './context';
import { tooLargeDiagnostic } from './diagnostics';
import type { Failure } from './engine';
import { Health } from './health';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_FILE_SIZE, Settings, SettingsInForce } from './settings';
import { Snapshot, Structure } from './snapshot';

/**
 * Up to this many characters a document without a current snapshot is parsed on the spot for
 * symbols and folding (a few milliseconds); a longer one answers from its last snapshot.
 */
const PARSE_ON_REQUEST_CHARS = 200_000;

/** Holds back some of a snapshot's diagnostics for now (focus mode: the line being typed). */
export type PublishFilter = (snapshot: Snapshot, diagnostics: LspDiagnostic[], settings: SettingsInForce) => LspDiagnostic[];

export class Validation {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The size cap in force for each open document (jianggao.maxFileSize), read when it was last validated. */
  private readonly sizeCaps = new Map<string, number>();
  /** Features waiting for a document's first snapshot. */
  private readonly waiting = new Map<string, Array<() => void>>();
  private lastDebounce = DEFAULT_DEBOUNCE_MS;
  private readonly publishFilters: PublishFilter[] = [];
  private readonly publishedListeners: Array<(snapshot: Snapshot) => void> = [];
  /** Validations between their start and their publication. */
  private running = 0;

  constructor(
    private readonly ctx: ServerContext,
    private readonly settings: Settings,
    private readonly checker: Checker,
    private readonly health: Health,
  ) {}

  register(): void {
    const { documents } = this.ctx;
    documents.onDidOpen((e) => this.schedule(e.document, 0));
    documents.onDidChangeContent((e) => {
      // An analysis of an older version, running or queued, is abandoned from now on.
      this.checker.noteVersion(e.document.uri, e.document.version);
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
      this.running++;
      this.validate(doc.uri)
        .catch((e) => this.ctx.log(`validation failed for ${doc.uri}: ${(e as Error).stack ?? e}`))
        .finally(() => this.running--);
    }, delay));
  }

  /**
   * Resolves once nothing is scheduled or running, here or in the analysis worker (what a test
   * or a scripted client waits for before it reads the diagnostics); false after `timeoutMs`.
   */
  async settled(timeoutMs = 60_000): Promise<boolean> {
    const idleHere = () => this.timers.size === 0 && this.running === 0;
    for (const t0 = Date.now(); Date.now() - t0 < timeoutMs;) {
      await new Promise((r) => setTimeout(r, 5));
      if (!idleHere() || (await this.checker.busy())) continue;
      // A reply from the worker may have scheduled more: idle only if still so after a turn.
      await new Promise((r) => setImmediate(r));
      if (idleHere()) return true;
    }
    return false;
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
    const failures: Failure[] = [];
    let settings: SettingsInForce;
    try {
      settings = await this.settings.for(uri);
      this.settings.reportProblems(settings);
    } catch (e) {
      failures.push({ part: 'settings', error: (e as Error).message });
      settings = this.settings.defaults();
    }
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
      this.health.update(uri, failures);
      connection.sendDiagnostics({ uri, version, diagnostics: [tooLargeDiagnostic(bytes, settings.maxFileSize, this.ctx.locale)] });
      this.wake(uri);
      return;
    }
    let snapshot: Snapshot | undefined;
    try {
      snapshot = await this.checker.analyze({ uri, version, text, options: settings.options, file: uriToPath(uri), cacheBudget: this.cacheBudget() });
    } catch (e) {
      if (documents.get(uri)?.version !== version) return;
      // The worker was replaced because of another document: this one is simply checked again.
      if (e instanceof CollateralFailure) return this.schedule(current, 0);
      const failure: Failure = { part: 'analysis', error: (e as Error).message };
      this.health.update(uri, [...failures, failure]);
      // Stale findings would sit at the wrong places: the document says instead that it was not checked.
      this.snapshots.delete(uri);
      connection.sendDiagnostics({ uri, version, diagnostics: [this.health.failedDiagnostic(failure)] });
      this.wake(uri);
      return;
    }
    // Changes that arrived while it ran (on this thread, the first analysis may) are let in
    // first. Abandoned, or finished after a newer version came: that version's analysis publishes.
    await pendingMessagesIn();
    if (!snapshot) {
      // Said only when the client asked for a trace ($/setTrace): how often typing outruns checking.
      connection.tracer.log(`analysis of ${uri} version ${version} abandoned: a newer version is waiting`);
      return;
    }
    if (documents.get(uri)?.version !== version) return;
    this.health.update(uri, [...failures, ...snapshot.failures]);
    this.snapshots.set(uri, snapshot);
    this.publish(snapshot, settings);
    this.wake(uri);
    this.checker.afterFirstDiagnostics(snapshot.pendingWordRules.length > 0, this.ctx.workspaceFolders);
    this.recheck(snapshot.affected);
  }

  /** Open documents of these files hold a paragraph whose other places changed: their reuse findings are checked again. */
  private recheck(files: string[]): void {
    if (!files.length) return;
    const wanted = new Set(files);
    for (const doc of this.ctx.documents.all()) {
      const file = uriToPath(doc.uri);
      if (file && wanted.has(file)) this.schedule(doc, this.lastDebounce);
    }
  }

  /**
   * What the analysis caches keep: twice the characters of the open documents (their
   * paragraphs, and a few old versions of the one being edited), at least 60,000.
   */
  private cacheBudget(): number {
    let chars = 0;
    for (const doc of this.ctx.documents.all()) chars += doc.getText().length;
    return Math.max(60_000, 2 * chars);
  }

  addPublishFilter(filter: PublishFilter): void {
    this.publishFilters.push(filter);
  }

  /** Called after each document's diagnostics went out (the CodeLens follows them). */
  onPublished(listener: (snapshot: Snapshot) => void): void {
    this.publishedListeners.push(listener);
  }

  /** Sends the current snapshot's diagnostics again, through the filters (focus mode let a line go). */
  async republish(uri: string): Promise<void> {
    const f = this.fresh(uri);
    if (!f) return;
    const settings = await this.settings.for(uri);
    if (this.fresh(uri)?.snapshot === f.snapshot) this.publish(f.snapshot, settings);
  }

  private publish(snapshot: Snapshot, settings: SettingsInForce): void {
    const diagnostics = this.publishFilters.reduce((d, filter) => filter(snapshot, d, settings), snapshot.lsp);
    this.ctx.connection.sendDiagnostics({ uri: snapshot.uri, version: snapshot.version, diagnostics });
    for (const l of this.publishedListeners) l(snapshot);
  }

  /** The document and its snapshot, if the snapshot is of the document's current version. */
  fresh(uri: string): { doc: TextDocument; snapshot: Snapshot } | undefined {
    const doc = this.ctx.documents.get(uri);
    const snapshot = this.snapshots.get(uri);
    if (!doc || !snapshot || snapshot.version !== doc.version) return undefined;
    return { doc, snapshot };
  }

  /**
   * The structure for features that need no diagnostics: the snapshot's if current; else, for
   * a document of ordinary length, a parse on the spot; for a long one, its last snapshot (a
   * newer one is being made), or the first one once it is made.
   */
  async structureOf(uri: string): Promise<{ doc: TextDocument; structure: Structure } | undefined> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return undefined;
    const f = this.fresh(uri);
    if (f) return { doc, structure: f.snapshot };
    const text = doc.getText();
    // Over the size cap a document is not parsed for symbols, folding or the outline either.
    if (Buffer.byteLength(text, 'utf8') > (this.sizeCaps.get(uri) ?? DEFAULT_MAX_FILE_SIZE)) return undefined;
    if (text.length > PARSE_ON_REQUEST_CHARS) {
      if (!this.snapshots.has(uri)) await new Promise<void>((resolve) => this.waiting.set(uri, [...(this.waiting.get(uri) ?? []), resolve]));
      const last = this.snapshots.get(uri);
      const now = this.ctx.documents.get(uri);
      return last && now ? { doc: now, structure: last } : undefined;
    }
    const model = parseDocument(text);
    const options = this.snapshots.get(uri)?.options ?? resolveOptions([], new Set(), this.ctx.locale).options;
    return {
      doc,
      structure: { version: doc.version, text, options, outline: outlineOf(model, this.ctx.locale), checklist: checklistOf(model), lines: model.lines, lineIndex: model.lineIndex },
    };
  }

  private wake(uri: string): void {
    const waiting = this.waiting.get(uri);
    this.waiting.delete(uri);
    waiting?.forEach((w) => w());
  }

  private closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.snapshots.delete(uri);
    this.wake(uri);
    this.checker.release(uri);
    this.settings.forget(uri);
    this.health.forget(uri);
    this.sizeCaps.delete(uri);
    this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    // Unsaved edits are gone: the file on disk stands for it again.
    const file = uriToPath(uri);
    if (file) this.checker.fileChanged(file).then((affected) => this.recheck(affected), () => undefined);
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
