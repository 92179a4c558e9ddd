// A rule's short name for menus and hovers, in the writer's language: the record's title, or
// (for a rule that has none yet) the lead of its description, before the examples.

import { Locale, RuleRecord } from './types';

export function ruleTitle(rule: Pick<RuleRecord, 'title' | 'description'>, locale: Locale): string {
  const explicit = rule.title?.[locale];
  if (explicit) return explicit;
  const d = rule.description[locale];
  // The description lists examples after a bracket, a colon or a comma: 未填写的占位符：XX…
  const lead = locale === 'en' ? d.split(/\s[(:]|[:;(]|,\s/)[0] : d.split(/[（(：:，,；;]|\s[\x21-\x7e]/)[0];
  return lead.trim() || d;
}
