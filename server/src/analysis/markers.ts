// Numbering markers: the GB/T 9704 heading ladder 一、/（一）/1./（1）/① (with 第一部分 above it
// in reports) and the speech enumerations 一是/一要/第一，/首先/一方面. Recognition is tolerant (half-width brackets,
// full-width digits, Kangxi radicals from PDFs, stray spaces) so that a slightly wrong marker
// is still seen as a marker and can be reported and fixed, instead of being read as prose.

/** 0 is 第一部分, the part of a report or a long speech above its 一、 headings. */
export type HeadingLevel = 0 | 1 | 2 | 3 | 4 | 5;
export type EnumStyle = 'shi' | 'yao' | 'di' | 'order' | 'aspect';

export interface Marker {
  kind: 'heading' | 'enum';
  /** GB level for headings. */
  level?: HeadingLevel;
  /** Enumeration style. */
  style?: EnumStyle;
  /** 1-based number. `最后` gets 0: it closes a series whatever its length. */
  number: number;
  /** Offsets of the whole marker (numeral and its punctuation/brackets) in the document. */
  start: number;
  end: number;
  /** Offsets of the numeral alone: renumbering replaces only this. */
  numeralStart: number;
  numeralEnd: number;
  raw: string;
  /** The marker written correctly (same number, same level). */
  canonical: string;
  /** What is wrong with the marker's form, if anything. */
  formProblem?: 'punctuation' | 'brackets' | 'digits' | 'kangxi' | 'comma';
  /** Inside a paragraph (after 。；：) rather than at its start. */
  inline: boolean;
}

/** Kangxi radicals that PDF text extraction produces for numerals. */
export const KANGXI_NUMERALS: Record<string, string> = {
  '\u2F00': '一', // ⼀
  '\u2F06': '二', // ⼆
  '\u2F0B': '八', // ⼋
  '\u2F17': '十', // ⼗
};

const CN_DIGITS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 一 → 1, 十二 → 12, 二十三 → 23; undefined for anything else (up to 99). */
export function parseChineseNumber(raw: string): number | undefined {
  let s = '';
  for (const ch of raw) s += KANGXI_NUMERALS[ch] ?? ch;
  if (s.length === 0 || s.length > 3) return undefined;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? CN_DIGITS[s] : undefined;
  const tensPart = s.slice(0, ten);
  const onesPart = s.slice(ten + 1);
  const tens = tensPart === '' ? 1 : CN_DIGITS[tensPart];
  const ones = onesPart === '' ? 0 : CN_DIGITS[onesPart];
  if (tens === undefined || ones === undefined || tensPart.length > 1 || onesPart.length > 1) return undefined;
  return tens * 10 + ones;
}

export function toChineseNumber(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n] || '〇';
  if (n < 20) return '十' + d[n - 10];
  if (n < 100) return d[Math.floor(n / 10)] + '十' + d[n % 10];
  return String(n);
}

const toHalfwidthDigits = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

export function markerText(level: HeadingLevel | undefined, style: EnumStyle | undefined, n: number): string {
  const cn = toChineseNumber(n);
  if (level === 0) return '第' + cn + '部分';
  if (level === 1) return cn + '、';
  if (level === 2) return '（' + cn + '）';
  if (level === 3) return n + '.';
  if (level === 4) return '（' + n + '）';
  if (level === 5) return CIRCLED[n - 1] ?? `(${n})`;
  if (style === 'shi') return cn + '是';
  if (style === 'yao') return cn + '要';
  if (style === 'di') return '第' + cn + '，';
  return '';
}

const CN = '[一二三四五六七八九十⼀⼆⼋⼗]';
const CN_NUM = `${CN}{1,3}`;
const DIG = '[0-9０-９]';

