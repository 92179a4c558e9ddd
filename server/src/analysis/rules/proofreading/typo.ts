// typo and variant-form: a listed wrong (or non-recommended) form, where it stands as words of
// its own. The segmenter's word boundaries decide: 学习贯彻 holds 习贯 but cuts 学习/贯彻, so
// the wrong form 习贯 is not there; 建立既定目标 cuts 建立/既定. A form wrong only in context
// carries its guard (截止 + 目前 → 截至; 截止日期 stays).

import { Finding, RuleContext, RuleRecord, WordSegmenter } from '../../types';
import { Paragraph } from '../../model';
import { boundariesOf, covered, guardHolds, hitsOf, LocalFinding, longestFirst, Matcher, paragraphFindings, Payload, readsRight } from './lists';

const KIND_EN: Record<string, string> = { 音近: 'sound-alike', 形近: 'shape-alike', 成语: 'set phrase' };

interface Hit {
  start: number;
  end: number;
  payload: Payload;
}

/** Hits of some lists in a paragraph, on word boundaries, not overlapping. */
function wordHits(ctx: RuleContext, m: Matcher, p: Paragraph, lists: ReadonlySet<Payload['list']>, accept: (h: Hit) => boolean): Hit[] {
  const raw = hitsOf(m, p.text);
  if (!raw.length) return [];
  let bounds: Uint8Array | undefined;
  const out: Hit[] = [];
  for (const r of raw) {
    for (const payload of m.payloads[r.pattern]) {
      if (!lists.has(payload.list)) continue;
      const hit = { start: r.start, end: r.end, payload };
      // The user's own pairs are matched as written; the lists on word boundaries.
      if (payload.list !== 'user') {
        bounds ??= boundariesOf(m, ctx.words!, p.text);
        if ((!bounds[r.start] || !bounds[r.end]) && !(payload.list === 'typo' && brokenByTheSlip(ctx.words!, p.text, bounds, r.start, r.end, payload.entry.right))) continue;
      }
      if (!accept(hit)) continue;
      out.push(hit);
    }
  }
  return longestFirst(out);
}

const HAN = /^\p{Script=Han}$/u;

/** Single Han characters standing as words in a list of words. */
function singles(words: string[]): number {
  let n = 0;
  for (const w of words) if (w.length === 1 && HAN.test(w)) n++;
  return n;
}

/**
 * A slip can make the segmenter cut the text wrongly around it: 学习惯彻 is cut 学/习惯/彻, so
 * the wrong form 惯彻 does not start a word. It is still taken when the corrected text cuts
 * the right form as whole words, the slip leaves a lone character inside itself (彻), and the
 * correction leaves fewer lone characters around it. 学习贯彻 (学习/贯彻) holds 习贯, but its
 * correction 学习惯彻 only breaks words up: not taken.
 */
function brokenByTheSlip(words: WordSegmenter, text: string, bounds: Uint8Array, start: number, end: number, right: string): boolean {
  // The words the hit touches, and one more word on each side.
  let from = start;
  while (from > 0 && !bounds[from]) from--;
  if (from > 0) from--;
  while (from > 0 && !bounds[from]) from--;
  let to = end;
  while (to < text.length && !bounds[to]) to++;
  if (to < text.length) to++;
  while (to < text.length && !bounds[to]) to++;
  const before = words.cut(text.slice(from, to));
  let at = from;
  let loneInside = false;
  for (const w of before) {
    if (w.length === 1 && HAN.test(w) && at >= start && at + 1 <= end) loneInside = true;
    at += w.length;
  }
  if (!loneInside) return false;
  const corrected = text.slice(from, start) + right + text.slice(end, to);
  const after = words.cut(corrected);
  const cuts = new Set<number>([0]);
  let pos = 0;
  for (const w of after) cuts.add((pos += w.length));
  return cuts.has(start - from) && cuts.has(start - from + right.length) && singles(after) < singles(before);
}

const TYPO_LISTS: ReadonlySet<Payload['list']> = new Set(['typo', 'user']);

