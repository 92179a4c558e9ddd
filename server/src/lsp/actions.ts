// Code actions: a small registry of providers. Each provider offers actions for a finding
// under the cursor, for the range as a whole, or as a source action (source.fixAll); the
// registry asks them in the order they were added, and only on a snapshot of the current
// version (a fix computed on older text would land in the wrong place).

import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, RULE_BY_ID } from '../analysis';
import { WORD_SCHEME } from '../protocol';
import { ServerContext } from './context';
import { Snapshot } from './snapshot';
import { Validation } from './validation';

/** A few dozen findings under the cursor make a long enough menu (a whole-document range on a pathological draft holds 100,000). */
const MAX_FINDINGS_PER_REQUEST = 50;

export interface ActionRequest {
  doc: TextDocument;
  snapshot: Snapshot;
  params: CodeActionParams;
  /** The editor's diagnostics that stand for a finding (to attach to its quick fix). */
  lspFor(d: Diagnostic): LspDiagnostic[];
}

export interface CodeActionProvider {
  /** Kinds it offers, for the server's capabilities. */
  readonly kinds: string[];
  /** Actions for one finding under the cursor; `firstOfRule` is true for the first of its rule there. */
  forFinding?(d: Diagnostic, req: ActionRequest, firstOfRule: boolean): CodeAction[];
  /** Actions for the range as a whole, after every finding's own. */
  forRange?(req: ActionRequest, here: Diagnostic[]): CodeAction[];
  /** Source actions, when the editor asks for source or source.fixAll kinds. */
  forSource?(req: ActionRequest): CodeAction[];
}

export class CodeActions {
  private readonly providers: CodeActionProvider[] = [];

  constructor(private readonly ctx: ServerContext, private readonly validation: Validation) {}

  add(provider: CodeActionProvider): void {
    this.providers.push(provider);
  }

  kinds(): string[] {
    return [...new Set(this.providers.flatMap((p) => p.kinds))];
  }

  register(): void {
    this.ctx.connection.onCodeAction((params) => this.provide(params));
  }

  provide(params: CodeActionParams): CodeAction[] {
    // A Word document's speech view is read-only: no edit to offer (convert it to a .speech to fix).
    if (params.textDocument.uri.startsWith(`${WORD_SCHEME}:`)) return [];
    const f = this.validation.fresh(params.textDocument.uri);
    if (!f) return [];
    const { doc, snapshot } = f;
    const req: ActionRequest = {
      doc,
      snapshot,
      params,
      lspFor: (d) => params.context.diagnostics.filter((x) => x.code === d.rule && doc.offsetAt(x.range.start) === d.start),
    };
    const only = params.context.only;
    if (only?.some((k) => k.startsWith(CodeActionKind.SourceFixAll) || k === CodeActionKind.Source)) {
      return this.providers.flatMap((p) => p.forSource?.(req) ?? []);
    }
    const start = doc.offsetAt(params.range.start);
    const end = doc.offsetAt(params.range.end);
    const here = snapshot.diagnostics.filter((d) => d.start <= end && d.end >= start).slice(0, MAX_FINDINGS_PER_REQUEST);
    const actions: CodeAction[] = [];
    const seenRules = new Set<string>();
    for (const d of here) {
      if (!RULE_BY_ID.has(d.rule)) continue;
      const first = !seenRules.has(d.rule);
      seenRules.add(d.rule);
      for (const p of this.providers) actions.push(...(p.forFinding?.(d, req, first) ?? []));
    }
    for (const p of this.providers) actions.push(...(p.forRange?.(req, here) ?? []));
    return actions;
  }
}
