// Repetition: a word written twice (要要), a sentence said twice, a phrase the audience hears
// again and again, a paragraph that is a near copy of another, a paragraph pasted from
// another speech. Word-level checks run on segmented words, so 紧紧 and 工作作风 (工作/作风)
// are not slips. They are tuned to stay quiet on normal official prose: noise gets a checker
// switched off.

import lists from '../data/words.json';
import { comparisonKey, reusableParagraphs } from '../corpus';
import { TextCache } from '../lru';
import { threshold } from '../options';
import { Paragraph, Speech } from '../model';
import { spokenLength } from '../text';
import { Edit, Finding, RelatedLocation, RuleContext, RuleRecord, WordSegmenter } from '../types';

const HAN_WORD = /^\p{Script=Han}+$/u;
const SPACE_WORD = /^[ \t\u3000\u00a0]+$/;
const SLIP_CHARS = new Set([...lists.slipChars]);
/** A slip character written twice in a row (要要, 的的; also 了了 that the dictionary holds as one word). */
const SLIP_DOUBLED = new RegExp(`([${lists.slipChars}])\\1`);
const LEGITIMATE_DOUBLES = new Set(lists.legitimateDoubles);
const STOCK_PHRASES = new Set(lists.stockPhrases);

// ---------------------------------------------------------------------------------------
// Shared: words and sentences of paragraphs, keys that ignore layout and punctuation width.

interface Word {
  text: string;
  /** Offsets into the paragraph's text. */
  start: number;
  end: number;
}

/**
 * A paragraph's words, compactly (a long session keeps many): where each starts (and, one
 * past the last, where the text ends), each word's interned id, and the indices of the words
 * that are not spaces. A word's text is `wordTexts[id]`.
 */
interface Words {
  starts: Int32Array;
  ids: Int32Array;
  spoken: Int32Array;
}

/** Word ids for the process; reset (with the caches that hold ids) if junk input bloats it. */
let wordIds = new Map<string, number>();
let wordTexts: string[] = [];
let wordIsHan: boolean[] = [];
const MAX_WORD_IDS = 1 << 17;

// Words of paragraph texts per segmenter, kept across analyses: re-analysis after an edit
// rebuilds only the changed paragraph's (the segmenter itself caches its cuts the same way).
// Bounded by characters (lru.ts): every edit makes a new paragraph text, and a cache bounded
// by entries grew by one paragraph's words per edit for 20,000 edits (the soak bench).
let wordCache = new WeakMap<WordSegmenter, TextCache<Words>>();

function wordsOf(ctx: RuleContext, p: Paragraph): Words {
  let cache = wordCache.get(ctx.words!);
  if (!cache) wordCache.set(ctx.words!, (cache = new TextCache()));
  const hit = cache.get(p.text);
  if (hit) return hit;
  const cut = ctx.words!.cut(p.text);
  const starts = new Int32Array(cut.length + 1);
  const ids = new Int32Array(cut.length);
  const spoken: number[] = [];
  let at = 0;
  cut.forEach((w, i) => {
    starts[i] = at;
    at += w.length;
    let id = wordIds.get(w);
    if (id === undefined) {
      wordIds.set(w, (id = wordTexts.length));
      wordTexts.push(w);
      wordIsHan.push(HAN_WORD.test(w));
    }
    ids[i] = id;
    if (!SPACE_WORD.test(w)) spoken.push(i);
  });
  starts[cut.length] = at;
  const words = { starts, ids, spoken: Int32Array.from(spoken) };
  cache.set(p.text, words);
  return words;
}

/** Word i of a paragraph's words, as an object (only where a finding is being built). */
function wordAt(words: Words, i: number): Word {
  return { text: wordTexts[words.ids[i]], start: words.starts[i], end: words.starts[i + 1] };
}

/** Called before ids are used in an analysis: a vocabulary past the key space starts afresh. */
function boundWordIds(): void {
  if (wordIds.size < MAX_WORD_IDS) return;
  wordIds = new Map();
  wordTexts = [];
  wordIsHan = [];
  wordCache = new WeakMap();
}

interface Sentence {
  paragraph: Paragraph;
  /** Index of the paragraph among the speech's paragraphs. */
  paragraphIndex: number;
  /** Offsets into the paragraph's text. */
  start: number;
  end: number;
}

