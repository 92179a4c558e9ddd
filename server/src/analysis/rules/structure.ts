// Structure rules: the parts of a speech (标题, 称呼, 开场, 主体, 结尾) and the line-level
// slips that break them (a merged heading, a hard-wrapped paragraph, a missing full stop).

import { Item, Paragraph, Segment, Speech, hasBody, isEnumSubheading } from '../model';
import { parseChineseNumber } from '../markers';
import { computeNumbering } from '../numbering';
import { Finding, RuleContext, RuleRecord } from '../types';

/** A speech too small to judge (a fragment, a note): structure rules stay quiet. */
function judgeable(s: Speech): boolean {
  return s.paragraphs.length + (s.title ? 1 : 0) >= 3;
}

function firstLineRange(ctx: RuleContext, s: Speech): { start: number; end: number } {
  const line = ctx.model.lines[ctx.model.lineIndex.lineAt(s.start)];
  return { start: s.start, end: Math.max(s.start + 1, line.end) };
}

export const missingTitle: RuleRecord = {
  id: 'missing-title',
  title: { zh: '缺少标题', en: 'Missing title' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '讲话稿开头没有标题', en: 'No title at the top of a speech' },
  message: {
    zh: () => '讲话稿没有标题：请在第一行写上标题，如“在全市××工作会议上的讲话”。',
    en: () => 'The speech has no title: put one on the first line, e.g. “在全市××工作会议上的讲话”.',
  },
  docs: {
    rationale: {
      zh: '标题写明场合和身份（“在××会议上的讲话”“×××同志在……上的讲话”），印发、存档都要用到。第一行若是称呼、署名或正文，就是缺了标题。分两三行写的主题标题、字间加空格的标题、以“！”结尾而下接副标题的标题都是标题；标题上方的图片说明和电头是混入的文字（见“stray-text”），标题上方的“致辞：×××”是署名。',
      en: 'The title names the occasion and the speaker (在××会议上的讲话, ×××同志在…上的讲话) and is needed when the speech is printed and filed. A first line that is the salutation, a byline or prose means the title is missing. A theme title over two or three lines, a title spaced out character by character, and a title ending in ！ above its subtitle are titles; a photo caption or a dateline above the title is stray text (see stray-text), and 致辞：××× above it is a byline.',
    },
    bad: ['同志们：\n今天召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n同志们，让我们共同努力！', '县委书记 张明\n（2024年3月8日）\n同志们：\n今天召开全县工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！'],
    good: [
      '在全市工作会议上的讲话\n同志们：\n今天召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n同志们，让我们共同努力！',
      '坚持稳中求进\n推动高质量发展\n——在全市经济工作会议上的讲话\n同志们：\n今天召开会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！',
      '奋斗正当时！\n——在新生开学典礼上的讲话\n同学们：\n今天开学了。\n一是要立志。内容。\n二是要勤学。内容。\n谢谢大家！',
      '5月8日，大会在市民中心开幕。本报记者 张华 摄\n新华社南京5月8日电\n在全市工作大会上的讲话\n同志们：\n今天召开大会。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！',
    ],
  },
  check(ctx) {
    return ctx.model.speeches
      .filter((s) => !s.title && judgeable(s))
      .map((s) => firstLineRange(ctx, s));
  },
};

