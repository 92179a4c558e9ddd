// jianggao: the command line. Checks drafts and prints their outline, on the same analysis
// library as the language server.
//
//   jianggao check [--fix] [--format text|json|sarif] [--config FILE] [--lang zh|en] FILE|DIR...
//   jianggao outline [--format text|json|markdown] FILE
//   jianggao export [--podium] [-o OUT.docx] FILE.speech
//   jianggao rules
//
// Exit codes: 0 nothing at warning or above; 1 findings at warning or above; 2 usage or I/O
// errors (when nothing at all could be checked).

import * as fs from 'fs';
import * as path from 'path';
import { analyze, defaultSetting, RULES, Diagnostic, Locale, AnalysisOptions, WordSegmenter, ParagraphCorpus, applyFixAll } from './analysis';
import { outlineOf, OutlineNode, minutesOf, renderOutline } from './analysis/outline';
import { readDraft, collectFiles, DraftRead, DEFAULT_MAX_FILE_SIZE } from './files';
import { fileMessage, FileMessage } from './fileMessages';
import { loadConfigFor, findConfigFile, readConfigFile } from './config';
import { loadSegmenter } from './segmentation';
import { toSarif } from './sarif';
import { isWordFile, readWordFile, wordOf, wordPositions, writeAnnotated, writeExport } from './word/cli';
import { checkDrafts, jobsFor } from './checkPool';

const VERSION = '0.1.0';

interface Args {
  command: string;
  files: string[];
  format: string;
  config?: string;
  lang: Locale;
  help: boolean;
  version: boolean;
  /** check --fix: write fix-all's result back to each file, then report what is left. */
  fix: boolean;
  /** Word: check --annotate, export -o FILE, export --podium. */
  annotate?: boolean;
  output?: string;
  podium?: boolean;
  /** Worker threads for `check` (--jobs; default one per core). */
  jobs?: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: '', files: [], format: 'text', lang: defaultLang(), help: false, version: false, fix: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`option ${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') args.help = true;
    else if (a === '-v' || a === '--version') args.version = true;
    else if (a === '--fix') args.fix = true;
    else if (a === '--format' || a.startsWith('--format=') || a === '-f') args.format = value();
    else if (a === '--config' || a.startsWith('--config=') || a === '-c') args.config = value();
    else if (a === '--annotate') args.annotate = true;
    else if (a === '--podium') args.podium = true;
    else if (a === '--output' || a.startsWith('--output=') || a === '-o') args.output = value();
    else if (a === '--jobs' || a.startsWith('--jobs=') || a === '-j') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--jobs must be a whole number of threads, 1 or more, not "${v}"`);
      args.jobs = Number(v);
    }
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = value();
      if (v !== 'zh' && v !== 'en') throw new UsageError(`--lang must be zh or en, not "${v}"`);
      args.lang = v;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (!args.command) args.command = a;
    else args.files.push(a);
  }
  return args;
}

function defaultLang(): Locale {
  const v = process.env.JIANGGAO_LANG;
  return v === 'en' ? 'en' : 'zh';
}

const HELP = `jianggao ${VERSION} — 讲话稿检查 (checks Chinese speech drafts)

Usage:
  jianggao check [--fix] [--format text|json|sarif] [--config FILE] [--lang zh|en] [--jobs N] FILE|DIR...
  jianggao outline [--format text|json|markdown] [--lang zh|en] FILE
  jianggao check --annotate FILE.docx...   (writes FILE.jianggao.docx: findings as Word comments)
  jianggao export [--podium] [-o OUT.docx] FILE.speech   (GB/T 9704 layout; --podium: reading copy)
  jianggao rules [--format text|json]

Directories are searched for speech files (*.speech, *.speech.txt, *.speech.md), Word
documents (*.docx; in a .docx, line numbers are paragraph numbers) and .txt files that read
like a speech (a speech title, or an audience addressed).
--fix writes the safe fixes (punctuation, marker forms, pasted characters, broken lines)
back into each file, as fix-all does in the editor, and reports what is left.
Many files are checked on worker threads, one per core (--jobs N to choose).
Configuration: --config FILE, else the nearest .jianggao.json above each file.
Messages are in Chinese; --lang en (or JIANGGAO_LANG=en) for English.
Exit: 0 no warnings, 1 warnings or errors found, 2 usage or I/O error.`;

