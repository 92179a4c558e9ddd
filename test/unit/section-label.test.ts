// The 讲稿结构 row of a section keeps its figures visible however long the heading is.
import assert from 'node:assert/strict';
import { sectionRowLabel } from '../../client/src/sectionLabel';

describe('structure view section rows', () => {
  it('lead with the length and time, then the heading whole', () => {
    const long = '一、坚持以高质量发展为统领，奋力推动全市经济社会发展再上新台阶';
    assert.equal(sectionRowLabel(long, 1234, 1234 / 200, 'zh'), `1,234字 · 6分10秒\u3000${long}`);
    assert.equal(sectionRowLabel('一、提高认识', 59, 59 / 200, 'en'), '59 chars · 18 s  一、提高认识');
  });

  it('show a heading alone when it has no text of its own, and collapse its spaces', () => {
    assert.equal(sectionRowLabel('一、总体要求', 0, 0, 'zh'), '一、总体要求');
    assert.equal(sectionRowLabel('一是  抓项目', 12, 0.06, 'zh'), '12字 · 4秒\u3000一是 抓项目');
    assert.equal(sectionRowLabel('', 0, 0, 'zh'), '…');
  });
});