export const missingSalutation: RuleRecord = {
  id: 'missing-salutation',
  title: { zh: '缺少称呼', en: 'Missing salutation' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '开场白之前没有称呼（同志们：）', en: 'No salutation (同志们：) before the opening' },
  message: {
    zh: () => '缺少称呼：请在开场白前单独一行写上称呼，如“同志们：”“各位代表：”。',
    en: () => 'No salutation: put one on its own line before the opening, e.g. “同志们：” or “各位代表：”.',
  },
  fixTitle: { zh: '插入称呼“同志们：”', en: 'Insert the salutation 同志们：' },
  fixKind: 'decision', // the audience may be 各位代表
  docs: {
    rationale: {
      zh: '称呼是讲话与听众的第一句交流，一般单独成行（“同志们：”“各位领导、各位来宾：”）。实际的讲话稿里，称呼也常带问候语（“……同学们：大家好！”），以“！”或“，”结尾（“各位代表！”“各位来宾，大家好！”），分两行写，写在日期、署名、“（根据录音整理）”之后，或者和开场白连在一行（“同志们，今天……”，见“salutation-merged”）：这些都是有称呼。从标题直接进入正文，往往是改稿时误删了。工作报告（政府工作报告、党代会报告、“向大会报告工作，请予审议”）、书面致辞（新年献词、贺信、“——致……”）和标题里不说是讲话的文章不要求称呼。快速修复插入“同志们：”，可按场合改写。',
      en: 'The salutation is the first word to the audience, usually on its own line (同志们：, 各位领导、各位来宾：). Real drafts also write it with a greeting (…同学们：大家好！), end it in ！ or ， (各位代表！, 各位来宾，大家好！), spread it over two lines, put it after a date, a byline or （根据录音整理）, or run the opening on after it (同志们，今天…, see salutation-merged): all of these are salutations. Going from the title straight to the text usually means it was deleted in an edit. A report (政府工作报告, 党代会报告, 向大会报告工作，请予审议), a written address (新年献词, 贺信, ——致…) and a text whose title does not call it a speech need none. The fix inserts 同志们：, to be adapted to the occasion.',
    },
    bad: ['在全市工作会议上的讲话\n经市委研究，今天召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n同志们，让我们共同努力！', '在开学典礼上的讲话\n2023.09.01\n秋风送爽，新学期开始了。\n一是要立志。内容。\n二是要勤学。内容。\n谢谢大家！'],
    good: [
      '在全市工作会议上的讲话\n同志们：\n经市委研究，今天召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n同志们，让我们共同努力！',
      '在开学典礼上的讲话\n校长 李明\n2023.09.01\n各位来宾、老师们、同学们，大家早上好！\n秋风送爽，新学期开始了。\n一是要立志。内容。\n二是要勤学。内容。\n谢谢大家！',
      '在毕业典礼上的讲话\n尊敬的各位领导、各位来宾，\n亲爱的同学们：\n今天你们毕业了。\n一是要立志。内容。\n二是要勤学。内容。\n谢谢大家！',
      '2024年政府工作报告\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n一、过去一年的工作\n内容。\n二、今年的工作安排\n内容。',
      '2024年新年献词\n岁序更新，万象启新。\n过去一年，我们迎难而上。\n新的一年，我们再接再厉。\n祝大家新年快乐！',
    ],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      // A report or a written address needs none, nor a text whose title names no spoken genre.
      if (s.salutation || !s.salutationExpected || !judgeable(s)) continue;
      const first = s.paragraphs[0];
      if (!first) continue;
      const line = ctx.model.lines[first.segments[0].line];
      out.push({ start: first.start, end: Math.min(line.end, first.start + 20), fix: [{ start: first.start, end: first.start, text: '同志们：' + eol(ctx.text) }] });
    }
    return out;
  },
};

function eol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export const missingOpening: RuleRecord = {
  id: 'missing-opening',
  title: { zh: '缺少开场白', en: 'Missing opening' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '称呼和第一个主体部分之间没有开场白', en: 'No opening paragraph between the salutation and the first body item' },
  message: {
    zh: () => '称呼之后直接进入了主体部分，缺少开场白：请补一段，交代会议目的或引出下文（如“下面，我讲几点意见”）。',
    en: () => 'The body starts right after the salutation: add an opening that states the purpose of the meeting or leads in (“下面，我讲几点意见”).',
  },
  docs: {
    rationale: {
      zh: '开场白交代会议的目的、依据，或引出下文（“这次会议的主要任务是……”“下面，我讲几点意见”）。称呼之后直接是“一、”，听众会摸不着头脑。讲话提纲（标题写“提纲”，常从“（一）”开始）只列要点，不要求开场白和结尾；各部分本身就是一次讲话的（“一 三月五日的讲话”），开场白在各部分里。',
      en: 'The opening states why the meeting is held or leads into the points (这次会议的主要任务是…, 下面，我讲几点意见). Going from the salutation straight to 一、 leaves the audience without bearings. Speaking notes (a title with 提纲, often starting at （一）) list the points and need neither an opening nor a closing; when each part is a talk of its own (一 三月五日的讲话), the openings are inside the parts.',
    },
    bad: ['在全市工作会议上的讲话\n同志们：\n一、成绩\n内容。\n二、任务\n内容。\n同志们，让我们共同努力！'],
    good: ['在全市工作会议上的讲话\n同志们：\n今天召开全市工作会议，我讲两点意见。\n一、成绩\n内容。\n二、任务\n内容。\n同志们，让我们共同努力！', '在全市工作会议上的讲话提纲\n（一）关于形势\n1.成绩\n内容。\n2.问题\n内容。\n（二）关于任务\n1.抓项目\n内容。\n2.抓改革\n内容。'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      // Speaking notes (讲话提纲) may go straight to their points.
      if (!judgeable(s) || s.kind === 'outline' || s.opening.length > 0 || s.allItems.length === 0) continue;
      if (!s.salutation && !s.title) continue;
      const first = s.allItems[0];
      // Parts that are talks of their own (一 三月五日的讲话) each open themselves.
      if (/(?:讲话|发言|致辞|报告)$/.test(first.title)) continue;
      out.push({ start: first.marker.start, end: Math.max(first.marker.end, first.titleEnd) });
    }
    return out;
  },
};

