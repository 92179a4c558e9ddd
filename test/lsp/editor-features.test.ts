// The editor features over plain LSP (what Neovim or Helix get as much as VS Code): the hover
// that explains a finding and a section, the CodeLens time budget, focus mode, and the
// workspace's .jianggao.json written safely by "turn this rule off".
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, defaultSetting, parseDocument, RULE_BY_ID, ruleTitle } from '../../server/src/analysis';
import { formatDuration, outlineOf } from '../../server/src/analysis/outline';
import { FOCUS_PAUSE_MS } from '../../server/src/lsp/focusMode';
import { TestClient, PublishedDiagnostics } from '../helpers/lsp';
import { SAMPLE_DRAFT } from '../helpers/sample';
import { testWords } from '../helpers/words';

/** The sample draft with a doubled 的 in the first section (line 4). */
const DRAFT = SAMPLE_DRAFT.replace('安全生产责任重于泰山。', '安全生产责任重于泰山，这是我们工作的的重点。');
const SECTION_LINES = [3, 5, 7];

interface Hover { contents: { kind: string; value: string }; range: { start: { line: number; character: number } } }
interface Lens { range: { start: { line: number } }; command: { title: string; command: string } }

const hoverAt = (c: TestClient, uri: string, line: number, character: number) =>
  c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Promise<Hover | null>;
const lensesOf = (c: TestClient, uri: string) => c.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<Lens[]>;
const withWords = (uri: string, version?: number) => (p: PublishedDiagnostics) =>
  p.uri === uri && (version === undefined || p.version === version) && p.diagnostics.some((d) => d.code === 'doubled-word');
const firstSentence = (text: string, en: boolean) => (en ? text.split(/(?<=\.)\s/)[0] : text.split('。')[0] + '。');

