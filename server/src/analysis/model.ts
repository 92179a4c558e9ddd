// The speech model: one parse of a draft that every feature reads (diagnostics, outline,
// folding, the CLI's outline, the client's structure view).
//
// A file holds one speech, or a collection split at `第N篇：` lines. Each speech has a title
// block, an optional 称呼, an opening, body items (GB/T 9704 headings and paragraph-leading
// enumerations, nested per parent) and a closing. Paragraphs are logical: a line that ends
// mid-sentence continues on the next (hard wraps, PDF pastes), and a numeral at the start
// of such a continuation is not a heading.

import { Line, LineIndex, splitLines } from './text';
import { Marker, HeadingLevel, EnumStyle, matchMarker, inlineEnumerations } from './markers';
import { StrayKind, strayLineKind, straySpans } from './artefacts';
import {
  SalutationMatch, TextKind, salutationMatch, isGreetingLine, isAddressLine, startsWithAddress,
  isNameLine, isByline, isMetaLine, isDateLine, isSignoffLine, textKind, namesNoGenre,
} from './formulas';

export { salutationMatch };

export type ParagraphRole = 'header' | 'title' | 'meta' | 'salutation' | 'opening' | 'body' | 'closing';

/** One physical line's share of a paragraph: document offsets of its trimmed content. */
export interface Segment {
  line: number;
  start: number;
  end: number;
}

export interface Paragraph {
  segments: Segment[];
  /** The segments' text joined without line breaks. */
  text: string;
  start: number;
  end: number;
  role: ParagraphRole;
  /** The marker the paragraph starts with, if any. */
  marker?: Marker;
  /** Enumeration members inside the paragraph (一是…二是… after 。；：). */
  inline: Marker[];
  /** Maps an index into `text` to a document offset. */
  offsetOf(i: number): number;
  /**
   * Lines kept apart on purpose: 'verse' (a toast or a closing laid out clause by clause,
   * …请大家举杯， / 为…， / 干杯！), 'lines' (a salutation over two lines). Not a broken paragraph.
   */
  layout?: 'verse' | 'lines';
}

export interface Item {
  marker: Marker;
  paragraph: Paragraph;
  /** The heading phrase or the enumeration's lead sentence, for the outline. */
  title: string;
  /** Where the heading phrase ends in the document. */
  titleEnd: number;
  /** A level-1 heading with body text after it on its line: where that text starts. */
  mergedAt?: number;
  /** A level-1 heading with body text after it, but no separator to split at. */
  mergedWithoutSeparator?: boolean;
  /** The heading stood inside the previous paragraph's line (`…。二、…`). */
  runIn?: boolean;
  parent?: Item;
  children: Item[];
  depth: number;
  /** The section: from the marker to the end of its last paragraph. */
  end: number;
  /** Paragraphs of the section, its own included. */
  paragraphs: Paragraph[];
}

export interface Speech {
  index: number;
  startLine: number;
  endLine: number;
  start: number;
  end: number;
  /** The `第N篇：` line of a collection. */
  header?: Paragraph;
  title?: { start: number; end: number; text: string; paragraphs: Paragraph[]; fromHeader: boolean };
  meta: Paragraph[];
  salutation?: { paragraph: Paragraph; start: number; end: number; text: string; merged: boolean };
  opening: Paragraph[];
  items: Item[];
  allItems: Item[];
  closing: Paragraph[];
  /** Name, post, organisation and date lines after the closing (a written address's sign-off). */
  signoff: Paragraph[];
  /** Prose paragraphs after the title block: salutation line, opening, body, closing. */
  paragraphs: Paragraph[];
  /** A speech, a report to a congress (政府工作报告), a written address (新年献词, 贺信), or speaking notes (讲话提纲). */
  kind: TextKind;
  /**
   * Whether a 称呼 is expected: not in a report or a written address, nor under a title that
   * names no spoken genre at all (实干兴邦, a text published in a 选集).
   */
  salutationExpected: boolean;
}

export interface StrayLine {
  line: number;
  start: number;
  end: number;
  kind: StrayKind;
  /** The whole line is stray (else only [start, end) of it, at its start or its end). */
  whole: boolean;
}

export interface CommentLine {
  line: number;
  text: string;
}

export interface DocumentModel {
  text: string;
  lines: Line[];
  lineIndex: LineIndex;
  speeches: Speech[];
  /** Every paragraph of every speech, in order. */
  paragraphs: Paragraph[];
  strays: StrayLine[];
  comments: CommentLine[];
}

// ---------------------------------------------------------------------------------------
// Line-level recognisers

const SPACE = /[ \t\u3000\u00a0]/;
/** Sentence-final (or clause-closing) marks: a line ending in one of these ends its unit. */
const TERMINAL = /[。！？；：…!?;:]$|[。！？!?][”’」』"')）]$|——$|\.{3}$/;
const COLLECTION = /^第[一二三四五六七八九十百零〇0-9０-９]+篇[：:]\s*/;
const SUBTITLE = /^(——|—|－－|--)/;
/** A line that opens with a mark no sentence starts with: the rest of the line before it. */
const LEADING_CONTINUATION = /^[，,、。；;：:！!？?）)》」』]/;
const COMMENT = /^<!--[\s\S]*-->$/;

