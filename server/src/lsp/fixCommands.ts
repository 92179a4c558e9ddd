// Commands that apply fixes to a whole document: fix all (mechanical fixes only: fixAllEdits),
// fix one rule, renumber the headings and series, convert half-width punctuation, clean up
// pasted text. Renumbering, conversion and cleaning run their rules even when the settings
// switch them off: the writer asked for them.

import { Diagnostic, fixEdits, isMechanicalFix, isPastedTextFix } from '../analysis';
import { SERVER_COMMANDS } from '../protocol';
import { workspaceEdit } from './edits';
import { Feature, Server } from './feature';

const RENUMBER_RULES = new Set(['numbering-gap', 'numbering-duplicate', 'numbering-start', 'numbering-punctuation', 'numbering-mixed']);

async function applyFixes({ ctx, validation, checker }: Server, uri: string, pick: (d: Diagnostic) => boolean, forceRules?: string[]): Promise<number> {
  const doc = ctx.documents.get(uri);
  if (!doc) return 0;
  let f = validation.fresh(uri);
  if (!f || forceRules) {
    await validation.validate(uri);
    f = validation.fresh(uri);
  }
  if (!f) return 0;
  const { snapshot } = f;
  const diags = forceRules ? await checker.findingsOf(snapshot.text, snapshot.options, forceRules) : snapshot.diagnostics;
  const edits = fixEdits(diags, undefined, pick);
  if (!edits.length) return 0;
  await ctx.connection.workspace.applyEdit({ label: 'Jianggao', edit: workspaceEdit(f.doc, snapshot.lineIndex, edits) });
  return edits.length;
}

export const fixCommands: Feature = {
  register(server) {
    const { commands } = server;
    const uriOf = (args: unknown[]) => args[0] as string;
    // Fix-all never takes a content decision (a renumbering, a salutation, a deletion).
    commands.add(SERVER_COMMANDS.fixAll, (args) => applyFixes(server, uriOf(args), isMechanicalFix));
    commands.add(SERVER_COMMANDS.fixRule, (args) => applyFixes(server, uriOf(args), (d) => d.rule === args[1]));
    commands.add(SERVER_COMMANDS.renumber, async (args) => {
      const changed = await applyFixes(server, uriOf(args), (d) => RENUMBER_RULES.has(d.rule), [...RENUMBER_RULES]);
      // The writer asked for it: say what it did, also when there was nothing to do.
      const { ctx } = server;
      if (ctx.documents.get(uriOf(args))) {
        void ctx.connection.window.showInformationMessage(changed
          ? ctx.t(`已重新编排序号：改动 ${changed} 处。`, `Renumbered: ${changed} marker${changed === 1 ? '' : 's'} changed.`)
          : ctx.t('序号已连贯，无需调整。', 'The numbering is already in order; nothing to change.'));
      }
      return changed;
    });
    commands.add(SERVER_COMMANDS.cleanPastedText, async (args) => {
      const changed = await applyFixes(server, uriOf(args), isPastedTextFix, ['pasted-character', 'numbering-punctuation']);
      const { ctx } = server;
      if (ctx.documents.get(uriOf(args))) {
        void ctx.connection.window.showInformationMessage(changed
          ? ctx.t(`已清理粘贴带来的字符：改动 ${changed} 处。`, `Pasted text cleaned: ${changed} change${changed === 1 ? '' : 's'}.`)
          : ctx.t('没有需要清理的粘贴字符。', 'No pasted characters to clean up.'));
      }
      return changed;
    });
    commands.add(SERVER_COMMANDS.convertHalfwidth, (args) => applyFixes(server, uriOf(args), (d) => d.rule === 'halfwidth-punctuation', ['halfwidth-punctuation']));
  },
};
