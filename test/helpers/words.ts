// The real segmenter for tests (nodejieba with Jianggao's dictionaries), loaded once.
import { loadSegmenter } from '../../server/src/segmentation';
import type { WordSegmenter } from '../../server/src/analysis';

let words: WordSegmenter | undefined;
export function testWords(): WordSegmenter {
  words ??= loadSegmenter({ log: (m) => { throw new Error(`segmenter fell back in tests: ${m}`); } });
  return words;
}
