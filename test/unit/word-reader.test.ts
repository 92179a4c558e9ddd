// The .docx reader on WordprocessingML written here, one feature at a time: automatic
// numbering (formats, lvlText, start, restarts, overrides, style-linked lists), tracked
// changes, fields, hidden text, what is skipped and said, and where each line comes from.
import assert from 'node:assert/strict';
import { readDocx, WordDocument } from '../../server/src/word/read';
import { formatNumber } from '../../server/src/word/numbering';
import { buildDocx, p, numPr, lvl, PackageParts } from '../helpers/word';

function read(parts: PackageParts): WordDocument {
  const r = readDocx(buildDocx(parts));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problem));
  return r.document;
}

const lines = (parts: PackageParts) => read(parts).text.split('\n');

/** The speech ladder as Chinese drafts set it up in Word: 一、 （一） 1. （1） ①. */
const LADDER = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}${lvl(3, 'decimal', '（%4）')}${lvl(4, 'decimalEnclosedCircle', '%5')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;

describe('the .docx reader', () => {
  describe('automatic numbering', () => {
    it('renders the speech ladder with per-parent restarts', () => {
      const body = [
        p('在全市工作会议上的讲话'), p('同志们：'),
        p('充分肯定成绩', numPr(1, 0)), p('责任体系更加健全。', numPr(1, 1)), p('抓好安全。', numPr(1, 2)), p('抓好交通。', numPr(1, 2)),
        p('一是压实责任。', numPr(1, 3)), p('细化清单。', numPr(1, 4)), p('明确分工。', numPr(1, 4)),
        p('专项整治扎实推进。', numPr(1, 1)), p('聚焦重点。', numPr(1, 2)),
        p('明确任务', numPr(1, 0)), p('深化整治。', numPr(1, 1)),
      ].join('');
      assert.deepEqual(lines({ body, numbering: LADDER }), [
        '在全市工作会议上的讲话', '同志们：', '一、充分肯定成绩', '（一）责任体系更加健全。', '1.抓好安全。', '2.抓好交通。',
        '（1）一是压实责任。', '①细化清单。', '②明确分工。', '（二）专项整治扎实推进。', '1.聚焦重点。', '二、明确任务', '（一）深化整治。',
      ]);
    });

    it('formats every number format Chinese drafts use', () => {
      const cases: Array<[string, number, string]> = [
        ['chineseCounting', 1, '一'], ['chineseCounting', 10, '十'], ['chineseCounting', 11, '十一'], ['chineseCounting', 20, '二十'], ['chineseCounting', 21, '二十一'],
        ['chineseCountingThousand', 9, '九'], ['chineseCountingThousand', 15, '十五'], ['chineseCountingThousand', 101, '一百零一'], ['chineseCountingThousand', 110, '一百一十'],
        ['taiwaneseCountingThousand', 3, '三'], ['ideographTraditional', 1, '甲'], ['ideographTraditional', 10, '癸'], ['ideographZodiac', 12, '亥'],
        ['decimal', 7, '7'], ['decimalZero', 7, '07'], ['decimalFullWidth', 12, '１２'], ['decimalEnclosedCircle', 1, '①'], ['decimalEnclosedCircle', 20, '⑳'],
        ['decimalEnclosedCircleChinese', 3, '③'], ['decimalEnclosedParen', 2, '⑵'], ['decimalEnclosedFullstop', 3, '⒊'], ['ideographEnclosedCircle', 1, '㊀'],
        ['chineseLegalSimplified', 12, '壹拾贰'], ['chineseLegalSimplified', 10, '壹拾'], ['ideographDigital', 10, '一〇'], ['upperRoman', 14, 'XIV'], ['lowerLetter', 28, 'bb'],
      ];
      for (const [format, n, want] of cases) assert.equal(formatNumber(n, format), want, `${format} ${n}`);
    });

    it('honours start, lvlText with several levels, and legal numbering', () => {
      const numbering = `<w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1部分"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%3 "/></w:lvl></w:abstractNum>
        <w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num>`;
      assert.deepEqual(lines({ body: p('甲', numPr(4, 0)) + p('乙', numPr(4, 1)) + p('丙', numPr(4, 2)) + p('丁', numPr(4, 0)), numbering }), ['第三部分甲', '三.1乙', '3.1.1 丙', '第四部分丁']);
    });

    it('continues one abstract list across instances, restarts where startOverride says', () => {
      const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}</w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;
      const body = p('甲', numPr(1)) + p('乙', numPr(1)) + p('正文') + p('丙', numPr(2)) + p('丁', numPr(3)) + p('戊', numPr(3));
      assert.deepEqual(lines({ body, numbering }), ['一、甲', '二、乙', '正文', '三、丙', '一、丁', '二、戊']);
    });

    it('takes a whole level from lvlOverride', () => {
      const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}</w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">${lvl(0, 'chineseCounting', '%1、')}</w:lvlOverride></w:num>`;
      assert.deepEqual(lines({ body: p('甲', numPr(1)) + p('乙', numPr(1)), numbering }), ['一、甲', '二、乙']);
    });

    it('keeps a deeper level counting when lvlRestart says 0 (never restart)', () => {
      const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'decimal', '%2.', '<w:lvlRestart w:val="0"/>')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
      assert.deepEqual(lines({ body: p('甲', numPr(1, 0)) + p('a', numPr(1, 1)) + p('乙', numPr(1, 0)) + p('b', numPr(1, 1)), numbering }), ['一、甲', '1.a', '二、乙', '2.b']);
    });

    it('finds numbering through the paragraph style, its basedOn chain and the level linked to a style', () => {
      const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、', '<w:pStyle w:val="H1"/>')}${lvl(1, 'chineseCounting', '（%2）', '<w:pStyle w:val="H2"/>')}</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>`;
      const styles = `<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="H1"/></w:style>`;
      const body = p('甲', '<w:pStyle w:val="H1"/>') + p('子', '<w:pStyle w:val="H2"/>') + p('丑', '<w:pStyle w:val="H2"/>') + p('乙', '<w:pStyle w:val="MyHeading"/>') + p('不编号', `<w:pStyle w:val="H1"/>${numPr(0)}`);
      assert.deepEqual(lines({ body, numbering, styles }), ['一、甲', '（一）子', '（二）丑', '二、乙', '不编号']);
    });

    it('follows a numbering style link (numStyleLink)', () => {
      const numbering = `<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="SpeechList"/>${lvl(0, 'chineseCounting', '%1、')}</w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="SpeechList"/></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`;
      const styles = '<w:style w:type="numbering" w:styleId="SpeechList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
      assert.deepEqual(lines({ body: p('甲', numPr(2)) + p('乙', numPr(2)), numbering, styles }), ['一、甲', '二、乙']);
    });

    it('shows no marker for bullets and levels without text, and ignores unknown lists', () => {
      const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'bullet', '')}${lvl(1, 'none', '')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
      assert.deepEqual(lines({ body: p('甲', numPr(1, 0)) + p('乙', numPr(1, 1)) + p('丙', numPr(99, 0)), numbering }), ['甲', '乙', '丙']);
    });

    it('counts numbered paragraphs inside tables, which it does not read', () => {
      const table = `<w:tbl><w:tr><w:tc>${p('表中', numPr(1, 0))}${p('说明')}</w:tc></w:tr></w:tbl>`;
      const d = read({ body: p('甲', numPr(1, 0)) + table + p('丙', numPr(1, 0)), numbering: LADDER });
      assert.deepEqual(d.text.split('\n'), ['一、甲', '三、丙']);
      assert.deepEqual([d.skipped.tables, d.skipped.tableParagraphs], [1, 2]);
    });
  });

  describe('tracked changes, fields and hidden text', () => {
    it('reads tracked changes as accepted', () => {
      const body = `<w:p><w:r><w:t>今天召开</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>全市</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>全县</w:delText></w:r></w:del><w:r><w:t>会议。</w:t></w:r></w:p>`
        + `<w:p><w:moveFrom w:id="3" w:author="a"><w:r><w:t>挪走的话。</w:t></w:r></w:moveFrom><w:r><w:t>留下的话。</w:t></w:r><w:moveTo w:id="4" w:author="a"><w:r><w:t>挪来的话。</w:t></w:r></w:moveTo></w:p>`;
      const d = read({ body });
      assert.deepEqual(d.text.split('\n'), ['今天召开全市会议。', '留下的话。挪来的话。']);
      assert.equal(d.trackedChanges, 4);
    });

    it('joins a paragraph whose mark was deleted to the next one, numbered as the next one', () => {
      const body = `<w:p><w:pPr>${numPr(1, 0)}<w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r></w:p>` + p('后半句。', numPr(1, 0)) + p('下一项', numPr(1, 0));
      assert.deepEqual(lines({ body, numbering: LADDER }), ['一、前半句，后半句。', '二、下一项']);
    });

    it('shows fields by their result, not their instruction, nested ones too', () => {
      const fld = (instr: string, result: string) => `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> ${instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
      const nested = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>${fld('DATE', '内层')}<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>外层结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
      const body = `<w:p><w:r><w:t>截至</w:t></w:r>${fld('DATE \\@ "yyyy年M月d日"', '2024年3月1日')}<w:r><w:t>。</w:t></w:r></w:p>`
        + `<w:p><w:fldSimple w:instr=" REF bm "><w:r><w:t>引用文字</w:t></w:r></w:fldSimple></w:p><w:p>${nested}</w:p>`;
      assert.deepEqual(lines({ body }), ['截至2024年3月1日。', '引用文字', '外层结果']);
    });

    it('leaves out hidden text; keeps hyperlinks, content controls, smart tags; soft breaks start a line', () => {
      const body = `<w:p><w:r><w:t>看得见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>看不见</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>也看得见</w:t></w:r></w:p>`
        + `<w:p><w:hyperlink r:id="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt><w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag></w:p>`
        + `<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br w:type="page"/><w:t>同页</w:t><w:tab/><w:t>尾</w:t></w:r></w:p>`
        + `<w:p><w:r><w:t xml:space="preserve">&lt;“&amp;”&gt;&#x3000;&#12288;</w:t></w:r></w:p>`;
      assert.deepEqual(lines({ body }), ['看得见也看得见', '链接控件标记', '第一行', '第二行同页\t尾', '<“&”>\u3000\u3000']);
    });

    it('counts footnotes, endnotes, text boxes and formulas it does not read, and reads no header or footer', () => {
      const body = `<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r>`
        + `<w:r><w:drawing><wp:inline xmlns:wp="x"><w:txbxContent><w:p><w:r><w:t>框里的字</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r><m:oMath xmlns:m="m"><m:r><m:t>x</m:t></m:r></m:oMath></w:p>`;
      const footer = `<?xml version="1.0"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>页脚文字</w:t></w:r></w:p></w:ftr>`;
      const d = read({ body, extra: { 'word/footer1.xml': footer } });
      assert.equal(d.text, '正文');
      assert.deepEqual({ ...d.skipped }, { tables: 0, tableParagraphs: 0, footnotes: 1, endnotes: 1, textBoxes: 1, formulas: 1 });
    });
  });

  describe('where each line comes from', () => {
    it('maps every offset to its paragraph and column, automatic numbers and empty paragraphs counted', () => {
      const body = p('标题') + p('') + p('甲', numPr(1, 0)) + '<w:p><w:r><w:t>上行</w:t><w:br/><w:t>下行</w:t></w:r></w:p>';
      const d = read({ body, numbering: LADDER });
      assert.equal(d.text, '标题\n\n一、甲\n上行\n下行');
      const at = (o: number) => { const r = d.paragraphAt(o); return [r.paragraph.number, r.column]; };
      assert.deepEqual(at(0), [1, 0]);
      assert.deepEqual(at(3), [2, 0]);
      assert.deepEqual(at(4), [3, 0]);
      assert.deepEqual(at(6), [3, 2]);
      assert.deepEqual(at(8), [4, 0]);
      assert.deepEqual(at(11), [4, 3]);
      assert.equal(d.paragraphs[2].markerLength, 2);
      // The characters of 甲 come from its w:t, after the number.
      assert.deepEqual(d.paragraphs[2].pieces.map((x) => [x.at, x.length]), [[2, 1]]);
    });

    it('reads any namespace prefix (local names), and the main part the package names', () => {
      const xml = `<?xml version="1.0"?><ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body><ns0:p><ns0:r><ns0:t>前缀不同</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`;
      assert.equal(read({ body: '', documentXml: xml }).text, '前缀不同');
    });
  });
});
