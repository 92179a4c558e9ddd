// The Jianggao language server. Plain LSP over stdio or IPC: diagnostics (debounced, newest
// version wins), document symbols, folding ranges, code actions and server-side commands, so
// any LSP editor can use it: `node dist/server.js --stdio`.

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity,
  CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, DocumentSymbol, SymbolKind, FoldingRange,
  TextEdit, WorkspaceEdit, InitializeParams, InitializeResult, Range, DidChangeConfigurationNotification,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze, parseDocument, AnalysisResult, Diagnostic, Locale, RULES, RULE_BY_ID, normaliseEdits, fixEdits, Edit,
  WordSegmenter, spokenLength, suppressionComment,
} from './analysis';
import { resolveOptions, UserConfig, ConfigProblem } from './analysis/options';
import { outlineOf, checklistOf, OutlineNode, minutesOf, renderOutline } from './analysis/outline';
import { LineIndex } from './analysis/text';
import { CONFIG_FILE, readConfigFile } from './config';
import { loadSegmenter } from './segmentation';
import { WorkspaceCorpus } from './corpus';
import { SERVER_COMMANDS, REQUESTS, OutlineResponse, StatsRequest, StatsResponse, ClientInitOptions, OutlineItem, LspRange } from './protocol';
import { readDraft, SPEECH_FILE } from './files';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let locale: Locale = 'zh';
let trusted = true;
let hasConfigurationCapability = false;
let workspaceFolders: string[] = [];
let segmenter: WordSegmenter | undefined;
let segmenterLoading = false;
let userDictionaries: string[] = [];
/** The workspace's other speech files, for reused-paragraph (indexed after the first diagnostics). */
const workspaceCorpus = new WorkspaceCorpus((m) => log(m));

const DEBOUNCE_MS = 250;
const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

interface DocumentSettings {
  maxFileSize: number;
  debounceMs: number;
}

interface CachedAnalysis {
  version: number;
  result: AnalysisResult;
  options: ReturnType<typeof resolveOptions>['options'];
  lineIndex: LineIndex;
  sources: Array<{ name: string; config: UserConfig; problems: ConfigProblem[] }>;
}

const analyses = new Map<string, CachedAnalysis>();
const timers = new Map<string, NodeJS.Timeout>();
/** The size cap in force for each open document (jianggao.maxFileSize), read when it was last validated. */
const sizeCaps = new Map<string, number>();
/** Rules that threw on a document: switched off for it (one log line), the rest still run. */
const brokenRules = new Map<string, Set<string>>();

const log = (message: string) => connection.console.log(`[jianggao] ${message}`);
/** For what validation finds again on every edit (a refused dictionary): said once. */
const logged = new Set<string>();
const logOnce = (message: string) => {
  if (logged.has(message)) return;
  logged.add(message);
  log(message);
};

// A test hook, inert unless JIANGGAO_TEST_FAULT is set (test/lsp/robustness.test.ts sets it):
// `throw:<rule>` makes a rule throw, `slow:<rule>:<ms>` makes it busy for that long, to show a
// failing rule is switched off alone and that results older than the document are dropped.
const fault = /^(throw|slow):([a-z-]+)(?::(\d+))?$/.exec(process.env.JIANGGAO_TEST_FAULT ?? '');
const faulty = fault && RULE_BY_ID.get(fault[2]);
if (fault && faulty) {
  const check = faulty.check;
  faulty.check = (ctx) => {
    if (fault[1] === 'throw') throw new Error(`injected failure (JIANGGAO_TEST_FAULT=${fault[0]})`);
    for (const until = Date.now() + Number(fault[3] ?? 0); Date.now() < until;);
    return check(ctx);
  };
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const init = (params.initializationOptions ?? {}) as ClientInitOptions;
  const lang = init.locale ?? params.locale ?? 'zh';
  locale = /^en/i.test(lang) ? 'en' : 'zh';
  trusted = init.trusted !== false;
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (workspaceFolders.length === 0 && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) workspaceFolders.push(root);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: locale === 'en' ? 'Speech' : '讲稿' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, 'source.fixAll.jianggao'] },
      executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
    },
    serverInfo: { name: 'jianggao', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'jianggao' }).catch(() => undefined);
  }
  log(`started (locale ${locale}, ${trusted ? 'trusted' : 'untrusted'} workspace, ${workspaceFolders.length} folder(s))`);
});

