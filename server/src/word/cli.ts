// The command line's Word support, kept apart from cli.ts: reading a .docx as a draft,
// `check --annotate` (the commented copy beside the original) and `export` (.speech → .docx).

import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../analysis';
import { annotateDocx } from './annotate';
import { exportDocx, ExportLayout } from './export';
import { Locale, WordProblem, problemMessage, skippedMessage } from './messages';
import { DEFAULT_LIMITS, WordDocument, readDocx } from './read';

/** Word documents a directory search picks up (`.doc` too: it is named, with what to do). */
export const WORD_FILE = /\.(docx|docm|dotx|dotm|doc)$/i;

/** Largest .docx read at all (pictures make drafts big; only the text parts are inflated). */
export const MAX_DOCX_FILE = 100 * 1024 * 1024;

export function isWordFile(file: string): boolean {
  return WORD_FILE.test(file);
}

export type WordDraftRead =
  | { ok: true; text: string; encoding: 'docx'; note?: string; word: { document: WordDocument; bytes: Buffer } }
  | { ok: false; reason: string };

/** The Word document behind a draft read by readWordFile, if it was one. */
export function wordOf(read: object): { document: WordDocument; bytes: Buffer } | undefined {
  return 'word' in read ? (read as { word: { document: WordDocument; bytes: Buffer } }).word : undefined;
}

export function readWordFile(file: string, maxTextBytes: number, lang: Locale): WordDraftRead {
  const fail = (problem: WordProblem): WordDraftRead => ({ ok: false, reason: problemMessage(problem, lang) });
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, reason: lang === 'zh' ? '不是普通文件：跳过' : 'not a regular file (skipped)' };
    if (st.size > MAX_DOCX_FILE) return fail({ kind: 'file-too-large', bytes: st.size, limit: MAX_DOCX_FILE });
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, reason: code === 'ENOENT' ? (lang === 'zh' ? '文件不存在' : 'no such file') : lang === 'zh' ? `无法读取（${code}）` : `cannot read (${code})` };
  }
  const read = readDocx(bytes, { maxInflated: DEFAULT_LIMITS.maxInflated, maxTextBytes });
  if (!read.ok) return fail(read.problem);
  const doc = read.document;
  const notes: string[] = [];
  const skipped = skippedMessage(doc.skipped, lang);
  if (skipped) notes.push(skipped);
  if (doc.trackedChanges) notes.push(lang === 'zh' ? `修订按“全部接受”读取（${doc.trackedChanges} 处）` : `tracked changes read as accepted (${doc.trackedChanges})`);
  return { ok: true, text: doc.text, encoding: 'docx', note: notes.length ? notes.join(lang === 'zh' ? '；' : '; ') : undefined, word: { document: doc, bytes } };
}

/**
 * Positions in a Word document: the line is the paragraph's number (every body paragraph
 * counted, empty ones too), the column counts within the paragraph as displayed, its
 * automatic number included.
 */
export function wordPositions(doc: WordDocument): { positionAt(offset: number): { line: number; character: number } } {
  return {
    positionAt(offset: number) {
      const { paragraph, column } = doc.paragraphAt(offset);
      return { line: paragraph.number - 1, character: column };
    },
  };
}

/** `draft.docx` → `draft.jianggao.docx`, beside it. */
export function annotatedPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.jianggao.docx`);
}

/** Writes the annotated copy; returns the line to print. Never touches the original. */
export function writeAnnotated(file: string, word: { document: WordDocument; bytes: Buffer }, diagnostics: Diagnostic[], lang: Locale): { ok: boolean; line: string } {
  const out = annotatedPath(file);
  try {
    if (path.resolve(out) === path.resolve(file)) throw new Error('same file');
    const ruleLine = (rule: string) => (lang === 'zh' ? `规则：${rule}` : `rule: ${rule}`);
    const annotated = annotateDocx(word.bytes, word.document, diagnostics.map((d) => ({ start: d.start, end: d.end, lines: [d.message, ruleLine(d.rule)] })));
    // Written to a temporary name first: a failed write never leaves half a document.
    writeWhole(out, annotated);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0];
    return { ok: false, line: lang === 'zh' ? `${file}：未能写出带批注的副本 ${out}（${why}）` : `${file}: could not write the annotated copy ${out} (${why})` };
  }
  const n = diagnostics.length;
  return { ok: true, line: lang === 'zh' ? `已写出 ${out}（${n} 条批注）` : `wrote ${out} (${n} comment${n === 1 ? '' : 's'})` };
}

export interface ExportRequest {
  input: string;
  output?: string;
  layout: ExportLayout;
  lang: Locale;
  speakingRate: number;
  text: string;
}

/** `draft.speech` → `draft.docx` (`draft.speech.txt` → `draft.docx`); the podium copy `draft.podium.docx`. */
export function exportPath(input: string, layout: ExportLayout): string {
  const base = path.basename(input).replace(/\.speech(\.txt|\.md)?$/i, '').replace(/\.(txt|md)$/i, '');
  return path.join(path.dirname(input), `${base}${layout === 'podium' ? '.podium' : ''}.docx`);
}

export async function writeExport(req: ExportRequest): Promise<{ ok: boolean; line: string }> {
  const out = req.output ?? exportPath(req.input, req.layout);
  const zh = req.lang === 'zh';
  if (path.resolve(out) === path.resolve(req.input)) {
    return { ok: false, line: zh ? `${out}：输出文件不能是输入文件` : `${out}: the output cannot be the input file` };
  }
  try {
    const bytes = await exportDocx(req.text, { layout: req.layout, lang: req.lang, speakingRate: req.speakingRate });
    writeWhole(out, bytes);
    return { ok: true, line: zh ? `已写出 ${out}` : `wrote ${out}` };
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0];
    return { ok: false, line: zh ? `${out}：无法写出（${why}）` : `${out}: cannot write (${why})` };
  }
}

/** Writes through a temporary file beside the target: a failed write never leaves half a document. */
function writeWhole(out: string, bytes: Buffer): void {
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
