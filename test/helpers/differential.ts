// Model-based differential testing of the language server: fast-check commands drive the real
// dist/server.js over stdio in a workspace folder, as an editor and a writer would (open,
// type, delete, insert/delete/duplicate whole paragraphs, paste a paragraph from another
// file, close, save; files created and deleted on disk; .jianggao.json written and removed;
// the editor settings changed). The model is what the editor and the disk hold. After each
// step the server is let to settle, and what it published for every open document must be
// what `jianggao check` reports for the same texts and configuration: the same rules at the
// same positions with the same severities. And it must not have said that anything failed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { TestClient, PublishedDiagnostics } from './lsp';

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cli = require(path.join(ROOT, 'dist', 'cli.js')) as { main(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number };

// ---------------------------------------------------------------------------------------
// Text: paragraphs of a work-meeting speech (written for this test), long enough for the
// repetition and reuse rules, some of them near copies of each other; slips to type.

export const PARAGRAPHS = [
  '今年以来，全县上下坚持把项目建设作为经济工作的主抓手，新开工项目数量和投资额均创近年新高。',
  '我们也要清醒看到，部分项目前期工作推进缓慢，要素保障跟不上，一些干部等靠要思想依然存在。',
  '各乡镇要把防汛责任落实到村到户到人，汛期实行二十四小时值班，确保雨情水情及时上报。',
  '要坚持以人民为中心的发展思想，集中财力办好教育、医疗、养老等群众最关心的民生实事。',
  '纪检监察机关要紧盯重点领域和关键环节，对顶风违纪问题发现一起、查处一起、通报一起。',
  '各部门要主动靠前服务，开展干部进企业活动，帮助企业解决用工、用地、融资等实际困难。',
  '要深入开展农村人居环境整治，持续推进厕所革命和垃圾污水治理，让乡村面貌焕然一新。',
  '今年以来，全县上下坚持把项目建设作为经济工作的主抓手，新开工项目数量和投资额均创历史新高。',
  '各部门要主动靠前服务，开展干部进企业活动，帮助企业解决用工、用地、融资等各种实际困难。',
  '安全生产工作只有起点没有终点，各级各部门务必时刻绷紧安全这根弦，坚决遏制事故发生。',
];
const HEADINGS = ['抓好项目建设', '守牢安全底线', '办好民生实事', '转变工作作风'];
const TYPED = ['要', '要要', 'XX', '的', '，', '。', '（', '各级领导干部', '\n', '一、加强领导\n', '同志们：'];

/** A draft: title, salutation, opening, numbered sections of the given paragraphs, closing. */
export function draftOf(paragraphs: number[], sections = 2): string {
  const lines = ['在全县重点工作推进会议上的讲话', '同志们：', '今天召开这次会议，主要任务是分析形势、部署工作。下面，我讲几点意见。'];
  const per = Math.max(1, Math.ceil(paragraphs.length / sections));
  paragraphs.forEach((p, i) => {
    if (i % per === 0) lines.push(`${'一二三四五'[Math.floor(i / per)]}、${HEADINGS[Math.floor(i / per) % HEADINGS.length]}`);
    lines.push(PARAGRAPHS[p % PARAGRAPHS.length]);
  });
  lines.push('同志们，让我们团结一心、真抓实干，奋力完成全年目标任务！');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------
// The model and the real system.

export const NAMES = ['a.speech', 'b.speech', 'sub/c.speech', 'd.speech.md'];
/** What a configuration layer may hold here (valid values only: a broken file is another test's matter). */
export interface Config {
  rules?: Record<string, string>;
  allowWords?: string[];
  targetMinutes?: number;
}

export interface Model {
  disk: Map<string, string>;
  open: Map<string, { version: number; text: string }>;
  config?: Config;
  editor: Config;
}

export interface Real {
  client: TestClient;
  dir: string;
  mirror: string;
  steps: number;
}

const uriOf = (real: Real, name: string) => pathToFileURL(path.join(real.dir, name)).toString();

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** Line `k` (mod the number of lines) of a text: its start and end offsets. */
function lineSpan(text: string, k: number): { start: number; end: number } {
  const lines = text.split('\n');
  const i = k % lines.length;
  const start = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  return { start, end: start + lines[i].length };
}

/** The k-th open document (by name order). */
const openName = (m: Model, k: number) => [...m.open.keys()].sort()[k % m.open.size];

/** The text of a file as the server should see it: the editor's if open, else the disk's. */
const current = (m: Model, name: string) => m.open.get(name)?.text ?? m.disk.get(name);

function sendEdit(m: Model, r: Real, name: string, start: number, end: number, text: string): void {
  const doc = m.open.get(name)!;
  const range = { start: positionAt(doc.text, start), end: positionAt(doc.text, end) };
  doc.text = doc.text.slice(0, start) + text + doc.text.slice(end);
  doc.version++;
  r.client.change(uriOf(r, name), doc.version, [{ range, text }]);
}

function watched(r: Real, name: string, type: 1 | 2 | 3): void {
  r.client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(r, name), type }] });
}

