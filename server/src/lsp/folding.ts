// Folding ranges: one per part of the outline that spans more than one line.

import { FoldingRange } from 'vscode-languageserver/node';
import { OutlineNode } from '../analysis/outline';
import { Feature } from './feature';

export const folding: Feature = {
  capabilities: () => ({ foldingRangeProvider: true }),
  register({ ctx, validation }) {
    ctx.connection.onFoldingRanges(async (params) => {
      const s = await validation.structureOf(params.textDocument.uri);
      if (!s) return [];
      const { lineIndex, outline } = s.structure;
      const out: FoldingRange[] = [];
      const walk = (n: OutlineNode) => {
        const start = lineIndex.lineAt(n.start);
        const end = lineIndex.lineAt(Math.max(n.start, n.end - 1));
        if (end > start) out.push({ startLine: start, endLine: end, kind: 'region' });
        n.children.forEach(walk);
      };
      outline.forEach(walk);
      return out;
    });
  },
};
