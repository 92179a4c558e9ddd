// The extension in a real VS Code: the packaged .vsix installed in code-server (VS Code 1.100
// in a browser, ../shared/notes/real-editor.md), driven with playwright-core and Debian's
// chromium. It checks what a writer sees — squiggles, Problems rows, Outline rows, the status
// bar item, the 讲稿结构 view, a skeleton inserted from a snippet — waiting on those visible
// things, never on fixed sleeps, and saves a screenshot of each under test-results/browser/.
//
// Two sessions: VS Code with the Chinese display language (zh-cn) and with the default
// English one; the server's messages follow it. What should be seen comes from the checker
// itself (`jianggao check/outline --format json` on the same drafts) and from the manifest and
// snippets, not from numbers written here.
//
//   npm run test:browser            (after scripts/setup-code-server.sh)
//   JIANGGAO_CODE_SERVER_DIR=…  JIANGGAO_CHROMIUM=…  JIANGGAO_BROWSER_LOCALES=zh-cn,en
//   JIANGGAO_BROWSER_KEEP=1 (keep the code-server profiles and logs)

import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/ports.mjs';
import { chromium } from 'playwright-core';
import { wordRulesExist } from '../../scripts/package.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER_DIR = process.env.JIANGGAO_CODE_SERVER_DIR || path.join(os.homedir(), '.cache/jianggao/code-server');
const CODE_SERVER = path.join(CODE_SERVER_DIR, 'node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.JIANGGAO_CHROMIUM || '/usr/bin/chromium';
const RESULTS = path.join(root, 'test-results/browser');
const FIXTURES = path.join(root, 'test/browser/workspace');
const DRAFT = '县域经济工作会议讲话.speech';
const EMPTY_DRAFT = '新讲稿.speech';
/** Pasted from a PDF: 　　 paragraph indents, and a Kangxi radical ⼀ (U+2F00) in the body. */
const PASTED_DRAFT = '粘贴稿.speech';
/** A draft in a plain .txt, as writers keep them. */
const TXT_DRAFT = '推进会讲话.txt';
/** The draft as a Word document (made by `jianggao export` in each profile). */
const WORD_DRAFT = '县域经济工作会议讲话.docx';
/** A draft holding the same paragraph under two headings (issue 10: checking stopped after the first edit). */
const DUPLICATED_DRAFT = '重复段落的讲稿.speech';
const SKELETON = { name: '讲稿骨架：工作会议', prefix: 'gongzuohuiyi' };
const TIMEOUT = { workbench: 90_000, visible: 30_000 };
const WORKSPACE_FOLDER = 'drafts';

const started = Date.now();
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const results = [];

// ---------------------------------------------------------------------------------------
// What should be seen, from the checker, the manifest and the snippets.

function cliJson(args) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`jianggao ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The analysis library as built (dist/analysis.js): rule records, for what a hover names. */
const analysis = () => createRequire(import.meta.url)(path.join(root, 'dist/analysis.js'));

/** A manifest string (%key%) in the display language, as VS Code resolves it. */
function manifestString(value, locale) {
  const m = /^%(.+)%$/.exec(value ?? '');
  if (!m) return value;
  for (const file of [`package.nls.${locale}.json`, 'package.nls.json']) {
    const p = path.join(root, file);
    if (!fs.existsSync(p)) continue;
    const entry = JSON.parse(fs.readFileSync(p, 'utf8'))[m[1]];
    if (entry !== undefined) return typeof entry === 'string' ? entry : entry.message;
  }
  return value;
}

/** The text a snippet inserts, with tab stops replaced by their defaults. */
function snippetText(name) {
  const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/speech.code-snippets'), 'utf8'));
  const s = snippets[name];
  if (!s) throw new Error(`snippets/speech.code-snippets has no snippet named ${name}`);
  const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
  return body
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '');
}

// ---------------------------------------------------------------------------------------
// Processes: the package, code-server, chromium.

function packageVsix() {
  const vsix = path.join(RESULTS, `${manifest.name}-${manifest.version}.vsix`);
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs'), '--out', vsix], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run package failed (see above)');
  return vsix;
}


/** A user-data dir, an extensions dir with the .vsix installed, and a copy of the drafts. */
function prepareProfile(vsix, locale) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `jianggao-browser-${locale}-`));
  const data = path.join(base, 'data');
  const extensions = path.join(base, 'extensions');
  const workspace = path.join(base, WORKSPACE_FOLDER);
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.cpSync(FIXTURES, workspace, { recursive: true });
  execFileSync(process.execPath, [path.join(root, 'bin/jianggao.js'), 'export', path.join(workspace, DRAFT), '-o', path.join(workspace, WORD_DRAFT)], { stdio: 'ignore' });
  fs.writeFileSync(path.join(data, 'User/settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
  }, null, 2));
  if (locale !== 'en') {
    // VS Code takes a display language only from an installed language pack. The npm and
    // Debian registries have none, so this registers one with no translations: the workbench
    // stays English, but VS Code runs in zh-cn (vscode.env.language), as with the real pack.
    const translations = path.join(base, 'main.i18n.json');
    fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
    fs.writeFileSync(path.join(data, 'languagepacks.json'), JSON.stringify({
      [locale]: {
        hash: 'jianggao-test', label: locale, translations: { vscode: translations },
        extensions: [{ extensionIdentifier: { id: 'jianggao-test.display-language' }, version: '0.0.0' }],
      },
    }));
  }
  const out = execFileSync(process.execPath, [CODE_SERVER, '--user-data-dir', data, '--extensions-dir', extensions,
    '--install-extension', vsix], { encoding: 'utf8' });
  if (!/successfully installed/.test(out)) throw new Error(`code-server did not install the .vsix:\n${out}`);
  return { base, data, extensions, workspace };
}

async function startCodeServer(profile, locale) {
  const port = await freePort();
  const log = fs.createWriteStream(path.join(RESULTS, `code-server-${locale}.log`));
  const child = spawn(process.execPath, [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', profile.data, '--extensions-dir', profile.extensions, '--disable-telemetry',
    '--disable-update-check', '--locale', locale, profile.workspace], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      reject(new Error(`code-server did not start listening within 60 s; see ${log.path}`));
    }, 60_000);
    child.stdout.on('data', (d) => /HTTP server listening/.test(String(d)) && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => reject(new Error(`code-server exited (code ${code}); see ${log.path}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(profile.workspace)}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    },
  };
}