export const missingBody: RuleRecord = {
  id: 'missing-body',
  title: { zh: '主体部分不足', en: 'Too little body' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '主体部分不足两个一级条目（没有编号时，不足两段）', en: 'Fewer than 2 top-level body items (without numbering: fewer than 2 body paragraphs)' },
  message: {
    zh: (d) => d.count ? `主体部分只有“${d.first}”一个一级条目：后面的部分缺失或编号丢失，请补齐（“一、……二、……”或“一要……二要……”）。` : '讲话缺少主体：开场白之后直接是结尾，请补上主体内容。',
    en: (d) => d.count ? `The body has a single top-level item, “${d.first}”: the following parts or their numbering are missing; complete them (“一、…二、…” or “一要…二要…”).` : 'The speech has no body: the closing follows the opening; add the body.',
  },
  docs: {
    rationale: {
      zh: '讲话主体一般分三部分左右（回顾成绩、分析形势、部署任务），用“一、二、三、”标题，或在没有标题的讲话里用段首的“一要……二要……”“第一，……第二，……”。只有一个一级条目，说明后面的部分或编号丢失了。不用编号的讲话（致辞、开幕词和不少短讲话）只要开场与结尾之间有两段以上正文就不报告。',
      en: 'A speech body usually has about three parts (achievements, the situation, the tasks), as 一、二、三、 headings, or paragraph-leading 一要…二要… / 第一，…第二，… when the speech has no headings. A single top-level item means the following parts or their numbering were lost. A speech written without numbering (致辞, 开幕词, many short speeches) is not reported as long as two or more paragraphs stand between its opening and closing.',
    },
    bad: ['在全市工作会议上的讲话\n同志们：\n今天召开会议。\n一、成绩\n过去一年成绩显著。\n同志们，让我们共同努力！', '在全市工作会议上的讲话\n同志们：\n今天召开会议，主要任务是部署工作。\n同志们，让我们共同努力！'],
    good: ['在全市工作会议上的讲话\n同志们：\n今天召开会议。\n一要提高认识。内容。\n二要狠抓落实。内容。\n同志们，让我们共同努力！', '在新春团拜会上的致辞\n各位来宾：\n新春佳节，向大家拜年。\n祝大家新春快乐！\n谢谢大家！', '在青年干部座谈会上的讲话\n同志们：\n今天和大家座谈，听了发言很受启发。\n青年干部要加强学习，不断提高本领。\n青年干部要扎根基层，在实践中锤炼。\n同志们，让我们携手奋进！'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      if (!judgeable(s) || hasBody(s)) continue;
      const at = s.items[0]?.marker ?? s.title ?? firstLineRange(ctx, s);
      const end = 'titleEnd' in at ? at.end : at.end;
      out.push({ start: at.start, end: Math.max(at.start + 1, end), data: { count: s.items.length, first: s.items[0]?.marker.raw.trim() ?? '' } });
    }
    return out;
  },
};

export const missingClosing: RuleRecord = {
  id: 'missing-closing',
  title: { zh: '缺少结尾', en: 'Missing closing' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '最后一个主体部分之后没有结尾', en: 'No closing after the last body item' },
  message: {
    zh: () => '讲话没有结尾：请在最后补一段号召或致谢，如“同志们，让我们……！”“预祝大会圆满成功！”“谢谢大家！”。',
    en: () => 'The speech has no closing: end with a call or thanks, e.g. “同志们，让我们…！”, “预祝大会圆满成功！” or “谢谢大家！”.',
  },
  docs: {
    rationale: {
      zh: '结尾用号召（“同志们，让我们……”“为……而努力奋斗”“继续奋勇前进！”）、口号（“……万岁！”）、祝愿（“预祝大会圆满成功”“祝……新年快乐！”“致以……祝贺！”）、致谢和谦辞（“谢谢大家”“不当之处，请批评指正”）、祝酒（“干杯！”）、总结（“总之，……”）或“最后，……”收束全篇；结尾前的称呼（“同志们！”“青年朋友们！”）也开始结尾。讲话的最后一段仍是主体的一项，就是缺了结尾，显得戛然而止。结尾后的落款（单位、职务姓名、日期）不算正文。工作报告以最后一部分收尾，不要求结尾。',
      en: 'A speech ends with a call (同志们，让我们…, 为…而努力奋斗, 继续奋勇前进！), a slogan (…万岁！), a wish (预祝大会圆满成功, 祝…新年快乐！, 致以…祝贺！), thanks or a modesty formula (谢谢大家, 不当之处，请批评指正), a toast (干杯！), a summing-up (总之，…) or 最后，…; an address just before it (同志们！, 青年朋友们！) opens the closing too. When the last paragraph is still a body item, the closing is missing and the speech stops abruptly. A sign-off after the closing (an organisation, a post and a name, a date) is not part of the text. A report ends with its last part and needs no closing.',
    },
    bad: ['在全市工作会议上的讲话\n同志们：\n今天召开会议。\n一、成绩\n内容。\n二、任务\n要抓好落实。', '在新春团拜会上的致辞\n各位来宾：\n新春佳节，向大家拜年。\n过去一年，我们迎难而上。\n新的一年，我们要再接再厉。\n华兴集团有限公司\n2024年2月8日'],
    good: [
      '在全市工作会议上的讲话\n同志们：\n今天召开会议。\n一、成绩\n内容。\n二、任务\n要抓好落实。\n谢谢大家！',
      '在全市工作会议上的讲话\n同志们：\n今天召开会议。\n一、成绩\n内容。\n二、任务\n要抓好落实。\n总之，要把各项工作抓实抓细。',
      '在晚宴上的致辞\n各位来宾：\n欢迎大家。\n这些年我们合作愉快。\n现在，我提议，请大家举杯，\n为合作愉快，\n为各位的健康，\n干杯！',
      '在新春团拜会上的致辞\n各位来宾：\n新春佳节，向大家拜年。\n过去一年，我们迎难而上。\n祝大家新春快乐、万事如意！\n华兴集团有限公司\n2024年2月8日',
    ],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      // A report ends with its last part; a closing call is its choice, not a part it lacks.
      if (!judgeable(s) || s.kind === 'report' || s.kind === 'outline' || s.closing.length > 0 || (s.allItems.length === 0 && !hasBody(s))) continue;
      const last = s.paragraphs[s.paragraphs.length - 1];
      const line = ctx.model.lines[last.segments[last.segments.length - 1].line];
      out.push({ start: Math.max(line.start, last.end - 10), end: last.end });
    }
    return out;
  },
};

