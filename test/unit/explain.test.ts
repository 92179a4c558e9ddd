// The hover's explanation of a finding, from the rule record: every rule gets an example pair
// that is true of the rule (the bad one fires, the good one does not), and the lines shown
// are the ones that differ.
import assert from 'node:assert/strict';
import { analyze, AnalysisOptions, RULES } from '../../server/src/analysis';
import { differingLines, examplePair, explainFinding, fixPreview, visible, whyItMatters } from '../../server/src/lsp/explain';
import { testWords } from '../helpers/words';

const run = async (text: string, options: Partial<AnalysisOptions>, rule: string) =>
  analyze(text, { options, words: testWords(), only: new Set([rule]) }).diagnostics;

describe('hover explanations', () => {
  for (const rule of RULES) {
    it(`${rule.id}: an example pair the rule agrees with, and a reason in both languages`, async () => {
      const pair = await examplePair(rule, 'zh', run);
      assert.ok(pair, 'every rule has examples');
      const options = { ...rule.docs.exampleOptions, rules: { [rule.id]: 'warning' as const } };
      assert.ok(rule.docs.bad.includes(pair.bad));
      assert.ok((await run(pair.bad, options, rule.id)).length > 0, 'the bad example fires');
      assert.equal((await run(pair.good, options, rule.id)).length, 0, `the good example is clean: ${pair.good}`);
      if (!pair.fixed) assert.ok(rule.docs.good.includes(pair.good));
      if (rule.fixTitle && !pair.fixed) console.log(`      (${rule.id}: no bad example that its fix cleans; a good example from the record instead)`);
      for (const locale of ['zh', 'en'] as const) {
        const why = whyItMatters(rule, locale);
        assert.ok(why.length >= 10 && rule.docs.rationale[locale].length >= why.length, why);
      }
    });
  }

  it('shows short drafts whole and long ones around the lines that differ', () => {
    assert.deepEqual(differingLines('一、甲\n内容。\n三、乙', '一、甲\n内容。\n二、乙'), { bad: ['一、甲', '内容。', '三、乙'], good: ['一、甲', '内容。', '二、乙'] });
    const head = ['标题', '同志们：', '甲。', '乙。', '丙。'];
    const d = differingLines([...head, '错。', '尾。', '完。'].join('\n'), [...head, '对。', '尾。', '完。'].join('\n'));
    assert.deepEqual(d, { bad: ['…', '丙。', '错。', '尾。', '…'], good: ['…', '丙。', '对。', '尾。', '…'] });
  });

  it('previews what a fix does to the text it touches, and nothing for a long or missing fix', () => {
    const text = '这是我们工作的的重点。';
    const d = { rule: 'doubled-word', severity: 'warning' as const, message: '', start: 6, end: 8, fix: [{ start: 7, end: 8, text: '' }] };
    assert.equal(fixPreview(text, d, 'zh'), '「的的」→「的」');
    assert.equal(fixPreview(text, d, 'en'), '“的的” → “的”');
    assert.equal(fixPreview(text, { ...d, fix: undefined }, 'zh'), undefined);
    assert.equal(fixPreview('甲'.repeat(100), { ...d, start: 0, end: 80, fix: [{ start: 0, end: 80, text: '' }] }, 'zh'), undefined);
  });
});

describe('hover text shows what the eye cannot', () => {
  it('names invisible characters and look-alikes by their code points, leaves ordinary text and the 　 indent alone', () => {
    assert.equal(visible('要抓好\u0007落实'), '要抓好⟨U+0007⟩落实');
    assert.equal(visible('前\u2f00阶段\u00a0下\u200b一步'), '前\u2f00⟨U+2F00⟩阶段⟨U+00A0⟩下⟨U+200B⟩一步');
    assert.equal(visible('\u3000\u3000同志们：\n一、提高认识'), '\u3000\u3000同志们：\n一、提高认识');
  });
});

describe('the hover says whether fixing everything takes the fix', () => {
  it('a mechanical fix is part of fix-all, a content decision is not', () => {
    const rule = RULES.find((r) => r.id === 'halfwidth-punctuation')!;
    const d = { rule: rule.id, severity: 'info' as const, message: '', start: 3, end: 4, fix: [{ start: 3, end: 4, text: '：' }] };
    const text = '同志们:';
    assert.match(explainFinding(rule, { ...d, fixKind: 'mechanical' }, text, 'zh', undefined, 'file:///x'), /「:」→「：」）。只改形式、不改内容，“修复所有”也会一并修复。/);
    assert.match(explainFinding(rule, { ...d, fixKind: 'decision' }, text, 'zh', undefined, 'file:///x'), /这是内容上的取舍：只在你选用时修改，“修复所有”不会替你改。/);
    assert.match(explainFinding(rule, { ...d, fixKind: 'decision' }, text, 'en', undefined, 'file:///x'), /applied only when you choose it, never by fixing everything/);
  });
});
