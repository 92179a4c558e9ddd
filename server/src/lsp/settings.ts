// Settings per document: defaults < editor settings (jianggao.*) < the workspace's
// .jianggao.json. Fetched once per document and kept until the editor settings or a watched
// file change or the document closes: validation runs on every pause in typing, and must not
// ask the client and read .jianggao.json from disk each time.

import * as path from 'path';
import { AnalysisOptions, RULE_BY_ID } from '../analysis';
import { resolveOptions, UserConfig, ConfigProblem } from '../analysis/options';
import { readConfigFile } from '../config';
import { ServerContext, uriToPath } from './context';
import { Trust } from './trust';
import { injectedFault } from './faults';

export const DEFAULT_DEBOUNCE_MS = 250;
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** One layer of configuration and what was wrong in it. */
export interface SettingsSource {
  name: string;
  config: UserConfig;
  problems: ConfigProblem[];
}

export interface SettingsInForce {
  maxFileSize: number;
  debounceMs: number;
  options: AnalysisOptions;
  /** Dictionaries as configured (not yet checked against trust). */
  dictionaries: string[];
  sources: SettingsSource[];
}

export class Settings {
  private readonly cache = new Map<string, Promise<SettingsInForce>>();
  /** A configuration mistake is said once, visibly: a silently ignored setting is the worst kind. */
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: ServerContext, private readonly trust: Trust) {}

  for(uri: string): Promise<SettingsInForce> {
    let cached = this.cache.get(uri);
    if (!cached) {
      const reading = this.read(uri);
      // A failure is not kept: the next validation reads the settings again.
      reading.catch(() => {
        if (this.cache.get(uri) === reading) this.cache.delete(uri);
      });
      this.cache.set(uri, (cached = reading));
    }
    return cached;
  }

  /** The built-in defaults, for a document whose settings could not be read. */
  defaults(): SettingsInForce {
    const resolved = resolveOptions([], new Set(RULE_BY_ID.keys()), this.ctx.locale);
    return { maxFileSize: DEFAULT_MAX_FILE_SIZE, debounceMs: DEFAULT_DEBOUNCE_MS, options: resolved.options, dictionaries: [], sources: [] };
  }

  /** Everything is read again on next use (editor settings or a watched file changed). */
  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The dictionaries the document may use: relative to its .jianggao.json, refused outside an untrusted workspace. */
  acceptedDictionaries(s: SettingsInForce): string[] {
    return this.trust.acceptDictionaries(s.dictionaries, s.sources.length > 1 ? path.dirname(s.sources[1].name) : undefined);
  }

  reportProblems(s: SettingsInForce): void {
    for (const source of s.sources) {
      for (const p of source.problems) {
        const text = `${source.name}: ${p.key ? p.key + ': ' : ''}${p.message}`;
        if (this.reported.has(text)) continue;
        this.reported.add(text);
        this.ctx.log(`configuration problem: ${text}`);
        this.ctx.connection.window.showWarningMessage(this.ctx.t(`讲稿配置有误，已忽略该项：${text}`, `Jianggao configuration problem, ignored: ${text}`));
      }
    }
  }

  private async editorSettings(uri: string): Promise<Record<string, unknown>> {
    if (!this.ctx.hasConfigurationCapability) return {};
    try {
      return ((await this.ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: 'jianggao' })) ?? {}) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  private async read(uri: string): Promise<SettingsInForce> {
    const editor = await this.editorSettings(uri);
    injectedFault('settings', uri);
    const editorLayer: UserConfig = {
      rules: editor.rules as Record<string, unknown> | undefined,
      speakingRate: editor.speakingRate,
      targetMinutes: editor.targetMinutes,
      allowWords: editor.allowWords,
      thresholds: editor.thresholds as Record<string, unknown> | undefined,
      dictionaries: editor.userDictionaries,
    };
    const sources: SettingsSource[] = [{ name: this.ctx.t('编辑器设置 (jianggao.*)', 'editor settings (jianggao.*)'), config: editorLayer, problems: [] }];
    const configPath = this.trust.findWorkspaceConfig(uriToPath(uri));
    if (configPath) {
      try {
        sources.push({ name: configPath, config: readConfigFile(configPath), problems: [] });
      } catch (e) {
        sources.push({ name: configPath, config: {}, problems: [{ key: '', message: (e as Error).message }] });
      }
    }
    const known = new Set(RULE_BY_ID.keys());
    for (const s of sources) s.problems.push(...resolveOptions([s.config], known, this.ctx.locale).problems);
    const resolved = resolveOptions(sources.map((s) => s.config), known, this.ctx.locale);
    const maxFileSize = typeof editor.maxFileSize === 'number' && editor.maxFileSize > 0 ? editor.maxFileSize : resolved.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const debounceMs = typeof editor.debounceMs === 'number' && editor.debounceMs >= 0 ? editor.debounceMs : DEFAULT_DEBOUNCE_MS;
    return { maxFileSize, debounceMs, options: resolved.options, dictionaries: resolved.dictionaries, sources };
  }
}
