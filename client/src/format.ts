// How lengths and speaking times read in the status bar and the structure view. No `vscode`
// import: the unit tests check these strings in both languages.
import { formatDuration, secondsOf } from '../../server/src/analysis/outline';
import type { SettingOriginInfo, StatsResponse } from '../../server/src/protocol';

export type Locale = 'zh' | 'en';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * `约32分钟` for a whole draft (a writer plans in minutes); seconds under a minute. Over a
 * target the rounding would hide by how much (约3分钟 against 目标3分钟 when it takes 3分25秒):
 * then minutes and seconds, never rounded down onto the target.
 */
export function draftTime(minutes: number, locale: Locale, targetMinutes = 0): string {
  const over = targetMinutes > 0 && minutes > targetMinutes;
  if (over) return (locale === 'en' ? '~' : '约') + formatDuration(minutes, locale, targetMinutes);
  if (minutes < 1) return formatDuration(minutes, locale);
  return locale === 'en' ? `~${Math.round(minutes)} min` : `约${Math.round(minutes)}分钟`;
}

/** How far over the target, in whole seconds and at least one (never “over by 0 s”). */
function overBy(minutes: number, targetMinutes: number): number {
  return Math.max(1, secondsOf(minutes, targetMinutes) - Math.round(targetMinutes * 60)) / 60;
}

/** `6,520字 · 32分36秒` */
export function lengthOf(chars: number, minutes: number, locale: Locale): string {
  return locale === 'en' ? `${count(chars)} chars · ${formatDuration(minutes, 'en')}` : `${count(chars)}字 · ${formatDuration(minutes, 'zh')}`;
}

/** `讲稿 6,520字 · 约32分钟 ｜ 选中 300字 · 1分30秒`, with a warning sign over the target. */
export function statusText(s: StatsResponse, locale: Locale): string {
  const en = locale === 'en';
  const target = s.overTarget ? s.targetMinutes : 0;
  let text = en ? `Speech ${count(s.chars)} chars · ${draftTime(s.minutes, locale, target)}` : `讲稿 ${count(s.chars)}字 · ${draftTime(s.minutes, locale, target)}`;
  if (s.overTarget) text = `$(warning) ${text}${en ? ` (target ${s.targetMinutes} min)` : `（目标${s.targetMinutes}分钟）`}`;
  if (s.selectionChars !== undefined) {
    const time = formatDuration(s.selectionMinutes ?? 0, locale);
    text += en ? ` | Selection ${count(s.selectionChars)} chars · ${time}` : ` ｜ 选中 ${count(s.selectionChars)}字 · ${time}`;
  }
  return text;
}

/**
 * Where a figure was set, as the server says (so a rate in .jianggao.json is not credited to
 * the editor setting): `（.jianggao.json）`, `（设置 jianggao.speakingRate）`, or the default
 * with where to change it.
 */
function source(from: SettingOriginInfo | undefined, key: 'speakingRate' | 'targetMinutes', locale: Locale): string {
  const en = locale === 'en';
  const setting = `\`jianggao.${key}\``;
  // A server that does not say: no claim either way.
  if (!from) return '';
  switch (from.kind) {
    case 'file': {
      const name = from.file.split(/[\\/]/).pop();
      return en ? ` (from \`${name}\`: ${from.file})` : `（来自 \`${name}\`：${from.file}）`;
    }
    case 'editor':
      return en ? ` (setting ${setting})` : `（设置 ${setting}）`;
    default:
      return en ? ` (default; set it in ${setting} or \`.jianggao.json\`)` : `（默认值，可在设置 ${setting} 或 \`.jianggao.json\` 中修改）`;
  }
}

/** The status bar tooltip (Markdown): both counts, the rate and the target, and where each was set. */
export function statusTooltip(s: StatsResponse, locale: Locale): string {
  const en = locale === 'en';
  const d = (m: number) => formatDuration(m, locale);
  const whole = formatDuration(s.minutes, locale, s.overTarget ? s.targetMinutes : 0);
  const lines = [en ? `**Draft** ${count(s.chars)} characters, about ${whole}` : `**全文** ${count(s.chars)} 字，约 ${whole}`];
  if (s.selectionChars !== undefined) {
    lines.push(en ? `**Selection** ${count(s.selectionChars)} characters, about ${d(s.selectionMinutes ?? 0)}` : `**选中** ${count(s.selectionChars)} 字，约 ${d(s.selectionMinutes ?? 0)}`);
  }
  lines.push(`${en ? `Speaking rate ${s.rate} characters a minute` : `语速 ${s.rate} 字/分钟`}${source(s.rateFrom, 'speakingRate', locale)}`);
  const target = source(s.targetFrom, 'targetMinutes', locale);
  if (s.targetMinutes <= 0) lines.push(en ? `No target duration${target}` : `未设目标时长${target}`);
  else if (s.overTarget) lines.push(en ? `Target ${s.targetMinutes} min${target}: **about ${d(overBy(s.minutes, s.targetMinutes))} over**` : `目标 ${s.targetMinutes} 分钟${target}，**超出约 ${d(overBy(s.minutes, s.targetMinutes))}**`);
  else lines.push(en ? `Target: within ${s.targetMinutes} min${target}` : `目标 ${s.targetMinutes} 分钟以内${target}`);
  lines.push(en ? 'Click to show the speech structure' : '点击查看讲稿结构');
  return lines.join('\n\n');
}
