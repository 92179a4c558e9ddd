// The word and repetition rules on real-looking text: silent on clean speeches (including the
// reduplications and look-alikes of domain.md §4), and every injected slip found: 要要/的的
// doubled at every place a clean speech has the word, a sentence said twice, a place name
// turned into XX.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, Diagnostic, ParagraphCorpus, parseDocument } from '../../server/src/analysis';
import { testWords } from '../helpers/words';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const WORD_RULES = ['doubled-word', 'repeated-sentence', 'overused-phrase', 'similar-paragraph', 'reused-paragraph', 'unbalanced-pair', 'halfwidth-punctuation', 'speech-too-long'];

/** Clean speeches: ours in fixtures/clean, and the drafts of fixtures/drafts whose expected listing is empty. */
function cleanSpeeches(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const f of fs.readdirSync(path.join(FIXTURES, 'clean')).filter((x) => x.endsWith('.speech'))) {
    out.push({ name: `clean/${f}`, text: fs.readFileSync(path.join(FIXTURES, 'clean', f), 'utf8') });
  }
  const drafts = path.join(FIXTURES, 'drafts');
  for (const f of fs.readdirSync(drafts).filter((x) => x.endsWith('.speech') && !x.endsWith('.fixed.speech'))) {
    const expected = path.join(drafts, f.replace(/\.speech$/, '.expected'));
    if (fs.existsSync(expected) && fs.readFileSync(expected, 'utf8').split('\n').some((l) => l.trim() && !l.startsWith('#'))) continue;
    out.push({ name: `drafts/${f}`, text: fs.readFileSync(path.join(drafts, f), 'utf8') });
  }
  return out;
}

const check = (text: string, options = {}) => analyze(text, { words: testWords(), options }).diagnostics;
const ofRule = (diags: Diagnostic[], rule: string) => diags.filter((d) => d.rule === rule);
const show = (diags: Diagnostic[]) => diags.map((d) => `${d.rule}@${d.start}: ${d.message}`).join('\n');

describe('word rules on clean speeches', () => {
  const speeches = cleanSpeeches();
  it('there are at least six clean speeches of several kinds', () => assert.ok(speeches.length >= 6, `${speeches.length}`));

  for (const s of speeches) {
    describe(s.name, () => {
      it('no word or punctuation rule fires', () => {
        assert.equal(show(check(s.text).filter((d) => WORD_RULES.includes(d.rule))), '');
      });

      it('every 要 and 的 doubled is found, at that place, and nothing else is', () => {
        let injected = 0;
        const missed: string[] = [];
        for (const ch of ['要', '的']) {
          for (let i = s.text.indexOf(ch); i >= 0; i = s.text.indexOf(ch, i + 1)) {
            const text = s.text.slice(0, i) + ch + s.text.slice(i);
            const found = ofRule(check(text), 'doubled-word');
            injected++;
            const here = found.filter((d) => d.start <= i + 1 && d.end >= i + 1 && text.slice(d.start, d.end).includes(ch + ch));
            const context = testWords().cut(text.slice(Math.max(0, i - 4), i + 6)).join('/');
            // Undecidable by design: the doubled character makes two proper words (主要/要是, like
            // 需要/要求 of domain.md), or the result is right (目的/的: 达到目的的手段).
            if (here.length === 0 && !/主要\/要是|目的\/的/.test(context)) missed.push(`${context} → ${show(found) || 'nothing'}`);
            else if (found.length > here.length) missed.push(`${context}: also ${show(found.filter((d) => !here.includes(d)))}`);
          }
        }
        assert.ok(injected >= 5, `${injected} injections`);
        assert.deepEqual(missed, []);
      });

      it('a standalone 要 or 的 doubled is a warning', () => {
        const doc = parseDocument(s.text);
        let injected = 0;
        for (const p of doc.paragraphs) {
          let at = 0;
          for (const w of testWords().cut(p.text)) {
            if (w === '要' || w === '的') {
              const offset = p.offsetOf(at);
              const found = ofRule(check(s.text.slice(0, offset) + w + s.text.slice(offset)), 'doubled-word');
              assert.deepEqual(found.map((d) => [d.start, d.end, d.severity]), [[offset, offset + 2, 'warning']], p.text.slice(at - 6, at + 6));
              injected++;
            }
            at += w.length;
          }
        }
        assert.ok(injected >= 3, `${injected} injections`);
      });

      it('a sentence said twice is found, pointing at the first', () => {
        const doc = parseDocument(s.text);
        let injected = 0;
        for (const p of doc.speeches[0].paragraphs) {
          const m = /^[^。！？]{14,}[。！？]/.exec(p.text);
          // (A salutation with its greeting, 同学们，大家好！, is no sentence of the speech.)
          if (!m || p.segments.length > 1 || p.role === 'salutation') continue;
          const text = s.text.slice(0, p.start + m[0].length) + m[0] + s.text.slice(p.start + m[0].length);
          const found = ofRule(check(text), 'repeated-sentence');
          assert.equal(found.length, 1, `${m[0]}\n${show(found)}`);
          assert.equal(found[0].start, p.start + m[0].length);
          assert.equal(found[0].related![0].start, p.start);
          injected++;
        }
        assert.ok(injected >= 1, `${injected} injections`);
      });

      it('a place turned into XX is found', () => {
        const m = /(?<=[在召开的])([^\s，。、“”（）]{2})(?=[市县区])/.exec(s.text) ?? /全市|全县|全区/.exec(s.text);
        assert.ok(m, 'a place to blank out');
        const text = s.text.slice(0, m.index) + 'XX' + s.text.slice(m.index + m[0].length);
        assert.ok(ofRule(check(text), 'placeholder').some((d) => d.start === m.index), m[0]);
      });
    });
  }
});