export const salutationMerged: RuleRecord = {
  id: 'salutation-merged',
  title: { zh: '称呼与开场白同行', en: 'Salutation run into the opening' },
  category: 'structure',
  severity: 'info',
  description: { zh: '称呼和开场白写在同一行', en: 'The salutation and the opening text on one line' },
  message: {
    zh: (d) => `称呼“${d.salutation}”后面直接接了正文：称呼应单独成行。`,
    en: (d) => `The salutation “${d.salutation}” runs into the text: put it on its own line.`,
  },
  fixTitle: { zh: '称呼单独成行', en: 'Put the salutation on its own line' },
  fixKind: 'mechanical',
  docs: {
    rationale: {
      zh: '称呼单独一行，讲话人才会在这里停顿、抬头面向听众。称呼后面的问候语（“大家好！”“早上好！”）属于称呼，不算接了正文。快速修复在称呼后换行。',
      en: 'On its own line the salutation gets its pause, the moment the speaker looks up at the audience. A greeting after it (大家好！, 早上好！) belongs to the salutation and is not text run on. The fix breaks the line after the salutation.',
    },
    bad: ['在全市工作会议上的讲话\n同志们：今天召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！', '在全市工作会议上的讲话\n同志们，今天我们召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！'],
    good: ['在全市工作会议上的讲话\n同志们：\n今天召开全市工作会议。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！', '在开学典礼上的讲话\n老师们、同学们：大家好！\n今天我们隆重集会。\n一是要立志。内容。\n二是要勤学。内容。\n谢谢大家！'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      const sal = s.salutation;
      if (!sal?.merged) continue;
      let textStart = sal.end;
      while (textStart < ctx.text.length && /[ \t\u3000]/.test(ctx.text[textStart])) textStart++;
      out.push({
        start: sal.start, end: textStart,
        data: { salutation: sal.text },
        fix: [{ start: sal.end, end: textStart, text: eol(ctx.text) }],
      });
    }
    return out;
  },
};

