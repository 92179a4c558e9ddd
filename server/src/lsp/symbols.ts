// Document symbols: the speech outline (title, salutation, opening, headings and series,
// closing) for the Outline view, breadcrumbs and "go to symbol".

import { DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import { LineIndex } from '../analysis';
import { OutlineNode } from '../analysis/outline';
import { rangeOf } from './diagnostics';
import { Feature } from './feature';

const SYMBOL_KIND: Record<string, SymbolKind> = {
  speech: SymbolKind.File,
  title: SymbolKind.String,
  meta: SymbolKind.Key,
  salutation: SymbolKind.Event,
  opening: SymbolKind.Namespace,
  heading: SymbolKind.Module,
  enum: SymbolKind.EnumMember,
  closing: SymbolKind.Namespace,
};

function toSymbol(n: OutlineNode, lineIndex: LineIndex): DocumentSymbol {
  const range = rangeOf(lineIndex, n.start, n.end);
  let selectionRange = rangeOf(lineIndex, n.selectionStart, n.selectionEnd);
  // LSP requires the selection range inside the range.
  if (n.selectionStart < n.start || n.selectionEnd > n.end) selectionRange = range;
  return {
    name: n.name || '…',
    detail: n.detail,
    kind: SYMBOL_KIND[n.kind] ?? SymbolKind.String,
    range,
    selectionRange,
    children: n.children.map((c) => toSymbol(c, lineIndex)),
  };
}

export const symbols: Feature = {
  capabilities: ({ ctx }) => ({ documentSymbolProvider: { label: ctx.t('讲稿', 'Speech') } }),
  register({ ctx, validation }) {
    ctx.connection.onDocumentSymbol(async (params) => {
      const s = await validation.structureOf(params.textDocument.uri);
      if (!s) return [];
      return s.structure.outline.map((n) => toSymbol(n, s.structure.lineIndex));
    });
  },
};
