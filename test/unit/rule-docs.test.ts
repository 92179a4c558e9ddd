// Every rule's documented examples are tests: each `bad` draft makes the rule fire, each
// `good` draft keeps it silent. The docs pages and the README table are generated from the
// same records, so what the docs promise is what the checker does.
import assert from 'node:assert/strict';
import { analyze, RULES } from '../../server/src/analysis';
import { testWords } from '../helpers/words';

describe('rule records', () => {
  it('every rule has an id, a severity, messages in both languages and examples both ways', () => {
    const ids = new Set<string>();
    for (const r of RULES) {
      assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
      ids.add(r.id);
      assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(r.severity));
      assert.ok(r.description.zh && r.description.en, r.id);
      assert.ok(r.docs.bad.length > 0, `${r.id}: no bad example`);
      assert.ok(r.docs.good.length > 0, `${r.id}: no good example`);
    }
  });

  for (const rule of RULES) {
    const options = rule.docs.exampleOptions ?? {};
    describe(rule.id, () => {
      rule.docs.bad.forEach((draft, i) => {
        it(`fires on bad example ${i + 1}`, () => {
          const r = analyze(draft, { words: testWords(), options }).diagnostics.filter((d) => d.rule === rule.id);
          assert.ok(r.length > 0, `${rule.id} did not fire on:\n${draft}`);
          for (const d of r) {
            assert.ok(d.message.length > 10, 'message says what to do');
            const en = analyze(draft, { words: testWords(), options: { ...options, locale: 'en' } }).diagnostics.find((x) => x.rule === rule.id)!;
            assert.doesNotMatch(en.message.replace(/“[^”]*”|「[^」]*」|\([^)]*\)/g, ''), /[\u4e00-\u9fff]{4,}/, `English message is English: ${en.message}`);
          }
        });
      });
      rule.docs.good.forEach((draft, i) => {
        it(`stays silent on good example ${i + 1}`, () => {
          const r = analyze(draft, { words: testWords(), options }).diagnostics.filter((d) => d.rule === rule.id);
          assert.deepEqual(r.map((d) => d.message), [], `${rule.id} fired on:\n${draft}`);
        });
      });
    });
  }
});
