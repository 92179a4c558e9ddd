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

/** What a single X stands before when it stands for a number: X个, X多万, X%, X起, 死亡X人, X分钟. */
const COUNTED = '(?:[多余万千百亿个名人次项家位月日年号届期份倍条件座所户批%％起例处台辆元吨亩场天周岁篇部套支只间栋股类种笔宗艘列班组队时秒]|分钟|公[里顷斤]|平方)';

/** Words in brackets that say the text is still to be written: 【待补充：…】, （待定）, [此处填写]. */
const TO_DO = '(?:待补充|待定|待填写?|待核实|待确认|待完善|待更新|待撰写|待修改|此处填写|此处补充|此处插入|请填写|请补充)';

const PATTERNS: PlaceholderPattern[] = [
  // XX, XXX, ＸＸ: a run of X alone. Next to other letters it is a word or a Roman numeral
  // (XXI, XXL, Xbox); XX世纪 is the twentieth century.
  {
    re: /[XxＸｘ]{2,}/g,
    accept: (t, s, e) => !isLatin(t[s - 1]) && !isLatin(t[e]) && !t.startsWith('世纪', e),
  },
  // A single X standing for a number: X个, X多万, X万多, X%, X起, X月X日, 4.X万. Not X射线, X光,
  // X型, 1+X (a name), 415X (a code), iPhone X.
  {
    re: new RegExp(`(?<![A-Za-z0-9０-９Ａ-Ｚａ-ｚ+])(?<!^\\.|[^0-9]\\.)[XxＸｘ](?=${COUNTED}|\\.[0-9Xx])`, 'g'),
    accept: (t, s) => !isLatin(t[s - 1]) && !(t[s - 1] === ' ' && isLatin(t[s - 2])),
  },
  // 202X年: a year still to be settled.
  { re: /(?<=[12][0-9]{2})[Xx](?=年)/g },
  { re: /(?<=第)[XxＸｘ](?![A-Za-z])/g },
  // ×××同志, ××会议 (a single × between digits is multiplication); ×月×日 in a date line.
  { re: /[×✕╳]{2,}/g },
  { re: /(?<![0-9０-９])[×✕╳](?=[年月日号时])/g },
  // ○○, 〇〇 — but not the zeros of a year written in characters (二○○九年).
  {
    re: /[○〇◯]{2,}/g,
    accept: (t, s, e) => !CN_NUMERAL.test(t[s - 1] ?? '') && !CN_NUMERAL.test(t[e] ?? '') && t[e] !== '年',
  },
  { re: /[□■△]{2,}/g },
  { re: /某某+/g },
  // 【待补充：回顾过去一年的工作成绩】: the skeletons' own placeholders say what goes there, at any length.
  { re: new RegExp(`[【\\[（(][^】\\]）)\\n]{0,10}${TO_DO}[^】\\]）)\\n]{0,80}[】\\]）)]`, 'g') },
  { re: /_{3,}|＿{2,}/g },
];

export interface PlaceholderPlace {
  start: number;
  end: number;
  text: string;
}

export function findPlaceholders(text: string): PlaceholderPlace[] {
  const found: PlaceholderPlace[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      if (!p.accept || p.accept(text, start, end)) found.push({ start, end, text: m[0] });
    }
  }
  // Overlapping patterns (X in 第XX届, XX in 【XX待定】) report once, the widest.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PlaceholderPlace[] = [];
  for (const f of found) if (!out.length || f.start >= out[out.length - 1].end) out.push(f);
  return out;
}