export const typo: RuleRecord = {
  id: 'typo',
  title: { zh: '错别字', en: 'Wrong character' },
  category: 'proofreading',
  severity: 'warning',
  needsWords: true,
  description: {
    zh: '错别字：词语和成语中写错的字（再接再励、按步就班、布署、截止目前）',
    en: 'A wrong character in a word or set phrase (再接再励, 按步就班, 布署, 截止目前)',
  },
  message: {
    zh: (d) => `“${d.word}”应为“${d.right}”，请改正${d.note ? `。${d.note}` : ''}。`,
    en: (d) => `“${d.word}” should be “${d.right}” (a ${d.kindEn} slip); correct it.`,
  },
  variants: {
    user: {
      zh: (d) => `按本单位词表（words.wrong），“${d.word}”应写作“${d.right}”，请改正。`,
      en: (d) => `By your word list (words.wrong), “${d.word}” is written “${d.right}”: correct it.`,
    },
  },
  fixTitle: { zh: '改为正确的写法', en: 'Use the correct form' },
  fixKind: 'decision', // changes a word: a name or a term that only looks like a slip would be lost
  docs: {
    rationale: {
      zh: '错别字是各类公文校对服务排在第一位的检查项。本规则按 Jianggao 整理的错别字表（data/proofreading/typos.json，900 多条：音近、形近和成语误写，并附说明）在分词结果上查找：误写必须单独成词或占满若干个整词，“学习贯彻”里的“习贯”、“建立既定目标”里的“立既”都不会报告。只在特定搭配中才错的字带有上下文条件：“截止目前”“截止2023年底”应为“截至”，“截止日期”“报名截止”不报告；“必需加强”应为“必须”，“必需品”不报告；“权利”“权力”只在“权力寻租”“权利义务”这类固定搭配中检查。单位的旧称、领导的准确职务等可写入 words.wrong，单位名称、地方用语等确实要保留的写法可写入 words.allow。',
      en: 'Wrong characters come first in every proofreading service for official text. This rule looks up Jianggao\'s curated list (data/proofreading/typos.json, over 900 entries: sound-alike, shape-alike and set-phrase slips, with notes) on segmented words: the wrong form must stand as a word or a run of whole words, so 习贯 inside 学习贯彻 (学习/贯彻) and 立既 inside 建立既定目标 are not reported. Forms wrong only in context carry a guard: 截止目前 and 截止2023年底 take 截至, 截止日期 and 报名截止 are right; 必需加强 takes 必须, 必需品 is right; 权利/权力 are checked only in fixed collocations (权力寻租, 权利义务). Add your own pairs (a unit\'s old name, a leader\'s exact title) to words.wrong, and forms to keep (a company name, a local term) to words.allow.',
    },
    bad: [
      '同志们：\n希望大家再接再励，按步就班地把各项工作布署到位。',
      '截止目前，全市已完成投资120亿元。',
      '各级党组织必需加强对这项工作的领导。',
      '要坚决防止权利寻租，把权力关进制度的笼子。',
    ],
    good: [
      '同志们：\n希望大家再接再厉，按部就班地把各项工作部署到位。',
      '申报截止日期为6月30日，截至目前已有12家单位提交材料。',
      '生活必需品供应充足，我们必须加强市场监测。',
      '要深入学习贯彻会议精神，建立既有激励又有约束的机制。',
    ],
    options: {
      'words.wrong': { zh: '本单位的错词表：{"错误写法": "正确写法"}，按原样查找（不看分词）。', en: 'Your own pairs: {"wrong form": "right form"}, found as written (not on word boundaries).' },
      'words.allow': { zh: '允许的词：任何词语规则都不报告这些词（与 allowWords 合并）。', en: 'Allowed words: no word rule reports them (merged with allowWords).' },
    },
  },
  check(ctx): Finding[] {
    return paragraphFindings(ctx, 'typo', true, (p, m) => {
      const hits = wordHits(ctx, m, p, TYPO_LISTS, (h) => {
        if (h.payload.list === 'user') return !readsRight(p.text, h.start, h.payload.entry.wrong, h.payload.entry.right);
        if (h.payload.list !== 'typo') return false;
        const e = h.payload.entry;
        return guardHolds(p.text, h.start, h.end, e) && !readsRight(p.text, h.start, e.wrong, e.right);
      });
      const out: LocalFinding[] = [];
      for (const h of hits) {
        if (h.payload.list === 'user') {
          const { wrong, right } = h.payload.entry;
          out.push({ start: h.start, end: h.end, variant: 'user', data: { word: wrong, right, allowWord: wrong }, fix: { start: h.start, end: h.end, text: right } });
        } else if (h.payload.list === 'typo') {
          const e = h.payload.entry;
          out.push({
            start: h.start,
            end: h.end,
            data: { word: e.wrong, right: e.right, kind: e.kind, kindEn: KIND_EN[e.kind] ?? 'writing', note: e.note ?? '', allowWord: e.wrong },
            fix: { start: h.start, end: h.end, text: e.right },
          });
        }
      }
      return out;
    });
  },
};

