// The CLI tells the truth about hostile input, end to end: `bin/jianggao.js` is spawned on
// files generated in a temp dir (random bytes, broken UTF-8, GBK, GB18030, Big5, UTF-16,
// huge and pathological drafts, directories, missing files, a FIFO). Whatever it gets: no
// crash, no stack trace, no hang; every file is either checked or named on one stderr line;
// stdout is valid JSON (SARIF) whenever the exit code is 0 or 1; 2 only when nothing could be
// checked.
import assert from 'node:assert/strict';
import { spawnSync, spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { SAMPLE_WITH_GAP } from '../helpers/sample';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'jianggao.js');

const DRAFT = SAMPLE_WITH_GAP;

interface Run { status: number | null; stdout: string; stderr: string; lines: string[] }

/** What the JSON contract (issue 2) promises, checked field by field. */
interface FileReport { file: string; diagnostics: Array<{ rule: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string }> }

describe('jianggao check on hostile input', function () {
  this.timeout(120000);
  let dir: string;
  // The English wording of every line is asserted here (--lang en unless a test says which);
  // test/unit/cli-fix.test.ts holds the Chinese lines and --fix.
  const run = (args: string[], opts: { cwd?: string; lang?: 'zh' | 'en' } = {}): Run => {
    if (['check', 'outline'].includes(args[0]) && !args.some((a) => a.startsWith('--lang'))) args = [...args, '--lang', opts.lang ?? 'en'];
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? dir, encoding: 'utf8', timeout: 60000, maxBuffer: 256 * 1024 * 1024 });
    assert.notEqual(r.signal, 'SIGTERM', `jianggao ${args.join(' ')} did not finish within 60 s`);
    const lines = r.stderr.split('\n').filter(Boolean);
    // Never a stack trace or a raw Node error, whatever happened.
    assert.doesNotMatch(r.stderr, /^\s+at |node:internal|Error:|TypeError|RangeError/m, r.stderr);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines };
  };
  /** JSON output: valid, the contract's shape exactly, 1-based positions. */
  const json = (r: Run): FileReport[] => {
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    const reports = JSON.parse(r.stdout) as FileReport[];
    assert.ok(Array.isArray(reports));
    for (const f of reports) {
      assert.deepEqual(Object.keys(f), ['file', 'diagnostics']);
      for (const d of f.diagnostics) {
        assert.deepEqual(Object.keys(d), ['rule', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message']);
        assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
        assert.ok(d.line >= 1 && d.column >= 1 && (d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column)), JSON.stringify(d));
      }
    }
    const warnings = reports.some((f) => f.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'));
    assert.equal(r.status, warnings ? 1 : 0, 'exit 1 exactly when there are warnings or errors');
    return reports;
  };
  const write = (name: string, data: string | Buffer) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return name;
  };
  const findings = (reports: FileReport[]) => reports[0].diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.rule}`);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-cli-'));
    write('good.speech', DRAFT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a readable draft: the JSON contract, exit 1 for warnings', () => {
    const reports = json(run(['check', '--format', 'json', 'good.speech']));
    assert.equal(reports[0].file, 'good.speech');
    assert.ok(findings(reports).includes('3:5-3:7 placeholder'), findings(reports).join('\n'));
  });

  it('random bytes, broken UTF-8, Big5, a FIFO, a missing file, an empty directory: one line each, exit 2 when nothing could be checked', () => {
    write('random.speech', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    // A truncated character (E5 8F, two bytes of three) inside line 3.
    const at = Buffer.byteLength(DRAFT.slice(0, 25));
    const broken = Buffer.from(DRAFT, 'utf8');
    write('broken-utf8.speech', Buffer.concat([broken.subarray(0, at), Buffer.from([0xe5, 0x8f]), broken.subarray(at)]));
    write('big5.speech', Buffer.from('a4b5a4d1a56cb67da5fea5aba475a740b77cc4b3a141a455adb1a7dac1bfa454c249b74ea8a3a143'.repeat(20), 'hex')); // 今天召開全市工作會議，… in Big5
    fs.mkdirSync(path.join(dir, 'empty'), { recursive: true });
    if (!fs.existsSync(path.join(dir, 'pipe.speech'))) execFileSync('mkfifo', [path.join(dir, 'pipe.speech')]);
    const cases: Array<[string, RegExp]> = [
      ['random.speech', /^jianggao: random\.speech: a binary file, not text \(skipped\)$/],
      ['broken-utf8.speech', new RegExp(`^jianggao: broken-utf8\\.speech: not valid UTF-8: broken bytes from line 3 \\(byte ${Buffer.byteLength(DRAFT.slice(0, 25))}\\) on \\(skipped\\)`)],
      ['big5.speech', /^jianggao: big5\.speech: neither UTF-8 nor GBK\/GB18030 text/],
      ['pipe.speech', /^jianggao: pipe\.speech: not a regular file \(skipped\)$/],
      ['missing.speech', /^jianggao: missing\.speech: no such file or directory$/],
      ['good.speech/inside', /^jianggao: good\.speech\/inside: cannot read \(ENOTDIR\)$/],
      ['empty', /^jianggao: empty: a directory with no speech files/],
    ];
    for (const [file, line] of cases) {
      const r = run(['check', '--format', 'json', file]);
      assert.equal(r.status, 2, `${file}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.lines.length, 1, r.stderr);
      assert.match(r.lines[0], line);
    }
  });

  it('a file that cannot be read is named and skipped', () => {
    // Root reads files whatever their mode, so as root the unreadable file is /proc/self/mem
    // (a regular file whose read fails with EIO); as anyone else, a file with mode 000.
    if (process.getuid?.() === 0) {
      const r = run(['check', '--format', 'json', '/proc/self/mem']);
      assert.equal(r.status, 2);
      assert.deepEqual(r.lines, ['jianggao: /proc/self/mem: cannot read (EIO)']);
      return;
    }
    write('secret.speech', DRAFT);
    fs.chmodSync(path.join(dir, 'secret.speech'), 0o000);
    const r = run(['check', '--format', 'json', 'secret.speech']);
    assert.equal(r.status, 2);
    assert.deepEqual(r.lines, ['jianggao: secret.speech: cannot read (EACCES)']);
  });

  it('GBK, GB18030, UTF-16 (with or without a BOM) and a UTF-8 BOM: decoded, with the same findings as plain UTF-8', () => {
    write('gbk.speech', new TextEncoderGb().encode(DRAFT));
    // GB18030 proper: 𠀀 is a four-byte sequence; it shifts the placeholder by two UTF-16 columns.
    write('gb18030.speech', new TextEncoderGb().encode(DRAFT.replace('XX', '𠀀XX')));
    const le = Buffer.from(DRAFT, 'utf16le');
    const be = Buffer.from(le).swap16();
    write('bom8.speech', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFT)]));
    write('le-bom.speech', Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
    write('be-bom.speech', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    write('le.speech', le);
    write('be.speech', be);
    const same = ['gbk.speech', 'bom8.speech', 'le-bom.speech', 'be-bom.speech', 'le.speech', 'be.speech'];
    const r = run(['check', '--format', 'json', 'good.speech', ...same, 'gb18030.speech']);
    const reports = json(r);
    const of = (file: string) => findings(reports.filter((f) => f.file === file));
    for (const f of same) assert.deepEqual(of(f), of('good.speech'), f);
    assert.ok(of('gb18030.speech').includes('3:7-3:9 placeholder'), of('gb18030.speech').join('\n'));
    assert.deepEqual(r.lines, [
      'jianggao: gbk.speech: not UTF-8; decoded as GB18030/GBK (save it as UTF-8 to be sure)',
      'jianggao: le-bom.speech: decoded as UTF-16LE (with a BOM)',
      'jianggao: be-bom.speech: decoded as UTF-16BE (with a BOM)',
      'jianggao: le.speech: decoded as UTF-16LE (without a BOM)',
      'jianggao: be.speech: decoded as UTF-16BE (without a BOM)',
      'jianggao: gb18030.speech: not UTF-8; decoded as GB18030/GBK (save it as UTF-8 to be sure)',
    ]);
  });

  it('a file over the size cap is named and not read; .jianggao.json maxFileSize sets the cap', () => {
    write('big/huge.speech', '要抓好落实，'.repeat(400000)); // one 7 MB line
    const r = run(['check', '--format', 'json', 'big/huge.speech']);
    assert.equal(r.status, 2);
    assert.deepEqual(r.lines, ['jianggao: big/huge.speech: 6.9 MB, over the 2.0 MB limit (maxFileSize in .jianggao.json): not checked']);
    write('small-cap/.jianggao.json', JSON.stringify({ maxFileSize: 100 }));
    write('small-cap/a.speech', DRAFT);
    assert.match(run(['check', 'small-cap/a.speech']).stderr, new RegExp(`^jianggao: small-cap/a\\.speech: ${Buffer.byteLength(DRAFT)} bytes, over the 100 bytes limit`, 'm'));
  });

  it('huge single lines and pathological nesting under the cap are checked: valid JSON', () => {
    write('line.speech', ('在全市经济工作会议上，我们要进一步加强组织领导，狠抓工作落实。'.repeat(30) + '一是XX“好”😀\ud800').repeat(120)); // a 140,000-character line
    write('nesting.speech', '（'.repeat(20000) + '“《【'.repeat(5000) + '）'.repeat(3) + '"'.repeat(1001));
    write('controls.speech', '\u202e\u200b\u2066同志们：\r\r\r一、\u000b\u000c\u0085\u2028XX\r'.repeat(3000));
    const reports = json(run(['check', '--format', 'json', 'line.speech', 'nesting.speech', 'controls.speech']));
    assert.deepEqual(reports.map((f) => f.file), ['line.speech', 'nesting.speech', 'controls.speech']);
    assert.ok(reports.every((f) => f.diagnostics.length > 0));
  });

  it('a directory: its speech files are checked (nested, symlinked), the rest ignored; a symlink loop does not trap the walk', () => {
    write('tree/a.speech', DRAFT);
    write('tree/sub/b.speech.txt', DRAFT);
    write('tree/sub/deeper/c.speech.md', DRAFT);
    write('tree/notes.txt', 'not a speech');
    write('tree/.hidden/d.speech', DRAFT);
    write('tree/node_modules/e.speech', DRAFT);
    fs.symlinkSync(path.join(dir, 'good.speech'), path.join(dir, 'tree', 'link.speech'));
    fs.symlinkSync('..', path.join(dir, 'tree', 'sub', 'loop'));
    const reports = json(run(['check', '--format', 'json', 'tree']));
    assert.deepEqual(reports.map((f) => f.file).sort(), ['tree/a.speech', 'tree/link.speech', 'tree/sub/b.speech.txt', 'tree/sub/deeper/c.speech.md']);
  });

  it('some files skipped, some checked: exit by the findings, valid JSON of the checked ones, one line per skipped one', () => {
    const r = run(['check', '--format', 'json', 'good.speech', 'random.speech', 'missing.speech', 'empty', 'gbk.speech']);
    const reports = json(r);
    assert.deepEqual(reports.map((f) => f.file), ['good.speech', 'gbk.speech']);
    assert.equal(r.lines.length, 4, r.stderr);
    for (const name of ['random.speech', 'missing.speech', 'empty', 'gbk.speech']) assert.equal(r.lines.filter((l) => l.startsWith(`jianggao: ${name}:`)).length, 1, name);
  });

  it('any bytes at all: every file is either in the JSON or named on stderr, and nothing else happens', () => {
    // Forty generated files of random bytes, random text and random text with broken bytes, in one run.
    const seed = Number(process.env.JIANGGAO_FC_SEED) || Date.now() % 2 ** 31;
    const files = fc.sample(fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
      fc.string({ unit: 'binary', maxLength: 2000 }).map((s) => Buffer.from(s, 'utf8')),
      fc.tuple(fc.string({ unit: 'grapheme', maxLength: 500 }), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([s, junk]) => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from(junk), Buffer.from(s, 'utf8')])),
    ), { numRuns: 40, seed });
    fs.mkdirSync(path.join(dir, 'fuzz'), { recursive: true });
    files.forEach((b, i) => write(`fuzz/${String(i).padStart(2, '0')}.speech`, b));
    const r = run(['check', '--format', 'json', 'fuzz']);
    if (r.status === 2) assert.equal(r.stdout, '');
    const checked = r.status === 2 ? [] : json(r).map((f) => f.file);
    for (let i = 0; i < files.length; i++) {
      const name = path.join('fuzz', `${String(i).padStart(2, '0')}.speech`);
      const named = r.lines.filter((l) => l.startsWith(`jianggao: ${name}: `) && !/decoded as/.test(l));
      assert.equal(Number(checked.includes(name)) + named.length, 1, `${name} (JIANGGAO_FC_SEED=${seed}): checked ${checked.includes(name)}, stderr ${named.join(' | ')}`);
    }
  });

  it('--format sarif: SARIF 2.1.0 with results, rule indexes, relative URIs, and the skipped files as notifications', () => {
    write('with space/草稿 1.speech', DRAFT);
    const r = run(['check', '--format', 'sarif', 'with space/草稿 1.speech', 'random.speech']);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assertSarif(log);
    const results = log.runs[0].results;
    const placeholder = results.find((x: { ruleId: string }) => x.ruleId === 'placeholder');
    assert.deepEqual(placeholder.locations[0].physicalLocation, {
      artifactLocation: { uri: 'with%20space/%E8%8D%89%E7%A8%BF%201.speech', uriBaseId: 'SRCROOT' },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 7 },
    });
    assert.deepEqual(log.runs[0].invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text), ['random.speech: a binary file, not text (skipped)']);
  });

  it('a rule off by default is listed as off, is disabled in SARIF, and reports once switched on in .jianggao.json', () => {
    const rules = JSON.parse(run(['rules', '--format', 'json']).stdout) as Array<{ id: string; severity: string; default: string }>;
    assert.deepEqual(rules.find((r) => r.id === 'overused-phrase'), { ...rules.find((r) => r.id === 'overused-phrase'), severity: 'info', default: 'off' });
    assert.equal(rules.find((r) => r.id === 'doubled-word')!.default, 'warning');
    assert.match(run(['rules']).stdout, /^overused-phrase +off /m);
    const burst = '同志们：\n过去一年，全县各项工作取得了明显进步。工业经济稳中有进。\n农业农村工作取得了明显进步，粮食总产再创新高。\n在社会事业方面，我们同样取得了明显进步。\n';
    write('burst/draft.speech', burst);
    const sarif = JSON.parse(run(['check', '--format', 'sarif', 'burst/draft.speech']).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'overused-phrase');
    assert.deepEqual(rule.defaultConfiguration, { level: 'note', enabled: false });
    assert.ok(!sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'overused-phrase'));
    write('burst/.jianggao.json', JSON.stringify({ rules: { 'overused-phrase': 'info' } }));
    const on = JSON.parse(run(['check', '--format', 'json', 'burst/draft.speech']).stdout);
    assert.deepEqual(on[0].diagnostics.filter((d: { rule: string }) => d.rule === 'overused-phrase').map((d: { line: number }) => d.line), [2]);
  });

  it('text output: path:line:col  severity  message  rule, a summary on stderr', () => {
    const r = run(['check', 'good.speech'], { lang: 'zh' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^good\.speech:3:5 {2}warning {2}占位符“XX”尚未填写.* {2}placeholder$/m);
    assert.match(r.lines[r.lines.length - 1], /^检查了 1 个文件：错误 0，警告 \d+，提示 \d+$/);
  });

  it('piped into head: stops quietly when the pipe closes (EPIPE), exit 0', async () => {
    write('many.speech', '（'.repeat(30000));
    const child = spawn(process.execPath, [BIN, 'check', 'many.speech'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy(); // what `| head -1` does once it has its line
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(code, 0);
    assert.doesNotMatch(stderr, /EPIPE|Error|at /);
  });

  it('usage: --help, unknown options, a bad --config: one line and exit 2 (help: exit 0)', () => {
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /jianggao check \[--fix\] \[--format text\|json\|sarif\]/);
    for (const [args, line] of [
      [['check', '--bogus', 'good.speech'], 'jianggao: unknown option --bogus (see jianggao --help)'],
      [['check', '--format', 'xml', 'good.speech'], 'jianggao: --format must be text, json or sarif, not "xml"'],
      [['check'], 'jianggao: check needs at least one file or directory'],
      [['frobnicate'], 'jianggao: unknown command "frobnicate" (check, outline, export, rules; see jianggao --help)'],
      [['check', '--config', 'nowhere.json', 'good.speech'], /^jianggao: nowhere\.json: cannot read configuration \(ENOENT\)$/],
      [['check', '--config', write('bad.json', '{"rules": {'), 'good.speech'], /^jianggao: bad\.json: invalid configuration: /],
      [['check', '--config', write('array.json', '[1, 2]'), 'good.speech'], 'jianggao: array.json: invalid configuration: not a JSON object'],
      [['outline', '--config', 'bad.json', 'good.speech'], /^jianggao: bad\.json: invalid configuration: /],
    ] as Array<[string[], string | RegExp]>) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
      if (typeof line === 'string') assert.equal(r.lines[0], line);
      else assert.match(r.lines[0], line);
    }
  });

  it('a broken .jianggao.json found next to some drafts: those are skipped (one line for the config, one per draft), the others checked', () => {
    write('cfg/broken/.jianggao.json', '{ not json');
    write('cfg/broken/a.speech', DRAFT);
    write('cfg/fine/b.speech', DRAFT);
    const r = run(['check', '--format', 'json', 'cfg']);
    assert.deepEqual(json(r).map((f) => f.file), ['cfg/fine/b.speech']);
    assert.match(r.lines[0], /^jianggao: \/.*\/cfg\/broken\/\.jianggao\.json: invalid configuration: /);
    assert.equal(r.lines[1], 'jianggao: cfg/broken/a.speech: not checked, its configuration is invalid');
    assert.equal(r.lines.length, 2);
  });
});

