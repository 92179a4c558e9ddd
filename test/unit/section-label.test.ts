// The 讲稿结构 row of a long heading leaves room for the section's figures.
import assert from 'node:assert/strict';
import { sectionLabel, SECTION_LABEL_COLUMNS } from '../../client/src/sectionLabel';

describe('structure view section labels', () => {
  it('keeps a short heading whole', () => {
    assert.equal(sectionLabel('一、提高认识'), '一、提高认识');
    assert.equal(sectionLabel('一是 抓项目'), '一是 抓项目');
  });

  it('cuts a long heading to the width that leaves the figures on the row, without a dangling comma', () => {
    const long = '一、坚持以高质量发展为统领，奋力推动全市经济社会发展再上新台阶';
    const label = sectionLabel(long);
    assert.ok(label.endsWith('…'), label);
    assert.ok(long.startsWith(label.slice(0, -1)));
    assert.ok((label.length - 1) * 2 <= SECTION_LABEL_COLUMNS, label);
    assert.equal(sectionLabel('一、提高政治站位，增强责任意识担当'), '一、提高政治站位…');
  });

  it('counts Latin letters and digits as half a Chinese character', () => {
    assert.equal(sectionLabel('1. GDP growth of 5 percent this year'), '1. GDP growth of 5 perce…');
  });
});
