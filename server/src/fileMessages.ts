// What the CLI (and the server's log) says about a file it could not check, or checked after
// decoding it: one table, Chinese and English, each line saying what to do. files.ts returns
// a key and its data; the caller words it in the user's language.

import { Locale } from './analysis';

export type FileMessageKey =
  | 'no-such-path' | 'no-such-file' | 'cannot-read' | 'is-directory' | 'not-regular' | 'too-large'
  | 'binary' | 'word-doc' | 'word-docx' | 'pdf' | 'broken-utf8' | 'broken-utf16' | 'unknown-encoding'
  | 'empty-directory' | 'too-deep' | 'cannot-read-directory'
  | 'decoded-gb18030' | 'decoded-utf16'
  | 'config-invalid' | 'internal-error' | 'no-speech-files' | 'not-written' | 'written'
  // Worded by the Word reader (server/src/word/messages.ts) in the CLI's language already.
  | 'word-reader';

export interface FileMessage {
  key: FileMessageKey;
  data?: Record<string, string | number>;
}

type Template = (d: Record<string, string | number>) => string;

const TABLE: Record<FileMessageKey, { zh: Template; en: Template }> = {
  'no-such-path': { zh: () => '没有这个文件或目录', en: () => 'no such file or directory' },
  'no-such-file': { zh: () => '没有这个文件', en: () => 'no such file' },
  'cannot-read': { zh: (d) => `无法读取（${d.code}）`, en: (d) => `cannot read (${d.code})` },
  'is-directory': { zh: () => '是一个目录', en: () => 'is a directory' },
  'not-regular': { zh: () => '不是普通文件（管道、设备等），已跳过', en: () => 'not a regular file (skipped)' },
  'too-large': {
    zh: (d) => `${d.size}，超过 ${d.limit} 的上限（.jianggao.json 中的 maxFileSize），未检查`,
    en: (d) => `${d.size}, over the ${d.limit} limit (maxFileSize in .jianggao.json): not checked`,
  },
  binary: { zh: () => '是二进制文件，不是文本，已跳过', en: () => 'a binary file, not text (skipped)' },
  'word-doc': {
    zh: () => '是旧版 Word 文档（.doc），无法读取，已跳过：请在 Word 或 WPS 中另存为 .docx 或纯文本（.txt，UTF-8 编码）后再检查',
    en: () => 'an old Word document (.doc), which cannot be read (skipped): save it as .docx or as plain text (.txt, UTF-8) in Word or WPS and check that',
  },
  // A Word document read as text (a caller that does not go through the Word reader).
  'word-docx': {
    zh: () => '是 Word 文档（.docx），不是纯文本：请用 jianggao check 直接检查 .docx 文件，或在 VS Code 中右键选择“以讲稿方式打开 Word 文档”',
    en: () => 'a Word document (.docx), not plain text: check the .docx itself with jianggao check, or right-click it in VS Code and choose “Open Word Document as Speech”',
  },
  'word-reader': { zh: (d) => String(d.message), en: (d) => String(d.message) },
  pdf: {
    zh: () => '是 PDF 文件，无法检查，已跳过：请把文字复制到 .txt 或 .speech 文件中再检查（粘贴带来的怪字符会被“粘贴字符”规则找出）',
    en: () => 'a PDF, which cannot be checked (skipped): copy its text into a .txt or .speech file and check that (the pasted-character rule finds what the copy brings along)',
  },
  'broken-utf8': {
    zh: (d) => `不是有效的 UTF-8：从第 ${d.line} 行（第 ${d.byte} 字节）起有损坏的字节，已跳过；请修复文本或重新以 UTF-8 保存`,
    en: (d) => `not valid UTF-8: broken bytes from line ${d.line} (byte ${d.byte}) on (skipped); repair the text or save it again as UTF-8`,
  },
  'broken-utf16': { zh: (d) => `不是有效的 ${d.encoding} 文本，已跳过`, en: (d) => `not valid ${d.encoding} text (skipped)` },
  'unknown-encoding': {
    zh: () => '既不是 UTF-8 也不是 GBK/GB18030 文本（可能是 Big5 或其他编码），已跳过：请以 UTF-8 保存',
    en: () => 'neither UTF-8 nor GBK/GB18030 text (Big5? another encoding?): skipped; save it as UTF-8',
  },
  'empty-directory': {
    zh: () => '目录中没有讲话稿文件（*.speech、*.speech.txt、*.speech.md、Word 文档 *.docx，或内容像讲话稿的 .txt）',
    en: () => 'a directory with no speech files (*.speech, *.speech.txt, *.speech.md, Word documents *.docx, or a .txt that reads like a speech)',
  },
  'too-deep': { zh: (d) => `目录嵌套超过 ${d.max} 层，未搜索`, en: (d) => `nested more than ${d.max} directories deep, not searched` },
  'cannot-read-directory': { zh: (d) => `无法读取目录（${d.code}）`, en: (d) => `cannot read directory (${d.code})` },
  'decoded-gb18030': {
    zh: () => '不是 UTF-8，已按 GB18030/GBK 解码（建议另存为 UTF-8）',
    en: () => 'not UTF-8; decoded as GB18030/GBK (save it as UTF-8 to be sure)',
  },
  'decoded-utf16': {
    zh: (d) => `已按 ${d.encoding} 解码（${d.bom ? '带 BOM' : '无 BOM'}）`,
    en: (d) => `decoded as ${d.encoding} (${d.bom ? 'with a BOM' : 'without a BOM'})`,
  },
  'config-invalid': { zh: () => '配置文件有误，未检查', en: () => 'not checked, its configuration is invalid' },
  'internal-error': { zh: (d) => `内部错误，未检查（${d.message}）`, en: (d) => `internal error, not checked (${d.message})` },
  'no-speech-files': { zh: () => '没有找到讲话稿文件', en: () => 'no speech files found' },
  'not-written': {
    zh: (d) =>
      d.why === 'word'
        ? `已找到 ${d.count} 处可自动修复的问题；--fix 不改写 Word 文档：请用 --annotate 写出带批注的副本，在 Word 中修改`
        : `已找到 ${d.count} 处可自动修复的问题，但${d.why === 'encoding' ? `文件是 ${d.encoding} 编码` : '无法写回'}，未写回：请先另存为 UTF-8${d.why === 'error' ? `（${d.code}）` : ''}`,
    en: (d) =>
      d.why === 'word'
        ? `${d.count} fixable problem(s) found; --fix does not rewrite Word documents: write a commented copy with --annotate and correct it in Word`
        : `${d.count} fixable problem(s) found but not written back: ${d.why === 'encoding' ? `the file is ${d.encoding}; save it as UTF-8 first` : `cannot write (${d.code})`}`,
  },
  written: { zh: (d) => `已修复 ${d.count} 处并写回`, en: (d) => `fixed ${d.count} problem(s), written back` },
};

export function fileMessage(m: FileMessage, locale: Locale): string {
  return TABLE[m.key][locale](m.data ?? {});
}
