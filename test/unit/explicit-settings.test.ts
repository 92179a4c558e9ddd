// The VS Code client tells the server only the settings the writer made, so "显示生效的配置"
// and the status bar never credit a default (or a .jianggao.json value) to the editor settings.
import assert from 'node:assert/strict';
import { explicitSettings, Inspected } from '../../client/src/explicitSettings';

describe('explicit editor settings', () => {
  it('keeps what was set at any level and leaves the defaults out', () => {
    const values = { speakingRate: 200, targetMinutes: 20, rules: { placeholder: 'error' }, focusMode: false, codeLens: true, debounceMs: 250 };
    const inspected: Record<string, Inspected> = {
      speakingRate: {},
      targetMinutes: { workspaceValue: 20 },
      rules: { globalValue: { placeholder: 'error' } },
      focusMode: { workspaceFolderValue: false },
      codeLens: {},
      debounceMs: { globalLanguageValue: 250 },
    };
    assert.deepEqual(explicitSettings(values, (k) => inspected[k]), { targetMinutes: 20, rules: { placeholder: 'error' }, focusMode: false, debounceMs: 250 });
  });

  it('leaves out what cannot be inspected', () => {
    assert.deepEqual(explicitSettings({ trace: { server: 'off' } }, () => undefined), {});
  });
});