export const headingMerged: RuleRecord = {
  id: 'heading-merged',
  title: { zh: '标题与正文同行', en: 'Heading run into the text' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '一级标题后面在同一行接了正文，或标题接在上一段末尾', en: 'A level-1 heading with body text after it on the same line, or run into the previous paragraph' },
  message: {
    zh: (d) => `一级标题“${d.heading}”后面直接接了正文：一级标题应单独成行${d.fixable ? '，可一键拆分' : '，请在标题结束处换行'}。`,
    en: (d) => `Level-1 heading “${d.heading}” runs into its text: a level-1 heading stands on its own line${d.fixable ? '; the quick fix splits it' : '; break the line where the heading ends'}.`,
  },
  variants: {
    runIn: {
      zh: (d) => `标题“${d.heading}”接在了上一段的末尾：标题应另起一行。`,
      en: (d) => `Heading “${d.heading}” is run into the end of the previous paragraph: start it on a new line.`,
    },
  },
  fixTitle: { zh: '标题单独成行', en: 'Put the heading on its own line' },
  fixKind: 'mechanical',
  docs: {
    rationale: {
      zh: 'GB/T 9704 的一级标题单独成行；从网页或 Word 复制时换行常常丢失，标题和正文连成一段，或者标题跑到上一段末尾。讲话人照稿念时会把标题和正文连着读。有空格或句号分隔时，快速修复在分隔处换行；标题到第一个句号之间已有好几个分句的，看不出标题在哪里结束，不提供快速修复。全篇每个“一、”都是一句带句号的要求、后面接着展开（“一、要……。……”），是把“一、”当段首序号用，一贯如此，不报告。',
      en: 'A GB/T 9704 level-1 heading stands on its own line. Copying from web pages or Word loses line breaks, so a heading runs into its text or onto the end of the previous paragraph, and the speaker reads them as one sentence. Where a space or a full stop separates them, the fix breaks the line there; where several clauses come before the first full stop, where the heading ends cannot be told and no fix is offered. When every 一、 of a speech is a requirement ending in a full stop with its explanation after it (一、要…。…), the draft uses 一、 as a paragraph-leading enumeration throughout and nothing is reported.',
    },
    bad: ['一、明确任务，抓住重点 党群部门是党联系群众的桥梁。\n二、加强领导\n内容。', '一、总体要求\n内容。要抓好落实。二、加强领导\n内容。'],
    good: ['一、明确任务，抓住重点\n党群部门是党联系群众的桥梁。\n二、加强领导\n内容。', '（一）指导思想。坚持以人民为中心。\n（二）基本原则。坚持稳中求进。', '同学们：\n我向大家提三点要求。\n一、要严守纪律。全体同学要听从指挥。\n二、要刻苦训练。每个动作都要练到位。\n三、要团结互助。大家要互相关心。'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      // Every level-1 item written as a lead sentence with its text after it (一、要…。全体同志
      // 要…): the draft uses 一、 as a paragraph-leading enumeration, consistently.
      const level1 = s.allItems.filter((x) => x.marker.kind === 'heading' && x.marker.level === 1 && !x.runIn);
      const leadSentences = level1.length >= 2 && level1.every((x) => x.mergedAt !== undefined && /[。！？!?]$/.test(ctx.text.slice(x.marker.start, x.titleEnd)));
      for (const item of s.allItems) {
        const m = item.marker;
        if (m.kind !== 'heading') continue;
        const heading = shortHeading(item);
        if (item.runIn) {
          // Remove the spaces between the previous sentence and the heading, then break; when
          // the heading's text follows on the line too, break there as well (one step).
          let from = m.start;
          while (from > 0 && /[ \t\u3000]/.test(ctx.text[from - 1])) from--;
          const fix = [{ start: from, end: m.start, text: eol(ctx.text) }];
          let end = m.end;
          if (m.level === 1 && item.mergedAt !== undefined) {
            fix.push(splitAfterHeading(ctx.text, item));
            end = item.mergedAt;
          }
          out.push({ start: from, end, variant: 'runIn', data: { heading }, fix, fixKind: m.level === 1 && item.mergedAt !== undefined && splitsAtFullStop(ctx.text, item) ? 'decision' : undefined });
          continue;
        }
        if (m.level !== 1) continue;
        if (item.mergedAt !== undefined && !leadSentences) {
          out.push({ start: m.start, end: item.mergedAt, data: { heading, fixable: 1 }, fix: [splitAfterHeading(ctx.text, item)], fixKind: splitsAtFullStop(ctx.text, item) ? 'decision' : undefined });
        } else if (item.mergedWithoutSeparator) {
          out.push({ start: m.start, end: Math.min(item.titleEnd, m.end + 20), data: { heading, fixable: 0 } });
        }
      }
    }
    return out;
  },
};

/** Fix-all splits a heading from its text only at a space: where a 。 ends it, whether that was the heading is the writer's call. */
const splitsAtFullStop = (text: string, item: Item) => text[item.titleEnd - 1] === '。';

/** The edit that puts a merged heading's text on the next line (a closing 。 goes too). */
function splitAfterHeading(text: string, item: Item): { start: number; end: number; text: string } {
  let cut = item.titleEnd;
  if (text[cut - 1] === '。') cut--;
  return { start: cut, end: item.mergedAt!, text: eol(text) };
}

function shortHeading(item: Item): string {
  const t = item.title.replace(/…$/, '');
  const chars = Array.from(t);
  return chars.length > 16 ? chars.slice(0, 16).join('') + '…' : t;
}

