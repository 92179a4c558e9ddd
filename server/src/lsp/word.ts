// Word documents in the editor (any client may use these requests): a .docx read as the text
// of a read-only speech, and an open speech written as a .docx in the GB/T 9704 layout or as
// the podium copy. The Word module (and the docx package under it) loads on first use, so a
// server that never sees a Word document starts as fast as before.

import * as path from 'path';
import type * as WordCli from '../word/cli';
import { REQUESTS, WordTextRequest, WordTextResponse, ExportWordRequest, WordWriteResponse } from '../protocol';
import { uriToPath } from './context';
import { Feature } from './feature';

let loaded: typeof WordCli | undefined;
// Its own bundle beside this one (scripts/build.mjs), required by a path esbuild leaves alone.
const WORD_BUNDLE = path.join(__dirname, 'word.js');
const wordModule = (): typeof WordCli => (loaded ??= require(WORD_BUNDLE) as typeof WordCli);

export const word: Feature = {
  register({ ctx, settings }) {
    ctx.connection.onRequest(REQUESTS.wordText, async (params: WordTextRequest): Promise<WordTextResponse> => {
      const file = uriToPath(params.uri);
      if (!file) return { ok: false, message: ctx.t('只能读取本机上的 Word 文档。', 'Only Word documents on this machine can be read.') };
      const { maxFileSize } = await settings.for(params.uri);
      const read = wordModule().readWordFile(file, maxFileSize, ctx.locale);
      if (!read.ok) return { ok: false, message: read.reason };
      return { ok: true, text: read.text, note: read.note };
    });

    ctx.connection.onRequest(REQUESTS.exportWord, async (params: ExportWordRequest): Promise<WordWriteResponse> => {
      const doc = ctx.documents.get(params.uri);
      const target = uriToPath(params.target);
      if (!doc || !target) return { ok: false, message: ctx.t('没有可导出的讲话稿。', 'No speech draft to export.') };
      const { options } = await settings.for(params.uri);
      const written = await wordModule().writeExport({
        input: uriToPath(params.uri) ?? '', output: target, layout: params.layout === 'podium' ? 'podium' : 'official', lang: ctx.locale, speakingRate: options.speakingRate, text: doc.getText(),
      });
      return { ok: written.ok, message: written.line };
    });
  },
};
