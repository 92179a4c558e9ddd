// date-consistency: the draft's year (its date line or title) against what it says of that
// year: 十二五开局之年, 建党90周年. The facts live in data/dates.json, not in code.

import facts from '../data/dates.json';
import { parseChineseNumber } from '../markers';
import { Speech } from '../model';
import { yearOfDateLine } from '../formulas';
import { Finding, RuleRecord } from '../types';
import { formulationYears } from './proofreading';

interface Claim {
  start: number;
  end: number;
  phrase: string;
  year: number;
}

const PLAN_NAMES = facts.fiveYearPlans.map((p) => p.name).sort((a, b) => b.length - a.length);
const PLAN_RE = new RegExp(`(?<![一二三四五六七八九十])(${PLAN_NAMES.join('|')})[”"’‛'」]?(?:规划|时期)?(?:的)?(${facts.planYears.flatMap((p) => p.words).join('|')})`, 'g');
const ANNIV_NAMES = facts.anniversaries.flatMap((a) => a.names).sort((a, b) => b.length - a.length);
const ANNIV_RE = new RegExp(`(${ANNIV_NAMES.join('|')})(?:的)?([0-9０-９]{1,3}|[一二三四五六七八九十百]{1,4})(?:周年|年)`, 'g');

function chineseCount(raw: string): number | undefined {
  const half = raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(half)) return Number(half);
  if (raw === '百' || raw === '一百') return 100;
  const m = /^(?:一百(?:零)?)(.+)$/.exec(raw);
  if (m) {
    const rest = parseChineseNumber(m[1]);
    return rest === undefined ? undefined : 100 + rest;
  }
  return parseChineseNumber(raw);
}

/** Claims a text makes about the year it speaks of. */
export function yearClaims(text: string): Claim[] {
  const out: Claim[] = [];
  PLAN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLAN_RE.exec(text))) {
    const plan = facts.fiveYearPlans.find((p) => p.name === m![1])!;
    const offset = facts.planYears.find((p) => p.words.includes(m![2]))!.offset;
    out.push({ start: m.index, end: m.index + m[0].length, phrase: m[0], year: plan.start + offset });
  }
  ANNIV_RE.lastIndex = 0;
  while ((m = ANNIV_RE.exec(text))) {
    const a = facts.anniversaries.find((x) => x.names.includes(m![1]))!;
    const n = chineseCount(m[2]);
    if (n === undefined || n < 1) continue;
    // 在庆祝中国共产党成立100周年大会上的讲话: a reference to an event, not a claim about the year.
    if (/^[^。，,；]{0,4}(?:大会|讲话|纪念会|庆祝会|活动|上的|之际的)/.test(text.slice(m.index + m[0].length))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, phrase: m[0], year: a.base + n });
  }
  return out;
}

/** The draft's year: its date line first, then a year in the title. */
export function draftYear(s: Speech): { year: number; source: 'date' | 'title' } | undefined {
  // The date line under the title (2012年3月9日, 2020.6.20, 2022/02/27), or a sign-off date.
  for (const p of [...s.meta, ...s.signoff]) {
    const year = yearOfDateLine(p.text);
    if (year !== undefined) return { year, source: 'date' };
  }
  const t = s.title?.text ?? '';
  const m = /([12][0-9]{3})\s*年/.exec(t);
  return m ? { year: Number(m[1]), source: 'title' } : undefined;
}

const EVENT = /庆祝|纪念|举行|召开|举办|隆重|迎接|筹备/;
const ASSERTION = /今年|本年|明年|去年|是|为|正值|恰逢|适逢|迎来|之际|之年/;

