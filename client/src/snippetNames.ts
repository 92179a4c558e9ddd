// Names of the snippets in snippets/speech.code-snippets that the client inserts itself.
// No `vscode` import: the unit tests read these names to check that the snippets exist.

/** Whole-speech skeletons are the snippets whose name starts with this. */
export const SKELETON_PREFIX = '讲稿骨架：';

/** What the structure view inserts for a missing part of a speech. */
export const PART_SNIPPETS = {
  title: '标题：在…上的讲话',
  salutation: '称呼：同志们',
  opening: '开场：会议任务',
  body: '主体：一、二、三',
  closing: '结尾：同志们，让我们…',
} as const;

export type SpeechPart = keyof typeof PART_SNIPPETS;
