// "Turn off this rule for the workspace": writes `"rule": "off"` into the workspace's
// .jianggao.json (created if needed) through the editor, so the change can be undone there.

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { RULE_BY_ID } from '../analysis';
import { UserConfig } from '../analysis/options';
import { CONFIG_FILE, readConfigFile } from '../config';
import { SERVER_COMMANDS } from '../protocol';
import { uriToPath } from './context';
import { Feature, Server } from './feature';

async function disableRule({ ctx, trust }: Server, uri: string, rule: string): Promise<boolean> {
  if (!RULE_BY_ID.has(rule)) return false;
  const docPath = uriToPath(uri);
  const folder = (docPath && trust.folderOf(docPath)) ?? (docPath ? path.dirname(docPath) : undefined);
  if (!folder) return false;
  const file = trust.findWorkspaceConfig(docPath) ?? path.join(folder, CONFIG_FILE);
  let config: UserConfig = {};
  let existing = '';
  if (fs.existsSync(file)) {
    existing = fs.readFileSync(file, 'utf8');
    try {
      config = readConfigFile(file);
    } catch (e) {
      ctx.connection.window.showErrorMessage((e as Error).message);
      return false;
    }
  }
  config.rules = { ...(config.rules ?? {}), [rule]: 'off' };
  const text = JSON.stringify(config, null, 2) + '\n';
  const fileUri = pathToFileURL(file).toString();
  const lines = existing.split(/\r?\n/);
  const edit: WorkspaceEdit = existing
    ? { documentChanges: [{ textDocument: { uri: fileUri, version: null }, edits: [TextEdit.replace(Range.create(0, 0, lines.length, 0), text)] }] }
    : { documentChanges: [{ kind: 'create', uri: fileUri, options: { ignoreIfExists: true } }, { textDocument: { uri: fileUri, version: null }, edits: [TextEdit.insert({ line: 0, character: 0 }, text)] }] };
  const r = await ctx.connection.workspace.applyEdit({ label: 'Jianggao', edit });
  return r.applied;
}

export const disableRuleCommand: Feature = {
  register(server) {
    server.commands.add(SERVER_COMMANDS.disableRule, (args) => disableRule(server, args[0] as string, args[1] as string));
  },
};