export const brokenParagraph: RuleRecord = {
  id: 'broken-paragraph',
  title: { zh: '段落在句中断行', en: 'Paragraph broken mid-sentence' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '一行在句子中间断开，下一行接着写（硬换行、从 PDF 粘贴）', en: 'A line ends mid-sentence and the next line continues it (hard wrap, PDF paste)' },
  message: {
    zh: () => '这一行在句子中间断开了，下一行是它的后半句（常见于从 PDF 复制）：请把两行合并。',
    en: () => 'This line breaks mid-sentence and the next line continues it (typical of a PDF paste): join the two lines.',
  },
  variants: {
    lines: {
      zh: (d) => `这一段在句子中间被断成了${d.lines}行（常见于从 PDF 复制）：请合并为一段。`,
      en: (d) => `This paragraph is broken mid-sentence into ${d.lines} lines (typical of a PDF paste): join them into one.`,
    },
  },
  fixTitle: { zh: '合并为一段', en: 'Join the lines' },
  fixKind: 'mechanical',
  docs: {
    rationale: {
      zh: '从 PDF 或邮件复制的文字按版面硬换行，一段话被切成几行；在编辑器里看不出来，打印和计时都会出错，断行处的“五、”还会被误认作标题。按版面宽度断开的一段只报告一次，快速修复一次合并全部断行；合并时不加空格（中文不用空格分词）。下一行以“，”“）”开头（网页在链接处断行）也是断行。有意分行的祝酒词、结尾（“……请大家举杯，/为……，/干杯！”）和分两行写的称呼不报告。',
      en: 'Text copied from a PDF or an e-mail keeps the layout\'s hard line breaks, cutting a paragraph into lines. It looks fine in the editor but prints wrong, and a 五、 at the start of a cut line looks like a heading. A paragraph wrapped at the page width is reported once, and the fix joins all its lines; joining adds no space (Chinese has none between words). A line that starts with ， or ） (a web page that broke at a link) is a broken line too. A toast or a closing laid out clause by clause (…请大家举杯， / 为…， / 干杯！) and a salutation over two lines are not reported.',
    },
    bad: [
      '同志们：\n旗总工会广泛开展以“当好主力军、建功十一\n五、和谐奔小康”为主题的劳动竞赛。',
      '同志们：\n过去一年，全市上下紧紧围绕中心、服务大局，克服困难、真\n抓实干，经济社会发展取得了新的成绩，城乡面貌发生了新的\n变化，人民群众的获得感、幸福感、安全感不断增强。',
      '同志们：\n请大家登录市政府网站查看实施方案\n，认真抓好贯彻落实。',
    ],
    good: [
      '同志们：\n旗总工会广泛开展以“当好主力军、建功十一五、和谐奔小康”为主题的劳动竞赛。\n一、总体要求\n内容。',
      '现在，我提议，大家举杯，\n为运动会圆满成功，\n为各位来宾的健康，\n干杯！',
      '尊敬的各位领导、各位来宾，\n亲爱的同学们：\n今天我们隆重集会。',
    ],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.model.paragraphs) {
      if (p.layout || p.segments.length < 2) continue;
      for (const group of wrapGroups(p.segments)) {
        const first = p.segments[group[0]];
        const lastBreak = group[group.length - 1];
        const afterLast = p.segments[lastBreak + 1];
        const consecutive = group.every((k) => p.segments[k + 1].line === p.segments[k].line + 1);
        const fix = consecutive ? group.map((k) => joinEdit(ctx.text, p.segments[k], p.segments[k + 1])) : undefined;
        const related = group.slice(1).map((k, n) => ({
          start: Math.max(p.segments[k].start, p.segments[k].end - 1), end: p.segments[k + 1].start + 1,
          note: { zh: `第${n + 2}处断行`, en: `break ${n + 2}` },
        }));
        out.push({
          start: Math.max(first.start, first.end - 1), end: afterLast.start + 1,
          variant: group.length > 1 ? 'lines' : undefined, data: { lines: group.length + 1 },
          fix, related: related.length ? related : undefined,
        });
      }
    }
    return out;
  },
};

/** The edit that joins two lines: no space, except between two Latin words (a wrapped URL or name). */
function joinEdit(text: string, a: Segment, b: Segment): { start: number; end: number; text: string } {
  const latinJoin = /[A-Za-z]/.test(text[a.end - 1] ?? '') && /[A-Za-z]/.test(text[b.start] ?? '');
  return { start: a.end, end: b.start, text: latinJoin ? ' ' : '' };
}

const visible = (s: Segment) => s.end - s.start;

/**
 * The breaks of a paragraph (break k is between segments k and k+1), grouped into one finding
 * per broken paragraph: a wrap at the page or window width (lines of a few dozen characters),
 * a fragment split out of a line (排放（CO / 2 / ）总量). Lines of whole paragraphs (over 150
 * characters) broken where text was lost are each their own problem. A break across a stray
 * line (not consecutive) stands alone: it has no fix.
 */
function wrapGroups(segments: Segment[]): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  const consecutive = (k: number) => segments[k + 1].line === segments[k].line + 1;
  for (let k = 0; k + 1 < segments.length; k++) {
    if (group.length) {
      const prev = visible(segments[k - 1]);
      const mid = visible(segments[k]);
      const sameWrap = mid <= 12 || (prev <= 150 && mid <= 150);
      if (!sameWrap || !consecutive(k) || !consecutive(k - 1)) {
        groups.push(group);
        group = [];
      }
    }
    group.push(k);
  }
  if (group.length) groups.push(group);
  return groups;
}

const ENDS_SENTENCE = /[。！？；：…!?;:”’」』）)》】—]$/;

