// Property-based tests of the Word module (fixed seed, as the other property suites):
//   - on any document built from paragraphs of plain, inserted, deleted, moved, hidden,
//     hyperlinked and field runs, with Word's numbering on some of them, the reader's text is
//     exactly what a simple model of accepting the changes and numbering the list gives, and
//     every offset maps to a paragraph and a column inside it, in order;
//   - annotating any set of ranges leaves the text as it was, writes one comment per range,
//     and each comment covers exactly the typed characters of its range;
//   - whatever bytes come in (a real package with bytes flipped, cut, spliced; random XML
//     text in the document part), the reader answers with a document or a problem: it never
//     throws and never hangs.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import { readDocx } from '../../server/src/word/read';
import { annotateDocx } from '../../server/src/word/annotate';
import { buildDocx, esc, lvl, numPr, W_NS } from '../helpers/word';
import { anyText } from '../helpers/drafts';

const RUNS = Number(process.env.JIANGGAO_FC_RUNS) || 100;
const SEED = process.env.JIANGGAO_FC_SEED ? Number(process.env.JIANGGAO_FC_SEED) : 20261202;

const NUMBERING = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

type RunKind = 'plain' | 'ins' | 'del' | 'moveFrom' | 'moveTo' | 'hidden' | 'field' | 'link' | 'break';
interface RunModel { kind: RunKind; text: string; instruction: string }
interface ParagraphModel { level: number | undefined; runs: RunModel[] }

const chars = fc.constantFrom(...'今天召开全市工作会议要要抓落实一二三（）、。，“”《》&<>"\' XX　'.split(''));
const text = fc.array(chars, { minLength: 0, maxLength: 12 }).map((a) => a.join(''));
const run = (kinds: RunKind[]) => fc.record({ kind: fc.constantFrom(...kinds), text, instruction: fc.constantFrom('PAGE', 'DATE \\@ "yyyy"', 'REF x') });
const ALL_KINDS: RunKind[] = ['plain', 'plain', 'ins', 'del', 'moveFrom', 'moveTo', 'hidden', 'field', 'link', 'break'];
const documentModel = (kinds: RunKind[]) => fc.array(fc.record({ level: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), runs: fc.array(run(kinds), { maxLength: 5 }) }), { minLength: 1, maxLength: 14 });

function runXml(r: RunModel): string {
  const t = `<w:r><w:t xml:space="preserve">${esc(r.text)}</w:t></w:r>`;
  switch (r.kind) {
    case 'plain': return t;
    case 'ins': return `<w:ins w:id="1" w:author="a">${t}</w:ins>`;
    case 'moveTo': return `<w:moveTo w:id="1" w:author="a">${t}</w:moveTo>`;
    case 'del': return `<w:del w:id="1" w:author="a"><w:r><w:delText xml:space="preserve">${esc(r.text)}</w:delText></w:r></w:del>`;
    case 'moveFrom': return `<w:moveFrom w:id="1" w:author="a">${t}</w:moveFrom>`;
    case 'hidden': return `<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">${esc(r.text)}</w:t></w:r>`;
    case 'link': return `<w:hyperlink w:anchor="a">${t}</w:hyperlink>`;
    case 'break': return `<w:r><w:t xml:space="preserve">${esc(r.text)}</w:t><w:br/></w:r>`;
    case 'field': return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${esc(r.instruction)}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${t}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
  }
}

function toDocx(model: ParagraphModel[]): Buffer {
  const body = model.map((m) => `<w:p>${m.level === undefined ? '' : `<w:pPr>${numPr(1, m.level)}</w:pPr>`}${m.runs.map(runXml).join('')}</w:p>`).join('');
  return buildDocx({ body, numbering: NUMBERING });
}

/** The oracle: what accepting every change and numbering the list shows. */
function expectedText(model: ParagraphModel[]): string {
  const counts = [0, 0, 0];
  return model.map((m) => {
    let marker = '';
    if (m.level !== undefined) {
      counts[m.level]++;
      for (let l = m.level + 1; l < 3; l++) counts[l] = 0;
      const n = counts[m.level];
      marker = m.level === 0 ? `${CN[n]}、` : m.level === 1 ? `（${CN[n]}）` : `${n}.`;
    }
    return marker + m.runs.map((r) => (r.kind === 'del' || r.kind === 'moveFrom' || r.kind === 'hidden' ? '' : r.kind === 'break' ? `${r.text}\n` : r.text)).join('');
  }).join('\n');
}

