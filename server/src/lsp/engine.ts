// Where the rules run (inside the analysis worker, see analysisWorker.ts): the word
// segmenter, loaded after the first diagnostics are out; the workspace's other speech files
// as a paragraph corpus, indexed after them; the analysis of a document's text into plain
// data for a snapshot. A part that throws is named in the result's `failures`, and every
// result that did not depend on it is still returned; nothing stays broken for the next call.

import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { analyze, AnalysisCancelled, AnalysisOptions, Diagnostic, Locale, RULE_BY_ID, WordSegmenter } from '../analysis';
import { setTextCacheBudget } from '../analysis/lru';
import { outlineOf, checklistOf, OutlineNode, SpeechChecklist } from '../analysis/outline';
import { loadSegmenter } from '../segmentation';
import { toLsp } from './diagnostics';
import { injectedFault, installTestFault } from './faults';
import { WorkspaceCorpus } from './workspaceCorpus';

export interface AnalysisRequest {
  uri: string;
  version: number;
  text: string;
  options: AnalysisOptions;
  /** The document's file, when it has one: its paragraphs stand for it in the workspace corpus. */
  file?: string;
  /** Characters the per-paragraph caches keep (see lru.ts): sized to the open documents. */
  cacheBudget?: number;
}

/** A part of the checking that failed on one analysis. */
export interface Failure {
  part: 'rule' | 'segmenter' | 'corpus' | 'analysis' | 'settings';
  /** The rule, for part 'rule'. */
  rule?: string;
  /** What went wrong (for the log). */
  error: string;
}

/** What an analysis sends back: everything a snapshot needs except the text (the caller has it). */
export interface AnalysisData {
  uri: string;
  version: number;
  diagnostics: Diagnostic[];
  lsp: LspDiagnostic[];
  outline: OutlineNode[];
  checklist: SpeechChecklist[];
  /** Word rules not run yet (the dictionary was still loading). */
  pendingWordRules: string[];
  failures: Failure[];
  /** Other documents (files) holding a paragraph this one gained or lost: their reuse findings changed. */
  affected: string[];
}

export interface EngineEvents {
  log(message: string): void;
  /** Word segmentation is ready: documents checked without it are worth checking again. */
  segmenterReady(name: string): void;
  /** The workspace's speech files are indexed (`files` of them). */
  corpusReady(files: number): void;
}

