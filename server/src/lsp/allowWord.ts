// "加入允许词表": a word the writer means (a unit's name, a local term, a deliberate doubling)
// goes into `words.allow` of the workspace's .jianggao.json, and no word rule reports it again,
// in any draft of the workspace, in the editor and in `jianggao check`. Written through the one
// .jianggao.json writer (workspaceConfig.ts), like "ignore here" and "turn the rule off".

import { CodeActionKind } from 'vscode-languageserver/node';
import { withAllowedWord } from '../analysis';
import { MAX_USER_WORD } from '../analysis/options';
import { SERVER_COMMANDS } from '../protocol';
import { Feature, Server } from './feature';
import { announceConfigChange, configFileFor, updateWorkspaceConfig } from './workspaceConfig';

/**
 * Rules that leave alone a finding whose flagged text is an allowed word (tested in
 * test/unit/allow-word.test.ts on each rule's own bad examples).
 */
export const ALLOW_LIST_RULES = new Set(['typo', 'variant-form', 'de-particle', 'formulation', 'doubled-word', 'overused-phrase']);

/** The flagged text as a word for the list, when it is one. */
export function allowableWord(text: string): string | undefined {
  const w = text.trim();
  return w && w.length <= MAX_USER_WORD && !/[\r\n]/.test(w) ? w : undefined;
}

function allowWord(server: Server, uri: string, word: string): boolean {
  const w = allowableWord(String(word ?? ''));
  if (!w) return false;
  const result = updateWorkspaceConfig(server, uri, (config) => {
    const next = withAllowedWord(config, w);
    if (JSON.stringify(next.words) === JSON.stringify(config.words)) return false;
    config.words = next.words;
    return true;
  });
  announceConfigChange(server, result, server.ctx.t(
    `已将「${w}」加入本工作区的允许词表（.jianggao.json 的 words.allow），不再报告。`,
    `“${w}” added to the workspace's allowed words (words.allow in .jianggao.json); it is no longer reported.`,
  ));
  return result.ok;
}

export const allowWordAction: Feature = {
  register(server) {
    const { ctx, actions, commands } = server;
    actions.add({
      kinds: [CodeActionKind.QuickFix],
      forFinding(d, { doc, snapshot, lspFor }) {
        if (!ALLOW_LIST_RULES.has(d.rule) || !configFileFor(server, doc.uri)) return [];
        const word = allowableWord(snapshot.text.slice(d.start, d.end));
        if (!word) return [];
        return [{
          title: ctx.t(`加入允许词表：「${word}」`, `Add “${word}” to the allowed words`),
          kind: CodeActionKind.QuickFix,
          diagnostics: lspFor(d),
          command: { title: ctx.t('加入允许词表', 'Allow the word'), command: SERVER_COMMANDS.allowWord, arguments: [doc.uri, word] },
        }];
      },
    });
    commands.add(SERVER_COMMANDS.allowWord, (args) => allowWord(server, args[0] as string, args[1] as string));
  },
};
