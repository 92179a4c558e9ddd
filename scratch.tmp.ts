import * as fs from 'fs';
import { Document, Packer, Paragraph, TextRun, LevelFormat, AlignmentType } from 'docx';
import { readDocx } from './server/src/word/read';
(async () => {
  const doc = new Document({
    numbering: { config: [{ reference: 'speech', levels: [
      { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
      { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
      { level: 2, format: LevelFormat.DECIMAL, text: '%3.', alignment: AlignmentType.LEFT },
    ] }] },
    sections: [{ children: [
      new Paragraph('在全市工作会议上的讲话'),
      new Paragraph('同志们：'),
      new Paragraph({ text: '充分肯定成绩', numbering: { reference: 'speech', level: 0 } }),
      new Paragraph({ text: '责任体系更加健全。', numbering: { reference: 'speech', level: 1 } }),
      new Paragraph({ text: '抓好安全。', numbering: { reference: 'speech', level: 2 } }),
      new Paragraph({ text: '抓好交通。', numbering: { reference: 'speech', level: 2 } }),
      new Paragraph({ text: '专项整治扎实推进。', numbering: { reference: 'speech', level: 1 } }),
      new Paragraph({ text: '明确任务', numbering: { reference: 'speech', level: 0 } }),
      new Paragraph({ text: '深化整治。', numbering: { reference: 'speech', level: 1 } }),
    ] }],
  });
  const buf = await Packer.toBuffer(doc);
  fs.writeFileSync('/tmp/i13/t1.docx', buf);
  const r = readDocx(buf);
  console.log(r.ok ? r.document.text : r.problem);
})();