/** Word segmentation loads after the first diagnostics are out; then word rules report. */
function ensureSegmenter(): void {
  if (segmenter || segmenterLoading) return;
  segmenterLoading = true;
  setTimeout(() => {
    const t0 = Date.now();
    segmenter = loadSegmenter({ userDictionaries, log });
    segmenterLoading = false;
    log(`word segmentation ready (${segmenter.name}, ${Date.now() - t0} ms)`);
    for (const doc of documents.all()) schedule(doc, 0);
  }, 20);
}

/**
 * nodejieba holds one dictionary set per process: the union of every dictionary configured so
 * far (a union, so two folders with different settings never make it reload back and forth).
 */
function useDictionaries(dicts: string[]): void {
  const added = dicts.filter((d) => !userDictionaries.includes(d));
  if (!added.length) return;
  userDictionaries = [...userDictionaries, ...added];
  if (segmenter) {
    log(`reloading word segmentation for dictionaries: ${added.join(', ')}`);
    segmenter = undefined;
    ensureSegmenter();
  }
}

/** Other speech files of the workspace, read in the background once the first diagnostics are out. */
function ensureWorkspaceCorpus(): void {
  if (workspaceCorpus.ready || workspaceFolders.length === 0) return;
  setTimeout(() => {
    workspaceCorpus.scan(workspaceFolders).then(() => {
      if (workspaceCorpus.corpus.size > 0) for (const doc of documents.all()) schedule(doc, 0);
    }).catch((e) => log(`indexing the workspace failed: ${(e as Error).message}`));
  }, 50);
}

// ---------------------------------------------------------------------------------------
// Settings: defaults < editor settings < the workspace's .jianggao.json

