// Bugs the property tests (property.test.ts) found, each pinned by its shrunk counterexample.
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, applyEdits, normaliseEdits, fixEdits, LineIndex, splitLines } from '../../server/src/analysis';
import { IntlSegmenter, CachedSegmenter } from '../../server/src/segmentation';
import { TextCache } from '../../server/src/analysis/lru';
import { testWords } from '../helpers/words';

describe('property-test regressions', () => {
  it('positions count a BOM as a column, as LSP clients do (it used to shift line 1 by one)', () => {
    const text = '\ufeff第一、加强领导\n内容。';
    const index = new LineIndex(splitLines(text));
    const doc = TextDocument.create('file:///a.speech', 'speech', 1, text);
    for (let o = 0; o <= text.length; o++) assert.deepEqual(index.positionAt(o), doc.positionAt(o), `offset ${o}`);
    assert.equal(index.offsetAt({ line: 0, character: 1 }), 1);
    // The finding on 第一、 is where the client shows 第一、.
    const d = analyze(text).diagnostics.find((x) => x.rule === 'numbering-orphan' || x.rule === 'numbering-punctuation')!;
    assert.deepEqual(index.positionAt(d.start), { line: 0, character: 1 });
  });

  it('no range ends between the CR and the LF of a line break (missing-title on a draft starting with a blank CRLF line)', () => {
    const text = '\r\n同志们：\r\n今天召开会议，研究工作。\r\n一、成绩\r\n内容。\r\n二、任务\r\n内容。\r\n谢谢大家！';
    for (const d of analyze(text).diagnostics) {
      for (const o of [d.start, d.end]) assert.ok(!(text[o - 1] === '\r' && text[o] === '\n'), `${d.rule} [${d.start}, ${d.end}) splits a CRLF`);
    }
    assert.ok(analyze(text).diagnostics.some((d) => d.rule === 'missing-title'));
  });

  it('an insertion and a replacement starting at the same offset are both applied (LSP allows inserts before one replace)', () => {
    const edits = normaliseEdits([{ start: 0, end: 2, text: '一、' }, { start: 0, end: 0, text: '同志们：\n' }]);
    assert.deepEqual(edits, [{ start: 0, end: 0, text: '同志们：\n' }, { start: 0, end: 2, text: '一、' }]);
    assert.equal(applyEdits('一，加强领导。', edits), '同志们：\n一、加强领导。');
    // Fix-all on a draft whose first line gets both the salutation and a corrected marker.
    const text = '一，总体要求\n内容很多，要抓好落实。\n二、工作措施\n内容很多，要抓好落实。\n谢谢大家！';
    const fixed = applyEdits(text, fixEdits(analyze(text).diagnostics));
    assert.ok(fixed.startsWith('同志们：\n一、总体要求'), fixed);
    // A watermark line at the top: deleted although the salutation is inserted at its start.
    const stray = '【范文网】\n经研究，今天召开会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！';
    assert.doesNotMatch(applyEdits(stray, fixEdits(analyze(stray).diagnostics)), /范文网/);
  });

  it('lone surrogates are words of their own and the rest is still cut by jieba (the whole text used to go to Intl.Segmenter, quadratic on long lines)', () => {
    const text = '群团组织\udc00加强工作作风建设\ud800';
    assert.deepEqual(testWords().cut(text), ['群团组织', '\udc00', '加强', '工作', '作风建设', '\ud800']);
  });

  it('Intl.Segmenter (the fallback engine) gets long runs without sentence punctuation in pieces, never splitting a surrogate pair', () => {
    const text = '在全市经济工作会议上😀'.repeat(500);
    const words = new IntlSegmenter().cut(text);
    assert.equal(words.join(''), text);
    assert.ok(words.every((w) => !/^[\udc00-\udfff]/.test(w) && !/[\ud800-\udbff]$/.test(w)), 'a word starts or ends inside a surrogate pair');
  });

  it('the segmenter cache is bounded by characters, not entries: edit after edit it stays the same size (the soak found it grow by one paragraph per edit)', () => {
    const engine = { name: 'counting', calls: 0, cut(t: string) { this.calls++; return [...t]; } };
    const words = new CachedSegmenter(engine, 1000);
    const versions = Array.from({ length: 500 }, (_, i) => `第${i}稿：全市经济运行总体平稳，主要指标好于预期，`.repeat(5));
    for (const v of versions) words.cut(v);
    const cache = (words as unknown as { cache: TextCache<string[]> }).cache;
    const per = versions[0].length;
    assert.ok(cache.size <= Math.ceil(1000 / per) + 1 && cache.size >= Math.floor(1000 / per) - 1, `${cache.size} entries of ${per} characters in a 1000-character budget`);
    // The recent ones are kept, the old ones went.
    const calls = engine.calls;
    words.cut(versions[499]);
    assert.equal(engine.calls, calls);
    words.cut(versions[0]);
    assert.equal(engine.calls, calls + 1);
  });

  it('a text cache keeps an entry larger than its budget (the text being analysed) and drops the rest', () => {
    const cache = new TextCache<number>(10);
    cache.set('abcdef', 1);
    cache.set('ghijklmnopqrstuv', 2);
    assert.equal(cache.get('abcdef'), undefined);
    assert.equal(cache.get('ghijklmnopqrstuv'), 2);
    assert.equal(cache.size, 1);
  });

  it('fix-all takes a sequence\'s shared renumbering once: n duplicated members give n edits, not n² (13,000 in a pasted line made it throw)', () => {
    const text = '今年的工作：' + '二是抓落实。'.repeat(3000);
    const diags = analyze(text).diagnostics;
    const renumbered = diags.filter((d) => d.rule === 'numbering-duplicate');
    assert.ok(renumbered.length > 2900, String(renumbered.length));
    const edits = fixEdits(diags);
    assert.ok(edits.length <= 3000, `${edits.length} edits`);
    assert.equal(new Set(renumbered.map((d) => d.fix)).size, 1, 'one renumbering, shared');
  });
});
