// What the status bar and the structure view say about length and speaking time, in Chinese
// and in English, from the numbers the server sends (jianggao/stats).
import assert from 'node:assert/strict';
import { statusText, statusTooltip, lengthOf, draftTime } from '../../client/src/format';
import type { StatsResponse } from '../../server/src/protocol';

const stats = (over: Partial<StatsResponse> = {}): StatsResponse => ({
  chars: 6520, minutes: 6520 / 200, rate: 200, targetMinutes: 0, overTarget: false, ...over,
});

describe('status bar and structure view text', () => {
  it('reads the draft as characters and whole minutes', () => {
    assert.equal(statusText(stats(), 'zh'), '讲稿 6,520字 · 约33分钟');
    assert.equal(statusText(stats(), 'en'), 'Speech 6,520 chars · ~33 min');
    assert.equal(statusText(stats({ chars: 150, minutes: 0.75 }), 'zh'), '讲稿 150字 · 45秒');
  });

  it('adds the selection in minutes and seconds', () => {
    const s = stats({ selectionChars: 300, selectionMinutes: 1.5 });
    assert.equal(statusText(s, 'zh'), '讲稿 6,520字 · 约33分钟 ｜ 选中 300字 · 1分30秒');
    assert.equal(statusText(s, 'en'), 'Speech 6,520 chars · ~33 min | Selection 300 chars · 1 min 30 s');
  });

  it('warns when the draft runs over the target, and says by how much', () => {
    const s = stats({ targetMinutes: 20, overTarget: true });
    assert.equal(statusText(s, 'zh'), '$(warning) 讲稿 6,520字 · 约32分36秒（目标20分钟）');
    assert.match(statusTooltip(s, 'zh'), /目标 20 分钟，\*\*超出约 12分36秒\*\*/);
    assert.match(statusTooltip(stats({ targetMinutes: 40 }), 'en'), /Target: within 40 min/);
    assert.match(statusTooltip(stats(), 'zh'), /语速 200 字\/分钟/);
  });

  it('never reads as on target when it is over: minutes and seconds, and by how much', () => {
    // 685 characters at 200 a minute: 3 min 25.5 s against a 3-minute slot (issue 11).
    const s = stats({ chars: 685, minutes: 685 / 200, targetMinutes: 3, overTarget: true });
    assert.equal(statusText(s, 'zh'), '$(warning) 讲稿 685字 · 约3分26秒（目标3分钟）');
    assert.equal(statusText(s, 'en'), '$(warning) Speech 685 chars · ~3 min 26 s (target 3 min)');
    assert.match(statusTooltip(s, 'zh'), /\*\*全文\*\* 685 字，约 3分26秒/);
    assert.match(statusTooltip(s, 'zh'), /超出约 26秒/);
    // A fraction of a second over is still over: not 3分钟, not “over by 0 s”.
    const barely = stats({ chars: 602, minutes: 602 / 200.6, rate: 200.6, targetMinutes: 3, overTarget: true });
    assert.ok(barely.minutes > 3 && barely.minutes * 60 - 180 < 0.5);
    assert.equal(statusText(barely, 'zh'), '$(warning) 讲稿 602字 · 约3分1秒（目标3分钟）');
    assert.match(statusTooltip(barely, 'zh'), /超出约 1秒/);
    // Under the target the draft reads in whole minutes, as before.
    assert.equal(statusText(stats({ chars: 500, minutes: 2.5, targetMinutes: 3 }), 'zh'), '讲稿 500字 · 约3分钟');
  });

  it('gives each section its length and time', () => {
    assert.equal(lengthOf(2100, 10.5, 'zh'), '2,100字 · 10分30秒');
    assert.equal(lengthOf(2100, 10.5, 'en'), '2,100 chars · 10 min 30 s');
    assert.equal(draftTime(20, 'zh'), '约20分钟');
  });
});

describe('the status bar tooltip names where the rate and the target were set', () => {
  const base = { chars: 600, minutes: 2.5, rate: 240, targetMinutes: 0, overTarget: false };
  it('a rate from .jianggao.json is credited to that file, not to the editor setting', () => {
    const tip = statusTooltip({ ...base, rateFrom: { kind: 'file', file: '/ws/.jianggao.json' }, targetFrom: { kind: 'default' } }, 'zh');
    assert.match(tip, /语速 240 字\/分钟（来自 `\.jianggao\.json`：\/ws\/\.jianggao\.json）/);
    assert.doesNotMatch(tip, /语速[^\n]*jianggao\.speakingRate/);
    assert.match(tip, /未设目标时长（默认值，可在设置 `jianggao\.targetMinutes` 或 `\.jianggao\.json` 中修改）/);
  });

  it('a rate and a target from the editor settings name the settings; English too', () => {
    const s = { ...base, rate: 220, targetMinutes: 20, rateFrom: { kind: 'editor' as const }, targetFrom: { kind: 'editor' as const } };
    assert.match(statusTooltip(s, 'zh'), /语速 220 字\/分钟（设置 `jianggao\.speakingRate`）/);
    assert.match(statusTooltip(s, 'zh'), /目标 20 分钟以内（设置 `jianggao\.targetMinutes`）/);
    assert.match(statusTooltip({ ...s, targetFrom: { kind: 'file', file: 'C:\\ws\\.jianggao.json' } }, 'en'), /Target: within 20 min \(from `\.jianggao\.json`: C:\\ws\\\.jianggao\.json\)/);
    assert.match(statusTooltip({ ...base, rateFrom: { kind: 'default' } }, 'en'), /Speaking rate 240 characters a minute \(default; set it in `jianggao\.speakingRate` or `\.jianggao\.json`\)/);
  });
});
