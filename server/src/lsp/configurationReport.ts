// "Show the configuration in force" (jianggao/configuration): every layer, its problems, and
// where each setting and each rule's severity came from.

import { RULES, defaultSetting, ruleTitle } from '../analysis';
import { UserConfig } from '../analysis/options';
import { REQUESTS } from '../protocol';
import { Feature } from './feature';
import { originOf } from './settings';

export const configurationReport: Feature = {
  register({ ctx, settings, checker }) {
    ctx.connection.onRequest(REQUESTS.configuration, async (params: { uri: string }): Promise<string> => {
      const s = await settings.for(params.uri);
      const { sources, options } = s;
      const lines: string[] = [];
      const en = ctx.locale === 'en';
      lines.push(en ? `Configuration in force for ${params.uri}` : `当前文档的生效配置：${params.uri}`, '');
      lines.push(en ? 'Layers (later wins): built-in defaults < editor settings < .jianggao.json' : '配置层（后者优先）：内置默认值 < 编辑器设置 < .jianggao.json');
      for (const source of sources) {
        lines.push(`- ${source.name}`);
        for (const p of source.problems) lines.push(en ? `    problem: ${p.key ? `${p.key}: ` : ''}${p.message}` : `    问题：${p.key ? `${p.key}：` : ''}${p.message}`);
      }
      lines.push('');
      const origin = (pick: (c: UserConfig) => unknown) => {
        const o = originOf(s, pick);
        return o.kind === 'default' ? (en ? 'default' : '默认值') : o.kind === 'editor' ? sources[0].name : o.file;
      };
      lines.push(`speakingRate = ${options.speakingRate}   ← ${origin((c) => c.speakingRate)}`);
      lines.push(`targetMinutes = ${options.targetMinutes}   ← ${origin((c) => c.targetMinutes)}`);
      lines.push(`maxFileSize = ${s.maxFileSize}`);
      lines.push(`allowWords = ${JSON.stringify(options.allowWords)}`);
      lines.push(`ignores = ${options.ignores.length}${en ? ' single findings ignored (.jianggao.json "ignores")' : ' 处单独忽略的问题（.jianggao.json 的 "ignores"）'}`);
      lines.push(`dictionaries = ${JSON.stringify(s.dictionaries)}${!ctx.trusted ? (en ? ' (untrusted workspace: only files inside it)' : '（受限工作区：只接受工作区内的文件）') : ''}`);
      lines.push(`segmenter = ${checker.segmenterName ?? (en ? 'loading' : '加载中')}`, '');
      lines.push(en ? 'Rules:' : '规则：');
      for (const r of RULES) {
        const v = options.rules[r.id];
        const from = v ? origin((c) => (c.rules as Record<string, unknown> | undefined)?.[r.id]) : en ? 'default' : '默认值';
        lines.push(`  ${r.id.padEnd(24)} ${(v ?? defaultSetting(r)).padEnd(8)} ← ${from.padEnd(10)} ${ruleTitle(r, ctx.locale)}`.trimEnd());
      }
      return lines.join('\n');
    });
  },
};
