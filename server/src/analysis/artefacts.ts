// Text that came along with a copy and is not part of the speech (domain §7, web-paste
// artefacts): web addresses, site watermarks, page numbers of a PDF, and what a news page
// puts around a speech — photo captions and credits (…新华社记者 ××× 摄, 摄影 ×××, 图为…),
// source lines (（来源：新华社）, 《××日报》（…版）), datelines (新华社南京3月12日电) and
// editor's notes. They are deleted, never joined to the text around them.

export type StrayKind = 'url' | 'mark' | 'page' | 'caption' | 'credit' | 'source' | 'dateline' | 'note';

const NAME = '[\\u4e00-\\u9fff·]{2,4}';
const NAMES = `${NAME}(?:[ \\t\\u3000]*[、，,和][ \\t\\u3000]*${NAME})*`;
const SP = '[ \\t\\u3000\\u00a0]*';
const MONTH_DAY = '[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日';
const AGENCY = '(?:新华社|中新社|中新网|新华网|人民网|央视网|本报|本台)';
const AGENCY_START = new RegExp(`^${AGENCY}`);

/** The photo credit a caption ends with: 新华社记者 李明 摄, 记者 李明/摄, 李明/摄, （李明 摄）. */
const CREDIT_END = new RegExp(
  `(?:(?:${AGENCY}${SP})?(?:特约)?记者${SP}${NAMES}${SP}[/／]?${SP}摄|${NAME}${SP}[/／]${SP}摄|[（(]${SP}(?:${AGENCY}${SP})?(?:记者${SP})?${NAMES}${SP}[/／]?${SP}摄${SP}[）)])`,
);
const CAPTION_LINE = new RegExp(`^.{0,400}?${CREDIT_END.source}$`);
/** 图为… / （图为…） */
const PICTURE_LINE = /^[（(]?图为.{2,150}$/;
/** A credit on a line of its own: 摄影 王小明, 摄影/李明, 文字：张三 图片：李四, 责任编辑：王五. */
const CREDIT_LINE = new RegExp(
  `^(?:[（(]?${SP}(?:摄影|摄像|图片|供图|图|文字|文|编辑|责任编辑|责编|审核|审校|校对|编审|通讯员)${SP}(?:[:：/／|｜]${SP}|[ \\t\\u3000]+)${NAMES}${SP}[）)]?${SP})+$`,
);
/** One piece of a source line: （来源：…）, 来源：…, （新华社南京3月12日电）, 《××日报》（2024年3月13日 02 版）. */
const SOURCE_PIECE = new RegExp(
  `^(?:[（(【\\[]${SP}(?:信息|稿件|文章|图片|内容|稿)?来源${SP}[:：][^（）()【】\\[\\]\\n]{1,40}[）)】\\]]` +
  `|(?:信息|稿件|文章|图片|稿)?来源${SP}[:：].{1,40}$` +
  `|[（(]${SP}${AGENCY}[^（）()\\n]{0,20}电${SP}[）)]` +
  `|《${SP}[^《》\\n]{2,12}${SP}》${SP}[（(][^（）()\\n]{0,30}版${SP}[）)]` +
  `|(?:转载自|转自|摘自|选自|原载)${SP}[:：].{1,40}$` +
  `|原标题${SP}[:：].{1,80}$)${SP}`,
);
/** 新华社南京3月12日电 on a line of its own (or at the start of one, run into what follows). */
const DATELINE = new RegExp(`^${AGENCY}[\\u4e00-\\u9fff]{0,10}${MONTH_DAY}电(?:${SP}[（(]记者[^（）()\\n]{1,20}[）)])?`);
const NOTE_LINE = /^[【\[]?(?:编者按|编者的话|编辑按|编者注|导读|内容提要|核心提示|阅读提示)[】\]]?\s*[:：]|^【(?:编者按|导读|内容提要|核心提示)】/;

const URL_LINE = /^(?:https?:\/\/|www\.)\S+\s*(?:【[^】]*】)?$/;
const MARK_LINE = /^【[^】]*(?:网|网站|文库|范文|资料|下载)[^】]*】$/;
const PAGE_LINE = /^(?:[-—–－]\s*[0-9０-９]+\s*[-—–－]|第\s*[0-9０-９]+\s*页(?:\s*[，,/]?\s*共\s*[0-9０-９]+\s*页)?|[0-9０-９]+\s*\/\s*[0-9０-９]+)$/;

/** A source line made of source pieces only (several may stand on one line). */
function isSourceLine(s: string): boolean {
  let rest = s;
  let pieces = 0;
  while (rest.length && pieces < 6) {
    const m = SOURCE_PIECE.exec(rest);
    if (!m || m[0].length === 0) return false;
    rest = rest.slice(m[0].length);
    pieces++;
  }
  return pieces > 0 && rest.length === 0;
}

/** What a whole line is, if it is not part of the speech. `s` is the line's trimmed content. */
export function strayLineKind(s: string): StrayKind | undefined {
  if (s.length > 500) return undefined;
  if (URL_LINE.test(s)) return 'url';
  if (MARK_LINE.test(s)) return 'mark';
  if (PAGE_LINE.test(s)) return 'page';
  if (NOTE_LINE.test(s)) return 'note';
  const dl = DATELINE.exec(s);
  if (dl && dl[0].length === s.length) return 'dateline';
  if (SOURCE_HINT.test(s) && isSourceLine(s)) return 'source';
  if (s.length <= 80 && CREDIT_LINE.test(s)) return 'credit';
  // (Cheap tests first: a caption ends with its credit, 摄 or 摄）.)
  if ((/摄[ \t\u3000]*[）)]?$/.test(s) && CAPTION_LINE.test(s)) || PICTURE_LINE.test(s)) return 'caption';
  return undefined;
}

