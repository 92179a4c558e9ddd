// Which documents Jianggao checks: the `speech` language always, plain text and Markdown when
// the user adds them to `jianggao.languages`. The language client and the views share this.
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';
import { WORD_SCHEME } from '../../server/src/protocol';

export function languagesToCheck(): string[] {
  const configured = vscode.workspace.getConfiguration('jianggao').get<string[]>('languages', ['speech']);
  return Array.from(new Set(['speech', ...configured.filter((l) => typeof l === 'string')]));
}

export function selector(): DocumentSelector {
  return [
    ...languagesToCheck().flatMap((language) => [
      { language, scheme: 'file' },
      { language, scheme: 'untitled' },
    ]),
    // A .docx opened as a read-only speech (client/src/word.ts).
    { language: 'speech', scheme: WORD_SCHEME },
  ];
}

/** Whether the server checks this document (and so answers requests about it). */
export function isChecked(doc: vscode.TextDocument | undefined): boolean {
  if (doc?.uri.scheme === WORD_SCHEME) return doc.languageId === 'speech';
  return !!doc && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && languagesToCheck().includes(doc.languageId);
}

/** A trailing-edge debounce: each call resets the timer. */
export function debounce<A extends unknown[]>(ms: number, fn: (...args: A) => void): ((...args: A) => void) & { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const run = (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  return Object.assign(run, { cancel: () => timer && clearTimeout(timer) });
}
