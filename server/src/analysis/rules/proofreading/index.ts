// Proofreading (domain.md §8): wrong characters, variant forms, 的/地/得, formulations and
// number forms. All lists are found in one pass (lists.ts, automaton.ts).

import { RuleRecord } from '../../types';
import { formulation } from './formulation';
import { deParticle, numberFormat } from './particles';
import { typo, variantForm } from './typo';

export const proofreadingRules: RuleRecord[] = [typo, variantForm, deParticle, formulation, numberFormat];
export { formulationYears } from './formulation';
