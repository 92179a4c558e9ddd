// The workspace's speech files as a paragraph corpus for reused-paragraph: read from disk in
// the background after the first diagnostics are out, bounded (files, bytes, directories),
// yielding between files, and kept current from open documents and file-change events.

import * as fs from 'fs';
import * as path from 'path';
import { ParagraphCorpus, DocumentModel } from '../analysis';
import { SPEECH_FILE, decodeDraft } from '../files';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

export interface CorpusLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxDirectories: number;
}

export const DEFAULT_CORPUS_LIMITS: CorpusLimits = {
  maxFiles: 500,
  maxFileBytes: 2 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxDirectories: 5000,
};

export class WorkspaceCorpus {
  readonly corpus = new ParagraphCorpus();
  private state: 'idle' | 'scanning' | 'ready' = 'idle';
  private stamps = new Map<string, string>();

  constructor(private readonly log: (message: string) => void, private readonly limits: CorpusLimits = DEFAULT_CORPUS_LIMITS) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Scans the folders once (later calls return at once); resolves when the corpus is ready. */
  async scan(folders: string[]): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'scanning';
    const t0 = Date.now();
    const files: string[] = [];
    let directories = 0;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 20 || files.length >= this.limits.maxFiles || ++directories > this.limits.maxDirectories) return;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(p, depth + 1);
        } else if (e.isFile() && SPEECH_FILE.test(e.name) && files.length < this.limits.maxFiles) files.push(p);
      }
    };
    for (const folder of folders) await walk(folder, 0);
    let total = 0;
    for (const file of files) {
      if (total >= this.limits.maxTotalBytes) break;
      total += await this.read(file);
      // Yield between files: edits and requests come first.
      await new Promise((r) => setImmediate(r));
    }
    this.state = 'ready';
    this.log(`workspace paragraphs indexed: ${this.corpus.size} speech file(s), ${(total / 1024).toFixed(0)} KB, ${Date.now() - t0} ms`);
  }

  /** (Re-)reads one file from disk; returns the bytes read. */
  async read(file: string): Promise<number> {
    if (!SPEECH_FILE.test(file)) return 0;
    try {
      const st = await fs.promises.stat(file);
      if (!st.isFile() || st.size > this.limits.maxFileBytes) {
        this.forget(file);
        return 0;
      }
      const stamp = `${st.mtimeMs}:${st.size}`;
      if (this.stamps.get(file) === stamp) return 0;
      const draft = decodeDraft(await fs.promises.readFile(file));
      if (!draft.ok) return 0;
      this.corpus.set(file, draft.text);
      this.stamps.set(file, stamp);
      return st.size;
    } catch {
      this.forget(file);
      return 0;
    }
  }

  /** An open document's current text stands for its file (unsaved edits included). */
  update(file: string, model: DocumentModel): void {
    if (!SPEECH_FILE.test(file)) return;
    this.corpus.set(file, model);
    this.stamps.delete(file);
  }

  forget(file: string): void {
    this.corpus.delete(file);
    this.stamps.delete(file);
  }
}
