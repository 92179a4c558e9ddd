// Word documents for the tests: small packages built from WordprocessingML written here (the
// reader's unit and property tests), drafts turned into OpenDocument text with real list and
// outline numbering (LibreOffice then writes the .docx, numbering.xml and all), and
// LibreOffice itself, run headless on a private profile.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync, strToU8 } from 'fflate';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const CONTENT_TYPES = (extra: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${extra}</Types>`;

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

export interface PackageParts {
  /** The content of `<w:body>`. */
  body: string;
  /** The content of `<w:numbering>`. */
  numbering?: string;
  /** The content of `<w:styles>`. */
  styles?: string;
  /** More parts, raw. */
  extra?: Record<string, string | Uint8Array>;
  /** Replaces the whole document part. */
  documentXml?: string;
}

/** A .docx from WordprocessingML fragments. */
export function buildDocx(parts: PackageParts): Buffer {
  const rels: string[] = [];
  const types: string[] = [];
  const files: Record<string, Uint8Array> = {};
  if (parts.numbering !== undefined) {
    files['word/numbering.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W_NS}">${parts.numbering}</w:numbering>`);
    rels.push('<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>');
    types.push('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>');
  }
  if (parts.styles !== undefined) {
    files['word/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W_NS}">${parts.styles}</w:styles>`);
    rels.push('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>');
    types.push('<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>');
  }
  const all: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES(types.join(''))),
    '_rels/.rels': strToU8(PACKAGE_RELS),
    'word/document.xml': strToU8(parts.documentXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${parts.body}<w:sectPr/></w:body></w:document>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
    ...files,
  };
  for (const [name, data] of Object.entries(parts.extra ?? {})) all[name] = typeof data === 'string' ? strToU8(data) : data;
  return Buffer.from(zipSync(all));
}

/** `<w:p>` with plain text runs; `props` goes into `<w:pPr>`. */
export function p(text: string, props = ''): string {
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${text ? `<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r>` : ''}</w:p>`;
}

export const numPr = (numId: number | string, ilvl = 0) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;

export function lvl(ilvl: number, format: string, text: string, extra = ''): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${esc(text)}"/>${extra}</w:lvl>`;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------
// Drafts as OpenDocument text with real numbering

const HEADING_1 = /^([一二三四五六七八九十]+)、/;
const HEADING_2 = /^（([一二三四五六七八九十]+)）/;
const HEADING_3 = /^([0-9]+)\.(?![0-9])/;
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/**
 * The draft as flat ODF text where every heading marker (一、 （一） 1.) is produced by the
 * word processor: levels 1 and 2 by outline numbering on Heading 1/2 (so the .docx gets
 * style-linked numbering), level 3 by a list. Undefined when the draft's markers are not the
 * sequence automatic numbering would give (a gap, a duplicate: those stay .speech-only).
 */
/** Text for ODF: spaces would collapse, so runs of them (and a leading one) are `text:s`. */
function odf(s: string): string {
  return esc(s).replace(/\t/g, '<text:tab/>').replace(/(^ +| {2,})/g, (m, _g, at: number) => (at === 0 ? `<text:s text:c="${m.length}"/>` : ` <text:s text:c="${m.length - 1}"/>`));
}

export function speechToFodt(text: string): { fodt: string; numbered: number } | undefined {
  const counters = [0, 0, 0];
  const body: string[] = [];
  let numbered = 0;
  let inList = false;
  let listStarted = false;
  const closeList = () => {
    if (inList) body.push('</text:list>');
    inList = false;
  };
  for (const line of text.replace(/\n$/, '').split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = HEADING_1.exec(line))) {
      if (m[1] !== CN[counters[0] + 1]) return undefined;
      closeList();
      counters[0]++;
      counters[1] = 0;
      counters[2] = 0;
      listStarted = false;
      body.push(`<text:h text:style-name="Heading_20_1" text:outline-level="1">${odf(line.slice(m[0].length))}</text:h>`);
      numbered++;
    } else if ((m = HEADING_2.exec(line))) {
      if (m[1] !== CN[counters[1] + 1]) return undefined;
      closeList();
      counters[1]++;
      counters[2] = 0;
      listStarted = false;
      body.push(`<text:h text:style-name="Heading_20_2" text:outline-level="2">${odf(line.slice(m[0].length))}</text:h>`);
      numbered++;
    } else if ((m = HEADING_3.exec(line))) {
      if (Number(m[1]) !== counters[2] + 1) return undefined;
      counters[2]++;
      if (!inList) body.push(`<text:list text:style-name="L3"${listStarted ? ' text:continue-numbering="true"' : ''}>`);
      inList = true;
      listStarted = true;
      body.push(`<text:list-item><text:p text:style-name="Body">${odf(line.slice(m[0].length))}</text:p></text:list-item>`);
      numbered++;
    } else {
      closeList();
      body.push(`<text:p text:style-name="Body">${odf(line)}</text:p>`);
    }
  }
  closeList();
  const nothingAfter = '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties>';
  const fodt = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:style style:name="Body" style:family="paragraph"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"/>
<text:outline-style style:name="Outline">
<text:outline-level-style text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、">${nothingAfter}</text:outline-level-style>
<text:outline-level-style text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）">${nothingAfter}</text:outline-level-style>
</text:outline-style>
</office:styles>
<office:automatic-styles>
<text:list-style style:name="L3"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix=".">${nothingAfter}</text:list-level-style-number></text:list-style>
</office:automatic-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body></office:document>
`;
  return { fodt, numbered };
}

// ---------------------------------------------------------------------------------------
// LibreOffice

export function findSoffice(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return found || undefined;
}

export interface Conversion { seconds: number; outputs: string[] }

/**
 * Converts files with one headless LibreOffice run (`--convert-to FORMAT`) on a profile of its
 * own (so other LibreOffice processes on the machine do not interfere). Returns the outputs
 * in the order of the inputs; throws with LibreOffice's output when one is missing.
 */
export function convert(soffice: string, inputs: string[], format: string, outdir: string, extension: string): Conversion {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-lo-profile-'));
  const t0 = Date.now();
  let log = '';
  try {
    log = execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outdir, ...inputs], { encoding: 'utf8', timeout: 300000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    log = String((e as { stdout?: string }).stdout ?? '') + String((e as { stderr?: string }).stderr ?? '') + (e as Error).message;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const outputs = inputs.map((i) => path.join(outdir, `${path.basename(i, path.extname(i))}.${extension}`));
  const missing = outputs.filter((o) => !fs.existsSync(o));
  if (missing.length) throw new Error(`LibreOffice did not write ${missing.join(', ')}:\n${log}`);
  return { seconds: (Date.now() - t0) / 1000, outputs };
}
