// The main thread's side of the analysis worker (analysisWorker.ts, which runs the Engine):
// requests go to the worker and come back as promises, so the message loop never waits for
// the rules. Each open document has a slot in shared memory holding its newest version; the
// worker reads it between rules and abandons an analysis made stale. A worker that stops
// (a crash, or an analysis past its deadline) is replaced on the next request, and the
// requests it held fail with a reason: nothing stays broken.

import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { AnalysisOptions, Diagnostic, Locale } from '../analysis';
import { AnalysisData, AnalysisRequest, Engine } from './engine';
import { injectedDeadline } from './faults';
import { Snapshot, snapshotOf } from './snapshot';

export type { AnalysisRequest } from './engine';

export interface WorkerData {
  locale: Locale;
  /** Int32 slots: the newest version of each open document, written by the main thread. */
  latest: SharedArrayBuffer;
}

type Request =
  | { kind: 'analyze'; slot: number; request: AnalysisRequest }
  | { kind: 'findings'; text: string; options: AnalysisOptions; rules: string[] }
  | { kind: 'checkFile'; uri: string; file: string; text: string; options: AnalysisOptions }
  | { kind: 'afterFirstDiagnostics'; needsWords: boolean; folders: string[] }
  | { kind: 'useDictionaries'; dictionaries: string[] }
  | { kind: 'fileChanged'; file: string }
  | { kind: 'busy' };
export type WorkerRequest = Request & { id: number };

export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'started'; id: number }
  | { kind: 'reply'; id: number; result?: unknown; error?: string }
  | { kind: 'log'; message: string }
  | { kind: 'segmenterReady'; name: string }
  | { kind: 'corpusReady'; files: number };

export interface CheckerEvents {
  log(message: string): void;
  /** Word segmentation is ready: documents checked without it are worth checking again. */
  segmenterReady(): void;
  /** The workspace's speech files are indexed (`files` of them). */
  corpusReady(files: number): void;
}

/** A request lost because the worker was replaced for another one's sake: worth simply asking again. */
export class CollateralFailure extends Error {}

const SLOTS = 4096;
/**
 * While the worker is still starting, a document up to this long is analysed on the main
 * thread instead (without words or the workspace, which come later anyway): the first
 * diagnostics of a fresh server do not wait for the worker's start.
 */
const FIRST_ON_MAIN_CHARS = 100_000;
/** An analysis is stopped (and its worker replaced) past this deadline: 30 s, and 30 s more per MB. */
const deadlineMs = (text: string) => injectedDeadline() ?? 30_000 + (30_000 * text.length) / 1_000_000;

