// A section's row in 讲稿结构 shows its heading and, after it, its length and time. A long
// heading pushed the figures off the row (VS Code cuts the end of a row to fit the view), so
// the heading is shortened to a width that leaves room for them; the full heading is in the
// row's tooltip. No `vscode` import: the unit tests check it.

/** Display width: a Chinese character takes two columns, a Latin letter or digit one. */
function width(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
}

/** Twelve Chinese characters: with the figures (`1,234字 · 6分10秒`) this fits a default-width side bar. */
export const SECTION_LABEL_COLUMNS = 24;

export function sectionLabel(name: string, columns = SECTION_LABEL_COLUMNS): string {
  const text = name.replace(/\s+/g, ' ').trim();
  let used = 0;
  let out = '';
  for (const ch of text) {
    used += width(ch);
    if (used > columns) {
      // At a clause break when there is one late enough: 一、提高政治站位… rather than …增强责…
      const chars = [...out];
      let cut = chars.length;
      for (let i = chars.length - 1; i >= Math.ceil(chars.length * 0.6); i--) {
        if (/[，、；：,;:]/.test(chars[i])) {
          cut = i;
          break;
        }
      }
      return `${chars.slice(0, cut).join('').replace(/[，、；：,;: ]+$/, '')}…`;
    }
    out += ch;
  }
  return out;
}
