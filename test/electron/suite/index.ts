// Entry point that VS Code's extension host loads (extensionTestsPath): runs the mocha suite
// inside the editor and rejects when any test fails, so the runner exits non-zero. With
// JIANGGAO_SUITE_REPORT set, each result is also appended to that file: in code-server the
// extension host's console goes nowhere the runner can read.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, reporter: 'spec' });
  mocha.addFile(path.resolve(__dirname, 'extension.test.js'));
  const report = process.env.JIANGGAO_SUITE_REPORT;
  const note = (line: string) => report && fs.appendFileSync(report, line + '\n');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      note(`${failures} failing`);
      if (failures) reject(new Error(`${failures} VS Code test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => note(`  ✓ ${t.fullTitle()}`));
    runner.on('pending', (t) => note(`  - ${t.fullTitle()} (pending)`));
    runner.on('fail', (t, err: Error) => note(`  ✗ ${t.fullTitle()}\n      ${String(err?.stack ?? err).split('\n').slice(0, 8).join('\n      ')}`));
  });
}
