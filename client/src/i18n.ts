// The client's own few strings follow VS Code's display language as the server's messages do:
// English when VS Code is in English, Chinese otherwise (the writers are Chinese).
import * as vscode from 'vscode';

export const isEnglish = (): boolean => /^en\b/i.test(vscode.env.language);

export const T = (zh: string, en: string): string => (isEnglish() ? en : zh);

export const locale = (): 'zh' | 'en' => (isEnglish() ? 'en' : 'zh');