describe('doubled-word', () => {
  it('finds the slip of the seed (要要) and fixes it by deleting exactly one copy', () => {
    const text = '同志们：\n全市各级群团组织要要牢牢把握群众性这个根本特点。';
    const [d] = ofRule(check(text), 'doubled-word');
    assert.equal(text.slice(d.start, d.end), '要要');
    assert.equal(applyEdits(text, d.fix!), text.replace('要要', '要'));
  });

  it('stays silent on the reduplications and look-alikes of domain.md §4', () => {
    const text = [
      '我们要紧紧围绕中心，牢牢把握方向，大大提高效率，不仅仅是完成任务，人人都要参与。',
      '刚刚结束的会议常常被提起，天天都要抓，等等。要实实在在地干，方方面面都要考虑，这与群众息息相关。',
      '的的确确要转变工作作风，群众的需要要求我们看一看、想一想，方正区区管委会和孙源源同志作了发言。',
    ].join('\n');
    assert.equal(show(ofRule(check(text), 'doubled-word')), '');
  });

  it('finds doubled longer words, a doubled word across spaces and a hard line break, and runs of three', () => {
    const cases: Array<[string, string]> = [
      ['我们要进一步进一步加强领导。', '进一步进一步'],
      ['这是我们工作的 的重点。', '的 的'],
      ['同志们：\n全市各级干部在新的一年里要按照市委、市政府的统一部署，都要\n要提高认识，加强领导。', '要\n要'],
      ['我们要要要坚持。', '要要要'],
      ['我们取得了了显著成效。', '了了'],
    ];
    for (const [text, span] of cases) {
      const found = ofRule(check(text), 'doubled-word');
      assert.deepEqual(found.map((d) => text.slice(d.start, d.end)), [span], text);
    }
  });

  it('finds 要要 and 的的 where one of the two was joined to a neighbouring word', () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['各级干部都要要提高认识。', '要要', 'warning'],
      ['要加强要要素保障。', '要要', 'warning'],
      ['有的的同志认识不到位。', '的的', 'warning'],
      ['这就要要求我们加倍努力。', '要要', 'info'],
      ['今年主要要任务是稳增长。', '要要', 'info'],
      ['群众的新需要要求我们改进服务。', '', undefined],
      ['这是达到目的的手段。', '', undefined],
      ['这的的确确是一件大事。', '', undefined],
    ];
    for (const [text, span, severity] of cases) {
      const found = ofRule(check(text), 'doubled-word');
      assert.deepEqual(found.map((d) => [text.slice(d.start, d.end), d.severity]), severity ? [[span, severity]] : [], text);
    }
    const [d] = ofRule(check('各级干部都要要提高认识。'), 'doubled-word');
    assert.equal(applyEdits('各级干部都要要提高认识。', d.fix!), '各级干部都要提高认识。');
  });

  it('allows what the writer allows (allowWords)', () => {
    const text = '我们要进一步进一步加强领导，这是工作的的重点。';
    assert.equal(ofRule(check(text), 'doubled-word').length, 2);
    assert.deepEqual(ofRule(check(text, { allowWords: ['进一步'] }), 'doubled-word').map((d) => text.slice(d.start, d.end)), ['的的']);
    assert.equal(ofRule(check(text, { allowWords: ['进一步进一步', '的的'] }), 'doubled-word').length, 0);
  });

  it('needs words: without a segmenter it waits instead of guessing from characters', () => {
    const r = analyze('工作作风要要改进。');
    assert.ok(r.pendingWordRules.includes('doubled-word'));
    assert.equal(ofRule(r.diagnostics, 'doubled-word').length, 0);
  });
});

