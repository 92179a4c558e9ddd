// What one analysis of one version of a document leaves for the editor features: plain data
// (findings with their offsets and fixes, the outline, the completeness checklist) made in
// the analysis worker, and the lines of the text, indexed here only when a feature asks.

import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { AnalysisOptions, Diagnostic, LineIndex, splitLines } from '../analysis';
import { OutlineNode, SpeechChecklist } from '../analysis/outline';
import type { Line } from '../analysis/text';
import type { AnalysisData, Failure } from './engine';

/** The structure of a version of a document: enough for symbols, folding and the views. */
export interface Structure {
  readonly version: number;
  readonly text: string;
  readonly options: AnalysisOptions;
  readonly outline: OutlineNode[];
  readonly checklist: SpeechChecklist[];
  readonly lines: Line[];
  readonly lineIndex: LineIndex;
}

/** A finished analysis: the structure, and the findings as the analysis library and as LSP gives them. */
export interface Snapshot extends Structure {
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
  readonly lsp: LspDiagnostic[];
  /** Word rules not run yet (the dictionary was still loading). */
  readonly pendingWordRules: string[];
  /** Parts that failed on this analysis (their findings are missing; the rest are here). */
  readonly failures: Failure[];
  /** Other files whose reuse findings changed with this version (see engine.ts). */
  readonly affected: string[];
}

/** A snapshot of what the worker sent for `text`; its lines are split on first use. */
export function snapshotOf(data: AnalysisData, text: string, options: AnalysisOptions): Snapshot {
  let lines: { lines: Line[]; lineIndex: LineIndex } | undefined;
  const indexed = () => (lines ??= linesOf(text));
  return {
    ...data,
    text,
    options,
    get lines() {
      return indexed().lines;
    },
    get lineIndex() {
      return indexed().lineIndex;
    },
  };
}

/** Lines and their index for a text, as the analysis computes them. */
export function linesOf(text: string): { lines: Line[]; lineIndex: LineIndex } {
  const lines = splitLines(text);
  return { lines, lineIndex: new LineIndex(lines) };
}
