// The analysis worker (dist/analysisWorker.js): runs the Engine on a thread of its own, so
// the language server's message loop answers symbols, folding and code actions while a long
// draft is being checked. Requests come one at a time from checker.ts; an analysis whose
// document has a newer version (written by the main thread into shared memory) is abandoned
// between two rules instead of finished.

import * as v8 from 'v8';
import * as vm from 'vm';
import { parentPort, workerData } from 'worker_threads';
import { Engine } from './engine';
import type { WorkerData, WorkerRequest, WorkerMessage } from './checker';

const data = workerData as WorkerData;
const port = parentPort!;
const latest = new Int32Array(data.latest);
const post = (m: WorkerMessage) => port.postMessage(m);

const engine = new Engine(data.locale, {
  log: (message) => post({ kind: 'log', message }),
  segmenterReady: (name) => post({ kind: 'segmenterReady', name }),
  corpusReady: (files) => post({ kind: 'corpusReady', files }),
});

// A full garbage collection every fifty analyses: while a writer types, the worker's heap
// otherwise grows by tens of MB before V8 collects it on its own (bench/soak.bench.mjs), and
// one collection of its small live heap costs a few milliseconds here, off the message loop.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const GC_EVERY = 50;
let analyses = 0;

/** Whether the main thread has seen a newer version of the document than the one asked for. */
const staleness = (slot: number, version: number) => () => slot >= 0 && Atomics.load(latest, slot) !== version;

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.kind) {
    case 'analyze': {
      const isStale = staleness(req.slot, req.request.version);
      // Superseded while it waited in the queue: not even started.
      if (isStale()) return undefined;
      post({ kind: 'started', id: req.id });
      if (++analyses % GC_EVERY === 0) collectGarbage();
      return engine.analyze(req.request, isStale);
    }
    case 'findings':
      post({ kind: 'started', id: req.id });
      return engine.findingsOf(req.text, req.options, req.rules);
    case 'checkFile':
      post({ kind: 'started', id: req.id });
      return engine.checkFile(req.uri, req.file, req.text, req.options);
    case 'afterFirstDiagnostics':
      return engine.afterFirstDiagnostics(req.needsWords, req.folders);
    case 'useDictionaries':
      return engine.useDictionaries(req.dictionaries);
    case 'fileChanged':
      return engine.fileChanged(req.file);
    case 'busy':
      return engine.busy;
  }
}

post({ kind: 'ready' });

port.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (result) => post({ kind: 'reply', id: req.id, result }),
    (e: Error) => post({ kind: 'reply', id: req.id, error: (e?.stack ?? String(e)).split('\n').slice(0, 4).join('\n') }),
  );
});