type Command = fc.AsyncCommand<Model, Real>;

abstract class Step implements Command {
  abstract check(m: Readonly<Model>): boolean;
  abstract apply(m: Model, r: Real): void;
  abstract toString(): string;
  async run(m: Model, r: Real): Promise<void> {
    this.apply(m, r);
    r.steps++;
    await compare(m, r, this.toString());
  }
}

abstract class EditStep extends Step {
  constructor(readonly doc: number) {
    super();
  }
  check(m: Readonly<Model>): boolean {
    return m.open.size > 0;
  }
}

class Type extends EditStep {
  constructor(doc: number, readonly line: number, readonly col: number, readonly text: string) { super(doc); }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    const span = lineSpan(m.open.get(name)!.text, this.line);
    const at = span.start + (this.col % (span.end - span.start + 1));
    sendEdit(m, r, name, at, at, this.text);
  }
  toString(): string { return `Type(doc ${this.doc}, line ${this.line}, col ${this.col}, ${JSON.stringify(this.text)})`; }
}

class Delete extends EditStep {
  constructor(doc: number, readonly line: number, readonly col: number, readonly length: number) { super(doc); }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    const text = m.open.get(name)!.text;
    const span = lineSpan(text, this.line);
    const at = span.start + (this.col % (span.end - span.start + 1));
    sendEdit(m, r, name, at, Math.min(text.length, at + this.length), '');
  }
  toString(): string { return `Delete(doc ${this.doc}, line ${this.line}, col ${this.col}, ${this.length})`; }
}

class InsertParagraph extends EditStep {
  constructor(doc: number, readonly line: number, readonly paragraph: number) { super(doc); }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    const at = lineSpan(m.open.get(name)!.text, this.line).start;
    sendEdit(m, r, name, at, at, PARAGRAPHS[this.paragraph] + '\n');
  }
  toString(): string { return `InsertParagraph(doc ${this.doc}, before line ${this.line}, paragraph ${this.paragraph})`; }
}

class DeleteParagraph extends EditStep {
  constructor(doc: number, readonly line: number) { super(doc); }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    const text = m.open.get(name)!.text;
    const span = lineSpan(text, this.line);
    sendEdit(m, r, name, span.start, Math.min(text.length, span.end + 1), '');
  }
  toString(): string { return `DeleteParagraph(doc ${this.doc}, line ${this.line})`; }
}

class DuplicateParagraph extends EditStep {
  constructor(doc: number, readonly line: number) { super(doc); }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    const text = m.open.get(name)!.text;
    const span = lineSpan(text, this.line);
    sendEdit(m, r, name, span.end, span.end, '\n' + text.slice(span.start, span.end));
  }
  toString(): string { return `DuplicateParagraph(doc ${this.doc}, line ${this.line})`; }
}

