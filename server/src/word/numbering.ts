// Word's automatic numbering, rendered as the reader sees it: `word/numbering.xml` defines
// abstract lists (levels: start, numFmt, lvlText, lvlRestart, isLgl) and list instances
// (`w:num` → an abstract list, with `w:lvlOverride` / `w:startOverride`); a paragraph points
// at an instance and a level by `w:numPr`, directly or through its style. The marker text is
// never in the paragraph: a reader that drops it turns `一、充分肯定成绩` into `充分肯定成绩`.

import { XmlNode, attrOf, childOf, childrenNamed, childrenOf, localOf, toggleOf } from './xml';

export interface Level {
  start: number;
  format: string;
  /** `%1、`, `（%2）`; undefined: the level shows no number. */
  text?: string;
  /** One-based level whose use restarts this one; 0 never; undefined: any higher level. */
  restart?: number;
  /** Legal numbering: every `%n` in decimal. */
  legal: boolean;
  /** The paragraph style this level is linked to (`w:pStyle` in the level). */
  style?: string;
}

interface Instance {
  abstractId: string;
  /** Levels this instance redefines whole (`w:lvlOverride/w:lvl`). */
  levels: Map<number, Level>;
  /** `w:startOverride`: the count restarts here when the instance is first used. */
  startOverrides: Map<number, number>;
}

export interface StyleInfo {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
  /** Paragraph style id → its name (`heading 1`), for readers of the document's structure. */
  name?: string;
}

const int = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const n = parseInt(s, 10);
  return Number.isFinite(n) ? n : undefined;
};

function parseLevel(lvl: XmlNode): Level {
  const fmt = childOf(lvl, 'numFmt');
  const text = childOf(lvl, 'lvlText');
  const restart = childOf(lvl, 'lvlRestart');
  return {
    start: Math.max(0, int(attrOf(childOf(lvl, 'start') ?? {}, 'val')) ?? 1),
    format: (fmt && attrOf(fmt, 'val')) ?? 'decimal',
    text: text ? attrOf(text, 'val') ?? '' : undefined,
    restart: restart ? int(attrOf(restart, 'val')) : undefined,
    legal: toggleOf(lvl, 'isLgl') ?? false,
    style: attrOf(childOf(lvl, 'pStyle') ?? {}, 'val'),
  };
}

/** The numbering definitions of one document, and the running counters as paragraphs go by. */
export class Numbering {
  private abstracts = new Map<string, { levels: Map<number, Level>; styleLink?: string }>();
  private instances = new Map<string, Instance>();
  /** Counters per abstract list: instances of one abstract list continue one another in Word. */
  private counters = new Map<string, Array<number | undefined>>();
  private started = new Set<string>();

  constructor(numberingRoot: XmlNode | undefined, private readonly styles: Map<string, StyleInfo>) {
    if (!numberingRoot) return;
    for (const node of childrenOf(numberingRoot)) {
      const name = localOf(node);
      if (name === 'abstractNum') {
        const id = attrOf(node, 'abstractNumId');
        if (id === undefined) continue;
        const levels = new Map<number, Level>();
        for (const lvl of childrenNamed(node, 'lvl')) levels.set(int(attrOf(lvl, 'ilvl')) ?? 0, parseLevel(lvl));
        const link = childOf(node, 'numStyleLink');
        this.abstracts.set(id, { levels, styleLink: link && attrOf(link, 'val') });
      } else if (name === 'num') {
        const id = attrOf(node, 'numId');
        const abs = childOf(node, 'abstractNumId');
        if (id === undefined || !abs) continue;
        const inst: Instance = { abstractId: attrOf(abs, 'val') ?? '', levels: new Map(), startOverrides: new Map() };
        for (const o of childrenNamed(node, 'lvlOverride')) {
          const ilvl = int(attrOf(o, 'ilvl')) ?? 0;
          const so = childOf(o, 'startOverride');
          if (so) inst.startOverrides.set(ilvl, int(attrOf(so, 'val')) ?? 1);
          const lvl = childOf(o, 'lvl');
          if (lvl) inst.levels.set(ilvl, parseLevel(lvl));
        }
        this.instances.set(id, inst);
      }
    }
  }

  /** The abstract list an instance uses, through a numbering style link (`w:numStyleLink`) if any. */
  private abstractOf(inst: Instance): { id: string; levels: Map<number, Level> } | undefined {
    let id = inst.abstractId;
    for (let hops = 0; hops < 4; hops++) {
      const abs = this.abstracts.get(id);
      if (!abs) return undefined;
      if (!abs.styleLink) return { id, levels: abs.levels };
      const linkedNum = this.styles.get(abs.styleLink)?.numId;
      const linked = linkedNum !== undefined ? this.instances.get(linkedNum) : undefined;
      if (!linked) return { id, levels: abs.levels };
      id = linked.abstractId;
    }
    return undefined;
  }