/** Word segmentation loads (blocking the server for a moment) after the first diagnostics: timing tests wait for it. */
async function segmenterLoaded(c: TestClient): Promise<void> {
  for (let i = 0; i < 300 && !c.logs.some((l) => /word segmentation ready/.test(l)); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(c.logs.some((l) => /word segmentation ready/.test(l)), 'word segmentation loaded');
}

/** Characters of each level-1 section, as the analysis library's outline counts them. */
function sectionChars(text: string): number[] {
  return outlineOf(parseDocument(text)).filter((n) => n.kind === 'heading').map((n) => n.chars);
}

describe('editor features over LSP', function () {
  this.timeout(40000);

  describe('hover', () => {
    let zh: TestClient;
    let en: TestClient;
    const uri = 'file:///tmp/hover.speech';
    before(async () => {
      [zh, en] = await Promise.all([TestClient.start({ settings: { targetMinutes: 1 } }), TestClient.start({ locale: 'en' })]);
      zh.open(uri, DRAFT);
      en.open(uri, DRAFT);
      await Promise.all([zh.waitFor(withWords(uri)), en.waitFor(withWords(uri))]);
    });
    after(async () => Promise.all([zh?.stop(), en?.stop()]));

    it('on a finding: the rule\'s name, why it matters, a bad and a good example, what the fix does, the rule page (Chinese)', async () => {
      const p = await zh.waitFor(withWords(uri));
      const d = p.diagnostics.find((x) => x.code === 'doubled-word')!;
      const rule = RULE_BY_ID.get('doubled-word')!;
      const h = await hoverAt(zh, uri, d.range.start.line, d.range.start.character);
      assert.ok(h, 'a hover on the doubled 的');
      const text = h.contents.value;
      assert.equal(h.contents.kind, 'markdown');
      assert.match(text, new RegExp(`^\\*\\*${ruleTitle(rule, 'zh')}\\*\\*`));
      assert.ok(text.includes(firstSentence(rule.docs.rationale.zh, false)), text);
      // The record's bad example, and the same example as the rule's own fix leaves it.
      const bad = /✗ (.*)/.exec(text)?.[1];
      const good = /✓ (.*)/.exec(text)?.[1];
      assert.ok(bad && rule.docs.bad.includes(bad), `bad example from the record: ${bad}`);
      assert.ok(good && good !== bad && good.length < bad.length, `good example: ${good}`);
      assert.match(text, new RegExp(`快速修复：${rule.fixTitle!.zh}（「的的」→「的」）`));
      const link = /\[规则说明\]\((file:[^)]+)\)/.exec(text)?.[1];
      assert.equal(link, d.codeDescription!.href);
      assert.ok(fs.existsSync(new URL(link!)), 'the rule page exists');
      assert.doesNotMatch(text.replace(/\]\([^)]*\)/g, ''), /doubled-word/, 'no rule id in the Chinese hover');
    });

    it('on a finding, in English for an English client', async () => {
      const p = await en.waitFor(withWords(uri));
      const d = p.diagnostics.find((x) => x.code === 'doubled-word')!;
      const rule = RULE_BY_ID.get('doubled-word')!;
      const text = (await hoverAt(en, uri, d.range.start.line, d.range.start.character))!.contents.value;
      assert.match(text, /^\*\*Doubled word\*\*/);
      assert.ok(text.includes(firstSentence(rule.docs.rationale.en, true)), text);
      assert.match(text, new RegExp(`Quick fix: ${rule.fixTitle!.en} \\(“的的” → “的”\\)`));
      assert.match(text, /\[Rule page\]\(file:/);
    });

    it('on a finding without a fix it says so, with an example pair from the record', async () => {
      const p = await zh.waitFor(withWords(uri));
      const d = p.diagnostics.find((x) => x.code === 'placeholder')!;
      const text = (await hoverAt(zh, uri, d.range.start.line, d.range.start.character))!.contents.value;
      const rule = RULE_BY_ID.get('placeholder')!;
      assert.match(text, /没有自动修复/);
      assert.ok(rule.docs.bad.includes(/✗ (.*)/.exec(text)![1]));
      assert.ok(rule.docs.good.includes(/✓ (.*)/.exec(text)![1]));
    });

    it('on a heading: the section\'s characters, speaking time and shares', async () => {
      const chars = sectionChars(DRAFT);
      const total = outlineOf(parseDocument(DRAFT)).reduce((n, x) => n + (x.kind === 'title' ? 0 : x.chars), 0);
      assert.ok(total > 0);
      const h = await hoverAt(zh, uri, 5, 1);
      assert.ok(h, 'a hover on 二、压实责任');
      assert.equal(h.range.start.line, 5);
      assert.match(h.contents.value, /^\*\*二、压实责任\*\*/);
      assert.ok(h.contents.value.includes(`本节 ${chars[1]} 字，约需 ${formatDuration(chars[1] / 200, 'zh')}`), h.contents.value);
      assert.match(h.contents.value, new RegExp(`占目标时长 1 分钟的 ${Math.round((chars[1] / 200) * 100)}%`));
      const e = (await hoverAt(en, uri, 5, 1))!.contents.value;
      assert.ok(e.includes(`This section: ${chars[1]} characters, about ${formatDuration(chars[1] / 200, 'en')}`), e);
    });

    it('nothing on plain text without a finding', async () => {
      assert.equal(await hoverAt(zh, uri, 6, 3), null);
    });
  });

  describe('CodeLens', () => {
    it('above each level-1 section: characters · time · problems, and the share of the target when one is set', async () => {
      const c = await TestClient.start({ settings: { targetMinutes: 2 }, codeLensRefresh: true });
      const uri = 'file:///tmp/lens.speech';
      try {
        c.open(uri, DRAFT);
        const p = await c.waitFor(withWords(uri));
        const lenses = await lensesOf(c, uri);
        assert.deepEqual(lenses.map((l) => l.range.start.line), SECTION_LINES);
        const chars = sectionChars(DRAFT);
        const ends = [...SECTION_LINES.slice(1), 9];
        lenses.forEach((l, i) => {
          const problems = p.diagnostics.filter((d) => d.range.start.line >= SECTION_LINES[i] && d.range.start.line < ends[i]).length;
          const share = Math.round((chars[i] / 200 / 2) * 100);
          assert.equal(l.command.title, `${chars[i]}字 · 约${formatDuration(chars[i] / 200, 'zh')}（目标2分钟的${share}%） · ${problems ? `${problems}个问题` : '无问题'}`);
        });
        assert.match(lenses[0].command.title, /1个问题$/, 'the doubled 的 is counted in section one');
        // A placeholder typed into section two: the editor is asked to fetch the lenses again.
        const before = c.codeLensRefreshes;
        c.change(uri, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'XX' }]);
        await c.waitFor((x) => x.uri === uri && x.version === 2);
        // The refresh request follows the publication: give it a moment to arrive.
        for (let i = 0; i < 50 && c.codeLensRefreshes === before; i++) await new Promise((r) => setTimeout(r, 20));
        assert.ok(c.codeLensRefreshes > before, 'workspace/codeLens/refresh after the new findings');
        assert.match((await lensesOf(c, uri))[1].command.title, /1个问题$/);
      } finally {
        await c.stop();
      }
    });

    it('waits for the findings of the version on screen rather than showing a stale count', async () => {
      const c = await TestClient.start({ settings: { debounceMs: 600 } });
      const uri = 'file:///tmp/lens-wait.speech';
      try {
        c.open(uri, SAMPLE_DRAFT);
        await c.waitFor((x) => x.uri === uri);
        c.change(uri, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'XX' }]);
        // Asked before the new version's analysis has run (debounce 600 ms).
        const lenses = await lensesOf(c, uri);
        assert.match(lenses[1].command.title, /1个问题$/);
      } finally {
        await c.stop();
      }
    });

    it('in English, without a target; and none with jianggao.codeLens off', async () => {
      const en = await TestClient.start({ locale: 'en' });
      const off = await TestClient.start({ settings: { codeLens: false } });
      const uri = 'file:///tmp/lens-en.speech';
      try {
        en.open(uri, SAMPLE_DRAFT);
        off.open(uri, SAMPLE_DRAFT);
        await Promise.all([en.waitFor((x) => x.uri === uri), off.waitFor((x) => x.uri === uri)]);
        const chars = sectionChars(SAMPLE_DRAFT);
        assert.deepEqual((await lensesOf(en, uri)).map((l) => l.command.title), chars.map((n) => `${n} chars · ~${formatDuration(n / 200, 'en')} · no problems`));
        assert.deepEqual(await lensesOf(off, uri), []);
      } finally {
        await Promise.all([en.stop(), off.stop()]);
      }
    });
  });

  describe('focus mode', () => {
    const placeholderOn = (p: PublishedDiagnostics, line: number) => p.diagnostics.some((d) => d.code === 'placeholder' && d.range.start.line === line);
    const typeXX = (c: TestClient, uri: string, version: number) =>
      c.change(uri, version, [{ range: { start: { line: 6, character: 2 }, end: { line: 6, character: 2 } }, text: 'XX' }]);

    it('holds the findings of the line being typed until the cursor leaves it', async () => {
      const c = await TestClient.start({ settings: { focusMode: true } });
      const uri = 'file:///tmp/focus.speech';
      try {
        c.open(uri, SAMPLE_DRAFT);
        const first = await c.waitFor((x) => x.uri === uri);
        assert.ok(placeholderOn(first, 2), 'the untouched line 3 shows its placeholder');
        await segmenterLoaded(c);
        typeXX(c, uri, 2);
        const typing = await c.waitFor((x) => x.uri === uri && x.version === 2);
        assert.ok(!placeholderOn(typing, 6), 'the XX on the line being typed waits');
        assert.ok(placeholderOn(typing, 2), 'the other lines are shown as always');
        const n = c.published.length;
        c.connection.sendNotification('jianggao/cursor', { uri, line: 6 });
        c.connection.sendNotification('jianggao/cursor', { uri, line: 2 });
        const left = await c.waitFor((x) => c.published.indexOf(x) >= n && x.uri === uri && placeholderOn(x, 6), FOCUS_PAUSE_MS - 500);
        assert.equal(left.version, 2, 'published again from the same analysis');
      } finally {
        await c.stop();
      }
    });

    it('lets them show when typing pauses, and moves on with Enter', async () => {
      const c = await TestClient.start({ settings: { focusMode: true } });
      const uri = 'file:///tmp/focus-pause.speech';
      try {
        c.open(uri, SAMPLE_DRAFT);
        await c.waitFor((x) => x.uri === uri);
        await segmenterLoaded(c);
        typeXX(c, uri, 2);
        const t0 = Date.now();
        assert.ok(!placeholderOn(await c.waitFor((x) => x.uri === uri && x.version === 2), 6));
        await c.waitFor((x) => x.uri === uri && x.version === 2 && placeholderOn(x, 6), FOCUS_PAUSE_MS + 3000);
        assert.ok(Date.now() - t0 >= FOCUS_PAUSE_MS - 100, `shown after the pause (${Date.now() - t0} ms)`);
        // Enter at the end of line 7 then typing on the new line: line 7's XX is shown, not held.
        c.change(uri, 3, [{ range: { start: { line: 6, character: 13 }, end: { line: 6, character: 13 } }, text: '\n' }]);
        c.change(uri, 4, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '要' }]);
        const next = await c.waitFor((x) => x.uri === uri && x.version === 4);
        assert.ok(placeholderOn(next, 6), 'the line left by Enter is not held');
      } finally {
        await c.stop();
      }
    });

    it('is off by default: the line being typed is checked at once', async () => {
      const c = await TestClient.start();
      const uri = 'file:///tmp/focus-off.speech';
      try {
        c.open(uri, SAMPLE_DRAFT);
        await c.waitFor((x) => x.uri === uri);
        typeXX(c, uri, 2);
        assert.ok(placeholderOn(await c.waitFor((x) => x.uri === uri && x.version === 2), 6));
      } finally {
        await c.stop();
      }
    });
  });

  describe('turning a rule off writes .jianggao.json safely', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-cfg-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const disable = (c: TestClient, uri: string, rule: string) =>
      c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.disableRule', arguments: [uri, rule] });

    it('creates the file whole on disk: no half-written read, the finding goes at once, the writer is told in Chinese', async () => {
      const c = await TestClient.start({ rootPath: dir });
      try {
        const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
        c.open(uri, SAMPLE_DRAFT);
        await c.waitFor((x) => x.uri === uri && x.diagnostics.some((d) => d.code === 'placeholder'));
        const n = c.published.length;
        assert.equal(await disable(c, uri, 'placeholder'), true);
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, '.jianggao.json'), 'utf8')), { rules: { placeholder: 'off' } });
        await c.waitFor((x) => c.published.indexOf(x) >= n && x.uri === uri && !x.diagnostics.some((d) => d.code === 'placeholder'));
        assert.ok(c.messages.some((m) => m === '已在本工作区关闭规则「未填写的占位符」（写入 .jianggao.json）。'), c.messages.join(' | '));
        assert.ok(!c.messages.some((m) => /JSON input|invalid configuration|配置有误/.test(m)), c.messages.join(' | '));
        assert.equal(c.appliedEdits.length, 0, 'no editor buffer left unsaved');
      } finally {
        await c.stop();
      }
    });

    it('an empty .jianggao.json (an editor creating the file) is no configuration, not an error', async () => {
      const c = await TestClient.start({ rootPath: dir });
      try {
        const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
        c.open(uri, SAMPLE_DRAFT);
        await c.waitFor((x) => x.uri === uri);
        const n = c.published.length;
        fs.writeFileSync(path.join(dir, '.jianggao.json'), '');
        c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.jianggao.json')).toString(), type: 1 }] });
        await c.waitFor((x) => c.published.indexOf(x) >= n && x.uri === uri);
        assert.deepEqual(c.messages, []);
      } finally {
        await c.stop();
      }
    });

    it('keeps what the file held and its indentation; leaves a file it cannot parse untouched and says why', async () => {
      const file = path.join(dir, '.jianggao.json');
      fs.writeFileSync(file, '{\n    "speakingRate": 220,\n    "rules": { "doubled-word": "error" }\n}\n');
      const c = await TestClient.start({ rootPath: dir });
      try {
        const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
        c.open(uri, SAMPLE_DRAFT);
        await c.waitFor((x) => x.uri === uri);
        assert.equal(await disable(c, uri, 'placeholder'), true);
        const written = fs.readFileSync(file, 'utf8');
        assert.deepEqual(JSON.parse(written), { speakingRate: 220, rules: { 'doubled-word': 'error', placeholder: 'off' } });
        assert.match(written, /^ {4}"speakingRate"/m);
        fs.writeFileSync(file, '{ "rules": { ');
        assert.equal(await disable(c, uri, 'missing-closing'), false);
        assert.equal(fs.readFileSync(file, 'utf8'), '{ "rules": { ');
        assert.ok(c.messages.some((m) => /不是有效的 JSON.*未作修改/.test(m)), c.messages.join(' | '));
      } finally {
        await c.stop();
      }
    });
  });

  describe('no English in the Chinese interface', () => {
    /** Names that Chinese text writes in Latin letters. */
    const NAMES = new Set(['PDF', 'Word', 'WPS', 'GB', 'GF', 'BOM']);
    /** Latin words left once links, code, quoted draft text and file names are taken out. */
    const english = (s: string) => (s
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`]*`/g, '')
      .replace(/「[^」]*」|“[^”]*”/g, '')
      .replace(/\.jianggao\.json/g, '')
      .replace(/U\+[0-9A-F]{4,6}/g, '')
      .match(/[A-Za-z][A-Za-z-]*[A-Za-z]/g) ?? []).filter((w) => !NAMES.has(w) && !/^X+$/.test(w));

    it('quick-fix titles, hovers and lenses on every rule\'s bad examples', async function () {
      this.timeout(120000);
      // Rules that are off by default are switched on: their strings are shown once a writer turns them on.
      const on = Object.fromEntries([...RULE_BY_ID.values()].filter((r) => defaultSetting(r) === 'off').map((r) => [r.id, 'info']));
      const c = await TestClient.start({ settings: { rules: on } });
      try {
        const seen = new Set<string>();
        let i = 0;
        for (const rule of RULE_BY_ID.values()) {
          for (const bad of rule.docs.bad.slice(0, 2)) {
            const uri = `file:///tmp/zh-audit-${i++}.speech`;
            c.open(uri, bad);
            const p = await c.waitFor((x) => x.uri === uri && (!rule.needsWords || x.diagnostics.some((d) => d.code === rule.id)), 20000);
            for (const d of p.diagnostics) {
              const actions = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as Array<{ title: string }>;
              for (const a of actions) seen.add(a.title);
              const h = await hoverAt(c, uri, d.range.start.line, d.range.start.character);
              if (h) seen.add(h.contents.value);
            }
            c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
          }
        }
        const leaks = [...seen].map((s) => [s, english(s)] as const).filter(([, w]) => w.length);
        assert.deepEqual(leaks, []);
        assert.ok(seen.size > 40, `${seen.size} strings checked`);
        for (const id of RULE_BY_ID.keys()) assert.ok(![...seen].some((s) => s.replace(/\]\([^)]*\)/g, ']').includes(id)), `rule id ${id} shown`);
      } finally {
        await c.stop();
      }
    });
  });
});