export const dateConsistency: RuleRecord = {
  id: 'date-consistency',
  title: { zh: '年份与所说不符', en: 'Year contradicts the text' },
  category: 'text',
  severity: 'info',
  description: {
    zh: '年份与所说的不符（落款2012年却说“十二五开局之年”；2011年不是“建党90周年”以外的年份）',
    en: 'The year contradicts what the draft says of it (dated 2012 but 十二五开局之年; 建党90周年 is 2011)',
  },
  message: {
    zh: (d) => `“${d.phrase}”是${d.claimed}年，但这里说的是${d.year}年${d.source === 'date' ? '（落款日期）' : d.source === 'title' ? '（标题）' : ''}：请核对年份或提法。`,
    en: (d) => `“${d.phrase}” is ${d.claimed}, but this speaks of ${d.year}${d.source === 'date' ? ' (the date line)' : d.source === 'title' ? ' (the title)' : ''}: check the year or the phrase.`,
  },
  variants: {
    // The year a formulation entered use (data/proofreading/formulations.json).
    formulation: {
      zh: (d) => `“${d.phrase}”是${d.since}年才有的提法，但这篇讲话是${d.year}年的${d.source === 'date' ? '（落款日期）' : '（标题）'}：请核对年份或提法。`,
      en: (d) => `“${d.phrase}” entered use in ${d.since}, but this speech is of ${d.year}${d.source === 'date' ? ' (the date line)' : ' (the title)'}: check the year or the phrase.`,
    },
  },
  docs: {
    rationale: {
      zh: '沿用往年讲话稿时，“开局之年”“建党××周年”之类的提法最容易忘记更新。本规则用日期行（2012年3月9日、2012.3.9、2012/03/09）、落款日期或标题中的年份，核对五年规划的开局/收官之年和各类周年纪念；同一句里写明了年份（“2011年，是建党90周年”）或“去年”“明年”时，按该年核对。回顾时讲到的纪念活动（“我们隆重庆祝了……周年”）说的是那件事，不是今年是哪一年，不核对。数据在 data/dates.json 中，可随时补充。',
      en: 'When last year\'s speech is reused, phrases such as 开局之年 and 建党××周年 are the easiest to forget. This rule checks five-year-plan opening/closing years and anniversaries against the year of the date line (2012年3月9日, 2012.3.9, 2012/03/09), the sign-off date or the title; a sentence that names its own year (2011年，是建党90周年) or says 去年/明年 is checked against that year. A celebration told in a review (我们隆重庆祝了…周年) speaks of that event, not of the current year, and is not checked. The facts are in data/dates.json.',
    },
    bad: ['在全区工作会议上的讲话\n2012年3月9日\n同志们：\n今年是十二五开局之年。', '2012年是建党90周年。', '在全区工作会议上的讲话\n2012.3.9\n同志们：\n今年是十二五开局之年。', '在全区工作会议上的讲话\n2016年3月9日\n同志们：\n要认真学习贯彻党的十九大精神。'],
    good: ['在全区工作会议上的讲话\n2011年3月9日\n同志们：\n今年是十二五开局之年。', '2011年，是党的诞辰90周年，是“十二五”的开局之年。', '在新春团拜会上的讲话\n（2012年1月20日）\n同志们：\n过去一年，我们隆重庆祝建党90周年，激发了奋进力量。', '在全区工作会议上的讲话\n2022年3月9日\n同志们：\n要以优异成绩迎接党的二十大胜利召开。'],
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      const dy = draftYear(s);
      for (const p of s.paragraphs) {
        if (dy) {
          for (const f of formulationYears(ctx, p.text)) {
            if (dy.year < f.since) out.push({ start: p.offsetOf(f.start), end: p.offsetOf(f.end - 1) + 1, variant: 'formulation', data: { phrase: f.phrase, since: f.since, year: dy.year, source: dy.source } });
          }
        }
        const claims = yearClaims(p.text);
        if (!claims.length) continue;
        for (const c of claims) {
          // The sentence the claim stands in decides which year it speaks of.
          const sentenceStart = Math.max(p.text.lastIndexOf('。', c.start), p.text.lastIndexOf('！', c.start), p.text.lastIndexOf('；', c.start), -1) + 1;
          const before = p.text.slice(sentenceStart, c.start);
          const explicit = /([12][0-9]{3})\s*年(?!代)[^。；，,]{0,3}[，,]?\s*(?:是|为|正值|恰逢|适逢)?[^。；]*$/.exec(before);
          let year: number | undefined;
          let source = '';
          const all = [...before.matchAll(/([12][0-9]{3})\s*年(?!代|以来|之前|以前|前|后)/g)];
          if (explicit && all.length) {
            year = Number(all[all.length - 1][1]);
          } else if (dy) {
            const rel = /去年|上一年/.test(before) ? -1 : /明年|下一年/.test(before) ? 1 : /前年/.test(before) ? -2 : 0;
            if (/回顾|过去|曾经|那一年|当年/.test(before)) continue;
            year = dy.year + rel;
            source = rel === 0 ? dy.source : '';
          }
          if (year === undefined || year === c.year) continue;
          // 我们隆重庆祝了建党一百周年: an event told (a review of the year before), not a
          // claim about the year the draft speaks in (今年是…, 正值…, 迎来…).
          if (!explicit && EVENT.test(before) && !ASSERTION.test(before)) continue;
          out.push({ start: p.offsetOf(c.start), end: p.offsetOf(c.end - 1) + 1, data: { phrase: c.phrase, claimed: c.year, year, source } });
        }
      }
    }
    return out;
  },
};
