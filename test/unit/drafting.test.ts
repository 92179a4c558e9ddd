// What a writer meets while drafting (issue 11): unfilled placeholders found and visited, the
// checklist and the counts that do not count them, one count for the draft and a selection,
// the exported outline, an ignore that leaves the text alone, which .txt files are speeches,
// what fix-all may decide, and messages that can be read.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze, applyEdits, fixAllEdits, RULES, parseDocument, spokenCharsIn, checklistOf, outlineOf, renderOutline,
  nextPlaceholder, findPlaceholders, ignoreEntryFor, addIgnore, ignoresFor, looksLikeSpeech, resolveOptions, Diagnostic,
} from '../../server/src/analysis';
import { speechChars } from '../../server/src/analysis/outline';
import { testWords } from '../helpers/words';

const check = (text: string, options = {}) => analyze(text, { words: testWords(), options }).diagnostics;
const of = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.rule === rule);
const placeholders = (text: string) => findPlaceholders(text).map((p) => p.text);

describe('placeholders', () => {
  it('finds the skeletons’ notes at any length, ×月×日, and every X that stands for a number', () => {
    assert.deepEqual(placeholders('【待补充：回顾过去一年全市各条战线取得的主要成绩和经验】'), ['【待补充：回顾过去一年全市各条战线取得的主要成绩和经验】']);
    assert.deepEqual(placeholders('（2024年×月×日）'), ['×', '×']);
    assert.deepEqual(placeholders('全年发生事故X起，死亡X人，直接经济损失X万元，用时X分钟。'), ['X', 'X', 'X', 'X']);
    assert.deepEqual(placeholders('力争202X年前完成。'), ['X']);
    assert.deepEqual(placeholders('第X届运动会在××举行，某某同志主持，时间（待定）。'), ['X', '××', '某某', '（待定）']);
  });

  it('never flags a real X or ×: X射线, X光, X型, 1+X, 415X, iPhone X, 3×5, XXI', () => {
    for (const text of ['医院新购X射线设备和X光机。', '推广X型支架。', '试点“1+X”证书制度。', '打造“415X”产业集群。', '采购iPhone X台式机。', '面积为3×5米。', '迎接XXI世纪。', 'X线检查。']) {
      assert.deepEqual(placeholders(text), [], text);
    }
  });

  it('转到下一个占位符 visits each in order, including those whose finding is not shown, and wraps round', () => {
    const text = '在××会议上的讲话\n<!-- jianggao-disable-next-line placeholder -->\n今天召开XX会议。\n【待补充：会议任务】';
    // The rule is silent on the suppressed line; the command still goes there.
    assert.equal(of(check(text), 'placeholder').length, 2);
    const first = nextPlaceholder(text, 0)!;
    assert.equal(first.text, '××');
    const second = nextPlaceholder(text, first.end, first)!;
    assert.equal(second.text, 'XX');
    const third = nextPlaceholder(text, second.end, second)!;
    assert.equal(third.text, '【待补充：会议任务】');
    const wrapped = nextPlaceholder(text, third.end, third)!;
    assert.deepEqual([wrapped.text, wrapped.wrapped], ['××', true]);
    // A cursor inside one goes to the next; the directive line itself is no placeholder.
    assert.equal(nextPlaceholder(text, first.start + 1)!.text, 'XX');
    assert.equal(nextPlaceholder('没有占位符的稿子。', 0), undefined);
    assert.equal(nextPlaceholder('<!-- jianggao-disable XX -->\n正文。', 0), undefined);
  });
});

/** A draft whose body is still the skeleton's notes. */
const SKELETON = [
  '在全市农业农村工作会议上的讲话',
  '同志们：',
  '这次会议的主要任务是，【待补充：会议任务】。下面，我讲两点意见。',
  '一、充分肯定成绩',
  '【待补充：回顾过去一年全市农业农村工作取得的成绩】',
  '二、明确今年任务',
  '【待补充：部署今年的重点任务】',
  '同志们，让我们共同努力，为加快农业农村现代化而努力奋斗！',
].join('\n');

