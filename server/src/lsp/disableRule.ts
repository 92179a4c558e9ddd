// "Turn off this rule for the workspace": a quick fix on the rule's first finding under the
// cursor, and the command that writes `"rule": "off"` into the workspace's .jianggao.json
// (created if needed), so the CLI and every editor read the same choice.

import { CodeActionKind } from 'vscode-languageserver/node';
import { RULE_BY_ID, ruleTitle } from '../analysis';
import { SERVER_COMMANDS } from '../protocol';
import { Feature, Server } from './feature';
import { announceConfigChange, ConfigObject, configFileFor, updateWorkspaceConfig } from './workspaceConfig';

function disableRule(server: Server, uri: string, rule: string): boolean {
  const record = RULE_BY_ID.get(rule);
  if (!record) return false;
  const result = updateWorkspaceConfig(server, uri, (config) => {
    const rules = typeof config.rules === 'object' && config.rules !== null && !Array.isArray(config.rules) ? (config.rules as ConfigObject) : {};
    if (rules[rule] === 'off') return false;
    config.rules = { ...rules, [rule]: 'off' };
    return true;
  });
  const name = ruleTitle(record, server.ctx.locale);
  announceConfigChange(server, result, server.ctx.t(`已在本工作区关闭规则「${name}」（写入 .jianggao.json）。`, `Turned “${name}” off for this workspace (in .jianggao.json).`));
  return result.ok;
}

export const disableRuleCommand: Feature = {
  register(server) {
    const { ctx } = server;
    server.actions.add({
      kinds: [CodeActionKind.QuickFix],
      forFinding(d, { doc }, firstOfRule) {
        if (!firstOfRule || !configFileFor(server, doc.uri)) return [];
        const name = ruleTitle(RULE_BY_ID.get(d.rule)!, ctx.locale);
        return [{
          title: ctx.t(`在本工作区关闭规则「${name}」`, `Turn off “${name}” for this workspace`),
          kind: CodeActionKind.QuickFix,
          command: { title: ctx.t('关闭规则', 'Turn off the rule'), command: SERVER_COMMANDS.disableRule, arguments: [doc.uri, d.rule] },
        }];
      },
    });
    server.commands.add(SERVER_COMMANDS.disableRule, (args) => disableRule(server, args[0] as string, args[1] as string));
  },
};
