// Which parts of the checking are failing, per document, and telling the writer. A part that
// starts failing is logged with its error and announced once in the editor, in the writer's
// language, with what still works and that the next edit tries again; when it works again,
// the log says so. Nothing is switched off for good: every analysis runs every part.

import { Diagnostic as LspDiagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import { RULE_BY_ID } from '../analysis';
import { ServerContext } from './context';
import type { Failure } from './engine';

const keyOf = (f: Failure) => (f.part === 'rule' ? `rule:${f.rule}` : f.part);

/** A rule's name as the writer knows it: the first phrase of its description. */
function ruleName(rule: string | undefined, locale: 'zh' | 'en'): string {
  const r = rule ? RULE_BY_ID.get(rule) : undefined;
  if (!r) return locale === 'en' ? 'a check' : '一项检查';
  return r.description[locale].split(locale === 'en' ? / \(|: |; / : /[：（，(]/)[0];
}

export class Health {
  private readonly failing = new Map<string, Map<string, Failure>>();

  constructor(private readonly ctx: ServerContext) {}

  /** The failures of a document's latest analysis (none: it is healthy again). */
  update(uri: string, failures: Failure[]): void {
    const now = new Map(failures.map((f) => [keyOf(f), f]));
    const before = this.failing.get(uri) ?? new Map<string, Failure>();
    for (const [key, f] of now) {
      if (before.has(key)) continue;
      this.ctx.log(`${f.part === 'rule' ? `rule ${f.rule}` : f.part} failed on ${uri} (skipped; tried again on the next edit): ${f.error}`);
      const elsewhere = [...this.failing].some(([u, m]) => u !== uri && m.has(key));
      if (!elsewhere) void this.ctx.connection.window.showWarningMessage(this.line(f));
    }
    for (const [key, f] of before) {
      if (!now.has(key)) this.ctx.log(`${f.part === 'rule' ? `rule ${f.rule}` : f.part} works again on ${uri}`);
    }
    if (now.size) this.failing.set(uri, now);
    else this.failing.delete(uri);
  }

  forget(uri: string): void {
    this.failing.delete(uri);
  }

  /** The one line the writer sees: what failed, what still works, that it is tried again. */
  line(f: Failure): string {
    const t = (zh: string, en: string) => this.ctx.t(zh, en);
    const again = t('下次修改时会自动重试，详情见“输出”面板。', 'It is tried again on your next edit (details in the output panel).');
    switch (f.part) {
      case 'rule':
        return t(`讲稿检查部分暂停：“${ruleName(f.rule, 'zh')}”这项检查出错，本次已跳过，其他检查照常。${again}`, `Jianggao: the check “${ruleName(f.rule, 'en')}” failed and was skipped; every other check still ran. ${again}`);
      case 'segmenter':
        return t(`讲稿检查部分暂停：分词出错，用词类检查（词语重复、说法过多）本次已跳过，其他检查照常。${again}`, `Jianggao: word segmentation failed, so the word checks (doubled words, overused phrases) were skipped; every other check still ran. ${again}`);
      case 'corpus':
        return t(`讲稿检查部分暂停：与工作区其他讲稿的比对出错，本次未比对，其他检查照常。${again}`, `Jianggao: comparing with the other speech files of the workspace failed and was skipped; every other check still ran. ${again}`);
      case 'settings':
        return t(`讲稿检查部分暂停：读取设置出错，本次按默认设置检查。${again}`, `Jianggao: the settings could not be read, so this check used the defaults. ${again}`);
      case 'analysis':
        return t(`讲稿检查出错，这一版文稿没有检查。${again}`, `Jianggao: checking this version of the document failed. ${again}`);
    }
  }

  /** What a document gets when nothing could be checked: one diagnostic saying so, instead of stale findings. */
  failedDiagnostic(f: Failure): LspDiagnostic {
    return { range: Range.create(0, 0, 0, 1), severity: DiagnosticSeverity.Information, source: 'jianggao', code: 'checking-failed', message: this.line(f) };
  }
}