describe('where the speaking rate and the target came from', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-src-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface Stats { rate: number; targetMinutes: number; rateFrom?: { kind: string; file?: string }; targetFrom?: { kind: string; file?: string } }
  async function sources(settings: Record<string, unknown>, file?: object, locale?: string): Promise<{ stats: Stats; report: string }> {
    if (file) fs.writeFileSync(path.join(dir, '.jianggao.json'), JSON.stringify(file));
    const c = await TestClient.start({ rootPath: dir, settings, locale });
    try {
      const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
      c.open(uri, SAMPLE_DRAFT);
      await c.waitFor((x) => x.uri === uri);
      const stats = (await c.connection.sendRequest('jianggao/stats', { uri })) as Stats;
      const report = (await c.connection.sendRequest('jianggao/configuration', { uri })) as string;
      return { stats, report };
    } finally {
      await c.stop();
    }
  }

  it('a rate set in .jianggao.json is credited to .jianggao.json, also when the editor sets one too', async () => {
    const configFile = path.join(dir, '.jianggao.json');
    const { stats, report } = await sources({ speakingRate: 220 }, { speakingRate: 240 });
    assert.equal(stats.rate, 240);
    assert.deepEqual(stats.rateFrom, { kind: 'file', file: configFile });
    assert.deepEqual(stats.targetFrom, { kind: 'default' });
    assert.ok(report.includes(`speakingRate = 240   ← ${configFile}`), report);
    assert.match(report, /targetMinutes = 0 +← 默认值/);
  });

  it('a rate set in the editor settings is credited to them; one set nowhere is the default', async () => {
    const editor = await sources({ speakingRate: 220, targetMinutes: 15 });
    assert.equal(editor.stats.rate, 220);
    assert.deepEqual(editor.stats.rateFrom, { kind: 'editor' });
    assert.deepEqual(editor.stats.targetFrom, { kind: 'editor' });
    assert.match(editor.report, /speakingRate = 220 +← 编辑器设置/);
    const none = await sources({}, undefined, 'en');
    assert.deepEqual(none.stats.rateFrom, { kind: 'default' });
    assert.match(none.report, /speakingRate = 200 +← default/);
  });
});

