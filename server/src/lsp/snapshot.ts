// What one analysis of one version of a document leaves for the editor features: plain data
// (findings with their offsets and fixes, the outline, the completeness checklist), so it
// can be made wherever the rules run and read by symbols, folding, code actions, the views.

import { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { AnalysisOptions, Diagnostic, LineIndex, splitLines } from '../analysis';
import { OutlineNode, SpeechChecklist } from '../analysis/outline';
import type { Line } from '../analysis/text';

/** The structure of a version of a document: enough for symbols, folding and the views. */
export interface Structure {
  version: number;
  text: string;
  options: AnalysisOptions;
  outline: OutlineNode[];
  checklist: SpeechChecklist[];
  lines: Line[];
  lineIndex: LineIndex;
}

/** A finished analysis: the structure, and the findings as the analysis library and as LSP gives them. */
export interface Snapshot extends Structure {
  uri: string;
  diagnostics: Diagnostic[];
  lsp: LspDiagnostic[];
  /** Word rules not run yet (the dictionary was still loading). */
  pendingWordRules: string[];
  ruleErrors: Array<{ rule: string; error: string }>;
}

/** Lines and their index for a text, as the analysis computed them. */
export function linesOf(text: string): { lines: Line[]; lineIndex: LineIndex } {
  const lines = splitLines(text);
  return { lines, lineIndex: new LineIndex(lines) };
}
