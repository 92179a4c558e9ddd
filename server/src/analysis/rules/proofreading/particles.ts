// de-particle (的/地/得) and number-format (GB/T 15835-2011): only forms that are wrong in
// every reading of the sentence. Closed lists on both sides of the particle keep 的 where a
// noun phrase reading exists (认真的学习 in 这是一次认真的学习; 你说的很对 = what you said).

import { Finding, RuleRecord } from '../../types';
import { Paragraph } from '../../model';
import { boundariesOf, LocalFinding, paragraphFindings } from './lists';

/** Adjectives and adverbs that make an adverbial before a verb (认真地学习). */
const ADVERBIAL = '认真|积极|深入|扎实|切实|全面|坚决|主动|广泛|严格|充分|热情|稳步|持续|科学|合理|有效|及时|迅速|自觉|牢牢|紧紧|深深|默默|静静|慢慢|悄悄|渐渐|好好|认认真真|扎扎实实|踏踏实实|实实在在|一心一意|全心全意|坚定不移|毫不动摇|不折不扣|创造性|大胆|勇敢|努力|不断|逐步|大力|高效|精心|用心|耐心|细心';
/** Verbs after the adverbial. */
const VERB = '学习|推进|开展|落实|贯彻|抓好|做好|完成|推动|加强|执行|参与|支持|配合|实施|解决|提高|改进|投身|研究|思考|把握|坚持|维护|服务|奉献|干好|管好|用好|干|抓|做|去|把|为|向|跟|搞好|办好|整改|践行|履行|宣传|引导|组织|谋划|部署|应对|防范|化解|排查|推广|探索|建设';
/**
 * Verbs that are never the head of a noun phrase (做好, 抓好; prepositions 把, 向, 为): after
 * them 的 can only be 地. Any other verb of the list counts only with an aspect marker after it
 * (认真的学习了): 要认真的学习态度 is 要 + a noun phrase.
 */
const NEVER_NOMINAL = new Set(['抓好', '做好', '搞好', '办好', '干好', '管好', '用好', '把', '向', '为', '跟', '去', '干', '抓', '做']);
const ASPECT_AFTER = /^(?:了|着|过)/;
/** A noun-phrase reading after the verb: 在认真的学习中, 认真的学习是… */
const NOUN_AFTER = /^(?:中|里|上|时|后|过程|之|的|者|是|和|与|[。，；！？、：”）]|$)/;

const ADVERBIAL_RE = new RegExp(`(${ADVERBIAL})的(${VERB})`, 'g');

/** Verbs whose 的-form (跑的) is no noun phrase: V的很快 is a complement. */
const COMPLEMENT_VERB = '跑|走|飞|长|变|发展|进展|推进|开展|落实|完成|睡|笑|哭|跳|表现|来|起|运行|变化|增长|提高';
const DEGREE = '很|非常|十分|特别|更加|相当|比较|越来越|格外|极其';
const COMPLEMENT_ADJ = '快|慢|好|扎实|出色|顺利|圆满|到位|细致|精彩|红火|有效|及时|充分|深入|认真|积极|主动|早|晚|稳|热烈|成功|平稳|迅速|明显';
const COMPLEMENT_RE = new RegExp(`(?<!所)(${COMPLEMENT_VERB})的(${DEGREE})(${COMPLEMENT_ADJ})(?=[，。！；、,!;]|$)`, 'g');

