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
const USAGE_DOUBLES = new Set(lists.usageDoubles);
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
  /** Whether doubled-word has anything to look at here (worked out once per paragraph text). */
  doubled?: boolean;
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

/**
 * A photo credit (新华社记者 ×××/摄, 摄影：×××): the line it ends is a photo caption pasted with
 * the speech. Two photos of one event have the same caption, and that is no sentence said twice
 * (the captions are stray text, to delete both). The line ends without a full stop, so the
 * model reads the next line as its continuation: the caption is what comes before the credit.
 */
const PHOTO_CREDIT = /记者\s*[\p{Script=Han}·]{2,4}(?:(?:\s*[、，,]\s*|\s+)[\p{Script=Han}·]{2,4})*\s*[／/]?\s*摄|摄影\s*[：:／/]\s*[\p{Script=Han}·]{2,4}/u;

/**
 * Where the photo caption of a paragraph starts and ends (its text offsets), if it has one: from
 * the start of the credit's line to the end of the credit.
 */
function captionOf(p: Paragraph): { start: number; end: number } | undefined {
  const m = PHOTO_CREDIT.exec(p.text);
  if (!m) return undefined;
  let at = 0;
  for (const seg of p.segments) {
    const length = seg.end - seg.start;
    if (m.index < at + length) return { start: at, end: m.index + m[0].length };
    at += length;
  }
  return undefined;
}

