// Server-side commands (workspace/executeCommand), so they work in any LSP editor: a small
// registry of handlers by command id; the ids are announced in the capabilities.

import { ServerContext } from './context';

export type CommandHandler = (args: unknown[]) => unknown | Promise<unknown>;

export class Commands {
  private readonly handlers = new Map<string, CommandHandler>();

  constructor(private readonly ctx: ServerContext) {}

  add(command: string, handler: CommandHandler): void {
    if (this.handlers.has(command)) throw new Error(`command ${command} registered twice`);
    this.handlers.set(command, handler);
  }

  ids(): string[] {
    return [...this.handlers.keys()];
  }

  register(): void {
    this.ctx.connection.onExecuteCommand(async (params) => this.handlers.get(params.command)?.(params.arguments ?? []));
  }
}
