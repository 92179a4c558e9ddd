// What makes every open document worth checking again: the editor settings changed, or a
// watched file did (.jianggao.json, a dictionary, another speech file of the workspace).

import { SPEECH_FILE } from '../files';
import { uriToPath } from './context';
import { Feature } from './feature';

export const workspaceEvents: Feature = {
  register({ ctx, settings, checker, validation }) {
    ctx.connection.onDidChangeConfiguration(() => {
      settings.clear();
      validation.scheduleAll();
    });
    ctx.connection.onDidChangeWatchedFiles(async (params) => {
      // .jianggao.json (or a dictionary) may have changed.
      settings.clear();
      // A speech file changed on disk: its paragraphs are read again (for reused-paragraph).
      for (const change of params.changes) {
        const file = uriToPath(change.uri);
        if (file && SPEECH_FILE.test(file) && !ctx.documents.get(change.uri)) await checker.fileChanged(file);
      }
      validation.scheduleAll();
    });
  },
};
