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
  /** A local fix: edits that all lie inside [start, end] (a finding with `reach: 'document'` excepted). */
  fix?: Edit[];
  /** Overrides the rule's `fixKind` for this finding's fix (a renumbering that fills a gap is a decision). */
  fixKind?: FixKind;
  /**
   * 'document': the finding stands for every place of its kind in the document (a draft that
   * is half-width throughout), and its fix edits all those places, each edit replacing only
   * the flagged characters. The finding's own range is the first place.
   */
  reach?: 'document';
  /** Overrides the rule's default severity for this finding (numbering-level skips are info). */
  severity?: Severity;
  related?: RelatedLocation[];
}

/**
 * What applying a fix decides. 'mechanical': only the form changes (a punctuation mark, a
 * marker's form, an invisible or look-alike character, a line break a paste cut or lost), never
 * what the speech says or how it is numbered; fix-all applies it. 'decision': the fix chooses
 * content (renumbering where a part may be missing, a salutation for an audience it cannot
 * know, deleting words); it is offered as a quick fix for the writer to take, never by fix-all.
 */
export type FixKind = 'mechanical' | 'decision';

/** A finding after the analysis resolved its rule, severity and message. */
export interface Diagnostic extends Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Set when the finding has a fix: the finding's own kind, else its rule's (default 'decision'). */
  fixKind?: FixKind;
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
  /**
   * A short name (a few words, no examples) for menus and hovers: 在此处忽略「词语重复」.
   * Optional so a new rule still builds; ruleTitle() derives one from the description.
   */
  title?: Localized;
  /** One line: what the rule flags (used in docs, settings and the rule table). */
  description: Localized;
  message: { zh: MessageTemplate; en: MessageTemplate };
  /** Extra message variants keyed by Finding.variant. */
  variants?: Record<string, { zh: MessageTemplate; en: MessageTemplate }>;
  /** Title of the quick fix, when the rule offers one. */
  fixTitle?: Localized;
  /** What the rule's fixes decide (see FixKind); a finding may override it. Required with fixTitle. */
  fixKind?: FixKind;
  /** Rule needs word segmentation: runs once the segmenter is ready. */
  needsWords?: boolean;
  /**
   * Silent unless the writer switches it on (`"rules": { "<id>": "info" }`): a check whose
   * findings on real speeches are not precise enough to show unasked. `severity` is the level
   * it is documented to report at once switched on.
   */
  offByDefault?: boolean;
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
  /** Single findings the writer chose to ignore (rule + flagged text + context; see ignores.ts). */
  ignores: import('./ignores').IgnoreEntry[];
}

/** Word segmentation, injected so the library stays pure and testable. */
export interface WordSegmenter {
  /** Words of `text` in order; concatenated they give back `text` exactly. */
  cut(text: string): string[];
  /**
   * The part of speech of a word as the dictionary records it (jieba's tags: n, v, vn, a, d …;
   * of a compound it cuts further, the last part's). Optional: engines without a tagged
   * dictionary leave it out, and rules that use it then stay on the cautious side.
   */
  tag?(word: string): string | undefined;
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
