// Reading a .docx as the reader of the printed page sees it: the body's paragraphs in order,
// each with Word's automatic number in front (numbering.ts), tracked changes accepted
// (insertions kept, deletions and moved-away text dropped, a deleted paragraph mark joins its
// paragraph to the next), fields by their result, hidden text left out. Tables, footnotes,
// endnotes, text boxes and formulas are not part of the speech text: they are counted and
// said, never silently lost. Headers and footers are not read.
//
// The text handed to the analysis library is one line per paragraph (a soft line break
// inside a paragraph starts a line of its own, as on the page). Each paragraph keeps where
// its characters came from, so a finding can be named by paragraph and written back into
// the document as a comment (annotate.ts).

import { WordProblem } from './messages';
import { Numbering, StyleInfo } from './numbering';
import { XmlNode, XmlRefused, attrOf, childOf, childrenOf, decodeEntities, decodeXmlBytes, localOf, parseXml, rawTextOf, toggleOf } from './xml';
import { ZipError, ZipReader } from './zip';

/** Where a run of characters of a paragraph came from: one child of one run. */
export interface Piece {
  /** Offset in the paragraph's text. */
  at: number;
  length: number;
  run: XmlNode;
  /** The array holding `run` (a paragraph's, a hyperlink's, an insertion's children). */
  container: XmlNode[];
  /** Index of the child of `run` (a `w:t`, `w:tab`, `w:br`) these characters are. */
  child: number;
}

export interface WordParagraph {
  /** 1-based, counting every paragraph of the body (empty ones too) in order; tables not counted. */
  number: number;
  /** As displayed: the automatic number, then the text; a soft line break is `\n`. */
  text: string;
  /** Length of the automatic number at the start of `text` (0 when none). */
  markerLength: number;
  /** Offset of the paragraph in WordDocument.text. */
  start: number;
  style?: string;
  /** The `w:p` element whose mark ends the paragraph. */
  node: XmlNode;
  pieces: Piece[];
}

export interface SkippedContent {
  tables: number;
  tableParagraphs: number;
  footnotes: number;
  endnotes: number;
  textBoxes: number;
  formulas: number;
}

export interface WordDocument {
  /** The paragraphs' texts joined with `\n`: what is checked. */
  text: string;
  paragraphs: WordParagraph[];
  skipped: SkippedContent;
  /** Automatic numbers rendered (paragraphs whose marker came from numbering.xml). */
  numbered: number;
  /** Tracked changes accepted while reading (insertions, deletions, moves). */
  trackedChanges: number;
  /** The main document part, its name and its parsed tree (the annotated copy edits it). */
  mainPart: string;
  tree: XmlNode[];
  /** Line (0-based, in `text`) → paragraph index, and offset → { paragraph number, column }. */
  paragraphAt(offset: number): { paragraph: WordParagraph; column: number };
}

export type WordRead = { ok: true; document: WordDocument } | { ok: false; problem: WordProblem };

export interface ReadLimits {
  /** Most bytes the XML parts read may inflate to, together. */
  maxInflated: number;
  /** Most UTF-8 bytes of rendered text. */
  maxTextBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxInflated: 64 * 1024 * 1024, maxTextBytes: 2 * 1024 * 1024 };

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

function relationships(zip: ZipReader, relsPart: string): Array<{ type: string; target: string; external: boolean }> {
  const bytes = zip.read(relsPart);
  if (!bytes) return [];
  const root = parseXml(decodeXmlBytes(bytes)).find((n) => localOf(n) === 'Relationships');
  if (!root) return [];
  return childrenOf(root)
    .filter((n) => localOf(n) === 'Relationship')
    .map((n) => ({ type: attrOf(n, 'Type') ?? '', target: attrOf(n, 'Target') ?? '', external: attrOf(n, 'TargetMode') === 'External' }));
}

/** `word/document.xml` + `numbering.xml` → `word/numbering.xml`; `/word/x.xml` → `word/x.xml`. */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** The main document part: the package's officeDocument relationship, else word/document.xml. */
export function mainPartOf(zip: ZipReader): string | undefined {
  const rel = relationships(zip, '_rels/.rels').find((r) => REL_OFFICE_DOCUMENT.test(r.type) && !r.external);
  if (rel) {
    const part = resolvePart('', rel.target);
    if (zip.has(part)) return part;
  }
  return zip.has('word/document.xml') ? 'word/document.xml' : undefined;
}

function otherFormat(zip: ZipReader): WordProblem | undefined {
  const mimetype = zip.has('mimetype') ? zip.read('mimetype')!.toString('latin1') : '';
  if (/opendocument\.text/.test(mimetype)) return { kind: 'odt' };
  if (zip.has('xl/workbook.xml')) return { kind: 'other-office', what: 'Excel' };
  if (zip.has('ppt/presentation.xml')) return { kind: 'other-office', what: 'PowerPoint' };
  return undefined;
}

