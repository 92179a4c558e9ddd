// "加入允许词表" is offered for a rule only if allowing the flagged text really silences it:
// checked on every bad example of every such rule.
import assert from 'node:assert/strict';
import { analyze, RULE_BY_ID } from '../../server/src/analysis';
import { ALLOW_LIST_RULES, allowableWord } from '../../server/src/lsp/allowWord';
import { testWords } from '../helpers/words';

describe('the allowed-words quick fix', () => {
  for (const id of ALLOW_LIST_RULES) {
    it(`${id}: allowing the flagged text silences that finding (each bad example)`, () => {
      const rule = RULE_BY_ID.get(id);
      assert.ok(rule, `${id} is a rule`);
      let checked = 0;
      for (const bad of rule.docs.bad) {
        const options = { ...rule.docs.exampleOptions, rules: { [id]: 'warning' as const } };
        const found = analyze(bad, { options, words: testWords(), only: new Set([id]) }).diagnostics;
        for (const d of found) {
          const word = allowableWord(bad.slice(d.start, d.end));
          if (!word) continue;
          const again = analyze(bad, { options: { ...options, allowWords: [word] }, words: testWords(), only: new Set([id]) }).diagnostics;
          assert.ok(!again.some((x) => x.start === d.start && x.end === d.end), `allowing “${word}” leaves the finding in ${JSON.stringify(bad)}`);
          checked++;
        }
      }
      assert.ok(checked > 0, `${id}: no finding to check`);
    });
  }

  it('offers only words: not empty, one line, at most 64 characters', () => {
    assert.equal(allowableWord(' 再接再励 '), '再接再励');
    assert.equal(allowableWord('  '), undefined);
    assert.equal(allowableWord('上一行\n下一行'), undefined);
    assert.equal(allowableWord('甲'.repeat(65)), undefined);
  });
});