describe('"重新编排所有序号" says what it did', function () {
  this.timeout(30000);
  it('how many markers changed, or that the numbering is already in order (Chinese and English)', async () => {
    const zh = await TestClient.start();
    const en = await TestClient.start({ locale: 'en' });
    try {
      const renumber = (c: TestClient, uri: string) => c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.renumber', arguments: [uri] });
      zh.open('file:///tmp/gap.speech', SAMPLE_DRAFT.replace('三、强化督查', '四、强化督查'));
      zh.open('file:///tmp/ordered.speech', SAMPLE_DRAFT);
      en.open('file:///tmp/ordered.speech', SAMPLE_DRAFT);
      assert.equal(await renumber(zh, 'file:///tmp/gap.speech'), 1);
      assert.equal(await renumber(zh, 'file:///tmp/ordered.speech'), 0);
      assert.equal(await renumber(en, 'file:///tmp/ordered.speech'), 0);
      for (let i = 0; i < 50 && (zh.messages.length < 2 || en.messages.length < 1); i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(zh.messages, ['已重新编排序号：改动 1 处。', '序号已连贯，无需调整。']);
      assert.deepEqual(en.messages, ['The numbering is already in order; nothing to change.']);
    } finally {
      await Promise.all([zh.stop(), en.stop()]);
    }
  });
});

describe('"在此处忽略" stores the ignore in .jianggao.json and leaves the speech alone', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-ign-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface Action { title: string; command?: { command: string; arguments: unknown[] }; edit?: unknown }
  const actionsAt = (c: TestClient, uri: string, line: number, character: number) =>
    c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character }, end: { line, character } }, context: { diagnostics: [] } }) as Promise<Action[]>;
  const placeholders = (p: PublishedDiagnostics) => p.diagnostics.filter((d) => d.code === 'placeholder').map((d) => `${d.range.start.line}:${d.range.start.character}`);

  // Two placeholders in one paragraph (line 2): XX and 某某.
  const DRAFT2 = SAMPLE_DRAFT.replace('下面我讲三点意见。', '某某同志作了报告，下面我讲三点意见。');

  it('silences that one finding only, survives edits elsewhere, and writes nothing into the draft', async () => {
    const c = await TestClient.start({ rootPath: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
      c.open(uri, DRAFT2);
      const first = await c.waitFor((x) => x.uri === uri);
      assert.deepEqual(placeholders(first), ['2:4', '2:15']);
      const actions = await actionsAt(c, uri, 2, 4);
      const titles = actions.map((a) => a.title);
      const ignore = actions.find((a) => a.title === '在此处忽略「未填写的占位符」');
      assert.ok(ignore?.command, titles.join(' | '));
      assert.ok(titles.indexOf('在此处忽略「未填写的占位符」') < titles.indexOf('在本工作区关闭规则「未填写的占位符」'), titles.join(' | '));
      assert.equal(ignore.edit, undefined, 'no edit of the draft');
      const n = c.published.length;
      assert.equal(await c.connection.sendRequest('workspace/executeCommand', ignore.command), true);
      assert.equal(c.appliedEdits.length, 0, 'the speech text is untouched');
      const config = JSON.parse(fs.readFileSync(path.join(dir, '.jianggao.json'), 'utf8'));
      assert.equal(config.ignores.length, 1);
      assert.deepEqual({ rule: config.ignores[0].rule, text: config.ignores[0].text, file: config.ignores[0].file }, { rule: 'placeholder', text: 'XX', file: 'a.speech' });
      // (A check already under way when the file was written may publish once more before it.)
      const after = await c.waitFor((x) => c.published.indexOf(x) >= n && x.uri === uri && !placeholders(x).includes('2:4'));
      assert.deepEqual(placeholders(after), ['2:15'], 'the other placeholder of the paragraph is still reported');
      assert.ok(c.messages.includes('已忽略此处的「未填写的占位符」：记入 .jianggao.json，讲稿正文未改动。'), c.messages.join(' | '));
      // An edit elsewhere (a line added above, a word changed below): still silent.
      c.change(uri, 2, [
        { range: { start: { line: 8, character: 0 }, end: { line: 8, character: 1 } }, text: '切实' },
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '各位代表：\n' },
      ]);
      const edited = await c.waitFor((x) => x.uri === uri && x.version === 2);
      assert.deepEqual(placeholders(edited), ['3:15']);
      // The same placeholder written again in another sentence is reported.
      c.change(uri, 3, [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '请XX部门牵头。' }]);
      const again = await c.waitFor((x) => x.uri === uri && x.version === 3);
      assert.deepEqual(placeholders(again), ['3:15', '9:1']);
      // Asked twice, the entry is not written twice.
      assert.equal(await c.connection.sendRequest('workspace/executeCommand', ignore.command), true);
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, '.jianggao.json'), 'utf8')).ignores.length, 1);
    } finally {
      await c.stop();
    }
  });

  it('the entry is the draft\'s own: another draft with the same passage is still checked', async () => {
    const c = await TestClient.start({ rootPath: dir, locale: 'en' });
    try {
      const a = pathToFileURL(path.join(dir, 'a.speech')).toString();
      const b = pathToFileURL(path.join(dir, 'b.speech')).toString();
      c.open(a, DRAFT2);
      c.open(b, DRAFT2);
      await Promise.all([c.waitFor((x) => x.uri === a), c.waitFor((x) => x.uri === b)]);
      const ignore = (await actionsAt(c, a, 2, 4)).find((x) => x.title === 'Ignore “Unfilled placeholder” here');
      assert.ok(ignore?.command);
      const n = c.published.length;
      await c.connection.sendRequest('workspace/executeCommand', ignore.command);
      const pa = await c.waitFor((x) => c.published.indexOf(x) >= n && x.uri === a && !placeholders(x).includes('2:4'));
      assert.deepEqual(placeholders(pa), ['2:15']);
      // b was checked again with the same configuration, after a.
      const pb = await c.waitFor((x) => c.published.indexOf(x) > c.published.indexOf(pa) && x.uri === b);
      assert.deepEqual(placeholders(pb), ['2:4', '2:15']);
    } finally {
      await c.stop();
    }
  });

  it('an untitled draft has no .jianggao.json: no ignore or turn-off action is offered', async () => {
    const c = await TestClient.start({ rootPath: dir });
    try {
      const uri = 'untitled:Untitled-1';
      c.open(uri, DRAFT2);
      await c.waitFor((x) => x.uri === uri);
      const titles = (await actionsAt(c, uri, 2, 4)).map((a) => a.title);
      assert.ok(!titles.some((t) => /忽略|关闭规则/.test(t)), titles.join(' | '));
    } finally {
      await c.stop();
    }
  });
});

