// What a listener hears as a slip and what as rhetoric, class by class, on real-shaped text
// written for these tests: the repetition rules stay silent on the forms speeches use on
// purpose (reduplicated verbs, 什么什么, the audience addressed again, a refrain, the topic,
// names, terms, 排比 across paragraphs), and still find every slip injected next to them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Diagnostic, parseDocument } from '../../server/src/analysis';
import { testWords } from '../helpers/words';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const check = (text: string, options = {}) => analyze(text, { words: testWords(), options }).diagnostics;
const ofRule = (diags: Diagnostic[], rule: string) => diags.filter((d) => d.rule === rule);
const spans = (text: string, diags: Diagnostic[]) => diags.map((d) => text.slice(d.start, d.end));
const ON = { rules: { 'overused-phrase': 'info' as const } };

/** Every speech the project has: clean fixtures, fixture drafts, their fixed versions. */
function allFixtureSpeeches(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const dir of ['clean', 'drafts']) {
    for (const f of fs.readdirSync(path.join(FIXTURES, dir)).filter((x) => x.endsWith('.speech'))) {
      out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(FIXTURES, dir, f), 'utf8') });
    }
  }
  return out;
}

describe('doubled-word by class', () => {
  it('stays silent on reduplication by usage: verbs, adjectives, 什么什么, measure words, answers', () => {
    const usage = [
      '会上要商议商议，把方案完善完善。', '请大家考察考察现场，再向领导汇报汇报。', '先打听打听情况，把材料整理整理。',
      '我们要调整调整思路，回去再琢磨琢磨。', '大家活动活动身体，高兴高兴。', '雪白雪白的墙，通红通红的脸。',
      '不要什么什么都往上推。', '要一个一个地解决，一次又一次地抓，一步一步向前走。', '日子一天天好起来，一年年过去了。',
      '一遍一遍地改，一项一项抓落实，一代又一代地传下去。', '非常非常感谢大家。', '好的好的，谢谢谢谢。',
      '“对对对，就是这个理。”老党员笑着说。', '是是是，我们马上改。', '哪里哪里，这是大家的功劳。',
    ];
    for (const text of usage) assert.deepEqual(spans(text, ofRule(check(text), 'doubled-word')), [], text);
  });

  it('finds the slips: the genre’s own words, function words, longer words, and a copy joined to the next word', () => {
    const slips: Array<[string, string]> = [
      ['我们要加强加强组织领导。', '加强加强'], ['要坚持坚持问题导向。', '坚持坚持'], ['工作工作要抓实。', '工作工作'],
      ['我们要不断不断提高服务水平。', '不断不断'], ['我们我们要努力。', '我们我们'], ['要通过通过验收。', '通过通过'],
      ['必须必须坚持。', '必须必须'], ['我们要进一步进一步加强领导。', '进一步进一步'], ['要全面全面推进乡村振兴。', '全面全面'],
      ['各级各级党委要负总责。', '各级各级'], ['要切实切实加强领导。', '切实切实'], ['我们要要坚持。', '要要'], ['这是工作的的重点。', '的的'],
    ];
    for (const [text, span] of slips) {
      const found = ofRule(check(text), 'doubled-word');
      assert.deepEqual(found.map((d) => [text.slice(d.start, d.end), d.severity]), [[span, 'warning']], text);
      assert.ok(found[0].fix, text);
    }
  });

  it('the fix of a copy joined to the next word deletes the lone copy', () => {
    const text = '要全面全面推进乡村振兴。';
    const [d] = ofRule(check(text), 'doubled-word');
    assert.deepEqual(d.fix, [{ start: 1, end: 3, text: '' }]);
  });

  it('a slip next to a reduplicated verb is still found (the real-shaped variant)', () => {
    const text = '同志们：\n会后，大家回去商议商议，把方案完善完善，要要在月底前报党委。';
    assert.deepEqual(spans(text, ofRule(check(text), 'doubled-word')), ['要要']);
  });
});

