// Reading drafts from disk (the CLI, the workspace check, the workspace index): which files are
// speeches, what is text, which encoding. Every failure becomes a one-line reason; nothing
// here throws on bad input, and nothing is read that is not a regular file of a sane size.

import * as fs from 'fs';
import * as path from 'path';
import { looksLikeSpeech } from './analysis/detect';
import { FileMessage, fileMessage } from './fileMessages';

export const SPEECH_FILE = /\.speech(\.txt|\.md)?$/i;
/** Word documents in a directory (the CLI reads them through server/src/word/); not lock files or annotated copies. */
const WORD_DRAFT = (name: string) => /\.(docx|docm|doc)$/i.test(name) && !/^~\$|\.jianggao\.docx$/i.test(name);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
const MAX_DEPTH = 20;

export type DraftRead =
  | { ok: true; text: string; encoding: string; note?: string; notice?: FileMessage; bom?: boolean }
  | { ok: false; reason: string; problem: FileMessage };

/** A failure, worded in English for logs (`reason`) and kept as a message key for the CLI's language. */
const fail = (problem: FileMessage): DraftRead & { ok: false } => ({ ok: false, reason: fileMessage(problem, 'en'), problem });

/** A problem with a path named or found, for the CLI to word in its language. */
export interface PathProblem {
  path: string;
  message: FileMessage;
}

/** Plain-text drafts a directory walk reads the start of, to tell a speech from other notes. */
const PLAIN_TEXT = /\.txt$/i;
const SNIFF_BYTES = 64 * 1024;

/** Size cap when no configuration sets one: the editor's jianggao.maxFileSize default. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export const formatSize = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 10240 ? `${Math.round(n / 1024)} KB` : `${n} bytes`);

/**
 * Files named on the command line, directories searched for speech files (*.speech,
 * *.speech.txt, *.speech.md, Word's *.docx and old *.doc, and any other .txt whose text reads
 * like a speech: looksLikeSpeech; hidden and build directories skipped; symlinked files followed,
 * symlinked directories not, so a loop cannot trap the walk). Problems come back as message keys.
 */
export function collectFiles(inputs: string[]): { files: string[]; problems: PathProblem[] } {
  const files: string[] = [];
  const problems: PathProblem[] = [];
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      problems.push({ path: input, message: errno(e) === 'ENOENT' ? { key: 'no-such-path' } : { key: 'cannot-read', data: { code: errno(e) } } });
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(input, found, problems, 0);
      if (found.length === 0) problems.push({ path: input, message: { key: 'empty-directory' } });
      files.push(...found.sort());
    } else files.push(input);
  }
  return { files: [...new Set(files)], problems };
}

function walk(dir: string, out: string[], problems: PathProblem[], depth: number): void {
  if (depth > MAX_DEPTH) {
    problems.push({ path: dir, message: { key: 'too-deep', data: { max: MAX_DEPTH } } });
    return;
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: dir, message: { key: 'cannot-read-directory', data: { code: errno(e) } } });
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p, out, problems, depth + 1);
    } else if (!(e.isFile() || (e.isSymbolicLink() && isFile(p)))) continue;
    else if (SPEECH_FILE.test(e.name) || WORD_DRAFT(e.name) || (PLAIN_TEXT.test(e.name) && readsLikeSpeech(p))) out.push(p);
  }
}

/** A .txt found in a directory: its start decoded (UTF-8, GBK, UTF-16) and judged by looksLikeSpeech. */
export function readsLikeSpeech(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    // A character cut at the end of the sample is not broken text: drop the last few bytes.
    const sample = buf.subarray(0, n < SNIFF_BYTES ? n : n - 4);
    const read = decodeDraft(sample);
    return read.ok && looksLikeSpeech(read.text);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Reads a draft: only a regular file, only up to `maxBytes` (larger ones are reported, not loaded). */
export function readDraft(file: string, maxBytes = DEFAULT_MAX_FILE_SIZE): DraftRead {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return fail(errno(e) === 'ENOENT' ? { key: 'no-such-file' } : { key: 'cannot-read', data: { code: errno(e) } });
  }
  if (st.isDirectory()) return fail({ key: 'is-directory' });
  // A FIFO, a device or a socket would block or never end.
  if (!st.isFile()) return fail({ key: 'not-regular' });
  if (st.size > maxBytes) return fail({ key: 'too-large', data: { size: formatSize(st.size), limit: formatSize(maxBytes) } });
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return fail({ key: 'cannot-read', data: { code: errno(e) } });
  }
  const office = officeDocument(file, buf);
  if (office) return fail({ key: office });
  return decodeDraft(buf);
}

