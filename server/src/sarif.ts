// SARIF 2.1.0 output for CI systems (GitHub code scanning, Azure DevOps, GitLab).

import * as path from 'path';
import { Diagnostic, Locale, RULES } from './analysis';

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(
  files: Array<{ file: string; diagnostics: Diagnostic[]; positionAt(o: number): { line: number; character: number } }>,
  locale: Locale, version: string,
): unknown {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'jianggao',
          version,
          informationUri: 'https://www.npmjs.com/package/jianggao',
          rules: RULES.map((r) => ({
            id: r.id,
            shortDescription: { text: r.description[locale] },
            fullDescription: { text: r.docs.rationale[locale] },
            defaultConfiguration: { level: LEVEL[r.severity] },
          })),
        },
      },
      results: files.flatMap((f) => f.diagnostics.map((d) => {
        const s = f.positionAt(d.start);
        const e = f.positionAt(d.end);
        return {
          ruleId: d.rule,
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: f.file.split(path.sep).join('/') },
              // SARIF columns are 1-based; we count UTF-16 code units as LSP does.
              region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
            },
          }],
        };
      })),
      columnKind: 'utf16CodeUnits',
    }],
  };
}