export const deParticle: RuleRecord = {
  id: 'de-particle',
  title: { zh: '“的、地、得”用错', en: 'Wrong de particle (的/地/得)' },
  category: 'proofreading',
  severity: 'info',
  needsWords: true,
  description: {
    zh: '“的、地、得”用错：动词前的状语用“地”（要认真地学习），动词后的补语用“得”（发展得很快）',
    en: '的/地/得 misused: an adverbial before a verb takes 地 (要认真地学习), a complement after a verb takes 得 (发展得很快)',
  },
  message: {
    zh: (d) => `“${d.text}”：${d.role === 'adverbial' ? '修饰动词的状语后面用“地”' : '动词后面的补语前用“得”'}，应为“${d.right}”。`,
    en: (d) => `“${d.text}”: ${d.role === 'adverbial' ? 'an adverbial before a verb takes 地' : 'a complement after a verb takes 得'}; write “${d.right}”.`,
  },
  fixTitle: { zh: '改正“的、地、得”', en: 'Correct 的/地/得' },
  fixKind: 'decision', // a reading of the sentence, not a mark
  docs: {
    rationale: {
      zh: '“的、地、得”混用是公文中最常见的用字问题之一，但“认真的学习”在“这是一次认真的学习”里是对的，“你说的很对”也是对的（“你说的”是名词性短语）。本规则只报告句子没有第二种读法的情形：状语后面是不能作名词的动词（“认真的做好”“积极的向……学习”→“地”），或者动词后面带“了、着、过”（“认真的学习了文件”→“认真地学习了”）；“要认真的学习态度”里“认真的学习态度”是名词短语，不报告；以及“发展、推进、落实、完成”等动词后面接“很快、十分顺利”这类补语、并且到此结句的（“经济发展的很快。”→“发展得很快”）。拿不准的一概不报。',
      en: 'Mixing up 的/地/得 is among the most frequent slips in official text, but 认真的学习 is right in 这是一次认真的学习, and 你说的很对 is right too (你说的 is a noun phrase). This rule reports only sentences with no second reading: an adverbial before a verb that is never a noun (认真的做好, 积极的向…学习 → 地) or before a verb with 了/着/过 (认真的学习了文件 → 认真地学习了); in 要认真的学习态度 the words 认真的学习态度 are a noun phrase and are not reported; and verbs such as 发展, 推进, 落实, 完成 followed by a degree complement that ends the clause (经济发展的很快。→ 发展得很快). Anything in doubt is left alone.',
    },
    bad: ['我们要认真的做好这项工作。', '大家认真的学习了文件精神。', '今年全市经济发展的很快，各项工作推进的十分顺利。'],
    good: ['我们要认真地做好这项工作。', '这是一次认真的学习，大家收获很多。', '我们要认真的学习态度。', '你说的很对，我们做的很多工作还不够。', '要在认真的学习中提高本领。'],
  },
  check(ctx): Finding[] {
    return paragraphFindings(ctx, 'de-particle', true, (p, m) => {
      const out: LocalFinding[] = [];
      if (!p.text.includes('的')) return out;
      const found: Array<{ start: number; end: number; at: number; right: string; role: string }> = [];
      ADVERBIAL_RE.lastIndex = 0;
      for (let r: RegExpExecArray | null; (r = ADVERBIAL_RE.exec(p.text)); ) {
        const start = r.index;
        const at = start + r[1].length;
        const end = at + 1 + r[2].length;
        const after = p.text.slice(end, end + 2);
        if (NOUN_AFTER.test(after) || !(NEVER_NOMINAL.has(r[2]) || ASPECT_AFTER.test(after))) continue;
        found.push({ start, end, at, right: `${r[1]}地${r[2]}`, role: 'adverbial' });
      }
      COMPLEMENT_RE.lastIndex = 0;
      for (let r: RegExpExecArray | null; (r = COMPLEMENT_RE.exec(p.text)); ) {
        const start = r.index;
        const at = start + r[1].length;
        found.push({ start, end: start + r[0].length, at, right: `${r[1]}得${r[2]}${r[3]}`, role: 'complement' });
      }
      if (!found.length) return out;
      // The words must be what the pattern reads: 认真/的/学习, not 的确 or 学习班.
      const b = boundariesOf(m, ctx.words!, p.text);
      for (const f of found) {
        if (!b[f.start] || !b[f.at] || !b[f.at + 1] || !b[f.end]) continue;
        const text = p.text.slice(f.start, f.end);
        out.push({ start: f.start, end: f.end, data: { text, right: f.right, role: f.role, allowWord: text }, fix: { start: f.at, end: f.at + 1, text: f.role === 'adverbial' ? '地' : '得' } });
      }
      return out;
    });
  },
};

// ---------------------------------------------------------------------------------------

