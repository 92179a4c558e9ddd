// Whether a plain text looks like a speech draft: how `jianggao check DIR` picks the writer's
// existing .txt drafts out of a folder of notes, minutes and exports, and how the editor will
// decide to offer checking a .txt. Precision first: a notice or a novel checked as a speech
// gets a screen of structure warnings, so a weak sign alone (a 一、 heading, 同志们 somewhere)
// is not enough.

import { salutationMatch } from './model';

/** A title that names a speech: 在…上的讲话, 开幕词, 新年献词, 讲话提纲, 发言稿. */
const SPEECH_TITLE = /在.{1,50}(?:上|时)的(?:讲话|致辞|致词|发言|演讲|演说|报告|主持词)|讲话(?:稿|提纲|要点)?|致辞|致词|发言(?:稿|提纲)?|演讲(?:稿)?|演说|开幕词|闭幕词|贺词|献词|主持词|欢迎词|答谢词|祝酒词|动员讲话|表态发言/;
/** A report delivered to an assembly (政府工作报告, 党代会报告): a speech when it addresses the delegates. */
const REPORT_TITLE = /工作报告|报告$/;
const COLLECTION = /^第[一二三四五六七八九十百零〇0-9０-９]+篇[：:]/;
const HEADING = /^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/;
const CLOSING = /谢谢大家|谢谢各位|让我们|预祝|而努力奋斗|而不懈奋斗|圆满成功|就讲(?:这些|到这里)|批评指正/;
const HAN = /\p{Script=Han}/gu;
/** ——致…大会 / --在…上: a subtitle that says whom the words are addressed to. */
const ADDRESS_SUBTITLE = /^(?:——|—|--|－－)\s*(?:在|致)/;
const DATE_LINE = /^[（(][一二三四五六七八九〇○零0-9０-９]{4}\s*年[^）)]{0,12}[）)]$/;
/** A line opening with the audience: 尊敬的各位家长，… / 各位代表！ */
const ADDRESS_LINE = /^(?:尊敬的|亲爱的|各位|同志们|同学们|朋友们|女士们|老师们)[^。；]{0,60}?(?:们|代表|来宾|嘉宾|领导|同志|先生|女士|朋友)[：:！!，,]/;
/** The speaker turning to the audience, or announcing the points. */
const AUDIENCE = /同志们|同学们|朋友们|老师们|各位代表|各位来宾|各位嘉宾|女士们、先生们|大家好|我讲[两三四五六七八九十几]点|讲[两三四五六七八九十几]点意见/g;

export function looksLikeSpeech(text: string): boolean {
  const head = text.slice(0, 20000).replace(/^\uFEFF/, '');
  const lines = head.split(/\r\n|\r|\n/).map((l) => l.replace(/^[ \t\u3000\u00a0#>*]+|[ \t\u3000\u00a0*]+$/g, '')).filter(Boolean);
  if (lines.length < 3) return false;
  // Chinese prose: most of what is written is Han.
  const visible = head.replace(/\s/g, '');
  // A few lines (an e-mail: 各位同事：… 谢谢大家！) are no speech; the shortest 致辞 has some 200 characters.
  const han = (head.match(HAN) ?? []).length;
  if (han < 200 || han < visible.length * 0.5) return false;
  if (lines.slice(0, 5).some((l) => COLLECTION.test(l))) return true;
  const top = lines.slice(0, 4);
  // A title line: short, not a sentence of the text.
  const titled = top.some((l) => l.length <= 80 && !/[。；！？]$/.test(l) && SPEECH_TITLE.test(l));
  const addressed = lines.slice(0, 8).some((l) => salutationMatch(l) !== undefined || ADDRESS_LINE.test(l));
  const reportTitle = top.some((l) => l.length <= 60 && !/[。；！？]$/.test(l) && REPORT_TITLE.test(l));
  if (titled || top.some((l) => ADDRESS_SUBTITLE.test(l))) return true;
  if (reportTitle && addressed) return true;
  const audience = (head.match(AUDIENCE) ?? []).length;
  // Addressed to an audience, and shaped like a speech: numbered parts, a closing formula, the
  // audience addressed again.
  if (addressed) {
    const headings = lines.filter((l) => HEADING.test(l)).length;
    const tail = lines.slice(-8).join('');
    return headings >= 2 || CLOSING.test(tail) || audience >= 2;
  }
  // A short title over a date line (为人民服务 / （一九四四年九月八日）), and the text speaks to an audience.
  const dated = top.slice(1, 3).some((l) => DATE_LINE.test(l)) && top[0].length <= 30;
  return dated && audience >= 1;
}