describe('checklist and counts', () => {
  it('a body that is only 【待补充】 is missing; a part with a note in it is there, and marked unfilled', () => {
    const [c] = checklistOf(parseDocument(SKELETON));
    assert.equal(c.parts.body.present, false);
    assert.equal(c.parts.opening.present, true);
    assert.equal(c.parts.opening.unfilled, true);
    assert.equal(c.parts.closing.present, true);
    assert.equal(c.parts.closing.unfilled, undefined);
    const onlyNote = SKELETON.replace('这次会议的主要任务是，【待补充：会议任务】。下面，我讲两点意见。', '【待补充：开场白】');
    assert.equal(checklistOf(parseDocument(onlyNote))[0].parts.opening.present, false);
  });

  it('notes in brackets, the title and headings’ markers are not read aloud: not counted', () => {
    const model = parseDocument(SKELETON);
    // 这次会议的主要任务是 下面我讲两点意见 (17) + 充分肯定成绩 明确今年任务 (12) + 同志们 (3) + the closing (24).
    const expected = '同志们这次会议的主要任务是下面我讲两点意见充分肯定成绩明确今年任务同志们让我们共同努力为加快农业农村现代化而努力奋斗'.length;
    assert.equal(speechChars(model, model.speeches[0]), expected);
    assert.equal(checklistOf(model)[0].chars, expected);
  });

  it('one count: the whole draft selected gives the draft’s figure, and parts add up to it', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'drafts', 'work-meeting.speech'), 'utf8');
    const model = parseDocument(text);
    const whole = checklistOf(model).reduce((n, c) => n + c.chars, 0);
    assert.equal(spokenCharsIn(model, 0, text.length), whole);
    assert.equal(spokenCharsIn(model), whole);
    // Any cut adds up: [0, k) + [k, end) = the whole, at every k.
    for (let k = 0; k <= text.length; k += 7) assert.equal(spokenCharsIn(model, 0, k) + spokenCharsIn(model, k, text.length), whole, `cut at ${k}`);
    // The outline's top-level nodes add up to the draft too.
    const nodes = outlineOf(model);
    assert.equal(nodes.reduce((n, x) => n + x.chars, 0), whole);
  });
});

describe('the exported outline', () => {
  const DRAFT = [
    '坚定信心　真抓实干',
    '——在全市经济工作会议上的讲话',
    '张  明',
    '（2024年3月1日）',
    '同志们：',
    '今天召开全市经济工作会议。下面，我讲两点意见。',
    '一、充分肯定成绩',
    '过去一年的工作有三个特点：一是经济稳中有进；二是民生持续改善；三是改革不断深化。',
    '二、明确今年任务',
    '要坚持稳中求进，推动高质量发展。',
    '同志们，让我们共同努力，奋力完成全年目标任务！',
  ].join('\n');

  it('is headed by the speech’s title, keeps no 标题/署名 labels and no double spaces, and lists the 一是/二是 points', () => {
    const model = parseDocument(DRAFT);
    const md = renderOutline(outlineOf(model), 'markdown', 'zh', 200, (o) => model.lineIndex.lineAt(o) + 1);
    const lines = md.split('\n');
    assert.equal(lines[0], '# 坚定信心 真抓实干 ——在全市经济工作会议上的讲话');
    assert.ok(lines.includes('张 明  '), md);
    assert.ok(lines.includes('（2024年3月1日）'), md);
    assert.doesNotMatch(md, /标题|署名|称呼 /);
    assert.doesNotMatch(md.replace(/ {2}$/gm, ''), /\S {2,}\S/);
    assert.match(md, /^- 一、充分肯定成绩 — \d+字 · \d+秒$/m);
    assert.match(md, /^ {2}- 一是经济稳中有进 — \d+字 · \d+秒$/m);
    assert.match(md, /^ {2}- 三是改革不断深化 — /m);
    // The outline view and `jianggao outline` get the same points as children of the heading.
    const heading = outlineOf(model).find((n) => n.name.startsWith('一、'))!;
    assert.deepEqual(heading.children.map((c) => c.name), ['一是经济稳中有进', '二是民生持续改善', '三是改革不断深化']);
    assert.ok(heading.children.every((c) => c.kind === 'enum' && c.chars > 0));
  });

  it('a collection: one heading per speech under 提纲', () => {
    const text = `第一篇：在甲会议上的讲话\n${DRAFT.split('\n').slice(4).join('\n')}\n第二篇：在乙会议上的讲话\n${DRAFT.split('\n').slice(4).join('\n')}`;
    const model = parseDocument(text);
    const md = renderOutline(outlineOf(model), 'markdown', 'zh', 200, (o) => model.lineIndex.lineAt(o) + 1);
    assert.deepEqual(md.split('\n').filter((l) => l.startsWith('#')), ['# 提纲', '## 第一篇 在甲会议上的讲话', '## 第二篇 在乙会议上的讲话']);
  });
});

