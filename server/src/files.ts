// Reading drafts from disk (the CLI, the workspace check, the workspace index): which files are
// speeches, what is text, which encoding. Every failure becomes a one-line reason; nothing
// here throws on bad input, and nothing is read that is not a regular file of a sane size.

import * as fs from 'fs';
import * as path from 'path';

export const SPEECH_FILE = /\.speech(\.txt|\.md)?$/i;
/** Word documents in a directory (the CLI reads them through server/src/word/); not lock files or annotated copies. */
const WORD_DRAFT = (name: string) => /\.(docx|docm|doc)$/i.test(name) && !/^~\$|\.jianggao\.docx$/i.test(name);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
const MAX_DEPTH = 20;

export type DraftRead =
  | { ok: true; text: string; encoding: string; note?: string }
  | { ok: false; reason: string };

/** Size cap when no configuration sets one: the editor's jianggao.maxFileSize default. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export const formatSize = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 10240 ? `${Math.round(n / 1024)} KB` : `${n} bytes`);

/**
 * Files named on the command line, directories searched for speech files (*.speech,
 * *.speech.txt, *.speech.md, Word's *.docx and old *.doc; hidden and build directories skipped; symlinked files followed,
 * symlinked directories not, so a loop cannot trap the walk). Problems come back as lines.
 */
export function collectFiles(inputs: string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      problems.push(`${input}: ${errno(e) === 'ENOENT' ? 'no such file or directory' : `cannot read (${errno(e)})`}`);
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(input, found, problems, 0);
      if (found.length === 0) problems.push(`${input}: a directory with no speech files (*.speech, *.speech.txt, *.speech.md, *.docx)`);
      files.push(...found.sort());
    } else files.push(input);
  }
  return { files: [...new Set(files)], problems };
}

function walk(dir: string, out: string[], problems: string[], depth: number): void {
  if (depth > MAX_DEPTH) {
    problems.push(`${dir}: nested more than ${MAX_DEPTH} directories deep, not searched`);
    return;
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push(`${dir}: cannot read directory (${errno(e)})`);
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p, out, problems, depth + 1);
    } else if ((SPEECH_FILE.test(e.name) || WORD_DRAFT(e.name)) && (e.isFile() || (e.isSymbolicLink() && isFile(p)))) out.push(p);
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
    return { ok: false, reason: errno(e) === 'ENOENT' ? 'no such file' : `cannot read (${errno(e)})` };
  }
  if (st.isDirectory()) return { ok: false, reason: 'is a directory' };
  // A FIFO, a device or a socket would block or never end.
  if (!st.isFile()) return { ok: false, reason: 'not a regular file (skipped)' };
  if (st.size > maxBytes) return { ok: false, reason: `${formatSize(st.size)}, over the ${formatSize(maxBytes)} limit (maxFileSize in .jianggao.json): not checked` };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, reason: `cannot read (${errno(e)})` };
  }
  return decodeDraft(buf);
}

/**
 * Bytes → text: UTF-8 (with or without a BOM), UTF-16 (with a BOM, or recognisably without
 * one), GB18030/GBK (old Windows drafts). Refused with a reason: binary files, UTF-8 with
 * broken bytes (the place is named), and bytes that are none of these.
 */
export function decodeDraft(buf: Buffer): DraftRead {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    return decodeUtf16(buf, buf[0] === 0xff ? 'utf-16le' : 'utf-16be', 'with a BOM');
  }
  const utf16 = utf16WithoutBom(buf);
  if (utf16) {
    const read = decodeUtf16(buf, utf16, 'without a BOM');
    if (read.ok && mostlyText(read.text)) return read;
  }
  if (looksBinary(buf)) return { ok: false, reason: 'a binary file, not text (skipped)' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    /* not UTF-8: broken UTF-8, or another encoding */
  }
  const { valid, invalid, firstInvalid } = utf8Census(buf);
  // Mostly well-formed UTF-8 with a few broken bytes (a truncated copy, a bad merge): say where.
  if (valid >= 4 * invalid) {
    const line = 1 + buf.subarray(0, firstInvalid).filter((b) => b === 0x0a).length;
    return { ok: false, reason: `not valid UTF-8: broken bytes from line ${line} (byte ${firstInvalid}) on (skipped); repair the text or save it again as UTF-8` };
  }
  // Old drafts are often GBK/GB18030 (Windows Chinese). Accept that decoding only when it is
  // mostly in GB2312's common rows.
  const gb = decodeGb18030(buf);
  if (gb) return { ok: true, text: gb, encoding: 'gb18030', note: 'not UTF-8; decoded as GB18030/GBK (save it as UTF-8 to be sure)' };
  return { ok: false, reason: 'neither UTF-8 nor GBK/GB18030 text (Big5? another encoding?): skipped; save it as UTF-8' };
}

function decodeUtf16(buf: Buffer, encoding: 'utf-16le' | 'utf-16be', how: string): DraftRead {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(buf), encoding, note: `decoded as ${encoding.toUpperCase()} (${how})` };
  } catch {
    return { ok: false, reason: `not valid ${encoding.toUpperCase()} text (skipped)` };
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
