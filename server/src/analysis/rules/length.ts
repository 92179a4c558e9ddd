// Speaking time: the characters read aloud at the configured rate, against the slot the
// speaker was given. The count is the outline's (the same figure the status bar shows).

import { formatDuration, minutesOf, speechChars } from '../outline';
import { Finding, RuleRecord } from '../types';

export const speechTooLong: RuleRecord = {
  id: 'speech-too-long',
  title: { zh: '讲话超过目标时长', en: 'Speech over the target time' },
  category: 'length',
  severity: 'info',
  description: {
    zh: '按设定语速估算的讲话时长超过了目标时长',
    en: 'Estimated speaking time above the configured target',
  },
  message: {
    zh: (d) => `按每分钟${d.rate}字估算，本篇约${d.chars}字、${d.duration}，超过目标${d.target}分钟：请压缩约${d.excess}字。`,
    en: (d) => `At ${d.rate} characters a minute this speech (${d.chars} characters) takes about ${d.durationEn}, over the ${d.target}-minute target: cut about ${d.excess} characters.`,
  },
  docs: {
    rationale: {
      zh: '讲话一般有时间要求（“控制在20分钟以内”）。领导讲话的语速约为每分钟180～240字，常按200字估算。本规则统计每篇讲话中要念出来的字（汉字、字母、数字，不含标点和标题序号），按 speakingRate 估算时长，超过 targetMinutes 时提示还需压缩多少字。未设目标时长（targetMinutes 为 0）时不检查。',
      en: 'Speeches are given a slot (“控制在20分钟以内”). Officials read at about 180–240 characters a minute; 200 is the usual planning figure. This rule counts the characters read aloud in each speech (Han characters, letters, digits; not punctuation or heading markers), estimates the time at speakingRate, and when it is over targetMinutes says how much to cut. With no target (targetMinutes 0) it stays silent.',
    },
    bad: ['在全市工作会议上的讲话\n同志们：\n今天召开全市工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲两点意见。\n一、充分肯定成绩\n过去一年，全市经济运行总体平稳，主要指标好于预期，民生保障持续加强。\n二、明确今年任务\n今年要坚持稳中求进，推动经济实现质的有效提升和量的合理增长。\n同志们，让我们共同努力，奋力完成全年目标任务！'],
    good: ['在全市工作会议上的讲话\n同志们：\n今天召开全市工作会议。\n一、充分肯定成绩\n全市经济运行平稳。\n二、明确今年任务\n要坚持稳中求进。\n同志们，让我们共同努力！'],
    options: {
      targetMinutes: { zh: '目标时长（分钟）；0 表示不检查（默认）。', en: 'Target speaking time in minutes; 0 (the default) switches the check off.' },
      speakingRate: { zh: '语速（每分钟字数），默认 200。', en: 'Speaking rate in characters a minute; default 200.' },
    },
    // The examples are checked with a one-minute slot at 100 characters a minute.
    exampleOptions: { targetMinutes: 1, speakingRate: 100 },
  },
  check(ctx): Finding[] {
    const { targetMinutes, speakingRate } = ctx.options;
    if (!(targetMinutes > 0) || !(speakingRate > 0)) return [];
    const out: Finding[] = [];
    for (const s of ctx.model.speeches) {
      const chars = speechChars(ctx.model, s);
      const minutes = minutesOf(chars, speakingRate);
      if (minutes <= targetMinutes) continue;
      const at = s.title ?? s.header ?? s.paragraphs[0];
      if (!at) continue;
      out.push({
        start: at.start,
        end: Math.max(at.start + 1, at.end),
        data: {
          chars, rate: speakingRate, target: targetMinutes,
          duration: formatDuration(minutes, 'zh', targetMinutes), durationEn: formatDuration(minutes, 'en', targetMinutes),
          excess: Math.ceil(chars - targetMinutes * speakingRate),
        },
      });
    }
    return out;
  },
};
