// Fixture drafts in the style of markdownlint's tests: `name.speech` is a draft, `name.expected`
// beside it lists every finding (`line:column rule`, 1-based, UTF-16 columns), and
// `name.fixed.speech` is the draft after fix-all (every mechanical fix at once; the content
// decisions stay quick fixes). After it, checking again leaves nothing fix-all would fix and
// no finding the fixes made: fix-all converges in one pass.
// `UPDATE_FIXTURES=1 npx mocha test/unit/fixtures.test.ts` rewrites the files; review the diff.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, fixAllEdits, parseDocument, Diagnostic } from '../../server/src/analysis';
import { fixAllOnce, describe as describeFinding } from '../helpers/fixall';
import { testWords } from '../helpers/words';

const DIR = path.join(__dirname, '..', 'fixtures', 'drafts');
const update = process.env.UPDATE_FIXTURES === '1';

function listing(text: string, diags: Diagnostic[]): string {
  const { lineIndex } = parseDocument(text);
  return diags.map((d) => {
    const p = lineIndex.positionAt(d.start);
    return `${p.line + 1}:${p.character + 1} ${d.rule}`;
  }).join('\n') + (diags.length ? '\n' : '');
}

function readExpected(file: string): string {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim()).join('\n') + '\n';
}

describe('fixture drafts', () => {
  const drafts = fs.readdirSync(DIR).filter((f) => /\.speech$/.test(f) && !f.endsWith('.fixed.speech'));
  it('there are fixture drafts', () => assert.ok(drafts.length >= 4));
  for (const name of drafts) {
    describe(name, () => {
      const file = path.join(DIR, name);
      const text = fs.readFileSync(file, 'utf8');
      const diags = analyze(text, { words: testWords() }).diagnostics;
      const expectedFile = file.replace(/\.speech$/, '.expected');
      const fixedFile = file.replace(/\.speech$/, '.fixed.speech');
      const actual = listing(text, diags);

      it('reports exactly the expected findings', () => {
        if (update) fs.writeFileSync(expectedFile, `# ${name}: findings as line:column rule\n` + actual);
        assert.ok(fs.existsSync(expectedFile), `${expectedFile} is missing`);
        assert.equal(actual.trim() ? actual : '\n', readExpected(expectedFile).trim() ? readExpected(expectedFile) : '\n');
      });

      const edits = fixAllEdits(diags);
      if (edits.length === 0) {
        it('offers no fixes, so has no fixed version', () => assert.ok(!fs.existsSync(fixedFile)));
        return;
      }
      it('every fix stays inside its finding (or its related locations), or (renumbering) touches only numerals', () => {
        for (const d of diags) {
          // A document-wide finding (a half-width draft) fixes every place of its kind: properties.ts checks those.
          if (d.reach === 'document') continue;
          const places = [{ start: d.start, end: d.end }, ...(d.related ?? [])];
          for (const e of d.fix ?? []) {
            const inside = places.some((p) => e.start >= p.start && e.end <= p.end);
            const numeral = /^[一二三四五六七八九十0-9]+$/.test(e.text) && /^[一二三四五六七八九十⼀⼆⼋⼗0-9０-９]+$/.test(text.slice(e.start, e.end));
            assert.ok(inside || numeral, `${d.rule} fix ${JSON.stringify(e)} outside ${d.start}-${d.end}`);
          }
        }
      });
      it('fix-all gives the fixed version; nothing it would fix remains, and it made no new finding', () => {
        const fixed = applyEdits(text, edits);
        if (update) fs.writeFileSync(fixedFile, fixed);
        assert.equal(fixed, fs.readFileSync(fixedFile, 'utf8'));
        const again = analyze(fixed, { words: testWords() }).diagnostics;
        assert.deepEqual(again.filter((d) => d.fix && d.fixKind === 'mechanical').map((d) => `${d.rule}@${d.start}`), []);
        const outcome = fixAllOnce(text);
        assert.deepEqual(outcome.created.map((d) => describeFinding(outcome.fixed, d)), [], 'findings made by the fixes');
        // Every rule that was fixed reports fewer findings than before.
        for (const rule of new Set(diags.filter((d) => d.fix && d.fixKind === 'mechanical').map((d) => d.rule))) {
          const before = diags.filter((d) => d.rule === rule).length;
          const after = again.filter((d) => d.rule === rule).length;
          assert.ok(after < before, `${rule}: ${before} → ${after}`);
        }
      });
    });
  }
});
