// A thread of `jianggao check` (see checkPool.ts): lists a file's paragraphs for the shared
// corpus, then checks files against it. Its word segmenter is loaded at the first check.

import { workerData } from 'worker_threads';
import { analyze, ParagraphCorpus, WordSegmenter } from './analysis';
import { loadSegmenter } from './segmentation';
import type { CheckWorkerData, FromWorker, ToWorker } from './checkPool';

const { port, signal, dictionaries } = workerData as CheckWorkerData;
const wake = new Int32Array(signal);
let segmenter: WordSegmenter | undefined;
let corpus: ParagraphCorpus | undefined;

const send = (m: FromWorker) => {
  port.postMessage(m);
  Atomics.add(wake, 0, 1);
  Atomics.notify(wake, 0);
};

port.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'paragraphs': {
      const single = new ParagraphCorpus();
      try {
        single.set(m.file, m.text);
      } catch {
        // Unparsable: no paragraphs to share (its check says what went wrong).
      }
      return send({ kind: 'paragraphs', index: m.index, places: single.entries() });
    }
    case 'corpus':
      corpus = new ParagraphCorpus();
      corpus.add(m.places);
      return;
    case 'check': {
      try {
        segmenter ??= loadSegmenter({ userDictionaries: dictionaries, log: (message) => send({ kind: 'log', message }) });
        const otherDocuments = m.withCorpus && corpus ? { corpus, self: m.file } : undefined;
        const result = analyze(m.text, { options: m.options, words: segmenter, otherDocuments });
        return send({ kind: 'checked', index: m.index, result: { diagnostics: result.diagnostics, ruleErrors: result.ruleErrors } });
      } catch (e) {
        return send({ kind: 'checked', index: m.index, result: { diagnostics: [], ruleErrors: [], error: (e as Error).message.split('\n')[0] } });
      }
    }
  }
});