async function editorSettings(uri: string): Promise<Record<string, unknown>> {
  if (!hasConfigurationCapability) return {};
  try {
    return ((await connection.workspace.getConfiguration({ scopeUri: uri, section: 'jianggao' })) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Whether `file` lies in `dir` (or is it), by path: the separator counts (ws2 is not in ws). */
function contains(dir: string, file: string): boolean {
  const d = path.resolve(dir);
  const f = path.resolve(file);
  return f === d || f.startsWith(d.endsWith(path.sep) ? d : d + path.sep);
}

/** The path with every symlink resolved (as the file system will open it); as given when it does not exist. */
function realPath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Whether a file the server would read lies in a workspace folder, symlinks resolved on both
 * sides: ws/link.dict → ~/secret is outside, however its path reads (and so is ws/../x).
 */
function insideWorkspace(file: string): boolean {
  const real = realPath(file);
  return workspaceFolders.some((w) => contains(realPath(w), real));
}

function findWorkspaceConfig(docPath: string | undefined): string | undefined {
  if (!docPath) return undefined;
  const root = workspaceFolders.find((w) => contains(w, docPath));
  // Outside the workspace folders an untrusted window reads no configuration at all.
  if (root === undefined && !trusted) return undefined;
  let dir = path.dirname(path.resolve(docPath));
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) {
      // Untrusted: a .jianggao.json that is a symlink to a file outside the workspace is not read.
      if (trusted || insideWorkspace(candidate)) return candidate;
      logOnce(`ignoring ${candidate}: it leads outside the untrusted workspace (${realPath(candidate)})`);
      return undefined;
    }
    // Inside the workspace the search stops at its folder: nothing above it is read.
    if (root !== undefined && path.resolve(dir) === path.resolve(root)) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

type SettingsInForce = { settings: DocumentSettings; sources: CachedAnalysis['sources']; resolved: ReturnType<typeof resolveOptions> };

/**
 * Settings per document, fetched once and kept until the editor settings or a watched file
 * change or the document closes: validation runs on every pause in typing, and must not ask
 * the client and read .jianggao.json from disk each time.
 */
const settingsCache = new Map<string, Promise<SettingsInForce>>();
function settingsFor(uri: string): Promise<SettingsInForce> {
  let cached = settingsCache.get(uri);
  if (!cached) {
    cached = readSettings(uri);
    settingsCache.set(uri, cached);
  }
  return cached;
}

async function readSettings(uri: string): Promise<SettingsInForce> {
  const editor = await editorSettings(uri);
  const editorLayer: UserConfig = {
    rules: editor.rules as Record<string, unknown> | undefined,
    speakingRate: editor.speakingRate,
    targetMinutes: editor.targetMinutes,
    allowWords: editor.allowWords,
    thresholds: editor.thresholds as Record<string, unknown> | undefined,
    dictionaries: editor.userDictionaries,
  };
  const sources: CachedAnalysis['sources'] = [{ name: locale === 'en' ? 'editor settings (jianggao.*)' : '编辑器设置 (jianggao.*)', config: editorLayer, problems: [] }];
  const configPath = findWorkspaceConfig(uriToPath(uri));
  if (configPath) {
    try {
      sources.push({ name: configPath, config: readConfigFile(configPath), problems: [] });
    } catch (e) {
      sources.push({ name: configPath, config: {}, problems: [{ key: '', message: (e as Error).message }] });
    }
  }
  for (const s of sources) s.problems.push(...resolveOptions([s.config], new Set(RULE_BY_ID.keys()), locale).problems);
  const resolved = resolveOptions(sources.map((s) => s.config), new Set(RULE_BY_ID.keys()), locale);
  const maxFileSize = typeof editor.maxFileSize === 'number' && editor.maxFileSize > 0 ? editor.maxFileSize : resolved.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const debounceMs = typeof editor.debounceMs === 'number' && editor.debounceMs >= 0 ? editor.debounceMs : DEBOUNCE_MS;
  return { settings: { maxFileSize, debounceMs }, sources, resolved };
}

/** Dictionaries named in configuration: relative to their config, inside the workspace when untrusted. */
function acceptDictionaries(paths: string[], base: string | undefined): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(base ?? workspaceFolders[0] ?? process.cwd(), p);
    if (!trusted && !insideWorkspace(abs)) {
      logOnce(`ignoring dictionary outside the untrusted workspace: ${abs}${realPath(abs) !== abs ? ` (→ ${realPath(abs)})` : ''}`);
      continue;
    }
    if (!fs.existsSync(abs)) {
      logOnce(`dictionary not found: ${abs}`);
      continue;
    }
    out.push(abs);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Validation: trailing-edge debounce per document; a result older than the document is dropped.

let lastDebounce = DEBOUNCE_MS;

function schedule(doc: TextDocument, delay: number): void {
  const old = timers.get(doc.uri);
  if (old) clearTimeout(old);
  timers.set(doc.uri, setTimeout(() => {
    timers.delete(doc.uri);
    validate(doc.uri).catch((e) => log(`validation failed for ${doc.uri}: ${(e as Error).stack ?? e}`));
  }, delay));
}

documents.onDidOpen((e) => schedule(e.document, 0));
documents.onDidChangeContent((e) => {
  // onDidChangeContent also fires on open: the first analysis goes out at once.
  schedule(e.document, analyses.has(e.document.uri) ? lastDebounce : 0);
});
documents.onDidClose((e) => {
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  analyses.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  brokenRules.delete(e.document.uri);
  sizeCaps.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // Unsaved edits are gone: the file on disk stands for it again.
  const file = uriToPath(e.document.uri);
  if (file && workspaceCorpus.ready) void workspaceCorpus.read(file);
});

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const { settings, sources, resolved } = await settingsFor(uri);
  reportConfigProblems(sources);
  lastDebounce = settings.debounceMs;
  // The document changed while the settings were fetched: a newer validation is on its way.
  const current = documents.get(uri);
  if (!current || current.version !== version) return;
  const text = current.getText();
  const dicts = acceptDictionaries(resolved.dictionaries, sources.length > 1 ? path.dirname(sources[1].name) : undefined);
  useDictionaries(dicts);
  const bytes = Buffer.byteLength(text, 'utf8');
  sizeCaps.set(uri, settings.maxFileSize);
  if (bytes > settings.maxFileSize) {
    analyses.delete(uri);
    connection.sendDiagnostics({ uri, version, diagnostics: [tooLargeDiagnostic(bytes, settings.maxFileSize)] });
    return;
  }
  const broken = brokenRules.get(uri);
  const options = { ...resolved.options, rules: { ...resolved.options.rules } };
  for (const r of broken ?? []) options.rules[r] = 'off';
  const self = uriToPath(uri) ?? uri;
  const otherDocuments = workspaceCorpus.ready ? { corpus: workspaceCorpus.corpus, self } : undefined;
  const result = analyze(text, { options, words: segmenter, otherDocuments });
  if (uriToPath(uri) && workspaceCorpus.ready) workspaceCorpus.update(self, result.model);
  for (const e of result.ruleErrors) {
    if (!brokenRules.has(uri)) brokenRules.set(uri, new Set());
    brokenRules.get(uri)!.add(e.rule);
    log(`rule ${e.rule} failed on ${uri} and is switched off for this document: ${e.error}`);
  }
  // The analysis ran synchronously: changes that arrived meanwhile are still queued. Let them
  // in, then publish only if this is still the newest version.
  await pendingMessagesIn();
  if (documents.get(uri)?.version !== version) return;
  const lineIndex = result.model.lineIndex;
  analyses.set(uri, { version, result, options, lineIndex, sources });
  connection.sendDiagnostics({ uri, version, diagnostics: result.diagnostics.map((d) => toLsp(d, lineIndex, uri)) });
  if (result.pendingWordRules.length) ensureSegmenter();
  ensureWorkspaceCorpus();
}

/** A configuration mistake is said once, visibly: a silently ignored setting is the worst kind. */
const reportedProblems = new Set<string>();
function reportConfigProblems(sources: CachedAnalysis['sources']): void {
  for (const s of sources) {
    for (const p of s.problems) {
      const text = `${s.name}: ${p.key ? p.key + ': ' : ''}${p.message}`;
      if (reportedProblems.has(text)) continue;
      reportedProblems.add(text);
      log(`configuration problem: ${text}`);
      connection.window.showWarningMessage(T(`讲稿配置有误，已忽略该项：${text}`, `Jianggao configuration problem, ignored: ${text}`));
    }
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

function tooLargeDiagnostic(bytes: number, cap: number): LspDiagnostic {
  const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
  return {
    range: Range.create(0, 0, 0, 1),
    severity: DiagnosticSeverity.Information,
    source: 'jianggao',
    code: 'file-too-large',
    message: locale === 'en'
      ? `This file is ${size(bytes)}, over the ${size(cap)} limit (jianggao.maxFileSize): it is not checked. Split the draft or raise the limit.`
      : `文件大小 ${size(bytes)}，超过 ${size(cap)} 的上限（jianggao.maxFileSize），未做检查：请拆分文稿或调高上限。`,
  };
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function rangeOf(lineIndex: LineIndex, start: number, end: number): Range {
  return { start: lineIndex.positionAt(start), end: lineIndex.positionAt(end) };
}

export function ruleDocUri(rule: string): string {
  return pathToFileURL(path.resolve(__dirname, '..', 'server', 'docs', 'rules', `${rule}.md`)).toString();
}

function toLsp(d: Diagnostic, lineIndex: LineIndex, uri: string): LspDiagnostic {
  return {
    range: rangeOf(lineIndex, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.rule,
    codeDescription: { href: ruleDocUri(d.rule) },
    source: 'jianggao',
    message: d.message,
    relatedInformation: d.related?.map((r) => ({
      location: r.external
        ? { uri: pathToFileURL(r.external.document).toString(), range: { start: r.external.start, end: r.external.end } }
        : { uri, range: rangeOf(lineIndex, r.start, r.end) },
      message: r.note[locale],
    })),
    data: { rule: d.rule, start: d.start, end: d.end },
  };
}

function fresh(uri: string): { doc: TextDocument; analysis: CachedAnalysis } | undefined {
  const doc = documents.get(uri);
  const analysis = analyses.get(uri);
  if (!doc || !analysis || analysis.version !== doc.version) return undefined;
  return { doc, analysis };
}

/** The model for features that need no diagnostics: the cached one if current, else a fresh parse. */
function modelFor(uri: string) {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const f = fresh(uri);
  if (f) return { doc, model: f.analysis.result.model, options: f.analysis.options };
  const text = doc.getText();
  // Over the size cap a document is not parsed for symbols, folding or the outline either.
  if (Buffer.byteLength(text, 'utf8') > (sizeCaps.get(uri) ?? DEFAULT_MAX_FILE_SIZE)) return undefined;
  return { doc, model: parseDocument(text), options: analyses.get(uri)?.options ?? resolveOptions([], new Set(), locale).options };
}


// ---------------------------------------------------------------------------------------
// Outline, folding

const SYMBOL_KIND: Record<string, SymbolKind> = {
  speech: SymbolKind.File,
  title: SymbolKind.String,
  meta: SymbolKind.Key,
  salutation: SymbolKind.Event,
  opening: SymbolKind.Namespace,
  heading: SymbolKind.Module,
  enum: SymbolKind.EnumMember,
  closing: SymbolKind.Namespace,
};

function toSymbol(n: OutlineNode, lineIndex: LineIndex): DocumentSymbol {
  const range = rangeOf(lineIndex, n.start, n.end);
  let selectionRange = rangeOf(lineIndex, n.selectionStart, n.selectionEnd);
  // LSP requires the selection range inside the range.
  if (n.selectionStart < n.start || n.selectionEnd > n.end) selectionRange = range;
  return {
    name: n.name || '…',
    detail: n.detail,
    kind: SYMBOL_KIND[n.kind] ?? SymbolKind.String,
    range,
    selectionRange,
    children: n.children.map((c) => toSymbol(c, lineIndex)),
  };
}

connection.onDocumentSymbol((params) => {
  const m = modelFor(params.textDocument.uri);
  if (!m) return [];
  return outlineOf(m.model, locale).map((n) => toSymbol(n, m.model.lineIndex));
});

connection.onFoldingRanges((params) => {
  const m = modelFor(params.textDocument.uri);
  if (!m) return [];
  const out: FoldingRange[] = [];
  const walk = (n: OutlineNode) => {
    const s = m.model.lineIndex.lineAt(n.start);
    const e = m.model.lineIndex.lineAt(Math.max(n.start, n.end - 1));
    if (e > s) out.push({ startLine: s, endLine: e, kind: 'region' });
    n.children.forEach(walk);
  };
  outlineOf(m.model, locale).forEach(walk);
  return out;
});

// ---------------------------------------------------------------------------------------
// Code actions: fix this, fix all of this rule, fix everything, ignore here, disable the rule.

function textEdits(doc: TextDocument, lineIndex: LineIndex, edits: Edit[]): TextEdit[] {
  return normaliseEdits(edits).map((e) => TextEdit.replace(rangeOf(lineIndex, e.start, e.end), e.text));
}

function workspaceEdit(doc: TextDocument, lineIndex: LineIndex, edits: Edit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: textEdits(doc, lineIndex, edits) }] };
}

const T = (zh: string, en: string) => (locale === 'en' ? en : zh);

connection.onCodeAction((params) => {
  const f = fresh(params.textDocument.uri);
  if (!f) return [];
  const { doc, analysis } = f;
  const { lineIndex } = analysis;
  const diags = analysis.result.diagnostics;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const wantsFixAll = only?.some((k) => k.startsWith(CodeActionKind.SourceFixAll) || k === CodeActionKind.Source);
  if (wantsFixAll) {
    const edits = fixEdits(diags);
    if (edits.length) {
      actions.push({ title: T('修复所有可自动修复的问题', 'Fix all auto-fixable problems'), kind: CodeActionKind.SourceFixAll + '.jianggao', edit: workspaceEdit(doc, lineIndex, edits) });
    }
    return actions;
  }
  const start = doc.offsetAt(params.range.start);
  const end = doc.offsetAt(params.range.end);
  // A few dozen findings under the cursor make a long enough menu; a whole-document range on a
  // pathological draft (100,000 findings) must not make 100,000 actions.
  const here = diags.filter((d) => d.start <= end && d.end >= start).slice(0, 50);
  const lspFor = (d: Diagnostic) => params.context.diagnostics.filter((x) => x.code === d.rule && doc.offsetAt(x.range.start) === d.start);
  const seenRules = new Set<string>();
  for (const d of here) {
    const rule = RULE_BY_ID.get(d.rule);
    if (!rule) continue;
    if (d.fix) {
      actions.push({
        title: `${rule.fixTitle?.[locale] ?? T('修复', 'Fix')} (${d.rule})`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: lspFor(d),
        edit: workspaceEdit(doc, lineIndex, d.fix),
      });
    }
    if (seenRules.has(d.rule)) continue;
    seenRules.add(d.rule);
    const sameRule = diags.filter((x) => x.rule === d.rule && x.fix);
    if (sameRule.length > 1) {
      actions.push({
        title: T(`修复本文件中所有 ${d.rule} 问题（${sameRule.length} 处）`, `Fix all ${d.rule} problems in this file (${sameRule.length})`),
        kind: CodeActionKind.QuickFix,
        edit: workspaceEdit(doc, lineIndex, fixEdits(sameRule)),
      });
    }
    const line = lineIndex.lineAt(d.start);
    // The line's own start: on the first line, after a BOM (the comment must not precede it).
    const lineStart = analysis.result.model.lines[line].start;
    const indent = /^[ \t\u3000]*/.exec(doc.getText().slice(lineStart, lineStart + 50))?.[0] ?? '';
    actions.push({
      title: T(`在此处忽略 ${d.rule}`, `Ignore ${d.rule} here`),
      kind: CodeActionKind.QuickFix,
      diagnostics: lspFor(d),
      edit: workspaceEdit(doc, lineIndex, [{ start: lineStart, end: lineStart, text: `${indent}${suppressionComment(d.rule)}${eolOf(doc)}` }]),
    });
    actions.push({
      title: T(`在本工作区关闭规则 ${d.rule}`, `Turn off ${d.rule} for this workspace`),
      kind: CodeActionKind.QuickFix,
      command: { title: 'disable', command: SERVER_COMMANDS.disableRule, arguments: [doc.uri, d.rule] },
    });
  }
  const fixable = diags.filter((d) => d.fix);
  if (here.length && fixable.length > 1) {
    actions.push({
      title: T(`修复本文件所有可自动修复的问题（${fixable.length} 处）`, `Fix all auto-fixable problems in this file (${fixable.length})`),
      kind: CodeActionKind.QuickFix,
      edit: workspaceEdit(doc, lineIndex, fixEdits(fixable)),
    });
  }
  return actions;
});

function eolOf(doc: TextDocument): string {
  const t = doc.getText();
  const i = t.indexOf('\n');
  return i > 0 && t[i - 1] === '\r' ? '\r\n' : '\n';
}

// ---------------------------------------------------------------------------------------
// Server-side commands (work in any LSP editor)

const RENUMBER_RULES = new Set(['numbering-gap', 'numbering-duplicate', 'numbering-start', 'numbering-punctuation', 'numbering-mixed']);

async function applyFixes(uri: string, pick: (d: Diagnostic) => boolean, forceRules?: string[]): Promise<number> {
  const doc = documents.get(uri);
  if (!doc) return 0;
  let f = fresh(uri);
  if (!f || forceRules) {
    await validate(uri);
    f = fresh(uri);
  }
  if (!f) return 0;
  let diags = f.analysis.result.diagnostics;
  if (forceRules) {
    // Run the rules even when the user switched them off: the command asked for them.
    const options = { ...f.analysis.options, rules: { ...f.analysis.options.rules } };
    for (const r of forceRules) options.rules[r] = 'warning';
    diags = analyze(doc.getText(), { options, words: segmenter, only: new Set(forceRules) }).diagnostics;
  }
  const edits = fixEdits(diags, undefined, pick);
  if (!edits.length) return 0;
  await connection.workspace.applyEdit({ label: 'Jianggao', edit: workspaceEdit(doc, f.analysis.lineIndex, edits) });
  return edits.length;
}

connection.onExecuteCommand(async (params) => {
  const [uri, arg] = (params.arguments ?? []) as [string, string];
  switch (params.command) {
    case SERVER_COMMANDS.fixAll:
      return applyFixes(uri, () => true);
    case SERVER_COMMANDS.fixRule:
      return applyFixes(uri, (d) => d.rule === arg);
    case SERVER_COMMANDS.renumber:
      return applyFixes(uri, (d) => RENUMBER_RULES.has(d.rule), [...RENUMBER_RULES]);
    case SERVER_COMMANDS.convertHalfwidth:
      return applyFixes(uri, (d) => d.rule === 'halfwidth-punctuation', ['halfwidth-punctuation']);
    case SERVER_COMMANDS.disableRule:
      return disableRule(uri, arg);
    case SERVER_COMMANDS.checkFiles:
      return checkFiles((params.arguments?.[0] ?? []) as string[]);
  }
  return undefined;
});

/** Writes `"rule": "off"` into the workspace's .jianggao.json (created if needed). */
async function disableRule(uri: string, rule: string): Promise<boolean> {
  if (!RULE_BY_ID.has(rule)) return false;
  const docPath = uriToPath(uri);
  const folder = workspaceFolders.find((w) => docPath && contains(w, docPath)) ?? (docPath ? path.dirname(docPath) : undefined);
  if (!folder) return false;
  const file = findWorkspaceConfig(docPath) ?? path.join(folder, CONFIG_FILE);
  let config: UserConfig = {};
  let existing = '';
  if (fs.existsSync(file)) {
    existing = fs.readFileSync(file, 'utf8');
    try {
      config = readConfigFile(file);
    } catch (e) {
      connection.window.showErrorMessage((e as Error).message);
      return false;
    }
  }
  config.rules = { ...(config.rules ?? {}), [rule]: 'off' };
  const text = JSON.stringify(config, null, 2) + '\n';
  const fileUri = pathToFileURL(file).toString();
  const lines = existing.split(/\r?\n/);
  const edit: WorkspaceEdit = existing
    ? { documentChanges: [{ textDocument: { uri: fileUri, version: null }, edits: [TextEdit.replace(Range.create(0, 0, lines.length, 0), text)] }] }
    : { documentChanges: [{ kind: 'create', uri: fileUri, options: { ignoreIfExists: true } }, { textDocument: { uri: fileUri, version: null }, edits: [TextEdit.insert({ line: 0, character: 0 }, text)] }] };
  const r = await connection.workspace.applyEdit({ label: 'Jianggao', edit });
  return r.applied;
}

/** Checks files that are not open (the workspace check); results go to the Problems panel. */
async function checkFiles(uris: string[]): Promise<{ files: number; problems: number }> {
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin(T('讲稿检查', 'Jianggao'), 0, T('正在检查工作区中的讲话稿…', 'Checking the speech files of the workspace…'), true);
  let problems = 0;
  let done = 0;
  for (const uri of uris) {
    if (progress.token.isCancellationRequested) break;
    done++;
    progress.report(Math.round((done / Math.max(1, uris.length)) * 100), `${done}/${uris.length}`);
    if (documents.get(uri)) {
      await validate(uri);
      problems += fresh(uri)?.analysis.result.diagnostics.length ?? 0;
      continue;
    }
    const file = uriToPath(uri);
    if (!file) continue;
    const { resolved, settings } = await settingsFor(uri);
    // Sized before it is read, and only a regular file is read (a FIFO named x.speech would block).
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      /* readDraft says why */
    }
    if (size > settings.maxFileSize) {
      connection.sendDiagnostics({ uri, diagnostics: [tooLargeDiagnostic(size, settings.maxFileSize)] });
      continue;
    }
    const read = readDraft(file, settings.maxFileSize);
    if (!read.ok) {
      log(`${file}: ${read.reason}`);
      continue;
    }
    const otherDocuments = workspaceCorpus.ready ? { corpus: workspaceCorpus.corpus, self: file } : undefined;
    const result = analyze(read.text, { options: resolved.options, words: segmenter, otherDocuments });
    problems += result.diagnostics.length;
    connection.sendDiagnostics({ uri, diagnostics: result.diagnostics.map((d) => toLsp(d, result.model.lineIndex, uri)) });
    // Yield between files so edits and requests are not held up.
    await new Promise((r) => setImmediate(r));
  }
  progress.done();
  return { files: done, problems };
}

// ---------------------------------------------------------------------------------------
// Requests for the VS Code client's views (any client may use them)

function toOutlineItem(n: OutlineNode, lineIndex: LineIndex, rate: number): OutlineItem {
  return {
    kind: n.kind, name: n.name, detail: n.detail, level: n.level,
    range: rangeOf(lineIndex, n.start, n.end) as LspRange,
    selectionRange: rangeOf(lineIndex, n.selectionStart, n.selectionEnd) as LspRange,
    chars: n.chars, minutes: minutesOf(n.chars, rate),
    children: n.children.map((c) => toOutlineItem(c, lineIndex, rate)),
  };
}

connection.onRequest(REQUESTS.outline, (params: { uri: string }): OutlineResponse | null => {
  const m = modelFor(params.uri);
  if (!m) return null;
  const { model, options } = m;
  const rate = options.speakingRate;
  const nodes = outlineOf(model, locale);
  const lineIndex = model.lineIndex;
  return {
    version: m.doc.version,
    speeches: checklistOf(model).map((c) => ({
      title: c.title,
      range: rangeOf(lineIndex, c.start, Math.max(c.start, c.end)) as LspRange,
      chars: c.chars,
      minutes: minutesOf(c.chars, rate),
      parts: Object.fromEntries(Object.entries(c.parts).map(([k, v]) => [k, { present: v.present, position: lineIndex.positionAt(v.start ?? c.start) }])) as OutlineResponse['speeches'][0]['parts'],
    })),
    outline: nodes.map((n) => toOutlineItem(n, lineIndex, rate)),
    markdown: renderOutline(nodes, 'markdown', locale, rate, (o) => lineIndex.lineAt(o) + 1),
  };
});

connection.onRequest(REQUESTS.stats, (params: StatsRequest): StatsResponse | null => {
  const m = modelFor(params.uri);
  if (!m) return null;
  const { model, options } = m;
  const chars = checklistOf(model).reduce((n, c) => n + c.chars, 0);
  const rate = options.speakingRate;
  const res: StatsResponse = {
    chars, minutes: minutesOf(chars, rate), rate, targetMinutes: options.targetMinutes,
    overTarget: options.targetMinutes > 0 && minutesOf(chars, rate) > options.targetMinutes,
  };
  const sel = (params.selections ?? []).filter((r) => r.start.line !== r.end.line || r.start.character !== r.end.character);
  if (sel.length) {
    const text = m.doc.getText();
    res.selectionChars = sel.reduce((n, r) => n + spokenLength(text.slice(m.doc.offsetAt(r.start), m.doc.offsetAt(r.end))), 0);
    res.selectionMinutes = minutesOf(res.selectionChars, rate);
  }
  return res;
});

connection.onRequest(REQUESTS.configuration, async (params: { uri: string }): Promise<string> => {
  const { sources, resolved, settings } = await settingsFor(params.uri);
  const lines: string[] = [];
  const en = locale === 'en';
  lines.push(en ? `Configuration in force for ${params.uri}` : `当前文档的生效配置：${params.uri}`, '');
  lines.push(en ? 'Layers (later wins): built-in defaults < editor settings < .jianggao.json' : '配置层（后者优先）：内置默认值 < 编辑器设置 < .jianggao.json');
  for (const s of sources) {
    lines.push(`- ${s.name}`);
    for (const p of s.problems) lines.push(`    ${en ? 'problem' : '问题'}: ${p.key}: ${p.message}`);
  }
  lines.push('');
  const origin = (pick: (c: UserConfig) => unknown) => {
    for (let i = sources.length - 1; i >= 0; i--) if (pick(sources[i].config) !== undefined) return sources[i].name;
    return en ? 'default' : '默认值';
  };
  lines.push(`speakingRate = ${resolved.options.speakingRate}   ← ${origin((c) => c.speakingRate)}`);
  lines.push(`targetMinutes = ${resolved.options.targetMinutes}   ← ${origin((c) => c.targetMinutes)}`);
  lines.push(`maxFileSize = ${settings.maxFileSize}`);
  lines.push(`allowWords = ${JSON.stringify(resolved.options.allowWords)}`);
  lines.push(`dictionaries = ${JSON.stringify(resolved.dictionaries)}${!trusted ? (en ? ' (untrusted workspace: only files inside it)' : '（受限工作区：只接受工作区内的文件）') : ''}`);
  lines.push(`segmenter = ${segmenter?.name ?? (en ? 'loading' : '加载中')}`, '');
  lines.push(en ? 'Rules:' : '规则：');
  for (const r of RULES) {
    const v = resolved.options.rules[r.id];
    const from = v ? origin((c) => (c.rules as Record<string, unknown> | undefined)?.[r.id]) : en ? 'default' : '默认值';
    lines.push(`  ${r.id.padEnd(24)} ${(v ?? r.severity).padEnd(8)} ← ${from}`);
  }
  return lines.join('\n');
});

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});
connection.onDidChangeWatchedFiles(async (params) => {
  // .jianggao.json (or a dictionary) may have changed.
  settingsCache.clear();
  // A speech file changed on disk: its paragraphs are read again (for reused-paragraph).
  if (workspaceCorpus.ready) {
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (file && SPEECH_FILE.test(file) && !documents.get(change.uri)) await workspaceCorpus.read(file);
    }
  }
  for (const doc of documents.all()) schedule(doc, 0);
});

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e}`));

documents.listen(connection);
connection.listen();

