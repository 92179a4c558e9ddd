// fast-check generators of text for the property tests: hostile code units, fragments of
// drafts in random order, and whole drafts built like real ones (title, salutation, opening,
// numbered sections, closing) with the defects writers really leave in them.
import fc from 'fast-check';

/** Pieces of real drafts: markers of every level and style, right and wrong, and the rest. */
export const MARKER_PIECES = [
  '一、', '二、', '三、', '五、', '十一、', '（一）', '（二）', '（三）', '1.', '2.', '3.', '12.', '（1）', '（2）', '①', '②', '③',
  '一是', '二是', '三是', '四是', '一要', '二要', '三要', '第一，', '第二，', '第三，', '首先，', '其次，', '再次，', '最后，', '一方面，', '另一方面，',
  '⼀、', '⼆、', '一.', '一，', '一 ', '(一)', '（一）、', '1、', '1．', '１.', '(1)', '第一、', '第二：', '三、四月份', '一、二季度',
];
export const PROSE_PIECES = [
  '同志们：', '同志们:', '各位领导、各位来宾、同志们：', '尊敬的各位代表：', '同志们！', '同志们，',
  '在全市工作会议上的讲话', '——在全市XX工作会议上的讲话', '张三', '（2012年3月9日）', '第一篇：在大会上的讲话', '第二篇：',
  '下面，我讲三点意见。', '我讲两点意见', '突出体现在四个方面：', '这次会议的主要任务是',
  '同志们，让我们共同努力！', '谢谢大家！', '预祝大会圆满成功！', '做出新的更大的贡献',
  'XX', 'X多万', '×××', '○○', '□□', '某某', '【待补充】', '___', '二○○九年',
  'www.example.com', 'https://a.b/c', '【范文网】', '- 3 -', '第3页', '3/10',
  '‚', '‛', '„', '‟', '“', '”', '‘', '’', '"', "'", '（', '）', '(', ')', '《', '》', '【', '】', '「', '」',
  '。', '，', '、', '；', '：', '！', '？', '…', '——', ',', ':', ';', '!', '?', '.',
  '加强领导', '要抓好落实', '工作作风', '要要', '的的', '进一步进一步', '我们要', '内容', '党风廉政建设深入推进',
  '2012年', '十二五开局之年', '建党90周年', '2011年',
  '<!-- jianggao-disable-next-line placeholder -->', '<!-- jianggao-disable -->', '<!-- jianggao-enable -->', '<!--', '-->',
  '## ', '> ', '**', '# ',
];
/** Line breaks and spaces in odd places. */
export const BREAKS = ['\n', '\n', '\r\n', '\r', '\n\n', ' ', '\u3000', '\t', '\u00a0'];
/** Characters that break naive text code: controls, invisible and bidi marks, lone surrogates, astral characters. */
export const HOSTILE = [
  '\0', '\u0001', '\u001b', '\u007f', '\u200b', '\u200c', '\u200d', '\u2060', '\u202e', '\u202d', '\u2067', '\u200f', '\u061c',
  '\ufeff', '\ud800', '\udbff', '\udc00', '\udfff', '😀', '𠀀', '𪚥', '👨‍👩‍👧', '\u0301', '\uffff', '\ufffd',
  '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', 'عربي', 'עברית',
];

const codeUnit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom(...HOSTILE));

/** Any UTF-16 string: lone surrogates, NUL, controls, bidi marks included. */
export const anyText = fc.string({ unit: codeUnit, maxLength: 300 });

/** Fragments of drafts, breaks and hostile characters in random order. */
export const speechLike = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...MARKER_PIECES) },
      { weight: 5, arbitrary: fc.constantFrom(...PROSE_PIECES) },
      { weight: 4, arbitrary: fc.constantFrom(...BREAKS) },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
    ),
    { maxLength: 80 },
  )
  .map((a) => a.join(''));