// Level 1: 一、 (right); 一. 一． 一， 一, and 一<space> are recognised as level 1 with wrong
// punctuation (一<space> is the older ladder of 选集 and reports: numbering.ts accepts it when a
// document uses it throughout). `三、四月份` and `一、二季度` are dates, not headings: a numeral
// and 月/季/、 after the mark rule the line out (after a space they do not: 一 三月五日的讲话).
// A doubled mark (（一）、，) belongs to the marker: the fix replaces both at once.
const L1 = new RegExp(`^(${CN_NUM})([ \\t　]*)([、，,.．]+|[ \\t　]+)`);
const DATE_AFTER_MARK = new RegExp(`^${CN}{1,3}[月季、]`);
/** 第一部分 on a short line of its own (第一部分　总体要求, 第二部分：…). */
const L0 = new RegExp(`^第(${CN_NUM})部分(?=$|[ \\t　：:、，,])`);
const L2 = new RegExp(`^([（(])[ \\t　]*(${CN_NUM})[ \\t　]*([）)])([、，,.．]+)?`);
const L3 = new RegExp(`^(${DIG}{1,2})([.．、，,]+)(?!${DIG})`);
const L4 = new RegExp(`^([（(])[ \\t　]*(${DIG}{1,2})[ \\t　]*([）)])([、，,.．]+)?`);
const L5 = /^([①-⑳])([、，,.．]+)?/;
// 三要素, 一要点 are nouns, not 一要/二要 enumerations.
const YAO = new RegExp(`^(${CN_NUM})要(?![素点件务求害职冲道地领诀旨义])`);
const SHI = new RegExp(`^(${CN_NUM})是(?!否|非|一[，,])`);
const DI = new RegExp(`^第(${CN_NUM})([，,、：:])`);
// 首先，… and also 首先我要感谢… / 其次是… (domain §7: cues without a comma). 再次 without a
// comma is "again" (再次感谢), 最后 before 一/的 is "the last" (最后一公里).
const ORDER = /^(?:(首先|其次)(?![的])|(再次)(?=[，,：:])|(最后)(?=[，,：:]|我|请|祝|希望|要|是|还|让|向|再))/;
const ASPECT = /^(另一方面|一方面)(?=[，,]?)/;

/**
 * Recognises a marker at `offset` in `text` (the document), reading `s` = text from offset.
 * `inline` tells whether it stands inside a paragraph (then only enumerations count).
 */
export function matchMarker(s: string, offset: number, inline: boolean): Marker | undefined {
  if (!inline) {
    let m = L0.exec(s);
    if (m && s.length <= 40 && !/[。；;！!？?]/.test(s)) {
      const n = parseChineseNumber(m[1]);
      if (n !== undefined) {
        return {
          kind: 'heading', level: 0, number: n, start: offset, end: offset + m[0].length,
          numeralStart: offset + 1, numeralEnd: offset + 1 + m[1].length, raw: m[0],
          canonical: markerText(0, undefined, n), inline: false,
        };
      }
    }
    m = L1.exec(s);
    if (m && !(/[、，,.．]/.test(m[3]) && DATE_AFTER_MARK.test(s.slice(m[0].length)))) {
      const n = parseChineseNumber(m[1]);
      if (n !== undefined) {
        const punct = m[3];
        const kangxi = /[⼀⼆⼋⼗]/.test(m[1]);
        // A space alone after the numeral is a heading only on a short line (a title phrase).
        if (/^[ \t　]+$/.test(punct) && (s.length > 40 || /[。；]/.test(s))) return undefined;
        return heading(1, n, m, offset, 0, m[1].length, kangxi ? 'kangxi' : punct !== '、' || m[2] ? 'punctuation' : undefined);
      }
    }
    m = L2.exec(s);
    if (m) {
      const n = parseChineseNumber(m[2]);
      if (n !== undefined) {
        const numeralStart = m[0].indexOf(m[2]);
        const problem = /[⼀⼆⼋⼗]/.test(m[2]) ? 'kangxi' : m[1] !== '（' || m[3] !== '）' ? 'brackets' : m[4] ? 'punctuation' : undefined;
        return heading(2, n, m, offset, numeralStart, numeralStart + m[2].length, problem, true);
      }
    }
    m = L4.exec(s);
    if (m) {
      const n = Number(toHalfwidthDigits(m[2]));
      const numeralStart = m[0].indexOf(m[2]);
      const problem = m[1] !== '（' || m[3] !== '）' ? 'brackets' : /[０-９]/.test(m[2]) ? 'digits' : m[4] ? 'punctuation' : undefined;
      return heading(4, n, m, offset, numeralStart, numeralStart + m[2].length, problem, true);
    }
    m = L3.exec(s);
    if (m) {
      const n = Number(toHalfwidthDigits(m[1]));
      if (/^[.．]+$/.test(m[2]) && m[2].length > 1) return undefined; // 1… is not a marker
      const problem = /[０-９]/.test(m[1]) ? 'digits' : m[2] !== '.' ? 'punctuation' : undefined;
      if (n > 0) return heading(3, n, m, offset, 0, m[1].length, problem);
    }
    m = L5.exec(s);
    if (m) {
      const n = CIRCLED.indexOf(m[1]) + 1;
      return heading(5, n, m, offset, 0, 1, m[2] ? 'punctuation' : undefined);
    }
  }
  return matchEnumeration(s, offset, inline);
}

