// The annotated copy: the original package with each finding as a Word comment (批注) on the
// characters it is about. Runs are split where a comment starts and ends; nothing else in the
// document changes (the parts not touched are copied as they were, and the main part is
// rebuilt from the raw strings it was parsed from). Comments already in the document stay.

import { WordDocument, WordParagraph, Piece, relsPartOf } from './read';
import { XmlNode, attrOf, buildXml, childrenOf, decodeXmlBytes, element, localOf, parseXml, rawTextOf, splitRaw, tagOf, textNode } from './xml';
import { ZipReader, writeZip } from './zip';

export const COMMENT_AUTHOR = '讲稿 Jianggao';

export interface Annotation {
  /** Offsets in WordDocument.text. */
  start: number;
  end: number;
  /** The comment's text: one paragraph per line. */
  lines: string[];
}

const MAIN_NS = {
  transitional: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  strict: 'http://purl.oclc.org/ooxml/wordprocessingml/main',
};
const COMMENTS_REL = {
  transitional: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  strict: 'http://purl.oclc.org/ooxml/officeDocument/relationships/comments',
};
const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

interface Insertion {
  piece: Piece;
  /** Offset inside the piece's characters, 0 … piece.length. */
  offset: number;
  nodes: XmlNode[];
  /** At one point: ends (0) before starts (1); a comment's own start before its end. */
  order: number;
}

/**
 * Writes the comments into a copy of the package; returns the new package's bytes.
 * `original` is the .docx the document was read from (read again, under `budget`).
 */