/** Lines of a draft (a leading marker or not, prose pieces, an ending), joined by one kind of line break, maybe after a BOM. */
export const draftLines = fc
  .tuple(
    fc.array(
      fc.tuple(fc.option(fc.constantFrom(...MARKER_PIECES), { nil: '' }), fc.array(fc.constantFrom(...PROSE_PIECES), { maxLength: 6 }), fc.constantFrom('', '。', '！', '：', '，'))
        .map(([lead, body, end]) => lead + body.join('') + end),
      { minLength: 1, maxLength: 25 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([lines, eol, bom]) => (bom ? '\ufeff' : '') + lines.join(eol));

// ---------------------------------------------------------------------------------------
// Whole drafts, shaped like real ones, with real defects.

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const PHRASES = ['加强组织领导', '狠抓工作落实', '提高思想认识', '全市经济稳步增长', '取得了显著成绩', '深化改革开放', '优化营商环境', '保障和改善民生', '推进乡村振兴', '压实工作责任'];
const CLAUSES = [
  '各级各部门要高度重视', '要把这项工作摆上重要位置', '全年新增就业3万人', '群众满意度明显提升', '要切实转变工作作风',
  '开展“不忘初心、牢记使命”主题教育', '要坚持问题导向', '确保各项任务落到实处', '努力开创工作新局面', '要进一步增强责任感',
];
/** Defects a clause may carry: a placeholder, straight or low quotes, a doubled word, stray text, ASCII punctuation. */
const CLAUSE_DEFECTS = ['', '', '', '', 'XX', 'X多万', '×××', '"不忘初心"', '‚瞄准目标‛', '要要', 'www.example.com', '【范文网】', ',', '(试行)'];

const clause = fc.tuple(fc.constantFrom(...CLAUSES), fc.constantFrom(...CLAUSE_DEFECTS)).map(([c, d]) => c + d);
const sentence = fc.array(clause, { minLength: 1, maxLength: 3 }).map((cs) => cs.join('，') + '。');
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((ss) => ss.join(''));
/** Usually the right number, sometimes a neighbour (a gap, a duplicate, a wrong start). */
const numberNear = (n: number) => fc.oneof({ weight: 8, arbitrary: fc.constant(n) }, { weight: 1, arbitrary: fc.constant(n + 1) }, { weight: 1, arbitrary: fc.constant(Math.max(1, n - 1)) });

type Level = 1 | 2 | 3;
/** A heading marker, right or with the wrong punctuation, brackets or digits writers leave. */
function headingMarker(level: Level, n: number): fc.Arbitrary<string> {
  const forms: Record<Level, string[]> = {
    1: [`${CN[n]}、`, `${CN[n]}、`, `${CN[n]}、`, `${CN[n]}.`, `${CN[n]}，`],
    2: [`（${CN[n]}）`, `（${CN[n]}）`, `（${CN[n]}）`, `(${CN[n]})`, `（${CN[n]}）、`],
    3: [`${n}.`, `${n}.`, `${n}.`, `${n}、`, `${n}．`],
  };
  return fc.constantFrom(...forms[level]);
}

interface Section {
  marker: string;
  title: string;
  /** How the heading meets its text: on its own line (right), after a space or a full stop (merged). */
  join: string;
  body: string[];
  children: Section[];
}

function section(level: Level, n: number): fc.Arbitrary<Section> {
  return numberNear(n).chain((k) =>
    fc.record({
      marker: headingMarker(level, Math.min(k, 10)),
      title: fc.constantFrom(...PHRASES),
      join: fc.constantFrom('\n', '\n', '\n', '\n', ' ', '。'),
      body: fc.array(paragraph, { minLength: level === 3 ? 0 : 1, maxLength: 2 }),
      children: level < 3 ? fc.oneof({ weight: 3, arbitrary: fc.constant<Section[]>([]) }, { weight: 1, arbitrary: sections((level + 1) as Level, 3) }) : fc.constant<Section[]>([]),
    }),
  );
}

function sections(level: Level, max: number): fc.Arbitrary<Section[]> {
  return fc.integer({ min: 1, max }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => section(level, i + 1))));
}

