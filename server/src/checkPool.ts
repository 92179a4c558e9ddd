// `jianggao check DIR` on many files: the files are spread over worker threads
// (dist/checkWorker.js), one per core by default, and the results come back in the files'
// order, the same as checked one after another. Reuse across files (reused-paragraph) stays
// whole: the workers first list each file's paragraphs, the main thread keeps those that stand
// in two files or more, in file order, and every worker checks against that shared list.
//
// The CLI is synchronous (a plain function from arguments to an exit code), so the main
// thread waits on shared memory (Atomics.wait) and takes the workers' replies with
// receiveMessageOnPort. A worker that stops answering (no reply within the deadline) is given
// up on: what it held is checked on the main thread.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { analyze, AnalysisOptions, Diagnostic, LineIndex, ParagraphCorpus, ParagraphPlace, splitLines, WordSegmenter } from './analysis';

/** The pool is worth starting (a dictionary load per worker) from this much text on. */
export const POOL_MIN_FILES = 8;
export const POOL_MIN_CHARS = 200_000;

export interface PoolTask {
  file: string;
  text: string;
  options: AnalysisOptions;
}

export interface PoolResult {
  diagnostics: Diagnostic[];
  ruleErrors: Array<{ rule: string; error: string }>;
  /** Set when the file could not be checked (a bug of ours). */
  error?: string;
}

export type ToWorker =
  | { kind: 'paragraphs'; index: number; file: string; text: string }
  | { kind: 'corpus'; places: Array<[string, ParagraphPlace]> }
  | { kind: 'check'; index: number; file: string; text: string; options: AnalysisOptions; withCorpus: boolean };

export type FromWorker =
  | { kind: 'paragraphs'; index: number; places: Array<[string, ParagraphPlace]> }
  | { kind: 'checked'; index: number; result: PoolResult }
  | { kind: 'log'; message: string };

export interface CheckWorkerData {
  port: MessagePort;
  /** Int32 [0]: bumped by a worker after each reply, so the main thread wakes up. */
  signal: SharedArrayBuffer;
  dictionaries: string[];
}