describe('fix-all in the editor takes only the fixes that cannot change what the speech says', function () {
  this.timeout(30000);
  it('source.fixAll and "修复本文件所有可自动修复的问题" convert the half-width comma, not renumber the gap', async () => {
    const c = await TestClient.start();
    const uri = 'file:///tmp/fixall-mech.speech';
    try {
      // A numbering gap (renumbering is a decision: a part may be missing) and two half-width commas.
      const text = SAMPLE_DRAFT.replace('三、强化督查', '四、强化督查').replace('各级各部门要狠抓落实。', '各级各部门,要狠抓落实,确保实效。');
      c.open(uri, text);
      const p = await c.waitFor((x) => x.uri === uri && x.diagnostics.some((d) => d.code === 'numbering-gap'));
      assert.ok(p.diagnostics.some((d) => d.code === 'halfwidth-punctuation'));
      const source = (await c.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
      })) as Array<{ edit: { documentChanges: Array<{ edits: Array<{ range: { start: { line: number } }; newText: string }> }> } }>;
      const edits = source[0].edit.documentChanges[0].edits;
      assert.ok(edits.length > 0);
      assert.ok(edits.every((e) => e.range.start.line === 6 && e.newText === '，'), JSON.stringify(edits));
      const n = await c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.fixAll', arguments: [uri] });
      const applied = c.appliedEdits.at(-1) as { edit: { documentChanges: Array<{ edits: Array<{ newText: string }> }> } };
      assert.equal(n, applied.edit.documentChanges[0].edits.length);
      assert.ok(applied.edit.documentChanges[0].edits.every((e) => e.newText === '，'));
    } finally {
      await c.stop();
    }
  });
});

