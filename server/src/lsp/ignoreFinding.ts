// "在此处忽略": silences one finding without touching the speech. The quick fix stores an
// entry in the workspace's .jianggao.json naming the rule, the flagged text and a few
// characters around it, and the draft (analysis/ignores.ts), so that one finding stays
// silent wherever the passage moves and nothing else is silenced (not the paragraph's other
// placeholders, not the same slip written again elsewhere).
//
// The comment directives (<!-- jianggao-disable-next-line … -->) still work when typed, but
// are no longer offered in the menu: a comment in the body travels into the printed copy,
// the Word export and the podium copy, which is what the writer wanted to avoid.

import * as path from 'path';
import { CodeActionKind } from 'vscode-languageserver/node';
import { addIgnore, ignoreEntryFor, IgnoreEntry, RULE_BY_ID, ruleTitle } from '../analysis';
import { SERVER_COMMANDS } from '../protocol';
import { CodeActionProvider } from './actions';
import { uriToPath } from './context';
import { Feature, Server } from './feature';
import { announceConfigChange, configFileFor, updateWorkspaceConfig } from './workspaceConfig';

/** The draft's path as an ignore entry names it: relative to the .jianggao.json, `/` separated. */
function draftPath(server: Server, uri: string): string | undefined {
  const file = uriToPath(uri);
  const config = configFileFor(server, uri);
  if (!file || !config) return undefined;
  return path.relative(path.dirname(config), file).split(path.sep).join('/');
}

function ignore(server: Server, uri: string, entry: IgnoreEntry): boolean {
  const record = RULE_BY_ID.get(entry.rule);
  if (!record || typeof entry.text !== 'string' || !entry.text.trim()) return false;
  const result = updateWorkspaceConfig(server, uri, (config) => {
    const before = Array.isArray(config.ignores) ? config.ignores.length : 0;
    const next = addIgnore(config, entry);
    if (next.ignores.length === before && Array.isArray(config.ignores)) return false;
    config.ignores = next.ignores;
    return true;
  });
  const name = ruleTitle(record, server.ctx.locale);
  announceConfigChange(server, result, server.ctx.t(
    `已忽略此处的「${name}」：记入 .jianggao.json，讲稿正文未改动。`,
    `Ignored this “${name}” finding: noted in .jianggao.json, the speech text is unchanged.`,
  ));
  return result.ok;
}

export const ignoreFinding: Feature = {
  register(server) {
    const { ctx, actions, commands } = server;
    const provider: CodeActionProvider = {
      kinds: [CodeActionKind.QuickFix],
      forFinding(d, { doc, snapshot, lspFor }) {
        // Only a draft saved in a folder has a .jianggao.json to hold the entry.
        const file = draftPath(server, doc.uri);
        if (!file || !snapshot.text.slice(d.start, d.end).trim()) return [];
        const entry = ignoreEntryFor(snapshot.text, d, file);
        const name = ruleTitle(RULE_BY_ID.get(d.rule)!, ctx.locale);
        return [{
          title: ctx.t(`在此处忽略「${name}」`, `Ignore “${name}” here`),
          kind: CodeActionKind.QuickFix,
          diagnostics: lspFor(d),
          command: { title: ctx.t('在此处忽略', 'Ignore here'), command: SERVER_COMMANDS.ignoreFinding, arguments: [doc.uri, entry] },
        }];
      },
    };
    actions.add(provider);
    commands.add(SERVER_COMMANDS.ignoreFinding, (args) => ignore(server, args[0] as string, args[1] as IgnoreEntry));
  },
};