class PasteFromOther extends EditStep {
  constructor(doc: number, readonly line: number, readonly from: number, readonly fromLine: number) { super(doc); }
  override check(m: Readonly<Model>): boolean {
    return m.open.size > 0 && m.disk.size + m.open.size > 1;
  }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    const others = [...new Set([...m.disk.keys(), ...m.open.keys()])].filter((n) => n !== name).sort();
    if (!others.length) return;
    const source = current(m, others[this.from % others.length])!;
    const span = lineSpan(source, this.fromLine);
    const at = lineSpan(m.open.get(name)!.text, this.line).start;
    sendEdit(m, r, name, at, at, source.slice(span.start, span.end) + '\n');
  }
  toString(): string { return `PasteFromOther(doc ${this.doc}, before line ${this.line}, file ${this.from}, line ${this.fromLine})`; }
}

class Open extends Step {
  constructor(readonly name: string, readonly paragraphs: number[]) { super(); }
  check(m: Readonly<Model>): boolean {
    return !m.open.has(this.name);
  }
  apply(m: Model, r: Real): void {
    // An existing file opens with its text; a new one (not on disk yet) with a fresh draft.
    const text = m.disk.get(this.name) ?? draftOf(this.paragraphs);
    m.open.set(this.name, { version: 1, text });
    r.client.open(uriOf(r, this.name), text);
  }
  toString(): string { return `Open(${this.name}${this.paragraphs.length ? `, new: [${this.paragraphs}]` : ''})`; }
}

class Close extends Step {
  constructor(readonly doc: number) { super(); }
  check(m: Readonly<Model>): boolean {
    return m.open.size > 0;
  }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    m.open.delete(name);
    r.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(r, name) } });
  }
  toString(): string { return `Close(doc ${this.doc})`; }
}

class Save extends Step {
  constructor(readonly doc: number) { super(); }
  check(m: Readonly<Model>): boolean {
    return m.open.size > 0;
  }
  apply(m: Model, r: Real): void {
    const name = openName(m, this.doc);
    const existed = m.disk.has(name);
    const text = m.open.get(name)!.text;
    fs.mkdirSync(path.dirname(path.join(r.dir, name)), { recursive: true });
    fs.writeFileSync(path.join(r.dir, name), text);
    m.disk.set(name, text);
    watched(r, name, existed ? 2 : 1);
  }
  toString(): string { return `Save(doc ${this.doc})`; }
}

class CreateOnDisk extends Step {
  constructor(readonly name: string, readonly paragraphs: number[]) { super(); }
  check(m: Readonly<Model>): boolean {
    return !m.disk.has(this.name) && !m.open.has(this.name);
  }
  apply(m: Model, r: Real): void {
    const text = draftOf(this.paragraphs);
    fs.mkdirSync(path.dirname(path.join(r.dir, this.name)), { recursive: true });
    fs.writeFileSync(path.join(r.dir, this.name), text);
    m.disk.set(this.name, text);
    watched(r, this.name, 1);
  }
  toString(): string { return `CreateOnDisk(${this.name}, [${this.paragraphs}])`; }
}

class DeleteOnDisk extends Step {
  constructor(readonly name: string) { super(); }
  check(m: Readonly<Model>): boolean {
    return m.disk.has(this.name) && !m.open.has(this.name);
  }
  apply(m: Model, r: Real): void {
    fs.rmSync(path.join(r.dir, this.name));
    m.disk.delete(this.name);
    watched(r, this.name, 3);
  }
  toString(): string { return `DeleteOnDisk(${this.name})`; }
}

class WriteConfig extends Step {
  constructor(readonly config: Config) { super(); }
  check(): boolean {
    return true;
  }
  apply(m: Model, r: Real): void {
    const existed = m.config !== undefined;
    fs.writeFileSync(path.join(r.dir, '.jianggao.json'), JSON.stringify(this.config, null, 2));
    m.config = this.config;
    watched(r, '.jianggao.json', existed ? 2 : 1);
  }
  toString(): string { return `WriteConfig(${JSON.stringify(this.config)})`; }
}

class RemoveConfig extends Step {
  check(m: Readonly<Model>): boolean {
    return m.config !== undefined;
  }
  apply(m: Model, r: Real): void {
    fs.rmSync(path.join(r.dir, '.jianggao.json'));
    m.config = undefined;
    watched(r, '.jianggao.json', 3);
  }
  toString(): string { return 'RemoveConfig()'; }
}

