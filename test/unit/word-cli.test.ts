// `jianggao check|outline|export` with Word documents, end to end through bin/jianggao.js:
// good documents checked with findings named by paragraph, annotated copies written beside
// them (the original untouched), and bad documents (not a zip, a zip of something else, a
// password-protected package, an old .doc, a zip bomb, XML with a DOCTYPE, 100,000
// paragraphs) each answered with one line in the CLI's language, no crash, no hang.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { readDocx } from '../../server/src/word/read';
import { annotateDocx } from '../../server/src/word/annotate';
import { buildDocx, p, numPr, lvl, W_NS } from '../helpers/word';
import { SAMPLE_WITH_GAP } from '../helpers/sample';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'jianggao.js');

interface Run { status: number | null; stdout: string; stderr: string; lines: string[] }

const NUMBERING = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;

/**
 * SAMPLE_WITH_GAP in Word: 一、 and 二、 numbered by Word, the 四、 after them typed by hand
 * (automatic numbering cannot skip a number; a typed one can).
 */
function sampleDocx(): Buffer {
  let next = 0;
  const body = SAMPLE_WITH_GAP.split('\n').map((line) => {
    const m = /^([一二三四五六七八九十])、/.exec(line);
    if (m && '一二三四五六七八九十'.indexOf(m[1]) === next) {
      next++;
      return p(line.slice(m[0].length), numPr(1, 0));
    }
    return p(line);
  }).join('');
  return buildDocx({ body, numbering: NUMBERING });
}

/** A compound file (OLE) holding the named streams: what encrypted .docx and .doc files are. */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const dir = Buffer.alloc(512);
  ['Root Entry', ...streams].forEach((name, i) => {
    const n = Buffer.from(name + '\0', 'utf16le');
    n.copy(dir, i * 128);
    dir.writeUInt16LE(n.length, i * 128 + 64);
    dir[i * 128 + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, dir, crypto.randomBytes(1024)]);
}

