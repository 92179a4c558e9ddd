// Requests for the VS Code client's views (any client may use them): the structure view's
// outline and checklist, and the status bar's length and speaking time.

import { LineIndex, spokenLength } from '../analysis';
import { OutlineNode, minutesOf, renderOutline } from '../analysis/outline';
import { REQUESTS, OutlineResponse, StatsRequest, StatsResponse, OutlineItem, LspRange } from '../protocol';
import { rangeOf } from './diagnostics';
import { Feature } from './feature';
import { originOf } from './settings';

function toOutlineItem(n: OutlineNode, lineIndex: LineIndex, rate: number): OutlineItem {
  return {
    kind: n.kind, name: n.name, detail: n.detail, level: n.level,
    range: rangeOf(lineIndex, n.start, n.end) as LspRange,
    selectionRange: rangeOf(lineIndex, n.selectionStart, n.selectionEnd) as LspRange,
    chars: n.chars, minutes: minutesOf(n.chars, rate),
    children: n.children.map((c) => toOutlineItem(c, lineIndex, rate)),
  };
}

export const views: Feature = {
  register({ ctx, validation, settings }) {
    ctx.connection.onRequest(REQUESTS.outline, async (params: { uri: string }): Promise<OutlineResponse | null> => {
      const s = await validation.structureOf(params.uri);
      if (!s) return null;
      const { outline, checklist, lineIndex, options } = s.structure;
      const rate = options.speakingRate;
      return {
        version: s.doc.version,
        speeches: checklist.map((c) => ({
          title: c.title,
          range: rangeOf(lineIndex, c.start, Math.max(c.start, c.end)) as LspRange,
          chars: c.chars,
          minutes: minutesOf(c.chars, rate),
          parts: Object.fromEntries(Object.entries(c.parts).map(([k, v]) => [k, { present: v.present, position: lineIndex.positionAt(v.start ?? c.start) }])) as OutlineResponse['speeches'][0]['parts'],
        })),
        outline: outline.map((n) => toOutlineItem(n, lineIndex, rate)),
        markdown: renderOutline(outline, 'markdown', ctx.locale, rate, (o) => lineIndex.lineAt(o) + 1),
      };
    });

    ctx.connection.onRequest(REQUESTS.stats, async (params: StatsRequest): Promise<StatsResponse | null> => {
      const s = await validation.structureOf(params.uri);
      if (!s) return null;
      const inForce = await settings.for(params.uri);
      const { checklist, options } = s.structure;
      const chars = checklist.reduce((n, c) => n + c.chars, 0);
      const rate = options.speakingRate;
      const res: StatsResponse = {
        chars, minutes: minutesOf(chars, rate), rate, targetMinutes: options.targetMinutes,
        overTarget: options.targetMinutes > 0 && minutesOf(chars, rate) > options.targetMinutes,
        rateFrom: originOf(inForce, (c) => c.speakingRate),
        targetFrom: originOf(inForce, (c) => c.targetMinutes),
      };
      const sel = (params.selections ?? []).filter((r) => r.start.line !== r.end.line || r.start.character !== r.end.character);
      if (sel.length) {
        const text = s.doc.getText();
        res.selectionChars = sel.reduce((n, r) => n + spokenLength(text.slice(s.doc.offsetAt(r.start), s.doc.offsetAt(r.end))), 0);
        res.selectionMinutes = minutesOf(res.selectionChars, rate);
      }
      return res;
    });
  },
};
