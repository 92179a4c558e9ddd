// Text pasted from Word, a PDF or a web page (issue 11, items 2, 5 and part of 9): look-alike
// and invisible characters (pasted-character), doubled marks (doubled-punctuation), and a
// draft that is half-width throughout (halfwidth-punctuation), with the fixes that clean them.
import assert from 'node:assert/strict';
import { analyze, applyEdits, fixAllEdits, fixEdits, isPastedTextFix, Diagnostic } from '../../server/src/analysis';
import { testWords } from '../helpers/words';

const check = (text: string, options = {}) => analyze(text, { words: testWords(), options }).diagnostics;
const of = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.rule === rule);
const flagged = (text: string, rule: string) => of(check(text), rule).map((d) => text.slice(d.start, d.end));
/** 清理粘贴文本: the pasted-character fixes and the Kangxi numerals of markers (isPastedTextFix). */
const cleanPasted = (text: string) => applyEdits(text, fixEdits(check(text), undefined, isPastedTextFix));

/** A speech as it comes out of a PDF: Kangxi radicals for 一 人 工, no-break spaces, a soft hyphen, a zero-width space. */
const FROM_PDF = [
  '在全市人才工作会议上的讲话',
  '同志们：',
  '　　今天召开全市⼈才⼯作会议，主要任务是总结前⼀阶段的⼯作，部署下⼀步任务。下面，我讲两点意见。',
  '⼀、充分肯定成绩',
  '　　过去一年，全市新引进高层次⼈才\u00a0\u00a0三百余名，人才总量稳步增长\u200b，人才结构持续优\u00ad化。',
  '⼆、明确今年任务',
  '　　要坚持党管人才原则，完善人才引进、培养、使用、评价和激励机制。',
  '　　同志们，让我们共同努力，开创全市人才工作新局面！',
].join('\n');

describe('pasted-character', () => {
  it('finds the Kangxi radicals in the body, the no-break spaces, the zero-width space and the soft hyphen', () => {
    const ds = of(check(FROM_PDF), 'pasted-character');
    assert.deepEqual(ds.map((d) => FROM_PDF.slice(d.start, d.end)), ['⼈', '⼯', '⼀', '⼯', '⼀', '⼈', '\u00a0\u00a0', '\u200b', '\u00ad']);
    assert.match(ds[0].message, /“⼈”（U\+2F08）是康熙部首，只是看起来像“人”/);
    assert.match(ds[6].message, /这里有2个不换行空格（U\+00A0）/);
    assert.match(ds[7].message, /看不见的零宽空格（U\+200B）/);
    assert.ok(ds.every((d) => d.fixKind === 'mechanical'));
    // Look-alikes and invisible characters are warnings; an odd space, which prints as a space, is information.
    assert.deepEqual(ds.map((d) => d.severity), ['warning', 'warning', 'warning', 'warning', 'warning', 'warning', 'info', 'warning', 'warning']);
  });

  it('a Kangxi ⼀、 heading is still a heading, and its radical is reported once (numbering-punctuation fixes the marker)', () => {
    const result = analyze(FROM_PDF, { words: testWords() });
    const headings = result.model.speeches[0].items.map((x) => [x.marker.raw, x.marker.level]);
    assert.deepEqual(headings, [['⼀、', 1], ['⼆、', 1]]);
    const atMarkers = result.diagnostics.filter((d) => /^[⼀⼆]、$/.test(FROM_PDF.slice(d.start, d.end)) || (FROM_PDF[d.start] === '⼀' && FROM_PDF[d.start + 1] === '、'));
    // Both markers are written the same way: one finding, the other marker its related location.
    assert.deepEqual(atMarkers.map((d) => d.rule), ['numbering-punctuation']);
    assert.deepEqual(atMarkers[0].related?.map((r) => FROM_PDF.slice(r.start, r.end)), ['⼆、']);
    assert.ok(!of(result.diagnostics, 'pasted-character').some((d) => FROM_PDF[d.end] === '、'), 'the marker radical is not reported a second time');
    // With numbering-punctuation switched off, pasted-character reports (and fixes) it.
    const off = of(check(FROM_PDF, { rules: { 'numbering-punctuation': 'off' } }), 'pasted-character');
    assert.ok(off.some((d) => FROM_PDF.slice(d.start, d.end + 1) === '⼀、'));
  });

  it('清理粘贴文本 cleans the whole draft; fix-all does too, and leaves the 　　 indents alone', () => {
    const cleaned = cleanPasted(FROM_PDF);
    assert.doesNotMatch(cleaned, /[\u2f00-\u2fd5\u00a0\u200b\u00ad]/);
    assert.match(cleaned, /^一、充分肯定成绩$/m);
    // The fixes of pasted-character alone (the server's fixRule today) leave only the markers' radicals.
    const ruleOnly = applyEdits(FROM_PDF, fixEdits(of(check(FROM_PDF), 'pasted-character')));
    assert.deepEqual(ruleOnly.match(/[\u2f00-\u2fd5]/g), ['⼀', '⼆']);
    assert.match(cleaned, /全市人才工作会议，主要任务是总结前一阶段的工作，部署下一步任务/);
    assert.match(cleaned, /高层次人才 {2}三百余名，人才总量稳步增长，人才结构持续优化/);
    const all = applyEdits(FROM_PDF, fixAllEdits(check(FROM_PDF)));
    assert.match(all, /^一、充分肯定成绩$/m);
    assert.match(all, /^二、明确今年任务$/m);
    assert.equal((all.match(/^　　/gm) ?? []).length, 4);
    assert.deepEqual(of(check(all), 'pasted-character'), []);
  });

  it('is silent on the indent, a leading BOM, real compatibility-block ideographs, joiners inside emoji and tabs', () => {
    for (const text of ['\ufeff在全市工作会议上的讲话\n同志们：\n　　今天开会。', '位于﨑山的﨏村。', '为大家点赞👍🏻，👨\u200d👩\u200d👧一家人。', '一、\t总体要求']) {
      assert.deepEqual(flagged(text, 'pasted-character'), [], text);
    }
  });

  it('maps compatibility ideographs by their canonical decomposition, radicals by what they look like, controls and a mid-text BOM deleted', () => {
    const text = '推进\uF9D1化改革，建设⻓三角，⻔口⻢路。要抓好\u0007落实\ufeff，狠抓\u200d工作。';
    const ds = of(check(text), 'pasted-character');
    const fixed = applyEdits(text, ds.flatMap((d) => d.fix!));
    assert.equal(fixed, '推进\u516D化改革，建设长三角，门口马路。要抓好落实，狠抓工作。');
    assert.ok(ds.some((d) => /控制字符（U\+0007）/.test(d.message)));
    assert.ok(ds.some((d) => /字节顺序标记（BOM）（U\+FEFF）/.test(d.message)));
  });
});

