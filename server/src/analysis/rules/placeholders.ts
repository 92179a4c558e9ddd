// Placeholders left in a draft: read aloud at the podium they are the worst slip of all.

import { Finding, RuleRecord } from '../types';

// Each pattern finds one kind of placeholder; `accept` rules out the look-alikes.
interface PlaceholderPattern {
  re: RegExp;
  accept?: (text: string, start: number, end: number) => boolean;
}

const LATIN = /[A-Za-z\uFF21-\uFF3A\uFF41-\uFF5A]/;
const isLatin = (c: string | undefined) => c !== undefined && LATIN.test(c);
const CN_NUMERAL = /[一二三四五六七八九十零〇○百千万0-9０-９]/;

const PATTERNS: PlaceholderPattern[] = [
  // XX, XXX, ＸＸ: a run of X alone. Next to other letters it is a word or a Roman numeral
  // (XXI, XXL, Xbox); XX世纪 is the twentieth century.
  {
    re: /[XxＸｘ]{2,}/g,
    accept: (t, s, e) => !isLatin(t[s - 1]) && !isLatin(t[e]) && !t.startsWith('世纪', e),
  },
  // A single X standing for a number: X个, X多万, X万多, X%, 第X届, X月X日. Not X射线, X光.
  {
    re: /(?<![A-Za-z0-9０-９ＡＺａｚ.])[XxＸｘ](?=[多余万千百亿个名人次项家位月日年号届期份倍条件座所户批%％]|\.[0-9Xx])/g,
    accept: (t, s) => !isLatin(t[s - 1]),
  },
  { re: /(?<=第)[XxＸｘ](?![A-Za-z])/g },
  // ×××同志, ××会议 (a single × between digits is multiplication).
  { re: /[×✕╳]{2,}/g },
  // ○○, 〇〇 — but not the zeros of a year written in characters (二○○九年).
  {
    re: /[○〇◯]{2,}/g,
    accept: (t, s, e) => !CN_NUMERAL.test(t[s - 1] ?? '') && !CN_NUMERAL.test(t[e] ?? '') && t[e] !== '年',
  },
  { re: /[□■△]{2,}/g },
  { re: /某某+/g },
  { re: /[【\[（(][^】\]）)\n]{0,10}(?:待补充|待定|待填写?|待核实|待确认|待完善|待更新|此处填写|请填写)[^】\]）)\n]{0,10}[】\]）)]/g },
  { re: /_{3,}|＿{2,}/g },
];

export function findPlaceholders(text: string): Array<{ start: number; end: number; text: string }> {
  const found: Array<{ start: number; end: number; text: string }> = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      if (!p.accept || p.accept(text, start, end)) found.push({ start, end, text: m[0] });
    }
  }
  // Overlapping patterns (X in 第XX届) report once.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((f, i) => i === 0 || f.start >= found[i - 1].end);
}

export const placeholder: RuleRecord = {
  id: 'placeholder',
  title: { zh: '未填写的占位符', en: 'Unfilled placeholder' },
  category: 'text',
  severity: 'warning',
  description: {
    zh: '未填写的占位符：XX、X多万、×××、○○、□□、某某、【待补充】',
    en: 'Unfilled placeholders: XX, X多万, ×××, ○○, □□, 某某, 【待补充】',
  },
  message: {
    zh: (d) => `占位符“${d.text}”尚未填写：请换成实际的名称或数字，不要在讲话时照读。`,
    en: (d) => `Unfilled placeholder “${d.text}”: replace it with the real name or figure before the speech is read.`,
  },
  docs: {
    rationale: {
      zh: '讲话稿常用 XX、×××、○○ 等标出待填的名称和数字。漏填的占位符在会场上会被照读出来，是最难堪的失误。本规则找出所有未填写的占位符；X射线、罗马数字（XXI）等不会报告。',
      en: 'Drafts mark names and figures still to be filled in with XX, ×××, ○○ and the like. One left in is read aloud at the podium. This rule finds every unfilled placeholder; X射线 (X-ray) and Roman numerals (XXI) are not placeholders.',
    },
    bad: ['今天召开全市XX工作会议。', '全年新增就业X多万人。', '×××同志作了报告。', '参加人数【待补充】人。', '某某单位表现突出。'],
    good: ['医院新购X射线设备一台。', '迎接XXI世纪的挑战。', '二○○九年以来，全市经济稳步增长。', '今天召开全市工作会议。'],
  },
  check(ctx): Finding[] {
    // Comment lines (suppression directives) are not part of the speech.
    const commentLines = new Set(ctx.model.comments.map((c) => c.line));
    return findPlaceholders(ctx.text)
      .filter((p) => commentLines.size === 0 || !commentLines.has(ctx.model.lineIndex.lineAt(p.start)))
      .map((p) => ({ start: p.start, end: p.end, data: { text: p.text } }));
  },
};
