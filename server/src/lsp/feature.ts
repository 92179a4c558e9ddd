// How an editor feature joins the server: it states its capabilities and registers its
// handlers on the parts it needs. main.ts lists the features; a new one (hover, CodeLens, a
// virtual document) is one more file and one more line there.

import { ServerCapabilities } from 'vscode-languageserver/node';
import { CodeActions } from './actions';
import { Checker } from './checker';
import { Commands } from './commands';
import { ServerContext } from './context';
import { TypingTracker } from './focusMode';
import { Health } from './health';
import { Settings } from './settings';
import { Trust } from './trust';
import { Validation } from './validation';

/** The server's parts, made once in main.ts. */
export interface Server {
  ctx: ServerContext;
  trust: Trust;
  settings: Settings;
  checker: Checker;
  health: Health;
  validation: Validation;
  /** The line each document was last edited on (focus mode). */
  typing: TypingTracker;
  actions: CodeActions;
  commands: Commands;
}

export interface Feature {
  /** What it adds to the initialize result (read after the client's locale is known). */
  capabilities?(server: Server): ServerCapabilities;
  /** Registers its handlers; called once, before the connection listens. */
  register(server: Server): void;
}
