// The speech model: one parse that diagnostics, outline, folding and the views all read.
import assert from 'node:assert/strict';
import { parseDocument, Speech } from '../../server/src/analysis';
import { outlineOf } from '../../server/src/analysis/outline';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length;
const items = (text: string, s: Speech) => s.allItems.map((x) => `${lineOf(text, x.marker.start)}:${'  '.repeat(x.depth)}${x.marker.raw}`);

describe('speech model', () => {
  it('splits a collection at 第N篇 lines and takes the title from the header when it stands nowhere else', () => {
    const text = '第一篇：在市工作会议上的讲话\n在市工作会议上的讲话\n同志们：\n今天开会。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！\n第二篇：县长讲话\n经研究，今天开会。\n一、认识\n内容。\n二、落实\n内容。\n谢谢大家！';
    const doc = parseDocument(text);
    assert.equal(doc.speeches.length, 2);
    const [a, b] = doc.speeches;
    assert.equal(a.title!.text, '在市工作会议上的讲话');
    assert.equal(lineOf(text, a.title!.start), 2);
    assert.equal(a.title!.fromHeader, false);
    assert.equal(b.title!.text, '县长讲话');
    assert.equal(b.title!.fromHeader, true);
    assert.equal(b.salutation, undefined);
    assert.deepEqual(b.opening.map((p) => p.text), ['经研究，今天开会。']);
  });

  it('reads a double title, the byline and the date, and a salutation in half-width', () => {
    const text = '凝心聚力 再创辉煌\n——在全县动员大会上的讲话\n县委书记 张明\n（2023年2月8日）\n各位领导、同志们:\n今天召开大会。\n一要提高认识。内容。\n二要狠抓落实。内容。\n同志们，让我们携手奋进！';
    const s = parseDocument(text).speeches[0];
    assert.equal(s.title!.text, '凝心聚力 再创辉煌 ——在全县动员大会上的讲话');
    assert.deepEqual(s.meta.map((m) => m.text), ['县委书记 张明', '（2023年2月8日）']);
    assert.equal(s.salutation!.text, '各位领导、同志们:');
    assert.deepEqual(items(text, s), ['7:一要', '8:二要']);
    assert.deepEqual(s.closing.map((p) => lineOf(text, p.start)), [9]);
  });

  it('takes the opening text of a merged salutation as the opening', () => {
    const text = '在会议上的讲话\n同志们: 经党工委同意，今天召开会议。下面我讲两点意见:\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！';
    const s = parseDocument(text).speeches[0];
    assert.equal(s.salutation!.merged, true);
    assert.equal(s.opening.length, 1);
    assert.match(s.opening[0].text, /^经党工委同意/);
  });

  it('joins hard-wrapped lines into one paragraph; a numeral at the start of a continuation is not a heading', () => {
    const text = '在会议上的讲话\n同志们：\n今天开会。\n一、回顾\n旗总工会广泛开展以“当好主力军、建功十一\n五、和谐奔小康”为主题的劳动竞赛，一是\n组织职工，二是服务职工。\n二、任务\n内容。\n谢谢大家！';
    const s = parseDocument(text).speeches[0];
    assert.deepEqual(items(text, s), ['4:一、', '8:二、']);
    const joined = s.paragraphs.find((p) => p.segments.length > 1)!;
    assert.deepEqual(joined.segments.map((g) => g.line + 1), [5, 6, 7]);
    assert.match(joined.text, /建功十一五、和谐奔小康/);
    assert.deepEqual(joined.inline.map((m) => m.raw), ['一是', '二是']);
  });

  it('does not join a line whose next line continues the series (七是 after 六是)', () => {
    const text = '在会议上的讲话\n同志们：\n今天开会。\n一、成绩\n六是教育形式丰富，增进了交流\n七是党风廉政建设深入推进。\n二、任务\n内容。\n谢谢大家！';
    const s = parseDocument(text).speeches[0];
    assert.ok(s.paragraphs.every((p) => p.segments.length === 1));
  });

  it('nests headings by level and enumerations under their heading', () => {
    const text = '在会议上的讲话\n同志们：\n开会。\n一、总体要求\n（一）指导思想\n1.坚持党的领导。\n2.坚持人民至上。\n（二）基本原则\n一是稳中求进。\n二是守正创新。\n二、主要任务\n内容。\n谢谢大家！';
    const s = parseDocument(text).speeches[0];
    assert.deepEqual(items(text, s), ['4:一、', '5:  （一）', '6:    1.', '7:    2.', '8:  （二）', '9:    一是', '10:    二是', '11:二、']);
  });

  it('tolerates what pasted drafts contain: (一), full-width digits, Kangxi radicals, mixed brackets, stray spaces, Markdown', () => {
    const text = '# 在会议上的讲话\n\n同志们：\n\n开会。\n\n## ⼀、 总体要求\n\n(一)指导思想\n\n１．坚持领导。\n\n（二)基本原则\n\n**⼆、主要任务**\n\n内容。\n\n谢谢大家！';
    const s = parseDocument(text).speeches[0];
    assert.equal(s.title!.text, '在会议上的讲话');
    assert.deepEqual(s.allItems.map((x) => [x.marker.level, x.marker.number, x.marker.formProblem ?? '']), [
      [1, 1, 'kangxi'], [2, 1, 'brackets'], [3, 1, 'digits'], [2, 2, 'brackets'], [1, 2, 'kangxi'],
    ]);
  });

  it('handles CRLF, CR-only line ends and a BOM with exact offsets', () => {
    for (const eol of ['\r\n', '\r']) {
      const text = '\uFEFF在会议上的讲话' + eol + '同志们：' + eol + '开会。' + eol + '一、成绩' + eol + '内容。' + eol + '二、任务' + eol + '内容。' + eol + '谢谢大家！';
      const s = parseDocument(text).speeches[0];
      assert.equal(s.title!.start, 1);
      assert.equal(text.slice(s.allItems[1].marker.start, s.allItems[1].marker.end), '二、');
      assert.equal(s.closing.length, 1);
    }
  });

  it('reads 三、四月份 and 一、二季度 as prose, not headings', () => {
    const text = '在会议上的讲话\n同志们：\n三、四月份是春耕关键期。\n一、二季度经济运行平稳。\n谢谢大家！';
    assert.deepEqual(parseDocument(text).speeches[0].allItems, []);
  });

  it('gives the outline readable names in both languages', () => {
    const text = '在会议上的讲话\n同志们：\n开会。\n一、总体要求\n内容。\n二、主要任务。要抓落实。\n谢谢大家！';
    const doc = parseDocument(text);
    assert.deepEqual(outlineOf(doc, 'zh').map((n) => n.name), ['标题 在会议上的讲话', '称呼 同志们：', '开场白', '一、总体要求', '二、主要任务', '结尾']);
    assert.deepEqual(outlineOf(doc, 'en').map((n) => n.name), ['Title 在会议上的讲话', 'Salutation 同志们：', 'Opening', '一、总体要求', '二、主要任务', 'Closing']);
  });
});
