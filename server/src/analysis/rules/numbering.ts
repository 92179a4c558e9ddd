// Numbering rules: each reads the one numbering analysis and reports its own kind of issue.

import { computeNumbering, NumberingIssue, NumberingIssueKind } from '../numbering';
import { Finding, RuleContext, RuleRecord } from '../types';

function issuesOf(ctx: RuleContext, kind: NumberingIssueKind): Finding[] {
  return ctx
    .memo('numbering', () => computeNumbering(ctx.model))
    .filter((i: NumberingIssue) => i.kind === kind)
    .map((i) => ({
      start: i.marker.start,
      end: i.end ?? i.marker.end,
      data: i.data,
      variant: i.variant,
      severity: i.severity,
      fix: i.fix,
      fixKind: i.fixKind,
      related: i.related,
    }));
}

const RENUMBER = { zh: '重新编号整个序列', en: 'Renumber the whole sequence' };

export const numberingGap: RuleRecord = {
  id: 'numbering-gap',
  title: { zh: '序号缺项', en: 'Gap in the numbering' },
  category: 'numbering',
  severity: 'warning',
  description: { zh: '序号缺项：一、之后直接是三、，一是之后直接是三是', en: 'A member of a sequence is missing (一、 then 三、; 一是 then 三是)' },
  message: {
    zh: (d) => `序号跳过了：“${d.marker}”之前缺少${d.missing}。请补上缺的部分，或重新编号。`,
    en: (d) => `Numbering skips: ${d.missing} missing before “${d.marker}”. Add the missing part or renumber.`,
  },
  variants: {
    order: {
      zh: (d) => `序号顺序颠倒：“${d.marker}”出现在“${d.after}”之后。请调整顺序或重新编号。`,
      en: (d) => `Numbering out of order: “${d.marker}” comes after “${d.after}”. Reorder or renumber.`,
    },
  },
  fixTitle: RENUMBER,
  fixKind: 'decision', // a part may be missing: renumbering decides it is not
  docs: {
    rationale: {
      zh: '调整结构、删去一段之后，最容易留下断号。同一上级下的同级标题、一个“一是……二是……”序列都应连续编号。段内新起的“一是”可以重新开始一个序列。快速修复重新编号整个序列，只改数字。',
      en: 'Moving or deleting a section leaves gaps behind. Headings of one level under one parent, and one 一是…二是… series, must number without gaps. A new 一是 inside a paragraph may start a new series. The fix renumbers the whole sequence and changes only the numerals.',
    },
    bad: ['一、总体要求\n内容。\n三、工作措施\n内容。', '今年工作有三个特点：一是稳，二是进，四是好。'],
    good: ['一、总体要求\n内容。\n二、工作措施\n内容。', '一是抓学习，二是抓落实。一是重基层，二是重实效。'],
  },
  check: (ctx) => issuesOf(ctx, 'gap'),
};

export const numberingDuplicate: RuleRecord = {
  id: 'numbering-duplicate',
  title: { zh: '序号重复', en: 'Number used twice' },
  category: 'numbering',
  severity: 'warning',
  description: { zh: '同一序列中序号重复', en: 'The same number twice in one sequence' },
  message: {
    zh: (d) => `序号“${d.marker}”重复了。请重新编号。`,
    en: (d) => `Number “${d.marker}” appears twice in this sequence. Renumber it.`,
  },
  fixTitle: RENUMBER,
  fixKind: 'decision', // a part may be missing: renumbering decides it is not
  docs: {
    rationale: {
      zh: '复制粘贴一节后忘记改号，就会出现两个“二、”。快速修复按出现顺序重新编号整个序列。',
      en: 'Copying a section and forgetting to change its number leaves two 二、. The fix renumbers the whole sequence in order.',
    },
    bad: ['一、总体要求\n内容。\n二、工作措施\n内容。\n二、组织保障\n内容。'],
    good: ['一、总体要求\n内容。\n二、工作措施\n内容。\n三、组织保障\n内容。'],
  },
  check: (ctx) => issuesOf(ctx, 'duplicate'),
};

