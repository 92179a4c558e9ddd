// The analysis library's public vocabulary. Nothing here knows about LSP or VS Code:
// offsets are UTF-16 code unit offsets into the document string (what JavaScript strings
// index by, and what LSP positions count), so no conversion can make squiggles drift.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export type Locale = 'zh' | 'en';

/** Text for both display languages. */
export interface Localized {
  zh: string;
  en: string;
}

/** A replacement of document text [start, end) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export type MessageData = Record<string, string | number>;

export interface RelatedLocation {
  start: number;
  end: number;
  /** A short note shown with the related location. */
  note: Localized;
  /** The location is in another document (start/end are then unused): its name and range. */
  external?: { document: string; start: { line: number; character: number }; end: { line: number; character: number } };
}

/** What a rule's check function reports. The analysis adds the rule id and severity. */
export interface Finding {
  start: number;
  end: number;
  /** Parameters for the rule's message templates. */
  data?: MessageData;
  /** Choose among the rule's message variants (e.g. numbering-level: 'skip'). */
  variant?: string;
  /** A local fix: edits that all lie inside [start, end]. */
  fix?: Edit[];
  /** Overrides the rule's default severity for this finding (numbering-level skips are info). */
  severity?: Severity;
  related?: RelatedLocation[];
}

/** A finding after the analysis resolved its rule, severity and message. */
export interface Diagnostic extends Finding {
  rule: string;
  severity: Severity;
  message: string;
}

export type MessageTemplate = (data: MessageData) => string;

export type RuleCategory = 'structure' | 'numbering' | 'repetition' | 'text' | 'length' | 'proofreading';

/**
 * One rule: a small declarative record plus a pure check function.
 * `message` says what is wrong and how to fix it, in both languages.
 */
export interface RuleRecord {
  id: string;
  category: RuleCategory;
  severity: Severity;
  /** One line: what the rule flags (used in docs, settings and the rule table). */
  description: Localized;
  message: { zh: MessageTemplate; en: MessageTemplate };
  /** Extra message variants keyed by Finding.variant. */
  variants?: Record<string, { zh: MessageTemplate; en: MessageTemplate }>;
  /** Title of the quick fix, when the rule offers one. */
  fixTitle?: Localized;
  /** Rule needs word segmentation: runs once the segmenter is ready. */
  needsWords?: boolean;
  docs: RuleDocs;
  check(context: RuleContext): Finding[];
}

export interface RuleDocs {
  /** Why it matters and what to do, a paragraph in each language. */
  rationale: Localized;
  /** Drafts (short) on which the rule must fire. Tested. */
  bad: string[];
  /** Drafts on which it must stay silent. Tested. */
  good: string[];
  /** Options that tune the rule, if any (setting name → explanation). */
  options?: Record<string, Localized>;
  /** Options the examples are checked with (a rule silent by default, like speech-too-long). */
  exampleOptions?: Partial<AnalysisOptions>;
}

export interface AnalysisOptions {
  locale: Locale;
  /** Per-rule severity overrides. */
  rules: Record<string, SeveritySetting>;
  /** Characters per minute for speaking time. */
  speakingRate: number;
  /** Target speaking time in minutes; 0 = no target. */
  targetMinutes: number;
  /** Words the writer allows: no word rule flags them (`words.allow` and the older `allowWords`, merged). */
  allowWords: string[];
  /** The writer's own wrong → right pairs (`words.wrong`): a unit's old name, a leader's exact title. */
  wrongWords: Array<{ wrong: string; right: string }>;
  /** Rule thresholds, keyed by `<rule-id>.<name>`. */
  thresholds: Record<string, number>;
}

/** Word segmentation, injected so the library stays pure and testable. */
export interface WordSegmenter {
  /** Words of `text` in order; concatenated they give back `text` exactly. */
  cut(text: string): string[];
  readonly name: string;
}

export interface RuleContext {
  readonly text: string;
  readonly model: import('./model').DocumentModel;
  readonly options: AnalysisOptions;
  /** Present when word segmentation is ready; rules with needsWords run only then. */
  readonly words?: WordSegmenter;
  /** Paragraphs of other documents (the workspace's other speech files), for reused-paragraph. */
  readonly otherDocuments?: import('./corpus').OtherDocuments;
  /** Memoised shared computations (several rules read one numbering analysis). */
  memo<T>(key: string, compute: () => T): T;
}
