// The analysis library: text in, a speech model and findings out. No LSP, no VS Code.

export * from './types';
export { parseDocument } from './model';
export type { DocumentModel, Speech, Item, Paragraph, Segment } from './model';
export { analyze, messageOf, ruleById, AnalysisCancelled } from './analyze';
export type { AnalysisResult, AnalyzeInput } from './analyze';
export { RULES, RULE_BY_ID } from './rules';
export { applyEdits, fixEdits, normaliseEdits } from './fixes';
export { resolveOptions, DEFAULT_OPTIONS, SEVERITY_SETTINGS } from './options';
export type { UserConfig, ConfigProblem } from './options';
export { LineIndex, splitLines, spokenLength } from './text';
export { suppressionComment } from './suppressions';
export { ParagraphCorpus } from './corpus';
export type { OtherDocuments, ParagraphPlace } from './corpus';