describe('the Word module, by property', function () {
  this.timeout(120000);

  it('reads any mix of changes, fields, hidden text and numbering as the model says, and maps every offset in order', () => {
    fc.assert(fc.property(documentModel(ALL_KINDS), (model) => {
      const r = readDocx(toDocx(model));
      assert.ok(r.ok);
      const d = r.document;
      assert.equal(d.text, expectedText(model));
      assert.equal(d.paragraphs.length, model.length);
      let last = [1, 0];
      for (let o = 0; o <= d.text.length; o++) {
        const { paragraph, column } = d.paragraphAt(o);
        assert.ok(column >= 0 && column <= paragraph.text.length);
        assert.equal(d.text.slice(paragraph.start, paragraph.start + paragraph.text.length), paragraph.text);
        const here = [paragraph.number, column];
        assert.ok(here[0] > last[0] || (here[0] === last[0] && here[1] >= last[1]), `offset ${o} goes back`);
        last = here;
      }
      // Every typed character's source is one of its paragraph's pieces.
      for (const p of d.paragraphs) assert.equal(p.pieces.reduce((n, x) => n + x.length, 0) + p.markerLength, p.text.length);
    }), { numRuns: RUNS, seed: SEED });
  });

  it('annotating any ranges keeps the text, writes one comment each, and covers exactly the typed characters', () => {
    const kinds: RunKind[] = ['plain', 'plain', 'ins', 'link', 'moveTo'];
    const withRanges = documentModel(kinds).chain((model) => {
      const length = expectedText(model).length;
      return fc.tuple(fc.constant(model), fc.array(fc.tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length })), { maxLength: 6 }));
    });
    fc.assert(fc.property(withRanges, ([model, ranges]) => {
      const original = toDocx(model);
      const r = readDocx(original);
      assert.ok(r.ok);
      const text = r.document.text;
      const annotations = ranges.map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b), lines: [`批注 ${a}-${b}`] }));
      const copy = annotateDocx(original, r.document, annotations, { date: new Date(0) });
      const again = readDocx(copy);
      assert.ok(again.ok);
      assert.equal(again.document.text, text);
      const files = unzipSync(new Uint8Array(copy));
      const comments = annotations.length ? strFromU8(files['word/comments.xml']) : '';
      assert.equal((comments.match(/<w:comment /g) ?? []).length, annotations.length);
      const doc = strFromU8(files['word/document.xml']);
      annotations.forEach((a, i) => {
        const m = new RegExp(`<w:commentRangeStart w:id="${i}"/>([\\s\\S]*?)<w:commentRangeEnd w:id="${i}"/>`).exec(doc);
        assert.ok(m, `comment ${i} has its range`);
        const covered = [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        // The typed characters of the range: its slice less the automatic numbers and line breaks.
        const wanted = typedSlice(r.document, a.start, a.end);
        if (wanted.length) assert.equal(covered, wanted, `comment ${i} on ${a.start}-${a.end}`);
      });
    }), { numRuns: RUNS, seed: SEED });
  });

  it('never throws on damaged packages: flipped, cut or spliced bytes', () => {
    const base = toDocx([{ level: 0, runs: [{ kind: 'plain', text: '充分肯定成绩', instruction: '' }] }, { level: 1, runs: [{ kind: 'ins', text: '压实责任。', instruction: '' }] }]);
    const damage = fc.oneof(
      fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => {
        const b = Buffer.from(base);
        for (const [i, v] of flips) b[i] = v;
        return b;
      }),
      fc.nat(base.length).map((n) => base.subarray(0, n)),
      fc.tuple(fc.nat(base.length), fc.uint8Array({ maxLength: 64 })).map(([at, junk]) => Buffer.concat([base.subarray(0, at), Buffer.from(junk), base.subarray(at)])),
    );
    fc.assert(fc.property(damage, (bytes) => {
      const r = readDocx(bytes);
      assert.ok(r.ok || typeof r.problem.kind === 'string');
    }), { numRuns: RUNS * 3, seed: SEED });
  });

  it('never throws on any text in the document part, escaped or not', () => {
    fc.assert(fc.property(anyText, fc.boolean(), (t, escaped) => {
      const inner = escaped ? esc(t) : t;
      const r = readDocx(buildDocx({ body: '', documentXml: `<?xml version="1.0"?><w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>${inner}</w:t></w:r></w:p>${inner}</w:body></w:document>` }));
      assert.ok(r.ok || typeof r.problem.kind === 'string');
      if (r.ok && escaped) assert.ok(r.document.text.length <= t.length * 2);
    }), { numRuns: RUNS, seed: SEED });
  });
});

/** The characters from start to end that were typed (not automatic numbers, not line breaks). */
function typedSlice(doc: { paragraphs: Array<{ start: number; markerLength: number; text: string; pieces: Array<{ at: number; length: number }> }> }, start: number, end: number): string {
  let s = '';
  for (const p of doc.paragraphs) {
    for (const piece of p.pieces) {
      const from = Math.max(start, p.start + piece.at);
      const to = Math.min(end, p.start + piece.at + piece.length);
      if (to > from) s += p.text.slice(from - p.start, to - p.start);
    }
  }
  return s.replace(/\n/g, '');
}