  /** The level in a list that is linked to a paragraph style (`w:lvl/w:pStyle`). */
  levelOfStyle(numId: string, style: string): number | undefined {
    const inst = this.instances.get(numId);
    const abs = inst && this.abstractOf(inst);
    if (!abs) return undefined;
    for (const [ilvl, l] of abs.levels) if (l.style === style) return ilvl;
    return undefined;
  }

  /**
   * The marker of the next paragraph in list `numId` at level `ilvl`, with the counters moved
   * on; '' for a level that shows no number (or a bullet: not a numeral a speech counts).
   */
  next(numId: string, ilvl: number): string {
    const inst = this.instances.get(numId);
    if (!inst) return '';
    const abs = this.abstractOf(inst);
    if (!abs) return '';
    const levelAt = (l: number): Level | undefined => inst.levels.get(l) ?? abs.levels.get(l);
    const level = levelAt(ilvl);
    if (!level) return '';
    let counts = this.counters.get(abs.id);
    if (!counts) this.counters.set(abs.id, (counts = []));
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [l, v] of inst.startOverrides) counts[l] = v - 1;
    }
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl]! + 1;
    // Deeper levels restart (unless their lvlRestart says otherwise).
    for (let l = ilvl + 1; l < 9; l++) {
      const r = levelAt(l)?.restart;
      if (r === undefined || (r > 0 && ilvl + 1 <= r)) counts[l] = undefined;
    }
    if (level.format === 'bullet' || level.format === 'none' || level.text === undefined) return '';
    return level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const lv = levelAt(l);
      if (!lv) return '';
      const value = counts![l] ?? lv.start;
      return formatNumber(value, level.legal ? 'decimal' : lv.format);
    });
  }
}

// ---------------------------------------------------------------------------------------
// Number formats (ECMA-376 ST_NumberFormat), the ones Chinese drafts use and the common rest.

const DIGITS = '〇一二三四五六七八九';
const UPPER_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UPPER_DIGITS_TRAD = '零壹貳參肆伍陸柒捌玖';
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 1010 → 一千零一十. */
/** `legal`: financial numerals write the one of the tens (壹拾), counting drops it (十). */
function chineseCount(n: number, digits: string, units: [string, string, string, string], zero: string, legal = false): string {
  if (n === 0) return zero;
  if (n >= 10000) {
    const high = Math.floor(n / 10000);
    const low = n % 10000;
    return chineseCount(high, digits, units, zero, legal) + units[3] + (low === 0 ? '' : (low < 1000 ? zero : '') + chineseCount(low, digits, units, zero, legal));
  }
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  const unit = [units[2], units[1], units[0], ''];
  let s = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = parts[i];
    if (d === 0) {
      if (s) pendingZero = true;
      continue;
    }
    if (pendingZero) s += zero;
    pendingZero = false;
    // 十一, not 一十一, when the tens lead.
    s += i === 2 && !s && d === 1 && !legal ? unit[i] : digits[d] + unit[i];
  }
  return s;
}

function alpha(n: number, upper: boolean): string {
  if (n <= 0) return String(n);
  // Word repeats the letter: 27 → aa, 28 → bb.
  const letter = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  for (const [v, r] of table) while (n >= v) { s += r; n -= v; }
  return s;
}

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

function enclosed(n: number, first: number, count: number, fallback: string): string {
  return n >= 1 && n <= count ? String.fromCodePoint(first + n - 1) : fallback;
}

export function formatNumber(n: number, format: string): string {
  const lowerUnits: [string, string, string, string] = ['十', '百', '千', '万'];
  switch (format) {
    case 'decimal':
    case 'decimalHalfWidth':
      return String(n);
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return fullWidth(String(n));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      // ① … ⑳, then ㉑ … ㉟, ㊱ … ㊿
      return n <= 20 ? enclosed(n, 0x2460, 20, String(n)) : n <= 35 ? String.fromCodePoint(0x3251 + n - 21) : n <= 50 ? String.fromCodePoint(0x32b1 + n - 36) : String(n);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20, `${n}.`);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20, `(${n})`);
    case 'ideographEnclosedCircle':
      return enclosed(n, 0x3280, 10, String(n));
    case 'ideographParenthesized':
      return enclosed(n, 0x3220, 10, String(n));
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return chineseCount(n, DIGITS.replace('〇', '零'), lowerUnits, '零');
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).split('').map((d) => DIGITS[Number(d)]).join('');
    case 'chineseLegalSimplified':
      return chineseCount(n, UPPER_DIGITS, ['拾', '佰', '仟', '万'], '零', true);
    case 'ideographLegalTraditional':
    case 'japaneseLegal':
      return chineseCount(n, UPPER_DIGITS_TRAD, ['拾', '佰', '仟', '萬'], '零', true);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? STEMS[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? BRANCHES[n - 1] : String(n);
    case 'ideographZodiacTraditional': {
      if (n < 1 || n > 60) return String(n);
      return STEMS[(n - 1) % 10] + BRANCHES[(n - 1) % 12];
    }
    case 'upperLetter':
      return alpha(n, true);
    case 'lowerLetter':
      return alpha(n, false);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'ordinal':
      return `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
    case 'none':
      return '';
    default:
      return String(n);
  }
}
