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

export function threshold(options: AnalysisOptions, key: string, fallback: number): number {
  const v = options.thresholds[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
