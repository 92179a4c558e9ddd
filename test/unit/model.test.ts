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

  describe('how real speeches address the audience (domain §7)', () => {
    const sal = (text: string) => parseDocument(text).speeches[0].salutation;
    it('a greeting on the salutation line belongs to it: not merged', () => {
      const s = sal('在开学典礼上的讲话\n各位来宾、老师们、同学们：大家好！\n今天我们隆重集会。')!;
      assert.equal(s.text, '各位来宾、老师们、同学们：大家好！');
      assert.equal(s.merged, false);
    });
    it('an address ending in ！ or in ， with a greeting is a salutation', () => {
      assert.equal(sal('在代表大会上的报告\n各位代表！\n现在，我代表市政府向大会报告工作。')!.text, '各位代表！');
      assert.equal(sal('在毕业典礼上的讲话\n各位家长，亲爱的同学们，大家上午好！\n今天我们在这里欢送毕业生。')!.text, '各位家长，亲爱的同学们，大家上午好！');
    });
    it('an address over two lines, and a greeting on the line after, make one salutation', () => {
      const text = '在开学典礼上的讲话\n尊敬的各位领导、各位来宾，\n\n亲爱的同学们：\n早上好！\n今天我们隆重集会。\n我讲两点希望。\n谢谢大家！';
      const sp = parseDocument(text).speeches[0];
      assert.equal(sp.salutation!.text, '尊敬的各位领导、各位来宾，亲爱的同学们：早上好！');
      assert.equal(sp.salutation!.paragraph.layout, 'lines');
      assert.deepEqual(sp.opening.map((p) => p.text), ['今天我们隆重集会。']);
    });
    it('finds the salutation after a byline, a dotted date, a photo credit or a note on the text', () => {
      for (const under of ['校长  李 明\n2023.09.01', '（根据录音整理）', '摄影 王小明\n（2022/02/27）', '市委书记 张明\n（2020年7月）']) {
        const text = `在全市工作会议上的讲话\n${under}\n同志们：\n今天召开会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！`;
        const sp = parseDocument(text).speeches[0];
        assert.equal(sp.salutation?.text, '同志们：', under);
        assert.equal(sp.title!.text, '在全市工作会议上的讲话', under);
      }
    });
    it('reads 同志们，今天… as a salutation merged with the opening', () => {
      const s = sal('在全市工作会议上的讲话\n同志们，今天我们召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！')!;
      assert.equal(s.merged, true);
      assert.equal(s.text, '同志们，');
    });
    it('does not take a sentence for an address (各级领导干部要：, 全市各级领导，要…)', () => {
      assert.equal(sal('在会议上的讲话\n各级领导干部要：\n提高认识。'), undefined);
      assert.equal(sal('在会议上的讲话\n全市各级领导，要高度重视。\n提高认识。'), undefined);
    });
    it('knows a report and a written address, which need no salutation, and a title that names no genre', () => {
      const kind = (text: string) => { const sp = parseDocument(text).speeches[0]; return [sp.kind, sp.salutationExpected]; };
      assert.deepEqual(kind('2024年学校工作报告\n现在，我代表学校向大会报告工作。\n一、成绩\n内容。'), ['report', false]);
      assert.deepEqual(kind('凝心聚力谋发展\n各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n一、成绩\n内容。'), ['report', false]);
      assert.deepEqual(kind('2024年新年献词\n岁序更新，万象启新。'), ['written', false]);
      assert.deepEqual(kind('实干兴邦\n——致全市青年干部\n青年干部要勇挑重担。'), ['written', false]);
      assert.deepEqual(kind('把调查研究作为基本功\n（二〇二三年三月五日）\n今天谈一谈调查研究。'), ['speech', false]);
      assert.deepEqual(kind('在全市工作会议上的讲话\n今天召开会议。'), ['speech', true]);
      assert.deepEqual(kind('在全市工作会议上的讲话提纲\n（一）关于形势\n内容。'), ['outline', false]);
    });
  });

  describe('titles, bylines and what a news page puts around a speech', () => {
    it('reads a theme title over three lines, a spaced-out title, and a title ending in ！ over its subtitle', () => {
      let sp = parseDocument('坚持稳中求进\n推动高质量发展\n奋力谱写新篇章\n同志们：\n今天召开大会。').speeches[0];
      assert.equal(sp.title!.paragraphs.length, 3);
      assert.equal(sp.salutation!.text, '同志们：');
      sp = parseDocument('凝 心 聚 力  再 创 辉 煌\n——在全县动员大会上的讲话\n张 明\n同志们：\n今天开会。').speeches[0];
      assert.equal(sp.title!.paragraphs.length, 2);
      assert.deepEqual(sp.meta.map((m) => m.text), ['张 明']);
      sp = parseDocument('奋斗正当时！\n——在新生开学典礼上的讲话\n同学们：\n今天开学了。').speeches[0];
      assert.equal(sp.title!.text, '奋斗正当时！ ——在新生开学典礼上的讲话');
    });
    it('takes a name on top, followed by a date or the salutation, for a byline: the title is missing', () => {
      for (const top of ['张明\n（2024年3月8日）', '李 小 华', '市第一中学校长 王华\n2023.09.01']) {
        const sp = parseDocument(`${top}\n同志们：\n今天召开会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！`).speeches[0];
        assert.equal(sp.title, undefined, top);
        assert.equal(sp.salutation?.text, '同志们：', top);
      }
    });
    it('takes a byline above the title for a byline, not for the title', () => {
      const sp = parseDocument('致辞：张明（教师代表）\n做一个有温度的人\n同学们：\n今天你们毕业了。').speeches[0];
      assert.equal(sp.title!.text, '做一个有温度的人');
      assert.deepEqual(sp.meta.map((m) => m.text), ['致辞：张明（教师代表）']);
    });
    it('keeps captions, credits, datelines and source lines out of the speech (stray lines)', () => {
      const text = '5月8日，大会在市民中心开幕。市委书记出席并讲话。本报记者 张华 摄\n新华社南京5月8日电\n在全市工作大会上的讲话\n（2024年5月8日）\n同志们：\n今天召开大会。\n图为会议现场。\n谢谢大家！\n（来源：市政府网站）\n《××日报》（2024年5月9日 02 版）';
      const doc = parseDocument(text);
      assert.deepEqual(doc.strays.map((s) => [s.line + 1, s.kind]), [[1, 'caption'], [2, 'dateline'], [7, 'caption'], [9, 'source'], [10, 'source']]);
      const sp = doc.speeches[0];
      assert.equal(sp.title!.text, '在全市工作大会上的讲话');
      assert.equal(sp.salutation!.text, '同志们：');
      assert.deepEqual(sp.closing.map((p) => p.text), ['谢谢大家！']);
    });
    it('splits a crawled line of dateline, title, date, name and salutation', () => {
      const text = '新华社南京5月8日电在全市工作大会上的讲话（2024年5月8日）张明 同志们，朋友们：\n今天召开大会。\n谢谢大家！';
      const doc = parseDocument(text);
      assert.deepEqual(doc.strays.map((s) => [s.kind, text.slice(s.start, s.end)]), [['dateline', '新华社南京5月8日电']]);
      const sp = doc.speeches[0];
      assert.equal(sp.title!.text, '在全市工作大会上的讲话（2024年5月8日）张明');
      assert.equal(sp.salutation!.text, '同志们，朋友们：');
    });
    it('takes a caption run into the salutation, and source lines after the last sentence, as stray spans', () => {
      const text = '在全市工作大会上的讲话\n大会现场。本报记者 张华 摄同志们：\n今天召开大会。\n谢谢大家！（来源：市政府网站）';
      const doc = parseDocument(text);
      assert.deepEqual(doc.strays.map((s) => [s.kind, s.whole, text.slice(s.start, s.end)]), [['caption', false, '大会现场。本报记者 张华 摄'], ['source', false, '（来源：市政府网站）']]);
      assert.equal(doc.speeches[0].salutation!.text, '同志们：');
    });
    it('does not take prose about photographs for a caption', () => {
      const doc = parseDocument('同志们：\n要加强影视拍摄基地建设，做好新闻摄影工作。\n记者站要加强管理。');
      assert.deepEqual(doc.strays, []);
    });
  });

  describe('how real speeches close', () => {
    const closing = (text: string) => parseDocument(text).speeches[0].closing.map((p) => p.text);
    const body = '在全市工作会议上的讲话\n同志们：\n今天召开会议。\n一、成绩\n过去一年成绩显著。\n二、任务\n今年要抓好落实。\n';
    it('finds calls, slogans, thanks and modesty formulas, wishes, a summing-up, a last 最后，', () => {
      for (const c of ['伟大的事业万岁！', '不当之处，请大家批评指正。', '在此，向全市广大干部群众致以节日的祝贺！', '总之，要把各项工作抓实抓细。', '最后，希望大家再接再厉，再创佳绩。', '让我们继续奋勇前进！', '相信在大家的共同努力下，我们的目标一定能够实现。']) {
        assert.deepEqual(closing(body + c), [c], c);
      }
    });
    it('finds a toast laid out line by line, and keeps its lines together as one deliberate layout', () => {
      const text = '在晚宴上的致辞\n各位来宾：\n欢迎大家。\n这些年我们合作愉快。\n现在，我提议，请大家举杯，\n为合作愉快，\n为各位的健康，\n干杯！';
      const sp = parseDocument(text).speeches[0];
      assert.equal(sp.closing.length, 1);
      assert.equal(sp.closing[0].layout, 'verse');
      assert.equal(sp.closing[0].segments.length, 4);
    });
    it('starts the closing at an address line among the last paragraphs, when a closing follows it', () => {
      assert.deepEqual(closing(body + '青年朋友们！\n未来属于你们！'), ['青年朋友们！', '未来属于你们！']);
      assert.deepEqual(closing(body + '青年朋友们！\n让我们携手前行。'), ['青年朋友们！', '让我们携手前行。']);
      assert.deepEqual(closing(body + '同志们，新的一年任务艰巨，各级要扛起责任。'), ['同志们，新的一年任务艰巨，各级要扛起责任。']);
      // An address between two parts is no closing by itself.
      assert.deepEqual(closing(body + '同志们、朋友们！\n下一步，各部门要把任务分解到人。'), []);
    });
    it('keeps a sign-off (organisation, post and name, date) out of the closing', () => {
      const sp = parseDocument('2024年新年献词\n岁序更新。\n过去一年我们取得了成绩。\n新的一年我们要再接再厉。\n祝大家新年快乐！\n华兴集团有限公司\n董事长：赵志远\n2023年12月31日').speeches[0];
      assert.deepEqual(sp.closing.map((p) => p.text), ['祝大家新年快乐！']);
      assert.deepEqual(sp.signoff.map((p) => p.text), ['华兴集团有限公司', '董事长：赵志远', '2023年12月31日']);
    });
    it('does not take a body paragraph for a closing', () => {
      assert.deepEqual(closing(body + '三、保障\n各级要加强组织领导，压实工作责任。'), []);
      // A toast needs its proposal (我提议…举杯); 举杯 in a body sentence is no closing, nor is 祝贺.
      assert.deepEqual(closing(body + '三、保障\n打了胜仗大家举杯相庆，遇到困难大家互相支持。'), []);
      assert.deepEqual(closing(body + '三、保障\n我们祝贺各单位取得的成功，也要看到不足。'), []);
    });
  });

  describe('paragraphs and numbering in real layouts', () => {
    it('joins a line that starts with ， to the line before (a line split at a link)', () => {
      const sp = parseDocument('同志们：\n请大家查阅市政府网站发布的\n《实施方案》\n，认真抓好落实。').speeches[0];
      assert.equal(sp.paragraphs[sp.paragraphs.length - 1].segments.length, 3);
    });
    it('in a draft whose paragraphs are separated by blank lines, joins a short line cut mid-sentence', () => {
      const paras = ['今天召开会议，主要任务是\n部署全年工作。', '第一段内容。', '第二段内容。', '第三段内容。', '第四段内容。', '第五段内容。', '谢谢大家！'];
      const sp = parseDocument('在会议上的讲话\n\n同志们：\n\n' + paras.join('\n\n')).speeches[0];
      assert.ok(sp.paragraphs.some((p) => p.text === '今天召开会议，主要任务是部署全年工作。'));
    });
    it('keeps every heading of a text on one line (a crawl that lost its breaks) a run-in heading', () => {
      const text = '同志们：今天开会，我讲三点意见。一、提高认识我们要统一思想。二、加强领导各级要负总责。三、狠抓落实大家要真抓实干。谢谢大家！';
      const sp = parseDocument(text).speeches[0];
      assert.deepEqual(sp.items.map((x) => [x.marker.raw, !!x.runIn]), [['一、', true], ['二、', true], ['三、', true]]);
    });
    it('reads 一<space>… headings, 第一部分 above 一、, and 首先/其次 without a comma', () => {
      let sp = parseDocument('在会议上的讲话\n（二〇二三年三月五日）\n今天谈两个问题。\n一 三月五日的讲话\n内容。\n二 三月九日的讲话\n内容。').speeches[0];
      assert.deepEqual(sp.items.map((x) => [x.marker.level, x.marker.number]), [[1, 1], [1, 2]]);
      sp = parseDocument('在会议上的报告\n同志们：\n开会。\n第一部分　总体要求\n一、指导思想\n内容。\n二、基本原则\n内容。\n第二部分　主要任务\n一、抓项目\n内容。').speeches[0];
      assert.deepEqual(sp.allItems.map((x) => [x.depth, x.marker.raw]), [[0, '第一部分'], [1, '一、'], [1, '二、'], [0, '第二部分'], [1, '一、']]);
      sp = parseDocument('同志们：\n首先我要感谢大家的支持。\n其次是要加强协作。\n最后，要抓好落实。').speeches[0];
      assert.deepEqual(sp.allItems.map((x) => x.marker.raw), ['首先', '其次', '最后']);
      sp = parseDocument('同志们：\n今天开会。\n谢谢大家，再次感谢各位的支持。').speeches[0];
      assert.deepEqual(sp.allItems, []);
    });
  });
});

