// The TextMate grammar, run by the engine VS Code runs (vscode-textmate + the Oniguruma wasm)
// on fixture lines: what each part of a draft is scoped as, and what must stay plain prose.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { Registry, INITIAL, parseRawGrammar, IGrammar } from 'vscode-textmate';
import { RULE_BY_ID } from '../../server/src/analysis';
import { findPlaceholders } from '../../server/src/analysis/rules/placeholders';

const GRAMMAR = path.join(__dirname, '../../syntaxes/speech.tmLanguage.json');

let grammar: Promise<IGrammar>;
function loadGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => (scopeName === 'text.speech' ? parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null),
    });
    const g = await registry.loadGrammar('text.speech');
    if (!g) throw new Error('grammar text.speech did not load');
    return g;
  })();
  return grammar;
}

interface Token {
  start: number;
  end: number;
  scopes: string[];
}

/** Tokenises a draft line by line, carrying the state across lines as the editor does. */
async function tokenize(text: string): Promise<{ lines: string[]; tokens: Token[][] }> {
  const g = await loadGrammar();
  const lines = text.split('\n');
  let state = INITIAL;
  const tokens = lines.map((line) => {
    const r = g.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes: t.scopes }));
  });
  return { lines, tokens };
}

/** The scopes every token covering `needle` (its first occurrence on line `n`) has in common. */
function scopesOf(doc: { lines: string[]; tokens: Token[][] }, n: number, needle: string): string[] {
  const at = doc.lines[n].indexOf(needle);
  assert.ok(at >= 0, `“${needle}” not on line ${n}: ${doc.lines[n]}`);
  const covering = doc.tokens[n].filter((t) => t.end > at && t.start < at + needle.length);
  return covering.map((t) => t.scopes).reduce((a, b) => a.filter((s) => b.includes(s)));
}

const has = (scopes: string[], prefix: string) => scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

function expectScope(doc: Awaited<ReturnType<typeof tokenize>>, n: number, needle: string, scope: string) {
  const scopes = scopesOf(doc, n, needle);
  assert.ok(has(scopes, scope), `line ${n} “${needle}”: expected ${scope}, got ${scopes.join(' ')}`);
}

function expectPlain(doc: Awaited<ReturnType<typeof tokenize>>, n: number, needle: string, ...notScopes: string[]) {
  const scopes = scopesOf(doc, n, needle);
  for (const s of notScopes) assert.ok(!has(scopes, s), `line ${n} “${needle}”: must not be ${s}, got ${scopes.join(' ')}`);
}

const DRAFT = [
  /* 0 */ '在全市安全生产工作会议上的讲话',
  /* 1 */ '（2024年3月9日）',
  /* 2 */ '同志们：',
  /* 3 */ '这次会议的主要任务是，总结XX年工作。刚才，×××同志作了报告，我完全同意。下面，我讲三点意见。',
  /* 4 */ '一、充分肯定成绩，坚定信心',
  /* 5 */ '过去一年，我们认真贯彻《安全生产法》，做到“一岗双责”。一是隐患排查扎实开展；二是专项整治深入推进；三要狠抓落实。',
  /* 6 */ '（一）加强组织领导。各级党委要高度重视。',
  /* 7 */ '1.明确责任分工。各部门要各司其职。',
  /* 8 */ '（1）建立工作台账。每周更新一次。',
  /* 9 */ '①强化调度。',
  /* 10 */ '第一，提高认识。首先，要统一思想；其次，要明确任务。一方面，抓好当前；另一方面，谋划长远。',
  /* 11 */ '<!-- jianggao-disable-next-line placeholder doubled-word -->',
  /* 12 */ '参加人数【待补充】人，新增就业X多万人，○○同志，□□单位，某某公司。',
  /* 13 */ '二、认清形势，明确任务',
  /* 14 */ '一、二季度经济运行平稳，是否达标还要看全年。医院新购X射线设备，迎接XXI世纪，二○○九年以来稳步增长。',
  /* 15 */ '各级领导干部要：坚持问题导向。',
  /* 16 */ '他说：“这是‘第一’要务，《××条例》必须执行”，大家一致赞同。',
  /* 17 */ '同志们，让我们共同努力！',
  /* 18 */ '<!-- 这是一条普通注释',
  /* 19 */ '一、仍在注释里 -->',
  /* 20 */ '第二篇：在全市表彰大会上的讲话',
  /* 21 */ '——在全市表彰大会上的致辞',
  /* 22 */ '各位领导、各位来宾、同志们：今天，我们隆重召开表彰大会。',
  /* 23 */ '尊敬的李明书记，尊敬的各位来宾，女士们、先生们：',
  /* 24 */ '同志们，【待补充：总结】。让我们为实现目标而努力奋斗！',
  /* 25 */ '同志们，今天的会议开得很好，我再强调一点：要狠抓落实。',
].join('\n');

