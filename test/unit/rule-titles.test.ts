// Rule titles: the short names that menus and hovers use instead of rule ids.
import assert from 'node:assert/strict';
import { RULES, ruleTitle } from '../../server/src/analysis';

describe('rule titles', () => {
  it('every rule has a short Chinese title with no Latin letters, and an English one', () => {
    const zh = new Set<string>();
    for (const r of RULES) {
      const t = ruleTitle(r, 'zh');
      assert.ok(t.length >= 2 && t.length <= 12, `${r.id}: 「${t}」 is 2–12 characters`);
      assert.doesNotMatch(t, /[A-Za-z]/, `${r.id}: 「${t}」`);
      assert.ok(!zh.has(t), `${r.id}: 「${t}」 is another rule's title too`);
      zh.add(t);
      const en = ruleTitle(r, 'en');
      // English words; Chinese only inside brackets, naming the characters concerned.
      assert.match(en.replace(/\s*\([^)]*\)/g, ''), /^[A-Z][A-Za-z ,'-]+$/, `${r.id}: “${en}”`);
      assert.ok(en.length <= 40, `${r.id}: “${en}”`);
    }
  });

  it('a rule without a title gets the lead of its description, before the examples', () => {
    const described = (zh: string, en: string) => ({ description: { zh, en } });
    assert.equal(ruleTitle(described('未填写的占位符：XX、X多万', 'Unfilled placeholders: XX, X多万'), 'zh'), '未填写的占位符');
    assert.equal(ruleTitle(described('未填写的占位符：XX、X多万', 'Unfilled placeholders: XX, X多万'), 'en'), 'Unfilled placeholders');
    assert.equal(ruleTitle(described('中文之间用了半角标点 , : ;', 'ASCII punctuation , : ; between Chinese'), 'zh'), '中文之间用了半角标点');
    assert.equal(ruleTitle(described('同一个词连写两次（要要、的的）', 'The same word twice in a row (要要, 的的)'), 'en'), 'The same word twice in a row');
  });
});