export const numberingStart: RuleRecord = {
  id: 'numbering-start',
  title: { zh: '序号不从一开始', en: 'Numbering not starting at one' },
  category: 'numbering',
  severity: 'warning',
  description: { zh: '序列不是从一开始（第一个标题是三、；有二是而没有一是）', en: 'A sequence starts past one (三、 first; 二是 with no 一是)' },
  message: {
    zh: (d) => `序列从“${d.marker}”开始，前面没有“${d.first}”。请补上前面的部分，或从“${d.first}”开始重新编号。`,
    en: (d) => `The sequence starts at “${d.marker}” with no “${d.first}” before it. Add what is missing or renumber from “${d.first}”.`,
  },
  fixTitle: RENUMBER,
  fixKind: 'decision', // a part may be missing: renumbering decides it is not
  docs: {
    rationale: {
      zh: '删去第一部分、或从别的稿子里截取一段时，序号常常从“二、”“三是”开始。快速修复从一起重新编号。',
      en: 'Deleting the first part, or taking an excerpt from another draft, leaves a sequence starting at 二、 or 三是. The fix renumbers from one.',
    },
    bad: ['同志们：\n今天开会。\n三、加强领导\n内容。\n四、狠抓落实\n内容。'],
    good: ['同志们：\n今天开会。\n一、加强领导\n内容。\n二、狠抓落实\n内容。'],
  },
  check: (ctx) => issuesOf(ctx, 'start'),
};

export const numberingPunctuation: RuleRecord = {
  id: 'numbering-punctuation',
  title: { zh: '序号标点不对', en: 'Wrong mark after a numeral' },
  category: 'numbering',
  severity: 'warning',
  description: {
    zh: '序号的标点或括号不对：一. 一， （一）、 1、 1． (一) 第一、',
    en: 'Wrong mark after or around a numeral: 一. 一， （一）、 1、 1． (一) 第一、',
  },
  message: {
    zh: (d) => `序号“${d.marker}”${d.spaced ? '后面用了空格，' : '的'}写法不规范，应为“${d.correct}”（GB/T 15834 附录 B.3）。`,
    en: (d) => `Marker “${d.marker}”${d.spaced ? ' followed by a space' : ''} is written wrongly; it should be “${d.correct}” (GB/T 15834 Appendix B.3).`,
  },
  variants: {
    all: {
      zh: (d) => `这一级序号全文都写成“${d.marker}”${d.spaced ? '后接空格' : ''}这样（共${d.count}处），应为“${d.correct}”这样（GB/T 15834 附录 B.3）。快速修复一次改正全部${d.count}处。`,
      en: (d) => `All ${d.count} markers of this level are written like “${d.marker}”${d.spaced ? ' followed by a space' : ''}; they should be like “${d.correct}” (GB/T 15834 Appendix B.3). The fix corrects all ${d.count} at once.`,
    },
    kangxi: {
      zh: (d) => `序号“${d.marker}”里是康熙部首（PDF 转换留下的），不是汉字数字，应为“${d.correct}”。`,
      en: (d) => `Marker “${d.marker}” holds a Kangxi radical left by a PDF conversion, not a numeral; it should be “${d.correct}”.`,
    },
    kangxiAll: {
      zh: (d) => `有${d.count}处序号（如“${d.marker}”）里是康熙部首（PDF 转换留下的），不是汉字数字，应为“${d.correct}”这样。快速修复一次改正全部。`,
      en: (d) => `${d.count} markers (such as “${d.marker}”) hold Kangxi radicals left by a PDF conversion, not numerals; they should be like “${d.correct}”. The fix corrects all of them.`,
    },
  },
  fixTitle: { zh: '改正序号写法', en: 'Correct the marker' },
  fixKind: 'mechanical', // the marker's form; a fix that also renumbers is marked a decision per finding
  docs: {
    rationale: {
      zh: 'GB/T 15834—2011 附录 B.3：“一、”后用顿号；“（一）”“（1）”后不加标点，用全角括号；“1.”用半角点；“第一，”后用逗号，不用顿号。PDF 里复制的“⼀、”常是康熙部首，看着一样，检索和编号都会出错。同一种写法用遍全文（每个第三级序号都写成“1．”）只报告一次，快速修复一次改正所有地方；只错一处的单独报告。快速修复只改序号本身。一级标题全文都写成“一 关于……”（数字后空一格，选集和老报告的写法）是这份稿子一贯的格式，不报告。',
      en: 'GB/T 15834-2011 Appendix B.3: 一、 takes the enumeration comma; （一） and （1） take nothing and full-width brackets; 1. takes a half-width full stop; 第一， takes a comma, never 、. ⼀、 copied from a PDF is often a Kangxi radical that only looks like 一. One wrong form used throughout (every level-3 marker written 1．) is reported once, and the fix corrects every place; a form wrong once is reported on its own. The fix changes only the markers. Level-1 headings written 一 关于… throughout (a numeral and a space, the layout of 选集 and older reports) are the draft\'s consistent ladder and are not reported.',
    },
    bad: ['一.总体要求\n内容。\n二.工作措施\n内容。', '（一）、指导思想\n内容。\n（二）、基本原则\n内容。', '1、加强学习。\n2、狠抓落实。', '第一、要提高认识。\n第二、要狠抓落实。', '⼀、总体要求\n内容。\n⼆、工作措施\n内容。', '一、总体要求\n1．加强学习。\n2．狠抓落实。\n二、工作措施\n1．压实责任。\n2．强化督查。'],
    good: ['一、总体要求\n内容。\n二、工作措施\n内容。', '（一）指导思想\n内容。\n（二）基本原则\n内容。', '1.加强学习。\n2.狠抓落实。', '第一，要提高认识。\n第二，要狠抓落实。', '在会议上的讲话\n一 关于当前的形势\n内容。\n二 关于今年的任务\n内容。'],
  },
  check: (ctx) => issuesOf(ctx, 'punctuation'),
};