describe('"检查工作区中的所有讲稿" also checks the .txt drafts that read like a speech', function () {
  this.timeout(30000);
  it('checks a .txt titled and shaped like a speech, passes over notes, and counts only what it checked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-txt-'));
    const c = await TestClient.start({ rootPath: dir });
    try {
      const speechTxt = [
        '在全县乡村振兴工作推进会上的讲话', '', '同志们：', '',
        '今天召开全县乡村振兴工作推进会，主要任务是总结前一阶段工作，部署下一步重点任务。下面，我讲两点意见。', '',
        '一、充分肯定前一阶段取得的成效',
        '过去一年，全县上下坚持农业农村优先发展，粮食生产再获丰收，农村人居环境明显改善，农民收入稳步增长，XX个村集体经济收入超过十万元。', '',
        '二、扎实抓好下一步重点工作',
        '要坚持问题导向，聚焦产业发展、人才培育和基层治理，一件一件抓落实，一项一项见成效，确保各项任务按期完成，让农民群众有更多获得感。', '',
        '同志们，让我们团结一心，真抓实干，为全面推进乡村振兴而努力奋斗！',
      ].join('\n');
      const notes = ['会议记录', '时间：周三上午', '参加：办公室全体', '内容：讨论下周值班安排，整理档案柜，更新通讯录。', '备注：打印机墨盒已订购。'].join('\n');
      fs.writeFileSync(path.join(dir, 'a.speech'), SAMPLE_DRAFT);
      fs.writeFileSync(path.join(dir, '推进会讲话.txt'), speechTxt);
      fs.writeFileSync(path.join(dir, '会议记录.txt'), notes);
      const uris = ['a.speech', '推进会讲话.txt', '会议记录.txt'].map((f) => pathToFileURL(path.join(dir, f)).toString());
      const result = (await c.connection.sendRequest('workspace/executeCommand', { command: 'jianggao.server.checkFiles', arguments: [uris] })) as { files: number; problems: number };
      assert.equal(result.files, 2);
      const txt = await c.waitFor((x) => x.uri === uris[1]);
      assert.ok(txt.diagnostics.some((d) => d.code === 'placeholder' && d.range.start.line === 7), JSON.stringify(txt.diagnostics.map((d) => d.code)));
      assert.equal(c.published.filter((x) => x.uri === uris[2]).length, 0, 'the notes are not checked');
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration mistakes are told in the writer\'s language', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-cfgmsg-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function messagesFor(config: string, locale?: string): Promise<string[]> {
    fs.writeFileSync(path.join(dir, '.jianggao.json'), config);
    const c = await TestClient.start({ rootPath: dir, locale });
    try {
      const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
      c.open(uri, SAMPLE_DRAFT);
      await c.waitFor((x) => x.uri === uri);
      for (let i = 0; i < 50 && !c.messages.length; i++) await new Promise((r) => setTimeout(r, 20));
      return c.messages.map((m) => m.split(path.join(dir, '.jianggao.json')).join('<file>'));
    } finally {
      await c.stop();
    }
  }

  it('a bad value: which one, why, and that the rest apply (Chinese), and in English', async () => {
    const config = JSON.stringify({ rules: { placeholder: 'loud', 'no-such-rule': 'off' }, speakingRate: 5 });
    assert.deepEqual((await messagesFor(config)).sort(), [
      '讲稿配置有误：<file>：rules.no-such-rule：没有名为“no-such-rule”的规则（规则名见 `jianggao rules`）。此项已忽略，其余设置照常生效。',
      '讲稿配置有误：<file>：rules.placeholder：级别应为 off|hint|info|warning|error 之一。此项已忽略，其余设置照常生效。',
      '讲稿配置有误：<file>：speakingRate：应为 60 到 600 之间的数。此项已忽略，其余设置照常生效。',
    ].sort());
    assert.ok((await messagesFor(config, 'en')).includes('Jianggao configuration problem: <file>: speakingRate: must be a number between 60 and 600. This setting is ignored; the others apply.'));
  });

  it('a file that is not JSON: where it breaks, and that none of it applies', async () => {
    assert.deepEqual(await messagesFor('{\n  "rules": {\n    "placeholder": "off",\n  }\n}\n'), ['讲稿配置有误：<file>：不是有效的 JSON（第 4 行第 3 列附近），整个文件未生效：请改正后保存。']);
    assert.deepEqual(await messagesFor('[1, 2]'), ['讲稿配置有误：<file>：应为一个 JSON 对象（{ … }），整个文件未生效。']);
  });
});

