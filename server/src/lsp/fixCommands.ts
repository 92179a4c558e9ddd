// Commands that apply fixes to a whole document: fix all, fix one rule, renumber the
// headings and series, convert half-width punctuation. Renumbering and conversion run their
// rules even when the settings switch them off: the writer asked for them.

import { Diagnostic, fixEdits } from '../analysis';
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
    commands.add(SERVER_COMMANDS.fixAll, (args) => applyFixes(server, uriOf(args), () => true));
    commands.add(SERVER_COMMANDS.fixRule, (args) => applyFixes(server, uriOf(args), (d) => d.rule === args[1]));
    commands.add(SERVER_COMMANDS.renumber, (args) => applyFixes(server, uriOf(args), (d) => RENUMBER_RULES.has(d.rule), [...RENUMBER_RULES]));
    commands.add(SERVER_COMMANDS.convertHalfwidth, (args) => applyFixes(server, uriOf(args), (d) => d.rule === 'halfwidth-punctuation', ['halfwidth-punctuation']));
  },
};