/** A placeholder that is a note in brackets (【待补充：…】): not read aloud, not counted as text. */
export function isBracketNote(p: { text: string }): boolean {
  return /^[【\[（(]/.test(p.text);
}

const COMMENT_LINE = /^[ \t\u3000]*<!--.*-->[ \t\u3000]*$/;

/** Placeholders of a draft, as the rule reports them: none on a comment (directive) line. */
export function placeholdersOf(text: string): PlaceholderPlace[] {
  const all = findPlaceholders(text);
  if (!text.includes('<!--')) return all;
  return all.filter((p) => {
    const from = text.lastIndexOf('\n', p.start - 1) + 1;
    const to = text.indexOf('\n', p.end);
    return !COMMENT_LINE.test(text.slice(from, to < 0 ? text.length : to).replace(/\r$/, ''));
  });
}

/**
 * The placeholder "转到下一个占位符" selects: the first one starting at or after `from` that is
 * not the current selection [selectionStart, selectionEnd), wrapping round to the first. Every
 * placeholder the rule finds, whether or not its finding is shown (rule off, ignored).
 */
export function nextPlaceholder(
  text: string, from: number, selection?: { start: number; end: number },
): { start: number; end: number; text: string; wrapped: boolean } | undefined {
  const all = placeholdersOf(text);
  if (!all.length) return undefined;
  const isSelected = (p: PlaceholderPlace) => !!selection && p.start === selection.start && p.end === selection.end;
  const next = all.find((p) => p.start >= from && !isSelected(p));
  if (next) return { ...next, wrapped: false };
  const first = all.find((p) => !isSelected(p)) ?? all[0];
  return { ...first, wrapped: true };
}

export const placeholder: RuleRecord = {
  id: 'placeholder',
  title: { zh: '未填写的占位符', en: 'Unfilled placeholder' },
  category: 'text',
  severity: 'warning',
  description: {
    zh: '未填写的占位符：XX、X多万、X起、×××、×月×日、○○、□□、某某、【待补充：……】',
    en: 'Unfilled placeholders: XX, X多万, X起, ×××, ×月×日, ○○, □□, 某某, 【待补充：…】',
  },
  message: {
    zh: (d) => `占位符“${d.text}”尚未填写：请换成实际的名称或数字，不要在讲话时照读。`,
    en: (d) => `Unfilled placeholder “${d.text}”: replace it with the real name or figure before the speech is read.`,
  },
  docs: {
    rationale: {
      zh: '讲话稿常用 XX、×××、○○ 等标出待填的名称和数字，骨架和模板用“【待补充：……】”标出待写的部分。漏填的占位符在会场上会被照读出来，是最难堪的失误。本规则找出所有未填写的占位符：一个 X 只在表示数目时算（X个、X起、死亡X人、X%），X射线、X光、X型、“1+X”、罗马数字（XXI）等不会报告。括号里的“【待补充】”不计入字数和讲话时长，只有占位符的部分在结构清单中算作缺失。',
      en: 'Drafts mark names and figures still to be filled in with XX, ×××, ○○ and the like, and skeletons mark the parts still to be written with 【待补充：…】. One left in is read aloud at the podium. This rule finds every unfilled placeholder: a single X only where it stands for a number (X个, X起, 死亡X人, X%); X射线 (X-ray), X光, X型, “1+X” and Roman numerals (XXI) are not placeholders. Bracketed notes (【待补充】) do not count towards length and speaking time, and a part that is only a placeholder counts as missing in the checklist.',
    },
    bad: ['今天召开全市XX工作会议。', '全年新增就业X多万人。', '×××同志作了报告。', '参加人数【待补充】人。', '某某单位表现突出。', '全年发生事故X起，死亡X人。', '新增市场主体4.X万户。', '（2024年×月×日）', '【待补充：回顾过去一年全市各条战线取得的主要成绩】'],
    good: ['医院新购X射线设备和X光机各一台。', '迎接XXI世纪的挑战。', '二○○九年以来，全市经济稳步增长。', '今天召开全市工作会议。', '试点“1+X”证书制度，推广X型支架。', '全年完成3×5个标段。'],
  },
  check(ctx): Finding[] {
    // Comment lines (suppression directives) are not part of the speech.
    const commentLines = new Set(ctx.model.comments.map((c) => c.line));
    return ctx.memo('placeholders', () => findPlaceholders(ctx.text))
      .filter((p) => commentLines.size === 0 || !commentLines.has(ctx.model.lineIndex.lineAt(p.start)))
      .map((p) => ({ start: p.start, end: p.end, data: { text: p.text } }));
  },
};
