// Fixes and findings for the forms real speeches take (domain §7), rule by rule: what one
// finding covers, what its one fix writes, and what stays silent.
import assert from 'node:assert/strict';
import { analyze, applyEdits, normaliseEdits, fixEdits, Diagnostic } from '../../server/src/analysis';

const of = (text: string, rule: string): Diagnostic[] => analyze(text).diagnostics.filter((d) => d.rule === rule);
const fixed = (text: string, rule: string) => applyEdits(text, normaliseEdits(fixEdits(of(text, rule))));

describe('real forms: one finding, one fix', () => {
  it('a level-3 form used throughout is one numbering-punctuation finding whose fix corrects every place', () => {
    const text = '在会议上的讲话\n同志们：\n开会。\n一、成绩\n1．抓学习。\n2．抓落实。\n二、任务\n1．抓项目。\n2．抓改革。\n3．抓民生。\n谢谢大家！';
    const [d, ...rest] = of(text, 'numbering-punctuation');
    assert.equal(rest.length, 0);
    assert.equal(d.related?.length, 4);
    assert.match(d.message, /共5处/);
    assert.equal(fixed(text, 'numbering-punctuation'), text.replace(/．/g, '.'));
  });

  it('a form wrong once among right ones is a finding of its own', () => {
    const text = '在会议上的讲话\n同志们：\n开会。\n一、成绩\n1.抓学习。\n2．抓落实。\n3.抓项目。\n谢谢大家！';
    const ds = of(text, 'numbering-punctuation');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].related, undefined);
  });

  it('accepts the older 一<space> ladder used throughout, and still reports one used once among 一、', () => {
    assert.deepEqual(of('在会议上的讲话\n一 关于形势\n内容。\n二 关于任务\n内容。\n三 关于作风\n内容。', 'numbering-punctuation'), []);
    assert.equal(of('在会议上的讲话\n一、关于形势\n内容。\n二 关于任务\n内容。\n三、关于作风\n内容。', 'numbering-punctuation').length, 1);
  });

  it('a paragraph wrapped at the page width is one broken-paragraph finding whose fix joins every line', () => {
    const text = '同志们：\n过去一年，全市上下紧紧围绕中心、服务大局，克服困难、真\n抓实干，经济社会发展取得了新的成绩，城乡面貌发生了新的\n变化，人民群众的获得感、幸福感、安全感不断增强。';
    const ds = of(text, 'broken-paragraph');
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /3行/);
    assert.equal(fixed(text, 'broken-paragraph').split('\n').length, 2);
  });

  it('joins Latin letters and digits split apart without a space (PM / 2.5), words with one', () => {
    assert.equal(fixed('同志们：\n今年细颗粒物（PM\n2.5\n）浓度下降。', 'broken-paragraph'), '同志们：\n今年细颗粒物（PM2.5）浓度下降。');
    assert.equal(fixed('同志们：\n请大家会后登录学校网站，认真阅读学校今年新发布的英文版the\nannual report，认真学习。', 'broken-paragraph'), '同志们：\n请大家会后登录学校网站，认真阅读学校今年新发布的英文版the annual report，认真学习。');
  });

  it('does not report a toast laid out line by line, nor a salutation over two lines', () => {
    assert.deepEqual(of('在晚宴上的致辞\n各位来宾：\n欢迎大家。\n现在，我提议，请大家举杯，\n为合作愉快，\n为各位的健康，\n干杯！', 'broken-paragraph'), []);
    assert.deepEqual(of('在晚宴上的致辞\n各位来宾：\n欢迎大家。\n现在，我提议，请大家举杯，\n为合作愉快，\n为各位的健康，\n干杯！', 'missing-end-punctuation'), []);
    assert.deepEqual(of('在典礼上的讲话\n尊敬的各位领导、各位来宾，\n亲爱的同学们：\n今天我们隆重集会。', 'broken-paragraph'), []);
  });

  it('deletes a spaced-out title\'s gaps between characters and keeps the wider gaps between phrases', () => {
    const text = '凝 心 聚 力  再 创 辉 煌\n——在全县动员大会上的讲话\n同志们：\n今天召开动员大会。';
    const [d] = of(text, 'stray-text');
    assert.equal(d.severity, 'info');
    assert.equal(fixed(text, 'stray-text').split('\n')[0], '凝心聚力  再创辉煌');
  });

  it('deletes web-paste artefacts, never joins them', () => {
    const text = '在全市工作大会上的讲话\n同志们：\n今天召开大会。\n图为会议现场。\n要抓好落实。\n谢谢大家！\n（来源：市政府网站）';
    assert.equal(fixed(text, 'stray-text'), '在全市工作大会上的讲话\n同志们：\n今天召开大会。\n要抓好落实。\n谢谢大家！\n');
  });

  it('splits a salutation with its greeting from the opening run on after it', () => {
    const text = '在会议上的讲话\n同志们：大家好！今天召开会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！';
    const [d] = of(text, 'salutation-merged');
    assert.match(d.message, /同志们：大家好！/);
    assert.equal(fixed(text, 'salutation-merged').split('\n')[1], '同志们：大家好！');
  });

  it('rewrites the odd member of a mixed series in the style of the rest, keeping 要 once', () => {
    const minority = '同志们：\n开会。\n一是要提高认识。内容。\n二要加强领导。内容。\n三是要狠抓落实。内容。\n四是要强化保障。内容。';
    assert.equal(fixed(minority, 'numbering-mixed'), minority.replace('二要加强', '二是要加强'));
    const yao = '同志们：\n开会。\n一要提高认识。内容。\n二是要加强领导。内容。\n三要狠抓落实。内容。\n四要强化保障。内容。';
    assert.equal(fixed(yao, 'numbering-mixed'), yao.replace('二是要加强', '二要加强'));
  });
});