export class Checker {
  private worker: Worker | undefined;
  /** Used instead of a worker when the worker bundle is not there (the server run from elsewhere). */
  private inProcess: Engine | undefined;
  /** The worker has loaded its code and takes requests. */
  private workerReady = false;
  /** Runs first analyses on the main thread while the worker starts. */
  private starter: Engine | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; deadline?: number; timer?: NodeJS.Timeout }>();
  private readonly latest = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  private readonly slots = new Map<string, number>();
  private readonly freeSlots = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  private dictionaries: string[] = [];
  private segmenter: string | undefined;
  /** Why the last worker stopped, for the requests it took down. */
  private stopReason: string | undefined;
  /** The request whose deadline passed: the others the worker held were collateral. */
  private timedOut: number | undefined;

  constructor(private readonly ctx: { readonly locale: Locale }, private readonly events: CheckerEvents) {}

  get segmenterName(): string | undefined {
    return this.segmenter;
  }

  /** The document now has this version: an analysis of any other is stale. */
  noteVersion(uri: string, version: number): void {
    let slot = this.slots.get(uri);
    if (slot === undefined) {
      slot = this.freeSlots.pop();
      if (slot === undefined) return; // more than SLOTS documents open: theirs finish, stale or not
      this.slots.set(uri, slot);
    }
    Atomics.store(this.latest, slot, version);
  }

  /** The document closed: an analysis of it still running is stale. */
  release(uri: string): void {
    const slot = this.slots.get(uri);
    if (slot === undefined) return;
    Atomics.store(this.latest, slot, -1);
    this.slots.delete(uri);
    this.freeSlots.push(slot);
  }

  /** Analyses one version of an open document; undefined when it was abandoned for a newer one. */
  async analyze(request: AnalysisRequest): Promise<Snapshot | undefined> {
    this.noteVersion(request.uri, request.version);
    const slot = this.slots.get(request.uri) ?? -1;
    if (!this.inProcess && !this.workerReady && request.text.length <= FIRST_ON_MAIN_CHARS) {
      this.starter ??= new Engine(this.ctx.locale, { log: (m) => this.events.log(m), segmenterReady: () => undefined, corpusReady: () => undefined });
      const data = this.starter.analyze(request, () => slot >= 0 && Atomics.load(this.latest, slot) !== request.version);
      return data && snapshotOf(data, request.text, request.options);
    }
    const data = (await this.request({ kind: 'analyze', slot, request }, deadlineMs(request.text))) as AnalysisData | undefined;
    return data && snapshotOf(data, request.text, request.options);
  }

  /** Findings of only these rules, run even when the settings switch them off (a command asked for them). */
  async findingsOf(text: string, options: AnalysisOptions, rules: string[]): Promise<Diagnostic[]> {
    return (await this.request({ kind: 'findings', text, options, rules }, deadlineMs(text))) as Diagnostic[];
  }

  /** Checks a file that is not open (the workspace check): LSP diagnostics, the corpus left as it is. */
  async checkFile(uri: string, file: string, text: string, options: AnalysisOptions): Promise<LspDiagnostic[]> {
    return (await this.request({ kind: 'checkFile', uri, file, text, options }, deadlineMs(text))) as LspDiagnostic[];
  }

  /** After a document's first diagnostics are out: load word segmentation if rules waited for it, index the workspace. */
  afterFirstDiagnostics(needsWords: boolean, folders: string[]): void {
    this.request({ kind: 'afterFirstDiagnostics', needsWords, folders }).catch(() => undefined);
  }

  /** Dictionaries a document may use (the worker keeps the union). */
  useDictionaries(dicts: string[]): void {
    const added = dicts.filter((d) => !this.dictionaries.includes(d));
    if (!added.length) return;
    this.dictionaries.push(...added);
    this.request({ kind: 'useDictionaries', dictionaries: added }).catch(() => undefined);
  }

  /**
   * A file changed on disk, or an open document closed (its unsaved edits are gone): read it
   * again. Resolves with the other files whose reuse findings that changed.
   */
  async fileChanged(file: string): Promise<string[]> {
    return ((await this.request({ kind: 'fileChanged', file })) as string[] | undefined) ?? [];
  }

  /** Whether anything is still to come: requests in flight, or the dictionary or the workspace index loading. */
  async busy(): Promise<boolean> {
    if (this.pending.size > 0) return true;
    if (!this.worker && !this.inProcess) return false;
    return (await this.request({ kind: 'busy' })) as boolean;
  }

  /** Starts the worker now (at initialisation), so the first document's analysis does not wait for it. */
  start(): void {
    if (!this.inProcess) this.ensureWorker();
  }

  /** Stops the worker (the server is shutting down). */
  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private request(req: Request, deadline?: number): Promise<unknown> {
    if (this.inProcess || !this.ensureWorker()) return this.runInProcess(req);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, deadline });
      this.worker!.postMessage({ ...req, id } satisfies WorkerRequest);
    });
  }

  /** The worker started a request: its deadline runs from now (not from when it was queued). */
  private started(id: number): void {
    const p = this.pending.get(id);
    const worker = this.worker;
    if (!p || p.deadline === undefined || !worker) return;
    const deadline = p.deadline;
    p.timer = setTimeout(() => {
      this.timedOut = id;
      this.stopReason = `an analysis took longer than ${Math.round(deadline / 1000)} s and was stopped`;
      this.events.log(this.stopReason);
      void worker.terminate();
    }, deadline);
  }

  private ensureWorker(): boolean {
    if (this.worker) return true;
    const file = path.join(__dirname, 'analysisWorker.js');
    if (!fs.existsSync(file)) {
      this.events.log(`no analysis worker at ${file}: the rules run on the server's own thread`);
      this.inProcess = new Engine(this.ctx.locale, { ...this.events, segmenterReady: (name) => this.segmenterLoaded(name) });
      if (this.dictionaries.length) this.inProcess.useDictionaries(this.dictionaries);
      return false;
    }
    const data: WorkerData = { locale: this.ctx.locale, latest: this.latest.buffer as SharedArrayBuffer };
    // A small young generation, as the client gives the server itself (less resident memory).
    const worker = new Worker(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    this.worker = worker;
    this.workerReady = false;
    this.stopReason = undefined;
    this.timedOut = undefined;
    worker.on('message', (m: WorkerMessage) => this.received(m));
    worker.on('error', (e) => {
      this.stopReason = `the analysis worker failed: ${e.message}`;
      this.events.log(this.stopReason);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.workerReady = false;
      this.segmenter = undefined;
      const reason = this.stopReason ?? `the analysis worker stopped (exit code ${code})`;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        clearTimeout(p.timer);
        p.reject(this.timedOut === undefined || this.timedOut === id ? new Error(reason) : new CollateralFailure(reason));
      }
      this.timedOut = undefined;
    });
    // The union of dictionaries configured so far, for the new worker's segmenter.
    if (this.dictionaries.length) worker.postMessage({ kind: 'useDictionaries', dictionaries: this.dictionaries, id: this.nextId++ } satisfies WorkerRequest);
    return true;
  }

  private received(m: WorkerMessage): void {
    switch (m.kind) {
      case 'ready':
        this.workerReady = true;
        return;
      case 'started':
        return this.started(m.id);
      case 'reply': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        clearTimeout(p?.timer);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
        return;
      }
      case 'log':
        return this.events.log(m.message);
      case 'segmenterReady':
        return this.segmenterLoaded(m.name);
      case 'corpusReady':
        return this.events.corpusReady(m.files);
    }
  }

  private segmenterLoaded(name: string): void {
    this.segmenter = name;
    this.events.segmenterReady();
  }

  private async runInProcess(req: Request): Promise<unknown> {
    const engine = this.inProcess!;
    switch (req.kind) {
      case 'analyze':
        return engine.analyze(req.request, () => req.slot >= 0 && Atomics.load(this.latest, req.slot) !== req.request.version);
      case 'findings':
        return engine.findingsOf(req.text, req.options, req.rules);
      case 'checkFile':
        return engine.checkFile(req.uri, req.file, req.text, req.options);
      case 'afterFirstDiagnostics':
        return engine.afterFirstDiagnostics(req.needsWords, req.folders);
      case 'useDictionaries':
        return engine.useDictionaries(req.dictionaries);
      case 'fileChanged':
        return engine.fileChanged(req.file);
      case 'busy':
        return engine.busy;
    }
  }
}
