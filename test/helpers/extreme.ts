// Pathological inputs for property-extreme.test.ts, checked in a child process so that a hang
// can be detected and killed: `node --require tsx/cjs test/helpers/extreme.ts <case>` builds
// the input, analyses it with the real segmenter, checks every range, applies all fixes,
// analyses again, and prints one line of JSON.
import { applyEdits, normaliseEdits, fixEdits } from '../../server/src/analysis';
import { check, assertWellFormed } from './properties';

const MB = 1024 * 1024;
const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const EXTREME_CASES: Record<string, () => string> = {
  // 10 MB on one line: prose with a series member, a placeholder, quotes and an astral character every 800 characters.
  'a 10 MB single line': () => repeatTo('在全市经济工作会议上，我们要进一步加强组织领导，狠抓工作落实，确保各项任务落到实处。'.repeat(19) + '二是XX“好”😀', 10 * MB),
  // A quarter megabyte on one line with a finding every few characters: markers, placeholders, open brackets, URLs, lone surrogates.
  'a dense line of defects': () => repeatTo('同志们：一、加强领导XX，一是“引号‚‛（（《【二是www.example.com😀要要\ud800。三、', MB / 4),
  '100,000 empty lines': () => '\n'.repeat(100000),
  '100,000 CR-only lines': () => repeatTo('要抓好落实，加强领导。\r\r\r', 100000),
  '20,000 hard-wrapped lines (one logical paragraph)': () => '同志们：\n' + repeatTo('要进一步加强组织领导，\n', 20000 * 12),
  'thousands of headings of every level, misnumbered': () =>
    Array.from({ length: 3000 }, (_, i) => [`${CN[i % 10]}、标题`, `（${CN[(i * 7) % 10]}）小标题`, `${(i % 97) + 1}.要点`, `（${i % 13}）细目`, '②内容', `${CN[i % 10]}是抓落实。`][i % 6]).join('\n'),
  'deeply unbalanced brackets and quotes': () => '（'.repeat(20000) + '“《【‘「'.repeat(4000) + '）」’】》”'.repeat(7) + '"'.repeat(5001),
  'NUL, controls, zero-width and bidi marks': () => repeatTo('\0\u0001\u200b\u202e\u2066\ufeff\u200d\u061c\u000b\u000c\u0085\u2028同志们：一、', MB / 4),
  'lone surrogates and astral characters': () => repeatTo('\udc00𠀀\ud800😀𪚥\udbff\u0301要要XX', MB / 4),
  // An eighth of a megabyte on one line dense with what the proofreading lists look for: slips, guarded forms, variants in and out of quotes, sets out of order, number forms.
  'a dense line of proofreading slips': () => repeatTo('截止目前再接再励布署学习惯彻3-5年、10-20%、3千万、二0二一年，要认真的做好“份量”份量，政治意识、大局意识、看齐意识、核心意识，“四个自信”（道路自信、理论自信），以习近平为核心的党中央', MB / 8),
  'an inline series of 20,000 members': () => '今年的工作：' + Array.from({ length: 20000 }, (_, i) => `${CN[i % 10]}是抓落实。`).join(''),
};

/** Cases analysed once, without the fix-all pass (it would double the longest case of all). */
const ONE_PASS = new Set(['a 10 MB single line']);

/** Analyses one case; throws if an invariant breaks. */
export function runCase(name: string): { chars: number; diagnostics: number; fixes?: number; afterFixing?: number } {
  const text = EXTREME_CASES[name]();
  const result = check(text);
  assertWellFormed(text, result);
  if (ONE_PASS.has(name)) return { chars: text.length, diagnostics: result.diagnostics.length };
  const edits = normaliseEdits(fixEdits(result.diagnostics));
  const fixed = applyEdits(text, edits);
  const again = check(fixed);
  assertWellFormed(fixed, again);
  return { chars: text.length, diagnostics: result.diagnostics.length, fixes: edits.length, afterFixing: again.diagnostics.length };
}

// As a child process: runs every case in order and prints one JSON line per case.
if (require.main === module) {
  for (const name of Object.keys(EXTREME_CASES)) {
    let line: object;
    try {
      line = { name, ...runCase(name) };
    } catch (e) {
      line = { name, error: (e as Error).stack ?? String(e) };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}
