// Options in force for one analysis, and how a `.jianggao.json` (or the editor's settings)
// becomes them. Configuration is data only: nothing in it is ever executed.

import { IgnoreEntry } from './ignores';
import { AnalysisOptions, Locale, SeveritySetting } from './types';

export const DEFAULT_OPTIONS: AnalysisOptions = {
  locale: 'zh',
  rules: {},
  speakingRate: 200,
  targetMinutes: 0,
  allowWords: [],
  wrongWords: [],
  thresholds: {},
  ignores: [],
};

export const SEVERITY_SETTINGS: SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** What a user may write in `.jianggao.json` or the `jianggao.*` settings. */
export interface UserConfig {
  rules?: Record<string, unknown>;
  speakingRate?: unknown;
  targetMinutes?: unknown;
  allowWords?: unknown;
  /** `{ "wrong": { "市经信委": "市经济和信息化局" }, "allow": ["布署科技"] }` */
  words?: { wrong?: unknown; allow?: unknown } | unknown;
  thresholds?: Record<string, unknown>;
  dictionaries?: unknown;
  maxFileSize?: unknown;
  languages?: unknown;
  ignores?: unknown;
}

export interface ConfigProblem {
  /** Dotted path of the offending setting. */
  key: string;
  message: string;
}

/**
 * Merges layers of user configuration (later wins) onto the defaults, validating each value.
 * Unknown rule ids and bad values are reported, never thrown: a typo must not stop checking.
 */
export function resolveOptions(
  layers: Array<UserConfig | undefined>,
  knownRules: ReadonlySet<string>,
  locale: Locale = 'zh',
): { options: AnalysisOptions; problems: ConfigProblem[]; dictionaries: string[]; maxFileSize?: number } {
  const options: AnalysisOptions = {
    ...DEFAULT_OPTIONS,
    locale,
    rules: {},
    allowWords: [],
    wrongWords: [],
    thresholds: {},
    ignores: [],
  };
  const problems: ConfigProblem[] = [];
  const dictionaries: string[] = [];
  let maxFileSize: number | undefined;
  // Problems are shown to the writer (the editor's warning, the CLI): in their language.
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  const unknownRule = (id: unknown) => say(`没有名为“${id}”的规则（规则名见 \`jianggao rules\`）`, `unknown rule id "${id}"`);
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object') continue;
    if (layer.rules !== undefined) {
      if (typeof layer.rules !== 'object' || layer.rules === null || Array.isArray(layer.rules)) {
        problems.push({ key: 'rules', message: say('应为对象：规则名 → 级别', 'must be an object of rule id → severity') });
      } else {
        for (const [id, value] of Object.entries(layer.rules)) {
          if (!knownRules.has(id)) problems.push({ key: `rules.${id}`, message: unknownRule(id) });
          else if (typeof value === 'string' && (SEVERITY_SETTINGS as string[]).includes(value)) options.rules[id] = value as SeveritySetting;
          else if (value === false) options.rules[id] = 'off';
          else problems.push({ key: `rules.${id}`, message: say(`级别应为 ${SEVERITY_SETTINGS.join('|')} 之一`, `severity must be one of ${SEVERITY_SETTINGS.join('|')}`) });
        }
      }
    }
    const positive = (key: 'speakingRate' | 'targetMinutes', min: number, max: number) => {
      const v = layer[key];
      if (v === undefined) return;
      if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) options[key] = v;
      else problems.push({ key, message: say(`应为 ${min} 到 ${max} 之间的数`, `must be a number between ${min} and ${max}`) });
    };
    positive('speakingRate', 60, 600);
    positive('targetMinutes', 0, 600);
    if (layer.allowWords !== undefined) {
      if (Array.isArray(layer.allowWords) && layer.allowWords.every((w) => typeof w === 'string')) {
        options.allowWords.push(...(layer.allowWords as string[]));
      } else problems.push({ key: 'allowWords', message: say('应为字符串数组', 'must be an array of strings') });
    }
    if (layer.words !== undefined) readWords(layer.words, options, problems, say);
    if (layer.thresholds !== undefined) {
      if (typeof layer.thresholds === 'object' && layer.thresholds !== null) {
        for (const [k, v] of Object.entries(layer.thresholds)) {
          if (typeof v === 'number' && Number.isFinite(v)) options.thresholds[k] = v;
          else problems.push({ key: `thresholds.${k}`, message: say('应为数字', 'must be a number') });
        }
      } else problems.push({ key: 'thresholds', message: say('应为对象：阈值名 → 数字', 'must be an object') });
    }
    if (layer.ignores !== undefined) {
      if (!Array.isArray(layer.ignores)) problems.push({ key: 'ignores', message: say('应为数组，每项写作 { "rule", "text" }', 'must be an array of { "rule", "text" } entries') });
      else {
        layer.ignores.forEach((e: unknown, i: number) => {
          const entry = e as Record<string, unknown>;
          const strings = entry && typeof entry === 'object' && !Array.isArray(entry) && ['rule', 'text'].every((k) => typeof entry[k] === 'string' && entry[k])
            && ['before', 'after', 'file'].every((k) => entry[k] === undefined || typeof entry[k] === 'string');
          if (!strings) problems.push({ key: `ignores[${i}]`, message: say('需要字符串 "rule" 和 "text"（"before"、"after"、"file" 可选，也须是字符串）', 'needs "rule" and "text" strings ("before", "after", "file" optional strings)') });
          else if (!knownRules.has(entry.rule as string)) problems.push({ key: `ignores[${i}].rule`, message: unknownRule(entry.rule) });
          else {
            const { rule, text, before, after, file } = entry as unknown as IgnoreEntry;
            options.ignores.push({ rule, text, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), ...(file !== undefined ? { file } : {}) });
          }
        });
      }
    }
    if (layer.dictionaries !== undefined) {
      if (Array.isArray(layer.dictionaries) && layer.dictionaries.every((w) => typeof w === 'string')) {
        dictionaries.push(...(layer.dictionaries as string[]));
      } else problems.push({ key: 'dictionaries', message: say('应为文件路径数组', 'must be an array of file paths') });
    }
    if (layer.maxFileSize !== undefined) {
      if (typeof layer.maxFileSize === 'number' && layer.maxFileSize > 0) maxFileSize = layer.maxFileSize;
      else problems.push({ key: 'maxFileSize', message: say('应为正数（字节数）', 'must be a positive number of bytes') });
    }
  }
  return { options, problems, dictionaries, maxFileSize };
}

