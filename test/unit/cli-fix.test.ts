// The CLI's own words and its writes: `check --fix` writes fix-all's result back (as
// markdownlint-cli2 --fix does), in the file's encoding and line breaks, applies only the
// mechanical fixes, and reports what is left; file problems are said in Chinese under --lang zh
// (the default), with advice for Word documents and PDFs; a directory's .txt drafts are checked
// when they read like a speech; an ignore in .jianggao.json silences just its finding.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'jianggao.js');

/** A draft pasted from Word: half-width marks, a doubled full stop, a Kangxi 一, a no-break space; and a gap in its numbering. */
const PASTED = [
  '在全市安全生产工作会议上的讲话',
  '同志们: 今天召开全市安全生产工作会议,主要任务是总结去年工作。。',
  '一、充分肯定成绩',
  '前⼀阶段，全市安全生产形势\u00a0总体平稳，全年发生事故X起。',
  '三、明确今年任务',
  '要压实各方责任，坚决遏制重特大事故发生。',
  '同志们，让我们共同努力，奋力开创安全生产工作新局面!',
  '',
].join('\r\n');

interface Run { status: number | null; stdout: string; stderr: string; lines: string[] }

describe('jianggao check --fix, the CLI in Chinese, .txt drafts, ignores', function () {
  this.timeout(60000);
  let dir: string;
  const run = (args: string[]): Run => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 30000, env: { ...process.env, JIANGGAO_LANG: '' } });
    assert.doesNotMatch(r.stderr, /^\s+at |node:internal|TypeError/m, r.stderr);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter(Boolean) };
  };
  const write = (name: string, data: string | Buffer) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return name;
  };
  const read = (name: string) => fs.readFileSync(path.join(dir, name));
  const rules = (r: Run) => (JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ rule: string }> }>).flatMap((f) => f.diagnostics.map((d) => d.rule));

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-fix-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--fix writes the mechanical fixes back, keeps CRLF, leaves the content decisions, reports what is left', () => {
    write('draft.speech', PASTED);
    const r = run(['check', '--fix', '--format', 'json', 'draft.speech']);
    const fixed = read('draft.speech').toString('utf8');
    assert.equal(fixed, [
      '在全市安全生产工作会议上的讲话',
      '同志们：',
      '今天召开全市安全生产工作会议，主要任务是总结去年工作。',
      '一、充分肯定成绩',
      '前一阶段，全市安全生产形势 总体平稳，全年发生事故X起。',
      // The gap (三、 after 一、) may be a missing part: renumbering is the writer's decision.
      '三、明确今年任务',
      '要压实各方责任，坚决遏制重特大事故发生。',
      '同志们，让我们共同努力，奋力开创安全生产工作新局面！',
      '',
    ].join('\r\n'));
    assert.deepEqual(r.lines, ['jianggao: draft.speech: 已修复 7 处并写回']);
    // What is left is reported, and decides the exit code.
    assert.deepEqual(rules(r).sort(), ['numbering-gap', 'placeholder']);
    assert.equal(r.status, 1);
    // A second run has nothing left to fix: fix-all converged in one pass.
    const again = run(['check', '--fix', '--format', 'json', 'draft.speech']);
    assert.deepEqual(again.lines, []);
    assert.equal(read('draft.speech').toString('utf8'), fixed);
  });

  it('--fix keeps a UTF-8 BOM and UTF-16; a GB18030 file is not written, and says why', () => {
    write('bom.speech', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PASTED)]));
    write('le.speech', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PASTED, 'utf16le')]));
    write('gbk.speech', gbk(PASTED.replace(/⼀/g, '一').replace(/\u00a0/g, ' ')));
    const before = read('gbk.speech');
    const r = run(['check', '--fix', 'bom.speech', 'le.speech', 'gbk.speech']);
    assert.deepEqual(read('bom.speech').subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]));
    assert.match(read('bom.speech').subarray(3).toString('utf8'), /^在全市安全生产工作会议上的讲话\r\n同志们：\r\n/);
    assert.deepEqual(read('le.speech').subarray(0, 2), Buffer.from([0xff, 0xfe]));
    assert.match(read('le.speech').subarray(2).toString('utf16le'), /同志们：\r\n今天召开/);
    assert.deepEqual(read('gbk.speech'), before, 'a GB18030 file is never rewritten');
    assert.ok(r.lines.includes('jianggao: gbk.speech: 不是 UTF-8，已按 GB18030/GBK 解码（建议另存为 UTF-8）'), r.stderr);
    assert.ok(r.lines.some((l) => /^jianggao: gbk\.speech: 已找到 \d+ 处可自动修复的问题，但文件是 GB18030 编码，未写回/.test(l)), r.stderr);
  });

  it('file problems in Chinese by default, in English under --lang en, with advice for Word documents and PDFs', () => {
    // An OLE compound file holding a WordDocument stream: what Word 97–2003 writes.
    write('old.doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600), Buffer.from('WordDocument', 'utf16le'), Buffer.alloc(100)]));
    write('new.docx', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(600, 7)]));
    write('scan.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(600)]));
    write('junk.speech', Buffer.alloc(600));
    fs.mkdirSync(path.join(dir, 'empty'));
    const zh: Array<[string, string]> = [
      ['old.doc', 'jianggao: old.doc: 旧版 Word 二进制格式（.doc），无法读取：请在 Word 或 WPS 中另存为 .docx 后再检查'],
      ['new.docx', 'jianggao: new.docx: 文档已损坏（no end of central directory）：未检查；请在 Word 中打开并另存后再试'],
      ['scan.pdf', 'jianggao: scan.pdf: 是 PDF 文件，无法检查，已跳过：请把文字复制到 .txt 或 .speech 文件中再检查（粘贴带来的怪字符会被“粘贴字符”规则找出）'],
      ['junk.speech', 'jianggao: junk.speech: 是二进制文件，不是文本，已跳过'],
      ['missing.speech', 'jianggao: missing.speech: 没有这个文件或目录'],
      ['empty', 'jianggao: empty: 目录中没有讲话稿文件（*.speech、*.speech.txt、*.speech.md、Word 文档 *.docx，或内容像讲话稿的 .txt）'],
    ];
    for (const [file, line] of zh) {
      const r = run(['check', file]);
      assert.equal(r.status, 2, file);
      assert.deepEqual(r.lines, [line]);
    }
    assert.deepEqual(run(['check', '--lang', 'en', 'old.doc']).lines, ['jianggao: old.doc: an old binary Word document (.doc), cannot be read: save it as .docx in Word or WPS and check again']);
    assert.deepEqual(run(['outline', 'junk.speech']).lines, ['jianggao: junk.speech: 是二进制文件，不是文本，已跳过']);
  });

  it('a directory: .txt files that read like a speech are checked with the speech files, other .txt files are not', () => {
    write('drafts/2024.speech', PASTED);
    write('drafts/old-draft.txt', PASTED.replace(/\r\n/g, '\n') + '各级各部门要切实履行安全生产职责，把各项措施落到实处，确保全市安全生产形势持续稳定向好。'.repeat(4) + '\n');
    write('drafts/notes.txt', '会议准备事项\n1. 会场布置由办公室负责。\n2. 材料印制周五前完成。\n3. 参会人员名单报送组织部。\n'.repeat(10));
    write('drafts/todo.txt', 'Buy paper, print the agenda, book the room.\n'.repeat(20));
    const r = run(['check', '--format', 'json', 'drafts']);
    const files = (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file).sort();
    assert.deepEqual(files, ['drafts/2024.speech', 'drafts/old-draft.txt']);
  });

  it('an ignore in .jianggao.json silences that one finding and no other, in the file it names', () => {
    const draft = [
      '在全市工作会议上的讲话',
      '同志们：',
      '今天召开全市工作会议，××同志作了报告。下面，我讲两点意见。',
      '一、充分肯定成绩',
      '全年新增就业X多万人，××同志所在单位表现突出。',
      '二、明确今年任务',
      '要抓好落实。',
      '谢谢大家！',
      '',
    ].join('\n');
    write('a/one.speech', draft);
    write('a/two.speech', draft);
    write('a/.jianggao.json', JSON.stringify({ ignores: [{ rule: 'placeholder', text: '××', before: '全市工作会议，', after: '同志作了报告', file: 'one.speech' }] }));
    const r = run(['check', '--format', 'json', 'a/one.speech', 'a/two.speech']);
    const [one, two] = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<{ rule: string; line: number }> }>;
    const placeholders = (f: typeof one) => f.diagnostics.filter((d) => d.rule === 'placeholder').map((d) => d.line);
    assert.deepEqual(placeholders(one), [5, 5], 'the other ×× and the X of the same draft are still reported');
    assert.deepEqual(placeholders(two), [3, 5, 5], 'the entry names one.speech only');
    assert.equal(r.lines.filter((l) => /ignores/.test(l)).length, 0, r.stderr);
    // A broken entry is said, never silently dropped.
    write('a/.jianggao.json', JSON.stringify({ ignores: [{ rule: 'no-such-rule', text: 'x' }, { text: 'x' }] }));
    const bad = run(['check', 'a/one.speech']);
    assert.ok(bad.lines.some((l) => /ignores\[0\]\.rule: 没有名为“no-such-rule”的规则/.test(l)), bad.stderr);
    assert.ok(bad.lines.some((l) => /ignores\[1\]: 需要字符串 "rule" 和 "text"/.test(l)), bad.stderr);
    // In English when asked.
    const en = run(['check', '--lang', 'en', 'a/one.speech']);
    assert.ok(en.lines.some((l) => /ignores\[0\]\.rule: unknown rule id "no-such-rule"/.test(l)), en.stderr);
  });
});

/** GBK bytes of a text (Node has no GBK encoder: the bytes come from TextDecoder's table). */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      assert.ok(bytes, `no GBK bytes for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
