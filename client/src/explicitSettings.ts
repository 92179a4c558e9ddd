// What the server is told of the jianggao.* settings: only what the writer set, at any level
// (user, workspace, folder, language). VS Code answers a configuration request with every
// default filled in, so the server could not tell a rate of 200 set nowhere from one set in
// the settings, and "显示生效的配置" and the status bar tooltip credited the editor setting
// with what was a default. The server has the same defaults. No `vscode` import: unit-tested.

/** The parts of vscode.WorkspaceConfiguration.inspect() that say a value was set somewhere. */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

const SET_AT: Array<keyof Inspected> = ['globalValue', 'workspaceValue', 'workspaceFolderValue', 'globalLanguageValue', 'workspaceLanguageValue', 'workspaceFolderLanguageValue'];

/** The section's values that were set explicitly; defaults are left out. */
export function explicitSettings(values: Record<string, unknown>, inspect: (key: string) => Inspected | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const i = inspect(key);
    if (i && SET_AT.some((level) => i[level] !== undefined)) out[key] = value;
  }
  return out;
}
