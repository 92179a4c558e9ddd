// The few requests and commands that the server and the VS Code client both know.
// Everything else is plain LSP, so other editors get diagnostics, symbols, folding and fixes.

export const SERVER_COMMANDS = {
  fixAll: 'jianggao.server.fixAll',
  fixRule: 'jianggao.server.fixRule',
  renumber: 'jianggao.server.renumber',
  convertHalfwidth: 'jianggao.server.convertHalfwidth',
  cleanPastedText: 'jianggao.server.cleanPastedText',
  disableRule: 'jianggao.server.disableRule',
  ignoreFinding: 'jianggao.server.ignoreFinding',
  allowWord: 'jianggao.server.allowWord',
  checkFiles: 'jianggao.server.checkFiles',
} as const;

export const REQUESTS = {
  outline: 'jianggao/outline',
  stats: 'jianggao/stats',
  configuration: 'jianggao/configuration',
  /** A .docx as the text of a read-only speech (WordTextRequest → WordTextResponse). */
  wordText: 'jianggao/wordText',
  /** A speech document written as a .docx (ExportWordRequest → WordWriteResponse). */
  exportWord: 'jianggao/exportWord',
  /** Resolves (true) once no check is scheduled or running: for tests and scripted clients. */
  settled: 'jianggao/settled',
} as const;

/** Notifications from the client. */
export const NOTIFICATIONS = {
  /** The cursor is on this line (sent when it moves to another line): focus mode releases the line left. */
  cursor: 'jianggao/cursor',
} as const;

export interface CursorNotification {
  uri: string;
  line: number;
}

/**
 * Virtual documents of Word files: `jianggao-word:` + the file URI's path (`jianggao-word:/home/a/draft.docx`).
 * The server checks them as speeches, with the settings of the folder the .docx is in.
 */
export const WORD_SCHEME = 'jianggao-word';

export interface WordTextRequest {
  /** The .docx, a file: URI. */
  uri: string;
}

export type WordTextResponse = { ok: true; text: string; note?: string } | { ok: false; message: string };

export interface ExportWordRequest {
  /** The open speech document to export. */
  uri: string;
  /** Where to write, a file: URI. */
  target: string;
  layout: 'official' | 'podium';
}

export interface WordWriteResponse {
  ok: boolean;
  message: string;
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface OutlineRequest {
  uri: string;
}

export interface OutlineItem {
  kind: string;
  name: string;
  detail: string;
  level: number;
  range: LspRange;
  selectionRange: LspRange;
  chars: number;
  minutes: number;
  children: OutlineItem[];
}

export interface ChecklistPart {
  present: boolean;
  position: { line: number; character: number };
}

export interface OutlineResponse {
  version: number;
  speeches: Array<{
    title: string;
    range: LspRange;
    chars: number;
    minutes: number;
    parts: Record<'title' | 'salutation' | 'opening' | 'body' | 'closing', ChecklistPart>;
  }>;
  outline: OutlineItem[];
  markdown: string;
}

export interface StatsRequest {
  uri: string;
  selections?: LspRange[];
}

export interface StatsResponse {
  chars: number;
  minutes: number;
  selectionChars?: number;
  selectionMinutes?: number;
  rate: number;
  targetMinutes: number;
  overTarget: boolean;
  /** Where the rate and the target were set: so the tooltip names the right place to change them. */
  rateFrom?: SettingOriginInfo;
  targetFrom?: SettingOriginInfo;
}

export type SettingOriginInfo = { kind: 'default' } | { kind: 'editor' } | { kind: 'file'; file: string };

export interface ClientInitOptions {
  locale?: string;
  /** VS Code's workspace trust: untrusted workspaces may not point the server outside them. */
  trusted?: boolean;
}
