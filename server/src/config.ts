// Configuration files: `.jianggao.json` found next to (or above) a draft, or given with
// --config. JSON only: configuration is data and never executes anything.

import * as fs from 'fs';
import * as path from 'path';
import { AnalysisOptions, Locale } from './analysis';
import { resolveOptions, UserConfig, ConfigProblem } from './analysis/options';
import { ignoresFor } from './analysis/ignores';
import { RULE_BY_ID } from './analysis/rules';

export const CONFIG_FILE = '.jianggao.json';

export interface ConfigSource {
  file: string;
  problems: ConfigProblem[];
}

/** Where JSON.parse stopped, in words: 第 3 行第 5 列附近 / near line 3, column 5 / the file ends too soon. */
export function jsonErrorPlace(raw: string, error: Error, locale: Locale): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return locale === 'en' ? 'the file ends too soon or is not JSON' : '文件不完整或不是 JSON';
  const before = raw.slice(0, Number(at[1])).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return locale === 'en' ? `near line ${line}, column ${column}` : `第 ${line} 行第 ${column} 列附近`;
}

/**
 * Parses a config file; throws an Error with a one-line message when it is not valid JSON
 * (in English unless `locale` says otherwise: the editor passes the writer's language).
 */
export function readConfigFile(file: string, locale: Locale = 'en'): UserConfig {
  const zh = locale === 'zh';
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(zh ? `${file}：无法读取配置（${code}）` : `${file}: cannot read configuration (${code})`);
  }
  // An empty file is no configuration: an editor creates a new file empty before it writes it.
  const text = raw.replace(/^\uFEFF/, '');
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(zh
      ? `${file}：不是有效的 JSON（${jsonErrorPlace(text, e as Error, 'zh')}），整个文件未生效：请改正后保存`
      : `${file}: invalid configuration: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(zh ? `${file}：应为一个 JSON 对象（{ … }），整个文件未生效` : `${file}: invalid configuration: not a JSON object`);
  }
  return value as UserConfig;
}

/** The nearest `.jianggao.json` in the directory of `file` or above it. */
export function findConfigFile(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const cache = new Map<string, UserConfig>();

export function loadConfigFor(
  file: string, explicit: string | undefined, locale: Locale,
): { options: AnalysisOptions; dictionaries: string[]; sources: ConfigSource[]; maxFileSize?: number; configFile?: string } {
  const configFile = explicit ?? findConfigFile(file);
  let user: UserConfig | undefined;
  if (configFile) {
    user = cache.get(configFile);
    if (!user) {
      user = readConfigFile(configFile);
      cache.set(configFile, user);
    }
  }
  const { options, problems, dictionaries, maxFileSize } = resolveOptions([user], new Set(RULE_BY_ID.keys()), locale);
  const base = configFile ? path.dirname(path.resolve(configFile)) : process.cwd();
  // Ignores naming a draft hold for that draft only (its path relative to the configuration file).
  options.ignores = ignoresFor(options.ignores, path.relative(base, path.resolve(file)).split(path.sep).join('/'));
  return {
    options,
    dictionaries: dictionaries.map((d) => path.resolve(base, d)),
    sources: configFile ? [{ file: configFile, problems }] : [],
    maxFileSize,
    configFile,
  };
}