function readStyles(zip: ZipReader, part: string | undefined): { styles: Map<string, StyleInfo>; defaultStyle?: string } {
  const styles = new Map<string, StyleInfo>();
  let defaultStyle: string | undefined;
  const bytes = part ? zip.read(part) : undefined;
  if (!bytes) return { styles };
  const root = parseXml(decodeXmlBytes(bytes)).find((n) => localOf(n) === 'styles');
  if (!root) return { styles };
  for (const s of childrenOf(root)) {
    // Paragraph styles carry numbering; numbering styles are what w:numStyleLink names.
    if (localOf(s) !== 'style' || !/^(paragraph|numbering)$/.test(attrOf(s, 'type') ?? '')) continue;
    const id = attrOf(s, 'styleId');
    if (id === undefined) continue;
    const numPr = childOf(childOf(s, 'pPr') ?? {}, 'numPr');
    const ilvl = numPr && childOf(numPr, 'ilvl');
    const numId = numPr && childOf(numPr, 'numId');
    styles.set(id, {
      numId: numId && attrOf(numId, 'val'),
      ilvl: ilvl ? Number(attrOf(ilvl, 'val') ?? 0) : undefined,
      basedOn: attrOf(childOf(s, 'basedOn') ?? {}, 'val'),
      name: attrOf(childOf(s, 'name') ?? {}, 'val'),
    });
    if (/^(1|true|on)$/.test(attrOf(s, 'default') ?? '')) defaultStyle = id;
  }
  return { styles, defaultStyle };
}