describe('"加入允许词表" writes words.allow of the workspace\'s .jianggao.json', function () {
  this.timeout(30000);
  const TYPO_DRAFT = SAMPLE_DRAFT.replace('安全生产责任重于泰山。', '安全生产责任重于泰山，我们要再接再励。');
  const typoOn = (p: PublishedDiagnostics) => p.diagnostics.filter((d) => d.code === 'typo').map((d) => `${d.range.start.line}:${d.range.start.character}`);

  it('offers the flagged word, writes it once, and no word rule reports it again; the text is untouched', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-allow-'));
    fs.writeFileSync(path.join(dir, '.jianggao.json'), JSON.stringify({ speakingRate: 210 }, null, 2));
    const c = await TestClient.start({ rootPath: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'a.speech')).toString();
      c.open(uri, TYPO_DRAFT);
      const p = await c.waitFor((x) => x.uri === uri && typoOn(x).length > 0);
      const [line, character] = typoOn(p)[0].split(':').map(Number);
      const actions = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character }, end: { line, character } }, context: { diagnostics: [] } })) as Array<{ title: string; command?: { command: string; arguments: unknown[] } }>;
      const allow = actions.find((a) => a.title === '加入允许词表：「再接再励」');
      assert.ok(allow?.command, actions.map((a) => a.title).join(' | '));
      const n = c.published.length;
      assert.equal(await c.connection.sendRequest('workspace/executeCommand', allow.command), true);
      assert.equal(await c.connection.sendRequest('workspace/executeCommand', allow.command), true);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, '.jianggao.json'), 'utf8')), { speakingRate: 210, words: { allow: ['再接再励'] } });
      assert.equal(c.appliedEdits.length, 0);
      await c.waitFor((x) => c.published.indexOf(x) >= n && x.uri === uri && typoOn(x).length === 0);
      assert.ok(c.messages.includes('已将「再接再励」加入本工作区的允许词表（.jianggao.json 的 words.allow），不再报告。'), c.messages.join(' | '));
      // Not offered for a rule that does not read the list.
      const placeholderActions = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } }, context: { diagnostics: [] } })) as Array<{ title: string }>;
      assert.ok(!placeholderActions.some((a) => /允许词表/.test(a.title)));
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the editor setting jianggao.words.allow is read too', async () => {
    // The doubled 的 shows when the word rules have run (typo is one of them).
    const text = TYPO_DRAFT.replace('各级各部门要狠抓落实。', '这是我们工作的的重点。');
    const c = await TestClient.start({ settings: { words: { allow: ['再接再励'] } } });
    const plain = await TestClient.start();
    try {
      const uri = 'file:///tmp/allow-setting.speech';
      c.open(uri, text);
      plain.open(uri, text);
      assert.ok(typoOn(await plain.waitFor(withWords(uri))).length > 0, 'reported without the setting');
      assert.deepEqual(typoOn(await c.waitFor(withWords(uri))), []);
    } finally {
      await Promise.all([c.stop(), plain.stop()]);
    }
  });
});