describe('ignoring one finding in .jianggao.json', () => {
  const DRAFT = [
    '在全市工作会议上的讲话',
    '同志们：',
    '今天召开全市工作会议，××同志作了报告。下面，我讲两点意见。',
    '一、充分肯定成绩',
    '全年新增就业X多万人，××同志所在单位表现突出。',
    '二、明确今年任务',
    '要抓好落实。',
    '谢谢大家！',
  ].join('\n');

  it('silences that finding only, survives edits elsewhere and fix-all, and not a placeholder added later', () => {
    const first = of(check(DRAFT), 'placeholder')[0];
    const entry = ignoreEntryFor(DRAFT, first, 'drafts/meeting.speech');
    assert.deepEqual(entry, { rule: 'placeholder', text: '××', before: '市工作会议，', after: '同志作了报告', file: 'drafts/meeting.speech' });
    const config = addIgnore({ rules: { 'overused-phrase': 'off' } }, entry);
    assert.deepEqual(config.rules, { 'overused-phrase': 'off' }, 'the rest of the configuration is kept');
    assert.deepEqual(addIgnore(config, entry).ignores.length, 1, 'added once');
    const { options, problems } = resolveOptions([config], new Set(RULES.map((r) => r.id)));
    assert.deepEqual(problems, []);
    const ignores = ignoresFor(options.ignores, 'drafts/meeting.speech');
    const left = (text: string) => of(check(text, { ignores }), 'placeholder').map((d) => `${text.slice(0, d.start).split('\n').length}:${text.slice(d.start, d.end)}`);
    assert.deepEqual(left(DRAFT), ['5:X', '5:××']);
    // An edit elsewhere (a line added above, a word changed further on) changes nothing.
    assert.deepEqual(left(DRAFT.replace('同志们：', '同志们：\n今天天气很好。').replace('要抓好落实', '要狠抓落实')), ['6:X', '6:××']);
    // Fix-all's half-width and pasted-character fixes next to it do not lose it.
    assert.deepEqual(left(DRAFT.replace('全市工作会议，××', '全市工作会议,××')), ['5:X', '5:××']);
    // The same placeholder written again in another sentence is reported.
    assert.deepEqual(left(DRAFT.replace('要抓好落实。', '要抓好落实，××同志要亲自抓。')), ['5:X', '5:××', '7:××']);
    // The entry names its draft: another draft under the same configuration is not affected,
    // and an entry never matched against a draft's path (options straight from the config) silences nothing.
    assert.equal(ignoresFor(options.ignores, 'drafts/other.speech').length, 0);
    assert.deepEqual(left(DRAFT).length, 2);
    assert.equal(of(check(DRAFT, { ignores: options.ignores }), 'placeholder').length, 3);
    // The speech text is untouched: nothing to insert, nothing in the draft.
    assert.doesNotMatch(JSON.stringify(config), /jianggao-disable/);
  });
});

describe('looksLikeSpeech', () => {
  const body = '各级各部门要切实提高思想认识，把这项工作摆上重要议事日程，主要领导亲自抓、负总责，确保各项任务落到实处。'.repeat(3);
  it('a titled or addressed speech is one', () => {
    assert.ok(looksLikeSpeech(`在全市安全生产工作会议上的讲话\n同志们：\n${body}\n一、提高认识\n${body}`));
    assert.ok(looksLikeSpeech(`2025年新年献词\n${body}\n${body}`));
    assert.ok(looksLikeSpeech(`尊敬的各位来宾，女士们、先生们：\n大家好！\n${body}\n${body}\n谢谢大家！`));
    assert.ok(looksLikeSpeech(`第一篇：在甲会议上的讲话\n${body}\n${body}`));
  });
  it('notes, notices, minutes, an e-mail and English are not', () => {
    assert.ok(!looksLikeSpeech(`关于召开全市安全生产工作会议的通知\n各区县人民政府，市直各部门：\n经市政府同意，定于3月1日召开会议。现将有关事项通知如下：\n一、会议时间\n${body}\n二、参会人员\n${body}`));
    assert.ok(!looksLikeSpeech(`会议纪要\n时间：3月1日\n地点：市政府三楼会议室\n${body}\n${body}`));
    assert.ok(!looksLikeSpeech('各位同事：\n大家好！\n下周一上午九点在三楼开会，请准时参加。\n谢谢大家！'));
    assert.ok(!looksLikeSpeech('Meeting notes\nSpeech for the annual meeting: to do\n- book the room\n- print the agenda\n'.repeat(10)));
    assert.ok(!looksLikeSpeech(`读书笔记\n${body}\n${body}\n${body}`));
  });
});