/** Longest word a user list may hold (a unit's full name fits; a pasted paragraph does not). */
export const MAX_USER_WORD = 64;

const isWord = (w: unknown): w is string => typeof w === 'string' && w.trim().length > 0 && w.length <= MAX_USER_WORD && !/[\r\n]/.test(w);

/**
 * `words.allow` joins `allowWords` (one list: no word rule flags these words). `words.wrong`
 * pairs replace an earlier layer's pair for the same wrong form.
 */
function readWords(words: unknown, options: AnalysisOptions, problems: ConfigProblem[], say: (zh: string, en: string) => string): void {
  if (typeof words !== 'object' || words === null || Array.isArray(words)) {
    problems.push({ key: 'words', message: say('应为对象：{ "wrong": { "错误写法": "正确写法" }, "allow": ["词语"] }', 'must be an object: { "wrong": { "wrong form": "right form" }, "allow": ["word"] }') });
    return;
  }
  const { wrong, allow } = words as { wrong?: unknown; allow?: unknown };
  if (allow !== undefined) {
    if (Array.isArray(allow) && allow.every(isWord)) {
      for (const w of allow as string[]) if (!options.allowWords.includes(w.trim())) options.allowWords.push(w.trim());
    } else problems.push({ key: 'words.allow', message: say(`应为词语数组（每个词不空、不超过 ${MAX_USER_WORD} 个字符）`, `must be an array of words (non-empty strings of at most ${MAX_USER_WORD} characters)`) });
  }
  if (wrong !== undefined) {
    if (typeof wrong !== 'object' || wrong === null || Array.isArray(wrong)) {
      problems.push({ key: 'words.wrong', message: say('应为对象：错误写法 → 正确写法', 'must be an object of wrong form → right form') });
      return;
    }
    for (const [w, r] of Object.entries(wrong)) {
      const key = w.trim();
      if (!isWord(w)) problems.push({ key: `words.wrong.${w}`, message: say(`错误写法应是一个不超过 ${MAX_USER_WORD} 个字符的词`, `the wrong form must be a word of at most ${MAX_USER_WORD} characters`) });
      else if (typeof r !== 'string' || r.length > MAX_USER_WORD || /[\r\n]/.test(r)) problems.push({ key: `words.wrong.${w}`, message: say(`正确写法应是不超过 ${MAX_USER_WORD} 个字符的文字`, `the right form must be a string of at most ${MAX_USER_WORD} characters`) });
      else if (r.trim() === key) problems.push({ key: `words.wrong.${w}`, message: say('正确写法与错误写法相同', 'the right form is the wrong form itself') });
      else {
        options.wrongWords = options.wrongWords.filter((p) => p.wrong !== key);
        options.wrongWords.push({ wrong: key, right: r.trim() });
      }
    }
  }
}

/**
 * The configuration object with `word` added to `words.allow` (other keys kept, nothing
 * added twice). For the editor's quick fix "加入允许词表", which writes `.jianggao.json`.
 */
export function withAllowedWord(config: Record<string, unknown>, word: string): Record<string, unknown> {
  const w = word.trim();
  if (!isWord(w)) throw new Error(`not a word that can be allowed: ${JSON.stringify(word)}`);
  const words = typeof config.words === 'object' && config.words !== null && !Array.isArray(config.words) ? { ...(config.words as Record<string, unknown>) } : {};
  const allow = Array.isArray(words.allow) ? words.allow.filter((x): x is string => typeof x === 'string') : [];
  const legacy = Array.isArray(config.allowWords) ? config.allowWords : [];
  if (!allow.includes(w) && !legacy.includes(w)) allow.push(w);
  return { ...config, words: { ...words, allow } };
}

/**
 * The text of a `.jianggao.json` (undefined: no file yet) with `word` allowed; throws when the
 * file is not a JSON object (a broken file is not overwritten). Written with two-space indent.
 */
export function allowWordInConfigText(text: string | undefined, word: string): string {
  let config: Record<string, unknown> = {};
  if (text !== undefined && text.trim()) {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the configuration file is not a JSON object');
    config = value as Record<string, unknown>;
  }
  return JSON.stringify(withAllowedWord(config, word), null, 2) + '\n';
}

export function threshold(options: AnalysisOptions, key: string, fallback: number): number {
  const v = options.thresholds[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
