// A speech draft as a Word document, in two layouts:
//
// - official (GB/T 9704-2012): A4; margins top 37 mm, left 28 mm, text block 156 × 225 mm;
//   22 lines of 28 characters on the document grid; title 2号 方正小标宋简体 centred; body
//   3号 仿宋_GB2312 with a two-character first-line indent; level-1 headings 黑体, level-2
//   楷体_GB2312, level-3 仿宋_GB2312 bold; page numbers `— 1 —` in 4号 宋体, odd pages right,
//   even pages left, one character in from the edge of the text block.
// - podium: the reading copy for the lectern: large type, wide line spacing, no paragraph
//   split over a page where it can be avoided, each section's speaking time at its heading,
//   page numbers centred.
//
// Fonts are named as Word and WPS name them on Chinese systems, in the East Asian slot; the
// reader's machine supplies them (they are not free to ship). Each line of the draft becomes
// one paragraph and numbers are written as text, so reading the export back gives the draft.

import {
  AlignmentType, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, IRunOptions,
} from 'docx';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { parseDocument, splitLines, spokenLength } from '../analysis';
import type { DocumentModel, Item } from '../analysis';
import { formatDuration, minutesOf } from '../analysis/outline';
import type { Locale } from './messages';

export type ExportLayout = 'official' | 'podium';

export interface ExportOptions {
  layout: ExportLayout;
  /** Characters per minute, for the podium copy's times. */
  speakingRate: number;
  lang: Locale;
}

// Sizes in half-points (Word's w:sz): 2号 22 pt, 3号 16 pt, 4号 14 pt; lengths in twips.
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const A4 = { width: 11906, height: 16838 };
const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  level1: '黑体',
  level2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
};

/** The official grid: 225 mm / 22 lines, 156 mm / 28 characters. */
export const OFFICIAL = {
  margins: { top: mm(37), left: mm(28), right: A4.width - mm(28) - mm(156), bottom: A4.height - mm(37) - mm(225) },
  linePitch: Math.floor(mm(225) / 22),
  /** Character pitch 156 mm / 28 = 315.9 twips for 16 pt (320 twips) type: the runs are set 5 twips closer. */
  charPitch: mm(156) / 28,
  bodySize: 32,
  titleSize: 44,
  pageNumberSize: 28,
};

const PODIUM = {
  margins: { top: mm(25), left: mm(25), right: mm(25), bottom: mm(25) },
  bodySize: 44, // 2号
  titleSize: 52, // 一号
  lineSpacing: 880, // 44 pt: twice the type
  timeSize: 28,
};

type LineKind = 'title' | 'meta' | 'salutation' | 'body' | 'heading' | 'blank';

interface LinePlan {
  kind: LineKind;
  text: string;
  level?: number;
  /** Length of the heading phrase at the start of the line (the rest is body text). */
  headEnd?: number;
  /** The heading's section, for its speaking time. */
  item?: Item;
  /** A new speech of a collection starts here. */
  newSpeech?: boolean;
}

/** What each line of the draft is, from the speech model. Comment lines (`<!-- -->`) are left out. */
export function planLines(text: string): LinePlan[] {
  const model: DocumentModel = parseDocument(text);
  const lines = splitLines(text);
  const kinds = new Map<number, Omit<LinePlan, 'text'>>();
  for (const s of model.speeches) {
    if (s.header) for (const seg of s.header.segments) kinds.set(seg.line, { kind: 'title', newSpeech: s.index > 0 });
    for (const p of s.title?.paragraphs ?? []) for (const seg of p.segments) if (!kinds.has(seg.line)) kinds.set(seg.line, { kind: 'title', newSpeech: s.index > 0 && !s.header && seg === p.segments[0] && p === s.title!.paragraphs[0] });
    for (const p of s.meta) for (const seg of p.segments) kinds.set(seg.line, { kind: 'meta' });
    if (s.salutation && !s.salutation.merged) for (const seg of s.salutation.paragraph.segments) kinds.set(seg.line, { kind: 'salutation' });
    for (const item of s.allItems) {
      if (item.marker.kind !== 'heading' || item.marker.inline || item.runIn) continue;
      const seg = item.paragraph.segments[0];
      const line = lines[seg.line];
      const headEnd = Math.max(0, Math.min(line.text.length, item.titleEnd - line.start));
      kinds.set(seg.line, { kind: 'heading', level: item.marker.level, headEnd, item });
    }
  }
  const comment = new Set(model.comments.map((c) => c.line));
  const plans: LinePlan[] = [];
  for (const l of lines) {
    if (comment.has(l.index)) continue;
    const known = kinds.get(l.index);
    plans.push({ kind: l.text.trim() === '' ? 'blank' : known?.kind ?? 'body', ...known, text: l.text });
  }
  return plans;
}

function font(eastAsia: string): IRunOptions['font'] {
  return { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin };
}

/**
 * The runs of one line: a heading's phrase in the heading face, the rest as body text.
 * `characterSpacing` narrows the official layout's type to its grid (28 characters a line).
 */
function runsOf(plan: LinePlan, size: number, podium: boolean, characterSpacing?: number): TextRun[] {
  const run = (text: string, face: string, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: font(face), size, characterSpacing, ...extra });
  if (plan.kind === 'title') return [run(plan.text, FONTS.title, { size: podium ? PODIUM.titleSize : OFFICIAL.titleSize, characterSpacing: undefined })];
  if (plan.kind === 'meta') return [run(plan.text, FONTS.level2)];
  if (plan.kind !== 'heading') return [run(plan.text, FONTS.body)];
  const head = plan.text.slice(0, plan.headEnd ?? plan.text.length);
  const rest = plan.text.slice(head.length);
  const face = plan.level === 1 ? FONTS.level1 : plan.level === 2 ? FONTS.level2 : FONTS.body;
  const runs = [run(head, face, (plan.level ?? 0) >= 3 ? { bold: true } : {})];
  if (rest) runs.push(run(rest, FONTS.body));
  return runs;
}

