// CodeLens: above each level-1 section (一、二、…) its characters, speaking time, share of the
// target duration when one is set, and its findings: a time budget read while writing.
// jianggao.codeLens turns it off. The lens is text only (no command): the figures are the point.
//
// The lens asks for the findings of the version on screen: when the analysis of that version
// is still running it waits for it (briefly), and after every publication the editor is asked
// to fetch the lenses again, so the count never lags behind the squiggles.

import { CodeLens, CodeLensRefreshRequest } from 'vscode-languageserver/node';
import { rangeOf } from './diagnostics';
import { Feature, Server } from './feature';
import { figuresOf, levelOneSections, sectionLens } from './sections';
import { Snapshot } from './snapshot';

/** How long a lens request waits for the analysis of the current version. */
const WAIT_FOR_FINDINGS_MS = 3000;

export const codeLens: Feature = {
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register(server: Server) {
    const { ctx, validation, settings } = server;
    const waiting = new Map<string, Array<() => void>>();
    validation.onPublished((snapshot: Snapshot) => {
      const w = waiting.get(snapshot.uri);
      if (w) {
        waiting.delete(snapshot.uri);
        for (const resolve of w) resolve();
      }
      if (ctx.clientCapabilities.workspace?.codeLens?.refreshSupport) void ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
    const freshSnapshot = async (uri: string): Promise<Snapshot | undefined> => {
      const now = validation.fresh(uri);
      if (now) return now.snapshot;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, WAIT_FOR_FINDINGS_MS);
        const list = waiting.get(uri) ?? [];
        list.push(() => (clearTimeout(timer), resolve()));
        waiting.set(uri, list);
      });
      return validation.fresh(uri)?.snapshot;
    };

    ctx.connection.onCodeLens(async (params): Promise<CodeLens[]> => {
      const uri = params.textDocument.uri;
      if (!(await settings.for(uri)).codeLens) return [];
      const snapshot = await freshSnapshot(uri);
      // No findings for this version (too large, or still running): the figures alone.
      const s = snapshot ?? (await validation.structureOf(uri))?.structure;
      if (!s) return [];
      return levelOneSections(s.outline).map((node) => ({
        range: rangeOf(s.lineIndex, node.selectionStart, node.selectionStart),
        command: { title: sectionLens(figuresOf(node, s, snapshot?.diagnostics), ctx.locale), command: '' },
      }));
    });
  },
};
