// Figures of a section for the hover and the CodeLens: its characters and speaking time, its
// share of the speech and (with a target duration) of the target, and its findings.

import { Diagnostic, Locale } from '../analysis';
import { formatDuration, minutesOf, OutlineNode } from '../analysis/outline';
import { Structure } from './snapshot';

export interface SectionFigures {
  chars: number;
  minutes: number;
  /** Characters of the speech the section belongs to. */
  speechChars: number;
  targetMinutes: number;
  /** Findings inside the section, when the findings of this version are known. */
  problems?: number;
}

/** The body's top-level headings (一、二、…) of each speech, the sections a writer budgets. */
export function levelOneSections(outline: OutlineNode[]): OutlineNode[] {
  const speeches = outline.length > 0 && outline.every((n) => n.kind === 'speech') ? outline.map((n) => n.children) : [outline];
  return speeches.flatMap((nodes) => nodes.filter((n) => n.kind === 'heading'));
}

/** The outline node (at any depth) whose heading or title line holds `offset`, innermost first. */
export function nodeAt(outline: OutlineNode[], offset: number): OutlineNode | undefined {
  for (const n of outline) {
    if (offset < n.start || offset > n.end) continue;
    const inner = nodeAt(n.children, offset);
    if (inner) return inner;
    if (offset >= n.selectionStart && offset <= n.selectionEnd && n.kind !== 'speech') return n;
  }
  return undefined;
}

export function figuresOf(node: OutlineNode, s: Structure, findings?: Diagnostic[]): SectionFigures {
  const rate = s.options.speakingRate;
  const speech = s.checklist.find((c) => node.start >= c.start && node.start <= c.end) ?? s.checklist[0];
  return {
    chars: node.chars,
    minutes: minutesOf(node.chars, rate),
    speechChars: speech?.chars ?? node.chars,
    targetMinutes: s.options.targetMinutes,
    problems: findings?.filter((d) => d.start >= node.start && d.start < Math.max(node.end, node.start + 1)).length,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

/** `约6分钟`, or seconds under a minute (`约40秒`): a section is planned in minutes. */
export function aboutTime(minutes: number, locale: Locale): string {
  if (minutes < 1) return locale === 'en' ? `~${formatDuration(minutes, 'en')}` : `约${formatDuration(minutes, 'zh')}`;
  return locale === 'en' ? `~${Math.round(minutes)} min` : `约${Math.round(minutes)}分钟`;
}

const percent = (share: number) => (share > 0 && share < 0.005 ? '<1%' : `${Math.round(share * 100)}%`);

/** The CodeLens line: `1,234字 · 约6分钟（目标20分钟的30%） · 3个问题`. */
export function sectionLens(f: SectionFigures, locale: Locale): string {
  const en = locale === 'en';
  let text = en ? `${count(f.chars)} chars · ${aboutTime(f.minutes, locale)}` : `${count(f.chars)}字 · ${aboutTime(f.minutes, locale)}`;
  if (f.targetMinutes > 0) {
    const share = percent(f.minutes / f.targetMinutes);
    text += en ? ` (${share} of the ${f.targetMinutes}-min target)` : `（目标${f.targetMinutes}分钟的${share}）`;
  }
  if (f.problems !== undefined) text += en ? ` · ${f.problems ? `${f.problems} problem${f.problems === 1 ? '' : 's'}` : 'no problems'}` : ` · ${f.problems ? `${f.problems}个问题` : '无问题'}`;
  return text;
}

/** The hover's lines for a heading: the section's length, time and shares. */
export function sectionHover(name: string, f: SectionFigures, locale: Locale): string {
  const en = locale === 'en';
  const time = formatDuration(f.minutes, locale);
  const parts = [en ? `This section: ${count(f.chars)} characters, about ${time} to read aloud` : `本节 ${count(f.chars)} 字，约需 ${time}`];
  if (f.speechChars > 0 && f.speechChars !== f.chars) parts.push(en ? `${percent(f.chars / f.speechChars)} of the speech` : `占全篇的 ${percent(f.chars / f.speechChars)}`);
  if (f.targetMinutes > 0) parts.push(en ? `${percent(f.minutes / f.targetMinutes)} of the ${f.targetMinutes}-minute target` : `占目标时长 ${f.targetMinutes} 分钟的 ${percent(f.minutes / f.targetMinutes)}`);
  return `**${name}**\n\n${parts.join(en ? '; ' : '，')}${en ? '.' : '。'}`;
}
