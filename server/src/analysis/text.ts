// Lines, offsets and positions. Offsets are UTF-16 code units (JavaScript string indices),
// which is also what LSP positions count by default, so nothing ever converts between
// scalar values and code units.

export interface Line {
  /** 0-based line number. */
  index: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  /** The line's text without the line break (a leading BOM is kept out of it). */
  text: string;
}

/** Splits text into lines on \r\n, \n and a lone \r (old Mac files and some pastes). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  // A BOM is not content: the first line starts after it, offsets still count it.
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  let index = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ index: index++, start, end: i, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ index, start, end: text.length, text: text.slice(start) });
  return lines;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  character: number;
}

/**
 * Maps offsets to line/column positions by binary search over line starts. Positions are
 * what an LSP client computes: a leading BOM, kept out of the first line's text, still
 * counts as a column (vscode-languageserver-textdocument does the same).
 */
export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly lines: Line[]) {
    this.starts = lines.map((l, i) => (i === 0 ? 0 : l.start));
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  positionAt(offset: number): Position {
    const line = this.lineAt(offset);
    const l = this.lines[line];
    return { line, character: Math.max(0, Math.min(offset, l.end) - this.starts[line]) };
  }
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lines.length - 1));
    return Math.min(this.starts[line] + Math.max(0, position.character), this.lines[line].end);
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Moves an offset off the middle of a surrogate pair, so a range never splits a character,
 * and off the middle of a CRLF, which is one line break to every editor.
 */
export function snapOffset(text: string, offset: number, direction: 'back' | 'forward'): number {
  const o = Math.max(0, Math.min(offset, text.length));
  if (o > 0 && o < text.length) {
    const before = text.charCodeAt(o - 1);
    const at = text.charCodeAt(o);
    if ((isLowSurrogate(at) && isHighSurrogate(before)) || (before === 13 && at === 10)) {
      return direction === 'back' ? o - 1 : o + 1;
    }
  }
  return o;
}

/** Number of characters that are read aloud: Han characters, letters and digits. */
export function spokenLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        // An astral character (𠀀): rare, asked of the regular expression itself.
        if (SPOKEN.test(text.slice(i, i + 2))) n++;
        i++;
        continue;
      }
    }
    n += spokenUnit(c);
  }
  return n;
}
const SPOKEN = /[\p{Script=Han}\p{L}\p{N}]/u;
/**
 * Whether each BMP code unit is spoken: 1 or 0, -1 until first asked (the regular expression
 * per character made the outline of a 30,000-character draft take 10 ms; the answer per code
 * unit is the same every time).
 */
const SPOKEN_UNIT = new Int8Array(0x10000).fill(-1);
function spokenUnit(c: number): number {
  let v = SPOKEN_UNIT[c];
  if (v < 0) v = SPOKEN_UNIT[c] = SPOKEN.test(String.fromCharCode(c)) ? 1 : 0;
  return v;
}