describe('doubled-punctuation', () => {
  it('reports the same mark twice and a half-width twin; the fix keeps one full-width mark and is mechanical', () => {
    const text = '今天召开全市工作会议。。全市经济运行平稳，，主要指标好于预期，, 民生保障有力、、有效。';
    const ds = of(check(text), 'doubled-punctuation');
    assert.deepEqual(ds.map((d) => text.slice(d.start, d.end)), ['。。', '，，', '，, ', '、、']);
    assert.ok(ds.every((d) => d.fixKind === 'mechanical'));
    assert.equal(applyEdits(text, fixAllEdits(check(text))), '今天召开全市工作会议。全市经济运行平稳，主要指标好于预期，民生保障有力、有效。');
    assert.match(ds[0].message, /^句号“。”连用了2次/);
  });

  it('two marks that contradict: a decision the quick fix makes (the stronger mark stays), not fix-all', () => {
    const text = '要抓好落实。，各级各部门要高度重视，。学校越办越好！。';
    const ds = of(check(text), 'doubled-punctuation');
    assert.deepEqual(ds.map((d) => [text.slice(d.start, d.end), d.fix![0].text, d.fixKind]), [['。，', '。', 'decision'], ['，。', '。', 'decision'], ['！。', '！', 'decision']]);
    assert.equal(applyEdits(text, fixAllEdits(check(text))), text);
  });

  it('is silent on …… —— ！！ ？！, on ？， inside a sentence, and leaves 一、、 to numbering-punctuation', () => {
    for (const text of ['他说：“我们一定能够完成任务……”', '路线——人民的路线——是正确的。', '团结就是力量！！', '难道不能做得更好吗？！', '是集体经济好，还是个体经济好？，这个问题要回答。']) {
      assert.deepEqual(flagged(text, 'doubled-punctuation'), [], text);
    }
    const marker = '一、、总体要求\n内容。\n二、工作措施\n内容。';
    assert.deepEqual(flagged(marker, 'doubled-punctuation'), []);
    assert.deepEqual(flagged(marker, 'numbering-punctuation'), ['一、、']);
  });

  it('。。。 for an ellipsis: the quick fix writes ……, as a decision', () => {
    const [d] = of(check('事情就这样定了。。。'), 'doubled-punctuation');
    assert.equal(d.variant, 'ellipsis');
    assert.equal(d.fix![0].text, '……');
    assert.equal(d.fixKind, 'decision');
  });
});

