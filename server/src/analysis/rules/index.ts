// The rule catalogue (ids from domain.md §4). Order here is the order of the docs table.

import { RuleRecord } from '../types';
import { structureRules } from './structure';
import { strayText } from './stray';
import { numberingRules } from './numbering';
import { placeholder } from './placeholders';
import { punctuationRules } from './punctuation';
import { pastedCharacter } from './pasted';
import { dateConsistency } from './dates';
import { repetitionRules, reusedParagraph } from './repetition';
import { speechTooLong } from './length';
import { proofreadingRules } from './proofreading';

export const RULES: RuleRecord[] = [
  ...structureRules.slice(0, 9),
  strayText,
  ...structureRules.slice(9),
  ...numberingRules,
  ...repetitionRules,
  placeholder,
  ...punctuationRules,
  pastedCharacter,
  speechTooLong,
  dateConsistency,
  reusedParagraph,
  ...proofreadingRules,
];

export const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));