export const missingEndPunctuation: RuleRecord = {
  id: 'missing-end-punctuation',
  title: { zh: '段末缺少标点', en: 'Paragraph without end punctuation' },
  category: 'structure',
  severity: 'info',
  description: { zh: '正文段落末尾缺少句末标点，后面又开始了新的部分', en: 'A body paragraph ends without sentence-final punctuation, and a new unit follows' },
  message: {
    zh: () => '段落末尾缺少句末标点：请补上句号（或问号、叹号）。',
    en: () => 'The paragraph ends without final punctuation: add a full stop (or ？/！).',
  },
  fixTitle: { zh: '补上句号', en: 'Add a full stop' },
  fixKind: 'decision', // the rest of the sentence may have been deleted, or it ends in ？/！
  docs: {
    rationale: {
      zh: '段末没有句号，讲话人不知道在哪里停顿，也可能是后半句被删掉了。标题、署名、当小标题用的“第一，……”等本来就不带标点的行，以及有意逐句分行的祝酒词不报告。',
      en: 'Without a full stop the speaker does not know where to pause, and it may mean the rest of the sentence was deleted. Headings, names, a 第一，… line standing as a subheading and other lines that never take punctuation, and a toast laid out clause by clause, are not reported.',
    },
    bad: ['同志们：\n今天召开会议。\n六是思想教育形式不断丰富，增进了交流\n七是党风廉政建设深入推进。'],
    good: ['同志们：\n今天召开会议。\n六是思想教育形式不断丰富，增进了交流。\n七是党风廉政建设深入推进。', '同志们：\n今天召开会议。\n第一，坚持稳中求进\n要把握好工作节奏。\n第二，坚持守正创新\n要大胆探索。'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      const headingParas = new Set(s.allItems.filter((x) => x.marker.kind === 'heading' && x.mergedAt === undefined && !x.mergedWithoutSeparator).map((x) => x.paragraph));
      // A short enumeration line standing as a subheading (第一，坚持稳中求进) takes no full stop either.
      for (const x of s.allItems) if (isEnumSubheading(x.paragraph.text, x.marker)) headingParas.add(x.paragraph);
      s.paragraphs.forEach((p, i) => {
        if (i === s.paragraphs.length - 1 || p.role === 'salutation' || p.layout) return;
        if (headingParas.has(p) || ENDS_SENTENCE.test(p.text)) return;
        if (!isProse(p)) return;
        out.push({ start: p.end - 1, end: p.end, fix: [{ start: p.end, end: p.end, text: '。' }] });
      });
    }
    return out;
  },
};

/** A sentence, not a standalone line such as an unnumbered subheading or a name. */
function isProse(p: Paragraph): boolean {
  return p.text.length > 40 || /[，。；,;！？!?]/.test(p.text);
}

// The count announced at the end of the opening, in its many forms (domain §7): 下面，我讲三点
// 意见 / 讲三句话 / 再强调四点意见 / 提四点希望 / 重点抓好以下四项工作 / 从三个方面作简要汇报.
const COUNT = '([一二两三四五六七八九十]{1,2}|[2-9])';
const ANNOUNCE_SPEECH = new RegExp(`(?:(?:讲|谈|提|提出|强调|说|汇报|报告|抓好|做好|突出|把握|明确|部署|交流|谈谈|讲讲)(?:一下|以下|下面|如下|这)?${COUNT}(?:点|个方面|方面|个问题|条|项|句话|层意思)|从${COUNT}个?方面)`, 'g');
// `突出体现在四个方面：` / `再强调四点意见。一要…` followed right away by the members.
const ANNOUNCE_SECTION = new RegExp(`${COUNT.replace('一二', '二')}(?:个方面|方面|点|条|项|个字|句话|层意思)[^。；：:]{0,10}[：:。]`, 'g');

const RECAP = new RegExp(`以上(?:是我[^。，,]{0,12}?)?${COUNT}(?:点|个方面|方面|条|项|句话)`);

function countOf(raw: string): number | undefined {
  if (/^[0-9]$/.test(raw)) return Number(raw);
  return raw === '两' ? 2 : parseChineseNumber(raw);
}

