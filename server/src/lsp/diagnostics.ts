// Findings of the analysis library as LSP diagnostics: ranges, severities, the rule's docs
// page, related places (in this document or another file), and the server's own diagnostic
// for a file too large to check.

import * as path from 'path';
import { pathToFileURL } from 'url';
// Types only: this runs in the analysis worker too, which does not load the LSP library.
import type { Diagnostic as LspDiagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import { Diagnostic, LineIndex, Locale } from '../analysis';

const SEVERITY: Record<string, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

export function rangeOf(lineIndex: LineIndex, start: number, end: number): Range {
  return { start: lineIndex.positionAt(start), end: lineIndex.positionAt(end) };
}

/** The rule's page in server/docs/rules (next to dist/ in the package and in the sources). */
export function ruleDocUri(rule: string): string {
  return pathToFileURL(path.resolve(__dirname, '..', 'server', 'docs', 'rules', `${rule}.md`)).toString();
}

export function toLsp(d: Diagnostic, lineIndex: LineIndex, uri: string, locale: Locale): LspDiagnostic {
  return {
    range: rangeOf(lineIndex, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.rule,
    codeDescription: { href: ruleDocUri(d.rule) },
    source: 'jianggao',
    message: d.message,
    relatedInformation: d.related?.map((r) => ({
      location: r.external
        ? { uri: pathToFileURL(r.external.document).toString(), range: { start: r.external.start, end: r.external.end } }
        : { uri, range: rangeOf(lineIndex, r.start, r.end) },
      message: r.note[locale],
    })),
    data: { rule: d.rule, start: d.start, end: d.end },
  };
}

export function tooLargeDiagnostic(bytes: number, cap: number, locale: Locale): LspDiagnostic {
  const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: 3,
    source: 'jianggao',
    code: 'file-too-large',
    message: locale === 'en'
      ? `This file is ${size(bytes)}, over the ${size(cap)} limit (jianggao.maxFileSize): it is not checked. Split the draft or raise the limit.`
      : `文件大小 ${size(bytes)}，超过 ${size(cap)} 的上限（jianggao.maxFileSize），未做检查：请拆分文稿或调高上限。`,
  };
}