class ChangeSettings extends Step {
  constructor(readonly settings: Config) { super(); }
  check(): boolean {
    return true;
  }
  apply(m: Model, r: Real): void {
    m.editor = this.settings;
    r.client.settings = { ...this.settings, debounceMs: 0 };
    r.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jianggao: r.client.settings } });
  }
  toString(): string { return `ChangeSettings(${JSON.stringify(this.settings)})`; }
}

// ---------------------------------------------------------------------------------------
// Arbitraries.

const paragraphList = fc.array(fc.nat(PARAGRAPHS.length - 1), { minLength: 1, maxLength: 6 });
const config: fc.Arbitrary<Config> = fc.record({
  rules: fc.dictionary(fc.constantFrom('placeholder', 'doubled-word', 'similar-paragraph', 'reused-paragraph', 'repeated-sentence', 'numbering-gap', 'missing-closing'), fc.constantFrom('off', 'hint', 'info', 'warning', 'error'), { maxKeys: 3 }),
  allowWords: fc.option(fc.subarray(['要要', '各级领导干部', '实际困难']), { nil: undefined }),
  targetMinutes: fc.option(fc.constantFrom(0, 1, 2), { nil: undefined }),
}, { requiredKeys: ['rules'] });

/** Small numbers (they pick a document, a line, a column modulo what there is): readable counterexamples. */
const n = () => fc.nat(99);

const STEPS = Number(process.env.JIANGGAO_DIFF_STEPS) || 20;

/** A session: between half and all of STEPS commands (those whose precondition fails are skipped). */
export const commands = fc.array(fc.oneof(
  fc.tuple(n(), n(), n(), fc.constantFrom(...TYPED)).map(([d, l, c, t]) => new Type(d, l, c, t)),
  fc.tuple(n(), n(), n(), fc.integer({ min: 1, max: 12 })).map(([d, l, c, n]) => new Delete(d, l, c, n)),
  fc.tuple(n(), n(), fc.nat(PARAGRAPHS.length - 1)).map(([d, l, p]) => new InsertParagraph(d, l, p)),
  fc.tuple(n(), n()).map(([d, l]) => new DeleteParagraph(d, l)),
  fc.tuple(n(), n()).map(([d, l]) => new DuplicateParagraph(d, l)),
  fc.tuple(n(), n(), n(), n()).map(([d, l, f, fl]) => new PasteFromOther(d, l, f, fl)),
  fc.tuple(fc.constantFrom(...NAMES), paragraphList).map(([n, p]) => new Open(n, p)),
  n().map((d) => new Close(d)),
  n().map((d) => new Save(d)),
  fc.tuple(fc.constantFrom(...NAMES), paragraphList).map(([n, p]) => new CreateOnDisk(n, p)),
  fc.constantFrom(...NAMES).map((n) => new DeleteOnDisk(n)),
  config.map((c) => new WriteConfig(c)),
  fc.constant(new RemoveConfig()),
  config.map((c) => new ChangeSettings(c)),
), { minLength: Math.ceil(STEPS / 2), maxLength: STEPS });

// ---------------------------------------------------------------------------------------
// The comparison.

/** The configuration in force: the editor's layer under .jianggao.json's (options.ts merges them so). */
function merged(m: Model): Config {
  const e = m.editor;
  const f = m.config ?? {};
  return {
    rules: { ...e.rules, ...f.rules },
    allowWords: [...(e.allowWords ?? []), ...(f.allowWords ?? [])],
    ...(f.targetMinutes ?? e.targetMinutes) !== undefined ? { targetMinutes: f.targetMinutes ?? e.targetMinutes } : {},
  };
}

type Finding = string;
const severityName = ['', 'error', 'warning', 'info', 'hint'];