describe('repeated-sentence: rhetoric and slips', () => {
  const address = '各位来宾、老师们、同学们、校友们！';
  const refrain = '让我们不负韶华，砥砺前行，再创新的辉煌！';

  it('the audience addressed again, anywhere, is no repeated sentence', () => {
    const text = `${address.replace('！', '：')}\n今天，我们在这里隆重集会。\n${address}\n六十年来，学校培养了六万多名毕业生。\n${address}\n让我们携手前进。\n同志们、朋友们！我们一定能够做到。同志们、朋友们！`;
    assert.deepEqual(ofRule(check(text), 'repeated-sentence'), []);
  });

  it('a refrain at the end of paragraphs is rhetoric; pasted next to itself, with its neighbour, or mid-paragraph it is a slip', () => {
    const para = (lead: string) => `${lead}，我们走过了不平凡的历程。${refrain}`;
    const rhetoric = `同志们：\n${para('六十年前')}\n${para('三十年前')}\n${para('今天')}`;
    assert.deepEqual(ofRule(check(rhetoric), 'repeated-sentence'), []);
    const twiceInARow = `同志们：\n${para('六十年前')}\n${refrain}`;
    assert.equal(ofRule(check(twiceInARow), 'repeated-sentence').length, 1);
    const midParagraph = `同志们：\n我们走过了不平凡的历程。${refrain}学校培养了六万多名毕业生。\n今天我们又站在新的起点上。${refrain}我们一定能够做得更好。`;
    assert.equal(ofRule(check(midParagraph), 'repeated-sentence').length, 1);
    const withNeighbour = `同志们：\n六十年来，我们走过了不平凡的历程。${refrain}\n学校培养了六万多名毕业生。\n六十年来，我们走过了不平凡的历程。${refrain}`;
    const found = ofRule(check(withNeighbour), 'repeated-sentence');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /这2句话/);
  });

  it('a longer statement at paragraph edges is still a slip', () => {
    const s = '要把安全生产责任落实到每一个岗位、每一个环节。';
    const text = `同志们：\n${s}\n各部门要加强协作，形成合力。\n${s}`;
    assert.equal(ofRule(check(text), 'repeated-sentence').length, 1);
  });

  it('two photos with one caption are no repeated sentence, and a sentence said twice beside them still is', () => {
    const caption = '5月8日，全市文化工作会议在市会议中心召开。市委书记出席会议并讲话。';
    const slip = '我们要把文化建设的各项任务抓紧抓实抓到位。';
    const text = `在全市文化工作会议上的讲话\n${caption}记者 王小明/摄\n同志们：\n今天召开全市文化工作会议。\n${caption}新华社记者 李小红 摄\n${slip}各单位要认真落实。${slip}`;
    const found = ofRule(check(text), 'repeated-sentence');
    assert.deepEqual(spans(text, found), [slip]);
  });
});