/** GBK/GB18030 bytes of a text: Node has no encoder for them, so they come from TextDecoder's table. */
class TextEncoderGb {
  private static table: Map<string, number[]> | undefined;
  encode(text: string): Buffer {
    const table = (TextEncoderGb.table ??= TextEncoderGb.build());
    const out: number[] = [];
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) out.push(code);
      else {
        const bytes = table.get(ch);
        assert.ok(bytes, `no GB18030 bytes for ${ch}`);
        out.push(...bytes);
      }
    }
    return Buffer.from(out);
  }
  /** Two-byte GBK codes, plus the four-byte codes of the supplementary planes' first characters. */
  private static build(): Map<string, number[]> {
    const decoder = new TextDecoder('gb18030');
    const map = new Map<string, number[]>();
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(a, b));
        if (ch.length >= 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [a, b]);
      }
    }
    // U+20000 (𠀀) is the first four-byte code of plane 2: 0x95 0x32 0x82 0x36.
    map.set('𠀀', [0x95, 0x32, 0x82, 0x36]);
    return map;
  }
}

/** The constraints of the SARIF 2.1.0 schema this output relies on (sarif.ts is type-checked against @types/sarif too). */
function assertSarif(log: any): void {
  assert.equal(log.version, '2.1.0');
  assert.equal(typeof log.$schema, 'string');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const rules = run.tool.driver.rules as Array<{ id: string; shortDescription: { text: string } }>;
  assert.equal(run.tool.driver.name, 'jianggao');
  assert.ok(rules.length > 0 && rules.every((r) => r.id && r.shortDescription.text));
  assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind));
  for (const [id, base] of Object.entries(run.originalUriBaseIds ?? {}) as Array<[string, { uri: string }]>) {
    assert.match(base.uri, /^file:\/\/.*\/$/, `${id}: an absolute URI ending in /`);
  }
  for (const inv of run.invocations) {
    assert.equal(typeof inv.executionSuccessful, 'boolean');
    for (const n of inv.toolExecutionNotifications ?? []) assert.ok(n.message.text);
  }
  for (const r of run.results) {
    assert.equal(rules[r.ruleIndex].id, r.ruleId, 'ruleIndex points at the rule');
    assert.ok(['none', 'note', 'warning', 'error'].includes(r.level));
    assert.ok(r.message.text.length > 0);
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    assert.doesNotMatch(artifactLocation.uri, /[\s\\]/, 'a URI reference, percent-encoded');
    assert.doesNotThrow(() => new URL(artifactLocation.uri, 'file:///base/'));
    if (artifactLocation.uriBaseId) assert.ok(run.originalUriBaseIds[artifactLocation.uriBaseId]);
    assert.ok(Number.isInteger(region.startLine) && region.startLine >= 1 && region.startColumn >= 1);
    assert.ok(region.endLine >= region.startLine && region.endColumn >= 1);
    if (region.endLine === region.startLine) assert.ok(region.endColumn >= region.startColumn);
  }
}
