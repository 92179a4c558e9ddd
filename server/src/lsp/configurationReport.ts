// "Show the configuration in force" (jianggao/configuration): every layer, its problems, and
// where each setting and each rule's severity came from.

import { RULES, defaultSetting } from '../analysis';
import { UserConfig } from '../analysis/options';
import { REQUESTS } from '../protocol';
import { Feature } from './feature';

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
        for (const p of source.problems) lines.push(`    ${en ? 'problem' : '问题'}: ${p.key}: ${p.message}`);
      }
      lines.push('');
      const origin = (pick: (c: UserConfig) => unknown) => {
        for (let i = sources.length - 1; i >= 0; i--) if (pick(sources[i].config) !== undefined) return sources[i].name;
        return en ? 'default' : '默认值';
      };
      lines.push(`speakingRate = ${options.speakingRate}   ← ${origin((c) => c.speakingRate)}`);
      lines.push(`targetMinutes = ${options.targetMinutes}   ← ${origin((c) => c.targetMinutes)}`);
      lines.push(`maxFileSize = ${s.maxFileSize}`);
      lines.push(`allowWords = ${JSON.stringify(options.allowWords)}`);
      lines.push(`dictionaries = ${JSON.stringify(s.dictionaries)}${!ctx.trusted ? (en ? ' (untrusted workspace: only files inside it)' : '（受限工作区：只接受工作区内的文件）') : ''}`);
      lines.push(`segmenter = ${checker.segmenterName ?? (en ? 'loading' : '加载中')}`, '');
      lines.push(en ? 'Rules:' : '规则：');
      for (const r of RULES) {
        const v = options.rules[r.id];
        const from = v ? origin((c) => (c.rules as Record<string, unknown> | undefined)?.[r.id]) : en ? 'default' : '默认值';
        lines.push(`  ${r.id.padEnd(24)} ${(v ?? defaultSetting(r)).padEnd(8)} ← ${from}`);
      }
      return lines.join('\n');
    });
  },
};
