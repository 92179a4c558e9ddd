// The built-in fix actions: fix this, fix all of this rule in the file, fix everything (as a
// quick fix and as source.fixAll). Ignoring one finding (ignoreFinding.ts) and turning a rule
// off (disableRule.ts) are features of their own.

import { CodeAction, CodeActionKind } from 'vscode-languageserver/node';
import { Diagnostic, fixAllEdits, fixEdits, isMechanicalFix, RULE_BY_ID, ruleTitle } from '../analysis';
import { CodeActionProvider } from './actions';
import { ServerContext } from './context';
import { workspaceEdit } from './edits';
import { Feature } from './feature';

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.jianggao';

/** The flagged text, quoted, when it is short enough to name the finding in a menu (「的的」). */
export function quotedFlag(text: string, d: Diagnostic, locale: 'zh' | 'en'): string {
  const flagged = text.slice(d.start, d.end);
  if (!flagged.trim() || flagged.length > 12 || /[\r\n]/.test(flagged)) return '';
  return locale === 'en' ? ` “${flagged}”` : `「${flagged}」`;
}

function fixProviders(ctx: ServerContext): CodeActionProvider[] {
  const T = (zh: string, en: string) => ctx.t(zh, en);
  // Titles name the rule by its short name in the writer's language, never by its id.
  const titleOf = (rule: string) => ruleTitle(RULE_BY_ID.get(rule)!, ctx.locale);
  const fixThis: CodeActionProvider = {
    kinds: [CodeActionKind.QuickFix],
    forFinding(d, { doc, snapshot, lspFor }) {
      if (!d.fix) return [];
      const rule = RULE_BY_ID.get(d.rule)!;
      return [{
        title: `${rule.fixTitle?.[ctx.locale] ?? T('修复', 'Fix')}${quotedFlag(snapshot.text, d, ctx.locale)}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: lspFor(d),
        edit: workspaceEdit(doc, snapshot.lineIndex, d.fix),
      }];
    },
  };
  const perRule: CodeActionProvider = {
    kinds: [CodeActionKind.QuickFix],
    forFinding(d, { doc, snapshot }, firstOfRule) {
      if (!firstOfRule) return [];
      const actions: CodeAction[] = [];
      const sameRule = snapshot.diagnostics.filter((x) => x.rule === d.rule && x.fix);
      if (sameRule.length > 1) {
        actions.push({
          title: T(`修复本文件中所有「${titleOf(d.rule)}」（${sameRule.length} 处）`, `Fix all “${titleOf(d.rule)}” problems in this file (${sameRule.length})`),
          kind: CodeActionKind.QuickFix,
          edit: workspaceEdit(doc, snapshot.lineIndex, fixEdits(sameRule)),
        });
      }
      return actions;
    },
  };
  const fixEverything: CodeActionProvider = {
    kinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
    // Fix-all takes only the mechanical fixes (fixAllEdits): content decisions stay one by one.
    forRange({ doc, snapshot }, here) {
      const fixable = snapshot.diagnostics.filter(isMechanicalFix);
      if (!here.length || fixable.length <= 1) return [];
      return [{
        title: T(`修复本文件所有可自动修复的问题（${fixable.length} 处）`, `Fix all auto-fixable problems in this file (${fixable.length})`),
        kind: CodeActionKind.QuickFix,
        edit: workspaceEdit(doc, snapshot.lineIndex, fixAllEdits(fixable)),
      }];
    },
    forSource({ doc, snapshot }) {
      const edits = fixAllEdits(snapshot.diagnostics);
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
