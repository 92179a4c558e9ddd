// formulation: standard political formulations (提法) written wrong or incomplete, and fixed
// sets (四个意识, 四个自信, 五位一体 …) spelled out with a wrong, missing or misplaced member.
// Form only, never content: a set is checked where the draft lists its members right after
// its name, or lists every member in a run; phrases are checked against their published form.

import { Finding, RuleContext, RuleRecord } from '../../types';
import { guardHolds, hitsOf, LocalFinding, longestFirst, matcherFor, paragraphFindings, readsRight, SetEntry, YearEntry } from './lists';

const LIST_START = /^[”"’]?\s*(?:（|\(|：|:|，?即|，?也就是|，?就是|——)\s*/;
const RUN_SEPARATOR = /^[”’"]?\s*(?:、|和|以及|及|与)\s*[“‘"]?$/;
const GROUP_SEPARATOR = /^[”’"]?\s*(?:、|，|,|和|以及|及|与)\s*[“‘"]?$/;

function canonical(set: SetEntry): string {
  const forms = set.members.map((m) => m[0]);
  if (!set.joinGroups) return forms.join('、');
  const groups: string[] = [];
  for (let i = 0; i < forms.length; i += set.joinGroups) groups.push(forms.slice(i, i + set.joinGroups).join('、'));
  return groups.join('，');
}

function memberOf(set: SetEntry, item: string): number {
  const i = set.members.findIndex((forms) => forms.includes(item));
  if (i >= 0) return i;
  return set.short ? set.short.findIndex((forms) => forms.includes(item)) : -1;
}

function commonAffix(words: string[], end: boolean): string {
  let a = words[0] ?? '';
  for (const w of words) {
    while (a && !(end ? w.endsWith(a) : w.startsWith(a))) a = end ? a.slice(1) : a.slice(0, -1);
  }
  return a;
}

/** An item that stands where a member should: shaped like the members (四个自信: …自信). */
function slotShaped(set: SetEntry, item: string): boolean {
  if (!/^\p{Script=Han}+$/u.test(item)) return false;
  const full = set.members.map((m) => m[0]);
  const suffix = commonAffix(full, true);
  const prefix = commonAffix(full, false);
  if (suffix.length >= 2 && item.endsWith(suffix)) return true;
  if (prefix.length >= 2 && item.startsWith(prefix)) return true;
  // Every member has a form of the item's length (道路/理论/制度/文化, 创新/协调/…).
  const forms = set.members.map((m, i) => [...m, ...(set.short?.[i] ?? [])]);
  return forms.every((f) => f.some((x) => x.length === item.length));
}

interface SetFinding {
  start: number;
  end: number;
  variant: 'set-wrong' | 'set-missing' | 'set-order';
  data: Record<string, string>;
  fixText?: string;
}

/** A list right after the set's name: “四个自信”（道路自信、理论自信、制度自信）. */
function namedList(set: SetEntry, text: string, nameEnd: number): SetFinding | undefined {
  const head = LIST_START.exec(text.slice(nameEnd, nameEnd + 12));
  if (!head) return undefined;
  const from = nameEnd + head[0].length;
  const stop = set.joinGroups ? /[）)。；！？]/ : /[）)。；！？，,]/;
  const rest = text.slice(from, from + 160);
  const m = stop.exec(rest);
  const listEnd = from + (m ? m.index : rest.length);
  if (!m && rest.length === 160) return undefined;
  const region = text.slice(from, listEnd);
  // 、 separates items; 和/及/与 only where a side is a member (和谐 is one).
  const parts = region.split(set.joinGroups ? /、|，|,/ : /、/).flatMap((part) => {
    const joined = /^(.+?)(?:以及|和|及|与)(.+)$/.exec(part);
    return memberOf(set, part) < 0 && joined && (memberOf(set, joined[1]) >= 0 || memberOf(set, joined[2]) >= 0) ? [joined[1], joined[2]] : [part];
  }).map((s) => s.replace(/^[“‘"\s]+|[”’"\s]+$/g, ''));
  // A list ends …共享的发展理念, …看齐意识等: the tail is not an item.
  if (parts.length) parts[parts.length - 1] = parts[parts.length - 1].replace(/(?:的发展理念|的?价值观|等|这些|的)$/, '');
  const items = parts.filter(Boolean);
  const indices = items.map((it) => memberOf(set, it));
  const known = indices.filter((i) => i >= 0);
  if (known.length < 2) return undefined;
  const canon = canonical(set);
  const allFull = items.every((it) => set.members.some((forms) => forms.includes(it)));
  const plainList = !set.joinGroups && /^[^和及与]*$/.test(region) && region.split('、').length === items.length;
  const fixText = allFull && plainList ? set.members.map((f) => f[0]).join('、') : undefined;
  const base = { start: nameEnd - 0, end: listEnd };
  const unknown = items.find((it, k) => indices[k] < 0 && slotShaped(set, it));
  if (unknown) return { ...base, variant: 'set-wrong', data: { name: set.name, canon, item: unknown }, fixText: undefined };
  if (indices.some((i) => i < 0)) return undefined;
  const distinct = new Set(known);
  if (distinct.size < set.members.length && distinct.size === known.length) {
    const missing = set.members.filter((_, i) => !distinct.has(i)).map((f) => f[0]).join('、');
    return { ...base, variant: 'set-missing', data: { name: set.name, canon, missing }, fixText };
  }
  if (known.some((v, k) => k > 0 && v <= known[k - 1])) return { ...base, variant: 'set-order', data: { name: set.name, canon }, fixText };
  return undefined;
}

