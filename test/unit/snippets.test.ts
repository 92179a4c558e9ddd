// The snippets a writer inserts must produce drafts the checker accepts. Every snippet body is
// parsed with VS Code's snippet syntax (tab stops, placeholders, choices, mirrors, variables,
// escapes), its tab stops are filled with realistic text, and the result is analysed: a whole
// skeleton, filled in, must raise no structural finding at all, and left unfilled it must be
// caught by `placeholder` so nothing like 【待补充】 reaches the podium.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, RULES, RULE_BY_ID } from '../../server/src/analysis';
import { checklistOf } from '../../server/src/analysis/outline';
import { findPlaceholders, nextPlaceholder } from '../../server/src/analysis/rules/placeholders';
import { SKELETON_PREFIX, PART_SNIPPETS } from '../../client/src/snippetNames';

interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

const SNIPPETS: Record<string, Snippet> = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../snippets/speech.code-snippets'), 'utf8'),
);

// ---------------------------------------------------------------------------------------
// VS Code snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar)

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[]; choices?: string[] }
  | { kind: 'variable'; name: string; children: SnippetNode[] };

export function parseSnippet(body: string): SnippetNode[] {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${i} in ${JSON.stringify(body)}`);
  };
  const parseSeq = (nested: boolean): SnippetNode[] => {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && '$}\\'.includes(body[i + 1] ?? '')) {
        text += body[i + 1];
        i += 2;
      } else if (nested && c === '}') {
        break;
      } else if (c === '$') {
        const rest = body.slice(i + 1);
        let m: RegExpExecArray | null;
        if ((m = /^\d+/.exec(rest))) {
          flush();
          out.push({ kind: 'tabstop', index: Number(m[0]), children: [] });
          i += 1 + m[0].length;
        } else if ((m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest))) {
          flush();
          out.push({ kind: 'variable', name: m[0], children: [] });
          i += 1 + m[0].length;
        } else if ((m = /^\{(\d+)/.exec(rest))) {
          flush();
          i += 1 + m[0].length;
          const index = Number(m[1]);
          if (body[i] === '}') {
            i++;
            out.push({ kind: 'tabstop', index, children: [] });
          } else if (body[i] === ':') {
            i++;
            const children = parseSeq(true);
            if (body[i] !== '}') fail('unclosed placeholder');
            i++;
            out.push({ kind: 'tabstop', index, children });
          } else if (body[i] === '|') {
            const end = body.indexOf('|}', i + 1);
            if (end < 0) fail('unclosed choice');
            const choices = body.slice(i + 1, end).split(/(?<!\\),/).map((s) => s.replace(/\\([,|\\])/g, '$1'));
            i = end + 2;
            out.push({ kind: 'tabstop', index, children: [{ kind: 'text', value: choices[0] }], choices });
          } else fail('transforms are not used in these snippets');
        } else if ((m = /^\{([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest))) {
          flush();
          i += 1 + m[0].length;
          let children: SnippetNode[] = [];
          if (body[i] === ':') {
            i++;
            children = parseSeq(true);
          }
          if (body[i] !== '}') fail('unclosed variable');
          i++;
          out.push({ kind: 'variable', name: m[1], children });
        } else {
          text += c;
          i++;
        }
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return out;
  };
  const nodes = parseSeq(false);
  if (i !== body.length) fail('unbalanced }');
  return nodes;
}

const VARIABLES: Record<string, string> = { CURRENT_YEAR: '2024', TM_SELECTED_TEXT: '' };

/** Each tab stop's first definition that has a default or choices (later ones mirror it). */
function tabStops(nodes: SnippetNode[], out = new Map<number, { children: SnippetNode[]; choices?: string[] }>()) {
  for (const n of nodes) {
    if (n.kind === 'tabstop') {
      if (!out.has(n.index) || (n.children.length && !out.get(n.index)!.children.length)) out.set(n.index, { children: n.children, choices: n.choices });
      tabStops(n.children, out);
    } else if (n.kind === 'variable') tabStops(n.children, out);
  }
  return out;
}

/** Expands parsed nodes; `value(index)` gives a tab stop's text, mirrors included. */
function expand(nodes: SnippetNode[], value: (index: number) => string): string {
  return nodes
    .map((n) => {
      if (n.kind === 'text') return n.value;
      if (n.kind === 'variable') {
        if (!(n.name in VARIABLES)) throw new Error(`unknown snippet variable ${n.name}`);
        return VARIABLES[n.name] || expand(n.children, value);
      }
      return value(n.index);
    })
    .join('');
}

interface Stop {
  default: string;
  choices?: string[];
}

/** Expands a snippet body; `fill` gives a tab stop's text, else its default stands (mirrors too). */
function render(body: string, fill: (index: number, stop: Stop) => string | undefined = () => undefined): string {
  const nodes = parseSnippet(body);
  const stops = tabStops(nodes);
  const values = new Map<number, string>();
  const resolving = new Set<number>();
  const value = (i: number): string => {
    if (values.has(i)) return values.get(i)!;
    if (resolving.has(i)) throw new Error(`tab stop $${i} contains itself`);
    resolving.add(i);
    const def = stops.get(i);
    const stop: Stop = { default: def ? expand(def.children, value) : '', choices: def?.choices };
    const v = fill(i, stop) ?? stop.default;
    values.set(i, v);
    return v;
  };
  return expand(nodes, value);
}

/** The tab stops of a body with their defaults. */
function stopsOf(body: string): Map<number, Stop> {
  const out = new Map<number, Stop>();
  render(body, (i, stop) => {
    out.set(i, stop);
    return undefined;
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Realistic text for each placeholder a writer is expected to replace. A default that is
// already real text (a suggested heading, 市委、市政府) is kept as it is.

const SAMPLES: Record<string, string> = {
  '全市××工作会议': '全市安全生产工作会议',
  '×××': '王建国',
  '×××书记': '李明书记',
  '××': '市文化和旅游局',
  '××大会': '全市第八次妇女代表大会',
  '××攻坚战': '城乡环境综合整治攻坚战',
  X: '6',
  '【待补充：主标题】': '凝心聚力抓落实　奋发有为开新局',
  '【待补充：会议任务】': '总结去年全市安全生产工作，分析当前形势，部署今年的重点任务',
  '【待补充：回顾过去一年的工作成绩】': '过去一年，全市上下认真落实安全生产责任制，事故总量和死亡人数实现“双下降”。一是隐患排查扎实开展；二是专项整治深入推进；三是应急处置能力不断提升。',
  '【待补充：分析当前形势，部署重点任务】': '当前，安全生产形势依然严峻复杂，一些行业领域的风险隐患仍然突出。我们要坚持问题导向，聚焦危险化学品、道路交通、建筑施工等重点领域，扎实开展专项整治。',
  '【待补充：对组织领导和工作落实提出要求】': '各级党委、政府要切实扛起安全生产的政治责任，主要负责同志要亲自抓、负总责，确保各项措施落地见效。',
  '【待补充：总结】': '新的一年，任务艰巨，责任重大',
  '【待补充：奋斗目标】': '全面完成今年的各项目标任务',
  '全市××专项行动': '全市营商环境优化提升专项行动',
  '【待补充：动员部署的任务】': '统一思想、明确任务，动员全市上下迅速行动起来',
  '【待补充：为什么要开展这项工作】': '优化营商环境是激发市场活力的关键之举。对照先进地区，我们在审批效率、要素保障等方面还有不小差距，必须下决心加以解决。',
  '【待补充：重点任务和工作措施】': '要围绕企业反映最集中的问题，全面推行“一网通办”，压缩审批时限，降低企业成本，切实解决融资难、用地难等问题。',
  '【待补充：组织领导、督查考核的要求】': '市专项行动领导小组要加强统筹协调，市委督查室、市政府督查室要定期督查通报，对工作不力的单位严肃问责。',
  '【待补充：动员号召】': '优化营商环境只有进行时，没有完成时',
  '全市××': '全市劳动模范和先进工作者',
  '【待补充：受表彰的集体和个人】': '一批在经济社会发展中作出突出贡献的先进集体和先进个人',
  '【待补充：先进事迹和值得学习的精神】': '受到表彰的先进集体和先进个人，有的扎根基层、默默奉献，有的攻坚克难、勇于创新。他们身上体现出的爱岗敬业、争创一流的精神，值得全市上下认真学习。',
  '【待补充：对受表彰者和全体干部群众的希望】': '希望受到表彰的同志珍惜荣誉、戒骄戒躁，在新的起点上再立新功。全市广大干部群众要以先进为榜样，立足岗位建功立业。',
  '【待补充：号召】': '成绩属于过去，奋斗成就未来',
  '【待补充：座谈会的目的】': '主要是听取大家对民营经济发展的意见和建议',
  '【待补充：第一点意见】': '坚定发展信心',
  '【待补充：第一点的具体内容】': '民营经济是推动全市发展的重要力量。各位企业家要坚定信心，专注主业，把企业做强做优。',
  '【待补充：第二点意见】': '加快转型升级',
  '【待补充：第二点的具体内容】': '要加大研发投入，推进技术改造，主动对接产业链上下游，提升核心竞争力。',
  '【待补充：第三点意见】': '优化发展环境',
  '【待补充：第三点的具体内容】': '各部门要主动上门服务，对大家今天提出的问题，逐条梳理、限时办结。',
  '【待补充：总结和希望】': '希望大家继续关心支持全市发展，多提宝贵意见',
  '本次大会应到代表×××名，实到×××名，符合法定人数。': '本次大会应到代表486名，实到471名，符合法定人数。',
  '【待补充：大会议程】': '听取和审议政府工作报告，审查和批准国民经济和社会发展计划及预算',
  '【待补充：本次大会的重要意义】': '这次大会是在全市上下奋力推进高质量发展的关键时期召开的一次重要会议，对于动员全市人民完成今年的目标任务，具有十分重要的意义。',
  '【待补充：对开好大会的要求】': '希望各位代表珍惜人民赋予的神圣职责，认真履行代表职责，严格遵守大会纪律，集中精力开好大会。',
  '××市第十五届人民代表大会第三次会议': '长河市第十五届人民代表大会第三次会议',
  '【待补充：对大会的评价】': '这次大会是一次发扬民主、团结务实、催人奋进的大会。会议期间，各位代表认真审议各项报告，提出了许多有价值的意见和建议。',
  '【待补充：会后贯彻落实的要求】': '会后，各级各部门要认真贯彻大会精神，把大会确定的各项任务落到实处。',
  '××论坛开幕式': '第三届长河文化旅游论坛开幕式',
  '【待补充：时令和场合】': '金秋时节，我们相聚在美丽的长河之畔，共同出席第三届长河文化旅游论坛',
  '【待补充：介绍情况或表达观点】': '长河历史悠久，文化底蕴深厚，旅游资源丰富。近年来，我们坚持以文塑旅、以旅彰文，文化旅游产业呈现蓬勃发展的良好态势。',
  '【待补充：表达愿望和期待】': '我们真诚希望以本次论坛为契机，与各方加强交流合作，共同推动文化旅游产业高质量发展。',
  '【待补充：一级标题】': '统一思想认识',
  '【待补充：二级标题】': '加强组织领导。',
  '【待补充：三级标题】': '明确责任分工。',
  '【待补充：四级标题】': '建立工作台账。',
  '【待补充：第一部分标题】': '提高政治站位，增强做好工作的责任感',
  '【待补充：第一部分正文】': '做好这项工作，事关全市发展大局。各级干部要站在讲政治的高度，切实把思想统一到市委的决策部署上来。',
  '【待补充：第二部分标题】': '聚焦重点任务，推动工作取得新突破',
  '【待补充：第二部分正文】': '要紧紧围绕年度目标，细化工作措施，明确时间节点，确保每项任务都有人抓、有人管。',
  '【待补充：第三部分标题】': '强化督查考核，确保各项部署落地见效',
  '【待补充：第三部分正文】': '要建立定期督查制度，对重点任务实行清单化管理，对工作不力的严肃问责。',
  '【待补充：总起句】': '抓好这项工作，要重点把握三个方面',
  '【待补充】': '强化责任落实',
};

/** A realistic value for a tab stop, the same the second time (mirrors). */
function sampleFor(name: string, stop: Stop, index: number): string {
  if (stop.choices) return stop.choices[0];
  if (findPlaceholders(stop.default).length === 0) return stop.default;
  const sample = SAMPLES[stop.default];
  assert.ok(sample !== undefined, `${name}: no sample text for tab stop $${index} “${stop.default}”`);
  return sample;
}

const bodyOf = (name: string) => SNIPPETS[name].body.join('\n');

function filled(name: string): string {
  // Series members (一是…二是…) get different sample text so the draft reads like one.
  const seriesText = ['强化责任落实', '加强统筹协调', '严格督查考核'];
  let n = 0;
  return render(bodyOf(name), (i, stop) => {
    if (i === 0) return '';
    if (stop.default === '【待补充】') return seriesText[n++ % seriesText.length];
    return sampleFor(name, stop, i);
  });
}

function unfilled(name: string): string {
  return render(bodyOf(name), (i) => (i === 0 ? '' : undefined));
}

const STRUCTURAL = new Set(RULES.filter((r) => r.category === 'structure' || r.category === 'numbering').map((r) => r.id));

function structuralFindings(text: string) {
  return analyze(text).diagnostics
    .filter((d) => STRUCTURAL.has(d.rule) || d.rule === 'placeholder')
    .map((d) => `${d.rule} at “${text.slice(d.start, d.end)}”: ${d.message}`);
}

const names = Object.keys(SNIPPETS);

const skeletons = names.filter((n) => n.startsWith(SKELETON_PREFIX));

describe('snippets', () => {
  it('has at least 20 snippets, each with Chinese and pinyin prefixes and a Chinese description', () => {
    assert.ok(names.length >= 20, `${names.length} snippets`);
    for (const name of names) {
      const s = SNIPPETS[name];
      assert.ok(Array.isArray(s.prefix) && s.prefix.length >= 2, `${name}: prefixes`);
      assert.ok(s.prefix.some((p) => /[\u4e00-\u9fff]/.test(p)), `${name}: no Chinese prefix`);
      assert.ok(s.prefix.some((p) => /^[a-z][a-z-]*$/.test(p)), `${name}: no pinyin/ASCII prefix`);
      assert.match(s.description, /[\u4e00-\u9fff]/, `${name}: description in Chinese`);
    }
  });

  it('every body parses as VS Code snippet syntax, with tab stops numbered from 1 without gaps', () => {
    for (const name of names) {
      const indices = [...stopsOf(bodyOf(name)).keys()].filter((i) => i > 0).sort((a, b) => a - b);
      assert.deepEqual(indices, indices.map((_, k) => k + 1), `${name}: tab stops ${indices}`);
    }
  });

  it('the parser reads placeholders, choices, mirrors, variables and escapes as VS Code does', () => {
    const body = '在${1:全市${2:××}会议}上\\$5 ${3|甲,乙|} $1 ${CURRENT_YEAR}年 \\}';
    assert.equal(render(body), '在全市××会议上$5 甲 全市××会议 2024年 }');
    assert.equal(render(body, (i) => (i === 1 ? '市' : undefined)), '在市上$5 甲 市 2024年 }');
    assert.equal(render('${1:a}-${2:b$1}'), 'a-ba');
    assert.throws(() => parseSnippet('${1:unclosed'));
  });

  it('has the seven meeting-type skeletons and the snippets the structure view inserts', () => {
    assert.deepEqual(
      skeletons.map((n) => n.slice(SKELETON_PREFIX.length)).sort(),
      ['工作会议', '动员大会', '表彰大会', '座谈会', '开幕词', '闭幕词', '致辞'].sort(),
    );
    for (const [part, name] of Object.entries(PART_SNIPPETS)) assert.ok(SNIPPETS[name], `${part}: no snippet “${name}”`);
  });

  for (const name of skeletons) {
    describe(name, () => {
      it('filled in with real text, raises no structural finding', () => {
        const text = filled(name);
        assert.deepEqual(structuralFindings(text), [], text);
      });
      it('filled in, the checklist of the structure view shows all five parts', () => {
        const text = filled(name);
        const [speech, ...more] = checklistOf(analyze(text).model);
        assert.equal(more.length, 0);
        for (const [part, v] of Object.entries(speech.parts)) assert.ok(v.present, `${part} missing in:\n${text}`);
      });
      it('left unfilled, the checklist counts no part that is only placeholders, and every placeholder is there to go to', () => {
        const text = unfilled(name);
        const [speech] = checklistOf(analyze(text).model);
        // The body of a skeleton is 【待补充：…】 (under its headings): not written yet, or at most a
        // lead sentence around a placeholder (开幕词's 这次大会的主要任务是：【待补充】), then marked unfilled.
        assert.ok(!speech.parts.body.present || speech.parts.body.unfilled, text);
        if (/\n一、/.test(text)) assert.equal(speech.parts.body.present, false, text);
        for (const [part, v] of Object.entries(speech.parts)) if (v.present && part !== 'salutation') assert.ok(v.unfilled || !/【/.test(text.slice(v.start, v.end)), `${part} holds a placeholder but is not marked unfilled`);
        // 转到下一个占位符 visits every placeholder of the skeleton once, then wraps.
        const all = findPlaceholders(text);
        const visited: number[] = [];
        let at = 0;
        let sel: { start: number; end: number } | undefined;
        for (let i = 0; i < all.length; i++) {
          const next = nextPlaceholder(text, at, sel)!;
          assert.equal(next.wrapped, false);
          visited.push(next.start);
          sel = next;
          at = next.end;
        }
        assert.deepEqual(visited, all.map((p) => p.start));
        assert.equal(nextPlaceholder(text, at, sel)!.wrapped, true);
      });
      it('left unfilled, is caught by the placeholder rule', () => {
        const text = unfilled(name);
        assert.ok(findPlaceholders(text).length > 0);
        assert.ok(analyze(text).diagnostics.some((d) => d.rule === 'placeholder'), text);
      });
    });
  }

  it('the ignore snippets offer every rule id, and nothing else', () => {
    for (const name of ['忽略下一行的检查', '忽略一段的检查']) {
      const choice = /\$\{1\|([^|}]+)\|\}/.exec(bodyOf(name));
      assert.ok(choice, name);
      assert.deepEqual(choice[1].split(',').sort(), RULES.map((r) => r.id).sort(), name);
    }
  });

  it('the part snippets of the structure view, put together, make a speech with no structural finding', () => {
    const draft = ['title', 'salutation', 'opening', 'body', 'closing']
      .map((p) => filled(PART_SNIPPETS[p as keyof typeof PART_SNIPPETS]).replace(/\n+$/, ''))
      .join('\n');
    assert.deepEqual(structuralFindings(draft), [], draft);
  });

  it('headings of every level and every series snippet nest without numbering findings', () => {
    const one = (name: string, numeral: string) =>
      filled(name).replace(/^(（?)(一|1)/, `$1${numeral}`).replace(/^①/, numeral).replace(/\n+$/, '');
    const body = [
      one('一级标题 一、', '一'),
      one('二级标题 （一）', '一') + '各级要高度重视。',
      one('三级标题 1.', '1') + '各部门要各司其职。',
      one('四级标题 （1）', '1') + '每周更新一次。',
      one('五级标题 ①', '①') + '。',
      one('五级标题 ①', '②') + '。',
      one('四级标题 （1）', '2') + '每月通报一次。',
      one('三级标题 1.', '2') + '各部门要密切配合。',
      one('二级标题 （一）', '二') + '各级要狠抓落实。',
      one('一级标题 一、', '二'),
      filled('一是…二是…三是…（段内）'),
      filled('一是…二是…三是…（分段）').replace(/\n+$/, ''),
      filled('一要…二要…三要…').replace(/\n+$/, ''),
      filled('第一，…第二，…第三，…').replace(/\n+$/, ''),
      filled('首先…其次…最后…').replace(/\n+$/, ''),
    ];
    const draft = ['在全市安全生产工作会议上的讲话', '同志们：', '下面，我讲两点意见。', ...body, '同志们，让我们共同努力！'].join('\n');
    assert.deepEqual(structuralFindings(draft), [], draft);
  });

  it('the inline 一方面…另一方面… snippet raises no numbering finding', () => {
    const draft = ['在全市安全生产工作会议上的讲话', '同志们：', '下面，我讲两点意见。', '一、统一思想认识', `抓好这项工作，要把握好两个方面。${filled('一方面…另一方面…')}`, '二、狠抓工作落实', '各级要狠抓落实。', '同志们，让我们共同努力！'].join('\n');
    assert.deepEqual(structuralFindings(draft), [], draft);
  });

  it('the suppression snippets offer every rule id and really silence the rule they name', () => {
    const nextLine = bodyOf('忽略下一行的检查');
    const choices = stopsOf(nextLine).get(1)?.choices ?? [];
    for (const id of RULE_BY_ID.keys()) assert.ok(choices.includes(id), `${id} is not offered`);
    for (const c of choices) assert.match(c, /^[a-z]+(-[a-z]+)*$/);
    const line = '今天召开全市XX工作会议。';
    assert.ok(analyze(line).diagnostics.some((d) => d.rule === 'placeholder'));
    const suppressed = `${render(nextLine, (i) => (i === 1 ? 'placeholder' : ''))}${line}`;
    assert.deepEqual(analyze(suppressed).diagnostics.filter((d) => d.rule === 'placeholder'), []);
    const wrapped = render(bodyOf('忽略一段的检查'), (i) => (i === 1 ? 'placeholder' : i === 0 ? line : ''));
    assert.deepEqual(analyze(`${wrapped}\n${line}`).diagnostics.filter((d) => d.rule === 'placeholder').length, 1, 'only the line after the range reports');
  });
});