export function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number | Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    err.write(`jianggao: ${(e as Error).message} (see jianggao --help)\n`);
    return 2;
  }
  if (args.version) {
    out.write(VERSION + '\n');
    return 0;
  }
  if (args.help || !args.command) {
    (args.help ? out : err).write(HELP + '\n');
    return args.help ? 0 : 2;
  }
  try {
    switch (args.command) {
      case 'check':
        return check(args, out, err);
      case 'outline':
        return outline(args, out, err);
      case 'rules':
        return rules(args, out);
      case 'export':
        return exportWord(args, err);
      default:
        err.write(`jianggao: unknown command "${args.command}" (check, outline, export, rules; see jianggao --help)\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`jianggao: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Configuration per draft, read once per config file; a broken one is reported once and its drafts skipped. */
class Configs {
  private failed = new Map<string, string>();
  constructor(private readonly explicit: string | undefined, private readonly lang: Locale, private readonly err: NodeJS.WritableStream) {}
  /** The explicit --config must be usable before anything is checked. */
  checkExplicit(): void {
    if (this.explicit === undefined) return;
    try {
      readConfigFile(this.explicit);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  for(file: string): ReturnType<typeof loadConfigFor> | { error: string } {
    const configFile = this.explicit ?? findConfigFile(file);
    const failure = configFile && this.failed.get(configFile);
    if (failure) return { error: failure };
    try {
      return loadConfigFor(file, this.explicit, this.lang);
    } catch (e) {
      const message = (e as Error).message.split('\n')[0];
      this.failed.set(configFile ?? '', message);
      this.err.write(`jianggao: ${message}\n`);
      return { error: message };
    }
  }
}

interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  read: DraftRead & { ok: true };
  lineIndex: { positionAt(o: number): { line: number; character: number } };
}

/** A draft from disk: text as it is, a Word document as its reader sees it (its lines worded in `lang`). */
function readAny(file: string, maxBytes: number, lang: Locale): DraftRead {
  if (!isWordFile(file)) return readDraft(file, maxBytes);
  const read = readWordFile(file, maxBytes, lang);
  if (!read.ok) return { ok: false, reason: read.reason, problem: { key: 'word-reader', data: { message: read.reason } } };
  return read.note ? { ...read, notice: { key: 'word-reader', data: { message: read.note } } } : read;
}

function check(args: Args, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  if (!['text', 'json', 'sarif'].includes(args.format)) throw new UsageError(`--format must be text, json or sarif, not "${args.format}"`);
  if (args.files.length === 0) throw new UsageError('check needs at least one file or directory');
  const configs = new Configs(args.config, args.lang, err);
  configs.checkExplicit();
  const { files, problems } = collectFiles(args.files);
  const say = (m: FileMessage) => fileMessage(m, args.lang);
  // Every file that is not checked is said, one line each, and listed in SARIF output.
  const skipped: string[] = [];
  const skip = (line: string) => {
    skipped.push(line);
    err.write(`jianggao: ${line}\n`);
  };
  for (const p of problems) skip(`${p.path}: ${say(p.message)}`);
  const results: FileResult[] = [];
  let segmenter: WordSegmenter | undefined;
  const segmenterFor = (dicts: string[]) => (segmenter ??= loadSegmenter({ userDictionaries: dicts, log: (m) => err.write(`jianggao: ${m}\n`) }));
  // Every file is read first: each is checked against the others' paragraphs (reused-paragraph).
  const drafts: Array<{ file: string; read: DraftRead & { ok: true }; config: ReturnType<typeof loadConfigFor> }> = [];
  for (const file of files) {
    const config = configs.for(file);
    if ('error' in config) {
      skip(`${file}: ${say({ key: 'config-invalid' })}`);
      continue;
    }
    const read = readAny(file, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, args.lang);
    if (!read.ok) {
      skip(`${file}: ${say(read.problem)}`);
      continue;
    }
    if (read.notice) err.write(`jianggao: ${file}: ${say(read.notice)}\n`);
    drafts.push({ file, read, config });
  }
  // Each against the others' paragraphs; on worker threads when there are many (checkPool.ts).
  const checked = checkDrafts(drafts.map((d) => ({ file: d.file, text: d.read.text, options: d.config.options, dictionaries: d.config.dictionaries })), {
    jobs: jobsFor(args.jobs), words: segmenterFor, log: (m) => err.write(`jianggao: ${m}\n`),
  });
  const reportedProblems = new Set<string>();
  // --fix: the other drafts' paragraphs for checking a written text again (built once, if needed).
  let fixCorpus: ParagraphCorpus | undefined;
  for (const [i, { file, read, config }] of drafts.entries()) {
    for (const s of config.sources) {
      for (const p of s.problems) {
        const line = `${s.file}: ${p.key}: ${p.message}`;
        if (!reportedProblems.has(line)) err.write(`jianggao: ${line}\n`);
        reportedProblems.add(line);
      }
    }
    const checkedDraft = checked[i];
    if (checkedDraft.error !== undefined) {
      skip(`${file}: ${say({ key: 'internal-error', data: { message: checkedDraft.error } })}`);
      continue;
    }
    let result: { diagnostics: Diagnostic[]; ruleErrors: Array<{ rule: string; error: string }>; lineIndex: FileResult['lineIndex'] } = checkedDraft;
    if (args.fix) {
      const fixed = fixFile(file, read, result.diagnostics);
      if (fixed.message) err.write(`jianggao: ${file}: ${say(fixed.message)}\n`);
      // What is left is what the output reports: the written text, checked again (against the others' paragraphs).
      if (fixed.text !== undefined) {
        read.text = fixed.text;
        if (drafts.length > 1 && !fixCorpus) {
          fixCorpus = new ParagraphCorpus();
          for (const d of drafts) fixCorpus.set(d.file, d.read.text);
        } else fixCorpus?.set(file, read.text);
        const again = analyze(read.text, { options: config.options, words: segmenterFor(config.dictionaries), otherDocuments: fixCorpus ? { corpus: fixCorpus, self: file } : undefined });
        result = { diagnostics: again.diagnostics, ruleErrors: again.ruleErrors, lineIndex: again.model.lineIndex };
      }
    }
    for (const e of result.ruleErrors) err.write(`jianggao: ${file}: rule ${e.rule} failed and was skipped: ${e.error}\n`);
    const word = wordOf(read);
    results.push({ file, diagnostics: result.diagnostics, read, lineIndex: word ? wordPositions(word.document) : result.lineIndex });
    if (args.annotate) {
      const written = word ? writeAnnotated(file, word, result.diagnostics, args.lang) : { line: args.lang === 'zh' ? `${file}：--annotate 只用于 Word 文档（.docx），未写批注` : `${file}: --annotate applies to Word documents (.docx) only; no comments written` };
      err.write(`jianggao: ${written.line}\n`);
    }
  }
  if (results.length === 0) {
    if (skipped.length === 0) err.write(`jianggao: ${say({ key: 'no-speech-files' })}\n`);
    return 2;
  }
  const position = (r: FileResult, offset: number) => r.lineIndex.positionAt(offset);
  if (args.format === 'json') {
    const json = results.map((r) => ({
      file: r.file,
      diagnostics: r.diagnostics.map((d) => {
        const s = position(r, d.start);
        const e = position(r, d.end);
        return { rule: d.rule, severity: d.severity, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, message: d.message };
      }),
    }));
    out.write(JSON.stringify(json, null, 2) + '\n');
  } else if (args.format === 'sarif') {
    out.write(JSON.stringify(toSarif(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics, positionAt: (o: number) => position(r, o) })), args.lang, VERSION, skipped), null, 2) + '\n');
  } else {
    let count = 0;
    for (const r of results) {
      for (const d of r.diagnostics) {
        const s = position(r, d.start);
        out.write(`${r.file}:${s.line + 1}:${s.character + 1}  ${d.severity}  ${d.message}  ${d.rule}\n`);
        count++;
      }
    }
    const bySeverity = (sev: string) => results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === sev).length, 0);
    const summary = args.lang === 'en'
      ? `${results.length} file(s) checked: ${bySeverity('error')} error(s), ${bySeverity('warning')} warning(s), ${bySeverity('info') + bySeverity('hint')} note(s)`
      : `检查了 ${results.length} 个文件：错误 ${bySeverity('error')}，警告 ${bySeverity('warning')}，提示 ${bySeverity('info') + bySeverity('hint')}`;
    err.write((count ? '\n' : '') + summary + '\n');
  }
  const serious = results.some((r) => r.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'));
  return serious ? 1 : 0;
}