/** What `jianggao check` reports for the model's texts and configuration, per file name. */
function expected(m: Model, r: Real): Map<string, Finding[]> {
  fs.rmSync(r.mirror, { recursive: true, force: true });
  fs.mkdirSync(r.mirror, { recursive: true });
  const names = new Set([...m.disk.keys(), ...m.open.keys()]);
  if (names.size === 0) return new Map();
  for (const name of names) {
    fs.mkdirSync(path.dirname(path.join(r.mirror, name)), { recursive: true });
    fs.writeFileSync(path.join(r.mirror, name), current(m, name)!);
  }
  // A new file name per step: the CLI caches configuration files by path for its run.
  const configFile = path.join(path.dirname(r.mirror), `config-${r.steps}.json`);
  fs.writeFileSync(configFile, JSON.stringify(merged(m)));
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, done) { add(String(chunk)); done(); } });
  const status = cli.main(['check', '--format', 'json', '--jobs', '1', '--config', configFile, r.mirror], sink((s) => (out += s)), sink((s) => (err += s)));
  fs.rmSync(configFile);
  assert.ok(status === 0 || status === 1, `jianggao check failed (${status}): ${err}`);
  const files = JSON.parse(out) as Array<{ file: string; diagnostics: Array<{ rule: string; severity: string; line: number; column: number; endLine: number; endColumn: number }> }>;
  const result = new Map<string, Finding[]>();
  for (const f of files) {
    result.set(path.relative(r.mirror, f.file).split(path.sep).join('/'), f.diagnostics.map((d) => `${d.rule} ${d.line - 1}:${d.column - 1}-${d.endLine - 1}:${d.endColumn - 1} ${d.severity}`).sort());
  }
  return result;
}

function published(p: PublishedDiagnostics | undefined): Finding[] {
  return (p?.diagnostics ?? []).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${severityName[d.severity]}`).sort();
}

/** After the step settles: every open document's diagnostics are what the CLI says, and nothing failed. */
async function compare(m: Model, r: Real, step: string): Promise<void> {
  const settled = await r.client.connection.sendRequest('jianggao/settled');
  assert.equal(settled, true, `the server did not settle after ${step}`);
  const want = expected(m, r);
  for (const [name, doc] of m.open) {
    const uri = uriOf(r, name);
    const last = [...r.client.published].reverse().find((p) => p.uri === uri);
    assert.equal(last?.version, doc.version, `${name}: the last diagnostics are of version ${last?.version}, the document is at ${doc.version} (after ${step})`);
    assert.deepEqual(published(last), want.get(name) ?? [], `${name}: the server's diagnostics differ from jianggao check's (after ${step})\n--- text:\n${doc.text}\n---`);
  }
  const failures = r.client.logs.filter((l) => /failed|uncaught|stopped/.test(l));
  assert.deepEqual(failures, [], `the server reported a failure (after ${step})`);
  assert.deepEqual(r.client.messages, [], `the writer was told of a failure (after ${step})`);
}

// ---------------------------------------------------------------------------------------
// One run: a workspace with two speech files, one open; the dictionary and the workspace
// index loaded before the first step.

export async function setup(): Promise<{ model: Model; real: Real; cleanup(): Promise<void> }> {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-diff-')));
  const dir = path.join(base, 'ws');
  const mirror = path.join(base, 'mirror');
  fs.mkdirSync(dir);
  const model: Model = { disk: new Map(), open: new Map(), editor: {} };
  model.disk.set('a.speech', draftOf([0, 1, 2, 9]));
  model.disk.set('b.speech', draftOf([3, 4, 0, 7]));
  for (const [name, text] of model.disk) fs.writeFileSync(path.join(dir, name), text);
  const client = await TestClient.start({ rootPath: dir, settings: { debounceMs: 0 } });
  const real: Real = { client, dir, mirror, steps: 0 };
  model.open.set('a.speech', { version: 1, text: model.disk.get('a.speech')! });
  client.open(uriOf(real, 'a.speech'), model.disk.get('a.speech')!);
  for (const t0 = Date.now(); !(client.logs.some((l) => /word segmentation ready/.test(l)) && client.logs.some((l) => /workspace paragraphs indexed/.test(l)));) {
    if (Date.now() - t0 > 30000) throw new Error(`the server did not load the dictionary and index the workspace: ${client.logs.join('\n')}`);
    await new Promise((res) => setTimeout(res, 20));
  }
  await compare(model, real, 'the start');
  return {
    model,
    real,
    async cleanup() {
      await client.stop();
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
