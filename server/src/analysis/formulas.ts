// The formulas real speeches are written with (domain §2, §7): how they address the audience
// (同志们：, 各位代表！, 尊敬的各位来宾，亲爱的同学们，大家好！), how a byline, a date line or a
// sign-off is written, and which words say what kind of text it is (a speech, a report, a
// written address). Pure string tests; the model decides where to apply them.

const SPACE_CHARS = /[ \t\u3000\u00a0]/;
const stripSpaces = (s: string) => s.replace(/[ \t\u3000\u00a0]+/g, '');

// ---------------------------------------------------------------------------------------
// Addresses and salutations

/** Nouns a piece of an address ends with (各位领导, 亲爱的同学们, 尊敬的市长先生, 在座的各位). */
const ADDRESSEE_END = /(?:们|代表|来宾|嘉宾|宾客|领导|同志|同事|同仁|同行|朋友|同学|学子|老师|家长|教授|校友|国王|主席|总统|总理|阁下|殿下|先生|女士|委员|参议员|专家|学者|企业家|客户|员工|战友|青年|校长|书记|市长|县长|省长|局长|部长|主任|院长|教官|各位)$/;
const ADDRESSEE_START = /^(?:尊敬的|亲爱的|敬爱的|各位|诸位|全体)/;
/** Words that only an address has (the colon form: the prefix must hold one). */
const ADDRESSEE_WORD = /同志们|同事们|同仁们|各位|诸位|女士们|先生们|朋友们|代表们|代表|来宾|嘉宾|领导|同学们|老师们|尊敬的|亲爱的|敬爱的|战友们|委员们|企业家们|家长们|青年们|们$/;
/** A verb or a function word that makes a piece a sentence (各级领导干部要…), not an address. */
const NOT_ADDRESS = /[要是把将对了让使被就都也还从向给请说讲看想做]|在(?!座)|为(?!首)/;

function isAddressPiece(piece: string): boolean {
  const p = stripSpaces(piece);
  if (p.length === 0 || p.length > 20) return false;
  if (!ADDRESSEE_END.test(p) && !ADDRESSEE_START.test(p)) return false;
  return !NOT_ADDRESS.test(p.replace(/^(?:尊敬的|亲爱的|敬爱的)/, ''));
}

/** A piece that can only be an address: 同志们, 各位代表, 尊敬的…, 女士们. */
function isStrongAddressPiece(piece: string): boolean {
  const p = stripSpaces(piece);
  return /们$|各位$/.test(p) || ADDRESSEE_START.test(p) || /^(?:同志|女士|先生)$/.test(p);
}

/** 大家好！ 早上好！ 各位下午好！ (not a bare 好). */
const GREETING = /^(?:(?:大家|各位|你们|您们|同学们|朋友们|老师们|同志们)[ \t\u3000]*(?:早上|上午|中午|下午|晚上|新年|新春|春节|节日)?|早上|上午|中午|下午|晚上|新年|新春)好[！!。.，,]?/;

/** A line that is a greeting alone (早上好！ 大家好！). */
export function isGreetingLine(s: string): boolean {
  const m = GREETING.exec(s);
  return !!m && m[0].length === s.length;
}

export interface SalutationMatch {
  /** Where the salutation (with its greeting, if any) ends in `s`. */
  prefixEnd: number;
  /** The text after it on the same line (empty when the salutation stands alone). */
  rest: string;
  /** The mark the address chain ends with: ： ！ or ，. */
  mark: string;
}

/**
 * An address at the start of `s`: a chain of addressees (各位领导、各位来宾，同志们) ended by
 * ：, ！ or ，, then possibly a greeting (大家好！). `rest` is the text after them: empty for a
 * salutation on its own line, the opening's first words when they run on (同志们，今天…).
 */
export function salutationMatch(s: string): SalutationMatch | undefined {
  if (s.length === 0 || /^[一二三四五六七八九十]+[是要、]|^第[一二三四五六七八九十]+[，,、]/.test(s)) return undefined;
  // Up to a colon the address may name anyone (…，运动员、教练员、裁判员同志们：), as long as it
  // names an addressee and holds no verb (各级领导干部要： is a sentence).
  const colon = /^([^。；;！!？?：:]{1,60}?)([：:])/.exec(s);
  if (colon && ADDRESSEE_WORD.test(colon[1]) && !NOT_ADDRESS.test(colon[1].replace(/尊敬的|亲爱的|敬爱的|各位|领导|代表|在座/g, ''))) {
    return afterAddress(s, colon[0].length, colon[2]);
  }
  return addressChain(s);
}

/** A chain of addressees only (同志们、朋友们！ 各位来宾、老师们、同学们，大家好！). */
function addressChain(s: string): SalutationMatch | undefined {
  const sep = /[、，,！!：:]/g;
  let pos = 0;
  let chainEnd = -1;
  let mark = '';
  let strong = false;
  for (let count = 0; pos < s.length && count < 10; count++) {
    sep.lastIndex = pos;
    const m = sep.exec(s);
    if (!m || m.index - pos > 24) break;
    const piece = s.slice(pos, m.index);
    if (!isAddressPiece(piece)) break;
    if (isStrongAddressPiece(piece)) strong = true;
    chainEnd = m.index + 1;
    mark = m[0];
    pos = chainEnd;
    while (pos < s.length && SPACE_CHARS.test(s[pos])) pos++;
    if (/[：:！!]/.test(mark)) break;
  }
  if (!strong || chainEnd < 0 || mark === '、') return undefined;
  return afterAddress(s, chainEnd, mark);
}

