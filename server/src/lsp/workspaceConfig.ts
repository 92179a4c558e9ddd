// Changes to the workspace's .jianggao.json made from the editor (turn a rule off, ignore one
// finding, allow a word): one read-modify-write on disk, never through an unsaved editor
// buffer. Writing through the editor created the file empty first, so the server (and the
// CLI) read it half-written ("Unexpected end of JSON input"), and the change took effect only
// once the writer saved a file they never opened.
//
// The file is written whole to a temporary name and renamed over the old one, so a reader
// sees the old content or the new, never a mix. A file that cannot be parsed is left alone.

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CONFIG_FILE } from '../config';
import { uriToPath } from './context';
import { Server } from './feature';

export type ConfigObject = Record<string, unknown>;

export type ConfigUpdate =
  | { ok: true; file: string; changed: boolean }
  | { ok: false; reason: string };

/** The .jianggao.json that settings read for this document, or where a new one goes (its workspace folder, else its directory). */
export function configFileFor({ trust }: Server, uri: string): string | undefined {
  const docPath = uriToPath(uri);
  if (!docPath) return undefined;
  return trust.findWorkspaceConfig(docPath) ?? path.join(trust.folderOf(docPath) ?? path.dirname(docPath), CONFIG_FILE);
}

/** Indentation of the file as written (two spaces when it has none yet). */
function indentOf(raw: string): string | number {
  const m = /\n([ \t]+)\S/.exec(raw);
  return m ? m[1] : 2;
}

/**
 * Reads the document's .jianggao.json (an empty or missing file is `{}`), lets `change` edit
 * the parsed object (it returns false when there was nothing to do), writes it back, and has
 * every open document checked again with it.
 */
export function updateWorkspaceConfig(server: Server, uri: string, change: (config: ConfigObject) => boolean): ConfigUpdate {
  const { ctx, settings, validation } = server;
  const file = configFileFor(server, uri);
  if (!file) return { ok: false, reason: ctx.t('请先保存讲稿：未保存的文稿没有工作区配置文件 .jianggao.json。', 'Save the draft first: an unsaved draft has no workspace .jianggao.json.') };
  let raw = '';
  try {
    if (fs.existsSync(file)) raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, reason: ctx.t(`无法读取 ${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），未作修改。`, `Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing changed.`) };
  }
  const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
  let config: ConfigObject = {};
  if (raw.trim()) {
    try {
      const value = JSON.parse(raw.slice(bom.length)) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(ctx.t('不是一个 JSON 对象', 'not a JSON object'));
      config = value as ConfigObject;
    } catch (e) {
      return { ok: false, reason: ctx.t(`${file} 不是有效的 JSON（${(e as Error).message}），未作修改：请先改正它。`, `${file} is not valid JSON (${(e as Error).message}); nothing changed: correct it first.`) };
    }
  }
  if (!change(config)) return { ok: true, file, changed: false };
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  const text = bom + JSON.stringify(config, null, indentOf(raw)).replace(/\n/g, eol) + eol;
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, text, 'utf8');
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    return { ok: false, reason: ctx.t(`无法写入 ${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。`, `Cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`) };
  }
  // The file watcher will say so too, later; the writer expects the squiggle gone now.
  settings.clear();
  validation.scheduleAll();
  return { ok: true, file, changed: true };
}

/** Tells the writer what was written, with a button that opens the file (not awaited: the notification may stay up). */
export function announceConfigChange({ ctx }: Server, result: ConfigUpdate, done: string): void {
  const { connection } = ctx;
  if (!result.ok) {
    void connection.window.showErrorMessage(result.reason);
    return;
  }
  const open = ctx.t('打开 .jianggao.json', 'Open .jianggao.json');
  void connection.window.showInformationMessage(done, { title: open }).then((picked) => {
    if (picked?.title === open) void connection.window.showDocument({ uri: pathToFileURL(result.file).toString(), takeFocus: true }).catch(() => undefined);
  }, () => undefined);
}
