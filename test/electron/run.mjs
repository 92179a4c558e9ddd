// `npm run test:electron`: the mocha suite in test/electron/suite, run inside a real VS Code by
// @vscode/test-electron, on the fixture workspace test/electron/workspace.
//
// VS Code comes from $VSCODE_EXECUTABLE, a usual install location, or a download. When none
// can be had (no installation and no internet), it says so and exits with code 3: the suite
// did not run, which is neither a pass nor a test failure. Test failures exit with code 1.
//
// `--code-server` runs the same suite in code-server's VS Code instead (browser workbench,
// Node extension host; installed by scripts/setup-code-server.sh, driven with playwright-core
// and Debian's chromium). That is VS Code, but not its Electron build: the output says so.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/ports.mjs';
import * as esbuild from 'esbuild';
import { runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteOut = path.join(root, '.vscode-test', 'electron-suite');
const workspace = path.join(root, 'test', 'electron', 'workspace');
const NOT_RUN = 3;

/** The Electron executable of an installed VS Code, if there is one. */
function localVSCode() {
  const fromEnv = process.env.VSCODE_EXECUTABLE;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) {
      console.error(`VSCODE_EXECUTABLE=${fromEnv} does not exist.`);
      process.exit(NOT_RUN);
    }
    return fromEnv;
  }
  const home = os.homedir();
  const candidates = {
    linux: ['/usr/share/code/code', '/usr/lib/code/code', '/opt/visual-studio-code/code', '/snap/code/current/usr/share/code/code', '/var/lib/flatpak/app/com.visualstudio.code/current/active/files/extra/vscode/code'],
    darwin: ['/Applications/Visual Studio Code.app/Contents/MacOS/Electron', path.join(home, 'Applications/Visual Studio Code.app/Contents/MacOS/Electron')],
    win32: [path.join(process.env.LOCALAPPDATA ?? '', 'Programs/Microsoft VS Code/Code.exe'), path.join(process.env.ProgramFiles ?? 'C:/Program Files', 'Microsoft VS Code/Code.exe')],
  }[process.platform] ?? [];
  return candidates.find((p) => fs.existsSync(p));
}

async function buildSuite() {
  fs.rmSync(suiteOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'test/electron/suite/index.ts'), path.join(root, 'test/electron/suite/extension.test.ts')],
    outdir: suiteOut,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: true,
    // VS Code provides `vscode`; mocha is loaded from the project's node_modules.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}


/** The suite in code-server: extensionDevelopmentPath/extensionTestsPath go in the URL's payload. */
async function runInCodeServer() {
  const dir = process.env.JIANGGAO_CODE_SERVER_DIR || path.join(os.homedir(), '.cache/jianggao/code-server');
  const entry = path.join(dir, 'node_modules/code-server/out/node/entry.js');
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  for (const [what, file] of [['code-server (scripts/setup-code-server.sh installs it)', entry], ['chromium', chromiumPath]]) {
    if (!fs.existsSync(file)) {
      console.error(`The VS Code test suite did NOT run: ${what} is not at ${file}. This is not a pass (exit code 3).`);
      process.exit(NOT_RUN);
    }
  }
  const { chromium } = await import('playwright-core');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-suite-'));
  const data = path.join(base, 'data');
  const report = path.join(base, 'report.txt');
  const ws = path.join(base, 'workspace');
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  // A copy: the suite edits drafts (and reverts them), the fixtures in the repository stay as they are.
  fs.cpSync(workspace, ws, { recursive: true });
  fs.writeFileSync(path.join(data, 'User/settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'git.enabled': false,
  }));
  const port = await freePort();
  const server = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', data,
    '--extensions-dir', path.join(base, 'extensions'), '--disable-telemetry', '--disable-update-check', ws], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    // The extension host inherits the server's environment: the suite writes its results here.
    env: { ...process.env, JIANGGAO_SUITE_REPORT: report },
  });
  let browser;
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
      server.stdout.on('data', (d) => /HTTP server listening/.test(String(d)) && (clearTimeout(timer), resolve()));
      server.on('exit', (code) => reject(new Error(`code-server exited with code ${code}`)));
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    const page = await browser.newPage();
    let exited;
    const exitCode = new Promise((resolve) => (exited = resolve));
    // The workbench calls this when the extension tests end.
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(suiteOut, 'index.js'))],
    ]);
    console.log(`Running the suite in code-server's VS Code (browser workbench, Node extension host) on port ${port}…`);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
    let timer;
    const code = await Promise.race([exitCode, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 10 * 60_000)))]);
    clearTimeout(timer);
    if (fs.existsSync(report)) process.stdout.write(fs.readFileSync(report, 'utf8'));
    if (code === 0 && fs.existsSync(report)) {
      console.log('The VS Code test suite passed in code-server (VS Code for the browser, not Electron).');
    } else {
      console.error(code === 'timeout' ? 'The suite did not finish within 10 minutes.' : `The VS Code test suite failed (exit code ${code}).`);
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    fs.rmSync(base, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'client.js'))) {
    console.error('dist/client.js is missing: run `npm run build` first.');
    process.exit(2);
  }
  await buildSuite();
  if (process.argv.includes('--code-server')) return runInCodeServer();

  let vscodeExecutablePath = localVSCode();
  if (vscodeExecutablePath) {
    console.log(`Using the local VS Code at ${vscodeExecutablePath}`);
  } else {
    const version = process.env.VSCODE_VERSION || 'stable';
    console.log(`No local VS Code found (set VSCODE_EXECUTABLE to use one); downloading VS Code ${version}…`);
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(root, '.vscode-test'), timeout: 30_000 });
    } catch (e) {
      console.error([
        '',
        'The VS Code test suite did NOT run: VS Code is not available on this machine.',
        '  - no local installation was found (set VSCODE_EXECUTABLE to the VS Code executable to use one), and',
        `  - downloading VS Code ${version} failed: ${e instanceof Error ? e.message : String(e)}`,
        'This is not a pass. Exit code 3 means "not run"; test failures exit with 1.',
      ].join('\n'));
      process.exit(NOT_RUN);
    }
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('No X display: if VS Code fails to start, run `xvfb-run -a npm run test:electron`.');
  }
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'jianggao-vscode-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(suiteOut, 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userData}`,
      ],
    });
    console.log('The VS Code test suite passed.');
  } catch (e) {
    console.error(`The VS Code test suite failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

await main();
