// The analysis library: text in, a speech model and findings out. No LSP, no VS Code.

export * from './types';
export { parseDocument } from './model';
export type { DocumentModel, Speech, Item, Paragraph, Segment } from './model';
export { analyze, defaultSetting, messageOf, ruleById, AnalysisCancelled } from './analyze';
export type { AnalysisResult, AnalyzeInput } from './analyze';
export { RULES, RULE_BY_ID } from './rules';
export { applyEdits, fixEdits, normaliseEdits, fixAllEdits, applyFixAll, isMechanicalFix, isPastedTextFix } from './fixes';
export { resolveOptions, DEFAULT_OPTIONS, SEVERITY_SETTINGS, withAllowedWord, allowWordInConfigText } from './options';
export type { UserConfig, ConfigProblem } from './options';
export { LineIndex, splitLines, spokenLength } from './text';
export { suppressionComment } from './suppressions';
export { ruleTitle } from './ruleTitle';
export { ParagraphCorpus } from './corpus';
export type { OtherDocuments, ParagraphPlace } from './corpus';
export { ignoreEntryFor, addIgnore, ignoresFor, ignoreMatcher } from './ignores';
export type { IgnoreEntry } from './ignores';
export { nextPlaceholder, findPlaceholders, placeholdersOf } from './rules/placeholders';
export { spokenCharsIn, checklistOf, outlineOf, renderOutline, formatDuration, secondsOf, minutesOf } from './outline';
export { looksLikeSpeech } from './detect';