/** The greeting and the text that follow an address ending at `chainEnd`. */
function afterAddress(s: string, chainEnd: number, mark: string): SalutationMatch {
  let i = chainEnd;
  while (i < s.length && SPACE_CHARS.test(s[i])) i++;
  const greeting = GREETING.exec(s.slice(i));
  if (greeting) {
    const end = i + greeting[0].length;
    i = end;
    while (i < s.length && SPACE_CHARS.test(s[i])) i++;
    return { prefixEnd: end, rest: s.slice(i), mark };
  }
  return { prefixEnd: chainEnd, rest: s.slice(i), mark };
}

/** A line that is an address and nothing else (同志们、朋友们！ 各位代表：). */
export function isAddressLine(s: string): boolean {
  const m = salutationMatch(s);
  return !!m && m.rest.length === 0;
}

/** The opening words of a paragraph address the audience (同志们，… 青年朋友们！…). */
export function startsWithAddress(s: string): boolean {
  return !!addressChain(s);
}

// ---------------------------------------------------------------------------------------
// Bylines, dates, sign-offs

const POST = '(?:书记|副书记|市长|县长|区长|镇长|乡长|省长|州长|主席|副主席|校长|副校长|院长|局长|部长|厅长|处长|科长|主任|总理|总裁|总经理|经理|董事长|董事|委员|秘书长|会长|理事长|所长|厂长|常委|政委|司令员|教授|老师|负责人|代表|同志)';
const NAME = '[\\u4e00-\\u9fff·](?:[ \\t\\u3000]*[\\u4e00-\\u9fff·]){1,3}';
const POST_NAME = new RegExp(`^[^，。！？；：:,!?;]{0,30}${POST}[ \\t\\u3000]*${NAME}$`);
const NAME_COMRADE = new RegExp(`^${NAME}[ \\t\\u3000]*同志$`);
/** 致辞：张明（教师代表）, 主讲人：… */
const ROLE_BYLINE = /^(?:致辞|致词|讲话|发言|演讲|主讲|报告|讲话人|发言人|主讲人|报告人|作者)[ \t\u3000]*[:：][ \t\u3000]*\S.{0,30}$/;
/** 总经理：李华 */
const POST_COLON_NAME = new RegExp(`^[^，。！？；,!?;]{0,20}${POST}[ \\t\\u3000]*[:：][ \\t\\u3000]*${NAME}$`);

/** A name, or a post and a name: 张明, 李 小 华, 县委书记 张明, 市第一中学党委书记、校长 王华. */
export function isNameLine(s: string): boolean {
  if (s.length > 40 || /[。，！？；,!?;]/.test(s)) return false;
  if (isPostAndName(s)) return true;
  const bare = stripSpaces(s);
  return /^[\u4e00-\u9fff·]{2,4}$/.test(bare) && !/^(?:谢谢|再见|干杯|致敬)/.test(bare) && (bare.length <= 3 || bare !== s);
}

function isPostAndName(s: string): boolean {
  return POST_NAME.test(s) || NAME_COMRADE.test(s) || POST_COLON_NAME.test(s);
}

/** A byline that may stand above the title: 致辞：张明（…）, or a post and a name (not a bare name). */
export function isByline(s: string): boolean {
  if (s.length > 40 || /[。！？；!?;]/.test(s)) return false;
  return ROLE_BYLINE.test(s) || DOC_NUMBER.test(s) || (!/[，,]/.test(s) && isPostAndName(s));
}

const YEAR = '(?:[0-9０-９]{4}|[一二三四五六七八九〇○零]{4})';
const NUM = '[0-9０-９一二三四五六七八九十〇○]{1,3}';
const DATE = `(?:${YEAR}[ \\t\\u3000]*年[ \\t\\u3000]*${NUM}[ \\t\\u3000]*月(?:[ \\t\\u3000]*${NUM}[ \\t\\u3000]*日)?(?:[至到—\\-－~～][ \\t\\u3000]*${NUM}[ \\t\\u3000]*日)?|[0-9０-９]{4}[ \\t\\u3000]*[./／\\-－][ \\t\\u3000]*[0-9０-９]{1,2}(?:[ \\t\\u3000]*[./／\\-－][ \\t\\u3000]*[0-9０-９]{1,2})?)`;
/** 2012年3月9日, （2012年3月9日）, 2022/02/27, 2020.6.20, （2020年7月）, （2024年5月8日，南京）. */
export const DATE_LINE = new RegExp(`^[（(]?[ \\t\\u3000]*${DATE}[ \\t\\u3000]*(?:[，,、][ \\t\\u3000]*[\\u4e00-\\u9fff]{2,12}[ \\t\\u3000]*)?[）)]?$`);
/** （2024年3月8日） 张明 — a date and a name on one line. */
const DATE_NAME_LINE = new RegExp(`^[（(]?[ \\t\\u3000]*${DATE}[^（）()]{0,14}[）)]?[ \\t\\u3000]*[^\\s，。！？；：]{0,20}?${NAME}$`);
/** （根据录音整理）, （有删节）, （摘要）: a note on the text that stands under the title. */
const TEXT_NOTE = /^[（(][^（）()]{0,20}(?:整理|删节|摘要|节选|摘登|全文|提纲|记录稿|未经本人审阅)[^（）()]{0,10}[）)]$/;
/** A document number above or under the title: 市政办发〔2024〕12号, 电邮讲话【2024】003号. */
const DOC_NUMBER = /^[\u4e00-\u9fff\s]{0,20}[〔【\[［(（][12][0-9]{3}[〕】\]］)）][ \t\u3000]*(?:第)?[0-9０-９]{1,4}[ \t\u3000]*号$/;