/** Content span of a line: without surrounding spaces, Markdown heading marks and bold wrappers. */
function contentSpan(line: Line): { start: number; end: number } {
  const t = line.text;
  let s = 0;
  let e = t.length;
  while (s < e && SPACE.test(t[s])) s++;
  while (e > s && SPACE.test(t[e - 1])) e--;
  // Markdown: `## 一、…`, `> 同志们：`, `**一、…**`.
  const md = /^(#{1,6}[ \t]+|>[ \t]?)/.exec(t.slice(s, e));
  if (md) {
    s += md[0].length;
    while (s < e && SPACE.test(t[s])) s++;
  }
  if (t.startsWith('**', s) && t.endsWith('**', e) && e - s > 4) {
    s += 2;
    e -= 2;
  }
  return { start: line.start + s, end: line.start + e };
}

/** No quotation mark or bracket left open: a fragment cut by a line break usually has one. */
function pairsClosed(s: string): boolean {
  const count = (c: string) => s.split(c).length - 1;
  return count('“') === count('”') && count('《') === count('》') && count('（') === count('）') && count('‚') === count('‛') && count('„') === count('‟');
}

function isTerminated(s: string): boolean {
  return TERMINAL.test(s);
}

/** Length without spaces: a spaced-out title (弘 扬 精 神) is as long as its characters. */
function visibleLength(s: string, cap = Infinity): number {
  // Counting stops past `cap`: the callers only ask whether a line is short, and lines run to megabytes.
  if (s.length <= cap) return s.length - (s.match(/[ \t\u3000\u00a0]/g)?.length ?? 0);
  let n = 0;
  for (let i = 0; i < s.length && n <= cap; i++) if (!SPACE.test(s[i])) n++;
  return n;
}

function isTitleLike(s: string): boolean {
  if (s.length < 2 || visibleLength(s, 60) > 60) return false;
  if (/[。！？!?；;：:，,]$/.test(s)) return false;
  if (/[。！？!?]/.test(s)) return false;
  if (matchMarker(s, 0, false)) return false;
  if (isMetaLine(s)) return false;
  if (salutationMatch(s)) return false;
  return true;
}

/** A main title that ends in ！ or ？ (奋斗正当时！) is a title when a subtitle follows it. */
function isExclaimedTitle(s: string, next: string): boolean {
  return /[！!？?]$/.test(s) && visibleLength(s, 40) <= 40 && !/[。；;]/.test(s) && !salutationMatch(s) && SUBTITLE.test(next);
}

const ADDRESS_START = /^(?:尊敬的|亲爱的|敬爱的|各位|同志们|同事们|朋友们|女士们|先生们|同学们|老师们|代表们|来宾们|青年朋友们|共青团员们)/;

/**
 * A title line with the salutation run onto its end by a crawler (…上的讲话（2024年5月8日）
 * 张明 同志们，朋友们：): where the salutation starts, or undefined.
 */
function salutationAfterTitle(s: string): number | undefined {
  const genre = /(?:讲话|致辞|致词|发言|贺词|献词|报告)(?:[（(][^（）()]{0,30}[）)])?/.exec(s);
  if (!genre || genre.index > 80) return undefined;
  const from = genre.index + genre[0].length;
  for (let p = from; p < Math.min(s.length, from + 30); p++) {
    if (!ADDRESS_START.test(s.slice(p, p + 6))) continue;
    const m = salutationMatch(s.slice(p));
    if (m && m.rest.length === 0 && /[：:]/.test(m.mark)) return p;
    return undefined;
  }
  return undefined;
}

function isSignatureLike(s: string): boolean {
  // A name or a post and a name: short, no sentence punctuation.
  return s.length <= 25 && !/[。，,！!？?；;：:]/.test(s) && !matchMarker(s, 0, false);
}

/**
 * A short enumeration line with no sentence in it, standing as a subheading: 第一，坚持稳中求进
 * (a 第一， line may hold a comma, as a heading phrase does); 一是坚持稳中求进 (no comma).
 */
export function isEnumSubheading(s: string, m: Marker): boolean {
  if (m.kind !== 'enum' || visibleLength(s, 30) > 30 || /[。！？!?；;]/.test(s) || /[，、,]$/.test(s)) return false;
  return m.style === 'di' || !/[，、,]/.test(s.slice(m.end - m.start));
}

/** A second (or third) line of a theme title: title-like, and not a name, a date or a subtitle. */
function isTitleContinuation(s: string): boolean {
  return isTitleLike(s) && !isNameLine(s) && !SUBTITLE.test(s);
}

/** What may stand right under a title: a subtitle, a byline, a date, the salutation. */
function followsTitle(s: string): boolean {
  return SUBTITLE.test(s) || isNameLine(s) || isByline(s) || isMetaLine(s) || !!salutationMatch(s);
}

// Closing formulas (domain §2, §7): a strong signal anywhere in the last paragraphs, a weak
// one only in the very last paragraph. Calls (让我们…, …而努力奋斗！), slogans (…万岁！),
// thanks and modesty formulas (谢谢大家！, 不当之处，请批评指正), wishes (祝…新年快乐！, 致以…
// 祝贺！), a toast (干杯！), a summing-up (总之，…), a last 最后，… that is no series member.
const CLOSING_STRONG = /让我们|预祝|谢谢|祝愿|祝大家|祝各位|祝你们|祝同学们|祝老师们|衷心祝|致以[^。！]{0,12}(?:问候|祝贺|敬意|祝福|感谢)|宣布[^。]{0,30}(闭幕|结束)|圆满成功|就讲(这些|到这里|这么多)|讲这么多|干杯|万岁|不当之处|批评指正|敬请指正|再次(?:表示)?(?:衷心的?)?感谢|祝(?!贺)[^。！？]{0,30}(?:快乐|健康|顺利|幸福|吉祥|如意|进步|成功|圆满)|我提议|(?:请|让我们)(?:大家|各位)?[^。！]{0,6}举杯/;
const CLOSING_START = /^(?:最后|总之|总而言之|综上所述|总的来说|一句话)[，,：:]?/;
const CLOSING_WEAK = /更大的?贡献|新的贡献|献礼|而努力奋斗|而不懈奋斗|而奋斗|新篇章|新辉煌|再创辉煌|新的更大|共同努力|携手并进|新的成绩|新的胜利|以上(?:几点)?意见|请[^。]{0,10}认真(?:抓好)?贯彻落实|相信[^。！]{0,40}(?:一定|必将|必定|定能|定会)/;
/** A rallying last sentence (…继续奋勇前进！, …使大家团结起来。): looked for in the last sentence only. */
const CLOSING_LAST_SENTENCE = /大家(?:一起|一道|共同)?努力|一起努力|携手|共创|更大的?胜利|胜利前进|奋勇前进|继续前进|勇往直前|前进的步伐|团结起来|共同创造|美好(?:的)?未来|美好明天|更加美好|谱写|书写|新征程|再立新功|建功立业|不懈奋斗|努力奋斗|一定(?:能够?|会|要)[^。！]{0,20}[！!]|必将[^。！]{0,30}[！!]|(?:我们|大家)[^。！？]*[！!]$/;
/** Text after a heading phrase and a run of spaces: `一、加强领导 各级党委要…`. */
const MERGED_AFTER_SPACE = /^[ \t\u3000]*[^ \t\u3000]{2,}[ \t\u3000]+[^ \t\u3000]/;
/** A closing quotation mark or bracket before any opening one, early in the line. */
const CLOSES_FIRST = /^[^“‘「『（(《【‚„]{0,30}[”’」』）)》】‛‟]/;
const RUN_IN_HEADING = /[。！？!?]["”’]?[ \t\u3000]*([一二三四五六七八九十⼀⼆⼋⼗]{1,3}、[^。！？!?；;]{1,40})$/;

// ---------------------------------------------------------------------------------------

type LineKind = 'blank' | 'comment' | 'header' | 'stray' | 'text';

interface LineInfo {
  kind: LineKind;
  start: number;
  end: number;
  content: string;
  strayKind?: StrayKind;
}

/** What may follow a caption run into the head of a line: the salutation or the title. */
const startsSpeech = (rest: string) => !!salutationMatch(rest) || /^在[^。！？]{2,60}(?:讲话|致辞|致词|发言|贺词)/.test(rest);

export function parseDocument(text: string): DocumentModel {
  const lines = splitLines(text);
  const strays: StrayLine[] = [];
  const comments: CommentLine[] = [];
  const infos: LineInfo[] = lines.map((line, i) => {
    const span = contentSpan(line);
    let content = text.slice(span.start, span.end);
    let kind: LineKind = 'text';
    let strayKind: StrayKind | undefined;
    if (content.length === 0) kind = 'blank';
    else if (COMMENT.test(content)) kind = 'comment';
    else if (COLLECTION.test(content)) kind = 'header';
    else if ((strayKind = strayLineKind(content))) kind = 'stray';
    if (kind === 'stray') strays.push({ line: i, start: span.start, end: span.end, kind: strayKind!, whole: true });
    else if (kind === 'comment') comments.push({ line: i, text: content });
    else if (kind === 'text') {
      // Artefacts run into the line's head or tail: the line's content is what is left.
      const spans = straySpans(content, startsSpeech);
      if (spans.length) {
        let from = 0;
        let to = content.length;
        for (const sp of spans) {
          strays.push({ line: i, start: span.start + sp.start, end: span.start + sp.end, kind: sp.kind, whole: false });
          if (sp.start === from) from = sp.end;
          else to = Math.min(to, sp.start);
        }
        while (from < to && SPACE.test(content[from])) from++;
        while (to > from && SPACE.test(content[to - 1])) to--;
        const start = span.start + from;
        const end = span.start + to;
        content = text.slice(start, end);
        return { kind: content.length ? kind : 'stray', start, end, content };
      }
    }
    return { kind, start: span.start, end: span.end, content, strayKind };
  });

  // Split into speeches at collection headers.
  const bounds: Array<[number, number]> = [];
  const headerLines = infos.map((x, i) => (x.kind === 'header' ? i : -1)).filter((i) => i >= 0);
  if (headerLines.length === 0) {
    bounds.push([0, lines.length - 1]);
  } else {
    // Text before the first header is a speech of its own only if it holds real prose.
    const preamble = infos.slice(0, headerLines[0]).filter((x) => x.kind === 'text');
    if (preamble.some((x) => x.content.length > 100)) bounds.push([0, headerLines[0] - 1]);
    headerLines.forEach((h, k) => bounds.push([h, (headerLines[k + 1] ?? lines.length) - 1]));
  }

  const speeches = bounds.map(([from, to], index) => new SpeechParser(text, infos, from, to, index).parse());
  return {
    text,
    lines,
    lineIndex: new LineIndex(lines),
    speeches,
    paragraphs: speeches.flatMap((s) => [...(s.header ? [s.header] : []), ...(s.title?.fromHeader ? [] : s.title?.paragraphs ?? []), ...s.meta, ...s.paragraphs]),
    strays,
    comments,
  };
}

function makeParagraph(text: string, segments: Segment[], role: ParagraphRole): Paragraph {
  const joined = segments.map((s) => text.slice(s.start, s.end)).join('');
  const cumulative: number[] = [];
  let acc = 0;
  for (const s of segments) {
    cumulative.push(acc);
    acc += s.end - s.start;
  }
  const offsetOf = (i: number): number => {
    if (segments.length === 1) return segments[0].start + i;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cumulative[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return Math.min(segments[lo].start + (i - cumulative[lo]), segments[lo].end);
  };
  const p: Paragraph = {
    segments, text: joined, start: segments[0].start, end: segments[segments.length - 1].end,
    role, inline: [], offsetOf,
  };
  return p;
}

/** Splits a paragraph at a document offset; both halves keep exact offsets. */
function splitParagraph(text: string, p: Paragraph, at: number): [Paragraph, Paragraph] {
  const before: Segment[] = [];
  const after: Segment[] = [];
  for (const s of p.segments) {
    if (s.end <= at) before.push(s);
    else if (s.start >= at) after.push(s);
    else {
      before.push({ line: s.line, start: s.start, end: at });
      after.push({ line: s.line, start: at, end: s.end });
    }
  }
  // Trailing spaces before the split point are not part of the first half.
  const last = before[before.length - 1];
  while (last && last.end > last.start && SPACE.test(text[last.end - 1])) last.end--;
  return [makeParagraph(text, before, p.role), makeParagraph(text, after, p.role)];
}

/** Per-speech numbering state used while parsing: the last number seen per marker kind. */
class SequenceState {
  private last = new Map<string, number>();
  static key(m: Marker): string {
    return m.kind === 'heading' ? `h${m.level}` : `e:${m.style}`;
  }
  /** Whether a marker continues what came before (the next number of its kind). */
  fits(m: Marker): boolean {
    const prev = this.last.get(SequenceState.key(m)) ?? 0;
    if (m.style === 'order' && m.number === 0) return prev >= 1;
    return m.number === prev + 1;
  }
  expected(key: string): number {
    return (this.last.get(key) ?? 0) + 1;
  }
  see(m: Marker): void {
    const key = SequenceState.key(m);
    if (m.kind === 'heading') {
      // A heading opens a new section: deeper levels and enumerations start again.
      for (const k of [...this.last.keys()]) {
        if (k.startsWith('e:') || (k.startsWith('h') && Number(k.slice(1)) > (m.level ?? 0))) this.last.delete(k);
      }
    }
    if (m.style === 'order' && m.number === 0) return;
    this.last.set(key, m.number);
  }
}

class SpeechParser {
  private readonly state = new SequenceState();
  /** The draft separates paragraphs with blank lines (Markdown posts). */
  private blankSeparated = false;
  constructor(
    private readonly text: string,
    private readonly infos: LineInfo[],
    private readonly from: number,
    private readonly to: number,
    private readonly index: number,
  ) {}

  parse(): Speech {
    const { text, infos } = this;
    const textLines: number[] = [];
    for (let i = this.from; i <= this.to; i++) if (infos[i].kind === 'text' || infos[i].kind === 'header') textLines.push(i);
    const lastLine = textLines.length ? textLines[textLines.length - 1] : this.from;
    const speech: Speech = {
      index: this.index,
      startLine: this.from,
      endLine: this.to,
      start: infos[this.from].start,
      end: infos[lastLine].end,
      meta: [],
      opening: [],
      items: [],
      allItems: [],
      closing: [],
      signoff: [],
      paragraphs: [],
      kind: 'speech',
      salutationExpected: true,
    };
    const single = (i: number, role: ParagraphRole, start = infos[i].start, end = infos[i].end) =>
      makeParagraph(text, [{ line: i, start, end }], role);
    const content = (k: number) => (k < textLines.length ? infos[textLines[k]].content : '');
    this.blankSeparated = this.paragraphsSeparatedByBlanks(textLines);

    let k = 0; // index into textLines
    // 1. Collection header, title block, signature and date lines.
    let headerTitle = '';
    if (k < textLines.length && infos[textLines[k]].kind === 'header') {
      const h = textLines[k++];
      speech.header = single(h, 'header');
      const m = COLLECTION.exec(infos[h].content)!;
      headerTitle = infos[h].content.slice(m[0].length);
      if (headerTitle && isTitleLike(headerTitle)) {
        const next = content(k);
        // The title is repeated on the next line (speeches 1-4 of the seed), or the header
        // line is the only place it stands (speech 5).
        const repeated = next && isTitleLike(next) && (next.includes(headerTitle) || headerTitle.includes(next) || /讲话|致辞|发言|开幕词|闭幕词|报告|提纲/.test(next));
        if (!repeated) {
          const start = infos[h].start + m[0].length;
          speech.title = { start, end: infos[h].end, text: headerTitle, paragraphs: [speech.header], fromHeader: true };
        }
      }
    }
    // A byline above the title (致辞：张明（…）), or a post and a name where the title is missing.
    // (A post and a name is never the title, whatever follows it; a bare name is none when a
    // date or the salutation comes right after it.)
    while (!speech.title && k < textLines.length && speech.meta.length < 2 && !salutationMatch(content(k))) {
      const c = content(k);
      const next = content(k + 1);
      if (!isByline(c) && !(isNameLine(c) && (isMetaLine(next) || !!salutationMatch(next)))) break;
      speech.meta.push(single(textLines[k++], 'meta'));
    }
    let salutationAt: { line: number; at: number } | undefined;
    if (!speech.title && k < textLines.length) {
      const first = content(k);
      const titleParas: Paragraph[] = [];
      const salAt = isTitleLike(first) ? undefined : salutationAfterTitle(first);
      if (isTitleLike(first) || isExclaimedTitle(first, content(k + 1))) {
        titleParas.push(single(textLines[k++], 'title'));
        // A theme title over two or three lines (坚持稳中求进 / 推动高质量发展 / 奋力谱写新篇章),
        // when what follows the lines is what follows a title.
        let j = k;
        while (j < textLines.length && j - k < 2 && isTitleContinuation(content(j))) j++;
        if (j > k && j < textLines.length && followsTitle(content(j))) {
          while (k < j) titleParas.push(single(textLines[k++], 'title'));
        }
        // A double title: the theme line, then `——在…上的讲话`.
        while (k < textLines.length && SUBTITLE.test(content(k)) && titleParas.length < 4) {
          titleParas.push(single(textLines[k++], 'title'));
        }
      } else if (salAt !== undefined) {
        // Title, date, name and salutation on one line (a crawled news page).
        const i = textLines[k];
        let end = infos[i].start + salAt;
        while (end > infos[i].start && SPACE.test(text[end - 1])) end--;
        titleParas.push(single(i, 'title', infos[i].start, end));
        salutationAt = { line: i, at: infos[i].start + salAt };
        k++;
      }
      if (titleParas.length) {
        speech.title = {
          start: titleParas[0].start,
          end: titleParas[titleParas.length - 1].end,
          text: titleParas.map((p) => p.text).join(' '),
          paragraphs: titleParas,
          fromHeader: false,
        };
      }
    }
    if (!salutationAt) {
      // Signature and date lines right under the title (or where it is missing; at most four), then a subtitle
      // that comes after the name (`——在…上的讲话` under a theme line and a name).
      while (k < textLines.length && speech.meta.length < 4) {
        const c = content(k);
        const next = content(k + 1);
        if (isMetaLine(c) || SUBTITLE.test(c)) speech.meta.push(single(textLines[k++], 'meta'));
        else if ((isNameLine(c) || isByline(c) || isSignatureLike(c)) && !salutationMatch(c) && (!!salutationMatch(next) || isMetaLine(next) || isSignatureLike(next) || isNameLine(next))) {
          speech.meta.push(single(textLines[k++], 'meta'));
        } else break;
      }
    }

    // 2. The salutation: its own line (or two: 尊敬的各位领导、各位来宾， / 亲爱的同学们：), the
    //    tail of the title line, or merged with the opening's first sentence.
    let salutationLine = -1;
    if (salutationAt) {
      const i = salutationAt.line;
      const sm = salutationMatch(text.slice(salutationAt.at, infos[i].end))!;
      speech.salutation = {
        paragraph: single(i, 'salutation', salutationAt.at, infos[i].end),
        start: salutationAt.at, end: salutationAt.at + sm.prefixEnd, text: text.slice(salutationAt.at, salutationAt.at + sm.prefixEnd), merged: false,
      };
    } else if (k < textLines.length) {
      let sm: SalutationMatch | undefined = salutationMatch(content(k));
      if (sm) {
        const segments: Segment[] = [];
        const first = textLines[k];
        // An address that goes on on the next line (…各位来宾， / 亲爱的同学们：).
        if (sm.rest.length === 0 && /[，,]/.test(sm.mark) && k + 1 < textLines.length) {
          const next = salutationMatch(content(k + 1));
          if (next && (next.rest.length === 0 || /[：:]/.test(next.mark))) {
            segments.push({ line: first, start: infos[first].start, end: infos[first].end });
            k++;
            sm = next;
          }
        }
        const i = textLines[k];
        salutationLine = i;
        const end = infos[i].start + sm.prefixEnd;
        const merged = sm.rest.length > 0;
        segments.push({ line: i, start: infos[i].start, end: merged ? end : infos[i].end });
        if (!merged) {
          k++;
          // A greeting on the next line (同学们： / 早上好！) belongs to the salutation.
          if (k < textLines.length && isGreetingLine(content(k)) && sm.prefixEnd === infos[i].end - infos[i].start && !/好[！!。.，,]?$/.test(infos[i].content)) {
            const g = textLines[k++];
            segments.push({ line: g, start: infos[g].start, end: infos[g].end });
          }
        }
        const paragraph = makeParagraph(text, segments, 'salutation');
        if (segments.length > 1) paragraph.layout = 'lines';
        speech.salutation = {
          paragraph,
          start: segments[0].start,
          end: merged ? end : segments[segments.length - 1].end,
          text: paragraph.text.replace(/[ \t\u3000]+$/, ''),
          merged,
        };
      }
    }

    // 3. Logical paragraphs of the rest.
    const paragraphs = this.buildParagraphs(textLines.slice(k), salutationLine);
    if (speech.salutation?.merged && paragraphs.length) speech.salutation.paragraph = paragraphs[0];
    if (speech.salutation && !speech.salutation.merged) speech.paragraphs.push(speech.salutation.paragraph);

    // 4. Body items (with headings run into a previous paragraph split out), opening, closing.
    const prose = this.buildItems(paragraphs, speech);
    // A sign-off after the closing: names, posts, organisations, a date.
    while (prose.length > 1 && speech.signoff.length < 4) {
      const last = prose[prose.length - 1];
      if (last.marker || last.segments.length > 1 || !isSignoffLine(last.text)) break;
      last.role = 'meta';
      speech.signoff.unshift(prose.pop()!);
    }
    this.assignRoles(prose, speech);
    for (const p of prose) speech.paragraphs.push(p); // (a spread would overflow the stack on huge drafts)
    const block = {
      text: [speech.title?.text ?? '', ...speech.meta.map((m) => m.text)].join(' '),
      hasTitle: !!speech.title,
      opening: (speech.opening.length ? speech.opening : prose.slice(0, 2)).slice(0, 2).map((p) => p.text).join(''),
    };
    speech.kind = textKind(block);
    speech.salutationExpected = speech.kind === 'speech' && !namesNoGenre(block);
    return speech;
  }

  /** Most pairs of text lines have a blank line between them: a line break alone is then no paragraph end. */
  private paragraphsSeparatedByBlanks(lines: number[]): boolean {
    let separated = 0;
    let adjacent = 0;
    for (let n = 1; n < lines.length; n++) {
      if (this.blankBetween(lines[n - 1], lines[n])) separated++;
      else adjacent++;
    }
    return separated >= 5 && separated >= 3 * adjacent;
  }

  /** Joins physical lines into logical paragraphs. */
  private buildParagraphs(lines: number[], salutationLine: number): Paragraph[] {
    const { text, infos, state } = this;
    const out: Paragraph[] = [];
    let current: Segment[] = [];
    let verse = false;
    let prevLine = -1;
    const flush = () => {
      if (current.length) {
        const p = makeParagraph(text, current, 'body');
        if (verse) p.layout = 'verse';
        out.push(p);
      }
      current = [];
      verse = false;
    };
    for (const i of lines) {
      let start = infos[i].start;
      if (i === salutationLine) {
        // The merged salutation's opening text starts after the colon.
        const sm = salutationMatch(infos[i].content)!;
        start = infos[i].start + sm.prefixEnd;
        while (start < infos[i].end && SPACE.test(text[start])) start++;
      }
      const content = text.slice(start, infos[i].end);
      const marker = matchMarker(content, start, false);
      // Blank lines between two lines end a paragraph; comments and stray lines do not.
      const adjacent = prevLine >= 0 && !this.blankBetween(prevLine, i);
      if (current.length && adjacent && this.continues(infos[prevLine].content, content, marker, current.length)) {
        current.push({ line: i, start, end: infos[i].end });
        // A short line that ends at a comma, with the sentence going on below: laid out clause
        // by clause on purpose (a toast, a closing), not cut by the page width.
        if (/[，,]$/.test(infos[prevLine].content) && visibleLength(infos[prevLine].content, 20) <= 20) verse = true;
      } else {
        flush();
        current.push({ line: i, start, end: infos[i].end });
        if (marker) state.see(marker);
      }
      for (const m of inlineEnumerations(content, (j) => start + j)) state.see(m);
      prevLine = i;
    }
    flush();
    return out;
  }

  private blankBetween(a: number, b: number): boolean {
    for (let i = a + 1; i < b; i++) if (this.infos[i].kind === 'blank' || this.infos[i].kind === 'header') return true;
    return false;
  }

  /** Does `line` continue `prev`, i.e. did a hard line break cut a sentence? */
  private continues(prev: string, line: string, marker: Marker | undefined, linesSoFar: number): boolean {
    const prevIsContinuation = linesSoFar > 1;
    if (isTerminated(prev)) return false;
    // The rest of a broken sentence is prose even when it looks like a heading (`五、和谐…`).
    const prevMarker = prevIsContinuation ? undefined : matchMarker(prev, 0, false);
    // A short heading line (一、… without a sentence in it) ends without punctuation by design,
    // unless body text was merged onto it after a space: that text may be cut by a wrap.
    if (prevMarker?.kind === 'heading' && prev.length <= 60 && !/[。！？!?；;]/.test(prev) && !MERGED_AFTER_SPACE.test(prev.slice(prevMarker.end - prevMarker.start))) return false;
    // So does a short enumeration line used as a subheading (第一，坚持稳中求进).
    if (prevMarker && isEnumSubheading(prev, prevMarker)) return false;
    // A short line with no sentence in it stands alone: an unnumbered subheading (坚定信心，
    // 真抓实干), a name. A hard-wrapped line is as long as the page is wide (25+ characters).
    // Not a line that ends at a comma (the sentence goes on), nor in a draft whose paragraphs
    // are separated by blank lines (there a line break alone is no paragraph end).
    // A line opening with ， or ） is the rest of the line before it (a line split at a link).
    if (LEADING_CONTINUATION.test(line)) return true;
    const short = visibleLength(prev, 24) <= 24;
    // (A line ending in 的 or 和 is no subheading: the sentence goes on.)
    if (!prevMarker && !prevIsContinuation && short && !/[。；！？!?;]/.test(prev) && !/[，、,的和与及或并把被将对向从在给让使]$/.test(prev) && pairsClosed(prev) && !this.blankSeparated) return false;
    // Lines laid out clause by clause make a toast or a closing, a few lines long: a long run of
    // short comma-ended lines is a list of separate lines instead.
    if (short && /[，,]$/.test(prev) && linesSoFar >= 12) return false;
    // A line opening with a marker starts a new unit, unless the break visibly cut a word: a
    // number split (建功十一 / 五、和谐…) or a quotation closed before it was opened. (Whether
    // the marker's number fits must not decide: renumbering would then change the paragraphs.)
    if (marker && !/[一二三四五六七八九十〇零百千0-9０-９]$/.test(prev) && !CLOSES_FIRST.test(line)) return false;
    // An address starts a new paragraph (同志们，… / 青年朋友们！).
    if (startsWithAddress(line)) return false;
    // `…改革。三、加强领导` — a heading run onto the end of this line: the next line is its text.
    const runIn = RUN_IN_HEADING.exec(prev);
    if (runIn) {
      const m = matchMarker(runIn[1], 0, false);
      if (m?.kind === 'heading' && m.level === 1 && this.state.fits(m)) return false;
    }
    return true;
  }

  /** Recognises items and builds the tree; returns the prose paragraphs (after run-in splits). */
  private buildItems(paragraphs: Paragraph[], speech: Speech): Paragraph[] {
    const { text } = this;
    const out: Paragraph[] = [];
    const state = new SequenceState();
    const stack: Item[] = [];
    // Paragraphs in order; a heading split out of a paragraph is handled next (no shift():
    // it is linear in the array and made this quadratic on long drafts).
    let next = 0;
    let pending: Paragraph | undefined;
    while (pending || next < paragraphs.length) {
      let p: Paragraph;
      if (pending) {
        p = pending;
        pending = undefined;
      } else p = paragraphs[next++];
      p.marker = matchMarker(p.text, p.start, false);
      if (p.marker) state.see(p.marker);
      // A heading run into this paragraph (`…落到实处。二、加强领导`): split it out when its
      // number is exactly the next one the section expects, so prose like 一、二季度 never is.
      const runIn = this.findRunInHeading(p, state);
      if (runIn !== undefined) {
        const [before, after] = splitParagraph(text, p, runIn);
        pending = after;
        (after as Paragraph & { runIn?: boolean }).runIn = true;
        // A run-in heading whose own text holds the next run-in heading stays a run-in heading.
        if ((p as Paragraph & { runIn?: boolean }).runIn) (before as Paragraph & { runIn?: boolean }).runIn = true;
        p = before;
        p.marker = matchMarker(p.text, p.start, false);
      }
      p.inline = inlineEnumerations(p.text, p.offsetOf);
      out.push(p);
      const m = p.marker;
      if (!m) continue;
      state.see(m);
      const item: Item = {
        marker: m, paragraph: p, title: '', titleEnd: p.end, children: [], depth: 0, end: p.end, paragraphs: [p],
        runIn: (p as Paragraph & { runIn?: boolean }).runIn,
      };
      this.describeItem(item);
      if (m.kind === 'heading') {
        while (stack.length && (stack[stack.length - 1].marker.kind === 'enum' || (stack[stack.length - 1].marker.level ?? 0) >= m.level!)) stack.pop();
      } else {
        const top = stack[stack.length - 1];
        if (top?.marker.kind === 'enum') {
          if (top.marker.style === m.style) stack.pop();
          else if (m.number === 1 && m.style !== 'order' && m.style !== 'aspect') {
            // A new series of another style under an enumeration item: nested (第一，… 一是…).
          } else {
            const ancestor = stack.findIndex((x) => x.marker.kind === 'enum' && x.marker.style === m.style);
            if (ancestor >= 0) stack.length = ancestor;
            else stack.pop();
          }
        }
      }
      const parent = stack[stack.length - 1];
      item.parent = parent;
      item.depth = parent ? parent.depth + 1 : 0;
      (parent ? parent.children : speech.items).push(item);
      speech.allItems.push(item);
      stack.push(item);
    }
    this.demoteLoneOrderItems(speech);
    return out;
  }

  private findRunInHeading(p: Paragraph, state: SequenceState): number | undefined {
    const t = p.text;
    // Only level 1 and level 2 headings can be told apart from inline lists this way.
    const re = /[。！？!?]["”’]?[ \t\u3000]*(?=[（(]?[一二三四五六七八九十⼀⼆⼋⼗]{1,3}[、）)])/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t))) {
      const at = m.index + m[0].length;
      const marker = matchMarker(t.slice(at, at + 12), 0, false);
      if (!marker || marker.kind !== 'heading' || (marker.level !== 1 && marker.level !== 2)) continue;
      const key = `h${marker.level}`;
      // Level 2 counts only where a level-2 sequence is already running.
      if (marker.level === 2 && state.expected(key) === 1) continue;
      if (marker.level === 1 && state.expected('h1') === 1 && marker.number === 1 && p.marker) continue;
      if (marker.number === state.expected(key)) return p.offsetOf(at);
    }
    return undefined;
  }

  /** Fills in an item's outline title and, for level-1 headings, whether body text follows. */
  private describeItem(item: Item): void {
    const p = item.paragraph;
    const m = item.marker;
    const seg = p.segments[0];
    const lineText = this.text.slice(seg.start, seg.end);
    const afterMarker = m.end - seg.start;
    if (m.kind === 'heading') {
      let i = afterMarker;
      while (i < lineText.length && SPACE.test(lineText[i])) i++;
      const bodyStart = i;
      let end = lineText.length;
      let mergedAt: number | undefined;
      let atFullStop = false;
      for (; i < lineText.length; i++) {
        const c = lineText[i];
        if (SPACE.test(c) && i - bodyStart >= 2) {
          let j = i;
          while (j < lineText.length && SPACE.test(lineText[j])) j++;
          if (j < lineText.length) {
            end = i;
            mergedAt = seg.start + j;
          }
          break;
        }
        if (/[。！？!?]/.test(c)) {
          end = i + 1;
          atFullStop = true;
          let j = i + 1;
          while (j < lineText.length && /[”’"'\s\u3000]/.test(lineText[j])) j++;
          if (j < lineText.length) mergedAt = seg.start + j;
          if (lineText[i + 1] === '”') end++;
          break;
        }
      }
      item.titleEnd = seg.start + end;
      // The outline shows the heading phrase without a closing full stop.
      item.title = lineText.slice(0, end).replace(/[。．.]$/, '');
      if (m.level === 1) {
        // A "heading" of more than 60 characters before its first full stop is not a heading
        // phrase: the text merged without a separator, and there is no safe place to split.
        // Nor a sentence of three clauses and more (一、优化营商环境近年来，我市…，…，
        // …，…。): the heading phrase ended somewhere before the first full stop.
        const clauses = (lineText.slice(bodyStart, end).match(/[，,]/g) ?? []).length;
        if (mergedAt !== undefined && (end - bodyStart > 60 || (atFullStop && clauses >= 2 && end - bodyStart > 30))) {
          item.mergedWithoutSeparator = true;
          item.titleEnd = seg.start + afterMarker + 30;
          item.title = shorten(lineText, 30);
        } else if (mergedAt !== undefined) item.mergedAt = mergedAt;
        else if (end - bodyStart > 60 || p.segments.length > 1) {
          item.mergedWithoutSeparator = end - bodyStart > 60;
          item.title = shorten(lineText, 30);
        }
      } else if (item.title.length > 40) {
        item.title = shorten(item.title, 30);
      }
    } else {
      // Enumeration: its lead sentence (一是创先争优活动扎实开展。).
      const m2 = /^[^。！？!?；;：:]{1,40}[。！？!?；;]?/.exec(p.text);
      item.title = m2 ? m2[0] : shorten(p.text, 30);
      item.titleEnd = p.offsetOf(item.title.length - 1) + 1;
    }
  }

  /**
   * `首先，我代表…` in an opening is not a series: order/aspect items need a second member, and
   * 首先 (the thanks of an opening) with 最后 (the wish of a closing) alone is no series either:
   * an order series has two members among 首先/其次/再次.
   */
  private demoteLoneOrderItems(speech: Speech): void {
    const lone = (siblings: Item[]) => {
      const count = new Map<string, number>();
      for (const y of siblings) {
        if (!y.marker.style || (y.marker.style === 'order' && y.marker.number === 0)) continue;
        count.set(y.marker.style, (count.get(y.marker.style) ?? 0) + 1);
      }
      return siblings.filter((x) => (x.marker.style === 'order' || x.marker.style === 'aspect') && (count.get(x.marker.style) ?? 0) < 2);
    };
    const visit = (siblings: Item[], parent?: Item): Item[] => {
      const drop = new Set(lone(siblings));
      const kept: Item[] = [];
      for (const x of siblings) {
        x.children = visit(x.children, x);
        if (drop.has(x)) {
          // Not an item, but still a member of an inline series (首先…。其次…。).
          x.paragraph.marker = undefined;
          x.paragraph.inline.unshift({ ...x.marker, inline: true });
          // Its children (rare) move up to the parent.
          for (const c of x.children) {
            c.parent = parent;
            kept.push(c);
          }
        } else kept.push(x);
      }
      return kept;
    };
    speech.items = visit(speech.items);
    const all: Item[] = [];
    const walk = (xs: Item[], depth: number) => xs.forEach((x) => { x.depth = depth; all.push(x); walk(x.children, depth + 1); });
    walk(speech.items, 0);
    all.sort((a, b) => a.marker.start - b.marker.start);
    speech.allItems = all;
  }

  /** Opening, body and closing; each item's section extent. */
  private assignRoles(prose: Paragraph[], speech: Speech): void {
    const itemParas = new Set(speech.allItems.map((x) => x.paragraph));
    const firstItem = prose.findIndex((p) => itemParas.has(p));
    let lastItem = -1;
    prose.forEach((p, i) => { if (itemParas.has(p)) lastItem = i; });

    // Closing: trailing paragraphs after the last item's own paragraph. It is looked for in
    // the last three paragraphs, or more when they are short (a closing laid out line by line).
    let closingFrom = prose.length;
    const minIndex = Math.max(lastItem + 1, firstItem < 0 ? 1 : 0);
    let windowFrom = prose.length;
    for (let chars = 0; windowFrom > minIndex && (prose.length - windowFrom < 3 || chars + prose[windowFrom - 1].text.length <= 240); ) {
      windowFrom--;
      chars += prose[windowFrom].text.length;
      if (prose.length - windowFrom >= 8) break;
    }
    // A closing formula in the window, or a closing cue in the last sentence; the closing then
    // begins at an address before it (同志们！ / 青年朋友们，…). An address earlier in the window
    // is no closing by itself (real speeches address the hall between their parts too): after
    // it, a last paragraph that ends in ！ closes the speech; so does a last paragraph that
    // opens with the address (同志们，…).
    let cueAt = -1;
    for (let i = windowFrom; i < prose.length; i++) {
      const t = prose[i].text;
      // 最后，… closes the speech, unless it announces more points (最后，再提三点要求：一要…).
      if (CLOSING_STRONG.test(t) || (CLOSING_START.test(t) && !prose[i].inline.some((m) => m.start > prose[i].start))) {
        cueAt = i;
        break;
      }
    }
    const addressAt = (before: number) => {
      for (let i = windowFrom; i < before; i++) if (startsWithAddress(prose[i].text)) return i;
      return -1;
    };
    if (cueAt < 0 && prose.length - 1 >= minIndex) {
      const lastP = prose[prose.length - 1];
      const body = lastP.text.replace(/[。！？!?…]+[”’」』]?$/, '');
      const lastSentence = body.slice(Math.max(body.lastIndexOf('。'), body.lastIndexOf('！'), body.lastIndexOf('？'), body.lastIndexOf('；')) + 1) + lastP.text.slice(body.length);
      if (CLOSING_WEAK.test(lastP.text) || CLOSING_LAST_SENTENCE.test(lastSentence)) cueAt = prose.length - 1;
      else if (/[！!][”’」』]?$/.test(lastP.text) && addressAt(prose.length) >= 0) cueAt = prose.length - 1;
      // The last paragraph opening with an address (同志们，…) is the closing itself.
      else if (startsWithAddress(lastP.text) && !isAddressLine(lastP.text)) cueAt = prose.length - 1;
    }
    if (cueAt >= 0) {
      const address = addressAt(cueAt);
      closingFrom = address >= 0 ? address : cueAt;
    }
    // 最后，预祝大会圆满成功！ closing an 首先/其次 series is the closing, not an item.
    if (closingFrom === prose.length && lastItem === prose.length - 1) {
      const last = speech.allItems[speech.allItems.length - 1];
      if (last && last.marker.style === 'order' && last.marker.number === 0 && last.children.length === 0 && CLOSING_STRONG.test(last.paragraph.text)) {
        closingFrom = prose.length - 1;
        this.removeItem(speech, last);
      }
    }
    const openingEnd = firstItem < 0 ? Math.min(1, closingFrom) : firstItem;
    prose.forEach((p, i) => {
      p.role = i < openingEnd ? 'opening' : i >= closingFrom ? 'closing' : 'body';
    });
    if (speech.salutation?.merged && prose[0] && !itemParas.has(prose[0])) prose[0].role = 'opening';
    speech.opening = prose.slice(0, openingEnd);
    speech.closing = prose.slice(closingFrom);

    // Section extents: an item runs until the next item at its depth or above.
    const items = speech.allItems;
    const paraIndex = new Map(prose.map((p, i) => [p, i]));
    items.forEach((item, n) => {
      const from = paraIndex.get(item.paragraph) ?? 0;
      let until = closingFrom;
      for (let j = n + 1; j < items.length; j++) {
        if (items[j].depth <= item.depth) {
          until = paraIndex.get(items[j].paragraph) ?? until;
          break;
        }
      }
      item.paragraphs = prose.slice(from, Math.max(from + 1, until));
      item.end = item.paragraphs[item.paragraphs.length - 1].end;
    });
  }

  private removeItem(speech: Speech, item: Item): void {
    const siblings = item.parent ? item.parent.children : speech.items;
    siblings.splice(siblings.indexOf(item), 1);
    speech.allItems.splice(speech.allItems.indexOf(item), 1);
    item.paragraph.marker = undefined;
  }
}

const CEREMONIAL = /致辞|贺词|欢迎词|答谢词|祝酒词|开幕词|闭幕词|主持词|贺信|致信/;

/** A ceremonial address (致辞, 开幕词…): its body may be plain paragraphs, with no numbering. */
export function isCeremonial(s: Speech): boolean {
  return !!s.title && CEREMONIAL.test(s.title.text);
}

/**
 * Whether the speech has its body: two or more top-level items; or, in a speech with no
 * numbering at all, at least two paragraphs between the opening and the closing (many short
 * speeches and 致辞 are written that way). A lone numbered item means numbering was lost.
 */
export function hasBody(s: Speech): boolean {
  if (s.items.length >= 2) return true;
  if (s.items.length === 1) return false;
  const body = s.paragraphs.filter((p) => p.role === 'body').length;
  return body >= 2 || (isCeremonial(s) && body + s.opening.length >= 1);
}

function shorten(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length <= n ? s : chars.slice(0, n).join('') + '…';
}

export type { Marker, HeadingLevel, EnumStyle };
