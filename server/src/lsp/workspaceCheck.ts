// The workspace check: files that are not open are checked and their findings go to the
// Problems panel, with progress the writer can cancel. Open documents are validated as usual.

import { SERVER_COMMANDS } from '../protocol';
import { readDraft } from '../files';
import { uriToPath } from './context';
import { tooLargeDiagnostic } from './diagnostics';
import { Feature, Server } from './feature';
import * as fs from 'fs';

async function checkFiles({ ctx, validation, settings, checker }: Server, uris: string[]): Promise<{ files: number; problems: number }> {
  const { connection, documents } = ctx;
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin(ctx.t('讲稿检查', 'Jianggao'), 0, ctx.t('正在检查工作区中的讲话稿…', 'Checking the speech files of the workspace…'), true);
  let problems = 0;
  let done = 0;
  for (const uri of uris) {
    if (progress.token.isCancellationRequested) break;
    done++;
    progress.report(Math.round((done / Math.max(1, uris.length)) * 100), `${done}/${uris.length}`);
    if (documents.get(uri)) {
      await validation.validate(uri);
      problems += validation.fresh(uri)?.snapshot.diagnostics.length ?? 0;
      continue;
    }
    const file = uriToPath(uri);
    if (!file) continue;
    const s = await settings.for(uri);
    // Sized before it is read, and only a regular file is read (a FIFO named x.speech would block).
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      /* readDraft says why */
    }
    if (size > s.maxFileSize) {
      connection.sendDiagnostics({ uri, diagnostics: [tooLargeDiagnostic(size, s.maxFileSize, ctx.locale)] });
      continue;
    }
    const read = readDraft(file, s.maxFileSize);
    if (!read.ok) {
      ctx.log(`${file}: ${read.reason}`);
      continue;
    }
    const diagnostics = await checker.checkFile(uri, file, read.text, s.options);
    problems += diagnostics.length;
    connection.sendDiagnostics({ uri, diagnostics });
    // Yield between files so edits and requests are not held up.
    await new Promise((r) => setImmediate(r));
  }
  progress.done();
  return { files: done, problems };
}

export const workspaceCheck: Feature = {
  register(server) {
    server.commands.add(SERVER_COMMANDS.checkFiles, (args) => checkFiles(server, (args[0] ?? []) as string[]));
  },
};