export const announcedCount: RuleRecord = {
  id: 'announced-count',
  title: { zh: '预告的条数不符', en: 'Announced count does not match' },
  category: 'structure',
  severity: 'warning',
  description: { zh: '预告的条数与后文不符（“讲三点意见”后面只有两部分）', en: 'An announced count (讲三点意见) that the items following do not match' },
  message: {
    zh: (d) => `这里说“${d.phrase}”，后面实际有${d.actual}${d.unit}：请改正预告的数字或补齐内容。`,
    en: (d) => `This announces “${d.phrase}” but ${d.actual} item(s) follow: correct the number or the items.`,
  },
  docs: {
    rationale: {
      zh: '“下面，我讲三点意见”之后删掉或合并了一部分，预告的数字就对不上了，听众会一直等第三点。本规则核对开场白里的预告（“讲三点意见”“讲三句话”“提四点希望”“从三个方面作简要汇报”“重点抓好以下四项工作”“讲4点意见”）和条目之后的小结（“以上三点意见”）与一级条目数，以及“体现在四个方面：”“再强调四点意见。”与紧随其后的“一是……”“一要……”序列。“几点意见”不核对。',
      en: 'After 下面，我讲三点意见 a part gets deleted or merged and the count no longer matches; the audience waits for the third point. This rule compares an announcement in the opening (讲三点意见, 讲三句话, 提四点希望, 从三个方面作简要汇报, 重点抓好以下四项工作, 讲4点意见) and a recap after the items (以上三点意见) with the number of top-level items, and 体现在四个方面： or 再强调四点意见。 with the 一是…/一要… series right after it. 几点意见 is not checked.',
    },
    bad: [
      '在全市工作会议上的讲话\n同志们：\n下面，我讲三点意见。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！', '成绩突出体现在三个方面：一是稳，二是进。',
      '在全区工作会议上的讲话\n同志们：\n下面，我从三个方面作简要汇报。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！',
      '同志们：\n最后，我再强调四点意见。一要保安全，二要稳运行，三要抓落实。',
    ],
    good: [
      '在全市工作会议上的讲话\n同志们：\n下面，我讲两点意见。\n一、成绩\n内容。\n二、任务\n内容。\n谢谢大家！', '成绩突出体现在两个方面：一是稳，二是进。',
      '在开学典礼上的讲话\n同学们：\n新学期开始了，我给大家提三点希望。\n一是要立志。内容。\n二是要勤学。内容。\n三是要强身。内容。\n以上三点希望，与大家共勉。',
    ],
  },
  check(ctx) {
    const out: Finding[] = [];
    // An enumeration that goes on with the headings' numbers (一、 二、 then 第三，) counts as
    // parts: numbering-mixed reports its form, the count is right.
    const continuing = ctx.memo('numbering', () => computeNumbering(ctx.model)).filter((i) => i.kind === 'mixed' && i.variant === 'heading');
    let next = 0; // issues are in document order, like the speeches
    for (const s of ctx.model.speeches) {
      let parts = s.items.length;
      while (next < continuing.length && continuing[next].marker.start < s.start) next++;
      for (; next < continuing.length && continuing[next].marker.start <= s.end; next++) parts += 1 + (continuing[next].related?.length ?? 0);
      // Opening announcement → top-level items.
      const lastOpening = s.opening.slice(-2);
      const announced = new Set<number>();
      for (const p of lastOpening) {
        ANNOUNCE_SPEECH.lastIndex = 0;
        let m: RegExpExecArray | null;
        let found: RegExpExecArray | undefined;
        while ((m = ANNOUNCE_SPEECH.exec(p.text))) found = m;
        if (!found || parts === 0) continue;
        const n = countOf(found[1] ?? found[2]);
        const start = p.offsetOf(found.index);
        announced.add(p.offsetOf(found.index + found[0].length - 1));
        if (n !== undefined && n !== parts) {
          out.push({ start, end: p.offsetOf(found.index + found[0].length - 1) + 1, data: { phrase: found[0], actual: parts, unit: '个部分' } });
        }
      }
      // A recap after the items (以上四点意见, 以上是我提的5点建议) → the top-level items too.
      if (s.items.length >= 2) {
        const lastItem = s.items[s.items.length - 1].paragraph;
        for (const p of s.paragraphs.slice(s.paragraphs.indexOf(lastItem))) {
          const m = RECAP.exec(p.text);
          if (!m) continue;
          const n = countOf(m[1]);
          if (n !== undefined && n !== parts) {
            out.push({ start: p.offsetOf(m.index), end: p.offsetOf(m.index + m[0].length - 1) + 1, data: { phrase: m[0], actual: parts, unit: '个部分' } });
          }
        }
      }
      // Section announcement ending in a colon → the series right after it.
      for (const p of s.paragraphs) {
        ANNOUNCE_SECTION.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = ANNOUNCE_SECTION.exec(p.text))) {
          const n = countOf(m[1]);
          if (n === undefined) continue;
          // The opening's announcement is checked against the top-level items already.
          if ([...announced].some((o) => o >= p.offsetOf(m!.index) && o <= p.offsetOf(m!.index + m![0].length - 1))) continue;
          const after = p.offsetOf(m.index + m[0].length - 1) + 1;
          const actual = seriesAfter(s, p, after);
          if (actual !== undefined && actual !== n) {
            out.push({ start: p.offsetOf(m.index), end: after, data: { phrase: m[0].replace(/[：:。]$/, ''), actual, unit: '项' } });
          }
        }
      }
    }
    return out;
  },
};

/** Length of the enumeration series that starts right after `offset` (inline or leading). */
function seriesAfter(s: Speech, p: Paragraph, offset: number): number | undefined {
  const inline = p.inline.filter((m) => m.start >= offset);
  if (inline.length && inline[0].number === 1 && inline[0].start - offset <= 2) {
    let n = 1;
    for (let i = 1; i < inline.length && inline[i].style === inline[0].style && inline[i].number === n + 1; i++) n++;
    return n;
  }
  // The paragraph ends with the announcement: count the leading items that follow.
  if (offset < p.end - 1) return undefined;
  const next = s.paragraphs[s.paragraphs.indexOf(p) + 1];
  const item = next && s.allItems.find((x) => x.paragraph === next);
  if (!item || item.marker.number !== 1) return undefined;
  const siblings = item.parent ? item.parent.children : s.items;
  let n = 0;
  for (const x of siblings.slice(siblings.indexOf(item))) {
    if (x.marker.style !== item.marker.style || x.marker.level !== item.marker.level) break;
    n++;
  }
  return n;
}

export const structureRules: RuleRecord[] = [
  missingTitle, missingSalutation, missingOpening, missingBody, missingClosing,
  salutationMerged, headingMerged, brokenParagraph, missingEndPunctuation, announcedCount,
];