/** Worker threads for `--jobs` (0 or absent: one per core). */
export function jobsFor(requested: number | undefined): number {
  if (requested && requested > 0) return Math.floor(requested);
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Whether checking these files on `jobs` threads pays for starting them. */
export function poolWorthIt(tasks: PoolTask[], jobs: number): boolean {
  if (jobs < 2 || tasks.length < POOL_MIN_FILES) return false;
  let chars = 0;
  for (const t of tasks) chars += t.text.length;
  return chars >= POOL_MIN_CHARS && fs.existsSync(workerFile());
}

function workerFile(): string {
  return path.join(__dirname, 'checkWorker.js');
}

interface Lane {
  worker: Worker;
  port: MessagePort;
  busy: number | undefined;
  /** When its task is given up on. */
  deadline: number;
  dead: boolean;
}

/**
 * Checks every task, each against the others' paragraphs when `withCorpus`; results in the
 * tasks' order. `fallback` checks one task on the main thread (for a worker given up on).
 */
export function checkInPool(
  tasks: PoolTask[],
  opts: { jobs: number; dictionaries: string[]; withCorpus: boolean; log: (m: string) => void; fallback: (task: PoolTask, corpus: ParagraphCorpus | undefined) => PoolResult },
): PoolResult[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const lanes: Lane[] = [];
  for (let i = 0; i < Math.min(opts.jobs, tasks.length); i++) {
    const { port1, port2 } = new MessageChannel();
    const data: CheckWorkerData = { port: port2, signal: signal.buffer as SharedArrayBuffer, dictionaries: opts.dictionaries };
    const worker = new Worker(workerFile(), { workerData: data, transferList: [port2] });
    worker.unref();
    lanes.push({ worker, port: port1, busy: undefined, deadline: Infinity, dead: false });
  }
  try {
    let corpus: ParagraphCorpus | undefined;
    if (opts.withCorpus) {
      const places: Array<Array<[string, ParagraphPlace]>> = new Array(tasks.length);
      run(lanes, signal, tasks.length, opts.log, (index) => ({ kind: 'paragraphs', index, file: tasks[index].file, text: tasks[index].text }), (m) => {
        if (m.kind === 'paragraphs') places[m.index] = m.places;
      }, (index) => {
        // Given up on: its paragraphs listed here.
        const single = new ParagraphCorpus();
        single.set(tasks[index].file, tasks[index].text);
        places[index] = [...single.keys(tasks[index].file)].flatMap((k) => single.places(k).map((p) => [k, p] as [string, ParagraphPlace]));
      });
      corpus = sharedCorpus(places);
      const entries = corpus.entries();
      for (const lane of lanes) if (!lane.dead) lane.port.postMessage({ kind: 'corpus', places: entries } satisfies ToWorker);
    }
    const results: PoolResult[] = new Array(tasks.length);
    run(lanes, signal, tasks.length, opts.log, (index) => ({ kind: 'check', index, file: tasks[index].file, text: tasks[index].text, options: tasks[index].options, withCorpus: opts.withCorpus }), (m) => {
      if (m.kind === 'checked') results[m.index] = m.result;
    }, (index) => {
      results[index] = opts.fallback(tasks[index], corpus);
    });
    return results;
  } finally {
    for (const lane of lanes) void lane.worker.terminate();
  }
}

/**
 * The paragraphs that stand in two files or more, in the files' order (what the CLI's
 * corpus would give for them: a lookup for any other paragraph finds no other file anyway).
 */
function sharedCorpus(places: Array<Array<[string, ParagraphPlace]>>): ParagraphCorpus {
  const holders = new Map<string, Set<string>>();
  for (const list of places) for (const [key, p] of list) {
    let set = holders.get(key);
    if (!set) holders.set(key, (set = new Set()));
    set.add(p.document);
  }
  const corpus = new ParagraphCorpus();
  for (const list of places) corpus.add(list.filter(([key]) => holders.get(key)!.size > 1));
  return corpus;
}

/** Deadline for one task: a minute, and a minute more per million characters (a pathological draft is slow, not stuck). */
const deadlineMs = (chars: number) => 60_000 + (60_000 * chars) / 1_000_000;

/** Hands out tasks 0..count-1 to the lanes as they free up, until every task has its reply. */
function run(
  lanes: Lane[], signal: Int32Array, count: number, log: (m: string) => void,
  message: (index: number) => ToWorker, reply: (m: FromWorker) => void, fallback: (index: number) => void,
): void {
  let next = 0;
  let done = 0;
  const give = (lane: Lane) => {
    if (next >= count) return;
    lane.busy = next++;
    const m = message(lane.busy);
    lane.deadline = Date.now() + deadlineMs('text' in m ? m.text.length : 0);
    lane.port.postMessage(m);
  };
  for (const lane of lanes) if (!lane.dead) give(lane);
  while (done < count) {
    const seen = Atomics.load(signal, 0);
    let progressed = false;
    for (const lane of lanes) {
      for (let m = receiveMessageOnPort(lane.port); m; m = receiveMessageOnPort(lane.port)) {
        const msg = m.message as FromWorker;
        if (msg.kind === 'log') {
          log(msg.message);
          continue;
        }
        reply(msg);
        done++;
        progressed = true;
        lane.busy = undefined;
        give(lane);
      }
    }
    if (progressed) continue;
    const alive = lanes.filter((l) => !l.dead);
    const stuck = alive.find((l) => l.busy !== undefined && Date.now() > l.deadline);
    if (stuck || alive.length === 0) {
      // Given up on: its task, and every task not handed out yet, are checked here.
      if (stuck) {
        stuck.dead = true;
        log(`a checking thread stopped answering; its file is checked on the main thread`);
        fallback(stuck.busy!);
        done++;
      }
      if (lanes.every((l) => l.dead)) {
        for (; next < count; next++, done++) fallback(next);
      }
      continue;
    }
    Atomics.wait(signal, 0, seen, 1000);
  }
}

export { workerFile as checkWorkerFile };

export interface DraftToCheck extends PoolTask {
  /** Dictionaries of its configuration (the segmenter takes the first draft's, as one process holds one set). */
  dictionaries: string[];
}

export interface CheckedDraft extends PoolResult {
  lineIndex: { positionAt(offset: number): { line: number; character: number } };
}

/**
 * Checks the drafts, each against the others' paragraphs when there are several: on `jobs`
 * threads when that pays, else one after another here. Results in the drafts' order either way.
 */
export function checkDrafts(
  drafts: DraftToCheck[],
  opts: { jobs: number; words: (dictionaries: string[]) => WordSegmenter; log: (m: string) => void },
): CheckedDraft[] {
  const withCorpus = drafts.length > 1;
  const one = (task: DraftToCheck, corpus: ParagraphCorpus | undefined): CheckedDraft => {
    try {
      const otherDocuments = corpus ? { corpus, self: task.file } : undefined;
      const result = analyze(task.text, { options: task.options, words: opts.words(task.dictionaries), otherDocuments });
      return { diagnostics: result.diagnostics, ruleErrors: result.ruleErrors, lineIndex: result.model.lineIndex };
    } catch (e) {
      // A bug of ours must not cost the other files their check.
      return { diagnostics: [], ruleErrors: [], error: (e as Error).message.split('\n')[0], lineIndex: new LineIndex(splitLines('')) };
    }
  };
  if (!poolWorthIt(drafts, opts.jobs)) {
    const corpus = withCorpus ? new ParagraphCorpus() : undefined;
    if (corpus) for (const d of drafts) corpus.set(d.file, d.text);
    return drafts.map((d) => one(d, corpus));
  }
  const said = new Set<string>();
  const log = (m: string) => {
    if (!said.has(m)) opts.log(m);
    said.add(m);
  };
  const results = checkInPool(drafts, {
    jobs: opts.jobs, dictionaries: drafts[0].dictionaries, withCorpus, log,
    fallback: (task, corpus) => one(task as DraftToCheck, corpus),
  });
  return results.map((r, i) => {
    let index: LineIndex | undefined;
    return { ...r, lineIndex: { positionAt: (o: number) => (index ??= new LineIndex(splitLines(drafts[i].text))).positionAt(o) } };
  });
}