describe('jianggao and Word documents', function () {
  this.timeout(180000);
  let dir: string;
  const run = (args: string[]): Run => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 90000, maxBuffer: 256 * 1024 * 1024 });
    assert.notEqual(r.signal, 'SIGTERM', `jianggao ${args.join(' ')} did not finish within 90 s`);
    assert.doesNotMatch(r.stderr, /^\s+at |node:internal|Error:|TypeError|RangeError/m, r.stderr);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter(Boolean) };
  };
  const write = (name: string, data: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), data);
    return name;
  };
  const sha = (name: string) => crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-word-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('a good document', () => {
    it('is checked with Word\'s numbers: the same findings as the .speech, lines being paragraph numbers', () => {
      write('sample.docx', sampleDocx());
      write('sample.speech', SAMPLE_WITH_GAP);
      const onDocx = run(['check', '--format', 'json', 'sample.docx']);
      const onSpeech = run(['check', '--format', 'json', 'sample.speech']);
      assert.equal(onDocx.status, 1);
      const shape = (r: Run) => (JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string; line: number; column: number; endLine: number; endColumn: number; message: string }> }>)[0].diagnostics;
      const docx = shape(onDocx);
      assert.deepEqual(docx, shape(onSpeech));
      assert.ok(docx.some((d) => d.rule === 'numbering-gap' && d.line === 8), JSON.stringify(docx));
      assert.ok(docx.some((d) => d.rule === 'placeholder' && d.line === 3));
    });

    it('text output names the paragraph; outline shows Word\'s numbers', () => {
      const text = run(['check', 'sample.docx']);
      assert.match(text.stdout, /^sample\.docx:8:1 {2}warning {2}.*numbering-gap$/m);
      const outline = run(['outline', 'sample.docx']);
      assert.equal(outline.status, 0);
      assert.match(outline.stdout, /^ {4}4 {2}一、提高认识/m);
      assert.match(outline.stdout, /^ {4}8 {2}四、强化督查/m);
    });

    it('--annotate writes draft.jianggao.docx with one comment per finding on its characters; the original is untouched', () => {
      const before = sha('sample.docx');
      const r = run(['check', '--annotate', '--format', 'json', 'sample.docx']);
      const findings = (JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string; message: string }> }>)[0].diagnostics;
      assert.equal(sha('sample.docx'), before, 'the original is never modified');
      assert.ok(r.lines.some((l) => /已写出 .*sample\.jianggao\.docx（\d+ 条批注）/.test(l)), r.stderr);
      const copy = fs.readFileSync(path.join(dir, 'sample.jianggao.docx'));
      const reread = readDocx(copy);
      assert.ok(reread.ok);
      assert.equal(reread.document.text, (readDocx(fs.readFileSync(path.join(dir, 'sample.docx'))) as { document: { text: string } }).document.text, 'comments change no text');
      const entries = zipEntries(copy);
      const comments = entries['word/comments.xml'];
      assert.ok(comments, 'a comments part');
      const bodies = [...comments.matchAll(/<w:comment [^>]*w:author="讲稿 Jianggao"[^>]*>([\s\S]*?)<\/w:comment>/g)].map((m) => m[1].replace(/<[^>]+>/g, '|'));
      assert.equal(bodies.length, findings.length);
      for (const f of findings) assert.ok(bodies.some((b) => b.includes(f.message) && b.includes(`规则：${f.rule}`)), `${f.rule} has its comment`);
      const doc = entries['word/document.xml'];
      for (const tag of ['commentRangeStart', 'commentRangeEnd', 'commentReference']) assert.equal((doc.match(new RegExp(`<w:${tag} `, 'g')) ?? []).length, findings.length, tag);
      // The placeholder's comment is on XX alone: the range holds exactly those characters.
      const placeholder = /<w:commentRangeStart w:id="(\d+)"\/>([\s\S]*?)<w:commentRangeEnd w:id="\1"\/>/g;
      const covered = [...doc.matchAll(placeholder)].map((m) => m[2].replace(/<[^>]+>/g, ''));
      assert.ok(covered.includes('XX'), JSON.stringify(covered));
      assert.match(entries['[Content_Types].xml'], /PartName="\/word\/comments\.xml"/);
      assert.match(entries['word/_rels/document.xml.rels'], /relationships\/comments" Target="comments\.xml"/);
      // Checking the annotated copy gives the same findings.
      const again = run(['check', '--format', 'json', 'sample.jianggao.docx']);
      assert.deepEqual(JSON.parse(again.stdout)[0].diagnostics, findings);
    });

    it('an annotated copy keeps the comments already there, and numbers its own after them', () => {
      const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
      const body = `<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>要要抓落实。</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>`;
      const docx = buildDocx({ body, extra: {
        'word/comments.xml': `<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="${W}"><w:comment w:id="7" w:author="审稿人"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment></w:comments>`,
        'word/_rels/document.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
      } });
      const read = readDocx(docx);
      assert.ok(read.ok);
      const copy = annotateDocx(docx, read.document, [{ start: 0, end: 2, lines: ['重复的字'] }]);
      const entries = zipEntries(copy);
      const ids = [...entries['word/comments.xml'].matchAll(/<w:comment w:id="(\d+)" w:author="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
      assert.deepEqual(ids, ['7 审稿人', '8 讲稿 Jianggao']);
      assert.equal((entries['word/_rels/document.xml.rels'].match(/relationships\/comments"/g) ?? []).length, 1);
      assert.match(entries['word/document.xml'], /<w:commentRangeStart w:id="8"\/><w:r><w:t xml:space="preserve">要要<\/w:t><\/w:r><w:commentRangeEnd w:id="8"\/>/);
    });

    it('--annotate on a .speech says it writes nothing', () => {
      const r = run(['check', '--annotate', '--lang', 'en', 'sample.speech']);
      assert.ok(r.lines.some((l) => /--annotate applies to Word documents \(\.docx\) only/.test(l)));
      assert.ok(!fs.existsSync(path.join(dir, 'sample.jianggao.docx.speech')));
    });

    it('export writes the .docx; read back it is the same text with the same findings', () => {
      const r = run(['export', 'sample.speech', '-o', 'exported.docx']);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.lines.some((l) => /已写出 exported\.docx/.test(l)));
      const back = readDocx(fs.readFileSync(path.join(dir, 'exported.docx')));
      assert.ok(back.ok);
      assert.equal(back.document.text, SAMPLE_WITH_GAP);
      assert.deepEqual(JSON.parse(run(['check', '--format', 'json', 'exported.docx']).stdout)[0].diagnostics, JSON.parse(run(['check', '--format', 'json', 'sample.speech']).stdout)[0].diagnostics);
      const same = run(['export', 'sample.speech', '-o', 'sample.speech']);
      assert.equal(same.status, 2);
      assert.equal(fs.readFileSync(path.join(dir, 'sample.speech'), 'utf8'), SAMPLE_WITH_GAP);
      const podium = run(['export', '--podium', 'sample.speech']);
      assert.equal(podium.status, 0, podium.stderr);
      assert.ok(fs.existsSync(path.join(dir, 'sample.podium.docx')));
    });
  });

  describe('bad documents', () => {
    const cases: Array<{ name: string; make: () => Buffer; zh: RegExp; en: RegExp }> = [
      { name: 'random.docx', make: () => crypto.randomBytes(4096), zh: /不是 Word 文档（\.docx 应是 zip 压缩包/, en: /not a Word document \(a \.docx is a zip package/ },
      { name: 'text.docx', make: () => Buffer.from('在全市工作会议上的讲话\n同志们：\n'), zh: /不是 Word 文档/, en: /not a Word document/ },
      { name: 'other.docx', make: () => Buffer.from(zipSync({ 'notes.txt': strToU8('hello') })), zh: /是 zip 压缩包，但不是 Word 文档/, en: /a zip package but not a Word document/ },
      { name: 'sheet.docx', make: () => Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') })), zh: /是 Excel 文件/, en: /an Excel file/ },
      { name: 'locked.docx', make: () => compoundFile(['EncryptionInfo', 'EncryptedPackage']), zh: /设有打开密码.*取消密码/, en: /password-protected .*remove the password/ },
      { name: 'old.doc', make: () => compoundFile(['WordDocument', '1Table', 'SummaryInformation']), zh: /旧版 Word 二进制格式（\.doc）.*另存为 \.docx/, en: /old binary Word document \(\.doc\).*save it as \.docx/ },
      { name: 'cut.docx', make: () => sampleDocx().subarray(0, 900), zh: /文档已损坏/, en: /damaged document/ },
      {
        name: 'bomb.docx',
        make: () => {
          // 256 MB of XML inflating from a few hundred KB, its header claiming 1 KB.
          const huge = Buffer.alloc(256 * 1024 * 1024, '<w:p><w:r><w:t>炸</w:t></w:r></w:p>');
          const z = lyingZip('word/document.xml', zlib.deflateRawSync(huge, { level: 9 }), 1024);
          return z;
        },
        zh: /解压后超过 64 MB（可能是压缩炸弹）/, en: /inflates to more than 64 MB \(a zip bomb\?\)/,
      },
      {
        name: 'xxe.docx',
        make: () => buildDocx({ body: '', documentXml: `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${path.join(dir, 'secret.txt')}">]><w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>` }),
        zh: /含有 DOCTYPE 或实体声明.*为安全起见未读取/, en: /DOCTYPE or entity declaration .*not read, for safety/,
      },
      {
        name: 'laughs.docx',
        make: () => buildDocx({ body: '', documentXml: `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>` }),
        zh: /含有 DOCTYPE 或实体声明/, en: /DOCTYPE or entity declaration/,
      },
    ];

    before(() => {
      fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
      for (const c of cases) write(c.name, c.make());
    });

    for (const c of cases) {
      it(`${c.name}: one line in Chinese and in English, exit 2, nothing written`, () => {
        for (const [lang, re] of [['zh', c.zh], ['en', c.en]] as const) {
          const r = run(['check', '--lang', lang, c.name]);
          assert.equal(r.status, 2, r.stderr);
          assert.equal(r.stdout, '');
          assert.equal(r.lines.length, 1, r.stderr);
          assert.match(r.lines[0], new RegExp(`^jianggao: ${c.name.replace('.', '\\.')}: `));
          assert.match(r.lines[0], re);
          assert.doesNotMatch(r.stderr, /TOP-SECRET/);
        }
        const annotated = run(['check', '--annotate', c.name]);
        assert.equal(annotated.status, 2);
        assert.ok(!fs.readdirSync(dir).some((f) => f.startsWith(path.basename(c.name, path.extname(c.name)) + '.jianggao')), 'no annotated copy of a document that was not read');
      });
    }

    it('a directory: good documents and drafts checked, each bad one named once, lock files and annotated copies passed over', () => {
      const sub = path.join(dir, 'folder');
      fs.mkdirSync(sub);
      fs.writeFileSync(path.join(sub, 'good.docx'), sampleDocx());
      fs.writeFileSync(path.join(sub, 'good.jianggao.docx'), sampleDocx());
      fs.writeFileSync(path.join(sub, '~$good.docx'), crypto.randomBytes(162));
      fs.writeFileSync(path.join(sub, 'old.doc'), compoundFile(['WordDocument']));
      fs.writeFileSync(path.join(sub, 'draft.speech'), SAMPLE_WITH_GAP);
      const r = run(['check', '--format', 'json', 'folder']);
      assert.equal(r.status, 1);
      assert.deepEqual((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => path.basename(f.file)).sort(), ['draft.speech', 'good.docx']);
      assert.equal(r.lines.filter((l) => /old\.doc: 旧版 Word/.test(l)).length, 1);
      assert.doesNotMatch(r.stderr, /~\$good|good\.jianggao/);
    });

    it('100,000 paragraphs are read and checked; past the size cap, one line says so', () => {
      const many = Array.from({ length: 100000 }, (_, i) => p(i % 2 ? '要抓落实。' : '')).join('');
      write('many.docx', buildDocx({ body: p('在全市工作会议上的讲话') + p('同志们：') + many }));
      const t0 = Date.now();
      const r = run(['check', '--format', 'json', 'many.docx']);
      const seconds = (Date.now() - t0) / 1000;
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const report = JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ line: number }> }>;
      assert.ok(report[0].diagnostics.every((d) => d.line >= 1 && d.line <= 100002));
      process.stdout.write(`      (100,000 paragraphs checked in ${seconds.toFixed(1)} s)\n`);
      const long = Array.from({ length: 100000 }, () => p('今天召开全市安全生产工作会议，主要任务是总结工作。')).join('');
      write('long.docx', buildDocx({ body: long }));
      const over = run(['check', '--lang', 'en', 'long.docx']);
      assert.equal(over.status, 2);
      assert.equal(over.lines.length, 1);
      assert.match(over.lines[0], /of text, over the 2\.0 MB limit \(maxFileSize in \.jianggao\.json\): not checked/);
    });
  });
});

/** A zip of one deflated entry whose headers declare `declared` bytes. */
function lyingZip(name: string, deflated: Buffer, declared: number): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, deflated, central, n, end]);
}

function zipEntries(buf: Buffer): Record<string, string> {
  const { unzipSync, strFromU8 } = require('fflate') as typeof import('fflate');
  const files = unzipSync(new Uint8Array(buf));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}