// ---------------------------------------------------------------------------------------
// Checks: each waits for something visible, records pass/fail and leaves a screenshot.

async function check(page, locale, name, shot, fn) {
  const t0 = Date.now();
  const file = path.join(RESULTS, `${locale}-${String(results.length + 1).padStart(2, '0')}-${shot}.png`);
  try {
    const detail = await fn();
    await page.screenshot({ path: file });
    results.push({ locale, name, ok: true });
    console.log(`  ✓ [${locale}] ${name} (${seconds(t0)})${detail ? ` — ${detail}` : ''}  ${path.relative(root, file)}`);
  } catch (e) {
    const failed = file.replace(/\.png$/, '-FAILED.png');
    await page.screenshot({ path: failed }).catch(() => undefined);
    results.push({ locale, name, ok: false });
    console.log(`  ✗ [${locale}] ${name} (${seconds(t0)})\n      ${String(e.message).split('\n').join('\n      ')}\n      screenshot: ${path.relative(root, failed)}`);
  }
}

/** Waits until fn (run in the page) returns something truthy; fails saying what did not appear. */
async function waitVisible(page, what, fn, arg, timeout = TIMEOUT.visible) {
  try {
    return await (await page.waitForFunction(fn, arg, { timeout, polling: 250 })).jsonValue();
  } catch (e) {
    if (/Timeout/.test(e.message)) throw new Error(`did not appear within ${timeout / 1000} s: ${what}`);
    throw e;
  }
}

const ACTIVE_EDITOR = '.part.editor .editor-group-container.active .monaco-editor';

/**
 * Run in the page: where `word` (on the 1-based `line`, no wrapped lines above it) is on the
 * screen, if a .squiggly-<severity> decoration lies under it; with `absent`, if none does.
 */
function squiggleUnder({ editor, word, line, severity, absent }) {
  const rows = [...document.querySelectorAll(`${editor} .view-lines .view-line`)].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  const row = rows[line - 1];
  const at = row?.textContent.replace(/\u00a0/g, ' ').indexOf(word) ?? -1;
  if (at < 0) return null;
  // The word may span several token spans: find its ends among the text nodes.
  const range = document.createRange();
  const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let node, offset = 0; (node = walker.nextNode()); offset += node.data.length) {
    if (at >= offset && at < offset + node.data.length) range.setStart(node, at - offset);
    if (at + word.length > offset && at + word.length <= offset + node.data.length) range.setEnd(node, at + word.length - offset);
  }
  const text = range.getBoundingClientRect();
  const squiggle = [...document.querySelectorAll(`${editor} .squiggly-${severity}`)].map((s) => s.getBoundingClientRect())
    .find((s) => s.left < text.right && s.right > text.left && s.top >= text.top - 4 && s.top <= text.bottom + 4);
  const at_ = { x: text.left + text.width / 2, y: text.top + text.height / 2 };
  return absent ? (squiggle ? null : at_) : squiggle ? at_ : null;
}

/** The active editor's lines as shown (word wrap joined back: compare text, not rows). */
const EDITOR_TEXT = (editor) => [...document.querySelectorAll(`${editor} .view-lines .view-line`)]
  .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
  .map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('');

/**
 * Expands the Explorer pane titled `title` and collapses the others, so that its rows get the
 * whole height of the side bar (lists only render the rows that fit).
 */
async function showOnlyPane(page, title) {
  const headers = page.locator('.part.sidebar .pane-header');
  const target = headers.filter({ has: page.locator('.title', { hasText: title }) }).first();
  await target.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
    throw new Error(`did not appear: a view titled "${title}" in the Explorer`);
  });
  for (const header of await headers.all()) {
    const isTarget = (await header.locator('.title').textContent()).toLowerCase().includes(title.toLowerCase());
    if (isTarget !== ((await header.getAttribute('aria-expanded')) === 'true')) await header.click();
  }
}

/**
 * Shows the Problems panel filtered by `text` (a message's words; empty: unfiltered). With many
 * drafts open the list holds more rows than fit, and only the rows on screen are in the page.
 */
async function problemsFiltered(page, text) {
  await page.keyboard.press('Control+Shift+M');
  const input = page.locator('.part.panel .markers-panel-container .viewpane-filter input, .part.panel .viewpane-filter input').first();
  await input.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
    throw new Error('did not appear: the Problems panel\'s filter box');
  });
  await input.fill(text);
}