export const numberingLevel: RuleRecord = {
  id: 'numbering-level',
  title: { zh: '序号层级不对', en: 'Wrong numbering level' },
  category: 'numbering',
  severity: 'warning',
  description: {
    zh: '层级嵌套错误（上一级序号出现在下一级之下）；跳级（一、下直接用 1.）为提示',
    en: 'Wrong nesting (a higher marker under a lower one); a skipped level is information',
  },
  message: {
    zh: (d) => `层级错误：“${d.marker}”出现在“${d.deeper}”这一级之后，上一级序号不能放在下一级之下。请调整层级或序号。`,
    en: (d) => `Wrong nesting: “${d.marker}” comes after a “${d.deeper}” level item; a higher-level marker cannot sit under a lower one. Fix the levels or the markers.`,
  },
  variants: {
    skip: {
      zh: (d) => `“${d.parent}”下直接用了“${d.marker}”，跳过了“${d.expected}”一级。GB/T 9704 规定依次使用；如无必要请改用“${d.expected}”。`,
      en: (d) => `“${d.marker}” directly under “${d.parent}” skips the “${d.expected}” level. GB/T 9704 has the levels used in order; use “${d.expected}” unless the skip is intended.`,
    },
    skipAll: {
      zh: (d) => `这份稿子的${d.count}个“${d.parent}”这一级标题下都直接用“${d.marker}”，跳过了“${d.expected}”一级。GB/T 9704 规定依次使用；如无必要请改用“${d.expected}”。`,
      en: (d) => `Under all ${d.count} headings like “${d.parent}”, the draft goes straight to “${d.marker}”, skipping the “${d.expected}” level. GB/T 9704 has the levels used in order; use “${d.expected}” unless the skip is intended.`,
    },
  },
  docs: {
    rationale: {
      zh: 'GB/T 9704—2012 第 7.3.3 条：结构层次序数依次用“一、”“（一）”“1.”“（1）”。可以从任一级开始向下使用（提纲可以从“（一）”开始），但下一级之后不能再回到没有上级的上一级（如 1. 之后出现（一））。跳级（一、下直接用 1.）有争议，只作提示；全文一贯这样跳级的，只提示一次。',
      en: 'GB/T 9704-2012 §7.3.3: levels go 一、, （一）, 1., （1） in order. A draft may start at any level and go down (an outline may start at （一）), but may not come back up to a higher marker without its parent (（一） after 1.). Skipping a level (1. directly under 一、) is disputed and reported as information only, once for a draft that skips that way throughout.',
    },
    bad: ['一、总体要求\n1.加强学习\n内容。\n（一）狠抓落实\n内容。', '一、总体要求\n1.加强学习\n内容。\n2.狠抓落实\n内容。\n二、工作措施\n内容。'],
    good: ['一、总体要求\n（一）加强学习\n1.读原著\n内容。\n（二）狠抓落实\n内容。\n二、工作措施\n内容。'],
  },
  check: (ctx) => issuesOf(ctx, 'level'),
};

