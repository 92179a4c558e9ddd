// XML of a Word package, through fast-xml-parser in its order-preserving mode. Entities are
// left as written (processEntities off): text is decoded here, on reading, and a part that is
// written back (the annotated copy) is rebuilt from the same raw strings, so whatever was not
// touched comes out byte for byte as it went in. A DOCTYPE is refused before parsing: Word
// never writes one, and an entity declared in one is never expanded (no XXE, no billion laughs).

import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** One node of the order-preserving tree: `{ tag: children, ':@'?: attributes }` or `{ '#text': raw }`. */
export type XmlNode = Record<string, unknown>;

export class XmlRefused extends Error {
  constructor(readonly kind: 'doctype' | 'malformed', detail: string) {
    super(detail);
  }
}

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  allowBooleanAttributes: true,
} as const;

/** Decoded text, as the ASCII-compatible start of the part says (UTF-8 unless a UTF-16 BOM). */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export function parseXml(text: string): XmlNode[] {
  // Only the prolog can hold a DOCTYPE; an ENTITY anywhere is a declaration smuggled in.
  if (/<!DOCTYPE/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text)) throw new XmlRefused('doctype', 'a DOCTYPE or entity declaration');
  try {
    return new XMLParser(OPTIONS).parse(text) as XmlNode[];
  } catch (e) {
    throw new XmlRefused('malformed', (e as Error).message.split('\n')[0]);
  }
}

export function buildXml(nodes: XmlNode[]): string {
  return new XMLBuilder({ ...OPTIONS, suppressEmptyNode: true, format: false }).build(nodes) as string;
}

// ---------------------------------------------------------------------------------------
// Reading the tree

/** The element name of a node (with its prefix), or undefined for text, comments, CDATA. */
export function tagOf(node: XmlNode): string | undefined {
  for (const k in node) if (k !== ':@' && k[0] !== '#') return k;
  return undefined;
}

/** The local name: `w:p` → `p`. Prefixes vary between producers; local names do not. */
export function localOf(node: XmlNode): string | undefined {
  const t = tagOf(node);
  return t === undefined ? undefined : t.slice(t.indexOf(':') + 1);
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const t = tagOf(node);
  const c = t === undefined ? undefined : node[t];
  return Array.isArray(c) ? (c as XmlNode[]) : [];
}

/** An attribute by local name (`w:val` and `val` alike), decoded. */
export function attrOf(node: XmlNode, local: string): string | undefined {
  const attrs = node[':@'] as Record<string, string> | undefined;
  if (!attrs) return undefined;
  for (const k in attrs) {
    const name = k.startsWith('@_') ? k.slice(2) : k;
    if (name === local || name.endsWith(':' + local)) return decodeEntities(String(attrs[k]));
  }
  return undefined;
}

export function childOf(node: XmlNode, local: string): XmlNode | undefined {
  for (const c of childrenOf(node)) if (localOf(c) === local) return c;
  return undefined;
}

export function childrenNamed(node: XmlNode, local: string): XmlNode[] {
  return childrenOf(node).filter((c) => localOf(c) === local);
}

/** `<w:b/>`, `<w:b w:val="true"/>` are on; `w:val="0"`, `"false"`, `"off"` are off; absent is undefined. */
export function toggleOf(node: XmlNode | undefined, local: string): boolean | undefined {
  const c = node && childOf(node, local);
  if (!c) return undefined;
  const v = attrOf(c, 'val');
  return v === undefined || !/^(0|false|off)$/i.test(v);
}

/** Raw text content of a text-only element (`w:t`, `w:instrText`), still entity-encoded. */
export function rawTextOf(node: XmlNode): string {
  let s = '';
  for (const c of childrenOf(node)) {
    if (typeof c['#text'] === 'string') s += c['#text'];
    else if (Array.isArray(c['#cdata'])) s += escapeText(((c['#cdata'] as XmlNode[])[0]?.['#text'] as string) ?? '');
  }
  return s;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

function codePoint(ref: string): string {
  const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  // A reference to no character (or a surrogate) is dropped rather than turned into garbage.
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '';
}

export function decodeEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (_, ref: string) => (ref[0] === '#' ? codePoint(ref) : NAMED[ref]));
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * Splits raw (entity-encoded) text where `decodedIndex` UTF-16 units of its decoded text end:
 * an entity is never cut in two.
 */
export function splitRaw(raw: string, decodedIndex: number): [string, string] {
  let decoded = 0;
  let i = 0;
  while (i < raw.length && decoded < decodedIndex) {
    if (raw[i] === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(raw);
      if (m && m.index === i) {
        decoded += m[1][0] === '#' ? codePoint(m[1]).length : 1;
        i += m[0].length;
        continue;
      }
    }
    decoded++;
    i++;
  }
  return [raw.slice(0, i), raw.slice(i)];
}

/** A new element node. */
export function element(tag: string, attrs: Record<string, string> = {}, children: XmlNode[] = []): XmlNode {
  const node: XmlNode = { [tag]: children };
  const keys = Object.keys(attrs);
  if (keys.length) node[':@'] = Object.fromEntries(keys.map((k) => [`@_${k}`, escapeAttr(attrs[k])]));
  return node;
}

export function textNode(text: string): XmlNode {
  return { '#text': escapeText(text) };
}