const SENTENCE_END = /[。！？!?]+[”’」』"')）]*|……[”’」』]*/g;

/** Sentences of a speech's prose, in order. */
function sentencesOf(ctx: RuleContext, speech: Speech): Sentence[] {
  return ctx.memo(`repetition.sentences.${speech.index}`, () => {
    const out: Sentence[] = [];
    speech.paragraphs.forEach((p, paragraphIndex) => {
      let from = 0;
      SENTENCE_END.lastIndex = 0;
      let m: RegExpExecArray | null;
      const push = (end: number) => {
        let start = from;
        while (start < end && /\s/.test(p.text[start])) start++;
        if (end > start) out.push({ paragraph: p, paragraphIndex, start, end });
      };
      while ((m = SENTENCE_END.exec(p.text))) {
        push(m.index + m[0].length);
        from = m.index + m[0].length;
      }
      push(p.text.length);
    });
    return out;
  });
}

/** Document range of [start, end) of a paragraph's text. */
function rangeIn(p: Paragraph, start: number, end: number): { start: number; end: number } {
  return { start: p.offsetOf(start), end: p.offsetOf(Math.max(start, end - 1)) + 1 };
}

/** Whether [start, end) of a paragraph's text lies on one line (a fix may then delete it). */
function contiguous(p: Paragraph, start: number, end: number): boolean {
  return end > start && p.offsetOf(end - 1) - p.offsetOf(start) === end - 1 - start;
}

function lineOf(ctx: RuleContext, offset: number): number {
  return ctx.model.lineIndex.lineAt(offset) + 1;
}

function allowed(ctx: RuleContext, ...words: string[]): boolean {
  return words.some((w) => ctx.options.allowWords.includes(w));
}

// ---------------------------------------------------------------------------------------

/** A word that is a slip when written twice: a function character, or any longer word not reduplicated by usage. */
function slipWhenDoubled(word: string): boolean {
  if (!HAN_WORD.test(word)) return false;
  if (word.length === 1) return SLIP_CHARS.has(word);
  // 一件一件, 一步一步, 两个两个: a numeral and its measure word are repeated by usage.
  if (/^[一二两三四五六七八九十百千万几]/.test(word)) return false;
  return !LEGITIMATE_DOUBLES.has(word);
}

export const doubledWord: RuleRecord = {
  id: 'doubled-word',
  title: { zh: '词语重复', en: 'Doubled word' },
  category: 'repetition',
  severity: 'warning',
  needsWords: true,
  description: {
    zh: '同一个词连写两次（要要、的的、进一步进一步），且不是正常的叠词',
    en: 'The same word twice in a row (要要, 的的, 进一步进一步) that is not a legitimate reduplication',
  },
  message: {
    zh: (d) => `“${d.text}”：“${d.word}”连写了${d.times}次，多半是笔误，请删去重复的部分。`,
    en: (d) => `“${d.text}”: the word “${d.word}” is written ${d.times} times in a row, most likely a slip; delete the repetition.`,
  },
  variants: {
    ambiguous: {
      zh: (d) => `“${d.text}”：“${d.word}”连写了两次。若本意就是“${d.first}”加“${d.second}”，可以不改；否则请删去一个“${d.word}”。`,
      en: (d) => `“${d.text}”: “${d.word}” twice in a row. If “${d.first}” followed by “${d.second}” is meant, leave it; otherwise delete one “${d.word}”.`,
    },
  },
  fixTitle: { zh: '删去重复的词', en: 'Delete the repeated word' },
  fixKind: 'decision', // deletes a word: a false doubling would lose it
  docs: {
    rationale: {
      zh: '改稿时删改、粘贴，常留下“要要”“的的”这样连写两次的词，念出来很刺耳。本规则在分词结果上检查：紧紧、牢牢、实实在在、方方面面等叠词，“一件一件”这类数量词重叠，以及“工作作风”（工作/作风）、“需要要求”（需要/要求）这类只是字面相邻的词都不会报告。单字只检查“的、要、是、在、和”等不会正常叠用的虚词；“研究研究”“非常非常”这类口语叠用不报告。“都要要”“要要素”即使分词时有一个“要”并入了相邻的词，也照样报告；“要要求”“就要要求”既可能是笔误，也可能本意就是“要/要求”，以提示级别报告。个别确实需要叠用的词可加入 allowWords。',
      en: 'Editing and pasting leave words written twice (要要, 的的), which sound jarring when read out. The check runs on segmented words, so reduplications (紧紧, 牢牢, 实实在在, 方方面面), repeated measure words (一件一件) and words that only touch across a word boundary (工作作风 = 工作/作风, 需要要求 = 需要/要求) are not reported. Single characters are checked only for function words (的, 要, 是, 在, 和 …) that are never reduplicated; colloquial doubling (研究研究, 非常非常) is not reported. A slip is still found when the segmenter joined one of the two characters to a neighbouring word (都要要, 要要素); where the text also reads as two proper words (要要求 = 要/要求), it is reported as information. Add a word to allowWords to allow its doubling.',
    },
    bad: ['全市各级群团组织要要牢牢把握群众性这个根本特点。', '这是我们工作的的重点。', '我们要进一步进一步加强组织领导。', '各级干部都要要提高认识。', '这就要要求我们加倍努力。', '这次会议主要要是听取大家的意见。'],
    good: [
      '我们要紧紧围绕中心、牢牢把握方向，实实在在为群众办事，方方面面都要考虑到。',
      '要切实转变工作作风，满足群众需要要求的服务。',
      '大家要认认真真学习，回去再好好研究研究，看一看还有哪些不足。',
      '人人都要参与，不仅仅是干部，常常、天天都要抓，等等。',
      '一件一件抓落实，一步一步向前走。',
      '今年工作的主要要求是稳中求进。',
    ],
    options: {
      allowWords: { zh: '允许叠用的词（如 ["研究研究"] 或 ["看看"]），这些词连写不报告。', en: 'Words whose doubling is allowed (e.g. ["研究研究"]); they are not reported.' },
    },
  },
  check(ctx): Finding[] {
    const out: Finding[] = [];
    boundWordIds();
    for (const p of ctx.model.paragraphs) {
      // Spaces between the two words do not make them less doubled (要 要). Most paragraphs
      // have no two equal words in a row and no doubled slip character: nothing to build.
      const compact = wordsOf(ctx, p);
      const { ids, spoken } = compact;
      let candidate = SLIP_DOUBLED.test(p.text);
      for (let k = 0; !candidate && k + 1 < spoken.length; k++) candidate = ids[spoken[k]] === ids[spoken[k + 1]];
      if (!candidate) continue;
      const words = Array.from(spoken, (i) => wordAt(compact, i));
      const inRun = new Set<number>();
      let i = 0;
      while (i < words.length) {
        const w = words[i];
        let j = i;
        while (j + 1 < words.length && words[j + 1].text === w.text) j++;
        const from = i;
        i = j + 1;
        if (j === from) {
          // A slip character twice that the dictionary holds as one word (了了, 于于).
          if (w.text.length === 2 && w.text[0] === w.text[1] && SLIP_CHARS.has(w.text[0]) && !allowed(ctx, w.text)) {
            out.push(doubledFinding(p, w.text[0], 2, w.start, w.end, w.start + 1));
          }
          continue;
        }
        for (let k = from; k <= j; k++) inRun.add(k);
        if (!slipWhenDoubled(w.text) || allowed(ctx, w.text, w.text + w.text)) continue;
        // AABB and …XXYY forms the dictionary does not know (和和美美) are reduplication.
        const pairBefore = from >= 2 && words[from - 1].text === words[from - 2].text && words[from - 1].text.length === w.text.length;
        const pairAfter = j + 2 < words.length && words[j + 1].text === words[j + 2].text && words[j + 1].text.length === w.text.length;
        if (j - from === 1 && (pairBefore || pairAfter)) continue;
        out.push(doubledFinding(p, w.text, j - from + 1, words[from].start, words[j].end, words[from].end));
      }
      // 要要 and 的的 where the segmenter joined one of the two to a neighbour (都要/要, 要/要素).
      for (let k = 0; k + 1 < words.length; k++) {
        if (inRun.has(k) || inRun.has(k + 1)) continue;
        const a = words[k];
        const b = words[k + 1];
        const joined = joinedDouble(a.text, b.text);
        if (!joined || allowed(ctx, a.text + b.text, joined.char + joined.char)) continue;
        const [start, end] = joined.single === 'a' ? [a.start, b.start + 1] : joined.single === 'b' ? [a.end - 1, b.end] : [a.end - 1, b.start + 1];
        // The fix deletes the lone character (or the last of the first word: 就要要求 → 就要求).
        const [from, to] = joined.single === 'a' ? [a.start, a.end] : joined.single === 'b' ? [b.start, b.end] : [a.end - 1, a.end];
        const fix: Edit[] | undefined = contiguous(p, from, to) ? [{ ...rangeIn(p, from, to), text: '' }] : undefined;
        out.push({
          ...rangeIn(p, start, end),
          data: { text: p.text.slice(start, end), word: joined.char, times: 2, words: a.text + b.text, first: a.text, second: b.text },
          variant: joined.ambiguous ? 'ambiguous' : undefined,
          severity: joined.ambiguous ? 'info' : undefined,
          fix,
        });
      }
    }
    return out;
  },
};

type JoinedLists = { ambiguousBefore: string[]; ambiguousAfter: string[]; ambiguousAfterWord: string[]; legitimateBefore: string[]; legitimateAfter: string[]; slipBefore: string[] };
const JOINED = lists.joined as Record<string, JoinedLists>;

/** 要/要素, 都要/要: a slip character doubled, one of the two joined to a neighbouring word. */
function joinedDouble(a: string, b: string): { char: string; single: 'a' | 'b' | 'none'; ambiguous: boolean } | undefined {
  if (!HAN_WORD.test(a) || !HAN_WORD.test(b)) return undefined;
  if (a.length === 1 && b.length >= 2 && b[0] === a && JOINED[a]) {
    if (JOINED[a].legitimateAfter.includes(b)) return undefined;
    return { char: a, single: 'a', ambiguous: JOINED[a].ambiguousAfter.includes(b) };
  }
  if (b.length === 1 && a.length >= 2 && a[a.length - 1] === b && JOINED[b]) {
    if (JOINED[b].legitimateBefore.includes(a)) return undefined;
    return { char: b, single: 'b', ambiguous: JOINED[b].ambiguousBefore.includes(a) };
  }
  // 就要/要求: two words, but 就要 never takes 要 again (需要/要求 is fine and stays silent);
  // 主要/要是 (主要要是) is read as a doubled 要 too.
  const x = a[a.length - 1];
  if (a.length >= 2 && b.length >= 2 && b[0] === x && JOINED[x]) {
    if (JOINED[x].slipBefore.includes(a)) return { char: x, single: 'none', ambiguous: true };
    if (JOINED[x].ambiguousBefore.includes(a) && JOINED[x].ambiguousAfterWord.includes(b)) return { char: x, single: 'none', ambiguous: true };
  }
  return undefined;
}

/** A doubled run [start, end) of a paragraph's text; the fix deletes [keepEnd, end). */
function doubledFinding(p: Paragraph, word: string, times: number, start: number, end: number, keepEnd: number): Finding {
  const fix: Edit[] | undefined = contiguous(p, keepEnd, end) ? [{ ...rangeIn(p, keepEnd, end), text: '' }] : undefined;
  return { ...rangeIn(p, start, end), data: { text: p.text.slice(start, end), word, times }, fix };
}

// ---------------------------------------------------------------------------------------

export const repeatedSentence: RuleRecord = {
  id: 'repeated-sentence',
  title: { zh: '句子重复', en: 'Repeated sentence' },
  category: 'repetition',
  severity: 'warning',
  description: { zh: '同一篇讲话中同一句话出现两次', en: 'The same sentence twice in one speech' },
  message: {
    zh: (d) => `${Number(d.count) > 1 ? `这${d.count}句话` : '这句话'}在第${d.line}行已经出现过：删去一处，或改写其中一处。`,
    en: (d) => `${Number(d.count) > 1 ? `These ${d.count} sentences were` : 'This sentence was'} already said on line ${d.line}: delete one occurrence or reword it.`,
  },
  docs: {
    rationale: {
      zh: '多轮修改、从别处粘贴时，同一句话常被留下两遍，念稿时听众一下就能听出来。本规则在同一篇讲话内找出完全相同的句子（不计空格和标点的全角半角），指出前一处的位置；连续重复的几句合并报告。太短的句子（如“谢谢大家！”）不计。',
      en: 'After rounds of edits and pastes the same sentence is often left in twice, and listeners notice at once. This rule finds identical sentences within one speech (ignoring spaces and punctuation width) and points to the earlier one; consecutive repeated sentences are reported together. Short sentences (谢谢大家！) are not counted.',
    },
    bad: [
      '同志们：\n今年全市经济运行总体平稳，主要指标好于预期。我们要保持定力。今年全市经济运行总体平稳，主要指标好于预期。',
      '同志们：\n要把安全生产责任落实到每一个岗位、每一个环节。\n各部门要加强协作。要把安全生产责任落实到每一个岗位、每一个环节。',
    ],
    good: [
      '同志们：\n今年全市经济运行总体平稳，主要指标好于预期。明年全市经济运行要保持平稳，主要指标要好于预期。',
      '第一篇：开幕词\n同志们：\n我们要把安全生产责任落实到每一个岗位。\n第二篇：闭幕词\n同志们：\n我们要把安全生产责任落实到每一个岗位。',
      '同志们：\n谢谢大家！\n谢谢大家！',
    ],
    options: {
      'thresholds["repeated-sentence.minChars"]': {
        zh: '参与比较的句子至少有多少个字（汉字、字母、数字），默认 12。',
        en: 'Shortest sentence compared, in characters read aloud (Han, letters, digits); default 12.',
      },
    },
  },
  check(ctx): Finding[] {
    const minChars = threshold(ctx.options, 'repeated-sentence.minChars', 12);
    const out: Finding[] = [];
    for (const speech of ctx.model.speeches) {
      const sentences = sentencesOf(ctx, speech);
      const first = new Map<string, number>();
      // Consecutive repeats (a pasted run of sentences) make one finding.
      let run: { from: number; to: number; original: number; originalEnd: number } | undefined;
      const flush = () => {
        if (!run) return;
        const a = sentences[run.from];
        const b = sentences[run.to];
        const o = sentences[run.original];
        const oe = sentences[run.originalEnd];
        const start = a.paragraph.offsetOf(a.start);
        const end = rangeIn(b.paragraph, b.start, b.end).end;
        const original = { start: o.paragraph.offsetOf(o.start), end: rangeIn(oe.paragraph, oe.start, oe.end).end };
        out.push({
          start, end,
          data: { line: lineOf(ctx, original.start), count: run.to - run.from + 1 },
          related: [{ ...original, note: { zh: '第一次出现的位置', en: 'first occurrence' } }],
        });
        run = undefined;
      };
      sentences.forEach((s, k) => {
        const text = s.paragraph.text.slice(s.start, s.end);
        // The key is never shorter than the characters read aloud: a cheap first filter.
        const key = text.length >= minChars ? comparisonKey(text).replace(/[。！？!?…”’」』"')）]+$/, '') : '';
        const earlier = key.length >= minChars ? first.get(key) : undefined;
        if (earlier === undefined || spokenLength(text) < minChars) {
          flush();
          if (key.length >= minChars && earlier === undefined) first.set(key, k);
          return;
        }
        if (run && run.to === k - 1 && run.originalEnd === earlier - 1 && earlier < run.from) {
          run.to = k;
          run.originalEnd = earlier;
        } else {
          flush();
          run = { from: k, to: k, original: earlier, originalEnd: earlier };
        }
      });
      flush();
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------

const MEETING = /(?:召开|举行|参加|出席)[^。，,；]{2,40}?(?:会议|大会|座谈会|推进会|动员会|现场会|表彰会|论坛|开幕式)/;

interface PhraseHit {
  sentence: number;
  paragraph: Paragraph;
  paragraphIndex: number;
  /** Index of the first word in the paragraph's word list. */
  word: number;
  length: number;
}

export const overusedPhrase: RuleRecord = {
  id: 'overused-phrase',
  title: { zh: '说法用得太多', en: 'Overused phrase' },
  category: 'repetition',
  severity: 'info',
  needsWords: true,
  description: {
    zh: '同一个说法在相邻几句中反复出现，听众会注意到（同一段内的排比不算）',
    en: 'A phrase used so often that listeners notice (not deliberate 排比 inside one paragraph)',
  },
  message: {
    zh: (d) => `“${d.phrase}”在相邻的${d.window}句中出现了${d.count}次（本篇共${d.total}次）：听众会注意到，可换一种说法或合并。`,
    en: (d) => `“${d.phrase}” comes ${d.count} times within ${d.window} sentences (${d.total} in this speech): listeners notice; vary the wording or merge the sentences.`,
  },
  docs: {
    rationale: {
      zh: '讲话是听的，同一个说法在几句之内反复出现，听众会明显感到重复。主题词（如群团工作会议上的“群团工作”）和本文体的常用语（进一步、切实、高度重视、充分发挥……）不算；同一段内的排比（“在……上争当先进”连用）是有意为之，也不算。只有同一说法在相邻几句、跨段落反复出现时才提示。',
      en: 'A speech is heard, and the same phrase again within a few sentences is noticed. Topic words (群团工作 at a 群团 meeting) and the stock phrases of the genre (进一步, 切实, 高度重视, 充分发挥 …) do not count, and parallel clauses inside one paragraph are deliberate 排比. Only a phrase that comes again and again within a few sentences, across paragraphs, is reported.',
    },
    bad: [
      '同志们：\n今年我们狠抓项目建设，重点项目取得了显著成效。\n招商引资取得了显著成效，一批企业落户园区。\n民生实事也取得了显著成效，群众满意度提升。',
    ],
    good: [
      '同志们：\n要在服务大局上争当先进，在联系群众上争当先进，在改革创新上争当先进，在作风建设上争当先进。',
      '同志们：\n我们要进一步加强领导。\n要进一步加强督查。\n要进一步加强宣传。',
      '同志们：\n今年重点项目取得了显著成效。\n我们还要继续努力，把各项任务抓实抓细，确保全年目标圆满完成，向全市人民交出一份满意的答卷。下半年任务依然繁重，必须保持定力、攻坚克难，一刻也不能放松。\n招商引资同样取得了显著成效。',
    ],
    options: {
      'thresholds["overused-phrase.count"]': { zh: '在窗口内出现多少次才提示，默认 3。', en: 'Occurrences within the window before it is reported; default 3.' },
      'thresholds["overused-phrase.window"]': { zh: '窗口的句数，默认 5。', en: 'Window size in sentences; default 5.' },
      'thresholds["overused-phrase.minChars"]': { zh: '说法至少有多少个字，默认 4。', en: 'Shortest phrase, in characters; default 4.' },
      'thresholds["overused-phrase.topicShare"]': {
        zh: '出现在本篇多大比例（0–1）的段落中就视为主题词而不提示，默认 0.25。',
        en: 'Share (0–1) of the speech’s paragraphs a phrase may appear in before it counts as the topic and is not reported; default 0.25.',
      },
    },
  },
  check(ctx): Finding[] {
    const minCount = Math.max(2, threshold(ctx.options, 'overused-phrase.count', 3));
    const window = Math.max(1, threshold(ctx.options, 'overused-phrase.window', 5));
    const minChars = threshold(ctx.options, 'overused-phrase.minChars', 4);
    const topicShare = threshold(ctx.options, 'overused-phrase.topicShare', 0.25);
    const out: Finding[] = [];
    boundWordIds();
    for (const speech of ctx.model.speeches) out.push(...overusedIn(ctx, speech, { minCount, window, minChars, topicShare }));
    return out;
  },
};

/**
 * Calls `visit` for every phrase of a sentence: runs of two or three Han words, not starting or
 * ending with a single character (的, 要 …), at least `minChars` long, not made of stock words
 * alone. The key is numeric, from the words' ids: 2-word keys below 2^34, 3-word keys above 2^51.
 */
function phrasesOf(ctx: RuleContext, s: Sentence, minChars: number, visit: (key: number, word: number, length: number) => void): void {
  const { starts, ids } = wordsOf(ctx, s.paragraph);
  const count = ids.length;
  // The sentence's first word, by binary search: a scan from the paragraph's start for every
  // sentence was quadratic in a long paragraph (seconds on a 80,000-character line).
  let i = 0;
  for (let hi = count; i < hi;) {
    const mid = (i + hi) >> 1;
    if (starts[mid + 1] <= s.start) i = mid + 1;
    else hi = mid;
  }
  for (; i + 1 < count && starts[i] < s.end; i++) {
    const first = wordTexts[ids[i]];
    if (first.length === 1 || ids[i] >= PHRASE_KEY || !wordIsHan[ids[i]]) continue;
    let chars = first.length;
    let key = ids[i];
    let stockOnly = STOCK_PHRASES.has(first);
    for (let n = 2; n <= 3 && i + n - 1 < count && starts[i + n] <= s.end; n++) {
      const w = wordTexts[ids[i + n - 1]];
      if (ids[i + n - 1] >= PHRASE_KEY || !wordIsHan[ids[i + n - 1]]) break;
      chars += w.length;
      key = key * PHRASE_KEY + ids[i + n - 1];
      stockOnly = stockOnly && STOCK_PHRASES.has(w);
      if (w.length === 1 || chars < minChars || stockOnly) continue;
      visit(n === 3 ? THREE_WORDS + key : key, i, n);
    }
  }
}

const PHRASE_KEY = 1 << 17;
const THREE_WORDS = 2 ** 51;

function overusedIn(ctx: RuleContext, speech: Speech, t: { minCount: number; window: number; minChars: number; topicShare: number }): Finding[] {
  const sentences = sentencesOf(ctx, speech);
  // Pass 1: count phrases over a sliding window of sentences; a phrase reaching the count is a candidate.
  const inWindow = new Map<number, number>();
  const keys: number[] = [];
  const sentenceEnds: number[] = [];
  const candidates = new Set<number>();
  sentences.forEach((s, k) => {
    phrasesOf(ctx, s, t.minChars, (key) => {
      keys.push(key);
      const c = (inWindow.get(key) ?? 0) + 1;
      inWindow.set(key, c);
      if (c >= t.minCount) candidates.add(key);
    });
    sentenceEnds.push(keys.length);
    if (k >= t.window - 1) {
      const leaving = k - t.window + 1;
      for (let j = leaving ? sentenceEnds[leaving - 1] : 0; j < sentenceEnds[leaving]; j++) {
        const c = inWindow.get(keys[j])! - 1;
        if (c) inWindow.set(keys[j], c);
        else inWindow.delete(keys[j]);
      }
    }
  });
  if (candidates.size === 0) return [];
  // Pass 2: every place of the candidates.
  const hits = new Map<number, PhraseHit[]>();
  sentences.forEach((s, k) => {
    phrasesOf(ctx, s, t.minChars, (key, word, length) => {
      if (!candidates.has(key)) return;
      let list = hits.get(key);
      if (!list) hits.set(key, (list = []));
      list.push({ sentence: k, paragraph: s.paragraph, paragraphIndex: s.paragraphIndex, word, length });
    });
  });
  // Paragraphs of prose: a salutation line or a heading standing alone is none, so putting either
  // on its own line (what fix-all does to a merged one) does not change what counts as the topic.
  const headingOnly = new Set(speech.allItems.filter((x) => x.marker.kind === 'heading' && x.paragraph.end <= x.titleEnd).map((x) => x.paragraph));
  const paragraphCount = speech.paragraphs.filter((p) => p.role !== 'salutation' && !headingOnly.has(p)).length;
  // What the meeting is about: the title, and the meeting the opening names (召开全市文化旅游工作会议).
  const meeting = speech.paragraphs.slice(0, 3).map((p) => MEETING.exec(p.text)?.[0] ?? '');
  const topic = comparisonKey([speech.title?.text ?? '', speech.header?.text ?? '', ...meeting].join('|'));
  const reported: Array<{ start: number; end: number }> = [];
  const findings: Finding[] = [];
  // Three-word phrases first; a phrase already reported (widened) is not reported again.
  const ordered = [...candidates].sort((a, b) => b - a);
  for (const key of ordered) {
    const list = hits.get(key)!;
    // The topic of the speech (群团工作 at a 群团 meeting) is everywhere, and that is fine:
    // it is named in the title or the opening sentence, or spread over much of the speech.
    const paragraphsWith = new Set(list.map((h) => h.paragraphIndex)).size;
    if (paragraphsWith >= Math.max(4, t.topicShare * paragraphCount)) continue;
    const h0 = list[0];
    const w0 = wordsOf(ctx, h0.paragraph);
    const text = h0.paragraph.text.slice(w0.starts[h0.word], w0.starts[h0.word + h0.length]);
    if (topic.includes(text) || STOCK_PHRASES.has(text)) continue;
    for (let a = 0; a < list.length; a++) {
      let b = a;
      while (b + 1 < list.length && list[b + 1].sentence - list[a].sentence < t.window) b++;
      const cluster = list.slice(a, b + 1);
      if (cluster.length < t.minCount) continue;
      // Parallel clauses inside one paragraph are deliberate (排比), and so are paragraphs
      // that open alike (向先进学习，首先要… / 向先进学习，就要…).
      if (new Set(cluster.map((h) => h.paragraphIndex)).size < 2) continue;
      if (parallelOpenings(cluster, sentences)) continue;
      const spans = widest(ctx, cluster, sentences);
      const ranges = spans.map((x) => rangeIn(x.paragraph, x.start, x.end));
      a = b;
      if (ranges.every((r) => reported.some((x) => x.start <= r.start && r.end <= x.end))) continue;
      reported.push(...ranges);
      const phrase = spans[0].paragraph.text.slice(spans[0].start, spans[0].end);
      const related: RelatedLocation[] = ranges.slice(1).map((r, k) => ({ ...r, note: { zh: `第${k + 2}次`, en: `occurrence ${k + 2}` } }));
      findings.push({
        ...ranges[0],
        data: { phrase, count: cluster.length, window: t.window, total: list.length },
        related,
      });
    }
  }
  return findings;
}

/** All occurrences in the first sentence of paragraphs that begin with the same words. */
function parallelOpenings(cluster: PhraseHit[], sentences: Sentence[]): boolean {
  if (!cluster.every((h) => h.sentence === 0 || sentences[h.sentence - 1].paragraph !== h.paragraph)) return false;
  const openings = [...new Set(cluster.map((h) => h.paragraph))].map((p) => comparisonKey(p.marker ? p.text.slice(p.marker.end - p.start) : p.text));
  let common = 0;
  while (common < openings[0].length && openings.every((o) => o[common] === openings[0][common])) common++;
  return common >= 3;
}

/** The occurrences widened to the longest run of words they all share (取得了显著 → 取得了显著成效). */
function widest(ctx: RuleContext, cluster: PhraseHit[], sentences: Sentence[]): Array<{ paragraph: Paragraph; start: number; end: number }> {
  const spans = cluster.map((h) => ({ h, words: wordsOf(ctx, h.paragraph), from: h.word, to: h.word + h.length - 1 }));
  const inSentence = (x: (typeof spans)[0], k: number) => {
    const s = sentences[x.h.sentence];
    return k >= 0 && k < x.words.ids.length && x.words.starts[k] >= s.start && x.words.starts[k + 1] <= s.end && wordIsHan[x.words.ids[k]];
  };
  const same = (step: (x: (typeof spans)[0]) => number) =>
    spans.every((x) => inSentence(x, step(x)) && x.words.ids[step(x)] === spans[0].words.ids[step(spans[0])]);
  for (let n = 0; n < 8 && same((x) => x.to + 1); n++) for (const x of spans) x.to++;
  for (let n = 0; n < 8 && same((x) => x.from - 1); n++) for (const x of spans) x.from--;
  return spans.map((x) => ({ paragraph: x.h.paragraph, start: x.words.starts[x.from], end: x.words.starts[x.to + 1] }));
}

// ---------------------------------------------------------------------------------------
// Paragraph fingerprints: character 4-grams, hashed; MinHash bands find candidate pairs in
// linear time (every pair of paragraphs would be quadratic in a long draft).

const SHINGLE = 4;
const BANDS = 4;
const ROWS = 2;
const MAX_CANDIDATES = 20;

interface Fingerprint {
  paragraph: Paragraph;
  key: string;
  /** Characters read aloud (Han, letters, digits). */
  chars: number;
  /** Sorted distinct shingle hashes, and the MinHash bands of them. */
  shingles: Uint32Array;
  bands: string[];
}

// Fingerprints by paragraph text, kept across analyses (an edit changes one paragraph);
// bounded by characters, like the words.
const fingerprints = new TextCache<Omit<Fingerprint, 'paragraph'>>();

function fingerprint(p: Paragraph): Fingerprint {
  let f = fingerprints.get(p.text);
  if (!f) {
    const chars = spokenCodes(p.text);
    const set = new Set<number>();
    for (let i = 0; i + SHINGLE <= chars.length; i++) {
      let h = 2166136261;
      for (let k = 0; k < SHINGLE; k++) h = Math.imul(h ^ chars[i + k], 16777619);
      set.add(h >>> 0);
    }
    const shingles = Uint32Array.from(set).sort();
    const hashes = minHashes(shingles);
    const bands = Array.from({ length: BANDS }, (_, b) => `${b}:${hashes.slice(b * ROWS, (b + 1) * ROWS).join(':')}`);
    f = { key: comparisonKey(p.text), chars: chars.length, shingles, bands };
    fingerprints.set(p.text, f);
  }
  return { ...f, paragraph: p };
}

/**
 * The code units of a text that are read aloud: Han, letters and digits (a fast scan with the
 * same result as text.ts spokenLength for Chinese prose; astral characters count as two).
 */
function spokenCodes(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const keep = c >= 0x3400 ? (c <= 0x9fff || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xff10 && c <= 0xff5a && (c <= 0xff19 || c >= 0xff21) && (c <= 0xff3a || c >= 0xff41)))
      : (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c === 0x3007;
    if (keep) out[n++] = c;
  }
  return out.subarray(0, n);
}

function minHashes(shingles: Uint32Array): number[] {
  const out: number[] = [];
  for (let r = 0; r < BANDS * ROWS; r++) {
    let min = 0xffffffff;
    const seed = Math.imul(r + 1, 0x9e3779b1);
    for (const s of shingles) {
      let h = Math.imul(s ^ seed, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35) >>> 0;
      if (h < min) min = h;
    }
    out.push(min);
  }
  return out;
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both / (a.length + b.length - both || 1);
}

export const similarParagraph: RuleRecord = {
  id: 'similar-paragraph',
  title: { zh: '段落几乎相同', en: 'Near-copy paragraphs' },
  category: 'repetition',
  severity: 'info',
  description: { zh: '同一篇讲话中两段文字几乎相同', en: 'Two paragraphs of one speech that are near copies' },
  message: {
    zh: (d) => `这一段与第${d.line}行的段落有${d.percent}%相同：是否重复粘贴了？请合并或删去其中一段。`,
    en: (d) => `This paragraph is ${d.percent}% the same as the one on line ${d.line}: pasted twice? Merge them or delete one.`,
  },
  docs: {
    rationale: {
      zh: '稿子几经修改，同一段话改了几个字又被粘贴到别处，是常见的疏漏。本规则比较同一篇讲话中较长的段落，字面重合度达到阈值（默认 80%）但又不完全相同的两段会被提示（完全相同的句子由 repeated-sentence 报告）。',
      en: 'After rounds of edits a paragraph is often pasted elsewhere with a few words changed. This rule compares the longer paragraphs of a speech and reports two that overlap above the threshold (80% by default) without being identical (identical sentences are repeated-sentence’s business).',
    },
    bad: [
      '同志们：\n过去一年，全市上下坚持稳中求进工作总基调，经济运行总体平稳，主要经济指标好于预期，民生保障持续加强，社会大局和谐稳定。\n我们也要看到困难。\n过去一年，全市上下坚持稳中求进工作总基调，经济运行总体平稳，主要经济指标好于预期，民生保障不断加强，社会大局和谐稳定。',
    ],
    good: [
      '同志们：\n过去一年，全市上下坚持稳中求进工作总基调，经济运行总体平稳，主要经济指标好于预期。\n新的一年，全市上下要坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长。',
    ],
    options: {
      'thresholds["similar-paragraph.threshold"]': { zh: '字面重合度（0–1）达到多少才提示，默认 0.8。', en: 'Overlap (0–1) from which two paragraphs are reported; default 0.8.' },
      'thresholds["similar-paragraph.minChars"]': { zh: '参与比较的段落至少有多少个字，默认 50。', en: 'Shortest paragraph compared, in characters; default 50.' },
    },
  },
  check(ctx): Finding[] {
    const limit = threshold(ctx.options, 'similar-paragraph.threshold', 0.8);
    const minChars = threshold(ctx.options, 'similar-paragraph.minChars', 50);
    const out: Finding[] = [];
    for (const speech of ctx.model.speeches) {
      const buckets = new Map<string, Fingerprint[]>();
      for (const p of speech.paragraphs) {
        if (p.text.length < minChars) continue;
        const f = fingerprint(p);
        if (f.chars < minChars) continue;
        const seen = new Set<Fingerprint>();
        let best: { other: Fingerprint; similarity: number } | undefined;
        for (const band of f.bands) {
          let bucket = buckets.get(band);
          if (!bucket) buckets.set(band, (bucket = []));
          for (let k = bucket.length - 1; k >= Math.max(0, bucket.length - MAX_CANDIDATES); k--) {
            const other = bucket[k];
            if (seen.has(other)) continue;
            seen.add(other);
            if (other.key === f.key) continue;
            const similarity = jaccard(f.shingles, other.shingles);
            if (similarity >= limit && (!best || similarity > best.similarity)) best = { other, similarity };
          }
          bucket.push(f);
        }
        if (!best) continue;
        const o = best.other.paragraph;
        out.push({
          ...firstSentence(p),
          data: { line: lineOf(ctx, o.start), percent: Math.floor(best.similarity * 100) },
          related: [{ ...firstSentence(o), note: { zh: '相似的段落', en: 'the similar paragraph' } }],
        });
      }
    }
    return out;
  },
};

/** The first sentence of a paragraph (a whole paragraph squiggled is noise). */
function firstSentence(p: Paragraph): { start: number; end: number } {
  SENTENCE_END.lastIndex = 0;
  const m = SENTENCE_END.exec(p.text);
  const end = m ? m.index + m[0].length : p.text.length;
  return rangeIn(p, 0, end);
}

// ---------------------------------------------------------------------------------------

export const reusedParagraph: RuleRecord = {
  id: 'reused-paragraph',
  title: { zh: '段落与其他讲话相同', en: 'Paragraph reused from another speech' },
  category: 'repetition',
  severity: 'info',
  description: {
    zh: '段落与同一文件的另一篇讲话或工作区中另一份讲话稿中的段落相同',
    en: 'A paragraph that also stands in another speech of the file or of the workspace',
  },
  message: {
    zh: (d) => `这一段与${d.where}中的段落相同：若是沿用旧稿，请确认内容（年份、数字、名称）已经更新，或改写。`,
    en: (d) => `This paragraph also stands in ${d.where}: if it was carried over from an old speech, check that its years, figures and names are updated, or reword it.`,
  },
  docs: {
    rationale: {
      zh: '沿用去年的讲话、从别的稿子粘贴段落是常事，但容易把过时的年份、数字、名称带进新稿，或让听众听出“老一套”。本规则找出与同一文件中另一篇讲话、或工作区中另一份讲话稿完全相同的段落（不计空格、标点全半角和段首序号），提示核对。',
      en: 'Carrying paragraphs over from last year’s speech or another draft is common, and it brings outdated years, figures and names along, or sounds stale. This rule finds paragraphs identical (ignoring spaces, punctuation width and the leading marker) to one in another speech of the same file or another speech file of the workspace, so they can be checked.',
    },
    bad: [
      '第一篇：在2023年工作会议上的讲话\n同志们：\n全市上下要坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长。\n第二篇：在2024年工作会议上的讲话\n同志们：\n全市上下要坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长。',
    ],
    good: [
      '第一篇：在2023年工作会议上的讲话\n同志们：\n全市上下要坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长。\n第二篇：在2024年工作会议上的讲话\n同志们：\n全市上下要坚持稳中求进工作总基调，奋力谱写高质量发展新篇章。',
    ],
    options: {
      'thresholds["reused-paragraph.minChars"]': { zh: '参与比较的段落至少有多少个字，默认 30。', en: 'Shortest paragraph compared, in characters; default 30.' },
    },
  },
  check(ctx): Finding[] {
    const minChars = Math.max(threshold(ctx.options, 'reused-paragraph.minChars', 30), 0);
    const out: Finding[] = [];
    const firstInFile = new Map<string, { paragraph: Paragraph; speech: number }>();
    const en = ctx.options.locale === 'en';
    for (const { key, paragraph, speech } of reusableParagraphs(ctx.model)) {
      const earlier = firstInFile.get(key);
      if (!earlier) firstInFile.set(key, { paragraph, speech });
      const other = ctx.otherDocuments?.corpus.find(key, ctx.otherDocuments.self);
      if ((!other && (!earlier || earlier.speech === speech)) || spokenLength(paragraph.text) < minChars) continue;
      const related: RelatedLocation[] = [];
      const where: string[] = [];
      if (earlier && earlier.speech !== speech) {
        related.push({ ...firstSentence(earlier.paragraph), note: { zh: '另一篇讲话中的同一段', en: 'the same paragraph in another speech' } });
        where.push(en ? `speech ${earlier.speech + 1} (line ${lineOf(ctx, earlier.paragraph.start)})` : `第${earlier.speech + 1}篇（第${lineOf(ctx, earlier.paragraph.start)}行）`);
      }
      if (other) {
        related.push({ start: 0, end: 0, external: other, note: { zh: '另一份讲话稿中的同一段', en: 'the same paragraph in another speech file' } });
        const name = other.document.replace(/^.*[\\/]/, '');
        where.push(en ? `${name} (line ${other.start.line + 1})` : `${name}（第${other.start.line + 1}行）`);
      }
      if (!related.length) continue;
      out.push({ ...firstSentence(paragraph), data: { where: where.join(en ? ' and ' : '和') }, related });
    }
    return out;
  },
};

export const repetitionRules: RuleRecord[] = [doubledWord, repeatedSentence, overusedPhrase, similarParagraph];