interface Sentence {
  paragraph: Paragraph;
  /** Part of a photo caption pasted with the speech, not of the speech. */
  caption?: boolean;
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
      // A photo credit ends its caption's last sentence (the next line was read as its continuation).
      const caption = captionOf(p);
      const push = (end: number) => {
        let start = from;
        while (start < end && /\s/.test(p.text[start])) start++;
        if (end > start) out.push({ paragraph: p, paragraphIndex, start, end, caption: caption && start >= caption.start && end <= caption.end });
      };
      while ((m = SENTENCE_END.exec(p.text))) {
        const end = m.index + m[0].length;
        if (caption && from < caption.end && end > caption.end) {
          push(caption.end);
          from = caption.end;
        }
        push(end);
        from = end;
      }
      if (caption && from < caption.end) {
        push(caption.end);
        from = caption.end;
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

/** Dictionary tags of function words (adverbs, pronouns, prepositions, conjunctions, particles). */
const FUNCTION_TAG = /^(?:d|ad|dg|r|rr|rz|ry|p|c|cc|u|uj|ul|uv|uz|ug|ud|y|e)$/;

/**
 * A word that is a slip when written twice. One character: a function character (要要, 的的).
 * Two: reduplication is usage (研究研究 and 考察考察 "do a little", 雪白雪白, 高兴高兴), except for
 * the genre's own words, which are what an edit leaves twice (加强加强, 工作工作), and function
 * words (不断不断, 我们我们, 通过通过) not doubled for emphasis or as answers (非常非常,
 * 好的好的, 什么什么). Three or more: always (进一步进一步); no such word is reduplicated whole.
 */
function slipWhenDoubled(ctx: RuleContext, word: string): boolean {
  if (!HAN_WORD.test(word)) return false;
  if (word.length === 1) return SLIP_CHARS.has(word);
  // 一件一件, 一步一步, 两个两个: a numeral and its measure word are repeated by usage.
  if (/^[一二两三四五六七八九十百千万几]/.test(word)) return false;
  if (word.length > 2) return true;
  if (USAGE_DOUBLES.has(word)) return false;
  if (STOCK_PHRASES.has(word)) return true;
  const tag = ctx.words?.tag?.(word);
  return tag !== undefined && FUNCTION_TAG.test(tag);
}

/** 对对对，是是： a run that is its whole clause is an answer, not a slip. */
function wholeClause(text: string, start: number, end: number): boolean {
  const edge = /[，。；：！？、,;:!?“”‘’"'（）()\s]/;
  return (start === 0 || edge.test(text[start - 1])) && (end === text.length || edge.test(text[end]));
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
      zh: '改稿时删改、粘贴，常留下“要要”“的的”这样连写两次的词，念出来很刺耳。本规则在分词结果上检查，按词的类别判断：单字只检查“的、要、是、在、和”等不会正常叠用的虚词，单独成句的应答（“对对对，”）不算；两个字的词，动词的重叠（研究研究、考察考察、汇报汇报，即“做一做”）和形容词的重叠（雪白雪白、高兴高兴）是正常用法，不报告，但本文体的常用词（加强加强、工作工作）和副词、代词、介词连写（不断不断、我们我们、通过通过）是笔误，强调和应答（非常非常、好的好的）与“什么什么”除外；三个字以上的词连写一律报告（进一步进一步）。紧紧、牢牢、实实在在、方方面面等叠词，一个一个、一步一步、一次又一次、一天天等数量词重叠，以及“工作作风”（工作/作风）、“需要要求”（需要/要求）这类只是字面相邻的词都不会报告。“都要要”“要要素”“全面全面推进”即使分词时有一份并入了相邻的词，也照样报告；“要要求”“就要要求”既可能是笔误，也可能本意就是“要/要求”，以提示级别报告。个别确实需要叠用的词可加入 allowWords。',
      en: 'Editing and pasting leave words written twice (要要, 的的), which sound jarring when read out. The check runs on segmented words and judges by the kind of word. Single characters are checked only for function words (的, 要, 是, 在, 和 …) that are never reduplicated, and not when the run is a clause of its own (an answer: 对对对，). Two-character words: reduplicated verbs (研究研究, 考察考察, 汇报汇报: "do a little") and adjectives (雪白雪白, 高兴高兴) are usage and not reported; the genre\'s own words (加强加强, 工作工作) and adverbs, pronouns and prepositions (不断不断, 我们我们, 通过通过) are slips, except emphasis and answers (非常非常, 好的好的) and 什么什么. Words of three characters or more are always slips when doubled (进一步进一步). Reduplications (紧紧, 牢牢, 实实在在, 方方面面), repeated measure words (一个一个, 一步一步, 一次又一次, 一天天) and words that only touch across a word boundary (工作作风 = 工作/作风, 需要要求 = 需要/要求) are not reported. A slip is still found when the segmenter joined one copy to a neighbouring word (都要要, 要要素, 全面全面推进); where the text also reads as two proper words (要要求 = 要/要求), it is reported as information. Add a word to allowWords to allow its doubling.',
    },
    bad: ['全市各级群团组织要要牢牢把握群众性这个根本特点。', '这是我们工作的的重点。', '我们要进一步进一步加强组织领导。', '各级干部都要要提高认识。', '这就要要求我们加倍努力。', '这次会议主要要是听取大家的意见。', '我们要加强加强组织领导。', '要全面全面推进乡村振兴。', '我们要不断不断提高服务水平。'],
    good: [
      '我们要紧紧围绕中心、牢牢把握方向，实实在在为群众办事，方方面面都要考虑到。',
      '要切实转变工作作风，满足群众需要要求的服务。',
      '大家要认认真真学习，回去再好好研究研究，看一看还有哪些不足。',
      '人人都要参与，不仅仅是干部，常常、天天都要抓，等等。',
      '一件一件抓落实，一步一步向前走。',
      '今年工作的主要要求是稳中求进。',
      '会后，大家回去商议商议，把方案完善完善，再向党委汇报汇报。',
      '不要什么什么都往上推，要一个一个地解决，一次又一次地抓，日子才会一天天好起来。',
      '“对对对，就是这个理。”老党员笑着说。',
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
      if (compact.doubled === undefined) {
        let candidate = SLIP_DOUBLED.test(p.text);
        for (let k = 0; !candidate && k + 1 < spoken.length; k++) {
          const a = ids[spoken[k]];
          const b = ids[spoken[k + 1]];
          candidate = a === b || joinedCopy(wordTexts[a], wordTexts[b]) !== undefined;
        }
        compact.doubled = candidate;
      }
      if (!compact.doubled) continue;
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
        if (!slipWhenDoubled(ctx, w.text) || allowed(ctx, w.text, w.text + w.text)) continue;
        if (w.text.length === 1 && wholeClause(p.text, words[from].start, words[j].end)) continue;
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
        const copy = joinedCopy(a.text, b.text);
        if (copy && HAN_WORD.test(a.text) && HAN_WORD.test(b.text) && slipWhenDoubled(ctx, copy.word) && !allowed(ctx, copy.word, copy.word + copy.word)) {
          // 全面/全面推进, 全面推进/推进: a word written twice, the second copy joined to the
          // next word (or the first to the one before). The fix deletes the lone copy.
          const start = copy.lone === 'a' ? a.start : b.start - copy.word.length;
          const end = start + copy.word.length * 2;
          const [from, to] = copy.lone === 'a' ? [a.start, a.end] : [b.start, b.end];
          const fix: Edit[] | undefined = contiguous(p, from, to) ? [{ ...rangeIn(p, from, to), text: '' }] : undefined;
          out.push({ ...rangeIn(p, start, end), data: { text: p.text.slice(start, end), word: copy.word, times: 2 }, fix });
          continue;
        }
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

/** Two words where one is the other written again and joined to a neighbour: 全面/全面推进, 全面推进/推进. */
function joinedCopy(a: string, b: string): { word: string; lone: 'a' | 'b' } | undefined {
  if (a.length >= 2 && b.length > a.length && a.charCodeAt(0) === b.charCodeAt(0) && b.startsWith(a)) return { word: a, lone: 'a' };
  if (b.length >= 2 && a.length > b.length && a.charCodeAt(a.length - 1) === b.charCodeAt(b.length - 1) && a.endsWith(b)) return { word: b, lone: 'b' };
  return undefined;
}

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
      zh: '多轮修改、从别处粘贴时，同一句话常被留下两遍，念稿时听众一下就能听出来。本规则在同一篇讲话内找出完全相同的句子（不计空格和标点的全角半角），指出前一处的位置；连续重复的几句合并报告。太短的句子（如“谢谢大家！”）不计。有意的重复也不算：对听众的称呼（各位代表、各位来宾、同志们、朋友们！）在讲话中间再次出现，是为了开启新的部分；口号和叠句（每段开头或结尾的同一句号召、短句）是修辞，听众听到的是节奏。这样的句子须每次都在段首或段尾、各在一段、彼此不相邻，且是呼号（！）或短句。段落中间的重复、同一段里的重复、紧挨着的重复、连同前后句一起重复的，以及较长的陈述句，仍然报告。随讲话粘贴进来的图片说明（……新华社记者 ×××/摄）两张照片相同，也不算重复的句子（应当整条删去）。',
      en: 'After rounds of edits and pastes the same sentence is often left in twice, and listeners notice at once. This rule finds identical sentences within one speech (ignoring spaces and punctuation width) and points to the earlier one; consecutive repeated sentences are reported together. Short sentences (谢谢大家！) are not counted. Nor is repetition on purpose: an address to the audience (各位代表、各位来宾、同志们、朋友们！) said again opens a new part, and a slogan or refrain (one call or short line opening or closing each part) is rhetoric that listeners hear as rhythm. Such a sentence must stand at the start or end of a paragraph each time, in paragraphs of its own, never next to the previous place, and be a call (！) or short. A repeat mid-paragraph, in the same paragraph, twice in a row, together with the sentence beside it, or of a longer statement is still reported. Photo captions pasted with a speech (……新华社记者 ×××/摄) are alike for two photos of one event, and are no sentence said twice either (they are to be deleted whole).',
    },
    bad: [
      '同志们：\n今年全市经济运行总体平稳，主要指标好于预期。我们要保持定力。今年全市经济运行总体平稳，主要指标好于预期。',
      '同志们：\n要把安全生产责任落实到每一个岗位、每一个环节。\n各部门要加强协作。要把安全生产责任落实到每一个岗位、每一个环节。',
      '同志们：\n让我们撸起袖子加油干，一起向未来！\n让我们撸起袖子加油干，一起向未来！',
    ],
    good: [
      '同志们：\n今年全市经济运行总体平稳，主要指标好于预期。明年全市经济运行要保持平稳，主要指标要好于预期。',
      '第一篇：开幕词\n同志们：\n我们要把安全生产责任落实到每一个岗位。\n第二篇：闭幕词\n同志们：\n我们要把安全生产责任落实到每一个岗位。',
      '同志们：\n谢谢大家！\n谢谢大家！',
      '各位代表、各位来宾、同志们、朋友们：\n今天，我们隆重集会，庆祝建县七十周年。\n各位代表、各位来宾、同志们、朋友们！\n七十年来，全县人民艰苦奋斗，创造了令人瞩目的成就。\n各位代表、各位来宾、同志们、朋友们！\n新的征程已经开启，让我们携手前进。',
      '同志们：\n过去一年，我们迎难而上，项目建设跑出了加速度。让我们撸起袖子加油干，一起向未来！\n今年任务更重，必须以更大的决心抓落实。让我们撸起袖子加油干，一起向未来！\n只要上下一心，就没有干不成的事。让我们撸起袖子加油干，一起向未来！',
      '在全市文化工作会议上的讲话\n5月8日，全市文化工作会议在市会议中心召开。市委书记出席会议并讲话。记者 王小明/摄\n同志们：\n今天召开全市文化工作会议。\n5月8日，全市文化工作会议在市会议中心召开。市委书记出席会议并讲话。记者 李小红/摄\n我们要把文化建设抓紧抓实。',
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
      // The key is never shorter than the characters read aloud: a cheap first filter.
      const keys = sentences.map((s) => {
        const text = s.paragraph.text.slice(s.start, s.end);
        const key = text.length >= minChars && !s.caption ? comparisonKey(text).replace(/[。！？!?…”’」』"')）]+$/, '') : '';
        return key.length >= minChars ? key : '';
      });
      const { first, rhetoric } = repeatsOf(sentences, keys);
      sentences.forEach((s, k) => {
        const text = s.paragraph.text.slice(s.start, s.end);
        const key = rhetoric.has(keys[k]) ? '' : keys[k];
        const at = key ? first.get(key)! : k;
        const earlier = at < k ? at : undefined;
        if (earlier === undefined || spokenLength(text) < minChars) {
          flush();
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

/** An address to the audience: 同志们！ 老师们、同学们、朋友们！ 各位代表： */
const VOCATIVE = /^(?:(?:尊敬的|亲爱的|各位)?[\p{Script=Han}]{0,8}(?:们|来宾|嘉宾|代表|委员|同志|领导|朋友|同学|老师|校友|家长)[、，,\s]*)+[！!：:，,。]?$/u;

/**
 * Where each sentence is first said, and the sentences said again on purpose, as a listener
 * hears them. An address to the audience
 * (老师们、同学们、朋友们！) comes back to open a new part. A refrain (a slogan, a short line
 * closing or opening each part) comes back at the edges of paragraphs: every place is the
 * first or last sentence of its own paragraph, never right after the previous place, and the
 * sentence is a call (！) or short. What stays is a sentence pasted twice: mid-paragraph, in
 * the same paragraph, or twice in a row.
 */
function repeatsOf(sentences: Sentence[], keys: string[]): { first: Map<string, number>; rhetoric: Set<string> } {
  // Where each sentence is first said; the places of those said again.
  const first = new Map<string, number>();
  const places = new Map<string, number[]>();
  keys.forEach((key, k) => {
    if (!key) return;
    const f = first.get(key);
    if (f === undefined) first.set(key, k);
    else {
      const list = places.get(key);
      if (list) list.push(k);
      else places.set(key, [f, k]);
    }
  });
  const out = new Set<string>();
  for (const [key, list] of places) {
    const text = sentences[list[0]].paragraph.text.slice(sentences[list[0]].start, sentences[list[0]].end).trim();
    // (Addresses are short; the length bound also keeps the pattern's backtracking small.)
    if (text.length <= 60 && VOCATIVE.test(comparisonKey(text))) {
      out.add(key);
      continue;
    }
    if (!/[！!]["”’」』)）]*$/.test(text) && spokenLength(text) > REFRAIN_CHARS) continue;
    const atEdge = (k: number) => {
      const p = sentences[k].paragraph;
      return (k === 0 || sentences[k - 1].paragraph !== p) || (k + 1 === sentences.length || sentences[k + 1].paragraph !== p);
    };
    const apart = list.every((k, i) => i === 0 || (k - list[i - 1] > 1 && sentences[k].paragraph !== sentences[list[i - 1]].paragraph));
    // A refrain stands alone: said again with the sentence next to it, it is a pasted run.
    const beside = (k: number, step: number) => {
      const n = sentences[k + step];
      return n && n.paragraph === sentences[k].paragraph ? comparisonKey(n.paragraph.text.slice(n.start, n.end)) : undefined;
    };
    const alone = [-1, 1].every((step) => new Set(list.map((k) => beside(k, step) ?? `edge${k}`)).size === list.length);
    if (apart && alone && list.every(atEdge)) out.add(key);
  }
  return { first, rhetoric: out };
}

/** A refrain that is no call (！) is short: longer sentences said twice are pasted, not rhetoric. */
const REFRAIN_CHARS = 16;

// ---------------------------------------------------------------------------------------
// overused-phrase: the same wording heard again and again within a few sentences. What a
// listener notices is a burst: a phrase that comes back three times in a handful of sentences
// and is not used elsewhere. What a listener expects is not reported: the topic (named in the
// title, the meeting, the headings, or used all through the speech), names and titles of
// people and bodies, the stock phrases of the genre, 排比 (parallel clauses inside one
// paragraph, or consecutive units that open alike, or units built on one frame).

/** The meeting a speech names: 召开全市文化旅游工作会议, 庆祝…成立100周年大会. */
const MEETING = /(?:召开|举行|举办|参加|出席|庆祝|纪念)[^。，,；;！!？?\n]{2,40}?(?:会议|大会|座谈会|推进会|动员会|现场会|表彰会|论坛|开幕式|典礼|仪式)/g;
/** The occasion in a title or dateline: 在…上的讲话. */
const OCCASION = /在([^。！？!?；;\n]{2,60}?)上的(?:讲话|致辞|报告|工作报告|发言|演讲|主旨演讲|总结讲话|书面讲话)/g;
/** Words that name a person by office or relation: 邓小平同志, 陈恺同学 (a name comes before). */
const PERSON_TITLE = new Set(['同志', '同学', '老师', '先生', '女士', '教授', '院士', '总书记', '主席', '书记', '省长', '市长', '县长', '区长', '校长', '院长', '局长', '主任', '部长', '总理', '委员长', '董事长', '总经理', '总裁']);
/**
 * A body's name, or how it ends (绍兴/市, 县/农业农村/局, 清华大学, 中国工会): a name is said as
 * often as it is needed. Single characters only as words of their own (开局 and 干部 are no names).
 */
const BODY_NAME = /^(?:省|市|县|区|镇|乡|村|州|部|厅|局|委|办)$|(?:大学|学院|中学|小学|学校|党校|政府|委员会|工会|公司|集团|银行|医院|协会|联合会|研究院|研究所|人大|政协)$/;
/** Clause marks: a phrase that opens or closes a clause sits in the slot parallel clauses share. */
const CLAUSE_MARK = /[，。；：！？、,;:!?…—“”‘’「」『』（）()《》\s\u3000]/;

interface PhraseHit {
  sentence: number;
  paragraph: Paragraph;
  paragraphIndex: number;
  /** Index of the first word in the paragraph's word list. */
  word: number;
  length: number;
}

/** One occurrence of a repeated phrase, widened to what its cluster shares. */
interface PhraseSpan {
  paragraph: Paragraph;
  paragraphIndex: number;
  sentence: number;
  /** Offsets into the paragraph's text. */
  start: number;
  end: number;
  /** The paragraph's words, and the first and last word of the phrase among them. */
  words: Words;
  from: number;
  to: number;
}

export const overusedPhrase: RuleRecord = {
  id: 'overused-phrase',
  title: { zh: '说法用得太多', en: 'Overused phrase' },
  category: 'repetition',
  severity: 'info',
  offByDefault: true,
  needsWords: true,
  description: {
    zh: '同一个说法在相邻几句中反复出现，听众会注意到（主题、名称、术语、排比不算；默认关闭）',
    en: 'The same wording again and again within a few sentences, as a listener notices it (not the topic, names, terms or 排比; off by default)',
  },
  message: {
    zh: (d) => `“${d.phrase}”在相邻的${d.window}句中出现了${d.count}次（本篇共${d.total}次）：听众会注意到，可换一种说法或合并。`,
    en: (d) => `“${d.phrase}” comes ${d.count} times within ${d.window} sentences (${d.total} in this speech): listeners notice; vary the wording or merge the sentences.`,
  },
  docs: {
    rationale: {
      zh: '讲话是听的，同一个说法在几句之内一再出现，听众会感到重复。本规则只报告这种“一阵一阵”的重复：同一说法（按整词切分，不截断词语，两端不留单字）在相邻几句（默认5句）中、分属不同的句子和段落出现至少3次，而在全篇别处基本不用。以下都不算：讲话的主题（标题、会议名称、各级标题和“——”引领的句子中出现的说法，或在全篇各处都用的说法）；人名、单位名和称谓（××同志、××老师、县农业农村局）；名词性的术语（中文再次提到同一事物时习惯重复名称，而不用代词）；本文体的常用语（进一步、切实、高度重视、充分发挥、新形势、新局面……）；排比，包括同一段内的并列分句、开头相同的各句、按同一框架写成的几段（“……时期，……作出了重要贡献”）、一是二是或“——”引领的并列各段。一次重复只报告一处（最长的共同说法），其余位置列为相关位置。本规则默认关闭：按上述设计，它在50篇已发表的真实讲话（约25万字）上一处也不报告（改版前报告84处，抽查23处无一值得修改）；把窗口放宽到8句或10句时多出的4至6处全是术语或有意的重复。由于在已定稿的讲话上无法证明它的提示多数值得修改，默认不显示；自查初稿时可以打开（"overused-phrase": "info"）。',
      en: 'A speech is heard, and the same wording again within a few sentences is noticed. This rule reports only such bursts: the same phrase (whole words, never cut inside a word or ending on a lone character) at least 3 times within a few sentences (5 by default), in different sentences and paragraphs, and hardly anywhere else in the speech. Not reported: the topic (what the title, the meeting, the headings or the dash-led lead sentences name, or what the whole speech keeps using); names and titles of people and bodies (××同志, ××老师, 县农业农村局); noun terms (Chinese names a thing again where English would say "it"); the stock phrases of the genre (进一步, 切实, 高度重视, 充分发挥, 新形势, 新局面 …); 排比: parallel clauses in one paragraph, sentences that open alike, paragraphs built on one frame (……时期，……作出了重要贡献), the members of a 一是/二是 or dash-led series. One repetition is one finding (its longest shared wording), with the other places as related locations. The rule is off by default: as designed it reports nothing on 50 published real speeches (about 250,000 characters; before the redesign it reported 84, and none of a sample of 23 was worth changing), and a window widened to 8 or 10 sentences adds 4 to 6 findings, all terms or deliberate repetition. As it cannot be shown on finished speeches that most of its findings are worth a change, it is not shown unasked; switch it on ("overused-phrase": "info") to check a first draft.',
    },
    bad: [
      '同志们：\n过去一年，全县上下攻坚克难，各项工作取得了明显进步。工业经济稳中有进，规上工业增加值增长8.2%。\n农业农村工作取得了明显进步，粮食总产再创新高。\n在社会事业方面，我们同样取得了明显进步，新建学校6所。',
      '同志们：\n这次防汛检查，各乡镇总体上做到了未雨绸缪。但是也要看到，个别地方思想上还存在麻痹大意。\n有的村干部认为今年雨水不多，存在麻痹大意，应急物资没有按要求储备。\n一旦思想上存在麻痹大意，就可能酿成大祸。',
    ],
    good: [
      '同志们：\n要在服务大局上争当先进，在联系群众上争当先进，在改革创新上争当先进，在作风建设上争当先进。',
      '同志们：\n我们要进一步加强领导。\n要进一步加强督查。\n要进一步加强宣传。',
      '同志们：\n今年重点项目取得了显著成效。\n我们还要继续努力，把各项任务抓实抓细，确保全年目标圆满完成，向全市人民交出一份满意的答卷。下半年任务依然繁重，必须保持定力、攻坚克难，一刻也不能放松。\n招商引资同样取得了显著成效。',
      '在全县安全生产工作会议上的讲话\n同志们：\n今天召开全县安全生产工作会议。安全生产是头等大事。\n抓好安全生产，就是保护群众的生命财产。\n各乡镇要把安全生产摆上重要议程。',
      '同志们：\n今年全县新修农村公路120公里，农村公路修到了群众家门口。\n群众反映，农村公路通了，农产品也好卖了。\n下一步，要把农村公路的养护抓起来。',
      '同志们：\n第一阶段，全镇干部群众团结一心，奋力拼搏，为脱贫攻坚作出了积极贡献。\n第二阶段，全镇干部群众团结一心，接续奋斗，为乡村振兴作出了积极贡献。\n第三阶段，全镇干部群众团结一心，开拓进取，为共同富裕作出了积极贡献。',
      '同志们：\n我们要牢记初心使命，把群众的事当作自己的事。\n群众的小事，就是我们的大事。\n我们要牢记初心使命，扑下身子办实事。\n我们要牢记初心使命，在新征程上再立新功。',
    ],
    exampleOptions: { rules: { 'overused-phrase': 'info' } },
    options: {
      'thresholds["overused-phrase.count"]': { zh: '在窗口内出现多少次（在不同的句子中）才提示，默认 3。', en: 'Occurrences (in different sentences) within the window before it is reported; default 3.' },
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

/**
 * The outline of a speech: where the heading phrase (or an enumeration's lead sentence) of each
 * item ends, by paragraph; and the series each paragraph belongs to (the innermost item whose
 * section holds it, keyed by its parent and marker style: siblings share a key).
 */
function outlineOf(speech: Speech): { heads: Map<Paragraph, number>; series: Map<Paragraph, { key: string; member: number }> } {
  const heads = new Map<Paragraph, number>();
  const series = new Map<Paragraph, { key: string; member: number }>();
  const index = new Map(speech.allItems.map((item, i) => [item, i]));
  speech.allItems.forEach((item, member) => {
    const p = item.paragraph;
    // The first character past the heading (offsets grow along the text: a binary search).
    let end = 0;
    for (let hi = p.text.length; end < hi;) {
      const mid = (end + hi) >> 1;
      if (p.offsetOf(mid) < item.titleEnd) end = mid + 1;
      else hi = mid;
    }
    heads.set(p, end);
    const key = `${item.parent ? index.get(item.parent) : -1}:${item.marker.kind}:${item.marker.level ?? item.marker.style}`;
    // Items come in document order, children after parents: the innermost one is set last.
    for (const q of item.paragraphs) series.set(q, { key, member });
  });
  const out = heads;
  // A paragraph led by a dash (——五四运动激发了…的伟大觉醒。…) runs in its own heading: a
  // series of them is the outline of a section, written as 排比.
  for (const p of speech.paragraphs) {
    if (out.has(p) || !/^[—－-]{1,2}\s*\p{Script=Han}/u.test(p.text)) continue;
    SENTENCE_END.lastIndex = 0;
    const m = SENTENCE_END.exec(p.text);
    out.set(p, m ? m.index + m[0].length : p.text.length);
    series.set(p, { key: 'dash', member: p.start });
  }
  return { heads, series };
}

function overusedIn(ctx: RuleContext, speech: Speech, t: { minCount: number; window: number; minChars: number; topicShare: number }): Finding[] {
  // Headings and enumeration leads are the outline, not the flow a listener hears as repeated;
  // what they name is a topic of the speech.
  const { heads, series } = outlineOf(speech);
  const sentences = sentencesOf(ctx, speech).filter(
    (s) => s.paragraph.role !== 'salutation' && !s.caption && s.end > (heads.get(s.paragraph) ?? 0),
  );
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
  // Pass 3: the bursts, each widened to the longest run of words its places share.
  const bursts: PhraseSpan[][] = [];
  // Each burst's n-gram and where its widened phrase starts from the n-gram's first word.
  const origins = new Map<PhraseSpan[], { key: number; left: number }>();
  for (const key of candidates) {
    const list = hits.get(key)!;
    for (let a = 0; a < list.length; a++) {
      let b = a;
      while (b + 1 < list.length && list[b + 1].sentence - list[a].sentence < t.window) b++;
      // Places in one sentence count once: parallel clauses (3人被清华大学提前录取，3人被…提前录取)
      // are one figure, and what a listener hears as the same wording again is a new sentence.
      // Parallel clauses inside one paragraph are deliberate (排比): never reported, and (as a
      // frame needs two paragraphs) no frame for anything else either.
      if (b - a + 1 < t.minCount || list[a].paragraph === list[b].paragraph) continue;
      if (new Set(list.slice(a, b + 1).map((h) => h.sentence)).size < t.minCount) continue;
      const spans = trimmed(widest(ctx, list.slice(a, b + 1), sentences));
      if (spans && spokenLength(textOf(spans[0])) >= t.minChars) {
        bursts.push(spans);
        origins.set(spans, { key, left: spans[0].from - list[a].word });
      }
      a = b;
    }
  }
  // One finding per repetition: of bursts that share a place (取得了显著 and 显著成效 in
  // 取得了显著成效), the one with most places, then the longest, stands for all. Whether it
  // is worth reporting is judged after: a burst that is the topic silences its parts too.
  bursts.sort((x, y) => y.length - x.length || y[0].to - y[0].from - (x[0].to - x[0].from) || x[0].paragraph.start + x[0].start - (y[0].paragraph.start + y[0].start));
  const taken = new Map<Paragraph, Uint8Array>();
  const isTaken = (x: PhraseSpan) => {
    const marks = taken.get(x.paragraph);
    if (marks) for (let k = x.from; k <= x.to; k++) if (marks[k]) return true;
    return false;
  };
  const winners: PhraseSpan[][] = [];
  for (const spans of bursts) {
    if (spans.some(isTaken)) continue;
    for (const x of spans) {
      let marks = taken.get(x.paragraph);
      if (!marks) taken.set(x.paragraph, (marks = new Uint8Array(x.words.ids.length)));
      marks.fill(1, x.from, x.to + 1);
    }
    winners.push(spans);
  }
  // Which bursts stand in each paragraph, for the frames of parallel paragraphs.
  const inParagraph = new Map<number, number[]>();
  bursts.forEach((spans, id) => {
    for (const i of new Set(spans.map((x) => x.paragraphIndex))) {
      let list = inParagraph.get(i);
      if (!list) inParagraph.set(i, (list = []));
      list.push(id);
    }
  });
  const idOf = new Map(bursts.map((spans, id) => [spans, id]));
  // What the speech is about: its title, the meeting it names, its headings (worked out once a phrase is judged).
  let about: string | undefined;
  const topic = () => {
    if (about !== undefined) return about;
    const lead = speech.paragraphs.slice(0, 3).map((p) => p.text);
    const meetings = [speech.title?.text ?? '', speech.header?.text ?? '', ...speech.meta.map((p) => p.text), ...lead]
      .flatMap((x) => [...x.matchAll(MEETING), ...x.matchAll(OCCASION)].map((m) => m[0]));
    const headings = [...heads].map(([p, end]) => p.text.slice(0, end));
    return (about = comparisonKey([speech.title?.text ?? '', speech.header?.text ?? '', ...meetings, ...headings].join('|')));
  };
  /** Places of a burst's phrase in the whole speech: every one holds the burst's n-gram. */
  const placesOf = (spans: PhraseSpan[]) => {
    const { key, left } = origins.get(spans)!;
    const { words: w0, from: f0, to: t0 } = spans[0];
    let n = 0;
    for (const h of hits.get(key)!) {
      const w = wordsOf(ctx, h.paragraph);
      const from = h.word + left;
      let same = from >= 0 && from + t0 - f0 < w.ids.length;
      for (let k = 0; same && k <= t0 - f0; k++) same = w.ids[from + k] === w0.ids[f0 + k];
      if (same) n++;
    }
    return n;
  };
  const phraseVerdicts = new Map<string, { report: boolean; total: number }>();
  const judgePhrase = (spans: PhraseSpan[], key: string) => {
    let v = phraseVerdicts.get(key);
    if (!v) {
      const total = placesOf(spans);
      // A phrase the speech uses elsewhere too is its vocabulary (a term, a topic), not a burst.
      v = { total, report: total <= spans.length + 1 && !topic().includes(key) && plainWording(ctx, spans[0], key) };
      phraseVerdicts.set(key, v);
    }
    return v;
  };
  const paragraphCount = speech.paragraphs.length;
  const findings: Finding[] = [];
  for (const spans of winners.sort((a, b) => a[0].paragraph.start + a[0].start - (b[0].paragraph.start + b[0].start))) {
    // Parallel clauses inside one paragraph are deliberate (排比); a phrase in much of the
    // speech is its topic.
    const mine = new Set(spans.map((x) => x.paragraphIndex));
    if (mine.size < 2 || mine.size >= Math.max(4, t.topicShare * paragraphCount)) continue;
    const phrase = textOf(spans[0]);
    const key = comparisonKey(phrase);
    const verdict = judgePhrase(spans, key);
    if (!verdict.report || parallelUnits(spans, series)) continue;
    // Units built on one frame (…时期，中国工会团结动员广大…，为…作出了重要贡献。) are 排比
    // across paragraphs: another repeated phrase stands in the same paragraphs.
    const shared = new Map<number, number>();
    for (const i of mine) for (const id of inParagraph.get(i) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const self = idOf.get(spans)!;
    let framed = false;
    for (const [id, n] of shared) {
      if (id === self || n < 2 || n * 2 < mine.size) continue;
      const other = bursts[id];
      if (other.some((o) => spans.some((x) => o.paragraph === x.paragraph && o.from <= x.to && x.from <= o.to))) continue;
      framed = true;
      break;
    }
    if (framed) continue;
    const ranges = spans.map((x) => rangeIn(x.paragraph, x.start, x.end));
    const related: RelatedLocation[] = ranges.slice(1).map((r, k) => ({ ...r, note: { zh: `第${k + 2}次`, en: `occurrence ${k + 2}` } }));
    findings.push({ ...ranges[0], data: { phrase, count: spans.length, window: t.window, total: verdict.total }, related });
  }
  return findings;
}

function textOf(s: PhraseSpan): string {
  return s.paragraph.text.slice(s.start, s.end);
}

/** Whether a phrase is wording a listener hears as the same again: not stock, a name, a title or a term. */
function plainWording(ctx: RuleContext, span: PhraseSpan, phrase: string): boolean {
  if (STOCK_PHRASES.has(phrase) || allowed(ctx, phrase)) return false;
  const inside: string[] = [];
  for (let k = span.from; k <= span.to; k++) inside.push(wordTexts[span.words.ids[k]]);
  // Names and titles of people and bodies.
  if (inside.some((w) => PERSON_TITLE.has(w) || BODY_NAME.test(w))) return false;
  // A thing named again (精神风貌, 发展道路, 每个项目, 一本线人数) is a term: Chinese names a
  // thing again where English would say "it". What a listener hears as the same wording again
  // is a predicate (取得了显著成效, 深入研究): a phrase that ends in a noun and does not start
  // with a verb, adverb or preposition is a noun phrase. Without a tagged dictionary, every
  // phrase counts as a term (the cautious side).
  return !nounPhrase(ctx, inside);
}

/**
 * Parallel units, 排比 across sentences or paragraphs: every place opens its clause
 * (每一位毕业生都…), or follows the same lead (40年的实践充分证明，…), or stands in its own
 * member of one series (一是… 二是… 三是…; ——… ——…: parallel sections say the same of
 * different things).
 */
function parallelUnits(spans: PhraseSpan[], series: Map<Paragraph, { key: string; member: number }>): boolean {
  const leads = spans.map(leadOf);
  if (leads.every((l) => spokenLength(l) <= 2) || leads.every((l) => l === leads[0])) return true;
  const members = spans.map((x) => series.get(x.paragraph));
  return members.every((m) => m && m.key === members[0]!.key) && new Set(members.map((m) => m!.member)).size === spans.length;
}

const NOMINAL = /^(?:n|vn|an|ng|nr|ns|nt|nz|nrt|nrfg|m|mq|q|r|j|s|f)/;
const PREDICATE_START = /^(?:v|vd|vg|vi|d|ad|p|c)$/;

function nounPhrase(ctx: RuleContext, words: string[]): boolean {
  const tag = ctx.words?.tag;
  if (!tag) return true;
  const last = tag.call(ctx.words, words[words.length - 1]);
  const first = tag.call(ctx.words, words[0]);
  if (last === undefined || first === undefined) return true;
  return NOMINAL.test(last) && !PREDICATE_START.test(first);
}

/** The text from the start of the phrase's clause (a mark, or the paragraph's marker) to the phrase. */
function leadOf(s: PhraseSpan): string {
  const text = s.paragraph.text;
  const from = s.paragraph.marker ? s.paragraph.marker.end - s.paragraph.start : 0;
  let i = s.start;
  while (i > from && !CLAUSE_MARK.test(text[i - 1])) i--;
  return comparisonKey(text.slice(i, s.start));
}

/** The occurrences widened to the longest run of words they all share (取得了显著 → 取得了显著成效). */
function widest(ctx: RuleContext, cluster: PhraseHit[], sentences: Sentence[]): Array<{ h: PhraseHit; words: Words; from: number; to: number }> {
  const spans = cluster.map((h) => ({ h, words: wordsOf(ctx, h.paragraph), from: h.word, to: h.word + h.length - 1 }));
  const inSentence = (x: (typeof spans)[0], k: number) => {
    const s = sentences[x.h.sentence];
    return k >= 0 && k < x.words.ids.length && x.words.starts[k] >= s.start && x.words.starts[k + 1] <= s.end && wordIsHan[x.words.ids[k]];
  };
  const same = (step: (x: (typeof spans)[0]) => number) =>
    spans.every((x) => inSentence(x, step(x)) && x.words.ids[step(x)] === spans[0].words.ids[step(spans[0])]);
  for (let n = 0; n < 8 && same((x) => x.to + 1); n++) for (const x of spans) x.to++;
  for (let n = 0; n < 8 && same((x) => x.from - 1); n++) for (const x of spans) x.from--;
  return spans;
}

/**
 * The widened places cut back to whole phrases: no single character at either end (年教育工作的
 * is 2009年/教育工作/的 cut across 2009年, and 的 hangs on what follows). Undefined when nothing is left.
 */
function trimmed(spans: ReturnType<typeof widest>): PhraseSpan[] | undefined {
  const s0 = spans[0];
  let from = s0.from;
  let to = s0.to;
  const len = (k: number) => wordTexts[s0.words.ids[k]].length;
  while (from < to && len(from) === 1) from++;
  while (to > from && len(to) === 1) to--;
  if (to <= from) return undefined;
  const df = from - s0.from;
  const dt = s0.to - to;
  return spans.map((x) => ({
    paragraph: x.h.paragraph,
    paragraphIndex: x.h.paragraphIndex,
    sentence: x.h.sentence,
    start: x.words.starts[x.from + df],
    end: x.words.starts[x.to - dt + 1],
    words: x.words,
    from: x.from + df,
    to: x.to - dt,
  }));
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
