// Settings per document: defaults < editor settings (jianggao.*) < the workspace's
// .jianggao.json. Fetched once per document and kept until the editor settings or a watched
// file change or the document closes: validation runs on every pause in typing, and must not
// ask the client and read .jianggao.json from disk each time.

import * as path from 'path';
import { AnalysisOptions, RULE_BY_ID } from '../analysis';
import { resolveOptions, UserConfig, ConfigProblem } from '../analysis/options';
import { ignoresFor } from '../analysis/ignores';
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
  /** jianggao.codeLens: the figures above each level-1 section. */
  codeLens: boolean;
  /** jianggao.focusMode: findings on the line being typed wait (focusMode.ts). */
  focusMode: boolean;
  options: AnalysisOptions;
  /** Dictionaries as configured (not yet checked against trust). */
  dictionaries: string[];
  sources: SettingsSource[];
}

/** Where a setting in force came from: built in, the editor's settings, or this .jianggao.json. */
export type SettingOrigin = { kind: 'default' } | { kind: 'editor' } | { kind: 'file'; file: string };

/**
 * The layer a setting came from: the last that sets it. The editor layer holds only what the
 * writer set (the VS Code client leaves defaults out), so a default is never credited to it.
 */
export function originOf(s: SettingsInForce, pick: (c: UserConfig) => unknown): SettingOrigin {
  for (let i = s.sources.length - 1; i >= 0; i--) {
    if (pick(s.sources[i].config) === undefined) continue;
    return i === 0 ? { kind: 'editor' } : { kind: 'file', file: s.sources[i].name };
  }
  return { kind: 'default' };
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
    return { maxFileSize: DEFAULT_MAX_FILE_SIZE, debounceMs: DEFAULT_DEBOUNCE_MS, codeLens: true, focusMode: false, options: resolved.options, dictionaries: [], sources: [] };
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
        const sep = this.ctx.locale === 'en' ? ': ' : '：';
        const text = `${source.name}${sep}${p.key ? p.key + sep : ''}${p.message}`;
        if (this.reported.has(text)) continue;
        this.reported.add(text);
        this.ctx.log(`configuration problem: ${text}`);
        // A bad setting is left out and the rest apply; a file that cannot be read says so itself.
        this.ctx.connection.window.showWarningMessage(p.key
          ? this.ctx.t(`讲稿配置有误：${text}。此项已忽略，其余设置照常生效。`, `Jianggao configuration problem: ${text}. This setting is ignored; the others apply.`)
          : this.ctx.t(`讲稿配置有误：${text}。`, `Jianggao configuration problem: ${text}.`));
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
      words: editor.words,
      thresholds: editor.thresholds as Record<string, unknown> | undefined,
      dictionaries: editor.userDictionaries,
    };
    const sources: SettingsSource[] = [{ name: this.ctx.t('编辑器设置 (jianggao.*)', 'editor settings (jianggao.*)'), config: editorLayer, problems: [] }];
    const configPath = this.trust.findWorkspaceConfig(uriToPath(uri));
    if (configPath) {
      try {
        sources.push({ name: configPath, config: readConfigFile(configPath, this.ctx.locale), problems: [] });
      } catch (e) {
        // The message names the file first; the source's name says it already.
        const message = (e as Error).message.replace(`${configPath}: `, '').replace(`${configPath}：`, '');
        sources.push({ name: configPath, config: {}, problems: [{ key: '', message }] });
      }
    }
    const known = new Set(RULE_BY_ID.keys());
    for (const s of sources) s.problems.push(...resolveOptions([s.config], known, this.ctx.locale).problems);
    const resolved = resolveOptions(sources.map((s) => s.config), known, this.ctx.locale);
    // An ignore naming a draft holds for that draft only: its path relative to the .jianggao.json.
    const docPath = uriToPath(uri);
    resolved.options.ignores = ignoresFor(resolved.options.ignores, configPath && docPath ? path.relative(path.dirname(configPath), docPath).split(path.sep).join('/') : undefined);
    const maxFileSize = typeof editor.maxFileSize === 'number' && editor.maxFileSize > 0 ? editor.maxFileSize : resolved.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const debounceMs = typeof editor.debounceMs === 'number' && editor.debounceMs >= 0 ? editor.debounceMs : DEFAULT_DEBOUNCE_MS;
    return {
      maxFileSize, debounceMs, codeLens: editor.codeLens !== false, focusMode: editor.focusMode === true,
      options: resolved.options, dictionaries: resolved.dictionaries, sources,
    };
  }
}