/** A Word document or a PDF, by its first bytes and its name: not text, but it deserves advice. */
function officeDocument(file: string, buf: Buffer): 'word-doc' | 'word-docx' | 'pdf' | undefined {
  const ext = path.extname(file).toLowerCase();
  const zip = buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
  const ole = buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  if (zip && (ext === '.docx' || ext === '.docm' || ext === '.dotx')) return 'word-docx';
  if (ole && (ext === '.doc' || ext === '.wps' || ext === '.dot')) return 'word-doc';
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return undefined;
}

/**
 * Bytes → text: UTF-8 (with or without a BOM), UTF-16 (with a BOM, or recognisably without
 * one), GB18030/GBK (old Windows drafts). Refused with a reason: binary files, UTF-8 with
 * broken bytes (the place is named), and bytes that are none of these.
 */
export function decodeDraft(buf: Buffer): DraftRead {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    return decodeUtf16(buf, buf[0] === 0xff ? 'utf-16le' : 'utf-16be', true);
  }
  const utf16 = utf16WithoutBom(buf);
  if (utf16) {
    const read = decodeUtf16(buf, utf16, false);
    if (read.ok && mostlyText(read.text)) return read;
  }
  if (looksBinary(buf)) return fail({ key: 'binary' });
  try {
    // The decoder drops a leading BOM; writing the text back (check --fix) puts it back.
    const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8', bom };
  } catch {
    /* not UTF-8: broken UTF-8, or another encoding */
  }
  const { valid, invalid, firstInvalid } = utf8Census(buf);
  // Mostly well-formed UTF-8 with a few broken bytes (a truncated copy, a bad merge): say where.
  if (valid >= 4 * invalid) {
    const line = 1 + buf.subarray(0, firstInvalid).filter((b) => b === 0x0a).length;
    return fail({ key: 'broken-utf8', data: { line, byte: firstInvalid } });
  }
  // Old drafts are often GBK/GB18030 (Windows Chinese). Accept that decoding only when it is
  // mostly in GB2312's common rows.
  const gb = decodeGb18030(buf);
  if (gb) return withNotice({ ok: true, text: gb, encoding: 'gb18030' }, { key: 'decoded-gb18030' });
  return fail({ key: 'unknown-encoding' });
}

function withNotice(read: DraftRead & { ok: true }, notice: FileMessage): DraftRead {
  return { ...read, notice, note: fileMessage(notice, 'en') };
}

function decodeUtf16(buf: Buffer, encoding: 'utf-16le' | 'utf-16be', bom: boolean): DraftRead {
  try {
    const read = { ok: true as const, text: new TextDecoder(encoding, { fatal: true }).decode(buf), encoding, bom };
    return withNotice(read, { key: 'decoded-utf16', data: { encoding: encoding.toUpperCase(), bom: bom ? 1 : 0 } });
  } catch {
    return fail({ key: 'broken-utf16', data: { encoding: encoding.toUpperCase() } });
  }
}

/** UTF-16 without a BOM: Chinese and ASCII text in it has a NUL byte in most ASCII code units, all on one side. */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 8192) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const units = n / 2;
  // ASCII (line breaks, digits) puts its NUL on one side; a Chinese character rarely (开 is 5F00).
  if (oddZero > units * 0.02 && evenZero * 4 < oddZero) return 'utf-16le';
  if (evenZero > units * 0.02 && oddZero * 4 < evenZero) return 'utf-16be';
  return undefined;
}

/** Text a person wrote: Han, letters, digits, punctuation and spacing, hardly anything else. */
function mostlyText(text: string): boolean {
  const sample = text.slice(0, 4096);
  const other = sample.replace(/[\p{Script=Han}\p{L}\p{N}\p{P}\p{Zs}\t\r\n\ufeff]/gu, '').length;
  return other <= sample.length * 0.05;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Well-formed UTF-8 multi-byte sequences, bytes that are not part of one, and where the first such byte is. */
function utf8Census(buf: Buffer): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < buf.length;) {
    const b = buf[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      if (len > 1) valid++;
      i += len;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { valid, invalid, firstInvalid };
}

function decodeGb18030(buf: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
  // Double-byte pairs in GB2312's rows of punctuation and full-width forms (A1–A3) and hanzi
  // (B0–F7). Big5's common characters lead with A4–C6, and would mostly decode to kana and rare hanzi.
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x81) continue;
    const t = buf[i + 1] ?? 0;
    pairs++;
    if (((b >= 0xa1 && b <= 0xa3) || (b >= 0xb0 && b <= 0xf7)) && t >= 0xa1 && t <= 0xfe) common++;
    i += t >= 0x30 && t <= 0x39 ? 3 : 1; // four-byte GB18030 sequences
  }
  return pairs > 0 && common / pairs >= 0.7 ? text : undefined;
}