export function annotateDocx(original: Buffer, doc: WordDocument, annotations: Annotation[], options: { date?: Date; budget?: number } = {}): Buffer {
  const zip = new ZipReader(original, options.budget ?? 512 * 1024 * 1024);
  const parts: Map<string, Uint8Array> = zip.readAll();
  const documentNode = doc.tree.find((n) => localOf(n) === 'document')!;
  const docTag = tagOf(documentNode)!;
  const prefix = docTag.includes(':') ? docTag.slice(0, docTag.indexOf(':')) : '';
  const nsUri = attrOf(documentNode, prefix ? `xmlns:${prefix}` : 'xmlns') ?? rawAttr(documentNode, prefix) ?? MAIN_NS.transitional;
  const flavour = nsUri === MAIN_NS.strict ? 'strict' : 'transitional';
  const w = (local: string) => (prefix ? `${prefix}:${local}` : local);

  // Comments already there keep their ids; ours follow.
  const commentsPart = findPart(parts, doc.mainPart) ?? resolveSibling(doc.mainPart, 'comments.xml');
  const existing = partByName(parts, commentsPart);
  let commentsTree: XmlNode[];
  let commentsRoot: XmlNode;
  if (existing) {
    commentsTree = parseXml(decodeXmlBytes(existing));
    commentsRoot = commentsTree.find((n) => localOf(n) === 'comments')!;
  } else {
    commentsRoot = element(w('comments'), { [prefix ? `xmlns:${prefix}` : 'xmlns']: nsUri });
    commentsTree = [{ '?xml': [{ '#text': '' }], ':@': { '@_version': '1.0', '@_encoding': 'UTF-8', '@_standalone': 'yes' } }, commentsRoot];
  }
  const commentPrefix = (() => {
    const t = tagOf(commentsRoot)!;
    return t.includes(':') ? t.slice(0, t.indexOf(':')) : '';
  })();
  const cw = (local: string) => (commentPrefix ? `${commentPrefix}:${local}` : local);
  let nextId = 0;
  for (const c of childrenOf(commentsRoot)) {
    const id = Number(attrOf(c, 'id'));
    if (Number.isFinite(id) && id >= nextId) nextId = id + 1;
  }
  // Ids already used anywhere in the body (a range without its comment) are skipped too.
  for (const m of doc.tree.length ? collectIds(documentNode) : []) if (m >= nextId) nextId = m + 1;

  const date = (options.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const insertions: Insertion[] = [];
  const emptyParagraphs = new Map<XmlNode, XmlNode[]>();
  for (const a of annotations) {
    const id = String(nextId++);
    const comment = element(cw('comment'), { [cw('id')]: id, [cw('author')]: COMMENT_AUTHOR, [cw('initials')]: 'JG', [cw('date')]: date },
      a.lines.map((line) => element(cw('p'), {}, [element(cw('r'), {}, [element(cw('t'), { 'xml:space': 'preserve' }, [textNode(line)])])])));
    childrenOf(commentsRoot).push(comment);
    const rangeStart = element(w('commentRangeStart'), { [w('id')]: id });
    const rangeEnd = element(w('commentRangeEnd'), { [w('id')]: id });
    const reference = element(w('r'), {}, [element(w('commentReference'), { [w('id')]: id })]);
    const placed = place(doc, a.start, a.end);
    if (!placed) {
      // A paragraph with no characters of its own (empty, or only an automatic number).
      const p = doc.paragraphAt(a.start).paragraph;
      if (!p.node || !tagOf(p.node)) continue;
      const list = emptyParagraphs.get(p.node) ?? [];
      list.push(rangeStart, rangeEnd, reference);
      emptyParagraphs.set(p.node, list);
      continue;
    }
    insertions.push({ piece: placed.from.piece, offset: placed.from.offset, nodes: [rangeStart], order: 1 });
    insertions.push({ piece: placed.to.piece, offset: placed.to.offset, nodes: [rangeEnd, reference], order: 0 });
  }
  applyInsertions(insertions, w);
  for (const [p, nodes] of emptyParagraphs) childrenOf(p).push(...nodes);

  const encoder = new TextEncoder();
  parts.set(existingName(parts, doc.mainPart), encoder.encode(buildXml(doc.tree)));
  parts.set(existingName(parts, commentsPart), encoder.encode(buildXml(commentsTree)));
  if (!existing) {
    addRelationship(parts, doc.mainPart, COMMENTS_REL[flavour], relativeTarget(doc.mainPart, commentsPart));
    addContentType(parts, `/${commentsPart}`, COMMENTS_TYPE);
  }
  return writeZip(parts);
}

function rawAttr(node: XmlNode, prefix: string): string | undefined {
  const attrs = node[':@'] as Record<string, string> | undefined;
  return attrs?.[prefix ? `@_xmlns:${prefix}` : '@_xmlns'];
}

function collectIds(node: XmlNode, out: number[] = [], depth = 0): number[] {
  if (depth > 256) return out;
  for (const c of childrenOf(node)) {
    const l = localOf(c);
    if (l === 'commentRangeStart' || l === 'commentRangeEnd' || l === 'commentReference') {
      const id = Number(attrOf(c, 'id'));
      if (Number.isFinite(id)) out.push(id);
    } else if (l) collectIds(c, out, depth + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Where a comment goes

interface Point { piece: Piece; offset: number; paragraph: number }

/** The first typed character at or after document offset `start`, no further than paragraph `last`. */
function pointFrom(doc: WordDocument, start: number, last: number): Point | undefined {
  for (let i = doc.paragraphAt(start).paragraph.number - 1; i < last && i < doc.paragraphs.length; i++) {
    const p = doc.paragraphs[i];
    for (const piece of p.pieces) {
      if (start < p.start + piece.at + piece.length) return { piece, offset: Math.max(0, start - p.start - piece.at), paragraph: i };
    }
  }
  return undefined;
}

/** Just past the last typed character before document offset `end`, no further back than paragraph `first`. */
function pointTo(doc: WordDocument, end: number, first: number): Point | undefined {
  for (let i = doc.paragraphAt(end).paragraph.number - 1; i >= first; i--) {
    const p = doc.paragraphs[i];
    for (let k = p.pieces.length - 1; k >= 0; k--) {
      const piece = p.pieces[k];
      if (end > p.start + piece.at) return { piece, offset: Math.min(piece.length, end - p.start - piece.at), paragraph: i };
    }
  }
  return undefined;
}

const before = (x: Point, y: Point) => x.paragraph < y.paragraph || (x.paragraph === y.paragraph && x.piece.at + x.offset < y.piece.at + y.offset);

/**
 * The typed characters a finding covers: from its first to its last typed character. A range
 * with none (an automatic number, an empty line, a point) gets its paragraph's text, or the
 * one character after the point.
 */
function place(doc: WordDocument, start: number, end: number): { from: Point; to: Point } | undefined {
  const first = doc.paragraphAt(start).paragraph.number - 1;
  const last = doc.paragraphAt(Math.max(start, end)).paragraph.number - 1;
  const from = pointFrom(doc, start, last + 1);
  const to = end > start ? pointTo(doc, end, first) : undefined;
  if (from && to && before(from, to)) return { from, to };
  if (end <= start && from && from.paragraph === first) {
    return { from, to: { ...from, offset: Math.min(from.piece.length, from.offset + 1) } };
  }
  const p = doc.paragraphs[first];
  if (!p.pieces.length) return undefined;
  const lastPiece = p.pieces[p.pieces.length - 1];
  return { from: { piece: p.pieces[0], offset: 0, paragraph: first }, to: { piece: lastPiece, offset: lastPiece.length, paragraph: first } };
}

// ---------------------------------------------------------------------------------------
// Splitting runs

/** Characters of one run child, as the reader counted them (runChildText's lengths). */
function childLength(piece: Piece): number {
  return piece.length;
}

function applyInsertions(insertions: Insertion[], w: (l: string) => string): void {
  const byRun = new Map<XmlNode, Insertion[]>();
  for (const ins of insertions) {
    const list = byRun.get(ins.piece.run) ?? [];
    list.push(ins);
    byRun.set(ins.piece.run, list);
  }
  for (const [run, list] of byRun) {
    const container = list[0].piece.container;
    const at = container.indexOf(run);
    if (at < 0) continue;
    list.sort((x, y) => x.piece.child - y.piece.child || x.offset - y.offset || x.order - y.order);
    container.splice(at, 1, ...splitRun(run, list, w));
  }
}

/** The run cut at every insertion point, with the inserted nodes between the pieces. */
function splitRun(run: XmlNode, list: Insertion[], w: (l: string) => string): XmlNode[] {
  const tag = tagOf(run)!;
  const attrs = run[':@'];
  const children = childrenOf(run);
  const props = children.filter((c) => localOf(c) === 'rPr');
  const out: XmlNode[] = [];
  let current: XmlNode[] = [];
  const flush = () => {
    if (current.some((c) => localOf(c) !== 'rPr')) {
      const r: XmlNode = { [tag]: [...props.map(clone), ...current] };
      if (attrs) r[':@'] = { ...(attrs as object) };
      out.push(r);
    }
    current = [];
  };
  let k = 0;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (localOf(c) === 'rPr') continue;
    const here: Insertion[] = [];
    while (k < list.length && list[k].piece.child === i) here.push(list[k++]);
    if (!here.length) {
      current.push(c);
      continue;
    }
    const length = childLength(here[0].piece);
    let rest: XmlNode | undefined = c;
    let consumed = 0;
    for (const ins of here) {
      const cut = Math.max(0, Math.min(length, ins.offset)) - consumed;
      if (cut > 0 && rest) {
        if (localOf(rest) === 't') {
          const [left, right] = splitRaw(rawTextOf(rest), cut);
          current.push(textElement(rest, left, w));
          rest = right ? textElement(rest, right, w) : undefined;
        } else {
          current.push(rest);
          rest = undefined;
        }
        consumed += cut;
      }
      flush();
      out.push(...ins.nodes);
    }
    if (rest) current.push(rest);
  }
  // Insertion points past the last child (none expected: pieces name their child).
  while (k < list.length) {
    flush();
    out.push(...list[k++].nodes);
  }
  flush();
  return out;
}

function textElement(original: XmlNode, raw: string, w: (l: string) => string): XmlNode {
  const tag = tagOf(original) ?? w('t');
  // Split text may begin or end with a space: keep it.
  return { [tag]: [{ '#text': raw }], ':@': { ...((original[':@'] as object) ?? {}), '@_xml:space': 'preserve' } };
}

function clone(n: XmlNode): XmlNode {
  return JSON.parse(JSON.stringify(n)) as XmlNode;
}

// ---------------------------------------------------------------------------------------
// Package bookkeeping

function existingName(parts: Map<string, Uint8Array>, name: string): string {
  for (const k of parts.keys()) if (k.toLowerCase() === name.toLowerCase()) return k;
  return name;
}

function partByName(parts: Map<string, Uint8Array>, name: string): Uint8Array | undefined {
  return parts.get(existingName(parts, name));
}

function resolveSibling(part: string, name: string): string {
  const i = part.lastIndexOf('/');
  return part.slice(0, i + 1) + name;
}

function relativeTarget(from: string, to: string): string {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  return to.startsWith(dir) ? to.slice(dir.length) : `/${to}`;
}

/** The comments part the main part already relates to, if any. */
function findPart(parts: Map<string, Uint8Array>, main: string): string | undefined {
  const rels = partByName(parts, relsPartOf(main));
  if (!rels) return undefined;
  const root = parseXml(decodeXmlBytes(rels)).find((n) => localOf(n) === 'Relationships');
  for (const r of root ? childrenOf(root) : []) {
    if (/\/comments$/.test(attrOf(r, 'Type') ?? '') && attrOf(r, 'TargetMode') !== 'External') {
      const target = attrOf(r, 'Target') ?? '';
      return target.startsWith('/') ? target.slice(1) : resolveSibling(main, target);
    }
  }
  return undefined;
}

function addRelationship(parts: Map<string, Uint8Array>, main: string, type: string, target: string): void {
  const name = existingName(parts, relsPartOf(main));
  const bytes = parts.get(name);
  const tree = bytes ? parseXml(decodeXmlBytes(bytes)) : [{ '?xml': [{ '#text': '' }], ':@': { '@_version': '1.0', '@_encoding': 'UTF-8', '@_standalone': 'yes' } } as XmlNode, element('Relationships', { xmlns: 'http://schemas.openxmlformats.org/package/2006/relationships' })];
  const root = tree.find((n) => localOf(n) === 'Relationships')!;
  const ids = new Set(childrenOf(root).map((r) => attrOf(r, 'Id')));
  let n = 1;
  while (ids.has(`rIdJianggao${n}`)) n++;
  const relTag = tagOf(root)!.includes(':') ? `${tagOf(root)!.split(':')[0]}:Relationship` : 'Relationship';
  childrenOf(root).push(element(relTag, { Id: `rIdJianggao${n}`, Type: type, Target: target }));
  parts.set(name, new TextEncoder().encode(buildXml(tree)));
}

function addContentType(parts: Map<string, Uint8Array>, partName: string, type: string): void {
  const name = existingName(parts, '[Content_Types].xml');
  const bytes = parts.get(name);
  if (!bytes) return;
  const tree = parseXml(decodeXmlBytes(bytes));
  const root = tree.find((n) => localOf(n) === 'Types');
  if (!root) return;
  if (childrenOf(root).some((o) => localOf(o) === 'Override' && (attrOf(o, 'PartName') ?? '').toLowerCase() === partName.toLowerCase())) return;
  const tag = tagOf(root)!.includes(':') ? `${tagOf(root)!.split(':')[0]}:Override` : 'Override';
  childrenOf(root).push(element(tag, { PartName: partName, ContentType: type }));
  parts.set(name, new TextEncoder().encode(buildXml(tree)));
}
