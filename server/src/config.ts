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

/** Parses a config file; throws an Error with a one-line message when it is not valid JSON. */
export function readConfigFile(file: string): UserConfig {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read configuration (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // An empty file is no configuration: an editor creates a new file empty before it writes it.
  if (!raw.replace(/^\uFEFF/, '').trim()) return {};
  try {
    const value = JSON.parse(raw.replace(/^\uFEFF/, ''));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
    return value as UserConfig;
  } catch (e) {
    throw new Error(`${file}: invalid configuration: ${(e as Error).message}`);
  }
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
