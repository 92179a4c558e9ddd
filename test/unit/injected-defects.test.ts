// The defects a draft picks up between rounds, injected into clean speeches: each must be
// found, and the clean speeches themselves must get no warning at all (a checker that cries
// wolf gets switched off).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, parseDocument } from '../../server/src/analysis';
import { testWords } from '../helpers/words';

const DIRS = [path.join(__dirname, '..', 'fixtures', 'drafts'), path.join(__dirname, '..', 'fixtures', 'clean')];

/** Drafts whose expected findings are empty: the clean ones. */
function cleanDrafts(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const dir of DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => /\.speech$/.test(x) && !x.endsWith('.fixed.speech'))) {
      const expected = path.join(dir, f.replace(/\.speech$/, '.expected'));
      const clean = !fs.existsSync(expected) || fs.readFileSync(expected, 'utf8').split('\n').every((l) => !l.trim() || l.startsWith('#'));
      if (clean) out.push({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') });
    }
  }
  return out;
}

type Mutation = { name: string; expect: string[]; apply(lines: string[], text: string): string[] | undefined };

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

const MUTATIONS: Mutation[] = [
  {
    name: 'salutation deleted', expect: ['missing-salutation'],
    apply(lines, text) {
      const s = parseDocument(text).speeches[0].salutation;
      if (!s || s.merged) return undefined;
      return lines.filter((_, i) => i !== lineOf(text, s.start));
    },
  },
  {
    name: 'closing deleted', expect: ['missing-closing'],
    apply(lines, text) {
      const sp = parseDocument(text).speeches[0];
      if (!sp.closing.length) return undefined;
      const from = lineOf(text, sp.closing[0].start);
      return lines.slice(0, from);
    },
  },
  {
    name: 'title deleted', expect: ['missing-title'],
    apply(lines, text) {
      const sp = parseDocument(text).speeches[0];
      // (A bare name left on top would read as a title: only drafts whose bylines hold a date
      // or a post are used.)
      if (!sp.title || sp.title.fromHeader || sp.meta.some((m) => !/年|[0-9]{4}[./]|长|书记|主任|主席/.test(m.text))) return undefined;
      return lines.filter((_, i) => i < lineOf(text, sp.title!.start) || i > lineOf(text, sp.title!.end));
    },
  },
  {
    name: 'level-1 heading renumbered (二、 → 三、)', expect: ['numbering-gap', 'numbering-duplicate'],
    apply(lines) {
      const i = lines.findIndex((l) => l.startsWith('二、'));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? '三' + l.slice(1) : l));
    },
  },
  {
    name: 'level-1 heading duplicated (三、 → 二、)', expect: ['numbering-duplicate'],
    apply(lines) {
      const i = lines.findIndex((l) => l.startsWith('三、'));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? '二' + l.slice(1) : l));
    },
  },
  {
    name: 'level-2 heading written as level 3 (（二） → 2.)', expect: ['numbering-mixed', 'numbering-start', 'numbering-level', 'numbering-duplicate', 'numbering-gap'],
    apply(lines) {
      const i = lines.findIndex((l) => l.startsWith('（二）'));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? '2.' + l.slice(3) : l));
    },
  },
  {
    name: 'heading run into the previous paragraph', expect: ['heading-merged'],
    apply(lines) {
      const i = lines.findIndex((l, k) => k > 0 && /^二、/.test(l) && /[。！]$/.test(lines[k - 1]));
      if (i < 0) return undefined;
      return [...lines.slice(0, i - 1), lines[i - 1] + lines[i], ...lines.slice(i + 1)];
    },
  },
  {
    name: '要 doubled where the text has one (first 要 of a long line)', expect: ['doubled-word'],
    apply(lines) {
      const i = lines.findIndex((l) => l.length > 50 && l.includes('要'));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l.replace('要', '要要') : l));
    },
  },
  {
    // Two-character words doubled are usage for verbs (研究研究) but a slip for the genre's own words.
    name: 'a word of the genre doubled (加强 → 加强加强)', expect: ['doubled-word'],
    apply(lines) {
      const i = lines.findIndex((l) => l.length > 30 && /加强|推进|落实|坚持/.test(l));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l.replace(/加强|推进|落实|坚持/, (w) => w + w) : l));
    },
  },
  {
    name: 'an adverb doubled (不断 → 不断不断)', expect: ['doubled-word'],
    apply(lines) {
      const i = lines.findIndex((l) => l.length > 30 && /不断|切实|积极|认真|进一步/.test(l));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l.replace(/不断|切实|积极|认真|进一步/, (w) => w + w) : l));
    },
  },
  {
    name: 'paragraph-leading enumeration renumbered (二要 → 三要)', expect: ['numbering-gap', 'numbering-duplicate'],
    apply(lines) {
      const i = lines.findIndex((l) => /^二[要是]/.test(l));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? '三' + l.slice(1) : l));
    },
  },
  {
    name: 'a body paragraph left as the skeleton’s note (【待补充：…】)', expect: ['placeholder'],
    apply(lines, text) {
      const sp = parseDocument(text).speeches[0];
      const body = sp.paragraphs.find((p) => p.role === 'body' && !p.marker && p.segments.length === 1 && p.text.length > 30);
      if (!body) return undefined;
      const i = lineOf(text, body.start);
      return lines.map((l, k) => (k === i ? '【待补充：这一部分的主要内容和工作要求】' : l));
    },
  },
  {
    name: 'a figure left as X (全年X项)', expect: ['placeholder'],
    apply(lines) {
      const i = lines.findIndex((l) => /[0-9]+(?:个|项|家|人|次|起|名|所|亿|万)/.test(l));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l.replace(/[0-9]+(?=个|项|家|人|次|起|名|所|亿|万)/, 'X') : l));
    },
  },
  {
    name: 'a 一 pasted from a PDF as the Kangxi radical ⼀', expect: ['pasted-character'],
    apply(lines) {
      const i = lines.findIndex((l, k) => k > 2 && /[^、]一(?![、是要])/.test(l.slice(1)));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l[0] + l.slice(1).replace(/([^、])一(?![、是要])/, '$1⼀') : l));
    },
  },
  {
    // (A no-break space is information only: it prints as a space.)
    name: 'a zero-width space pasted into a sentence', expect: ['pasted-character'],
    apply(lines) {
      const i = lines.findIndex((l) => /，/.test(l) && l.length > 30);
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l.replace('，', '，\u200b') : l));
    },
  },
  {
    name: 'a full stop doubled where a sentence was cut', expect: ['doubled-punctuation'],
    apply(lines) {
      const i = lines.findIndex((l) => /[\u4e00-\u9fff]。[\u4e00-\u9fff]/.test(l));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l.replace(/([\u4e00-\u9fff])。(?=[\u4e00-\u9fff])/, '$1。。') : l));
    },
  },
  {
    name: 'opening deleted', expect: ['missing-opening'],
    apply(lines, text) {
      const sp = parseDocument(text).speeches[0];
      if (!sp.opening.length || !sp.allItems.length || (!sp.salutation && !sp.title) || sp.salutation?.merged) return undefined;
      const from = lineOf(text, sp.opening[0].start);
      const to = lineOf(text, sp.opening[sp.opening.length - 1].end);
      return lines.filter((_, i) => i < from || i > to);
    },
  },
  {
    name: 'a news photo caption pasted above the title', expect: ['stray-text'],
    apply(lines) {
      return ['5月8日，大会在市民中心隆重开幕。市委书记出席会议并讲话。本报记者 张华 摄', ...lines];
    },
  },
  {
    name: 'a source line pasted after the last paragraph', expect: ['stray-text'],
    apply(lines) {
      return [...lines.filter((l, i) => l.trim() || i < lines.length - 1), '（来源：市委办公室）'];
    },
  },
  {
    name: 'one level-3 marker written 1．', expect: ['numbering-punctuation'],
    apply(lines) {
      const i = lines.findIndex((l) => /^[0-9]\./.test(l));
      if (i < 0) return undefined;
      return lines.map((l, k) => (k === i ? l.replace('.', '．') : l));
    },
  },
  {
    name: 'a body paragraph hard-wrapped at the page width', expect: ['broken-paragraph'],
    apply(lines) {
      const i = lines.findIndex((l, k) => k > 3 && l.length > 90 && !/^[（(]?[一二三四五六七八九十0-9]/.test(l));
      if (i < 0) return undefined;
      const l = lines[i];
      const wrapped: string[] = [];
      for (let at = 0; at < l.length; at += 28) wrapped.push(l.slice(at, at + 28));
      // A wrap that happens to fall after a full stop cuts no sentence: skip such drafts.
      if (wrapped.slice(0, -1).some((w) => /[。！？；：]$/.test(w))) return undefined;
      return [...lines.slice(0, i), ...wrapped, ...lines.slice(i + 1)];
    },
  },
  {
    name: 'a line split at a link (the next line starts with ，)', expect: ['broken-paragraph'],
    apply(lines) {
      const i = lines.findIndex((l, k) => k > 3 && l.length > 60 && l.indexOf('，', 20) > 0);
      if (i < 0) return undefined;
      const at = lines[i].indexOf('，', 20);
      return [...lines.slice(0, i), lines[i].slice(0, at), lines[i].slice(at), ...lines.slice(i + 1)];
    },
  },
  {
    name: 'the announced count no longer matches (三点 → 四点)', expect: ['announced-count'],
    apply(lines, text) {
      const sp = parseDocument(text).speeches[0];
      const p = sp.opening[sp.opening.length - 1];
      if (!p) return undefined;
      const i = lineOf(text, p.start);
      const m = /(讲|提|谈|强调)(两|三|四|五)(点|个方面)/.exec(lines[i]);
      if (!m) return undefined;
      const next = { 两: '三', 三: '四', 四: '五', 五: '六' }[m[2]]!;
      return lines.map((l, k) => (k === i ? l.replace(m[0], m[1] + next + m[3]) : l));
    },
  },
];

describe('clean speeches and injected defects', () => {
  const drafts = cleanDrafts();
  it('there are clean speeches to inject into', () => assert.ok(drafts.length >= 4, `${drafts.length}`));
  for (const d of drafts) {
    describe(d.name, () => {
      it('gets no warning or error when clean', () => {
        const serious = analyze(d.text, { words: testWords() }).diagnostics.filter((x) => x.severity === 'warning' || x.severity === 'error');
        assert.deepEqual(serious.map((x) => `${x.rule}: ${x.message}`), []);
      });
      for (const m of MUTATIONS) {
        const lines = d.text.split('\n');
        const mutated = m.apply(lines, d.text);
        if (!mutated) continue;
        it(`finds: ${m.name}`, () => {
          // doubled-word reports a 要要 that also reads as two words (主要/要是) as information.
          const found = analyze(mutated.join('\n'), { words: testWords() }).diagnostics.filter((x) => x.severity === 'warning' || x.severity === 'error' || x.rule === 'doubled-word');
          assert.ok(found.some((x) => m.expect.includes(x.rule)), `expected one of ${m.expect.join('/')}; got ${found.map((x) => x.rule).join(', ') || 'nothing'}`);
        });
      }
    });
  }
});
