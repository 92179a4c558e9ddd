// Hover: on a finding, what it means (explain.ts); on a heading, a 一是 point or the title,
// the section's characters and speaking time. The editor shows the finding's message itself;
// the hover adds what the message has no room for.

import { Hover, MarkupKind } from 'vscode-languageserver/node';
import { AnalysisOptions, Diagnostic, RULE_BY_ID } from '../analysis';
import { formatDuration, minutesOf } from '../analysis/outline';
import { rangeOf, ruleDocUri } from './diagnostics';
import { ExamplePair, examplePair, explainFinding, RuleRunner } from './explain';
import { Feature, Server } from './feature';
import { figuresOf, nodeAt, sectionHover } from './sections';

/** Rules explained in one hover: more would push the text off the screen. */
const MAX_RULES = 3;

function hoverProvider({ ctx, validation, checker }: Server) {
  const pairs = new Map<string, ExamplePair | undefined>();
  const run: RuleRunner = async (text, options, rule) => {
    // A word rule's example needs the segmenter: without it, no example rather than a wrong one.
    if (RULE_BY_ID.get(rule)?.needsWords && !checker.segmenterName) return undefined;
    return checker.findingsOf(text, options, [rule]);
  };
  const pairFor = async (rule: string): Promise<ExamplePair | undefined> => {
    if (pairs.has(rule)) return pairs.get(rule);
    const record = RULE_BY_ID.get(rule)!;
    const pair = await examplePair(record, ctx.locale, run);
    if (!record.needsWords || checker.segmenterName) pairs.set(rule, pair);
    return pair;
  };

  return async (uri: string, position: { line: number; character: number }): Promise<Hover | null> => {
    const s = await validation.structureOf(uri);
    if (!s) return null;
    const { doc, structure } = s;
    const offset = doc.offsetAt(position);
    const fresh = validation.fresh(uri);
    const findings = fresh?.snapshot.diagnostics;
    const parts: string[] = [];
    let start = offset;
    let end = offset;
    const here: Diagnostic[] = [];
    for (const d of findings ?? []) {
      if (d.start > offset || (d.end < offset) || (d.end === offset && d.end > d.start)) continue;
      if (!RULE_BY_ID.has(d.rule) || here.some((x) => x.rule === d.rule)) continue;
      here.push(d);
      if (here.length === MAX_RULES) break;
    }
    for (const d of here) {
      parts.push(explainFinding(RULE_BY_ID.get(d.rule)!, d, structure.text, ctx.locale, await pairFor(d.rule), ruleDocUri(d.rule)));
      start = Math.min(start, d.start);
      end = Math.max(end, d.end);
    }
    const node = nodeAt(structure.outline, offset);
    if (node && (node.kind === 'heading' || node.kind === 'enum')) {
      parts.push(sectionHover(node.name, figuresOf(node, structure, findings), ctx.locale));
    } else if (node?.kind === 'title') {
      const speech = structure.checklist.find((c) => node.start >= c.start && node.start <= c.end);
      if (speech) parts.push(speechHover(speech.title, speech.chars, structure.options, ctx.locale));
    }
    if (!parts.length) return null;
    if (!here.length && node) {
      start = node.selectionStart;
      end = node.selectionEnd;
    }
    return {
      contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
      range: rangeOf(structure.lineIndex, start, end),
    };
  };
}

function speechHover(title: string, chars: number, options: AnalysisOptions, locale: 'zh' | 'en'): string {
  const minutes = minutesOf(chars, options.speakingRate);
  const time = formatDuration(minutes, locale);
  const en = locale === 'en';
  const lines = [`**${title}**`, '', en ? `The whole speech: ${chars.toLocaleString('en-US')} characters, about ${time} at ${options.speakingRate} a minute.` : `全篇 ${chars.toLocaleString('en-US')} 字，按每分钟 ${options.speakingRate} 字约需 ${time}。`];
  if (options.targetMinutes > 0) {
    const over = minutes - options.targetMinutes;
    lines.push('', en
      ? (over > 0 ? `Target ${options.targetMinutes} min: about ${formatDuration(over, 'en')} over.` : `Within the ${options.targetMinutes}-minute target.`)
      : (over > 0 ? `目标 ${options.targetMinutes} 分钟，超出约 ${formatDuration(over, 'zh')}。` : `在目标时长 ${options.targetMinutes} 分钟以内。`));
  }
  return lines.join('\n');
}

export const hover: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register(server) {
    const provide = hoverProvider(server);
    server.ctx.connection.onHover((params) => provide(params.textDocument.uri, params.position));
  },
};
