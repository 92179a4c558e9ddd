// Word documents with a real word processor: LibreOffice (headless) makes the .docx files
// Jianggao reads, opens the ones it writes, and prints them to PDF.
//   - Fixture drafts become OpenDocument text whose heading markers (一、 （一） 1.) are the
//     word processor's automatic numbering; LibreOffice saves them as .docx (its own
//     numbering.xml, style-linked for the outline levels). Jianggao reads them back with the
//     numbers and reports the same findings, at the same places, as on the .speech.
//   - Documents numbered in every format Chinese drafts use, re-saved by LibreOffice: Jianggao
//     renders the numbers as LibreOffice itself prints them (its text export).
//   - Exports (GB/T 9704 and the podium copy), printed to PDF: A4, 22 ± 1 lines of body text
//     per full page, 28 ± 1 characters per full line, `— n —` page numbers right on odd and
//     left on even pages; page 1 of each rendered to test-results/word/*.png. Round trip:
//     LibreOffice's reading of the export is the draft.
//   - Annotated copies open in LibreOffice with one comment per finding, and nothing else
//     changed; an old binary .doc written by LibreOffice is named as one.
//
// LibreOffice, pdfinfo, pdftotext and pdftoppm come from Debian (.ci/run installs them). In CI
// (CI=true) a missing tool fails this suite; elsewhere it is skipped with a message saying so.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { readDocx } from '../../server/src/word/read';
import { annotateDocx } from '../../server/src/word/annotate';
import { exportDocx } from '../../server/src/word/export';
import { buildDocx, convert, findSoffice, lvl, numPr, p, speechToFodt } from '../helpers/word';
import { testWords } from '../helpers/words';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = [path.join(ROOT, 'test/fixtures/drafts'), path.join(ROOT, 'test/fixtures/clean')];
const OUT = path.join(ROOT, 'test-results', 'word');
const BIN = path.join(ROOT, 'bin', 'jianggao.js');

const findings = (text: string) => analyze(text, { words: testWords() }).diagnostics.map((d) => `${d.start}-${d.end} ${d.rule}`);
const squash = (s: string) => s.replace(/[\s\ufeff]+/g, '');

function tool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