export const numberingMixed: RuleRecord = {
  id: 'numbering-mixed',
  title: { zh: '序号写法混用', en: 'Mixed numbering styles' },
  category: 'numbering',
  severity: 'warning',
  description: {
    zh: '同一层级或同一序列混用不同写法（首先……其次……第三）',
    en: 'Styles mixed within one level or one series (首先…其次…第三)',
  },
  message: {
    zh: (d) => `“${d.marker}”接着“${d.first}”开头的序列编号，但写法不同。同一序列请统一写作“${d.correct}”。`,
    en: (d) => `“${d.marker}” continues the series that starts with “${d.first}” in another style. Write it “${d.correct}” to keep one style.`,
  },
  variants: {
    minority: {
      zh: (d) => `“${d.marker}”与同一序列的其他各项（“${d.first}”等）写法不同。同一序列请统一写作“${d.correct}”。`,
      en: (d) => `“${d.marker}” is written in another style than the rest of its series (“${d.first}” and the others). Write it “${d.correct}” to keep one style.`,
    },
    heading: {
      zh: (d) => `“${d.marker}”接着标题“${d.parent}”的序号往下编，但写法不同：同一层次请统一写作“${d.correct}”，或把前面的标题也改成“第一，”这样的写法。`,
      en: (d) => `“${d.marker}” goes on with the numbering of the heading “${d.parent}” in another style: write it “${d.correct}”, or write the headings before it in the same style as it.`,
    },
    afterEnum: {
      zh: (d) => `标题“${d.marker}”接着“${d.first}”开头的序列编号，但写法不同：同一层次请统一写作“${d.correct}”，或把前面的也改成标题“一、”这样的写法。`,
      en: (d) => `Heading “${d.marker}” goes on with the series that starts with “${d.first}” in another style: write it “${d.correct}”, or make the items before it headings like “一、”.`,
    },
    level: {
      zh: (d) => `“${d.marker}”接着上一级“${d.parent}”编号，应是同级标题“${d.correct}”，不是它的下一级。`,
      en: (d) => `“${d.marker}” continues the numbering of “${d.parent}”: it is a sibling and should be “${d.correct}”, not a level below.`,
    },
  },
  fixTitle: { zh: '统一序号写法', en: 'Use one style for the series' },
  fixKind: 'decision', // rewrites the words of the series (第三 → 再次) or a heading's level
  docs: {
    rationale: {
      zh: '“一是”“一要”“第一，”“首先/其次”各成体系，不能在一个序列里混用；“（一）（二）”之后写成“3.”，是把同级标题写成了下一级。快速修复按序列第一项的写法改正。',
      en: '一是, 一要, 第一， and 首先/其次 are separate systems and must not be mixed in one series; （一）（二） followed by 3. is a sibling heading written a level too low. The fix rewrites the marker in the style of the series.',
    },
    bad: ['首先，要提高认识。其次，要加强领导。第三，要狠抓落实。', '一、总体要求\n（一）加强学习\n内容。\n（二）狠抓落实\n内容。\n3.加强保障\n内容。', '一要提高认识，把思想统一起来。\n二是要加强领导，把责任压下去。\n三是要狠抓落实，把任务完成好。', '一、提高认识\n内容。\n二、加强领导\n内容。\n第三，要狠抓落实。内容。', '第一，提高认识。内容。\n第二，加强领导。内容。\n三、狠抓落实\n内容。', '首先，要提高认识。内容。\n第二，要加强领导。内容。\n第三，要狠抓落实。内容。'],
    good: ['首先，要提高认识。其次，要加强领导。最后，要狠抓落实。', '第一，要提高认识。第二，要加强领导。第三，要狠抓落实。'],
  },
  check: (ctx) => issuesOf(ctx, 'mixed'),
};

export const numberingOrphan: RuleRecord = {
  id: 'numbering-orphan',
  title: { zh: '只有一项的下级序号', en: 'Lone sub-item' },
  category: 'numbering',
  severity: 'info',
  description: { zh: '只有一项的下级序号：有（一）而没有（二）', en: 'A lone child: （一） with no （二）' },
  message: {
    zh: (d) => `只有“${d.marker}”，没有“${d.next}”。只有一项时不必编号，或补上后面的部分。`,
    en: (d) => `“${d.marker}” stands alone with no “${d.next}”. A single item needs no number, or add the next one.`,
  },
  docs: {
    rationale: {
      zh: '只有一个下级标题时，编号显得多余，往往说明后面的部分被删掉了。',
      en: 'A single numbered child looks odd and often means the following part was deleted.',
    },
    bad: ['一、总体要求\n（一）指导思想\n内容。\n二、工作措施\n内容。'],
    good: ['一、总体要求\n（一）指导思想\n内容。\n（二）基本原则\n内容。\n二、工作措施\n内容。'],
  },
  check: (ctx) => issuesOf(ctx, 'orphan'),
};

export const numberingRules: RuleRecord[] = [
  numberingGap, numberingDuplicate, numberingStart, numberingPunctuation, numberingLevel, numberingMixed, numberingOrphan,
];