describe('TextMate grammar (vscode-textmate + oniguruma)', () => {
  let doc: Awaited<ReturnType<typeof tokenize>>;
  before(async () => {
    doc = await tokenize(DRAFT);
  });

  it('has the scope name the manifest contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    const raw = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
    const contributed = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'speech');
    assert.equal(raw.scopeName, 'text.speech');
    assert.equal(contributed.scopeName, 'text.speech');
    assert.equal(path.resolve(path.dirname(GRAMMAR), '..', contributed.path), GRAMMAR);
  });

  it('scopes the title, the date line and a subtitle', () => {
    expectScope(doc, 0, '在全市安全生产工作会议上的讲话', 'markup.heading.title');
    expectScope(doc, 0, '在全市安全生产工作会议上的讲话', 'entity.name.section.title');
    expectScope(doc, 1, '2024年3月9日', 'constant.other.date');
    expectScope(doc, 21, '在全市表彰大会上的致辞', 'entity.name.section.title');
    expectScope(doc, 21, '——', 'punctuation.definition.heading');
  });

  it('scopes a first line that reads like a title, but not a first line of prose', async () => {
    const theme = await tokenize('凝心聚力抓落实　奋发有为开新局\n——在全市经济工作会议上的讲话');
    expectScope(theme, 0, '凝心聚力', 'markup.heading.title');
    const prose = await tokenize('今天召开全市工作会议。\n凝心聚力抓落实');
    expectPlain(prose, 0, '今天', 'markup.heading');
    expectPlain(prose, 1, '凝心聚力', 'markup.heading');
  });

  it('scopes the salutation, alone on its line or merged with the opening, but not a sentence ending in a colon', () => {
    expectScope(doc, 2, '同志们', 'entity.name.tag.salutation');
    expectScope(doc, 22, '各位领导、各位来宾、同志们', 'entity.name.tag.salutation');
    expectPlain(doc, 22, '今天，我们', 'entity.name.tag');
    expectPlain(doc, 15, '各级领导干部要', 'entity.name.tag', 'meta.salutation');
    expectPlain(doc, 17, '同志们', 'entity.name.tag');
    expectScope(doc, 23, '尊敬的李明书记，尊敬的各位来宾，女士们、先生们', 'entity.name.tag.salutation');
    expectPlain(doc, 24, '同志们', 'entity.name.tag', 'meta.salutation');
    expectPlain(doc, 25, '同志们', 'entity.name.tag', 'meta.salutation');
  });

  it('scopes each GB/T 9704 heading level: the marker and the heading phrase up to its full stop', () => {
    const levels: Array<[number, string, string, string]> = [
      [4, '一、', '充分肯定成绩，坚定信心', 'markup.heading.1'],
      [13, '二、', '认清形势，明确任务', 'markup.heading.1'],
      [6, '（一）', '加强组织领导。', 'markup.heading.2'],
      [7, '1.', '明确责任分工。', 'markup.heading.3'],
      [8, '（1）', '建立工作台账。', 'markup.heading.4'],
      [9, '①', '强化调度。', 'markup.heading.5'],
    ];
    for (const [n, marker, phrase, scope] of levels) {
      expectScope(doc, n, marker, scope);
      expectScope(doc, n, marker, 'punctuation.definition.heading');
      expectScope(doc, n, phrase, 'entity.name.section');
    }
    expectPlain(doc, 6, '各级党委要高度重视', 'entity.name.section', 'markup.heading');
    expectPlain(doc, 7, '各部门要各司其职', 'entity.name.section', 'markup.heading');
    expectScope(doc, 20, '第二篇', 'markup.heading.collection');
    expectScope(doc, 20, '在全市表彰大会上的讲话', 'entity.name.section.title');
  });

  it('does not take dates and prose for headings or enumerators', () => {
    expectPlain(doc, 14, '一、二季度', 'markup.heading', 'keyword');
    expectPlain(doc, 14, '是否', 'keyword');
    expectPlain(doc, 3, '主要任务是', 'keyword');
  });

  it('scopes enumerators at a paragraph start and after a clause', () => {
    for (const [n, e] of [[5, '一是'], [5, '二是'], [5, '三要'], [10, '第一'], [10, '首先'], [10, '其次'], [10, '一方面'], [10, '另一方面']] as const) {
      expectScope(doc, n, e, 'keyword.other.enumerator');
    }
  });

  it('scopes placeholders as invalid, and leaves X射线, XXI and 二○○九年 alone', () => {
    for (const p of ['【待补充】', 'X', '○○', '□□', '某某']) expectScope(doc, 12, p, 'invalid.illegal.placeholder');
    expectScope(doc, 3, 'XX', 'invalid.illegal.placeholder');
    expectScope(doc, 3, '×××', 'invalid.illegal.placeholder');
    expectScope(doc, 16, '××', 'invalid.illegal.placeholder');
    expectPlain(doc, 14, 'X射线', 'invalid');
    expectPlain(doc, 14, 'XXI', 'invalid');
    expectPlain(doc, 14, '二○○九年', 'invalid');
  });

  it('marks exactly what the placeholder rule reports, on its documented examples and the fixture', async () => {
    const rule = RULE_BY_ID.get('placeholder')!;
    const lines = [...rule.docs.bad, ...rule.docs.good, ...DRAFT.split('\n').filter((l) => !l.startsWith('<!--'))];
    for (const line of lines) {
      const { tokens } = await tokenize(line);
      const marked: Array<[number, number]> = [];
      for (const t of tokens[0]) {
        if (!t.scopes.some((s) => s.startsWith('invalid.illegal.placeholder'))) continue;
        const last = marked[marked.length - 1];
        if (last && last[1] === t.start) last[1] = t.end;
        else marked.push([t.start, t.end]);
      }
      assert.deepEqual(marked, findPlaceholders(line).map((p) => [p.start, p.end]), line);
    }
  });

  it('scopes quotations and 书名号, with placeholders inside them', () => {
    expectScope(doc, 5, '一岗双责', 'string.quoted.double');
    expectScope(doc, 5, '安全生产法', 'string.quoted.other.book-title');
    expectScope(doc, 16, '第一', 'string.quoted.single');
    expectScope(doc, 16, '××', 'string.quoted.double');
    expectScope(doc, 16, '条例', 'string.quoted.other.book-title');
    expectPlain(doc, 16, '大家一致赞同', 'string');
  });

  it('ends an unclosed quotation at the end of its line', async () => {
    const d = await tokenize('他说：“这句话没有收尾。\n下一段正文。');
    expectScope(d, 0, '这句话', 'string.quoted.double');
    expectPlain(d, 1, '下一段正文', 'string');
  });

  it('scopes suppression comments (directive and rule ids) and other comments', () => {
    expectScope(doc, 11, 'jianggao-disable-next-line', 'keyword.control.directive.suppression');
    expectScope(doc, 11, 'placeholder doubled-word', 'variable.parameter.rule-id');
    expectScope(doc, 11, '<!--', 'comment.block.suppression');
    expectScope(doc, 18, '这是一条普通注释', 'comment.block');
    expectScope(doc, 19, '一、仍在注释里', 'comment.block');
    expectPlain(doc, 19, '一、仍在注释里', 'markup.heading');
    expectPlain(doc, 20, '第二篇', 'comment');
  });

  it('tokenises hostile lines without throwing: a 100,000-character line, lone surrogates, CR', async () => {
    const long = '一是' + '加强领导，'.repeat(20000) + '“未闭合';
    const d = await tokenize(`${long}\n\ud800孤立代理\udc00XX\r\n第X届`);
    assert.equal(d.tokens.length, 3);
    expectScope(d, 2, 'X', 'invalid.illegal.placeholder');
  });
});