/** Reads a .docx. Never throws on bad input: every failure is a WordProblem. */
export function readDocx(buf: Buffer, limits: Partial<ReadLimits> = {}): WordRead {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  try {
    const zip = new ZipReader(buf, lim.maxInflated);
    const main = mainPartOf(zip);
    if (!main) return { ok: false, problem: otherFormat(zip) ?? { kind: 'not-word' } };
    const rels = relationships(zip, relsPartOf(main));
    const target = (type: RegExp, fallback: string) => {
      const r = rels.find((x) => type.test(x.type) && !x.external);
      return r ? resolvePart(main, r.target) : zip.has(fallback) ? fallback : undefined;
    };
    const { styles, defaultStyle } = readStyles(zip, target(/\/styles$/, 'word/styles.xml'));
    const numberingPart = target(/\/numbering$/, 'word/numbering.xml');
    const numberingBytes = numberingPart ? zip.read(numberingPart) : undefined;
    const numberingRoot = numberingBytes ? parseXml(decodeXmlBytes(numberingBytes)).find((n) => localOf(n) === 'numbering') : undefined;
    const numbering = new Numbering(numberingRoot, styles);
    const tree = parseXml(decodeXmlBytes(zip.read(main)!));
    const documentNode = tree.find((n) => localOf(n) === 'document');
    const body = documentNode && childOf(documentNode, 'body');
    if (!body) return { ok: false, problem: { kind: 'not-word' } };
    const walker = new BodyWalker(numbering, styles, defaultStyle);
    walker.blocks(childrenOf(body));
    walker.flush();
    const text = walker.paragraphs.map((p) => p.text).join('\n');
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > lim.maxTextBytes) return { ok: false, problem: { kind: 'text-too-large', bytes, limit: lim.maxTextBytes } };
    const paragraphs = walker.paragraphs;
    return {
      ok: true,
      document: {
        text,
        paragraphs,
        skipped: walker.skipped,
        numbered: walker.numbered,
        trackedChanges: walker.trackedChanges,
        mainPart: main,
        tree,
        paragraphAt: (offset: number) => {
          let lo = 0;
          let hi = paragraphs.length - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (paragraphs[mid].start <= offset) lo = mid;
            else hi = mid - 1;
          }
          const paragraph = paragraphs[Math.max(0, lo)];
          return { paragraph, column: Math.max(0, Math.min(offset - paragraph.start, paragraph.text.length)) };
        },
      },
    };
  } catch (e) {
    if (e instanceof ZipError) {
      const p = e.problem;
      if (p.kind === 'ole') return { ok: false, problem: { kind: p.what === 'encrypted' ? 'encrypted' : p.what === 'doc' ? 'doc' : 'ole' } };
      if (p.kind === 'encrypted-entry') return { ok: false, problem: { kind: 'encrypted' } };
      if (p.kind === 'too-large') return { ok: false, problem: { kind: 'zip-bomb', limit: p.limit } };
      if (p.kind === 'not-zip') return { ok: false, problem: { kind: 'not-zip' } };
      return { ok: false, problem: { kind: 'corrupt', detail: p.detail } };
    }
    if (e instanceof XmlRefused) return { ok: false, problem: e.kind === 'doctype' ? { kind: 'doctype' } : { kind: 'corrupt', detail: `XML: ${e.message}` } };
    if (e instanceof RangeError) return { ok: false, problem: { kind: 'corrupt', detail: 'structure nested too deeply' } };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------

interface Building {
  text: string;
  pieces: Piece[];
}

/** Field nesting: characters show only in the result part of every open field. */
type FieldPhase = 'instruction' | 'result';

class BodyWalker {
  readonly paragraphs: WordParagraph[] = [];
  readonly skipped: SkippedContent = { tables: 0, tableParagraphs: 0, footnotes: 0, endnotes: 0, textBoxes: 0, formulas: 0 };
  numbered = 0;
  trackedChanges = 0;
  private fields: FieldPhase[] = [];
  /** Text of paragraphs whose mark was deleted, waiting for the paragraph they join. */
  private carried: Building | undefined;
  private offset = 0;
  private depth = 0;

  constructor(private readonly numbering: Numbering, private readonly styles: Map<string, StyleInfo>, private readonly defaultStyle: string | undefined) {}

  blocks(nodes: XmlNode[]): void {
    for (const n of nodes) {
      switch (localOf(n)) {
        case 'p':
          this.paragraph(n);
          break;
        case 'tbl':
          this.skipped.tables++;
          this.table(n);
          break;
        case 'sdt':
          this.blocks(childrenOf(childOf(n, 'sdtContent') ?? {}));
          break;
        case 'customXml':
        case 'ins':
        case 'moveTo':
          if (localOf(n) !== 'customXml') this.trackedChanges++;
          this.blocks(childrenOf(n));
          break;
        case 'del':
        case 'moveFrom':
          this.trackedChanges++;
          break;
        default:
          break;
      }
    }
  }

  /** Table paragraphs are not read, but their automatic numbers still count in Word's lists. */
  private table(tbl: XmlNode): void {
    if (++this.depth > 64) throw new RangeError('nested tables');
    for (const row of childrenOf(tbl)) {
      for (const cell of childrenOf(row)) {
        const cells = localOf(cell) === 'sdt' ? childrenOf(childOf(cell, 'sdtContent') ?? {}) : [cell];
        for (const tc of cells) {
          for (const b of childrenOf(tc)) {
            if (localOf(b) === 'p') {
              this.skipped.tableParagraphs++;
              const numbering = this.numberingOf(b);
              if (numbering) this.numbering.next(numbering.numId, numbering.ilvl);
            } else if (localOf(b) === 'tbl') this.table(b);
          }
        }
      }
    }
    this.depth--;
  }

  private styleChain(styleId: string | undefined): Array<[string, StyleInfo]> {
    const chain: Array<[string, StyleInfo]> = [];
    let id = styleId ?? this.defaultStyle;
    for (let hops = 0; id !== undefined && hops < 16; hops++) {
      const s = this.styles.get(id);
      if (!s) break;
      chain.push([id, s]);
      id = s.basedOn;
    }
    return chain;
  }

  private numberingOf(p: XmlNode): { numId: string; ilvl: number } | undefined {
    const pPr = childOf(p, 'pPr');
    const numPr = pPr && childOf(pPr, 'numPr');
    let numId = numPr && attrOf(childOf(numPr, 'numId') ?? {}, 'val');
    const ilvlNode = numPr && childOf(numPr, 'ilvl');
    let ilvl = ilvlNode ? Number(attrOf(ilvlNode, 'val') ?? 0) : undefined;
    const styleId = pPr && attrOf(childOf(pPr, 'pStyle') ?? {}, 'val');
    if (numId === undefined || ilvl === undefined) {
      for (const [id, s] of this.styleChain(styleId)) {
        if (s.numId === undefined) continue;
        if (numId === undefined) numId = s.numId;
        if (ilvl === undefined) ilvl = s.ilvl ?? this.numbering.levelOfStyle(s.numId, id);
        break;
      }
    }
    if (numId === undefined || numId === '0') return undefined;
    return { numId, ilvl: Number.isFinite(ilvl) ? Math.min(8, Math.max(0, ilvl ?? 0)) : 0 };
  }

  private paragraph(p: XmlNode): void {
    const building: Building = this.carried ?? { text: '', pieces: [] };
    this.carried = undefined;
    this.inline(childrenOf(p), building, false);
    const pPr = childOf(p, 'pPr');
    const markProps = pPr && childOf(pPr, 'rPr');
    // A deleted paragraph mark: once accepted, this paragraph runs on into the next one.
    if (markProps && (childOf(markProps, 'del') || childOf(markProps, 'moveFrom'))) {
      this.trackedChanges++;
      this.carried = building;
      return;
    }
    if (markProps && childOf(markProps, 'ins')) this.trackedChanges++;
    const num = this.numberingOf(p);
    let marker = '';
    if (num) {
      marker = this.numbering.next(num.numId, num.ilvl);
      if (marker) this.numbered++;
    }
    for (const piece of building.pieces) piece.at += marker.length;
    const text = marker + building.text;
    this.paragraphs.push({
      number: this.paragraphs.length + 1,
      text,
      markerLength: marker.length,
      start: this.offset,
      style: pPr && attrOf(childOf(pPr, 'pStyle') ?? {}, 'val'),
      node: p,
      pieces: building.pieces,
    });
    this.offset += text.length + 1;
  }

  /** A document that ends in a deleted paragraph mark still has its text. */
  flush(): void {
    if (!this.carried) return;
    const b = this.carried;
    this.carried = undefined;
    this.paragraphs.push({ number: this.paragraphs.length + 1, text: b.text, markerLength: 0, start: this.offset, node: {}, pieces: b.pieces });
    this.offset += b.text.length + 1;
  }

  private visible(): boolean {
    return this.fields.every((f) => f === 'result');
  }

  private inline(nodes: XmlNode[], out: Building, inDeletion: boolean): void {
    if (++this.depth > 256) throw new RangeError('nested too deeply');
    for (const n of nodes) {
      switch (localOf(n)) {
        case 'r':
          this.run(n, nodes, out, inDeletion);
          break;
        case 'ins':
        case 'moveTo':
          this.trackedChanges++;
          this.inline(childrenOf(n), out, inDeletion);
          break;
        case 'del':
        case 'moveFrom':
          this.trackedChanges++;
          // Field characters inside deleted text still open and close fields.
          this.inline(childrenOf(n), out, true);
          break;
        case 'hyperlink':
        case 'smartTag':
        case 'customXml':
        case 'fldSimple':
        case 'dir':
        case 'bdo':
          this.inline(childrenOf(n), out, inDeletion);
          break;
        case 'sdt':
          this.inline(childrenOf(childOf(n, 'sdtContent') ?? {}), out, inDeletion);
          break;
        case 'oMath':
        case 'oMathPara':
          this.skipped.formulas++;
          break;
        case 'AlternateContent':
          if (containsLocal(n, 'txbxContent')) this.skipped.textBoxes++;
          break;
        default:
          break;
      }
    }
    this.depth--;
  }

  private run(r: XmlNode, container: XmlNode[], out: Building, deleted: boolean): void {
    const rPr = childOf(r, 'rPr');
    const hidden = rPr ? toggleOf(rPr, 'vanish') === true || toggleOf(rPr, 'specVanish') === true : false;
    const children = childrenOf(r);
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      const name = localOf(c);
      if (name === 'fldChar') {
        const type = attrOf(c, 'fldCharType');
        if (type === 'begin') this.fields.push('instruction');
        else if (type === 'separate' && this.fields.length) this.fields[this.fields.length - 1] = 'result';
        else if (type === 'end') this.fields.pop();
        continue;
      }
      if (name === 'footnoteReference') this.skipped.footnotes++;
      else if (name === 'endnoteReference') this.skipped.endnotes++;
      else if ((name === 'drawing' || name === 'pict' || name === 'AlternateContent' || name === 'object') && containsLocal(c, 'txbxContent')) this.skipped.textBoxes++;
      if (deleted || hidden || !this.visible()) continue;
      const s = runChildText(c);
      if (!s) continue;
      out.pieces.push({ at: out.text.length, length: s.length, run: r, container, child: i });
      out.text += s;
    }
  }
}

/** The characters one child of a run shows: `w:t`, a tab, a line break, a no-break hyphen. */
export function runChildText(c: XmlNode): string {
  switch (localOf(c)) {
    case 't':
      return decodeEntities(rawTextOf(c)).replace(/[\r\n]/g, ' ');
    case 'tab':
    case 'ptab':
      return '\t';
    case 'br': {
      const type = attrOf(c, 'type');
      return type === 'page' || type === 'column' ? '' : '\n';
    }
    case 'cr':
      return '\n';
    case 'noBreakHyphen':
      return '-';
    case 'sym': {
      const code = parseInt(attrOf(c, 'char') ?? '', 16);
      // Symbol-font characters (F0xx) are pictures in a font, not text.
      return Number.isFinite(code) && code > 0x1f && code < 0xe000 ? String.fromCharCode(code) : '';
    }
    default:
      return '';
  }
}

function containsLocal(node: XmlNode, local: string, depth = 0): boolean {
  if (depth > 64) return false;
  for (const c of childrenOf(node)) if (localOf(c) === local || containsLocal(c, local, depth + 1)) return true;
  return false;
}
