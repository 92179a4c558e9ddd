// Runs the rules over a parsed draft. Pure: text and options in, model and diagnostics out.
// A rule that throws is switched off for this document with a note in `ruleErrors`; every
// other rule still reports (a bug in one check must not silence the rest).

import { OtherDocuments } from './corpus';
import { parseDocument, DocumentModel } from './model';
import { DEFAULT_OPTIONS } from './options';
import { RULES, RULE_BY_ID } from './rules';
import { suppressionsOf } from './suppressions';
import { ignoreMatcher } from './ignores';
import { snapOffset } from './text';
import { AnalysisOptions, Diagnostic, Finding, RuleContext, RuleRecord, Severity, SeveritySetting, WordSegmenter } from './types';

export interface AnalysisResult {
  model: DocumentModel;
  diagnostics: Diagnostic[];
  /** Rules that need words and were skipped because no segmenter was given. */
  pendingWordRules: string[];
  ruleErrors: Array<{ rule: string; error: string }>;
}

export interface AnalyzeInput {
  options?: Partial<AnalysisOptions>;
  words?: WordSegmenter;
  /** Run only these rules (e.g. the word rules once the dictionary is ready). */
  only?: ReadonlySet<string>;
  /** A model parsed earlier from the same text. */
  model?: DocumentModel;
  /** Paragraphs of other documents (the workspace's other speech files, the other files checked). */
  otherDocuments?: OtherDocuments;
  /**
   * Asked before each rule: true when the result is no longer wanted (the document has a newer
   * version). The analysis then stops with AnalysisCancelled instead of finishing.
   */
  isStale?: () => boolean;
}

/** Thrown by analyze when `isStale` says its result is no longer wanted. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis abandoned: a newer version of the document is waiting');
  }
}

export function analyze(text: string, input: AnalyzeInput = {}): AnalysisResult {
  const options: AnalysisOptions = { ...DEFAULT_OPTIONS, ...input.options };
  const model = input.model ?? parseDocument(text);
  const memo = new Map<string, unknown>();
  const context: RuleContext = {
    text,
    model,
    options,
    words: input.words,
    otherDocuments: input.otherDocuments,
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
  const suppressions = suppressionsOf(model);
  const ignored = ignoreMatcher(text, options.ignores ?? []);
  const diagnostics: Diagnostic[] = [];
  const pendingWordRules: string[] = [];
  const ruleErrors: AnalysisResult['ruleErrors'] = [];
  for (const rule of RULES) {
    if (input.isStale?.()) throw new AnalysisCancelled();
    if (input.only && !input.only.has(rule.id)) continue;
    const configured = options.rules[rule.id] ?? (rule.offByDefault ? 'off' : undefined);
    if (configured === 'off') continue;
    if (rule.needsWords && !input.words) {
      pendingWordRules.push(rule.id);
      continue;
    }
    let findings: Finding[];
    try {
      findings = rule.check(context);
    } catch (e) {
      ruleErrors.push({ rule: rule.id, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    for (const f of findings) {
      const start = snapOffset(text, Math.max(0, Math.min(f.start, text.length)), 'back');
      const end = snapOffset(text, Math.max(start, Math.min(f.end, text.length)), 'forward');
      const line = model.lineIndex.lineAt(start);
      if (suppressions.isSuppressed(rule.id, line)) continue;
      if (ignored({ rule: rule.id, start, end })) continue;
      const severity: Severity = configured ?? f.severity ?? rule.severity;
      const d: Diagnostic = { ...f, start, end, rule: rule.id, severity, message: messageOf(rule, f, options.locale) };
      if (f.fix) d.fixKind = f.fixKind ?? rule.fixKind ?? 'decision';
      else delete d.fixKind;
      diagnostics.push(d);
    }
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { model, diagnostics, pendingWordRules, ruleErrors };
}

export function messageOf(rule: RuleRecord, f: Finding, locale: 'zh' | 'en'): string {
  const templates = (f.variant && rule.variants?.[f.variant]) || rule.message;
  return templates[locale](f.data ?? {});
}

/** What a rule does when nothing is configured: its severity, or off (RuleRecord.offByDefault). */
export function defaultSetting(rule: RuleRecord): SeveritySetting {
  return rule.offByDefault ? 'off' : rule.severity;
}

export function ruleById(id: string): RuleRecord | undefined {
  return RULE_BY_ID.get(id);
}