function heading(
  level: HeadingLevel, n: number, m: RegExpExecArray, offset: number,
  numeralStart: number, numeralEnd: number, formProblem: Marker['formProblem'], trimTrailing = false,
): Marker {
  let raw = m[0];
  // Trailing spaces after a bracketed marker are tolerated, not part of the marker.
  if (trimTrailing) raw = raw.replace(/[ \t　]+$/, '');
  if (level === 1) raw = raw.replace(/[ \t　]+$/, (sp) => (/[、，,.．]/.test(raw) ? '' : sp.slice(0, 1)));
  return {
    kind: 'heading', level, number: n, start: offset, end: offset + raw.length,
    numeralStart: offset + numeralStart, numeralEnd: offset + numeralEnd, raw,
    canonical: markerText(level, undefined, n), formProblem, inline: false,
  };
}

function matchEnumeration(s: string, offset: number, inline: boolean): Marker | undefined {
  let m = SHI.exec(s) ?? YAO.exec(s);
  if (m) {
    const n = parseChineseNumber(m[1]);
    if (n === undefined) return undefined;
    const style: EnumStyle = s[m[1].length] === '是' ? 'shi' : 'yao';
    // 一是一，二是二 is an idiom, not a series (一要一抓到底 is a series).
    if (style === 'shi' && s.startsWith(m[1], m[0].length) && /^[，,、。；;]|^$/.test(s.slice(m[0].length + m[1].length, m[0].length + m[1].length + 1))) return undefined;
    return {
      kind: 'enum', style, number: n, start: offset, end: offset + m[0].length,
      numeralStart: offset, numeralEnd: offset + m[1].length, raw: m[0],
      canonical: markerText(undefined, style, n),
      formProblem: /[⼀⼆⼋⼗]/.test(m[1]) ? 'kangxi' : undefined, inline,
    };
  }
  m = DI.exec(s);
  if (m) {
    const n = parseChineseNumber(m[1]);
    if (n === undefined) return undefined;
    return {
      kind: 'enum', style: 'di', number: n, start: offset, end: offset + m[0].length,
      numeralStart: offset + 1, numeralEnd: offset + 1 + m[1].length, raw: m[0],
      canonical: '第' + toChineseNumber(n) + (m[2] === ',' ? ',' : '，'),
      // 第一、 is wrong (GB/T 15834 B.3.7); a half-width comma is halfwidth-punctuation's business.
      // 第一： before a list is common and not wrong; only 第一、 is (B.3.7).
      formProblem: m[2] === '、' ? 'comma' : /[⼀⼆⼋⼗]/.test(m[1]) ? 'kangxi' : undefined,
      inline,
    };
  }
  m = ORDER.exec(s);
  if (m) {
    const word = m[1] ?? m[2] ?? m[3];
    const n = { 首先: 1, 其次: 2, 再次: 3, 最后: 0 }[word] ?? 0;
    return {
      kind: 'enum', style: 'order', number: n, start: offset, end: offset + word.length,
      numeralStart: offset, numeralEnd: offset + word.length, raw: word, canonical: word, inline,
    };
  }
  m = ASPECT.exec(s);
  if (m && !inline) {
    const n = m[1] === '一方面' ? 1 : 2;
    return {
      kind: 'enum', style: 'aspect', number: n, start: offset, end: offset + m[1].length,
      numeralStart: offset, numeralEnd: offset + m[1].length, raw: m[1], canonical: m[1], inline,
    };
  }
  return undefined;
}

/** Characters after which an inline enumeration may start (half-width too: pasted text). */
export const INLINE_BOUNDARY = /[。；：！？;:!?]/;

/**
 * Inline enumeration members of a paragraph: 一是/二是, 一要/二要, 第一，/第二，, 首先/其次.
 * `text` is the paragraph's joined text; `offsetOf` maps a text index to a document offset.
 */
export function inlineEnumerations(text: string, offsetOf: (i: number) => number): Marker[] {
  const out: Marker[] = [];
  const re = /[。；：！？;:!?，,][”"’]?[ \t　]*(?=[一二三四五六七八九十⼀⼆⼋⼗第首其再最])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index + m[0].length;
    const boundary = m[0][0];
    const marker = matchEnumeration(text.slice(at, at + 8), offsetOf(at), true);
    if (!marker) continue;
    // After a comma only the explicit series (一是, 一要, 第一) count; 首先/最后 after a comma is prose.
    if ((boundary === '，' || boundary === ',') && (marker.style === 'order' || marker.style === 'aspect')) continue;
    // A member cut by a hard line break (二|要) is still a member; its numeral must be whole.
    const numeralLength = marker.numeralEnd - marker.numeralStart;
    const numeralAt = at + (marker.numeralStart - marker.start);
    if (offsetOf(numeralAt + numeralLength - 1) !== marker.numeralEnd - 1) continue;
    marker.end = offsetOf(at + marker.raw.length - 1) + 1;
    out.push(marker);
  }
  return out;
}