describe('repeated-sentence', () => {
  it('reports a pasted run of sentences once, and not across speeches of a collection', () => {
    const run = '全市经济运行总体平稳，主要指标好于预期。民生保障持续加强，社会大局和谐稳定。';
    const text = `同志们：\n${run}\n我们也要看到困难。\n${run}`;
    const found = ofRule(check(text), 'repeated-sentence');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].start, found[0].end), run);
    assert.match(found[0].message, /这2句话在第2行/);
    const collection = `第一篇：开幕词\n同志们：\n${run}\n第二篇：闭幕词\n同志们：\n${run}`;
    assert.equal(ofRule(check(collection), 'repeated-sentence').length, 0);
  });

  it('ignores spaces and the width of punctuation', () => {
    const text = '同志们：\n今年以来，全市经济运行总体平稳，主要指标好于预期。\n今年以来,全市经济运行总体平稳, 主要指标好于预期。';
    assert.equal(ofRule(check(text), 'repeated-sentence').length, 1);
  });
});

describe('overused-phrase', () => {
  const on = { rules: { 'overused-phrase': 'info' as const } };
  it('is off unless switched on', () => {
    const text = '同志们：\n今年项目建设取得了显著成效。\n招商引资取得了显著成效。\n民生实事也取得了显著成效。';
    assert.equal(ofRule(check(text), 'overused-phrase').length, 0);
    assert.equal(ofRule(check(text, on), 'overused-phrase').length, 1);
    assert.equal(ofRule(check(text, { rules: { 'overused-phrase': 'warning' } }), 'overused-phrase')[0].severity, 'warning');
  });

  it('reports the phrase once with its count and every place; 排比 inside a paragraph and the topic are quiet', () => {
    const text = '在全市项目建设推进会上的讲话\n同志们：\n今天召开全市项目建设推进会。项目建设是重中之重。\n今年项目建设取得了显著成效。\n招商引资取得了显著成效。\n民生实事也取得了显著成效。';
    const found = ofRule(check(text, on), 'overused-phrase');
    assert.equal(found.length, 1, show(found));
    assert.match(found[0].message, /“取得了显著成效”.*3次/);
    assert.equal(found[0].related!.length, 2);
    assert.equal(text.slice(found[0].related![1].start, found[0].related![1].end), '取得了显著成效');
    const parallel = '同志们：\n要在服务大局上争当先进，在联系群众上争当先进，在改革创新上争当先进，在作风建设上争当先进，在自身建设上争当先进。';
    assert.equal(ofRule(check(parallel, on), 'overused-phrase').length, 0);
  });
});