/** Collapses every file in the Problems panel: one row per file, with its count. */
async function problemsCollapsed(page) {
  await page.keyboard.press('Control+Shift+M');
  const collapse = page.locator('.part.panel .codicon-collapse-all').first();
  await collapse.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
    throw new Error('did not appear: the Problems panel\'s "Collapse All" action');
  });
  await collapse.click();
}

/** Runs a command from the command palette by its title, as a writer does. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  // The row whose label is the title itself ("New Untitled Text File" is also part of "Compare New Untitled Text Files").
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
    throw new Error(`did not appear: the command "${title}" in the command palette`);
  });
  await row.click();
}

/** Opens a file from the Explorer's folder pane, as a writer clicks it. */
async function openFromExplorer(page, name) {
  await showOnlyPane(page, WORKSPACE_FOLDER);
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).click();
  await waitVisible(page, `the editor tab of ${name}`, (name) =>
    document.querySelector('.part.editor .tab.active')?.textContent.includes(name), name);
}

async function session(browser, vsix, locale) {
  const lang = locale.startsWith('zh') ? 'zh' : 'en';
  const t0 = Date.now();
  const profile = prepareProfile(vsix, locale);
  const server = await startCodeServer(profile, locale);
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  const page = await context.newPage();
  const draftPath = path.join(profile.workspace, DRAFT);
  const expected = cliJson(['check', '--format', 'json', '--lang', lang, draftPath])[0].diagnostics;
  const outlineHeadings = () => {
    const headings = [];
    const walk = (items) => items.forEach((i) => { if (i.kind === 'heading') headings.push(i); walk(i.children ?? []); });
    walk(cliJson(['outline', '--format', 'json', '--lang', lang, draftPath]).outline);
    return headings;
  };
  console.log(`[${locale}] code-server ready, .vsix installed (${seconds(t0)}); the checker reports ${expected.length} findings in ${DRAFT}`);
  try {
    await page.goto(server.url);

    await check(page, locale, 'the workbench shows the drafts in the Explorer', 'explorer', async () => {
      await waitVisible(page, `${DRAFT} in the Explorer`, (name) =>
        [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')].some((r) => r.textContent.includes(name)), DRAFT, TIMEOUT.workbench);
    });

    let placeholderAt;
    await check(page, locale, 'a squiggle under the unfilled placeholder', 'squiggle', async () => {
      await openFromExplorer(page, DRAFT);
      const placeholder = expected.find((d) => d.rule === 'placeholder');
      if (!placeholder) throw new Error(`the checker reports no placeholder in ${DRAFT}`);
      const word = fs.readFileSync(draftPath, 'utf8').split('\n')[placeholder.line - 1].slice(placeholder.column - 1, placeholder.endColumn - 1);
      // The squiggle's box must lie under the placeholder's characters on the screen.
      const box = await waitVisible(page, `a .squiggly-${placeholder.severity} decoration under "${word}" (line ${placeholder.line})`,
        squiggleUnder, { editor: ACTIVE_EDITOR, word, line: placeholder.line, severity: placeholder.severity });
      placeholderAt = box;
      await page.mouse.move(box.x, box.y);
      await waitVisible(page, `the hover with "${placeholder.message}"`, (msg) =>
        [...document.querySelectorAll('.monaco-hover')].some((h) => h.offsetParent && h.textContent.includes(msg)), placeholder.message);
      return `under "${word}", hover: ${placeholder.message}`;
    });

    await check(page, locale, 'the hover explains the finding: the rule\'s name, an example, the fix, the rule page', 'hover-explains', async () => {
      if (!placeholderAt) throw new Error('no squiggle to hover (see the check before)');
      const rule = analysis().RULE_BY_ID.get('placeholder');
      const want = [analysis().ruleTitle(rule, lang), '✗', '✓', lang === 'zh' ? '没有自动修复' : 'No automatic fix', lang === 'zh' ? '规则说明' : 'Rule page'];
      await page.mouse.move(5, 400);
      await page.mouse.move(placeholderAt.x, placeholderAt.y);
      const text = await waitVisible(page, `a hover holding ${want.map((w) => `"${w}"`).join(', ')}`, (want) => {
        const h = [...document.querySelectorAll('.monaco-hover')].find((x) => x.offsetParent && want.every((w) => x.textContent.includes(w)));
        return h ? h.textContent : null;
      }, want);
      // VS Code shows the finding's source and code (jianggao(placeholder)) above; the explanation is ours.
      const ours = text.slice(text.indexOf(want[0]));
      if (lang === 'zh' && /[a-z]+-[a-z]+|placeholder/.test(ours)) throw new Error(`the Chinese hover names the rule by its id: ${ours}`);
      return `${want[0]}: ${/✗[^✓]*/.exec(text)?.[0].trim()} …`;
    });

    await check(page, locale, 'a CodeLens above each level-1 section: length · time · problems', 'codelens', async () => {
      await page.mouse.move(5, 400);
      await page.keyboard.press('Escape');
      const headings = outlineHeadings().filter((h) => h.level === 1);
      const wanted = headings.map((h) => {
        const problems = expected.filter((d) => d.line >= h.line && d.line <= h.endLine).length;
        const count = lang === 'zh' ? (problems ? `${problems}个问题` : '无问题') : (problems ? `${problems} problem${problems === 1 ? '' : 's'}` : 'no problems');
        return { start: lang === 'zh' ? `${h.chars}字 · ` : `${h.chars} chars · `, end: count };
      });
      const lenses = await waitVisible(page, `CodeLens ${wanted.map((w) => `"${w.start}… · ${w.end}"`).join(', ')}`, ({ editor, wanted }) => {
        const texts = [...document.querySelectorAll(`${editor} .codelens-decoration`)]
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map((l) => l.textContent.replace(/\u00a0/g, ' ').trim());
        return texts.length === wanted.length && wanted.every((w, i) => texts[i].startsWith(w.start) && texts[i].endsWith(w.end)) ? texts : null;
      }, { editor: ACTIVE_EDITOR, wanted });
      return lenses.join(' / ');
    });

    await check(page, locale, 'the Problems panel lists every finding with its message and rule id', 'problems', async () => {
      await page.mouse.move(5, 400);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      const wanted = expected.map((d) => ({ message: d.message, rule: d.rule, where: `[Ln ${d.line}, Col ${d.column}]` }));
      await waitVisible(page, `Problems rows: ${wanted.map((w) => `"${w.message}" ${w.rule} ${w.where}`).join('; ')}`, (wanted) => {
        const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent);
        return wanted.every((w) => rows.some((r) => r.includes(w.message) && r.includes(w.rule) && r.includes(w.where)));
      }, wanted);
      const count = await page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.length - 1);
      if (count !== wanted.length) throw new Error(`Problems shows ${count} rows for ${DRAFT}, the checker reports ${wanted.length}`);
      return wanted.map((w) => w.rule).join(', ');
    });

    if (wordRulesExist(root)) {
      await check(page, locale, 'the native word segmenter (nodejieba) runs in the editor\'s extension host', 'segmenter', async () => {
        const command = manifest.contributes.commands.find((c) => c.command === 'jianggao.showOutput');
        const title = `${manifestString(command.category, locale)}: ${manifestString(command.title, locale)}`;
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill(`>${title}`);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
        await page.locator('.part.panel .viewpane-filter input').fill('word segmentation');
        const line = await waitVisible(page, 'the line "word segmentation ready (nodejieba, …)" in the Output "Jianggao"', () =>
          [...document.querySelectorAll('.part.panel .monaco-editor .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' '))
            .find((t) => /word segmentation ready \(nodejieba/.test(t)) ?? null);
        await page.locator('.part.panel .viewpane-filter input').fill('');
        return line.replace(/^.*\[jianggao\] /, '');
      });
    } else {
      console.log(`  - [${locale}] no rule needs words: nodejieba is not used, so not checked`);
    }

    await check(page, locale, 'the Outline shows the headings of the draft', 'outline', async () => {
      const headings = outlineHeadings().map((h) => h.name);
      if (headings.length < 2) throw new Error(`the checker's outline of ${DRAFT} has ${headings.length} headings`);
      await showOnlyPane(page, 'Outline');
      await waitVisible(page, `Outline rows ${headings.join(' / ')}`, (headings) => {
        const pane = [...document.querySelectorAll('.part.sidebar .pane')].find((p) => /outline/i.test(p.querySelector('.pane-header')?.textContent ?? ''));
        const rows = [...(pane?.querySelectorAll('.monaco-list-row') ?? [])].map((r) => r.textContent);
        return headings.every((h) => rows.some((r) => r.includes(h)));
      }, headings);
      return headings.join(' / ');
    });

    const structureView = (manifest.contributes?.views?.explorer ?? []).find((v) => v.id === 'jianggao.structure');
    await check(page, locale, 'the status bar shows the length and speaking time; a click opens the structure view', 'statusbar', async () => {
      // The extension's own item (VS Code gives it the id <publisher>.<name>.<item id>).
      const item = await waitVisible(page, `a status bar item of the extension with the length${lang === 'zh' ? ' (…字)' : ''}`, ({ prefix, unit }) => {
        const el = [...document.querySelectorAll('.statusbar-item')].find((i) => i.id.startsWith(prefix) && new RegExp(unit).test(i.textContent));
        return el ? { id: el.id, text: el.textContent.trim() } : null;
      }, { prefix: `${manifest.publisher}.${manifest.name}.`, unit: lang === 'zh' ? '\\d+\\s*字' : '\\d' });
      if (!(lang === 'zh' ? /分钟|秒/ : /min|sec|\ds\b/).test(item.text)) throw new Error(`the status bar item "${item.text}" shows no speaking time`);
      await page.locator(`[id="${item.id}"]`).click();
      const title = structureView ? manifestString(structureView.name, locale) : '讲稿结构';
      await waitVisible(page, `the view "${title}" opened by the click`, (title) =>
        [...document.querySelectorAll('.part.sidebar .pane-header')].some((h) => h.textContent.includes(title) && h.getAttribute('aria-expanded') === 'true'), title);
      return `${item.text} (${item.id}), opens "${title}"`;
    });

    await check(page, locale, 'the 讲稿结构 view shows the parts of the speech and each section\'s length', 'structure', async () => {
      if (!structureView) throw new Error('package.json contributes no Explorer view with id jianggao.structure');
      const title = manifestString(structureView.name, locale);
      // The five parts of a speech and each section's length, as the view words them.
      const parts = lang === 'zh' ? ['标题', '称呼', '开场', '主体', '结尾'] : ['Title', 'Salutation', 'Opening', 'Body', 'Closing'];
      const sections = outlineHeadings().map((h) => [h.name, lang === 'zh' ? `${h.chars}字` : `${h.chars} chars`]);
      await showOnlyPane(page, title);
      await waitVisible(page, `rows ${parts.join('/')} and ${sections.map((s) => s.join(' ')).join(' / ')} in the view "${title}"`, ({ title, parts, sections }) => {
        const pane = [...document.querySelectorAll('.part.sidebar .pane')].find((p) => p.querySelector('.pane-header .title')?.textContent.includes(title));
        const rows = [...(pane?.querySelectorAll('.monaco-list-row') ?? [])].map((r) => r.textContent);
        return parts.every((p) => rows.some((r) => r.includes(p))) && sections.every((s) => rows.some((r) => s.every((t) => r.includes(t))));
      }, { title, parts, sections });
      return sections.map((s) => s.join(' ')).join(' / ');
    });

    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: SKELETON.prefix }).first();
    await check(page, locale, `typing "${SKELETON.prefix}" offers the skeleton ${SKELETON.name}`, 'suggestion', async () => {
      await openFromExplorer(page, EMPTY_DRAFT);
      await page.locator(`${ACTIVE_EDITOR} .view-lines`).click();
      await page.keyboard.type(SKELETON.prefix);
      await suggestion.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
        throw new Error(`did not appear within ${TIMEOUT.visible / 1000} s: the suggestion "${SKELETON.prefix}" while typing it (quick suggestions)`);
      });
      return await suggestion.textContent();
    });

    await check(page, locale, `the skeleton ${SKELETON.name} inserted from its snippet`, 'snippet', async () => {
      if (!(await suggestion.isVisible())) {
        // Asked for explicitly, as a writer would when nothing popped up.
        await page.keyboard.press('Control+Space');
        await suggestion.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
          throw new Error(`did not appear: the suggestion "${SKELETON.prefix}" after Ctrl+Space`);
        });
      }
      await suggestion.click();
      const want = snippetText(SKELETON.name).split('\n');
      await waitVisible(page, `the skeleton's lines in the editor: ${want.slice(0, 3).join(' / ')} …`, ({ want, editor }) => {
        const lines = [...document.querySelectorAll(`${editor} .view-lines .view-line`)]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((l) => l.textContent.replace(/\u00a0/g, ' '));
        // Word wrap splits long lines over several view lines: compare the text, in order.
        return lines.join('') === want.join('');
      }, { want, editor: ACTIVE_EDITOR });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      // The inserted skeleton is checked at once: its unfilled 【待补充】 parts are flagged.
      const skeletonFile = path.join(os.tmpdir(), `jianggao-skeleton-${process.pid}.speech`);
      fs.writeFileSync(skeletonFile, want.join('\n'));
      const findings = cliJson(['check', '--format', 'json', '--lang', lang, skeletonFile])[0].diagnostics;
      fs.rmSync(skeletonFile);
      await waitVisible(page, `Problems: ${findings.length} findings for ${EMPTY_DRAFT} (${[...new Set(findings.map((f) => f.rule))].join(', ')})`, ({ file, count }) =>
        [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes(file) && r.textContent.trim().endsWith(String(count))),
        { file: EMPTY_DRAFT, count: findings.length });
      return `${want.length} lines, from "${want[0]}"; Problems lists its ${findings.length} unfilled parts`;
    });

    await check(page, locale, 'a Word document in the workspace opens as a read-only speech with its findings', 'word', async () => {
      // Checked with the workspace's other drafts, as the editor does (reused-paragraph compares them).
      const findings = cliJson(['check', '--format', 'json', '--lang', lang, profile.workspace]).find((f) => f.file.endsWith(WORD_DRAFT)).diagnostics;
      if (!findings.length) throw new Error(`the checker reports nothing in ${WORD_DRAFT}`);
      const command = manifest.contributes.commands.find((c) => c.command === 'jianggao.openWordDocument');
      const title = manifestString(command.title, locale);
      await showOnlyPane(page, WORKSPACE_FOLDER);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: WORD_DRAFT }).click({ button: 'right' });
      // VS Code's context menu acts on the focused item: hover it, then Enter.
      await page.locator('.monaco-menu .action-item', { hasText: title }).first().hover();
      await page.keyboard.press('Enter');
      await waitVisible(page, `the editor tab of ${WORD_DRAFT}`, (name) =>
        document.querySelector('.part.editor .tab.active')?.textContent.includes(name), WORD_DRAFT);
      const first = await waitVisible(page, `the draft's first line in the editor: ${fs.readFileSync(path.join(profile.workspace, DRAFT), 'utf8').split('\n')[0]}`, ({ editor, line }) =>
        [...document.querySelectorAll(`${editor} .view-lines .view-line`)].some((l) => l.textContent.replace(/\u00a0/g, ' ').includes(line)) && line,
      { editor: ACTIVE_EDITOR, line: fs.readFileSync(path.join(profile.workspace, DRAFT), 'utf8').split('\n')[0] });
      await waitVisible(page, 'a squiggle in the Word document\'s speech view', (editor) =>
        document.querySelectorAll(`${editor} .squiggly-warning, ${editor} .squiggly-info, ${editor} .squiggly-error`).length > 0, ACTIVE_EDITOR);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      await waitVisible(page, `Problems: ${findings.length} findings for ${WORD_DRAFT}`, ({ file, count }) =>
        [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes(file) && r.textContent.trim().endsWith(String(count))),
      { file: WORD_DRAFT, count: findings.length });
      // Read-only: typing changes nothing.
      await page.locator(`${ACTIVE_EDITOR} .view-lines`).click();
      await page.keyboard.type('改');
      const typed = await page.$$eval(`${ACTIVE_EDITOR} .view-lines .view-line`, (lines) => lines.some((l) => l.textContent.includes('改')));
      if (typed) throw new Error('the Word document\'s speech view took an edit');
      return `"${first}", ${findings.length} findings in Problems, read-only`;
    });

    await check(page, locale, `${DUPLICATED_DRAFT} (the same paragraph twice) is still checked after an edit: a typed 要要 is flagged`, 'duplicated', async () => {
      const file = path.join(profile.workspace, DUPLICATED_DRAFT);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const twice = lines.findIndex((l, i) => l.length > 20 && lines.indexOf(l, i + 1) > i);
      if (twice < 0) throw new Error(`${DUPLICATED_DRAFT} holds no paragraph twice`);
      // What the checker says of the draft after the two edits below: the first one (a
      // character at the start of the title), then 要要 typed at the start of the paragraph.
      const edited = [...lines];
      edited[0] = '新' + edited[0];
      edited[twice] = '要要' + edited[twice];
      const editedFile = path.join(os.tmpdir(), `jianggao-duplicated-${process.pid}.speech`);
      fs.writeFileSync(editedFile, edited.join('\n'));
      const doubled = cliJson(['check', '--format', 'json', '--lang', lang, editedFile])[0].diagnostics.find((d) => d.rule === 'doubled-word');
      fs.rmSync(editedFile);
      if (!doubled) throw new Error('the checker does not flag the typed 要要');
      await openFromExplorer(page, DUPLICATED_DRAFT);
      const goToLine = async (line) => {
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').fill(`:${line}`);
        await page.keyboard.press('Enter');
      };
      await page.locator(`${ACTIVE_EDITOR} .view-lines`).click();
      await goToLine(1);
      await page.keyboard.type('新');
      await goToLine(twice + 1);
      await page.keyboard.type('要要');
      // Filtered by the message: with several drafts open the row may lie below the panel's fold.
      await problemsFiltered(page, doubled.message);
      const where = `[Ln ${doubled.line}, Col ${doubled.column}]`;
      await waitVisible(page, `Problems: "${doubled.message}" doubled-word ${where} for ${DUPLICATED_DRAFT}`, ({ message, where }) =>
        [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes(message) && r.textContent.includes('doubled-word') && r.textContent.includes(where)),
        { message: doubled.message, where });
      await problemsFiltered(page, '');
      return `${doubled.message} ${where}`;
    });

    await check(page, locale, 'a skeleton inserted into a new untitled file makes it a speech draft, checked at once', 'untitled-skeleton', async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'File: New Untitled Text File');
      await waitVisible(page, 'the editor tab of a new untitled file', () => /Untitled-\d/.test(document.querySelector('.part.editor .tab.active')?.textContent ?? ''));
      const command = manifest.contributes.commands.find((c) => c.command === 'jianggao.insertSkeleton');
      await runCommand(page, `${manifestString(command.category, locale)}: ${manifestString(command.title, locale)}`);
      const label = SKELETON.name.replace(/^讲稿骨架：/, '');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
      const alias = manifest.contributes.languages.find((l) => l.id === 'speech').aliases[0];
      await waitVisible(page, `the status bar language "${alias}" for the untitled draft`, (alias) =>
        [...document.querySelectorAll('.statusbar-item')].some((i) => i.id === 'status.editor.mode' && i.textContent.trim() === alias), alias);
      const want = snippetText(SKELETON.name).split('\n');
      const skeletonFile = path.join(os.tmpdir(), `jianggao-skeleton-${process.pid}.speech`);
      fs.writeFileSync(skeletonFile, want.join('\n'));
      const findings = cliJson(['check', '--format', 'json', '--lang', lang, skeletonFile])[0].diagnostics;
      fs.rmSync(skeletonFile);
      if (!findings.length) throw new Error('the checker reports nothing in the skeleton: nothing to see checked');
      await page.keyboard.press('Escape');
      await problemsCollapsed(page);
      // VS Code names an untitled file by its first line; the other draft holding the same
      // skeleton may add reused-paragraph findings, so at least the checker's own.
      const shown = await waitVisible(page, `Problems: at least ${findings.length} findings for the untitled draft "${want[0]}"`, ({ name, count }) => {
        const row = [...document.querySelectorAll('.markers-panel .monaco-list-row')].find((r) => r.querySelector('.label-name')?.textContent.trim() === name);
        const n = Number(/(\d+)\s*$/.exec(row?.textContent.trim() ?? '')?.[1] ?? 0);
        return n >= count ? n : null;
      }, { name: want[0], count: findings.length });
      return `language ${alias}; Problems lists ${shown} findings for the untitled "${want[0]}"`;
    });

    const pastedPath = path.join(profile.workspace, PASTED_DRAFT);
    const pasted = cliJson(['check', '--format', 'json', '--lang', lang, pastedPath])[0].diagnostics.filter((d) => d.rule === 'pasted-character');
    await check(page, locale, 'a pasted draft: the 　　 indents are not boxed, the Kangxi ⼀ in the body is flagged', 'pasted-flagged', async () => {
      if (pasted.length !== 1) throw new Error(`the checker reports ${pasted.length} pasted characters in ${PASTED_DRAFT}, the fixture holds one`);
      const [d] = pasted;
      const word = fs.readFileSync(pastedPath, 'utf8').split('\n')[d.line - 1].slice(d.column - 1, d.endColumn - 1);
      await page.keyboard.press('Escape');
      await openFromExplorer(page, PASTED_DRAFT);
      await waitVisible(page, `a .squiggly-${d.severity} decoration under "${word}" (line ${d.line})`, squiggleUnder, { editor: ACTIVE_EDITOR, word, line: d.line, severity: d.severity });
      // VS Code's own unicode highlighting would box every 　 indent (and explain it in English).
      const indented = await page.$$eval(`${ACTIVE_EDITOR} .view-lines .view-line`, (rows) => rows.filter((r) => r.textContent.startsWith('\u3000\u3000')).length);
      if (!indented) throw new Error(`no line of ${PASTED_DRAFT} is shown with its 　　 indent`);
      const boxed = await page.$$eval(`${ACTIVE_EDITOR} .unicode-highlight`, (els) => els.map((e) => e.textContent));
      if (boxed.length) throw new Error(`VS Code boxes ${boxed.length} characters: ${JSON.stringify(boxed)}`);
      await problemsFiltered(page, 'U+2F00');
      await waitVisible(page, `Problems: "${d.message}"`, (msg) => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes(msg)), d.message);
      await problemsFiltered(page, '');
      return `"${word}" (U+${word.codePointAt(0).toString(16).toUpperCase()}) flagged; ${indented} lines indented with 　　, no .unicode-highlight box in the editor`;
    });

    await check(page, locale, '"清理粘贴文本" replaces the Kangxi ⼀ by 一 and says so', 'pasted-cleaned', async () => {
      const command = manifest.contributes.commands.find((c) => c.command === 'jianggao.cleanPastedText');
      if (!command) throw new Error('package.json contributes no jianggao.cleanPastedText');
      await page.locator(`${ACTIVE_EDITOR} .view-lines`).click();
      await runCommand(page, `${manifestString(command.category, locale)}: ${manifestString(command.title, locale)}`);
      // Only the flagged characters change (NFKC of the whole text would also turn the 　 indents into spaces).
      const lines = fs.readFileSync(pastedPath, 'utf8').split('\n');
      for (const d of pasted) lines[d.line - 1] = lines[d.line - 1].slice(0, d.column - 1) + lines[d.line - 1].slice(d.column - 1, d.endColumn - 1).normalize('NFKC') + lines[d.line - 1].slice(d.endColumn - 1);
      const cleaned = lines.join('');
      await waitVisible(page, 'the editor text with 一 (U+4E00) where ⼀ stood, nothing else changed', ({ editor, cleaned }) => {
        const shown = [...document.querySelectorAll(`${editor} .view-lines .view-line`)].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('');
        return shown === cleaned;
      }, { editor: ACTIVE_EDITOR, cleaned });
      const said = lang === 'zh' ? `已清理粘贴带来的字符：改动 ${pasted.length} 处。` : `Pasted text cleaned: ${pasted.length} change${pasted.length === 1 ? '' : 's'}.`;
      await waitVisible(page, `the notification "${said}"`, (said) => [...document.querySelectorAll('.notifications-toasts .notification-toast')].some((t) => t.textContent.includes(said)), said);
      const word = '前一阶段';
      await waitVisible(page, `no squiggle under "${word}" any more`, squiggleUnder, { editor: ACTIVE_EDITOR, word, line: pasted[0].line, severity: pasted[0].severity, absent: true });
      return said;
    });

    await check(page, locale, 'a .txt that reads like a speech: offered once, then checked as 讲话稿', 'txt-draft', async () => {
      await page.keyboard.press('Escape');
      await openFromExplorer(page, TXT_DRAFT);
      const yes = lang === 'zh' ? '检查' : 'Check them';
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: TXT_DRAFT });
      await toast.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
        throw new Error(`did not appear: the offer to check .txt drafts naming ${TXT_DRAFT}`);
      });
      const offer = (await toast.textContent()).trim();
      await toast.locator('.monaco-button', { hasText: new RegExp(`^${yes}$`) }).click();
      const alias = manifest.contributes.languages.find((l) => l.id === 'speech').aliases[0];
      await waitVisible(page, `the status bar language "${alias}" for ${TXT_DRAFT}`, (alias) =>
        [...document.querySelectorAll('.statusbar-item')].some((i) => i.id === 'status.editor.mode' && i.textContent.trim() === alias), alias);
      const findings = cliJson(['check', '--format', 'json', '--lang', lang, path.join(profile.workspace, TXT_DRAFT)])[0].diagnostics;
      if (!findings.length) throw new Error(`the checker reports nothing in ${TXT_DRAFT}: nothing to see checked`);
      for (const f of findings) {
        await problemsFiltered(page, f.message);
        await waitVisible(page, `Problems: "${f.message}" under ${TXT_DRAFT}`, ({ file, message }) => {
          const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent);
          return rows.some((r) => r.includes(file)) && rows.some((r) => r.includes(message));
        }, { file: TXT_DRAFT, message: f.message });
      }
      await problemsFiltered(page, '');
      const status = await waitVisible(page, `the status bar item with the length of ${TXT_DRAFT}`, ({ prefix, unit }) => {
        const el = [...document.querySelectorAll('.statusbar-item')].find((i) => i.id.startsWith(prefix) && new RegExp(unit).test(i.textContent));
        return el ? el.textContent.trim() : null;
      }, { prefix: `${manifest.publisher}.${manifest.name}.`, unit: lang === 'zh' ? '\\d+\\s*字' : '\\d+ chars' });
      return `offer: "${offer.slice(0, 60)}…"; ${alias}, ${findings.map((f) => f.rule).join(', ')}; status bar: ${status}`;
    });

    await check(page, locale, '"在此处忽略" silences the finding through .jianggao.json and leaves the speech text untouched', 'ignore-here', async () => {
      const placeholder = expected.find((d) => d.rule === 'placeholder');
      const text = fs.readFileSync(draftPath, 'utf8');
      const word = text.split('\n')[placeholder.line - 1].slice(placeholder.column - 1, placeholder.endColumn - 1);
      await page.keyboard.press('Escape');
      await openFromExplorer(page, DRAFT);
      const box = await waitVisible(page, `the squiggle under "${word}"`, squiggleUnder, { editor: ACTIVE_EDITOR, word, line: placeholder.line, severity: placeholder.severity });
      await page.mouse.click(box.x, box.y);
      await page.keyboard.press('Control+.');
      const title = lang === 'zh' ? `在此处忽略「${analysis().ruleTitle(analysis().RULE_BY_ID.get('placeholder'), 'zh')}」` : `Ignore “${analysis().ruleTitle(analysis().RULE_BY_ID.get('placeholder'), 'en')}” here`;
      const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
      await item.waitFor({ state: 'visible', timeout: TIMEOUT.visible }).catch(() => {
        throw new Error(`did not appear: the quick fix "${title}" (Ctrl+.)`);
      });
      const menu = await page.$$eval('.action-widget .monaco-list-row', (rows) => rows.map((r) => r.textContent.trim()).filter(Boolean));
      // Chosen with the keyboard, as the menu is used (a pointer block covers it while it opens).
      for (let i = 0; i < menu.length + 1; i++) {
        const focused = await page.$eval('.action-widget .monaco-list-row.focused', (r) => r.getAttribute('aria-label')).catch(() => null);
        if (focused === title) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await waitVisible(page, `no squiggle under "${word}" any more`, squiggleUnder, { editor: ACTIVE_EDITOR, word, line: placeholder.line, severity: placeholder.severity, absent: true });
      const shown = await page.evaluate(EDITOR_TEXT, ACTIVE_EDITOR);
      if (shown !== text.replace(/\n/g, '')) throw new Error(`the editor's text changed:\n${shown}`);
      if (await page.locator('.part.editor .tab.active.dirty').count()) throw new Error(`${DRAFT} has unsaved changes`);
      if (fs.readFileSync(draftPath, 'utf8') !== text) throw new Error(`${DRAFT} changed on disk`);
      const config = JSON.parse(fs.readFileSync(path.join(profile.workspace, '.jianggao.json'), 'utf8'));
      const entry = config.ignores?.find((e) => e.rule === 'placeholder' && e.text === word);
      if (!entry) throw new Error(`.jianggao.json holds no ignore of "${word}": ${JSON.stringify(config)}`);
      if (menu.some((m) => lang === 'zh' && /[a-z]+-[a-z]+|placeholder/.test(m))) throw new Error(`a rule id in the Chinese quick-fix menu: ${menu.join(' | ')}`);
      return `menu: ${menu.join(' | ')}; .jianggao.json: ${JSON.stringify(entry)}`;
    });
  } finally {
    await context.close();
    await server.stop();
    if (process.env.JIANGGAO_BROWSER_KEEP) console.log(`[${locale}] profile kept in ${profile.base}`);
    else fs.rmSync(profile.base, { recursive: true, force: true });
    console.log(`[${locale}] session done in ${seconds(t0)}`);
  }
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const f of fs.readdirSync(RESULTS)) if (f.endsWith('.png')) fs.rmSync(path.join(RESULTS, f));
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER_DIR}: run scripts/setup-code-server.sh`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: run scripts/setup-code-server.sh (it installs Debian's chromium)`);

  // The checker's own answers (dist/cli.js) say what the editor should show: build it first.
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed (see above)');
  let t0 = Date.now();
  const vsix = packageVsix();
  console.log(`packaged in ${seconds(t0)}: ${path.relative(root, vsix)}`);

  t0 = Date.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !process.env.JIANGGAO_BROWSER_HEADED,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const locales = (process.env.JIANGGAO_BROWSER_LOCALES || 'zh-cn,en').split(',');
    for (const locale of locales) await session(browser, vsix, locale);
  } finally {
    await browser.close();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\nscreenshots in ${path.relative(root, RESULTS)}/; editor sessions ${seconds(t0)}, total ${seconds(started)}`);
  for (const f of failed) console.log(`FAILED [${f.locale}] ${f.name}`);
  console.log(`browser: ${results.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length || results.length === 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`test:browser: ${e.message}`);
  process.exitCode = 1;
});
