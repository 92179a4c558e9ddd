// Inline suppression: a comment line names rule ids for the next line or for a range.
//   <!-- jianggao-disable-next-line placeholder -->
//   <!-- jianggao-disable doubled-word overused-phrase -->  …  <!-- jianggao-enable -->
// One syntax for .speech, .txt and .md drafts: in Markdown it is invisible, in a plain draft
// it is an obvious note to the writer, and the parser treats it as a blank line.

import { DocumentModel } from './model';

export interface Suppressions {
  isSuppressed(rule: string, line: number): boolean;
}

const DIRECTIVE = /^<!--\s*jianggao-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->$/;

export function suppressionsOf(model: DocumentModel): Suppressions {
  const nextLine = new Map<number, Set<string> | 'all'>();
  // Ranges: [fromLine, toLine) per rule ('*' = all rules).
  const ranges: Array<{ rule: string; from: number; to: number }> = [];
  const open = new Map<string, number>();
  const nonBlankAfter = (line: number) => {
    for (let i = line + 1; i < model.lines.length; i++) {
      const t = model.lines[i].text.trim();
      if (t && !t.startsWith('<!--')) return i;
    }
    return -1;
  };
  for (const c of model.comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const ids = m[2].split(/[\s,，]+/).filter(Boolean);
    if (m[1] === 'disable-next-line') {
      const target = nonBlankAfter(c.line);
      if (target < 0) continue;
      const prev = nextLine.get(target);
      if (ids.length === 0 || prev === 'all') nextLine.set(target, 'all');
      else nextLine.set(target, new Set([...(prev ?? []), ...ids]));
    } else if (m[1] === 'disable') {
      for (const id of ids.length ? ids : ['*']) if (!open.has(id)) open.set(id, c.line);
    } else if (m[1] === 'enable') {
      const closing = ids.length ? ids : [...open.keys()];
      for (const id of closing) {
        const from = open.get(id);
        if (from !== undefined) {
          ranges.push({ rule: id, from, to: c.line });
          open.delete(id);
        }
      }
    }
  }
  for (const [id, from] of open) ranges.push({ rule: id, from, to: Number.MAX_SAFE_INTEGER });
  if (nextLine.size === 0 && ranges.length === 0) return { isSuppressed: () => false };
  return {
    isSuppressed(rule, line) {
      const n = nextLine.get(line);
      if (n === 'all' || n?.has(rule)) return true;
      return ranges.some((r) => (r.rule === rule || r.rule === '*') && line > r.from && line < r.to);
    },
  };
}

/** The comment that suppresses `rule` on the line below it (the "ignore here" quick fix). */
export function suppressionComment(rule: string): string {
  return `<!-- jianggao-disable-next-line ${rule} -->`;
}
