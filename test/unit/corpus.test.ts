// The paragraph corpus (reused-paragraph's index of other documents) across the changes an
// editing session makes: a paragraph twice in one document (the same text under two
// headings), in two documents, removed, re-added, edited into another one's text. It used to
// list a doubled paragraph's key twice, so re-indexing the document threw
// (`TypeError: Cannot read properties of undefined (reading 'filter')`) and the server stopped
// checking it after the first edit.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ParagraphCorpus, parseDocument } from '../../server/src/analysis';
import { comparisonKey, reusableParagraphs } from '../../server/src/analysis/corpus';

const HARVEST = '各乡镇要组织农机力量抢收抢晒，确保颗粒归仓，决不能让丰收的粮食烂在地里。';
const SOWING = '要抓住墒情适宜的有利时机，抓紧播种冬小麦和油菜，确保面积只增不减。';
const WATER = '冬春农田水利建设要早谋划早动手，把水毁工程修复放在第一位。';
const MARKET = '要加强农产品产销对接，帮助群众把粮食卖出好价钱，切实增加农民收入。';

/** A speech whose sections hold the given body paragraphs (one section each). */
function speech(...body: string[]): string {
  const numerals = '一二三四五六七八九';
  return [
    '在全县秋冬季农业生产工作会议上的讲话',
    '同志们：',
    '今天召开这次会议，主要是安排部署秋冬季农业生产工作。',
    ...body.flatMap((p, i) => [`${numerals[i]}、抓好第${numerals[i]}项重点工作`, p]),
    '同志们，让我们共同努力，夺取全年农业丰收！',
  ].join('\n');
}

const key = (p: string) => comparisonKey(p);
const docsOf = (corpus: ParagraphCorpus, p: string) => corpus.places(key(p)).map((x) => x.document);

