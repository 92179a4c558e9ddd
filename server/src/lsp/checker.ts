// Where the rules run: the word segmenter (loaded after the first diagnostics are out), the
// workspace's other speech files as a paragraph corpus (indexed after them), and the
// analysis of a document's text into a snapshot. Knows nothing of the connection: it is
// given requests and answers with plain data, and says what happened through `events`.

import { analyze, AnalysisOptions, Diagnostic, Locale, WordSegmenter } from '../analysis';
import { outlineOf, checklistOf } from '../analysis/outline';
import { loadSegmenter } from '../segmentation';
import { toLsp } from './diagnostics';
import { Snapshot } from './snapshot';
import { WorkspaceCorpus } from './workspaceCorpus';
import { installTestFault } from './faults';

export interface AnalysisRequest {
  uri: string;
  version: number;
  text: string;
  options: AnalysisOptions;
  /** The document's file, when it has one: its paragraphs stand for it in the workspace corpus. */
  file?: string;
}

export interface CheckerEvents {
  log(message: string): void;
  /** Word segmentation is ready: documents checked without it are worth checking again. */
  segmenterReady(): void;
  /** The workspace's speech files are indexed (`files` of them). */
  corpusReady(files: number): void;
}

export class Checker {
  private segmenter: WordSegmenter | undefined;
  private segmenterLoading = false;
  private userDictionaries: string[] = [];
  /** The workspace's other speech files, for reused-paragraph (indexed after the first diagnostics). */
  private readonly workspace: WorkspaceCorpus;

  constructor(private readonly ctx: { readonly locale: Locale }, private readonly events: CheckerEvents) {
    this.workspace = new WorkspaceCorpus((m) => events.log(m));
    installTestFault();
  }

  get segmenterName(): string | undefined {
    return this.segmenter?.name;
  }

  /** Analyses one version of an open document; its paragraphs then stand for its file in the corpus. */
  async analyze(req: AnalysisRequest): Promise<Snapshot> {
    const self = req.file ?? req.uri;
    const otherDocuments = this.workspace.ready ? { corpus: this.workspace.corpus, self } : undefined;
    const result = analyze(req.text, { options: req.options, words: this.segmenter, otherDocuments });
    if (req.file && this.workspace.ready) this.workspace.update(req.file, result.model);
    const { model } = result;
    return {
      uri: req.uri,
      version: req.version,
      text: req.text,
      options: req.options,
      diagnostics: result.diagnostics,
      lsp: result.diagnostics.map((d) => toLsp(d, model.lineIndex, req.uri, this.ctx.locale)),
      outline: outlineOf(model, this.ctx.locale),
      checklist: checklistOf(model),
      lines: model.lines,
      lineIndex: model.lineIndex,
      pendingWordRules: result.pendingWordRules,
      ruleErrors: result.ruleErrors,
    };
  }

  /** Findings of only these rules, run even when the settings switch them off (a command asked for them). */
  async findingsOf(text: string, options: AnalysisOptions, rules: string[]): Promise<Diagnostic[]> {
    const forced = { ...options, rules: { ...options.rules } };
    for (const r of rules) forced.rules[r] = 'warning';
    return analyze(text, { options: forced, words: this.segmenter, only: new Set(rules) }).diagnostics;
  }

  /** Checks a file that is not open (the workspace check): LSP diagnostics, the corpus left as it is. */
  async checkFile(uri: string, file: string, text: string, options: AnalysisOptions) {
    const otherDocuments = this.workspace.ready ? { corpus: this.workspace.corpus, self: file } : undefined;
    const result = analyze(text, { options, words: this.segmenter, otherDocuments });
    return result.diagnostics.map((d) => toLsp(d, result.model.lineIndex, uri, this.ctx.locale));
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

  /** A file changed on disk, or an open document closed (its unsaved edits are gone): read it again. */
  async fileChanged(file: string): Promise<void> {
    if (this.workspace.ready) await this.workspace.read(file);
  }

  private ensureSegmenter(): void {
    if (this.segmenter || this.segmenterLoading) return;
    this.segmenterLoading = true;
    setTimeout(() => {
      const t0 = Date.now();
      this.segmenter = loadSegmenter({ userDictionaries: this.userDictionaries, log: (m) => this.events.log(m) });
      this.segmenterLoading = false;
      this.events.log(`word segmentation ready (${this.segmenter.name}, ${Date.now() - t0} ms)`);
      this.events.segmenterReady();
    }, 20);
  }

  private ensureWorkspaceCorpus(folders: string[]): void {
    if (this.workspace.ready || folders.length === 0) return;
    setTimeout(() => {
      this.workspace.scan(folders).then(() => this.events.corpusReady(this.workspace.corpus.size))
        .catch((e) => this.events.log(`indexing the workspace failed: ${(e as Error).message}`));
    }, 50);
  }
}
