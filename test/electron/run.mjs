// `npm run test:electron`: the mocha suite in test/electron/suite, run inside a real VS Code by
// @vscode/test-electron, on the fixture workspace test/electron/workspace.
//
// VS Code comes from $VSCODE_EXECUTABLE, a usual install location, or a download. When none
// can be had (no installation and no internet), it says so and exits with code 3: the suite
// did not run, which is neither a pass nor a test failure. Test failures exit with code 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'client.js'))) {
    console.error('dist/client.js is missing: run `npm run build` first.');
    process.exit(2);
  }
  await buildSuite();

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