function speakingTime(item: Item, rate: number, lang: Locale): string {
  let chars = 0;
  for (const p of item.paragraphs) chars += spokenLength(p.text);
  chars -= spokenLength(item.marker.raw);
  const t = formatDuration(minutesOf(Math.max(0, chars), rate), lang);
  return lang === 'en' ? `  (about ${t})` : `（约${t}）`;
}

function pageNumberFooter(align: 'right' | 'left' | 'center', size: number): Footer {
  const indent = align === 'right' ? { right: size * 10 } : align === 'left' ? { left: size * 10 } : undefined;
  return new Footer({
    children: [new Paragraph({
      alignment: align === 'right' ? AlignmentType.RIGHT : align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
      indent,
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber, eastAsia: FONTS.pageNumber }, size })],
    })],
  });
}

export function buildDocument(text: string, options: ExportOptions): Document {
  const podium = options.layout === 'podium';
  const size = podium ? PODIUM.bodySize : OFFICIAL.bodySize;
  const plans = planLines(text);
  const spacing = podium
    ? { line: PODIUM.lineSpacing, lineRule: LineRuleType.EXACT, before: 0, after: 0 }
    : { line: OFFICIAL.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  // 3号 type on the official grid is 4 twips narrower than its size (28 in 156 mm).
  const characterSpacing = podium ? undefined : Math.floor(OFFICIAL.charPitch - size * 10);
  const twoChars = podium ? size * 20 : Math.round(OFFICIAL.charPitch * 2);
  const paragraphs = plans.map((plan, i) => {
    const runs = runsOf(plan, size, podium, characterSpacing);
    if (podium && plan.kind === 'heading' && plan.item) {
      // Right after the heading phrase: a run-in heading's time stands before its text.
      runs.splice(1, 0, new TextRun({ text: speakingTime(plan.item, options.speakingRate, options.lang), font: font(FONTS.level2), size: PODIUM.timeSize, color: '595959' }));
    }
    const centred = plan.kind === 'title' || plan.kind === 'meta';
    const indented = plan.kind === 'body' || plan.kind === 'heading';
    const lastTitleLine = plan.kind === 'title' && plans[i + 1]?.kind !== 'title';
    return new Paragraph({
      children: runs,
      alignment: centred ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      indent: indented ? { firstLine: twoChars, firstLineChars: 200 } : undefined,
      // A blank line's worth of space under the title, as the standard lays it out.
      // (a little under a line: on the line grid the next line then snaps to the line after.)
      spacing: { ...spacing, after: lastTitleLine ? spacing.line - 40 : 0 },
      keepLines: podium ? true : undefined,
      // A heading standing on its own line stays with what follows; a run-in one (（一）…。text)
      // is a paragraph of text, and chaining those would move whole sections to the next page.
      keepNext: podium && (plan.kind === 'title' || (plan.kind === 'heading' && (plan.headEnd ?? 0) >= plan.text.trimEnd().length)) ? true : undefined,
      widowControl: true,
      pageBreakBefore: plan.newSpeech ? true : undefined,
    });
  });
  const margins = podium ? PODIUM.margins : OFFICIAL.margins;
  // Footer: the number's line starts 7 mm under the text block.
  const footer = podium ? mm(12) : Math.max(0, margins.bottom - mm(7) - OFFICIAL.pageNumberSize * 10 - 60);
  return new Document({
    creator: '讲稿 Jianggao',
    evenAndOddHeaderAndFooters: !podium,
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.body), size },
          paragraph: { spacing },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: A4.width, height: A4.height },
          margin: { ...margins, header: mm(15), footer, gutter: 0 },
        },
        // A line grid of 22 lines; the 28 characters come from the runs' spacing, which Word,
        // WPS and LibreOffice all honour (LibreOffice lays Word's character grid,
        // linesAndChars, out at 20 characters a line).
        grid: podium ? undefined : { type: DocumentGridType.LINES, linePitch: OFFICIAL.linePitch },
      },
      footers: podium
        ? { default: pageNumberFooter('center', PODIUM.timeSize) }
        : { default: pageNumberFooter('right', OFFICIAL.pageNumberSize), even: pageNumberFooter('left', OFFICIAL.pageNumberSize) },
      children: paragraphs,
    }],
  });
}

export async function exportDocx(text: string, options: ExportOptions): Promise<Buffer> {
  const packed = await Packer.toBuffer(buildDocument(text, options));
  return options.layout === 'official' ? titleOffGrid(packed) : packed;
}

/**
 * The title's paragraphs do not snap to the line grid (w:snapToGrid off, which the docx
 * package has no option for): on the grid, 2号 type is given two lines (LibreOffice does so),
 * and the page would hold 21 lines instead of 22.
 */
function titleOffGrid(docx: Buffer): Buffer {
  const files = unzipSync(new Uint8Array(docx));
  const xml = strFromU8(files['word/document.xml']);
  const patched = xml.replace(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g, (p) =>
    p.includes(`w:eastAsia="${FONTS.title}"`) && !p.includes('<w:snapToGrid w:val="0"/><w:spacing') ? p.replace('<w:spacing ', '<w:snapToGrid w:val="0"/><w:spacing ') : p);
  files['word/document.xml'] = strToU8(patched);
  return Buffer.from(zipSync(files));
}
