// Word segmentation: nodejieba with Jianggao's dictionaries (trimmed main dictionary, official
// vocabulary, the user's own), the portable fallback, and the guarantees the rules rely on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/analysis';
import { CachedSegmenter, DICTIONARY_FILES, dictionaryDir, loadSegmenter, normaliseDictionary } from '../../server/src/segmentation';
import { testWords } from '../helpers/words';

const ROOT = path.resolve(__dirname, '..', '..');

/** No word boundary falls inside [start, start + length): the term is a word or part of a longer one. */
function unbroken(words: string[], start: number, length: number): boolean {
  let at = 0;
  for (const w of words) {
    at += w.length;
    if (at > start && at < start + length) return false;
  }
  return start >= 0;
}
const DICT = path.join(ROOT, 'server', 'dict');

describe('segmentation', () => {
  it('loads nodejieba with the shipped dictionaries, not the fallback', () => {
    const logs: string[] = [];
    const s = loadSegmenter({ log: (m) => logs.push(m) });
    assert.equal(s.name, 'nodejieba');
    assert.equal(s.fallback, false);
    assert.deepEqual(logs, []);
    assert.equal(dictionaryDir(), DICT);
  });

  it('cuts official vocabulary as one word (the default dictionary splits 群/团组织, 十九/大, 四个/意识)', () => {
    const text = '增强“四个意识”、做到“两个维护”，深入开展党史学习教育，各级群团组织学习贯彻党的十九大、二十大精神和“十四五”规划，发展新质生产力，坚持全面从严治党。';
    const words = testWords().cut(text);
    for (const term of ['四个意识', '两个维护', '党史学习教育', '群团组织', '十九大', '二十大', '十四五', '新质生产力', '全面从严治党']) {
      assert.ok(unbroken(words, text.indexOf(term), term.length), `${term} in ${words.join('/')}`);
    }
  });

  it('keeps legitimate reduplications and look-alikes as the rules expect them', () => {
    const cut = (s: string) => testWords().cut(s).join('/');
    assert.match(cut('群团组织要要牢牢把握'), /\/要\/要\//);
    assert.match(cut('转变工作作风'), /工作作风|工作\/作风/);
    assert.doesNotMatch(cut('方正区区管'), /区\/区/);
    for (const w of ['紧紧', '牢牢', '实实在在', '方方面面', '息息相关', '的的确确']) assert.ok(unbroken(testWords().cut(`要${w}把握`), 1, w.length), w);
  });

  it('gives back the text exactly, whatever the input (offsets depend on it)', () => {
    const inputs = ['全市 经济\t运行　平稳', 'a\r\nb\r', '\uFEFF开头', '表情😀与𠀀字', 'lone\uD800surrogate中文\uDC00', '\u0000控制\u0007字符', '', 'ＡＢＣ１２３全角'];
    for (const text of inputs) assert.equal(testWords().cut(text).join(''), text, JSON.stringify(text));
  });

  it('ships every dictionary file non-empty, and every official entry with a frequency', () => {
    for (const f of Object.values(DICTIONARY_FILES)) assert.ok(fs.statSync(path.join(DICT, f)).size > 0, f);
    const lines = fs.readFileSync(path.join(DICT, DICTIONARY_FILES.official), 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length >= 500, `${lines.length} official terms`);
    for (const l of lines) assert.match(l, /^\S+ [1-9]\d* [a-z]+$/, l);
    for (const t of ['群团组织', '十九大', '二十大', '十四五', '四个意识', '两个维护', '党史学习教育', '全面从严治党', '新质生产力']) {
      assert.ok(lines.some((l) => l.startsWith(t + ' ')), t);
    }
  });

  it('normalises user dictionaries: frequencies as given, a default when missing, junk skipped', () => {
    const { lines, skipped } = normaliseDictionary('\uFEFF数智赋能\r\n群团组织 100000\n新质生产力 5000 nz\n# comment\n\nbad line with five columns here\n\u0000junk\nok 12 toolongtagxx\n');
    assert.deepEqual(lines, ['数智赋能 10000 n', '群团组织 100000 n', '新质生产力 5000 nz']);
    assert.equal(skipped, 3);
  });

  describe('user dictionaries', () => {
    after(() => loadSegmenter()); // back to the shipped dictionaries for the other tests
    it('adds the user’s words, survives a malformed and a missing file, and says so', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-dict-test-'));
      const good = path.join(dir, 'mine.dict');
      fs.writeFileSync(good, '蓝莓谷示范区\n栖霞岭工程 200000\n');
      const junk = path.join(dir, 'junk.dict');
      fs.writeFileSync(junk, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0a, 0x41, 0x20, 0x42, 0x20, 0x43, 0x20, 0x44]));
      const logs: string[] = [];
      const s = loadSegmenter({ userDictionaries: [good, junk, path.join(dir, 'missing.dict')], log: (m) => logs.push(m) });
      assert.equal(s.fallback, false);
      assert.equal(s.userWords, 2);
      const words = s.cut('建设蓝莓谷示范区和栖霞岭工程');
      assert.ok(words.includes('蓝莓谷示范区') && words.includes('栖霞岭工程'), words.join('/'));
      assert.ok(logs.some((m) => /missing\.dict/.test(m)), logs.join('\n'));
      assert.ok(logs.some((m) => /junk\.dict/.test(m)), logs.join('\n'));
    });
  });

  it('falls back to Intl.Segmenter, says so once, and the word rules still work', () => {
    const logs: string[] = [];
    const a = loadSegmenter({ engine: 'intl', log: (m) => logs.push(m) });
    loadSegmenter({ engine: 'intl', log: (m) => logs.push(m) });
    assert.equal(a.fallback, true);
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0], /Intl\.Segmenter/);
    const text = '同志们：\n全市各级干部要要牢牢把握正确方向。';
    assert.equal(a.cut(text).join(''), text);
    assert.ok(analyze(text, { words: a }).diagnostics.some((d) => d.rule === 'doubled-word'));
    loadSegmenter();
  });

  it('re-analysis after an edit cuts only the paragraph that changed', () => {
    const engine = { name: 'counting', texts: [] as string[], cut(t: string) { this.texts.push(t); return [...t]; } };
    const words = new CachedSegmenter(engine);
    const paragraphs = Array.from({ length: 20 }, (_, i) => `第${i}段，全市经济运行总体平稳，主要指标好于预期。`);
    const draft = ['在全市工作会议上的讲话', '同志们：', ...paragraphs].join('\n');
    analyze(draft, { words });
    const before = engine.texts.length;
    analyze(draft.replace('第7段，全市', '第7段，全县'), { words });
    assert.deepEqual(engine.texts.slice(before), ['第7段，全县经济运行总体平稳，主要指标好于预期。']);
  });

  it('the bundled CLI finds the dictionaries from dist/ and loads nodejieba', function () {
    this.timeout(20000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-cli-'));
    const file = path.join(dir, 'a.speech');
    fs.writeFileSync(file, '在全市工作会议上的讲话\n同志们：\n全市各级群团组织要要牢牢把握群众性这个根本特点。\n');
    let out = '';
    let err = '';
    try {
      out = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
      err = (e as { stderr: string }).stderr;
    }
    const diags = JSON.parse(out)[0].diagnostics as Array<{ rule: string; line: number; column: number }>;
    assert.deepEqual(diags.filter((d) => d.rule === 'doubled-word').map((d) => [d.line, d.column]), [[3, 9]]);
    assert.doesNotMatch(err, /Intl\.Segmenter|nodejieba is not available/);
  });
});