describe('overused-phrase switched on', () => {
  it('is silent on every speech of the project and on the seed corpus (topic, terms, 排比, names)', () => {
    const seed = path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'seed', 'five-speeches.txt');
    const speeches = allFixtureSpeeches();
    if (fs.existsSync(seed)) speeches.push({ name: 'seed', text: fs.readFileSync(seed, 'utf8') });
    assert.ok(speeches.length >= 10);
    for (const s of speeches) assert.deepEqual(ofRule(check(s.text, ON), 'overused-phrase').map((d) => d.message), [], s.name);
  });

  it('the topic said 60 times is no overused phrase', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'clean', 'work-safety-topic.speech'), 'utf8');
    assert.ok((text.match(/安全生产/g) ?? []).length >= 60);
    assert.deepEqual(ofRule(check(text, ON), 'overused-phrase'), []);
  });

  it('finds a predicate said three times within a few sentences across two paragraphs, injected into each clean speech', () => {
    const inserts = ['一年来，全县各项工作取得了明显进步。', '在这方面，我们同样取得了明显进步。', '群众说，这几年家乡取得了明显进步。'];
    let injected = 0;
    for (const s of allFixtureSpeeches().filter((x) => x.name.startsWith('clean/'))) {
      // Two prose paragraphs in a row: the last sentence of one and the first two of the next.
      const ps = parseDocument(s.text).speeches[0].paragraphs;
      const k = ps.findIndex((p, i) => i + 1 < ps.length && [p, ps[i + 1]].every((q) => q.role === 'body' && !q.marker && q.segments.length === 1 && /。$/.test(q.text)));
      if (k < 0) continue;
      const [a, b] = [ps[k], ps[k + 1]];
      const text = s.text.slice(0, a.end) + inserts[0] + s.text.slice(a.end, b.start) + inserts[1] + inserts[2] + s.text.slice(b.start);
      const found = ofRule(check(text, ON), 'overused-phrase');
      assert.deepEqual(found.map((d) => text.slice(d.start, d.end)), ['取得了明显进步'], s.name);
      assert.equal(found[0].related!.length, 2, s.name);
      injected++;
    }
    assert.ok(injected >= 4, `${injected} speeches`);
  });

  it('one finding per repetition: overlapping n-grams make one finding with the longest shared wording', () => {
    const text = '同志们：\n今年以来，我们紧紧围绕目标任务，一季度实现了良好开局。\n二季度，全县经济在实现了良好开局的基础上继续向好。\n但也要看到，实现了良好开局不等于全年就能完成任务。';
    const found = ofRule(check(text, ON), 'overused-phrase');
    assert.deepEqual(spans(text, found), ['实现了良好开局']);
    assert.deepEqual(found[0].related!.map((r) => text.slice(r.start, r.end)), ['实现了良好开局', '实现了良好开局']);
  });

  it('stays silent on names, noun terms, paragraphs on one frame, openings alike and the members of a series', () => {
    const quiet = [
      '同志们：\n去年，张明同志带领村民修通了进山公路。\n今年，张明同志又牵头办起了合作社。\n群众都说，张明同志是大家的贴心人。',
      '同志们：\n县农业农村局牵头制定了实施方案。\n县农业农村局还组织专家下乡指导。\n下一步，县农业农村局要抓好督查。',
      '同志们：\n今年全县新修农村公路120公里，农村公路修到了群众家门口。\n群众反映，农村公路通了，农产品也好卖了。\n下一步，要把农村公路的养护抓起来。',
      '同志们：\n第一阶段，全镇干部群众团结一心，奋力拼搏，为脱贫攻坚作出了积极贡献。\n第二阶段，全镇干部群众团结一心，接续奋斗，为乡村振兴作出了积极贡献。\n第三阶段，全镇干部群众团结一心，开拓进取，为共同富裕作出了积极贡献。',
      '同志们：\n十年的实践充分证明，改革是发展的动力。\n十年的实践充分证明，开放是进步的阶梯。\n十年的实践充分证明，实干是成功的关键。',
      '同志们：\n一是项目建设取得了明显进步，全年完成投资120亿元。\n二是招商引资取得了明显进步，新引进企业32家。\n三是民生实事取得了明显进步，十件实事全部办结。',
      '同志们：\n——全面深化改革，改革成果取得了明显进步。群众得到了实惠。\n——扩大对外开放，开放水平取得了明显进步。外资企业明显增加。\n——坚持创新驱动，科技创新取得了明显进步。专利数量翻了一番。',
    ];
    for (const text of quiet) assert.deepEqual(ofRule(check(text, ON), 'overused-phrase').map((d) => d.message), [], text);
  });
});

describe('without a tagged dictionary (a segmenter with no tag)', () => {
  const untagged = { name: 'untagged', cut: (text: string) => testWords().cut(text) };
  const run = (text: string, options = {}) => analyze(text, { words: untagged, options }).diagnostics;

  it('doubled-word still finds the genre’s words and function characters doubled, and leaves verbs alone', () => {
    const text = '我们要加强加强领导，要要抓落实，大家回去商议商议。';
    assert.deepEqual(spans(text, ofRule(run(text), 'doubled-word')), ['加强加强', '要要']);
  });

  it('overused-phrase takes every phrase for a term and stays silent (the cautious side)', () => {
    const text = '同志们：\n过去一年，全县各项工作取得了明显进步。工业经济稳中有进。\n农业农村工作取得了明显进步，粮食总产再创新高。\n在社会事业方面，我们同样取得了明显进步。';
    assert.equal(ofRule(check(text, ON), 'overused-phrase').length, 1);
    assert.deepEqual(ofRule(run(text, ON), 'overused-phrase'), []);
  });
});