describe('halfwidth-punctuation on a draft that is half-width throughout', () => {
  const line = (n: number) => `第${n}项工作要抓好,要落实到位;各级要重视!`;

  it('one finding at the first mark, whose one fix converts every mark of the draft', () => {
    const text = `在全市工作会议上的讲话\n同志们:\n${[1, 2, 3, 4].map(line).join('\n')}\n谢谢大家!`;
    const ds = of(check(text), 'halfwidth-punctuation');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].reach, 'document');
    assert.equal(text.slice(ds[0].start, ds[0].end), ':');
    assert.match(ds[0].message, /全文的标点几乎都是半角（共14处，如这里的“:”）/);
    const fixed = applyEdits(text, fixAllEdits(check(text)));
    assert.doesNotMatch(fixed, /[,:;!]/);
    assert.deepEqual(of(check(fixed), 'halfwidth-punctuation'), []);
  });

  it('a few half-width slips in a full-width draft, or under ten marks, keep one finding per mark', () => {
    const slips = `在全市工作会议上的讲话\n同志们：\n${[1, 2, 3, 4].map(line).join('\n').replace(/[,;!]/g, (c) => ({ ',': '，', ';': '；', '!': '！' })[c]!)}\n今年以来,全市经济运行平稳。谢谢大家！`;
    assert.equal(of(check(slips), 'halfwidth-punctuation').length, 1);
    const few = `同志们:\n${line(1)}\n${line(2)}`;
    assert.equal(of(check(few), 'halfwidth-punctuation').length, 7);
  });

  it('twenty half-width marks or more in a mostly full-width draft (a transcript typed with both): one finding, one fix', () => {
    const mixed = (n: number) => `第${n}项工作要抓好,要落实到位。各级要高度重视，切实抓紧抓实，确保取得实效。`;
    const text = `在全市工作会议上的讲话\n同志们：\n${Array.from({ length: 20 }, (_, i) => mixed(i + 1)).join('\n')}\n谢谢大家！`;
    const ds = of(check(text), 'halfwidth-punctuation');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].reach, 'document');
    assert.match(ds[0].message, /^本稿有20处半角标点夹在中文里（如这里的逗号“,”）/);
    const fixed = applyEdits(text, fixAllEdits(check(text)));
    assert.doesNotMatch(fixed, /,/);
    assert.deepEqual(of(check(fixed), 'halfwidth-punctuation'), []);
    // Nineteen of them stay nineteen findings: few enough to read one by one.
    const fewer = text.replace(/第20项工作要抓好,/, '第20项工作要抓好，');
    assert.equal(of(check(fewer), 'halfwidth-punctuation').length, 19);
  });

  it('converts every case it reports: 刚才,XX; 同志们: 经; 增长50%; 20-33%; a ‛ quote before a comma', () => {
    const text = '在全区工作会议上的讲话\n同志们: 经党工委同意,今天召开会议。刚才,XX等单位作了发言。全年增长50%;精简了20-33%;开展“评议‛,成效明显。\n一、加强领导\n要抓落实。\n谢谢大家!';
    const ds = check(text);
    const reported = of(ds, 'halfwidth-punctuation').map((d) => text.slice(d.start, d.start + 1));
    assert.deepEqual(reported, [':', ',', ',', ';', ';', ',', '!']);
    // The convert command: every fix of the rule, alone.
    const converted = applyEdits(text, fixEdits(of(ds, 'halfwidth-punctuation')));
    assert.doesNotMatch(converted.replace(/\d+:\d+/g, ''), /[,:;!]/);
    // Fix-all with the salutation split and the quote fixed makes no new half-width finding.
    const all = applyEdits(text, fixAllEdits(ds));
    assert.match(all, /^同志们：\n经党工委同意，今天召开会议。刚才，XX等单位作了发言。全年增长50%；精简了20-33%；开展“评议”，成效明显。$/m);
    assert.deepEqual(of(check(all), 'halfwidth-punctuation'), []);
  });

  it('leaves numbers, times, ratios and Latin pairs alone', () => {
    for (const text of ['全年完成投资3,000亿元。', '会议于10:30开始。', '按1:2的比例配套。', '分A,B两类推进。']) {
      assert.deepEqual(flagged(text, 'halfwidth-punctuation'), [], text);
    }
  });
});

describe('pasted-character on a whole pasted document', () => {
  it('more than fifty places: one finding at the first, whose fix cleans them all', () => {
    const line = '前⼀阶段，全市经济运行平稳，下⼀步要加强⼈才\u00a0队伍建设。';
    const text = `在全市工作会议上的讲话\n同志们：\n${Array(20).fill(line).join('\n')}\n谢谢大家！`;
    const ds = of(check(text), 'pasted-character');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].reach, 'document');
    assert.match(ds[0].message, /^全文有80处粘贴带来的形似字符或隐形字符（这里是“⼀”）/);
    const fixed = applyEdits(text, fixAllEdits(check(text)));
    assert.doesNotMatch(fixed, /[\u2f00-\u2fd5\u00a0]/);
    assert.deepEqual(of(check(fixed), 'pasted-character'), []);
  });
});
