// SARIF 2.1.0 output for CI systems (GitHub code scanning, Azure DevOps, GitLab): one run, the
// rule catalogue as the driver's rules, one result per finding, and the files that could not
// be checked as tool execution notifications (so a CI log tells the whole truth).

import * as path from 'path';
import { pathToFileURL } from 'url';
// The SARIF 2.1.0 object model (@types/sarif, installed with @vscode/vsce): the log below is
// type-checked against it, property names included. Types only, nothing of it is bundled.
import type { Log, ArtifactLocation, ReportingConfiguration, ReportingDescriptor, Notification, Result } from 'sarif';
import { Diagnostic, Locale, RULES } from './analysis';

const LEVEL: Record<string, ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

/** A file as a SARIF artifact location: relative to the working directory (SRCROOT) when under it, else a file: URI. */
function artifactLocation(file: string, cwd: string): ArtifactLocation {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  }
  return { uri: pathToFileURL(abs).href };
}

export function toSarif(
  files: Array<{ file: string; diagnostics: Diagnostic[]; positionAt(o: number): { line: number; character: number } }>,
  locale: Locale, version: string, skipped: string[] = [], cwd = process.cwd(),
): Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'jianggao',
          version,
          informationUri: 'https://www.npmjs.com/package/jianggao',
          rules: RULES.map((r): ReportingDescriptor => ({
            id: r.id,
            shortDescription: { text: r.description[locale] },
            fullDescription: { text: r.docs.rationale[locale] },
            defaultConfiguration: { level: LEVEL[r.severity], ...(r.offByDefault ? { enabled: false } : {}) },
          })),
        },
      },
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + path.sep).href } },
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: skipped.map((text): Notification => ({ level: 'warning', message: { text } })),
      }],
      results: files.flatMap((f) => f.diagnostics.map((d): Result => {
        const s = f.positionAt(d.start);
        const e = f.positionAt(d.end);
        return {
          ruleId: d.rule,
          ...(RULE_INDEX.has(d.rule) ? { ruleIndex: RULE_INDEX.get(d.rule) } : {}),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [{
            physicalLocation: {
              artifactLocation: artifactLocation(f.file, cwd),
              // SARIF lines and columns are 1-based; columns count UTF-16 code units, as LSP does.
              region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
            },
          }],
        };
      })),
      columnKind: 'utf16CodeUnits',
    }],
  };
}