/** The segmenter, watched: a throw inside it is remembered, so the failure is put on it and not on the rules that asked. */
class WatchedSegmenter implements WordSegmenter {
  failure: string | undefined;
  /** The dictionary's word classes, when the segmenter has them (doubled-word and overused-phrase judge by them). */
  readonly tag?: (word: string) => string | undefined;
  constructor(private readonly inner: WordSegmenter) {
    // Passed through, or the rules in the editor would judge without them and disagree with the CLI.
    if (inner.tag) this.tag = (word) => inner.tag!(word);
  }
  get name(): string {
    return this.inner.name;
  }
  cut(text: string): string[] {
    try {
      injectedFault('segmenter', text);
      return this.inner.cut(text);
    } catch (e) {
      this.failure ??= (e as Error).message ?? String(e);
      throw e;
    }
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export class Engine {
  private segmenter: WatchedSegmenter | undefined;
  private segmenterLoading = false;
  /** Why the last load of the segmenter failed; it is tried again after the next analysis. */
  private segmenterFailure: string | undefined;
  private userDictionaries: string[] = [];
  /** The workspace's other speech files, for reused-paragraph (indexed after the first diagnostics). */
  private workspace: WorkspaceCorpus;
  private corpusFailure: string | undefined;
  /** Background work scheduled or running (loading the segmenter, indexing the workspace). */
  private background = 0;
  private scanning = false;

  constructor(private readonly locale: Locale, private readonly events: EngineEvents) {
    this.workspace = new WorkspaceCorpus((m) => events.log(m));
    installTestFault();
  }

  get segmenterName(): string | undefined {
    return this.segmenter?.name;
  }

  /** Whether the dictionary is loading or the workspace being indexed. */
  get busy(): boolean {
    return this.background > 0;
  }

  /**
   * Analyses one version of an open document; its paragraphs then stand for its file in the
   * corpus. Returns undefined when `isStale` says a newer version is waiting.
   */
  analyze(req: AnalysisRequest, isStale: () => boolean = () => false): AnalysisData | undefined {
    injectedFault('analysis', req.text);
    if (req.cacheBudget) setTextCacheBudget(req.cacheBudget);
    const failures: Failure[] = [];
    const self = req.file ?? req.uri;
    const otherDocuments = this.workspace.ready ? { corpus: this.workspace.corpus, self } : undefined;
    const words = this.segmenter;
    if (words) words.failure = undefined;
    let result;
    try {
      result = analyze(req.text, { options: req.options, words, otherDocuments, isStale });
    } catch (e) {
      if (e instanceof AnalysisCancelled) return undefined;
      throw e;
    }
    if (words?.failure) failures.push({ part: 'segmenter', error: words.failure });
    else if (this.segmenterFailure) failures.push({ part: 'segmenter', error: this.segmenterFailure });
    for (const e of result.ruleErrors) {
      // A word rule that failed because segmentation did is the segmenter's failure, said once.
      if (words?.failure && RULE_BY_ID.get(e.rule)?.needsWords) continue;
      failures.push({ part: 'rule', rule: e.rule, error: e.error });
    }
    let affected: string[] = [];
    if (req.file && this.workspace.ready) {
      const file = req.file;
      try {
        injectedFault('corpus', req.text);
        const before = new Set(this.workspace.corpus.keys(file));
        this.workspace.update(file, result.model);
        affected = this.othersAffected(file, before);
      } catch (e) {
        failures.push({ part: 'corpus', error: messageOf(e) });
        this.forgetQuietly(file);
      }
    }
    if (this.corpusFailure) failures.push({ part: 'corpus', error: this.corpusFailure });
    const { model } = result;
    return {
      uri: req.uri,
      version: req.version,
      diagnostics: result.diagnostics,
      lsp: result.diagnostics.map((d) => toLsp(d, model.lineIndex, req.uri, this.locale)),
      outline: outlineOf(model, this.locale),
      checklist: checklistOf(model),
      pendingWordRules: result.pendingWordRules,
      failures,
      affected,
    };
  }

  /**
   * The other files that hold a paragraph `file` gained or lost since its keys were `before`:
   * what they report as reused has changed.
   */
  private othersAffected(file: string, before: ReadonlySet<string>): string[] {
    const corpus = this.workspace.corpus;
    const after = corpus.keys(file);
    const changed = [...before].filter((k) => !after.has(k)).concat([...after].filter((k) => !before.has(k)));
    const out = new Set<string>();
    for (const key of changed) for (const p of corpus.places(key)) if (p.document !== file) out.add(p.document);
    return [...out];
  }

  /** Findings of only these rules, run even when the settings switch them off (a command asked for them). */
  findingsOf(text: string, options: AnalysisOptions, rules: string[]): Diagnostic[] {
    const forced = { ...options, rules: { ...options.rules } };
    for (const r of rules) forced.rules[r] = 'warning';
    return analyze(text, { options: forced, words: this.segmenter, only: new Set(rules) }).diagnostics;
  }

  /** Checks a file that is not open (the workspace check): LSP diagnostics, the corpus left as it is. */
  checkFile(uri: string, file: string, text: string, options: AnalysisOptions): LspDiagnostic[] {
    const otherDocuments = this.workspace.ready ? { corpus: this.workspace.corpus, self: file } : undefined;
    const result = analyze(text, { options, words: this.segmenter, otherDocuments });
    return result.diagnostics.map((d) => toLsp(d, result.model.lineIndex, uri, this.locale));
  }

  /**
   * After a document's first diagnostics are out: load word segmentation if rules waited for
   * it, and index the workspace's speech files.
   */
  afterFirstDiagnostics(needsWords: boolean, folders: string[]): void {
    if (needsWords) this.ensureSegmenter();
    this.ensureWorkspaceCorpus(folders);
  }

  /**
   * nodejieba holds one dictionary set per process: the union of every dictionary configured so
   * far (a union, so two folders with different settings never make it reload back and forth).
   */
  useDictionaries(dicts: string[]): void {
    const added = dicts.filter((d) => !this.userDictionaries.includes(d));
    if (!added.length) return;
    this.userDictionaries = [...this.userDictionaries, ...added];
    if (this.segmenter) {
      this.events.log(`reloading word segmentation for dictionaries: ${added.join(', ')}`);
      this.segmenter = undefined;
      this.ensureSegmenter();
    }
  }

  /**
   * A file changed on disk, or an open document closed (its unsaved edits are gone): read it
   * again. Returns the other files whose reuse findings that changed.
   */
  async fileChanged(file: string): Promise<string[]> {
    if (!this.workspace.ready) return [];
    try {
      const before = new Set(this.workspace.corpus.keys(file));
      await this.workspace.read(file);
      return this.othersAffected(file, before);
    } catch (e) {
      this.events.log(`reading ${file} into the workspace index failed: ${messageOf(e)}`);
      this.forgetQuietly(file);
      return [];
    }
  }

  private forgetQuietly(file: string): void {
    try {
      this.workspace.forget(file);
    } catch (e) {
      // The index itself is broken: start it afresh (the next analysis indexes the workspace again).
      this.events.log(`the workspace index failed (${messageOf(e)}); it is rebuilt`);
      this.workspace = new WorkspaceCorpus((m) => this.events.log(m));
    }
  }

  private ensureSegmenter(): void {
    if (this.segmenter || this.segmenterLoading) return;
    this.segmenterLoading = true;
    this.background++;
    setTimeout(() => {
      const t0 = Date.now();
      try {
        this.segmenter = new WatchedSegmenter(loadSegmenter({ userDictionaries: this.userDictionaries, log: (m) => this.events.log(m) }));
        this.segmenterFailure = undefined;
        this.events.log(`word segmentation ready (${this.segmenter.name}, ${Date.now() - t0} ms)`);
        this.events.segmenterReady(this.segmenter.name);
      } catch (e) {
        this.segmenterFailure = `loading word segmentation failed: ${messageOf(e)}`;
        this.events.log(this.segmenterFailure);
      } finally {
        this.segmenterLoading = false;
        this.background--;
      }
    }, 20);
  }

  private ensureWorkspaceCorpus(folders: string[]): void {
    if (this.workspace.ready || this.scanning || folders.length === 0) return;
    const workspace = this.workspace;
    this.scanning = true;
    this.background++;
    setTimeout(() => {
      workspace.scan(folders).finally(() => {
        this.scanning = false;
        this.background--;
      }).then(() => {
        this.corpusFailure = undefined;
        this.events.corpusReady(workspace.corpus.size);
      }).catch((e) => {
        this.corpusFailure = `indexing the workspace failed: ${messageOf(e)}`;
        this.events.log(this.corpusFailure);
        // Not stuck half-scanned: the next analysis starts a fresh index.
        if (this.workspace === workspace) this.workspace = new WorkspaceCorpus((m) => this.events.log(m));
      });
    }, 50);
  }
}