function outline(args: Args, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  if (!['text', 'json', 'markdown'].includes(args.format)) throw new UsageError(`--format must be text, json or markdown, not "${args.format}"`);
  if (args.files.length !== 1) throw new UsageError('outline takes exactly one file');
  const file = args.files[0];
  const configs = new Configs(args.config, args.lang, err);
  configs.checkExplicit();
  const config = configs.for(file);
  if ('error' in config) return 2;
  const read = readAny(file, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, args.lang);
  if (!read.ok) {
    err.write(`jianggao: ${file}: ${fileMessage(read.problem, args.lang)}\n`);
    return 2;
  }
  const word = wordOf(read);
  const positions = word ? wordPositions(word.document) : undefined;
  const result = analyze(read.text, { options: { ...config.options, rules: Object.fromEntries(RULES.map((r) => [r.id, 'off'])) } });
  const nodes = outlineOf(result.model, args.lang);
  const rate = config.options.speakingRate;
  const lineOf = (o: number) => (positions ? positions.positionAt(o).line : result.model.lineIndex.lineAt(o)) + 1;
  if (args.format === 'json') {
    const toJson = (n: OutlineNode): unknown => ({
      kind: n.kind, name: n.name, level: n.level, line: lineOf(n.start), endLine: lineOf(Math.max(n.start, n.end - 1)),
      chars: n.chars, minutes: Math.round(minutesOf(n.chars, rate) * 10) / 10, children: n.children.map(toJson),
    });
    out.write(JSON.stringify({ file, outline: nodes.map(toJson) }, null, 2) + '\n');
    return 0;
  }
  out.write(renderOutline(nodes, args.format === 'markdown' ? 'markdown' : 'text', args.lang, rate, lineOf));
  return 0;
}