describe('the editor\'s word rules read the dictionary\'s word classes, as the CLI does', function () {
  this.timeout(60000);
  it('doubled-word and overused-phrase find in the server what the analysis library finds with the same segmenter', async () => {
    const rules = ['doubled-word', 'overused-phrase'];
    const c = await TestClient.start({ settings: { rules: Object.fromEntries(rules.map((r) => [r, 'info'])) } });
    try {
      let i = 0;
      for (const id of rules) {
        for (const bad of RULE_BY_ID.get(id)!.docs.bad) {
          const want = analyze(bad, { options: { rules: { [id]: 'info' } }, words: testWords(), only: new Set([id]) }).diagnostics;
          assert.ok(want.length, `${id} fires on its bad example`);
          const uri = `file:///tmp/word-classes-${i++}.speech`;
          c.open(uri, bad);
          const p = await c.waitFor((x) => x.uri === uri && x.diagnostics.some((d) => d.code === id), 15000)
            .catch(() => assert.fail(`the server does not report ${id} on ${JSON.stringify(bad)}`));
          const lines = bad.split('\n');
          const offset = (pos: { line: number; character: number }) => lines.slice(0, pos.line).reduce((n, l) => n + l.length + 1, 0) + pos.character;
          assert.deepEqual(p.diagnostics.filter((d) => d.code === id).map((d) => offset(d.range.start)), want.map((d) => d.start), bad);
        }
      }
    } finally {
      await c.stop();
    }
  });
});