const SOURCE_HINT = /来源|电[ \t\u3000]*[）)]|版[ \t\u3000]*[）)]|^(?:转载自|转自|摘自|选自|原载|原标题)/;

export interface StraySpan {
  kind: StrayKind;
  /** Offsets into the line's content. */
  start: number;
  end: number;
}

/**
 * Artefacts run into the start or the end of a line of the speech: a dateline before the
 * title (新华社南京3月12日电在…上的讲话), a photo caption before the salutation (…新华社记者
 * ××× 摄同志们：), source lines after the last sentence (…落实。（新华社南京3月12日电）).
 * `startsSpeech` tells whether what follows a caption must look like a title or a salutation.
 */
export function straySpans(s: string, startsSpeech: (rest: string) => boolean): StraySpan[] {
  const out: StraySpan[] = [];
  // Each artefact has a character no sentence of a speech is without: 电 of a dateline, 摄 of a
  // credit, the closing bracket of a source line. Most lines have none of them where it counts.
  if (s.length === 0 || (!AGENCY_START.test(s) && !s.slice(0, 600).includes('摄') && !/[）)][ \t\u3000]*$/.test(s))) return out;
  let from = 0;
  const dl = DATELINE.exec(s);
  if (dl && dl[0].length < s.length) {
    let end = dl[0].length;
    while (end < s.length && /[ \t\u3000\u00a0]/.test(s[end])) end++;
    out.push({ kind: 'dateline', start: 0, end });
    from = end;
  }
  // A caption before the salutation or the title: the credit is followed right away by them.
  const head = s.slice(from, from + 600);
  const credit = new RegExp(CREDIT_END.source, 'g');
  let m: RegExpExecArray | null;
  while (head.includes('摄') && (m = credit.exec(head))) {
    let end = m.index + m[0].length;
    while (end < head.length && /[ \t\u3000\u00a0]/.test(head[end])) end++;
    if (end < head.length && startsSpeech(head.slice(end))) {
      out.push({ kind: 'caption', start: from, end: from + end });
      from += end;
      break;
    }
  }
  // Source lines after the last sentence of a line.
  const end = s.slice(-200);
  const tail = !/[）)][ \t\u3000]*$/.test(end) ? null : /[。！？!?”]((?:[ \t\u3000\u00a0]*(?:[（(][ \t\u3000]*(?:新华社|中新社|本报)[^（）()\n]{0,20}电[ \t\u3000]*[）)]|[（(][ \t\u3000]*(?:信息)?来源[:：][^（）()\n]{1,40}[）)]|《[ \t\u3000]*[^《》\n]{2,12}[ \t\u3000]*》[ \t\u3000]*[（(][^（）()\n]{0,30}版[ \t\u3000]*[）)]))+)[ \t\u3000]*$/.exec(s.slice(Math.max(from, s.length - 200)));
  if (tail) {
    // The spaces before the source go with it.
    const start = Math.max(from, s.length - 200) + tail.index + 1;
    out.push({ kind: 'source', start, end: s.length });
  }
  return out;
}