const VARIANT_LISTS: ReadonlySet<Payload['list']> = new Set(['variant']);

/** 1 at each offset inside “…”: a quotation keeps its source's form (人材 in a classical line). */
function quotedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let inside = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“') inside = 1;
    else if (c === '”') inside = 0;
    mask[i] = inside;
  }
  return mask;
}

export const variantForm: RuleRecord = {
  id: 'variant-form',
  title: { zh: '异形词', en: 'Variant word form' },
  category: 'proofreading',
  severity: 'info',
  needsWords: true,
  description: {
    zh: '异形词：《第一批异形词整理表》（GF 1001-2001）不推荐的写法（份量→分量、笔划→笔画、宏扬→弘扬）',
    en: 'A non-recommended variant of 《第一批异形词整理表》 (GF 1001-2001): 份量→分量, 笔划→笔画, 宏扬→弘扬',
  },
  message: {
    zh: (d) => `“${d.word}”是异形词，《第一批异形词整理表》推荐写作“${d.right}”，公文宜改用推荐词形。`,
    en: (d) => `“${d.word}” is a variant form; the first table of variant forms (GF 1001-2001) recommends “${d.right}”, the form for official text.`,
  },
  fixTitle: { zh: '改用推荐词形', en: 'Use the recommended form' },
  fixKind: 'mechanical', // the same word in its recommended form: the meaning cannot change
  docs: {
    rationale: {
      zh: '异形词是读音、意义相同而写法不同的词。教育部、国家语委发布的《第一批异形词整理表》（GF 1001-2001）为每组异形词确定了推荐词形，公文和正式出版物应使用推荐词形。另一种写法并不是错字，所以本规则只作提示。数据在 data/proofreading/variants.json：整理表正文 338 组（不含附录 44 组；A 至 D 段和 Y、Z 两段已与整理表副本逐条核对，其余按整理表复原，见同目录 README.md），常被误当作第一批的“唯一—惟一”（第二批草案）、“其他—其它”等单列说明而不检查；“标识”（现已与“标志”分立）、“份子”（凑份子）、“双锁”（双人双锁）、“丁宁”“胡蝶”（人名）等在另一种读法里是独立的词或常见人名的写法，不报告；“政通人和，百废具兴”这类引自古文的说法和引号内的引文保持原文写法，不报告。',
      en: 'Variant forms are words with the same sound and meaning written differently. The 《第一批异形词整理表》 (GF 1001-2001) of the Ministry of Education and the State Language Commission names the recommended form of each group; official text and publications use it. The other form is not a misspelling, so this is information. The data (data/proofreading/variants.json) holds the table\'s 338 groups (not the appendix\'s 44; A to D and Y–Z checked line by line against copies of the table, the other letters reproduced, see the README there); pairs often taken for it but not in it (唯一/惟一, from the second-batch draft; 其他/其它) are listed apart and not checked. Variants that are words or common names in another reading (标识, now a word of its own; 份子 as in 凑份子; 双锁 as in 双人双锁; the names 丁宁 and 胡蝶) are not reported, nor are classical lines (政通人和，百废具兴) or anything inside quotation marks (a quotation keeps its source\'s form).',
    },
    bad: ['这批新闻稿份量重、影响大。', '要大力宏扬劳模精神，严格按照笔划顺序排列。'],
    good: ['这批新闻稿分量重、影响大。', '要大力弘扬劳模精神，严格按照笔画顺序排列。', '古人说：“人材之成出于学。”', '全市共有不稳定户12户。'],
  },
  check(ctx): Finding[] {
    return paragraphFindings(ctx, 'variant-form', true, (p, m) => {
      const out: LocalFinding[] = [];
      let quoted: Uint8Array | undefined;
      const hits = wordHits(ctx, m, p, VARIANT_LISTS, (h) => h.payload.list === 'variant' && !covered(p.text, h.start, h.end, h.payload.entry.except) && !(quoted ??= quotedMask(p.text))[h.start]);
      for (const h of hits) {
        if (h.payload.list !== 'variant') continue;
        const e = h.payload.entry;
        out.push({ start: h.start, end: h.end, data: { word: e.variant, right: e.norm, allowWord: e.variant }, fix: { start: h.start, end: h.end, text: e.norm } });
      }
      return out;
    });
  },
};