describe('similar-paragraph', () => {
  it('finds a near copy and points at the other paragraph', () => {
    const a = '过去一年，全市上下坚持稳中求进工作总基调，经济运行总体平稳，主要经济指标好于预期，民生保障持续加强，社会大局和谐稳定。';
    const text = `同志们：\n${a}\n我们也要看到困难。\n${a.replace('持续加强', '不断加强')}`;
    const found = ofRule(check(text), 'similar-paragraph');
    assert.equal(found.length, 1);
    assert.equal(found[0].related![0].start, text.indexOf(a));
  });
});

describe('reused-paragraph', () => {
  const shared = '全市上下要坚持稳中求进工作总基调，推动经济实现质的有效提升和量的合理增长，奋力完成全年目标任务。';
  it('finds a paragraph that also stands in another speech of the workspace, with its place there', () => {
    const corpus = new ParagraphCorpus();
    corpus.set('/ws/2023.speech', `在2023年工作会议上的讲话\n同志们：\n今天召开会议。\n二、${shared}`);
    const text = `在2024年工作会议上的讲话\n同志们：\n一、${shared}`;
    const found = ofRule(analyze(text, { words: testWords(), otherDocuments: { corpus, self: '/ws/2024.speech' } }).diagnostics, 'reused-paragraph');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].related![0].external, { document: '/ws/2023.speech', start: { line: 3, character: 0 }, end: { line: 3, character: shared.length + 2 } });
    assert.match(found[0].message, /2023\.speech（第4行）/);
    // Its own file in the corpus is not "another" document.
    assert.equal(ofRule(analyze(text, { otherDocuments: { corpus, self: '/ws/2023.speech' } }).diagnostics, 'reused-paragraph').length, 0);
  });
});

describe('unbalanced-pair', () => {
  it('judges a hard-wrapped paragraph whole, and reports the mark left open', () => {
    assert.equal(ofRule(check('同志们：\n要深入学习《关于加强基层治理\n体系和治理能力现代化建设的意见》，抓好落实。'), 'unbalanced-pair').length, 0);
    const text = '同志们：\n要牢固树立“绿水青山就是金山银山的理念。\n要加强生态保护。”';
    const found = ofRule(check(text), 'unbalanced-pair');
    assert.deepEqual(found.map((d) => text[d.start]), ['“', '”']);
  });

  it('survives junk: ten thousand openers and closers of the wrong kind', () => {
    const text = '（'.repeat(10000) + '》'.repeat(10000);
    assert.equal(ofRule(analyze(text).diagnostics, 'unbalanced-pair').length, 20000);
  });
});

describe('halfwidth-punctuation', () => {
  it('converts a half-width draft with its fixes, changing nothing else (never NFKC)', () => {
    const text = '在全市工作会议上的讲话(2024年)\n同志们: \n今年以来,全市经济运行平稳;主要指标好于预期!全角ＡＢＣ１２３、3,000亿元、10:30、f(x)不变。\n(一)加强领导。\n要问: 怎么办?';
    const fixes = ofRule(check(text), 'halfwidth-punctuation').flatMap((d) => d.fix!);
    const fixed = applyEdits(text, fixes);
    assert.equal(fixed, '在全市工作会议上的讲话（2024年）\n同志们： \n今年以来，全市经济运行平稳；主要指标好于预期！全角ＡＢＣ１２３、3,000亿元、10:30、f(x)不变。\n（一）加强领导。\n要问：怎么办？');
    assert.equal(ofRule(check(fixed), 'halfwidth-punctuation').length, 0);
  });
});

describe('speech-too-long', () => {
  it('is silent without a target and says how much to cut when over it', () => {
    const body = '全市经济运行总体平稳，主要指标好于预期。'.repeat(30);
    const text = `在全市工作会议上的讲话\n同志们：\n${body}`;
    assert.equal(ofRule(check(text), 'speech-too-long').length, 0);
    const [d] = ofRule(check(text, { targetMinutes: 2, speakingRate: 200 }), 'speech-too-long');
    assert.match(d.message, /约543字.*超过目标2分钟.*压缩约143字/);
    assert.equal(ofRule(check(text, { targetMinutes: 3, speakingRate: 200 }), 'speech-too-long').length, 0);
  });
});