describe('what fix-all may decide', () => {
  it('every rule with a fix says whether it is mechanical or a decision', () => {
    for (const r of RULES) if (r.fixTitle) assert.ok(r.fixKind === 'mechanical' || r.fixKind === 'decision', r.id);
  });

  it('fix-all neither renumbers where a part may be missing nor inserts 同志们：; the quick fixes still offer both', () => {
    const text = '在全市工作会议上的讲话\n今天召开全市工作会议,下面我讲两点意见。\n三、加强领导\n内容。\n四、狠抓落实\n内容。\n一是抓学习。二是抓落实。四是抓督查。\n谢谢大家！';
    const ds = check(text);
    const fixed = applyEdits(text, fixAllEdits(ds));
    assert.match(fixed, /^三、加强领导$/m);
    assert.match(fixed, /四是抓督查/);
    assert.doesNotMatch(fixed, /同志们/);
    assert.match(fixed, /全市工作会议，下面/);
    for (const rule of ['numbering-start', 'numbering-gap', 'missing-salutation']) {
      const d = of(ds, rule)[0];
      assert.ok(d?.fix && d.fixKind === 'decision', `${rule} offers its fix as a decision`);
    }
  });

  it('a marker form fix that also renumbers is a decision; the form alone is mechanical', () => {
    const renumbering = of(check('一、总体要求\n内容。\n三，工作措施\n内容。'), 'numbering-punctuation')[0];
    assert.deepEqual([renumbering.fix![0].text, renumbering.fixKind], ['二、', 'decision']);
    const form = of(check('一、总体要求\n内容。\n二，工作措施\n内容。'), 'numbering-punctuation')[0];
    assert.deepEqual([form.fix![0].text, form.fixKind], ['二、', 'mechanical']);
  });
});

describe('messages can be read', () => {
  /** A quotation whose content is empty or only quotation marks (前面没有“”, ““”没有配对的“””). */
  const UNREADABLE = /“[“”‘’"'‚‛„‟]*”/;
  const DRAFTS = [
    ...RULES.flatMap((r) => r.docs.bad),
    ...fs.readdirSync(path.join(__dirname, '..', 'fixtures', 'drafts')).filter((f) => f.endsWith('.speech')).map((f) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'drafts', f), 'utf8')),
    '要牢固树立“绿水青山的理念。书名号《不配对。多了一个”。“嵌套‘引号”。（括号',
    '确立了‚瞄准目标‛的主题，开展"不忘初心"教育，他说"好。',
    '同志们：\n今天开会。\n另一方面，要加强领导。\n内容。',
  ];

  it('no message quotes an empty string or a bare quotation mark, in either language, and no Chinese message names a rule id', () => {
    let count = 0;
    for (const text of DRAFTS) {
      for (const locale of ['zh', 'en'] as const) {
        for (const d of check(text, { locale })) {
          count++;
          assert.doesNotMatch(d.message, UNREADABLE, `${d.rule}: ${d.message}`);
          if (locale === 'zh') assert.doesNotMatch(d.message, /\b[a-z]+-[a-z]+\b/, `${d.rule}: ${d.message}`);
        }
      }
    }
    assert.ok(count > 100, `${count} messages`);
  });

  it('unbalanced-pair and nonstandard-quote name the marks in words', () => {
    const [open] = of(check('要牢固树立“绿水青山的理念。'), 'unbalanced-pair');
    assert.equal(open.message, '左引号“在本段中没有配对的右引号”：请补上后一半，或删去多余的左引号“。');
    const [pair] = of(check('确立了‚瞄准目标‛的主题。'), 'nonstandard-quote');
    assert.equal(pair.message, '这对引号（‚……‛）不是中文引号：应改为左引号“和右引号”，可一键替换。');
    const [en] = of(check('确立了‚瞄准目标‛的主题。', { locale: 'en' }), 'nonstandard-quote');
    assert.match(en.message, /^This pair of quotation marks \(‚…‛\) is not a Chinese quotation mark: use the opening quotation mark “ and the closing quotation mark ”/);
  });
});
