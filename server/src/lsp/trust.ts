// Which files the server may read for a document: its .jianggao.json and the dictionaries it
// names. A trusted workspace may point anywhere; an untrusted one only inside its folders,
// symlinks resolved (ws/link.dict → ~/secret is outside, however its path reads).

import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE } from '../config';
import { ServerContext } from './context';

/** Whether `file` lies in `dir` (or is it), by path: the separator counts (ws2 is not in ws). */
export function contains(dir: string, file: string): boolean {
  const d = path.resolve(dir);
  const f = path.resolve(file);
  return f === d || f.startsWith(d.endsWith(path.sep) ? d : d + path.sep);
}

/** The path with every symlink resolved (as the file system will open it); as given when it does not exist. */
export function realPath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

export class Trust {
  constructor(private readonly ctx: ServerContext) {}

  /** Whether a file the server would read lies in a workspace folder, symlinks resolved on both sides. */
  insideWorkspace(file: string): boolean {
    const real = realPath(file);
    return this.ctx.workspaceFolders.some((w) => contains(realPath(w), real));
  }

  /** The workspace folder holding `file`, if any. */
  folderOf(file: string): string | undefined {
    return this.ctx.workspaceFolders.find((w) => contains(w, file));
  }

  /** The .jianggao.json in force for a document: the nearest above it, never above its workspace folder. */
  findWorkspaceConfig(docPath: string | undefined): string | undefined {
    if (!docPath) return undefined;
    const { trusted } = this.ctx;
    const root = this.folderOf(docPath);
    // Outside the workspace folders an untrusted window reads no configuration at all.
    if (root === undefined && !trusted) return undefined;
    let dir = path.dirname(path.resolve(docPath));
    for (;;) {
      const candidate = path.join(dir, CONFIG_FILE);
      if (fs.existsSync(candidate)) {
        // Untrusted: a .jianggao.json that is a symlink to a file outside the workspace is not read.
        if (trusted || this.insideWorkspace(candidate)) return candidate;
        this.ctx.logOnce(`ignoring ${candidate}: it leads outside the untrusted workspace (${realPath(candidate)})`);
        return undefined;
      }
      // Inside the workspace the search stops at its folder: nothing above it is read.
      if (root !== undefined && path.resolve(dir) === path.resolve(root)) return undefined;
      const up = path.dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  }

  /** Dictionaries named in configuration: relative to their config, inside the workspace when untrusted. */
  acceptDictionaries(paths: string[], base: string | undefined): string[] {
    const out: string[] = [];
    for (const p of paths) {
      const abs = path.resolve(base ?? this.ctx.workspaceFolders[0] ?? process.cwd(), p);
      if (!this.ctx.trusted && !this.insideWorkspace(abs)) {
        this.ctx.logOnce(`ignoring dictionary outside the untrusted workspace: ${abs}${realPath(abs) !== abs ? ` (→ ${realPath(abs)})` : ''}`);
        continue;
      }
      if (!fs.existsSync(abs)) {
        this.ctx.logOnce(`dictionary not found: ${abs}`);
        continue;
      }
      out.push(abs);
    }
    return out;
  }
}