export function isDateLine(s: string): boolean {
  return DATE_LINE.test(s);
}

/** A line under the title that is not yet the speech: a date, a date and a name, a note on the text. */
export function isMetaLine(s: string): boolean {
  return DATE_LINE.test(s) || DATE_NAME_LINE.test(s) || TEXT_NOTE.test(s) || DOC_NUMBER.test(s);
}

/** The year of a date line, if it has one written in Arabic digits. */
export function yearOfDateLine(s: string): number | undefined {
  const half = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /([12][0-9]{3})\s*(?:年|[./／\-－]\s*[0-9]{1,2})/.exec(half);
  return m ? Number(m[1]) : undefined;
}

const ORGANISATION = /(?:公司|集团|委员会|党委|政府|学校|大学|学院|中学|小学|医院|研究院|研究所|协会|学会|办公室|局|厅|部|中心|银行|人寿|工会|团委|妇联)$/;

/** A sign-off line after the closing: a name, a post and a name, an organisation, a date. */
export function isSignoffLine(s: string): boolean {
  if (s.length > 40 || /[。！？!?；;]/.test(s)) return false;
  if (isNameLine(s) || DATE_LINE.test(s) || DATE_NAME_LINE.test(s)) return true;
  const bare = stripSpaces(s);
  return bare.length <= 25 && ORGANISATION.test(bare) && !/[，,]/.test(s);
}

// ---------------------------------------------------------------------------------------
// Kinds of text

/** Words of a title block that say the text is something delivered or addressed. */
const GENRE = /讲话|致辞|致词|发言|演说|演讲|讲演|开幕词|闭幕词|主持词|祝酒词|欢迎词|答谢词|讲稿|提纲|报告|献词|贺词|寄语|贺信|致信|公开信|感谢信|倡议书|动员|宣讲|党课|讲座|讲课|(?:^|——|--|—|\s)致/;
/** A written address: read, not spoken to a hall (新年献词, 贺信, ——致…). */
const WRITTEN = /献词|贺词|贺信|致信|公开信|寄语|感谢信|倡议书|新年致辞|新春致辞|新年贺词|新年寄语|(?:^|——|--|—|\s)致(?![辞词])[^。！？]{1,40}$/;
/** A report to a congress or a meeting (政府工作报告, 党代会报告, 教代会工作报告). */
const REPORT_TITLE = /报告(?!会|团|厅)/;
const SPEECH_WORD = /讲话|致辞|致词|发言|演说|演讲|讲演/;
const REPORT_OPENING = /(?:向|对)[^。！？]{0,24}(?:大会|会议|全会|代表大会|教代会|职代会|人代会|党代会)[^。！？]{0,8}(?:作|报告)[^。！？]{0,12}(?:报告|工作)|请予审议|请[^。！？]{0,10}审议/;

export interface TitleBlock {
  /** The title's text, its subtitles, and the bylines and notes around it. */
  text: string;
  hasTitle: boolean;
  /** The first paragraphs of the speech (where a report says it is one). */
  opening: string;
}

/** Speaking notes (讲话提纲): headings and points, not the words of the speech. */
const OUTLINE_TITLE = /提纲/;

export type TextKind = 'speech' | 'report' | 'written' | 'outline';

export function textKind(block: TitleBlock): TextKind {
  // A spaced-out title (新 年 致 辞) says what it is once its spaces are gone.
  const b = { ...block, text: stripSpaces(block.text) };
  if (OUTLINE_TITLE.test(b.text)) return 'outline';
  if (REPORT_TITLE.test(b.text) && !SPEECH_WORD.test(b.text)) return 'report';
  if (REPORT_OPENING.test(b.opening.slice(0, 300))) return 'report';
  if (WRITTEN.test(b.text)) return 'written';
  return 'speech';
}

/** The title block names no genre at all: an article-like title (实干兴邦) over a published text. */
export function namesNoGenre(b: TitleBlock): boolean {
  return b.hasTitle && !GENRE.test(stripSpaces(b.text));
}
