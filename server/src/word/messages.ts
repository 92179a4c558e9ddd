// What the Word module says, in Chinese and English: one line each, saying what to do.

import type { SkippedContent } from './read';

export type Locale = 'zh' | 'en';

export type WordProblem =
  | { kind: 'not-zip' }
  | { kind: 'not-word' }
  | { kind: 'odt' }
  | { kind: 'other-office'; what: 'Excel' | 'PowerPoint' }
  | { kind: 'encrypted' }
  | { kind: 'doc' }
  | { kind: 'ole' }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'zip-bomb'; limit: number }
  | { kind: 'doctype' }
  | { kind: 'text-too-large'; bytes: number; limit: number }
  | { kind: 'file-too-large'; bytes: number; limit: number };

const mb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(n >= 10 * 1048576 ? 0 : 1)} MB` : `${Math.round(n / 1024)} KB`);

export function problemMessage(p: WordProblem, lang: Locale): string {
  const zh = lang === 'zh';
  switch (p.kind) {
    case 'not-zip':
      return zh ? '不是 Word 文档（.docx 应是 zip 压缩包，这个文件不是）：未检查' : 'not a Word document (a .docx is a zip package; this file is not one): not checked';
    case 'not-word':
      return zh ? '是 zip 压缩包，但不是 Word 文档（没有 word/document.xml）：未检查' : 'a zip package but not a Word document (no word/document.xml): not checked';
    case 'odt':
      return zh ? '是 OpenDocument 文本（.odt），不是 .docx：请另存为 .docx 后再检查' : 'an OpenDocument text (.odt), not a .docx: save it as .docx and check again';
    case 'other-office':
      return zh ? `是 ${p.what} 文件，不是 Word 文档：未检查` : `${p.what === 'Excel' ? 'an' : 'a'} ${p.what} file, not a Word document: not checked`;
    case 'encrypted':
      return zh
        ? '文档设有打开密码（已加密），无法读取：请在 Word 中取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后再检查'
        : 'password-protected (encrypted), cannot be read: remove the password in Word (File → Info → Protect Document → Encrypt with Password, clear it) and check again';
    case 'doc':
      return zh ? '旧版 Word 二进制格式（.doc），无法读取：请在 Word 或 WPS 中另存为 .docx 后再检查' : 'an old binary Word document (.doc), cannot be read: save it as .docx in Word or WPS and check again';
    case 'ole':
      return zh ? '是 OLE 复合文件，不是 Word 文档（.docx）：未检查' : 'an OLE compound file, not a Word document (.docx): not checked';
    case 'corrupt':
      return zh ? `文档已损坏（${p.detail}）：未检查；请在 Word 中打开并另存后再试` : `damaged document (${p.detail}): not checked; open it in Word, save it again and retry`;
    case 'zip-bomb':
      return zh ? `解压后超过 ${mb(p.limit)}（可能是压缩炸弹）：未检查` : `inflates to more than ${mb(p.limit)} (a zip bomb?): not checked`;
    case 'doctype':
      return zh ? '文档的 XML 含有 DOCTYPE 或实体声明（Word 从不写入）：为安全起见未读取' : 'the document\'s XML holds a DOCTYPE or entity declaration (Word never writes one): not read, for safety';
    case 'text-too-large':
      return zh
        ? `正文 ${mb(p.bytes)}，超过 ${mb(p.limit)} 的上限（.jianggao.json 中的 maxFileSize）：未检查`
        : `${mb(p.bytes)} of text, over the ${mb(p.limit)} limit (maxFileSize in .jianggao.json): not checked`;
    case 'file-too-large':
      return zh ? `文件 ${mb(p.bytes)}，超过 Word 文档 ${mb(p.limit)} 的上限：未检查` : `${mb(p.bytes)}, over the ${mb(p.limit)} limit for Word documents: not checked`;
  }
}

/** One line on what was not read, or undefined when everything was. */
export function skippedMessage(s: SkippedContent, lang: Locale): string | undefined {
  const zh = lang === 'zh';
  const parts: string[] = [];
  if (s.tables) parts.push(zh ? `表格 ${s.tables} 个（${s.tableParagraphs} 段）` : `${s.tables} table${s.tables > 1 ? 's' : ''} (${s.tableParagraphs} paragraph${s.tableParagraphs === 1 ? '' : 's'})`);
  if (s.footnotes) parts.push(zh ? `脚注 ${s.footnotes} 条` : `${s.footnotes} footnote${s.footnotes > 1 ? 's' : ''}`);
  if (s.endnotes) parts.push(zh ? `尾注 ${s.endnotes} 条` : `${s.endnotes} endnote${s.endnotes > 1 ? 's' : ''}`);
  if (s.textBoxes) parts.push(zh ? `文本框 ${s.textBoxes} 个` : `${s.textBoxes} text box${s.textBoxes > 1 ? 'es' : ''}`);
  if (s.formulas) parts.push(zh ? `公式 ${s.formulas} 个` : `${s.formulas} formula${s.formulas > 1 ? 's' : ''}`);
  if (!parts.length) return undefined;
  return zh ? `未检查其中的${parts.join('、')}（只检查正文段落）` : `not checked: ${parts.join(', ')} (only the body paragraphs are checked)`;
}