describe('paragraph corpus', () => {
  it('a paragraph twice in one document: indexed at both places, re-indexed and deleted without error', () => {
    const corpus = new ParagraphCorpus();
    corpus.set('/ws/a.speech', speech(HARVEST, HARVEST));
    assert.deepEqual(corpus.places(key(HARVEST)).map((p) => p.start.line), [4, 6]);
    // The edit after opening: the same document indexed again (this threw).
    corpus.set('/ws/a.speech', speech(HARVEST, HARVEST, SOWING));
    assert.deepEqual(corpus.places(key(HARVEST)).map((p) => p.start.line), [4, 6]);
    assert.equal(corpus.find(key(HARVEST), '/ws/b.speech')?.document, '/ws/a.speech');
    assert.equal(corpus.find(key(HARVEST), '/ws/a.speech'), undefined, 'its own copies are not another document');
    corpus.delete('/ws/a.speech');
    assert.equal(corpus.size, 0);
    assert.deepEqual(docsOf(corpus, HARVEST), []);
    assert.deepEqual(docsOf(corpus, SOWING), []);
  });

  it('a paragraph in two documents: deleting one leaves the other, twice-held or not', () => {
    const corpus = new ParagraphCorpus();
    corpus.set('/ws/a.speech', speech(HARVEST, HARVEST));
    corpus.set('/ws/b.speech', speech(SOWING, HARVEST));
    assert.deepEqual(docsOf(corpus, HARVEST), ['/ws/a.speech', '/ws/a.speech', '/ws/b.speech']);
    assert.equal(corpus.find(key(HARVEST), '/ws/a.speech')?.document, '/ws/b.speech');
    corpus.set('/ws/a.speech', speech(HARVEST, HARVEST, WATER));
    assert.deepEqual(docsOf(corpus, HARVEST), ['/ws/b.speech', '/ws/a.speech', '/ws/a.speech']);
    corpus.delete('/ws/a.speech');
    assert.deepEqual(docsOf(corpus, HARVEST), ['/ws/b.speech']);
    assert.equal(corpus.find(key(HARVEST), '/ws/b.speech'), undefined);
    assert.equal(corpus.find(key(HARVEST), '/ws/c.speech')?.document, '/ws/b.speech');
  });

  it('removed and re-added: the paragraph leaves the index with its last copy and comes back with it', () => {
    const corpus = new ParagraphCorpus();
    corpus.set('/ws/a.speech', speech(HARVEST, SOWING, HARVEST));
    corpus.set('/ws/a.speech', speech(HARVEST, SOWING)); // one copy removed
    assert.deepEqual(docsOf(corpus, HARVEST), ['/ws/a.speech']);
    corpus.set('/ws/a.speech', speech(SOWING)); // the other too
    assert.deepEqual(docsOf(corpus, HARVEST), []);
    corpus.set('/ws/a.speech', speech(SOWING, HARVEST, HARVEST)); // pasted back twice
    assert.deepEqual(corpus.places(key(HARVEST)).map((p) => p.start.line), [6, 8]);
    corpus.set('/ws/a.speech', speech(SOWING, HARVEST, HARVEST));
    assert.equal(corpus.places(key(HARVEST)).length, 2);
  });

  it('edited into another paragraph’s text: it moves to that key, and the old key is gone', () => {
    const corpus = new ParagraphCorpus();
    corpus.set('/ws/a.speech', speech(WATER, MARKET));
    corpus.set('/ws/b.speech', speech(SOWING));
    corpus.set('/ws/a.speech', speech(SOWING, MARKET)); // the first paragraph rewritten as b's
    assert.deepEqual(docsOf(corpus, WATER), []);
    assert.deepEqual(docsOf(corpus, SOWING), ['/ws/b.speech', '/ws/a.speech']);
    corpus.set('/ws/a.speech', speech(SOWING, SOWING)); // and the second as well
    assert.deepEqual(docsOf(corpus, MARKET), []);
    corpus.delete('/ws/b.speech');
    assert.deepEqual(docsOf(corpus, SOWING), ['/ws/a.speech', '/ws/a.speech']);
    corpus.delete('/ws/a.speech');
    assert.equal(corpus.size, 0);
    assert.deepEqual(docsOf(corpus, SOWING), []);
  });

  it('any sequence of set and delete over documents sharing paragraphs leaves the index a fresh one would hold (model-based)', () => {
    const paragraphs = [HARVEST, SOWING, WATER, MARKET];
    const documents = ['/ws/a.speech', '/ws/b.speech', '/ws/c.speech'];
    const op = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), doc: fc.constantFrom(...documents), body: fc.array(fc.constantFrom(...paragraphs), { maxLength: 5 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), doc: fc.constantFrom(...documents) }) },
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const corpus = new ParagraphCorpus();
      const model = new Map<string, string>(); // document → its current text
      for (const o of ops) {
        if (o.kind === 'set') {
          const text = speech(...o.body);
          corpus.set(o.doc, text);
          model.set(o.doc, text);
        } else {
          corpus.delete(o.doc);
          model.delete(o.doc);
        }
        assert.equal(corpus.size, model.size);
        for (const p of paragraphs) {
          // Every document's places under the key, as indexing each one from scratch gives.
          const expected = new Map<string, number[]>();
          for (const [doc, text] of model) {
            const lines = reusableParagraphs(parseDocument(text)).filter((r) => r.key === key(p)).map((r) => parseDocument(text).lineIndex.lineAt(r.paragraph.start));
            if (lines.length) expected.set(doc, lines);
          }
          const actual = new Map<string, number[]>();
          for (const place of corpus.places(key(p))) actual.set(place.document, [...(actual.get(place.document) ?? []), place.start.line]);
          assert.deepEqual(actual, expected);
          for (const doc of documents) {
            const other = corpus.find(key(p), doc);
            assert.equal(other !== undefined, [...expected.keys()].some((d) => d !== doc));
            if (other) assert.notEqual(other.document, doc);
          }
        }
      }
    }), { seed: 20240610, numRuns: 200 });
  });
});
