// Generated speeches for the benchmarks and the soak: shaped like real ones (title,
// salutation, opening, numbered sections, closing) in prose written for this project,
// varied enough that a 30,000-character draft holds no sentence twice and no phrase is
// overused by accident. Deterministic: the same arguments give the same text, so every run
// measures the same thing. Nothing here is copied from any corpus.
//
//   generatedSpeech(index, chars, { shared })   one speech of about `chars` characters
//   generatedParagraphs(count, start)           body paragraphs, sentence by sentence distinct

const SUBJECTS = [
  '各级党委和政府', '各地各部门', '全市上下', '各县市区', '市直各单位', '广大党员干部', '各乡镇街道', '各级领导干部',
  '相关职能部门', '各类市场主体', '基层党组织', '各开发区园区', '各行业主管部门', '各级纪检监察机关', '群团组织', '驻市单位',
];
const ACTIONS = [
  '坚持问题导向', '压紧压实责任', '加大投入力度', '强化督促检查', '完善工作机制', '深化改革创新', '抓好任务落实', '健全长效机制',
  '加强统筹协调', '提升服务水平', '树牢底线思维', '注重调查研究', '用好考核指挥棒', '盯住薄弱环节', '抓住关键少数', '守住廉洁底线',
  '下足绣花功夫', '拿出过硬举措',
];
const GOALS = [
  '推动重点项目建设提速提效', '确保各项政策落地见效', '切实解决群众急难愁盼问题', '不断增强人民群众获得感', '持续优化营商环境',
  '全力守住安全发展底线', '加快补齐民生领域短板', '推进城乡融合发展', '提高基层治理能力', '促进经济持续健康发展',
  '把惠民实事办到群众心坎上', '让企业轻装上阵', '稳住农业基本盘', '打通政策落实最后一公里', '带动更多群众增收致富',
  '筑牢生态安全屏障', '守护好一方碧水蓝天', '跑出项目建设加速度', '激发社会创造活力', '提升城市功能品质',
];
const MANNERS = [
  '做到底数清、情况明', '以钉钉子精神抓好落实', '形成上下联动的工作格局', '坚决防止形式主义', '把工作做细做实', '在全市当好示范',
  '定期通报进展情况', '一项一项抓到位', '确保不留死角', '及时发现和解决苗头性问题', '切实把责任扛在肩上', '推动工作争先进位',
];
const PLACES = [
  '在城区', '在农村', '在园区', '在社区', '在重点企业', '在交通沿线', '在学校医院', '在景区周边', '在山区库区', '在老旧小区', '在产业集群', '在边远乡村', '',
];
const TIMES = [
  '', '今年', '明年', '一季度', '上半年', '下半年', '年底前', '三年内', '近期', '汛期前', '春节前', '今冬明春', '“十四五”期间', '本月内',
  '国庆前', '开学前', '入冬前', '两年内', '第一季度末', '年中', '秋收后', '十月底前', '全年', '五年内',
];
const FIGURES = (n) => [
  `今年计划完成投资${30 + (n % 70)}亿元`, `全年新增就业${2 + (n % 9)}万人以上`, `力争完成改造${100 + (n % 400)}个`,
  `确保覆盖率达到${80 + (n % 20)}%`, `重点推进${5 + (n % 25)}个方面的工作`, `分${2 + (n % 4)}批次组织实施`,
];
const HEADINGS = [
  '统一思想认识，切实增强做好工作的责任感', '突出工作重点，推动各项任务落地见效', '强化改革创新，不断激发发展内生动力',
  '坚持人民至上，用心用情办好民生实事', '守牢安全底线，全力维护社会大局稳定', '加强组织领导，凝聚干事创业强大合力',
  '转变工作作风，以实绩实效取信于民', '深化协同联动，形成齐抓共管工作格局', '严格督查考核，确保部署要求落实到位',
];
const NUMERALS = '一二三四五六七八九';

/**
 * The i-th sentence. Each part steps through its list at its own pace (coprime steps), so
 * five consecutive sentences never share a subject, an action, a goal or a manner; a place
 * and a time that change slowly make every sentence distinct for the first three million.
 */
export function sentence(i) {
  const subject = SUBJECTS[i % SUBJECTS.length];
  const action = ACTIONS[(i * 5) % ACTIONS.length];
  const goal = GOALS[(i * 7) % GOALS.length];
  const manner = MANNERS[(Math.floor(i / 720) + i * 5) % MANNERS.length];
  const place = PLACES[(Math.floor(i / 8640) + i) % PLACES.length];
  const time = TIMES[Math.floor(i / 112_320) % TIMES.length];
  const lead = [time, place].filter(Boolean).join('');
  if (i % 5 === 4) return `${lead ? lead + '，' : ''}${subject}要${action}，${goal}，${FIGURES(i)[i % 6]}，${manner}。`;
  return `${lead ? lead + '，' : ''}${subject}要${action}，${goal}，${manner}。`;
}

/** `count` body paragraphs of two to four sentences, from sentence `start` on (at most 4 × count sentences). */
export function generatedParagraphs(count, start = 0) {
  const out = [];
  let s = start;
  for (let p = 0; p < count; p++) {
    const len = 2 + ((p * 5 + start) % 3);
    let text = '';
    for (let j = 0; j < len; j++) text += sentence(s++);
    out.push(text);
  }
  return out;
}

/**
 * One speech of about `chars` characters. `index` picks where its sentences start (speeches
 * with different indexes share no sentence); `shared` paragraphs are put in as they are (for
 * reuse across files: the same paragraph in two speeches).
 */
export function generatedSpeech(index, chars, { shared = [] } = {}) {
  const sections = Math.max(2, Math.min(9, Math.round(chars / 3000)));
  const lines = [
    `在全市${['重点工作推进', '经济工作', '安全生产', '乡村振兴', '优化营商环境', '民生实事', '作风建设', '城市建设'][index % 8]}会议上的讲话`,
    '同志们：',
    `今天召开这次会议，主要任务是总结前一阶段工作，分析当前形势，部署下一步任务。下面，我讲${NUMERALS[sections - 1]}点意见。`,
  ];
  let size = lines.join('\n').length;
  const body = Math.max(chars - size - 60, 200);
  const perSection = Math.max(1, Math.round(body / sections / 120));
  let s = index * 2_000;
  const extra = [...shared];
  for (let k = 0; k < sections; k++) {
    lines.push(`${NUMERALS[k]}、${HEADINGS[(k + index) % HEADINGS.length]}`);
    for (const p of generatedParagraphs(perSection, s)) lines.push(p);
    s += perSection * 4;
    if (extra.length) lines.push(extra.shift());
  }
  lines.push('同志们，让我们团结一心、真抓实干，奋力完成全年目标任务！');
  return lines.join('\n');
}