/**
 * check --fix: fix-all's edits (the mechanical fixes only, the editor's fix-all) written back
 * into the file, in the encoding it was read in (UTF-8 with or without its BOM, UTF-16); a file
 * read another way (GB18030) is left alone with a word why. Returns the new text when written.
 */
function fixFile(file: string, read: DraftRead & { ok: true }, diagnostics: Diagnostic[]): { text?: string; message?: FileMessage } {
  const { text, fixed } = applyFixAll(read.text, diagnostics);
  if (fixed === 0 || text === read.text) return {};
  // A Word document is never rewritten: its layout is not in the text. --annotate says where.
  if (wordOf(read)) return { message: { key: 'not-written', data: { count: fixed, why: 'word' } } };
  const bytes = encodeLike(read, text);
  if (!bytes) return { message: { key: 'not-written', data: { count: fixed, why: 'encoding', encoding: read.encoding.toUpperCase() } } };
  try {
    // Written beside the file and renamed over it: an interrupted write never leaves half a draft.
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.jianggao-fix-${process.pid}`);
    fs.writeFileSync(temp, bytes, { mode: fs.statSync(file).mode });
    fs.renameSync(temp, file);
  } catch (e) {
    return { message: { key: 'not-written', data: { count: fixed, why: 'error', code: (e as NodeJS.ErrnoException).code ?? (e as Error).message } } };
  }
  return { text, message: { key: 'written', data: { count: fixed } } };
}

function encodeLike(read: DraftRead & { ok: true }, text: string): Buffer | undefined {
  if (read.encoding === 'utf-8') return Buffer.concat([Buffer.from(read.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
  if (read.encoding === 'utf-16le' || read.encoding === 'utf-16be') {
    const le = Buffer.from((read.bom ? '\ufeff' : '') + text, 'utf16le');
    return read.encoding === 'utf-16le' ? le : le.swap16();
  }
  return undefined;
}

/** `jianggao export FILE.speech [-o OUT.docx] [--podium]`: the draft as a Word document. */
function exportWord(args: Args, err: NodeJS.WritableStream): number | Promise<number> {
  if (args.files.length !== 1) throw new UsageError('export takes exactly one file');
  const file = args.files[0];
  const configs = new Configs(args.config, args.lang, err);
  configs.checkExplicit();
  const config = configs.for(file);
  if ('error' in config) return 2;
  const read = readAny(file, config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, args.lang);
  if (!read.ok) {
    err.write(`jianggao: ${file}: ${fileMessage(read.problem, args.lang)}\n`);
    return 2;
  }
  return writeExport({ input: file, output: args.output, layout: args.podium ? 'podium' : 'official', lang: args.lang, speakingRate: config.options.speakingRate, text: read.text }).then((written) => {
    err.write(`jianggao: ${written.line}\n`);
    return written.ok ? 0 : 2;
  });
}

function rules(args: Args, out: NodeJS.WritableStream): number {
  if (args.format === 'json') {
    out.write(JSON.stringify(RULES.map((r) => ({ id: r.id, severity: r.severity, default: defaultSetting(r), category: r.category, description: r.description[args.lang] })), null, 2) + '\n');
  } else {
    for (const r of RULES) out.write(`${r.id.padEnd(24)} ${defaultSetting(r).padEnd(8)} ${r.description[args.lang]}\n`);
  }
  return 0;
}

/** Runs the CLI as a process: bin/jianggao.js and `node dist/cli.js` both come here. */
export function run(argv: string[]): void {
  // A closed pipe (jianggao check … | head) is not an error: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 2));
  const failed = (e: unknown) => {
    process.stderr.write(`jianggao: internal error: ${(e as Error).message.split('\n')[0]}\n`);
    process.exitCode = 2;
  };
  try {
    const code = main(argv);
    if (typeof code === 'number') process.exitCode = code;
    else code.then((c) => (process.exitCode = c), failed);
  } catch (e) {
    failed(e);
  }
}

if (require.main === module) run(process.argv.slice(2));
