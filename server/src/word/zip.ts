// The zip container of a .docx. Reading walks the central directory and inflates only the
// parts asked for, with Node's zlib under a byte budget (`maxOutputLength`): the budget counts
// what really comes out, not what the header declares, so a zip bomb or a lying size stops at
// the cap instead of filling memory. Writing (the annotated copy) goes through fflate, the zip
// library the `docx` package already brings.

import * as zlib from 'zlib';
import { zipSync, Zippable } from 'fflate';

export type ZipProblem =
  | { kind: 'not-zip' }
  | { kind: 'ole'; what: 'encrypted' | 'doc' | 'other' }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'encrypted-entry' }
  | { kind: 'too-large'; limit: number };

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.kind);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MAX_ENTRIES = 20000;

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/**
 * An OLE compound file (the old binary formats): a password-protected .docx is one (its
 * streams `EncryptionInfo` and `EncryptedPackage`), a Word 97–2003 .doc is one (`WordDocument`).
 * Directory entries are UTF-16 names; finding them anywhere in the file is enough to tell.
 */
export function oleKind(buf: Uint8Array): 'encrypted' | 'doc' | 'other' | undefined {
  if (buf.length < 8 || OLE_MAGIC.some((b, i) => buf[i] !== b)) return undefined;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.includes(utf16('EncryptedPackage')) || b.includes(utf16('EncryptionInfo'))) return 'encrypted';
  if (b.includes(utf16('WordDocument'))) return 'doc';
  return 'other';
}

export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  /** `budget`: the most bytes all the parts read may inflate to, together. */
  constructor(private readonly buf: Buffer, private readonly budget: number) {
    const ole = oleKind(buf);
    if (ole) throw new ZipError({ kind: 'ole', what: ole });
    if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) {
      // An empty zip starts with the end record; nothing else is a zip a word processor wrote.
      if (!(buf.length >= 22 && buf.readUInt32LE(0) === 0x06054b50)) throw new ZipError({ kind: 'not-zip' });
    }
    let eocd = -1;
    for (let p = buf.length - 22, stop = Math.max(0, buf.length - 22 - 65535); p >= stop; p--) {
      if (buf.readUInt32LE(p) === 0x06054b50) {
        eocd = p;
        break;
      }
    }
    if (eocd < 0) throw new ZipError({ kind: 'corrupt', detail: 'no end of central directory' });
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError({ kind: 'corrupt', detail: 'zip64 archives are not supported' });
    if (count > MAX_ENTRIES) throw new ZipError({ kind: 'corrupt', detail: `${count} entries` });
    if (cdOffset + cdSize > buf.length) throw new ZipError({ kind: 'corrupt', detail: 'central directory outside the file' });
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipError({ kind: 'corrupt', detail: 'bad central directory' });
      const nameLength = buf.readUInt16LE(p + 28);
      const entry: ZipEntry = {
        flags: buf.readUInt16LE(p + 8),
        method: buf.readUInt16LE(p + 10),
        compressedSize: buf.readUInt32LE(p + 20),
        size: buf.readUInt32LE(p + 24),
        localOffset: buf.readUInt32LE(p + 42),
        name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLength)),
      };
      p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
      this.entries.push(entry);
      // Part names are case-insensitive in a package (OPC); the first of a name wins.
      const key = entry.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, entry);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name.replace(/^\//, '').toLowerCase());
  }

  /** The part's bytes, or undefined when there is no such part. Throws ZipError on damage or over budget. */
  read(name: string): Buffer | undefined {
    const e = this.byName.get(name.replace(/^\//, '').toLowerCase());
    if (!e) return undefined;
    if (e.flags & 1) throw new ZipError({ kind: 'encrypted-entry' });
    const b = this.buf;
    const local = e.localOffset;
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) throw new ZipError({ kind: 'corrupt', detail: `bad local header for ${e.name}` });
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw new ZipError({ kind: 'corrupt', detail: `${e.name} runs past the end of the file` });
    const data = b.subarray(start, end);
    const remaining = this.budget - this.inflated;
    let out: Buffer;
    if (e.method === 0) {
      out = Buffer.from(data);
    } else if (e.method === 8) {
      try {
        out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, remaining + 1) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipError({ kind: 'too-large', limit: this.budget });
        throw new ZipError({ kind: 'corrupt', detail: `${e.name} cannot be inflated` });
      }
    } else {
      throw new ZipError({ kind: 'corrupt', detail: `${e.name} uses compression method ${e.method}` });
    }
    if (out.length > remaining) throw new ZipError({ kind: 'too-large', limit: this.budget });
    this.inflated += out.length;
    return out;
  }

  /**
   * Every entry's bytes as stored (for rewriting the package): deflated entries are inflated
   * under the same budget; directories are left out.
   */
  readAll(): Map<string, Buffer> {
    const all = new Map<string, Buffer>();
    for (const e of this.entries) {
      if (e.name.endsWith('/') || all.has(e.name)) continue;
      all.set(e.name, this.readEntry(e));
    }
    return all;
  }

  private readEntry(e: ZipEntry): Buffer {
    const key = e.name.toLowerCase();
    const first = this.byName.get(key);
    if (first === e) return this.read(e.name)!;
    // A duplicate name: read it through a throwaway map entry.
    this.byName.set(key, e);
    try {
      return this.read(e.name)!;
    } finally {
      this.byName.set(key, first!);
    }
  }
}

/** A new package from parts (names in order); media and other binaries are stored, XML deflated. */
export function writeZip(parts: Map<string, Uint8Array>): Buffer {
  const zippable: Zippable = {};
  for (const [name, data] of parts) {
    zippable[name] = [data, { level: /\.(xml|rels)$/i.test(name) ? 6 : 0 }];
  }
  return Buffer.from(zipSync(zippable));
}