const YEAR_SHORT = /(?<![0-9０-９.．\/-])([0-9]{2})年(0?[1-9]|1[0-2])月(0?[1-9]|[12][0-9]|3[01])日/g;
/** 3-5年, 10-20个: a range written with a hyphen, before a unit (not a code, a date or a standard's number). */
const HYPHEN_RANGE = /(?<![0-9A-Za-z.．\/\-_:：#])([0-9]{1,4})[-－]([0-9]{1,4})(?![0-9\-－.．\/])(?=[年月日个万亿人名家项条次天周岁倍吨元户所台辆件场期届批轮座栋间处小时分钟公里米亩])/g;
/** 10-20%, 10～20%: the first number of a percentage range without its %. */
const PERCENT_RANGE = /(?<![0-9A-Za-z.．%％])([0-9]+(?:\.[0-9]+)?)\s*[-－～~—–]\s*([0-9]+(?:\.[0-9]+)?)\s*([%％])/g;
/** 3千万, 5百: digits with 十/百/千 as number words (万 and 亿 after digits are fine). */
const MIXED = /(?<![0-9.．])(?:([1-9])、)?([0-9]+(?:\.[0-9]+)?)(千万|百万|十万|千亿|百亿|千|百)(?![米克瓦焦卡伏帕赫分])/g;
const HAN_DIGIT = '〇一二三四五六七八九';
/** 二0二一年: a year of Chinese numerals with the digit 0 (or the letter O) for 〇. */
const ZERO_IN_HAN_YEAR = /[一二三四五六七八九〇○]{1,3}[0OoΟ][一二三四五六七八九〇○0OoΟ]{0,2}(?=年)/g;

function rangeOk(a: string, b: string): boolean {
  return Number(a) < Number(b);
}

export const numberFormat: RuleRecord = {
  id: 'number-format',
  title: { zh: '数字用法不规范', en: 'Wrong number form' },
  category: 'proofreading',
  severity: 'info',
  description: {
    zh: '数字用法不合 GB/T 15835-2011：年份省略（21年3月5日）、用连字符表示范围（3-5年）、数字与汉字数字混用（3千万、二0二一年）、百分数范围省去前一个%（10-20%）',
    en: 'Number forms against GB/T 15835-2011: a shortened year (21年3月5日), a range with a hyphen (3-5年), digits mixed with Chinese numerals (3千万, 二0二一年), a percentage range without the first % (10-20%)',
  },
  message: {
    zh: (d) => `“${d.text}”：${d.why}，应写作“${d.right}”。`,
    en: (d) => `“${d.text}”: ${d.whyEn}; write “${d.right}”.`,
  },
  fixTitle: { zh: '改为规范的数字写法', en: 'Use the standard number form' },
  fixKind: 'decision', // 3～5 or 3至5, 3000万 or 三千万: the writer chooses the form
  docs: {
    rationale: {
      zh: '《出版物上数字用法》（GB/T 15835-2011）规定：年份不能简写（“21年”应写全“2021年”）；数值范围用浪纹线“～”或“至”连接，不用连字符；一个数不能阿拉伯数字与“千、百”等汉字数字混写（“3千万”应为“3000万”或“三千万”；“万、亿”可以跟在阿拉伯数字后面）；百分数范围前一个数的百分号不能省略（“10%～20%”）。本规则只报告在任何读法下都不合规范的写法，不涉及数字用汉字还是阿拉伯数字这类风格问题；标准号、日期、编号中的连字符不报告。',
      en: 'GB/T 15835-2011 (numbers in publications) requires: no shortened year (21年 → 2021年); a range joined by ～ or 至, not a hyphen; no number mixing digits with 千/百 (3千万 → 3000万 or 三千万; 万 and 亿 after digits are fine); the first % of a percentage range kept (10%～20%). Only forms wrong in every reading are reported, never the choice between Chinese and Arabic numerals; hyphens in standard numbers, dates and codes are not reported.',
    },
    bad: ['21年3月5日，全市召开动员大会。', '力争用3-5年时间完成改造，增幅控制在10-20%。', '全年完成投资3千万元。', '二0二一年是“十四五”开局之年。'],
    good: ['2021年3月5日，全市召开动员大会。', '力争用3～5年时间完成改造，增幅控制在10%～20%。', '全年完成投资3000万元，约5万人受益。', '按照GB/T 15835-2011执行，联系电话0575-85123456，3千米长的绿道已经建成。'],
  },
  check(ctx): Finding[] {
    return paragraphFindings(ctx, 'number-format', false, (p) => {
      const out: LocalFinding[] = [];
      if (!/[0-9OoΟ]/.test(p.text)) return out;
      // Characters already in a finding (a mask: one long line may hold many findings).
      const taken = new Uint8Array(p.text.length);
      const add = (p: Paragraph, start: number, end: number, right: string, why: string, whyEn: string, fix?: string) => {
        for (let i = start; i < end; i++) if (taken[i]) return;
        taken.fill(1, start, end);
        const text = p.text.slice(start, end);
        out.push({ start, end, data: { text, right, why, whyEn }, fix: fix === undefined ? undefined : { start, end, text: fix } });
      };
      PERCENT_RANGE.lastIndex = 0;
      for (let r: RegExpExecArray | null; (r = PERCENT_RANGE.exec(p.text)); ) {
        if (!rangeOk(r[1], r[2])) continue;
        const right = `${r[1]}${r[3]}～${r[2]}${r[3]}`;
        add(p, r.index, r.index + r[0].length, right, '百分数范围前一个数的百分号不能省略，范围用“～”', 'the first number of a percentage range keeps its %, and a range takes ～', right);
      }
      HYPHEN_RANGE.lastIndex = 0;
      for (let r: RegExpExecArray | null; (r = HYPHEN_RANGE.exec(p.text)); ) {
        if (!rangeOk(r[1], r[2])) continue;
        // GB/T 15834-2011: a span of time (2021—2025年, 1—3月) takes 一字线 —, a range of values ～.
        const unit = p.text[r.index + r[0].length];
        const time = (unit === '年' && /^(?:19|20)[0-9]{2}$/.test(r[1]) && /^(?:19|20)[0-9]{2}$/.test(r[2])) || (unit === '月' && Number(r[2]) <= 12) || (unit === '日' && Number(r[2]) <= 31);
        // 5万～10万元: with 万 or 亿 both numbers keep the unit (5～10万 reads as 5 to 100,000).
        const big = unit === '万' || unit === '亿' ? unit : '';
        // The unit is part of what is flagged and what replaces it: “21-25亿” → “21亿～25亿”.
        const right = `${r[1]}${big}${time ? '—' : '～'}${r[2]}${big}`;
        add(p, r.index, r.index + r[0].length + big.length, right, time ? '时间的起止用一字线“—”或“至”连接，不用连字符' : '数值范围用浪纹线“～”或“至”连接，不用连字符', time ? 'a span of time is joined by — or 至, not a hyphen' : 'a range of values is joined by ～ or 至, not a hyphen', right);
      }
      YEAR_SHORT.lastIndex = 0;
      for (let r: RegExpExecArray | null; (r = YEAR_SHORT.exec(p.text)); ) {
        const yy = Number(r[1]);
        const full = `${yy <= (new Date().getFullYear() % 100) + 5 ? 20 : 19}${r[1]}年`;
        add(p, r.index, r.index + r[1].length + 1, full, '年份不能简写，要写全四位', 'a year is written with all four digits');
      }
      MIXED.lastIndex = 0;
      for (let r: RegExpExecArray | null; (r = MIXED.exec(p.text)); ) {
        const why = '一个数不能把阿拉伯数字与“千、百”等汉字数字混用';
        const whyEn = 'a number does not mix digits with 千/百';
        if (r[1]) {
          // 2、3百人: an approximate number of two neighbours is written in Chinese numerals, without 、.
          if (!/^[1-9]$/.test(r[2]) || Number(r[2]) !== Number(r[1]) + 1) continue;
          const right = `${HAN_DIGIT[Number(r[1])]}${HAN_DIGIT[Number(r[2])]}${r[3]}`;
          add(p, r.index, r.index + r[0].length, right, `${why}；相邻两个数表示概数用汉字数字，中间不加顿号`, `${whyEn}; an approximate number of two neighbours is written in Chinese numerals without 、`, right);
          continue;
        }
        const unit = { 千万: 10_000_000, 百万: 1_000_000, 十万: 100_000, 千亿: 100_000_000_000, 百亿: 10_000_000_000, 千: 1000, 百: 100 }[r[3]]!;
        const value = Number(r[2]) * unit;
        const tail = unit >= 100_000_000 ? '亿' : unit >= 10_000 ? '万' : '';
        const digits = Math.round((tail === '亿' ? value / 100_000_000 : tail === '万' ? value / 10_000 : value) * 1e6) / 1e6;
        if (!Number.isFinite(digits)) continue;
        const right = `${digits}${tail}`;
        add(p, r.index, r.index + r[0].length, right, why, whyEn, right);
      }
      ZERO_IN_HAN_YEAR.lastIndex = 0;
      for (let r: RegExpExecArray | null; (r = ZERO_IN_HAN_YEAR.exec(p.text)); ) {
        const right = r[0].replace(/[0OoΟ]/g, '〇');
        add(p, r.index, r.index + r[0].length, right, '汉字数字的年份里零写作“〇”，不用阿拉伯数字0或字母O', 'a year in Chinese numerals writes zero as 〇, not the digit 0 or the letter O', right);
      }
      return out;
    });
  },
};
