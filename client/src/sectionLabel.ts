// A section's row in 讲稿结构. The heading came first and its length and time after it, in the
// row's description, and VS Code cuts a row's end to fit the view: with a long heading (and
// the side bar at its default width most are long) the figures were the part cut off. The
// figures now lead the row and the heading follows; a long heading loses its end, which the
// row's tooltip shows whole. No `vscode` import: the unit tests check it.
import { lengthOf, Locale } from './format';

/** `59字 · 18秒　一、充分肯定去年取得的成绩` (an ideographic space between figures and heading). */
export function sectionRowLabel(name: string, chars: number, minutes: number, locale: Locale): string {
  const heading = name.replace(/\s+/g, ' ').trim() || '…';
  if (!chars) return heading;
  return `${lengthOf(chars, minutes, locale)}${locale === 'en' ? '  ' : '\u3000'}${heading}`;
}