/** An enumeration series in one paragraph or leading several: 一是…二是…, 一要…, 第一，… */
const enumeration = fc
  .tuple(fc.constantFrom('是', '要', '第'), fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.array(fc.constantFrom(0, 0, 0, 0, 1, -1), { minLength: 4, maxLength: 4 }))
  .map(([style, count, inline, shifts]) => {
    const members = Array.from({ length: count }, (_, i) => {
      const n = Math.max(1, i + 1 + shifts[i]);
      const marker = style === '第' ? `第${CN[n]}，` : `${CN[n]}${style}`;
      return `${marker}${PHRASES[(i * 3) % PHRASES.length]}。`;
    });
    return inline ? ['今年的工作有几个特点：' + members.join('')] : members;
  });

function renderSection(s: Section): string[] {
  const lines = s.join === '\n' ? [s.marker + s.title, ...s.body] : [s.marker + s.title + s.join + (s.body[0] ?? ''), ...s.body.slice(1)];
  return [...lines, ...s.children.flatMap(renderSection)];
}

/**
 * A whole draft: title, date, salutation, opening, numbered sections with enumerations,
 * closing; any part may be missing, markers may be misnumbered or mispunctuated, clauses
 * carry placeholders and stray text, and a line may be hard-wrapped mid-sentence.
 */
export const realisticDraft = fc
  .record({
    title: fc.option(fc.constantFrom('在全市工作会议上的讲话', '在全县经济工作会议上的讲话', '在新春团拜会上的致辞'), { nil: undefined }),
    date: fc.option(fc.constantFrom('（2012年3月9日）', '2023年2月8日'), { nil: undefined }),
    salutation: fc.option(fc.constantFrom('同志们：', '各位领导、同志们：', '同志们:'), { nil: undefined }),
    mergeSalutation: fc.boolean(),
    opening: fc.array(paragraph, { maxLength: 2 }),
    announce: fc.option(fc.constantFrom('下面，我讲三点意见。', '下面，我讲两点意见。'), { nil: undefined }),
    body: fc.oneof(sections(1, 4), fc.constant<Section[]>([])),
    enumeration: fc.option(enumeration, { nil: undefined }),
    closing: fc.option(fc.constantFrom('同志们，让我们共同努力，做出新的更大的贡献！', '谢谢大家！'), { nil: undefined }),
    wrapAt: fc.option(fc.nat(), { nil: undefined }),
    eol: fc.constantFrom('\n', '\n', '\r\n'),
    blankLines: fc.boolean(),
  })
  .map((d) => {
    const lines: string[] = [];
    if (d.title) lines.push(d.title);
    if (d.date) lines.push(d.date);
    const opening = [...d.opening];
    if (d.announce) opening.push(d.announce);
    if (d.salutation && d.mergeSalutation && opening.length) lines.push(d.salutation + opening.shift());
    else if (d.salutation) lines.push(d.salutation);
    lines.push(...opening);
    const body = d.body.flatMap(renderSection);
    if (d.enumeration) body.splice(Math.min(1, body.length), 0, ...d.enumeration);
    lines.push(...body);
    if (d.closing) lines.push(d.closing);
    // A hard wrap (PDF paste): a long line cut in the middle of a sentence.
    if (d.wrapAt !== undefined) {
      const candidates = lines.map((l, i) => (l.length > 20 ? i : -1)).filter((i) => i >= 0);
      if (candidates.length) {
        const i = candidates[d.wrapAt % candidates.length];
        const at = 8 + (d.wrapAt % (lines[i].length - 12));
        lines[i] = lines[i].slice(0, at) + d.eol + lines[i].slice(at);
      }
    }
    return lines.join(d.blankLines ? d.eol + d.eol : d.eol) + d.eol;
  });