describe('Word documents with LibreOffice', function () {
  this.timeout(600000);
  let soffice: string;
  const timings: string[] = [];
  const timed = (what: string, c: { seconds: number; outputs: string[] }) => {
    timings.push(`${what}: ${c.outputs.length} file(s) in ${c.seconds.toFixed(1)} s`);
    return c.outputs;
  };

  before(function () {
    const missing = ['pdfinfo', 'pdftotext', 'pdftoppm'].filter((t) => !tool(t));
    const found = findSoffice();
    if (!found) missing.unshift('soffice');
    if (missing.length) {
      const message = `LibreOffice tests need ${missing.join(', ')} (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk)`;
      // CI installs them (.ci/run): there a missing tool is a failure, never a silent pass.
      if (process.env.CI) throw new Error(`${message}: not installed in CI`);
      process.stdout.write(`\n      SKIPPED: ${message}\n`);
      this.skip();
    }
    soffice = found!;
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(() => {
    if (timings.length) process.stdout.write(`\n      LibreOffice conversions: ${timings.join('; ')}\n`);
  });

  describe('drafts numbered by the word processor', () => {
    const drafts: Array<{ name: string; text: string; fodt: string; numbered: number }> = [];
    let docx: string[] = [];

    before(() => {
      const dir = path.join(OUT, 'numbered');
      fs.mkdirSync(dir, { recursive: true });
      for (const folder of FIXTURES) {
        for (const f of fs.readdirSync(folder).filter((n) => /\.speech$/.test(n)).sort()) {
          const text = fs.readFileSync(path.join(folder, f), 'utf8');
          const made = speechToFodt(text);
          if (!made) continue;
          const name = `${path.basename(folder)}-${f.replace(/\.speech$/, '').replace(/\./g, '-')}`;
          const fodt = path.join(dir, `${name}.fodt`);
          fs.writeFileSync(fodt, made.fodt);
          drafts.push({ name, text: text.replace(/\n$/, ''), fodt, numbered: made.numbered });
        }
      }
      docx = timed('fixture drafts .fodt → .docx', convert(soffice, drafts.map((d) => d.fodt), 'docx:MS Word 2007 XML', dir, 'docx'));
    });

    it('covers drafts with all three numbered levels and with findings', () => {
      assert.ok(drafts.length >= 8, drafts.map((d) => d.name).join());
      assert.ok(drafts.filter((d) => d.numbered > 0).length >= 5);
      assert.ok(drafts.some((d) => /（一）/.test(d.text) && /^1\./m.test(d.text)));
      assert.ok(drafts.filter((d) => findings(d.text).length > 0).length >= 3);
    });

    it('reads each back with its automatic numbers: the same text, the same findings at the same places', () => {
      drafts.forEach((d, i) => {
        const bytes = fs.readFileSync(docx[i]);
        // The numbers really are automatic: no paragraph of the package holds 一、 as text.
        assert.doesNotMatch(unzipText(bytes, 'word/document.xml'), /<w:t[^>]*>[一二三四五六七八九]、/, d.name);
        const r = readDocx(bytes);
        assert.ok(r.ok, d.name);
        assert.equal(r.document.numbered, d.numbered, `${d.name}: numbers rendered`);
        assert.equal(r.document.text, d.text, d.name);
        assert.deepEqual(findings(r.document.text), findings(d.text), d.name);
      });
    });

    it('the CLI names findings by paragraph: the .speech line numbers', () => {
      const d = drafts.find((x) => x.name.endsWith('county-deployment'))!;
      const docxFile = docx[drafts.indexOf(d)];
      const speechFile = path.join(OUT, 'numbered', `${d.name}.speech`);
      fs.writeFileSync(speechFile, d.text);
      const json = (f: string) => (JSON.parse(spawnSync(process.execPath, [BIN, 'check', '--format', 'json', f], { encoding: 'utf8' }).stdout) as Array<{ diagnostics: unknown[] }>)[0].diagnostics;
      const a = json(docxFile);
      const b = json(speechFile);
      assert.ok(a.length >= 4);
      assert.deepEqual(a, b);
    });

    it('annotated copies open in LibreOffice with one comment per finding, and the same text', () => {
      const dir = path.join(OUT, 'annotated');
      fs.mkdirSync(dir, { recursive: true });
      const annotated: Array<{ file: string; count: number; original: string }> = [];
      drafts.forEach((d, i) => {
        const bytes = fs.readFileSync(docx[i]);
        const r = readDocx(bytes);
        assert.ok(r.ok);
        const diags = analyze(r.document.text, { words: testWords() }).diagnostics;
        if (!diags.length) return;
        const file = path.join(dir, `${d.name}.jianggao.docx`);
        fs.writeFileSync(file, annotateDocx(bytes, r.document, diags.map((x) => ({ start: x.start, end: x.end, lines: [x.message, `规则：${x.rule}`] }))));
        annotated.push({ file, count: diags.length, original: docx[i] });
      });
      assert.ok(annotated.length >= 3);
      const fodt = timed('annotated .docx → .fodt', convert(soffice, annotated.map((a) => a.file), 'fodt', dir, 'fodt'));
      const txt = timed('annotated and original .docx → .txt', convert(soffice, [...annotated.map((a) => a.file), ...annotated.map((a) => a.original)], 'txt:Text (encoded):UTF8', dir, 'txt'));
      annotated.forEach((a, i) => {
        const xml = fs.readFileSync(fodt[i], 'utf8');
        const comments = xml.match(/<office:annotation[ >]/g) ?? [];
        assert.equal(comments.length, a.count, path.basename(a.file));
        assert.equal((xml.match(/<dc:creator>讲稿 Jianggao<\/dc:creator>/g) ?? []).length, a.count);
        assert.equal((xml.match(/<office:annotation-end /g) ?? []).length, a.count, 'each comment spans characters');
        // LibreOffice's text export leaves comments out: the annotated copy reads as the original.
        const annotatedText = fs.readFileSync(txt[i], 'utf8');
        const originalText = fs.readFileSync(txt[annotated.length + i], 'utf8');
        assert.equal(squash(annotatedText), squash(originalText));
      });
    });
  });

  describe('every number format, as LibreOffice prints it', () => {
    it('renders chineseCounting, chineseCountingThousand, ideographTraditional, decimalEnclosedCircle, decimalFullWidth and more as LibreOffice does', () => {
      const dir = path.join(OUT, 'formats');
      fs.mkdirSync(dir, { recursive: true });
      const formats: Array<[string, string]> = [
        ['chineseCounting', '%1、'], ['chineseCountingThousand', '（%1）'], ['ideographTraditional', '%1、'], ['decimal', '%1.'],
        ['decimalEnclosedCircle', '%1'], ['decimalFullWidth', '%1．'], ['taiwaneseCountingThousand', '第%1条'], ['upperRoman', '%1.'],
        // (ideographDigital is left out: Word writes 10 digit by digit, 一〇, as Jianggao does;
        // LibreOffice prints 十.)
        ['lowerLetter', '(%1)'], ['chineseLegalSimplified', '%1、'], ['decimalZero', '%1.'],
      ];
      const files = formats.map(([format, text], k) => {
        const numbering = `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>${lvl(0, format, text, '<w:suff w:val="nothing"/>')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
        const body = Array.from({ length: 12 }, (_, i) => p(`第${i + 1}项内容`, numPr(1))).join('');
        const file = path.join(dir, `${k}-${format}.docx`);
        fs.writeFileSync(file, buildDocx({ body, numbering }));
        return file;
      });
      // LibreOffice re-saves each (its own numbering.xml), then prints both to text.
      const resavedDir = path.join(dir, 'resaved');
      fs.mkdirSync(resavedDir, { recursive: true });
      const resaved = timed('numbering formats .docx → .docx', convert(soffice, files, 'docx:MS Word 2007 XML', resavedDir, 'docx'));
      const printed = timed('numbering formats .docx → .txt', convert(soffice, [...files, ...resaved].map((f, i) => {
        const copy = path.join(dir, 'print', `${i}.docx`);
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.copyFileSync(f, copy);
        return copy;
      }), 'txt:Text (encoded):UTF8', path.join(dir, 'print'), 'txt'));
      [...files, ...resaved].forEach((f, i) => {
        const r = readDocx(fs.readFileSync(f));
        assert.ok(r.ok, f);
        const ours = r.document.text.split('\n').map(squash);
        const theirs = fs.readFileSync(printed[i], 'utf8').split('\n').map(squash).filter(Boolean);
        assert.deepEqual(ours, theirs, `${path.basename(f)} (${i < files.length ? 'as built' : 'as LibreOffice saved it'})`);
      });
    });
  });

  describe('exports in the official layout and the podium copy', () => {
    const speeches = ['work-meeting', 'county-deployment'].map((n) => ({ name: n, text: fs.readFileSync(path.join(ROOT, 'test/fixtures/drafts', `${n}.speech`), 'utf8').replace(/\n$/, '') }));
    const pdfs = new Map<string, string>();
    const docs = new Map<string, string>();

    before(async () => {
      const dir = path.join(OUT, 'export');
      fs.mkdirSync(dir, { recursive: true });
      for (const s of speeches) {
        for (const layout of ['official', 'podium'] as const) {
          const file = path.join(dir, `${s.name}.${layout}.docx`);
          fs.writeFileSync(file, await exportDocx(s.text, { layout, lang: 'zh', speakingRate: 200 }));
          docs.set(`${s.name}.${layout}`, file);
        }
      }
      const out = timed('exports .docx → .pdf', convert(soffice, [...docs.values()], 'pdf', dir, 'pdf'));
      [...docs.keys()].forEach((k, i) => pdfs.set(k, out[i]));
      for (const [k, pdf] of pdfs) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT, `${k}-page1`)]);
    });

    it('reads back as the draft, by Jianggao and by LibreOffice', () => {
      const dir = path.join(OUT, 'export');
      const txt = timed('exports .docx → .txt', convert(soffice, speeches.map((s) => docs.get(`${s.name}.official`)!), 'txt:Text (encoded):UTF8', dir, 'txt'));
      speeches.forEach((s, i) => {
        const r = readDocx(fs.readFileSync(docs.get(`${s.name}.official`)!));
        assert.ok(r.ok);
        assert.equal(r.document.text, s.text);
        assert.deepEqual(findings(r.document.text), findings(s.text));
        assert.deepEqual(fs.readFileSync(txt[i], 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean), s.text.split('\n').map((l) => l.trim()).filter(Boolean));
      });
    });

    it('official: A4, 22 ± 1 lines per full page, 28 ± 1 characters per full line, — n — right on odd pages and left on even ones', () => {
      for (const s of speeches) {
        const pdf = pdfs.get(`${s.name}.official`)!;
        const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
        assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
        const pages = pageTexts(pdf);
        assert.ok(pages.length >= (s.name === 'work-meeting' ? 3 : 1), `${s.name}: ${pages.length} pages`);
        pages.forEach((page, i) => {
          const { body, number } = splitPage(page);
          assert.ok(number, `${s.name} page ${i + 1} has its number: ${JSON.stringify(page.slice(-3))}`);
          assert.match(number!.trim(), new RegExp(`^—\\s*${i + 1}\\s*—$`));
          const [left, right] = numberBox(pdf, i + 1);
          if ((i + 1) % 2) assert.ok(left > A4_WIDTH / 2 && right > 480, `odd page ${i + 1}: number on the right (${left}–${right} pt)`);
          else assert.ok(right < A4_WIDTH / 2 && left < 120, `even page ${i + 1}: number on the left (${left}–${right} pt)`);
          if (i < pages.length - 1) {
            // Page 1 spends one line on the space under the title.
            const lines = body.filter((l) => l.trim()).length + (i === 0 ? 1 : 0);
            assert.ok(Math.abs(lines - 22) <= 1, `${s.name} page ${i + 1}: ${lines} lines`);
          }
        });
        const widths = fullLineWidths(pages.map((pg) => splitPage(pg).body));
        assert.ok(widths.length >= 5, `${s.name}: ${widths.length} full lines`);
        for (const w of widths) assert.ok(Math.abs(w - 28) <= 1, `${s.name}: a full line of ${w} characters (${widths.join(' ')})`);
      }
    });

    it('podium: large type and wide spacing, no paragraph split over a page, speaking time at each heading, page numbers', () => {
      const pdf = pdfs.get('work-meeting.podium')!;
      const pages = pageTexts(pdf);
      assert.ok(pages.length > pageTexts(pdfs.get('work-meeting.official')!).length, 'more pages than the official layout');
      const all = pages.join('\n');
      for (const heading of ['一、充分肯定成绩', '二、突出工作重点', '三、加强组织领导']) {
        assert.match(squash(all), new RegExp(`${heading}[^（]*（约(\\d+分钟|\\d+分\\d+秒|\\d+秒)）`), heading);
      }
      pages.forEach((page, i) => {
        const { body, number } = splitPage(page);
        assert.match(number?.trim() ?? '', new RegExp(`^—\\s*${i + 1}\\s*—$`));
        const lines = body.filter((l) => l.trim());
        assert.ok(lines.length <= 16, `page ${i + 1}: ${lines.length} lines: wide spacing`);
        // The next page starts a paragraph (indented), never the rest of one.
        if (i > 0) assert.match(lines[0], /^\s{2,}\S/, `page ${i + 1} starts with a paragraph's first line: ${lines[0]}`);
      });
      const widths = fullLineWidths(pages.map((pg) => splitPage(pg).body));
      assert.ok(widths.length && widths.every((w) => w <= 21), `large type: ${widths.join(' ')}`);
    });

    it('page 1 of each export is rendered to test-results/word/', () => {
      for (const k of pdfs.keys()) {
        const png = path.join(OUT, `${k}-page1.png`);
        assert.ok(fs.statSync(png).size > 5000, png);
      }
    });
  });

  it('an old binary .doc written by LibreOffice is named as one, with what to do', () => {
    const dir = path.join(OUT, 'doc');
    fs.mkdirSync(dir, { recursive: true });
    const source = path.join(dir, 'old-draft.docx');
    fs.writeFileSync(source, buildDocx({ body: p('在全市工作会议上的讲话') + p('同志们：') }));
    const [doc] = timed('.docx → .doc', convert(soffice, [source], 'doc:MS Word 97', dir, 'doc'));
    const r = spawnSync(process.execPath, [BIN, 'check', doc], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^jianggao: .*old-draft\.doc: 旧版 Word 二进制格式（\.doc），无法读取：请在 Word 或 WPS 中另存为 \.docx 后再检查\n$/);
  });
});

function unzipText(buf: Buffer, name: string): string {
  const { unzipSync, strFromU8 } = require('fflate') as typeof import('fflate');
  return strFromU8(unzipSync(new Uint8Array(buf), { filter: (f) => f.name === name })[name]);
}

const A4_WIDTH = 595.3;

/** Left and right edge (pt) of the page-number words at the foot of page `n` (pdftotext -bbox). */
function numberBox(pdf: string, n: number): [number, number] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
    .map((m) => ({ left: Number(m[1]), top: Number(m[2]), right: Number(m[3]), text: m[4] }))
    .filter((w) => w.top > 760 && /^[—\d]+$/.test(w.text));
  assert.ok(words.length, `page ${n}: no page number at its foot`);
  return [Math.min(...words.map((w) => w.left)), Math.max(...words.map((w) => w.right))];
}

function pageTexts(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((pg) => pg.trim());
}

/** A page's body lines and its page-number line (the last line that is only `— n —`). */
function splitPage(page: string): { body: string[]; number?: string } {
  const lines = page.split('\n');
  const at = lines.map((l) => /^\s*—\s*\d+\s*—\s*$/.test(l)).lastIndexOf(true);
  return at < 0 ? { body: lines } : { body: lines.slice(0, at), number: lines[at] };
}

/**
 * Widths of the full lines that are Chinese text alone: lines of a paragraph that the next
 * line continues (it is not indented; a first line's indent counts), with no half-width character (LibreOffice spaces
 * Latin text apart from Chinese, so such a line holds fewer characters by design).
 */
function fullLineWidths(pages: string[][]): number[] {
  const widths: number[] = [];
  for (const body of pages) {
    const lines = body.filter((l) => l.trim());
    for (let i = 0; i + 1 < lines.length; i++) {
      if (/^\s{2,}/.test(lines[i + 1])) continue;
      const chars = [...lines[i].trim().replace(/\s+/g, '')];
      if (chars.some((c) => c.charCodeAt(0) < 0x2000)) continue;
      // A paragraph's first line starts two characters in.
      widths.push(chars.length + (/^\s{2,}/.test(lines[i]) ? 2 : 0));
    }
  }
  return widths;
}
