// Focus mode (jianggao.focusMode): findings on the line being typed wait until the cursor
// leaves that line or typing pauses, so a half-written sentence is not underlined at every
// keystroke. The rest of the draft is checked and shown as always.
//
// Decided here, in the server, not by filtering in the VS Code client: the server already
// learns the line being typed from the edits themselves (each change's range), so the only
// thing it must be told is the cursor moving away without typing, one small notification
// (jianggao/cursor) that any editor can send. Code actions, the CodeLens counts and the
// Problems panel then all come from one place, and the client stays a few lines.

import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { CursorNotification, NOTIFICATIONS } from '../protocol';
import { Feature } from './feature';

/** A pause in typing this long lets the line's findings show. */
export const FOCUS_PAUSE_MS = 2000;

/** The line of each document that was edited last, learnt from the edits as they arrive. */
export class TypingTracker {
  private readonly lines = new Map<string, number>();
  private readonly listeners: Array<(uri: string, line: number) => void> = [];

  /** The document configuration for TextDocuments, noting each edit's line on the way. */
  wrap(config: TextDocumentsConfiguration<TextDocument>): TextDocumentsConfiguration<TextDocument> {
    return {
      create: (...args) => {
        this.lines.delete(args[0]);
        return config.create(...args);
      },
      update: (doc, changes, version) => {
        const last = changes[changes.length - 1] as TextDocumentContentChangeEvent | undefined;
        if (last && 'range' in last) {
          // Where the cursor is after the change: the change's start, moved down by the lines it inserted.
          const line = last.range.start.line + (last.text.match(/\n/g)?.length ?? 0);
          this.lines.set(doc.uri, line);
          for (const l of this.listeners) l(doc.uri, line);
        }
        return config.update(doc, changes, version);
      },
    };
  }

  onEdit(listener: (uri: string, line: number) => void): void {
    this.listeners.push(listener);
  }
}

export const focusMode: Feature = {
  register({ ctx, validation, typing }) {
    /** The line whose findings wait, per document, until the cursor leaves it or typing pauses. */
    const typingLine = new Map<string, number>();
    const pauses = new Map<string, NodeJS.Timeout>();
    /** Documents with findings held back in their last publication (they need publishing again). */
    const holding = new Set<string>();

    const release = (uri: string) => {
      typingLine.delete(uri);
      const t = pauses.get(uri);
      if (t) clearTimeout(t);
      pauses.delete(uri);
      if (holding.delete(uri)) void validation.republish(uri);
    };

    typing.onEdit((uri, line) => {
      const before = typingLine.get(uri);
      typingLine.set(uri, line);
      // Typing went on to another line (Enter): the line left behind is released now.
      if (before !== undefined && before !== line && holding.delete(uri)) void validation.republish(uri);
      const t = pauses.get(uri);
      if (t) clearTimeout(t);
      pauses.set(uri, setTimeout(() => release(uri), FOCUS_PAUSE_MS));
    });

    ctx.connection.onNotification(NOTIFICATIONS.cursor, (p: CursorNotification) => {
      const line = typingLine.get(p.uri);
      if (line !== undefined && line !== p.line) release(p.uri);
    });

    ctx.documents.onDidClose((e) => {
      release(e.document.uri);
      holding.delete(e.document.uri);
    });

    validation.addPublishFilter((snapshot, diagnostics, settings) => {
      const line = typingLine.get(snapshot.uri);
      if (!settings.focusMode || line === undefined) {
        holding.delete(snapshot.uri);
        return diagnostics;
      }
      const shown = diagnostics.filter((d) => d.range.end.line < line || d.range.start.line > line);
      if (shown.length < diagnostics.length) holding.add(snapshot.uri);
      else holding.delete(snapshot.uri);
      return shown;
    });
  },
};