export const formulation: RuleRecord = {
  id: 'formulation',
  title: { zh: '提法不规范', en: 'Nonstandard formulation' },
  category: 'proofreading',
  severity: 'warning',
  description: {
    zh: '提法不规范：重要提法写错、写漏（以习近平为核心的党中央），固定提法（四个意识、四个自信、五位一体等）的内容写错、缺项或顺序不对',
    en: 'A standard political formulation written wrong or incomplete (以习近平为核心的党中央), or a fixed set (四个意识, 四个自信, 五位一体 …) with a wrong, missing or misplaced member',
  },
  message: {
    zh: (d) => `规范提法是“${d.right}”，请改为规范表述。出处：${d.source}。`,
    en: (d) => `The published formulation is “${d.right}”; use it (the source is named in the Chinese message and the rule's data).`,
  },
  variants: {
    'set-wrong': {
      zh: (d) => `“${d.name}”是指${d.canon}，“${d.item}”不在其中：请按规范表述改正。`,
      en: (d) => `“${d.name}” are “${d.canon}”; “${d.item}” is not one of them: correct the list.`,
    },
    'set-missing': {
      zh: (d) => `“${d.name}”是指${d.canon}，这里缺了${d.missing}：请补全。`,
      en: (d) => `“${d.name}” are “${d.canon}”; “${d.missing}” is missing here: complete the list.`,
    },
    'set-order': {
      zh: (d) => `“${d.name}”的规范顺序是${d.canon}，请按这个顺序写。`,
      en: (d) => `The published order of “${d.name}” is “${d.canon}”: write them in that order.`,
    },
  },
  fixTitle: { zh: '改为规范提法', en: 'Use the published formulation' },
  fixKind: 'decision', // political wording: the writer confirms each change
  docs: {
    rationale: {
      zh: '重要提法一字不能错，固定提法的内容和顺序以中央文件为准。本规则只核对写法，不评判内容：一是常见的错误或不完整写法（“以习近平为核心的党中央”应为“以习近平同志为核心的党中央”，“新时代习近平中国特色社会主义思想”应为“习近平新时代中国特色社会主义思想”，“协调推进五位一体”应为“统筹推进”）；二是在“四个意识”“四个自信”“五位一体”“四个全面”“新发展理念”“四个伟大”“社会主义核心价值观”“三严三实”的名称后面列出内容时，内容写错、缺项或顺序不对；不写名称而完整列出全部内容时，只核对顺序；“马克思列宁主义、毛泽东思想、邓小平理论……”按提出的先后核对。每条提法的规范写法、开始使用的年份和出处都在 data/proofreading/formulations.json 中；开始使用的年份也供 date-consistency 核对（落款2016年的讲话不会有“党的十九大精神”）。',
      en: 'Key formulations must be exact, and the content and order of fixed sets follow the central documents. This rule checks the form only, never the content: frequent wrong or incomplete forms (以习近平为核心的党中央 for 以习近平同志为核心的党中央, 新时代习近平中国特色社会主义思想 for 习近平新时代中国特色社会主义思想, 协调推进五位一体 for 统筹推进); and a list right after the name of 四个意识, 四个自信, 五位一体, 四个全面, 新发展理念, 四个伟大, 社会主义核心价值观 or 三严三实 with a wrong, missing or misplaced member; a complete list without the name is checked for order only; 马克思列宁主义、毛泽东思想、邓小平理论… in the order they were put forward. Each formulation\'s published form, the year it entered use and its source are in data/proofreading/formulations.json; the year is also used by date-consistency (a speech dated 2016 cannot speak of 党的十九大精神).',
    },
    bad: [
      '在以习近平为核心的党中央坚强领导下，我们取得了新的成绩。',
      '要坚定“四个自信”（道路自信、理论自信、制度自信），增强“四个意识”。',
      '牢固树立政治意识、大局意识、看齐意识、核心意识。',
      '“四个意识”即政治意识、大局意识、核心意识、服务意识。',
    ],
    good: [
      '在以习近平同志为核心的党中央坚强领导下，我们取得了新的成绩。',
      '要坚定“四个自信”（道路自信、理论自信、制度自信、文化自信），增强“四个意识”。',
      '牢固树立政治意识、大局意识、核心意识、看齐意识。',
      '要增强政治意识、大局意识，做到令行禁止。',
      '坚持创新、协调、绿色、开放、共享的新发展理念。',
    ],
  },
  check(ctx): Finding[] {
    return paragraphFindings(ctx, 'formulation', false, (p, m) => {
      const out: LocalFinding[] = [];
      const raw = hitsOf(m, p.text);
      if (!raw.length) return out;
      const phrases: Array<{ start: number; end: number; entry: { wrong: string; right: string; source: string } }> = [];
      const names: Array<{ start: number; end: number; set: SetEntry }> = [];
      const members = new Map<SetEntry, Array<{ start: number; end: number; member: number }>>();
      for (const r of raw) {
        for (const payload of m.payloads[r.pattern]) {
          if (payload.list === 'phrase') {
            if (!readsRight(p.text, r.start, payload.entry.wrong, payload.entry.right)) phrases.push({ start: r.start, end: r.end, entry: payload.entry });
          } else if (payload.list === 'set-name') names.push({ start: r.start, end: r.end, set: payload.set });
          else if (payload.list === 'set-member' && payload.full) {
            let list = members.get(payload.set);
            if (!list) members.set(payload.set, (list = []));
            list.push({ start: r.start, end: r.end, member: payload.member });
          }
        }
      }
      for (const h of longestFirst(phrases)) {
        out.push({ start: h.start, end: h.end, data: { word: h.entry.wrong, right: h.entry.right, source: h.entry.source, allowWord: h.entry.wrong }, fix: { start: h.start, end: h.end, text: h.entry.right } });
      }
      // Text in a list after a set's name (a mask: runs inside it are judged with the list).
      const listed = new Uint8Array(p.text.length + 1);
      for (const n of names) {
        const f = namedList(n.set, p.text, n.end);
        if (!f) continue;
        listed.fill(1, n.end, f.end);
        const listStart = n.end + LIST_START.exec(p.text.slice(n.end, n.end + 12))![0].length;
        out.push({ start: listStart, end: f.end, variant: f.variant, data: f.data, fix: f.fixText ? { start: listStart, end: f.end, text: f.fixText } : undefined });
      }
      for (const [set, hits] of members) out.push(...runFindings(p.text, set, hits, listed));
      return out;
    });
  },
};

