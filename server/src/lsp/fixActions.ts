// The built-in code actions: fix this, fix all of this rule in the file, ignore it here,
// turn the rule off for the workspace, fix everything (as a quick fix and as source.fixAll).

import { CodeAction, CodeActionKind } from 'vscode-languageserver/node';
import { fixEdits, RULE_BY_ID, suppressionComment } from '../analysis';
import { CodeActionProvider } from './actions';
import { ServerContext } from './context';
import { eolOf, workspaceEdit } from './edits';
import { Feature } from './feature';
import { SERVER_COMMANDS } from '../protocol';

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.jianggao';

function fixProviders(ctx: ServerContext): CodeActionProvider[] {
  const T = (zh: string, en: string) => ctx.t(zh, en);
  const fixThis: CodeActionProvider = {
    kinds: [CodeActionKind.QuickFix],
    forFinding(d, { doc, snapshot, lspFor }) {
      if (!d.fix) return [];
      const rule = RULE_BY_ID.get(d.rule)!;
      return [{
        title: `${rule.fixTitle?.[ctx.locale] ?? T('修复', 'Fix')} (${d.rule})`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: lspFor(d),
        edit: workspaceEdit(doc, snapshot.lineIndex, d.fix),
      }];
    },
  };
  const perRule: CodeActionProvider = {
    kinds: [CodeActionKind.QuickFix],
    forFinding(d, { doc, snapshot, lspFor }, firstOfRule) {
      if (!firstOfRule) return [];
      const actions: CodeAction[] = [];
      const sameRule = snapshot.diagnostics.filter((x) => x.rule === d.rule && x.fix);
      if (sameRule.length > 1) {
        actions.push({
          title: T(`修复本文件中所有 ${d.rule} 问题（${sameRule.length} 处）`, `Fix all ${d.rule} problems in this file (${sameRule.length})`),
          kind: CodeActionKind.QuickFix,
          edit: workspaceEdit(doc, snapshot.lineIndex, fixEdits(sameRule)),
        });
      }
      const line = snapshot.lineIndex.lineAt(d.start);
      // The line's own start: on the first line, after a BOM (the comment must not precede it).
      const lineStart = snapshot.lines[line].start;
      const indent = /^[ \t\u3000]*/.exec(snapshot.text.slice(lineStart, lineStart + 50))?.[0] ?? '';
      actions.push({
        title: T(`在此处忽略 ${d.rule}`, `Ignore ${d.rule} here`),
        kind: CodeActionKind.QuickFix,
        diagnostics: lspFor(d),
        edit: workspaceEdit(doc, snapshot.lineIndex, [{ start: lineStart, end: lineStart, text: `${indent}${suppressionComment(d.rule)}${eolOf(snapshot.text)}` }]),
      });
      actions.push({
        title: T(`在本工作区关闭规则 ${d.rule}`, `Turn off ${d.rule} for this workspace`),
        kind: CodeActionKind.QuickFix,
        command: { title: 'disable', command: SERVER_COMMANDS.disableRule, arguments: [doc.uri, d.rule] },
      });
      return actions;
    },
  };
  const fixEverything: CodeActionProvider = {
    kinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
    forRange({ doc, snapshot }, here) {
      const fixable = snapshot.diagnostics.filter((d) => d.fix);
      if (!here.length || fixable.length <= 1) return [];
      return [{
        title: T(`修复本文件所有可自动修复的问题（${fixable.length} 处）`, `Fix all auto-fixable problems in this file (${fixable.length})`),
        kind: CodeActionKind.QuickFix,
        edit: workspaceEdit(doc, snapshot.lineIndex, fixEdits(fixable)),
      }];
    },
    forSource({ doc, snapshot }) {
      const edits = fixEdits(snapshot.diagnostics);
      if (!edits.length) return [];
      return [{ title: T('修复所有可自动修复的问题', 'Fix all auto-fixable problems'), kind: FIX_ALL_KIND, edit: workspaceEdit(doc, snapshot.lineIndex, edits) }];
    },
  };
  return [fixThis, perRule, fixEverything];
}

export const fixActions: Feature = {
  register({ ctx, actions }) {
    for (const p of fixProviders(ctx)) actions.add(p);
  },
};
