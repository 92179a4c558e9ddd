// Reading drafts from disk for the CLI: what is a speech file, what is text, which encoding.
// Every failure becomes a one-line reason; nothing here throws on bad input.

import * as fs from 'fs';
import * as path from 'path';

export const SPEECH_FILE = /\.speech(\.txt|\.md)?$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

export type DraftRead =
  | { ok: true; text: string; encoding: string; note?: string }
  | { ok: false; reason: string };

/** Largest file the CLI reads (bigger ones are reported, not loaded). */
export const MAX_CLI_BYTES = 64 * 1024 * 1024;

export function collectFiles(inputs: string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      problems.push(`${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(input, found, problems, 0);
      if (found.length === 0) problems.push(`${input}: a directory with no speech files (*.speech, *.speech.txt, *.speech.md)`);
      files.push(...found.sort());
    } else files.push(input);
  }
  return { files, problems };
}

function walk(dir: string, out: string[], problems: string[], depth: number): void {
  if (depth > 20) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push(`${dir}: cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p, out, problems, depth + 1);
    } else if (e.isFile() && SPEECH_FILE.test(e.name)) out.push(p);
  }
}

export function readDraft(file: string): DraftRead {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as Error).message})` };
  }
  if (st.isDirectory()) return { ok: false, reason: 'is a directory' };
  if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
  if (st.size > MAX_CLI_BYTES) return { ok: false, reason: `too large (${(st.size / 1048576).toFixed(1)} MB; the limit is ${MAX_CLI_BYTES / 1048576} MB)` };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  return decodeDraft(buf);
}

/** Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, GB18030/GBK; binary refused. */
export function decodeDraft(buf: Buffer): DraftRead {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf), encoding: 'utf-16le', note: 'decoded as UTF-16LE' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf), encoding: 'utf-16be', note: 'decoded as UTF-16BE' };
  if (looksBinary(buf)) return { ok: false, reason: 'a binary file, not text (skipped)' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: old drafts are often GBK/GB18030 (Windows Chinese). Accept that decoding only
    // when it yields mostly Chinese text, otherwise the bytes are something else.
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
      const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
      const nonAscii = (text.match(/[^\x00-\x7f]/g) ?? []).length;
      if (nonAscii > 0 && han / nonAscii > 0.6) return { ok: true, text, encoding: 'gb18030', note: 'not UTF-8; decoded as GB18030/GBK' };
    } catch {
      /* fall through */
    }
    return { ok: false, reason: 'not valid UTF-8 (nor GBK/GB18030) text (skipped); save it as UTF-8' };
  }
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