/** Members listed one after another without the set's name: the order, when every member is there. */
function runFindings(text: string, set: SetEntry, hits: Array<{ start: number; end: number; member: number }>, listed: Uint8Array): LocalFinding[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LocalFinding[] = [];
  const separator = set.joinGroups ? GROUP_SEPARATOR : RUN_SEPARATOR;
  let i = 0;
  while (i < sorted.length) {
    const run = [sorted[i]];
    let j = i + 1;
    for (; j < sorted.length; j++) {
      const gap = text.slice(run[run.length - 1].end, sorted[j].start);
      if (sorted[j].start < run[run.length - 1].end) continue;
      if (!separator.test(gap)) break;
      run.push(sorted[j]);
    }
    i = j;
    const order = run.map((h) => h.member);
    const distinct = new Set(order).size === order.length;
    const complete = distinct && order.length === set.members.length;
    const misordered = order.some((v, k) => k > 0 && v < order[k - 1]);
    if (!distinct || !misordered || !(complete || (set.anyRun && order.length >= 3))) continue;
    const start = run[0].start;
    const end = run[run.length - 1].end;
    if (listed[start] && listed[end - 1]) continue;
    const region = text.slice(start, end);
    const canon = set.anyRun ? [...order].sort((a, b) => a - b).map((k) => set.members[k][0]).join('、') : canonical(set);
    const plain = region.split('、').length === run.length && !/[和及与“”]/.test(region.replace(/“三个代表”/g, ''));
    out.push({ start, end, variant: 'set-order', data: { name: set.name, canon }, fix: plain ? { start, end, text: canon } : undefined });
  }
  return out;
}

/** Formulations of a paragraph's text with the year they entered use (for date-consistency). */
export function formulationYears(ctx: RuleContext, text: string): Array<{ start: number; end: number; phrase: string; since: number; source: string }> {
  const m = matcherFor(ctx);
  const out: Array<{ start: number; end: number; phrase: string; since: number; source: string }> = [];
  for (const r of hitsOf(m, text)) {
    for (const payload of m.payloads[r.pattern]) {
      if (payload.list !== 'year') continue;
      const e: YearEntry = payload.entry;
      if (e.after && !guardHolds(text, r.start, r.end, { after: e.after })) continue;
      out.push({ start: r.start, end: r.end, phrase: e.form, since: e.since, source: e.source });
    }
  }
  return longestFirst(out);
}
