// Generates, from the rule records (the single source of truth):
//   server/docs/rules/<id>.md      one page per rule (linked from every diagnostic)
//   README.md                      the rule table between <!-- rules:start --> and <!-- rules:end -->
//   package.json                   the jianggao.rules settings schema (one property per rule)
// `node scripts/gen-docs.mjs --check` changes nothing and exits 1 if anything is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { RULES } = require(path.join(root, 'dist', 'analysis.js'));
const check = process.argv.includes('--check');
const stale = [];

function write(file, content) {
  const abs = path.join(root, file);
  const old = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
  if (old === content) return;
  stale.push(file);
  if (!check) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示', hint: '暗示' };
const FIX_KIND = {
  mechanical: '“全部修复”（fix-all、保存时修复、`jianggao check --fix`）会应用这个修复：它只改形式，不改内容。个别需要作者判断的情形只作为快速修复提供。 / Fix-all (also on save and `jianggao check --fix`) applies this fix: it changes form, not content. The odd case that needs the writer’s judgement is offered as a quick fix only.',
  decision: '这个修复要由作者决定（可能改变内容），只作为快速修复提供，“全部修复”不会应用。 / This fix is the writer’s decision (it may change what the speech says): offered as a quick fix, never applied by fix-all.',
};
const fence = (s) => '```text\n' + s + '\n```';

for (const r of RULES) {
  const opts = r.docs.options
    ? `\n## 选项 / Options\n\n${Object.entries(r.docs.options).map(([k, v]) => `- \`${k}\`: ${v.zh} / ${v.en}`).join('\n')}\n`
    : '';
  const exampleOptions = r.docs.exampleOptions
    ? `\n示例按以下设置检查 / examples checked with: \`${JSON.stringify(r.docs.exampleOptions)}\`\n`
    : '';
  const page = `# ${r.id}

${r.description.zh}

*${r.description.en}*

${r.offByDefault
    ? `默认关闭 / off by default；打开后的级别 / severity when switched on: **${r.severity}**（${SEVERITY_ZH[r.severity]}）`
    : `默认级别 / default severity: **${r.severity}**（${SEVERITY_ZH[r.severity]}）`}${r.fixTitle ? ` · 可自动修复 / fixable: ${r.fixTitle.zh} / ${r.fixTitle.en}` : ''}
${r.fixTitle ? `\n${FIX_KIND[r.fixKind ?? 'decision']}\n` : ''}
## 为什么 / Why

${r.docs.rationale.zh}

${r.docs.rationale.en}

## 会报告 / Reported
${exampleOptions}
${r.docs.bad.map(fence).join('\n\n')}

## 不会报告 / Not reported

${r.docs.good.map(fence).join('\n\n')}
${opts}
## 设置 / Configure

\`\`\`json
{ "rules": { "${r.id}": "${r.offByDefault ? r.severity : 'off'}" } }
\`\`\`

${r.offByDefault ? '本规则默认关闭，如上设置即可打开。 / This rule is off unless switched on as above.\n\n' : ''}写在 \`.jianggao.json\` 或 VS Code 设置 \`jianggao.rules\` 中；级别可为 off、hint、info、warning、error。
只忽略某一处而不改动讲稿：在 \`.jianggao.json\` 的 \`"ignores"\` 中写 \`{ "rule": "${r.id}", "text": "被标出的文字" }\`（可加 \`before\`、\`after\`、\`file\`）。
也可在某一行前加 \`<!-- jianggao-disable-next-line ${r.id} -->\` 只忽略那一行。

*This page is generated from the rule's record by \`scripts/gen-docs.mjs\`.*
`;
  write(`server/docs/rules/${r.id}.md`, page);
}

// Pages of rules that no longer exist are stale too.
const docsDir = path.join(root, 'server/docs/rules');
for (const f of fs.existsSync(docsDir) ? fs.readdirSync(docsDir) : []) {
  if (!RULES.some((r) => `${r.id}.md` === f)) {
    stale.push(`server/docs/rules/${f} (no such rule)`);
    if (!check) fs.unlinkSync(path.join(docsDir, f));
  }
}

// The proofreading lists are their own documentation: one generated page per list.
const dataDir = path.join(root, 'server/src/analysis/data/proofreading');
const readData = (f) => JSON.parse(fs.readFileSync(path.join(dataDir, f), 'utf8'));
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|');
{
  const { entries } = readData('typos.json');
  const kinds = ['成语', '音近', '形近'];
  const rows = (k) => entries.filter((e) => e.kind === k).map((e) => `| ${e.wrong} | ${e.right} | ${cell(e.note)}${e.after ? `${e.note ? '；' : ''}只在后面是 \`${cell(e.after)}\` 时` : ''}${e.before ? `，或前面是 \`${cell(e.before)}\` 时` : ''}${e.dictionary === 'misspelling' ? `${e.note || e.after ? '；' : ''}分词词典收了这个误写` : ''} |`);
  write('server/docs/proofreading/typos.md', `# typo：错别字表 / the list of wrong characters

${entries.length} 条，按类型分列。数据：\`server/src/analysis/data/proofreading/typos.json\`（说明见同目录 README.md）；规则：[typo](../rules/typo.md)。
误写必须在分词结果中单独成词或占满若干个整词才报告；带条件的条目只在条件成立时报告。

*${entries.length} entries by kind, generated from the data file by \`scripts/gen-docs.mjs\`.*
${kinds.map((k) => `\n## ${k}（${entries.filter((e) => e.kind === k).length}）\n\n| 误写 | 正确 | 说明 |\n| --- | --- | --- |\n${rows(k).join('\n')}\n`).join('')}`);
}
{
  const v = readData('variants.json');
  write('server/docs/proofreading/variants.md', `# variant-form：第一批异形词整理表 / GF 1001-2001

推荐词形在前，不推荐的写法在后，按整理表的顺序。共 ${v.groups.length} 组（整理表正文 338 组，不含附录“含有非规范字的异形词”44 组）；数据：\`server/src/analysis/data/proofreading/variants.json\`（哪些组从整理表副本逐条核对过，见同目录 README.md）；规则：[variant-form](../rules/variant-form.md)。

*The table's ${v.groups.length} groups in its order; generated from the data file by \`scripts/gen-docs.mjs\`.*

| 推荐词形 | 不推荐的写法 |
| --- | --- |
${v.groups.map((g) => `| ${g[0]} | ${g.slice(1).map((x) => (x in v.notMatched ? `${x}（不检查）` : x)).join('、')} |`).join('\n')}

## 不检查的写法 / not matched

${Object.entries(v.notMatched).map(([k, why]) => `- ${k}：${why}`).join('\n')}

## 固定说法 / fixed phrases

${Object.entries(v.except).map(([k, list]) => `- ${k}：${list.join('、')}中不报告`).join('\n')}

## 不属于第一批的组（不检查）/ not in the table, not checked

| 组 | 为什么不在表内 |
| --- | --- |
${v.notInTable.map((e) => `| ${e.group[0]}—${e.group.slice(1).join('、')} | ${cell(e.why)} |`).join('\n')}
`);
}
{
  const f = readData('formulations.json');
  write('server/docs/proofreading/formulations.md', `# formulation：规范提法 / standard formulations

数据：\`server/src/analysis/data/proofreading/formulations.json\`；规则：[formulation](../rules/formulation.md)、[date-consistency](../rules/date-consistency.md)。

*Generated from the data file by \`scripts/gen-docs.mjs\`.*

## 提法 / phrases

| 不规范的写法 | 规范提法 | 开始使用 | 出处 |
| --- | --- | --- | --- |
${f.phrases.map((e) => `| ${e.wrong} | ${e.right} | ${e.since ?? ''} | ${cell(e.source)} |`).join('\n')}

## 固定提法 / fixed sets

| 名称 | 内容（按规范顺序） | 开始使用 | 出处 |
| --- | --- | --- | --- |
${f.sets.map((s) => `| ${s.name} | ${s.members.map((m) => m.join('/')).join('、')}${s.short ? `（在名称后列举时也可简写：${s.short.map((m) => m.join('/')).filter(Boolean).join('、')}）` : ''} | ${s.since ?? ''} | ${cell(s.source)} |`).join('\n')}

## 开始使用的年份（date-consistency）/ years

| 提法 | 年份 | 出处 | 条件 |
| --- | --- | --- | --- |
${f.years.map((y) => `| ${y.form} | ${y.since} | ${cell(y.source)} | ${y.after ? '后面是“精神、以来、报告、提出”等（说的是已经发生的）' : ''} |`).join('\n')}
`);
}

const table = [
  '| 规则 rule | 默认 default | 检查什么 | What it flags | 修复 fix |',
  '| --- | --- | --- | --- | --- |',
  ...RULES.map((r) => `| [\`${r.id}\`](server/docs/rules/${r.id}.md) | ${r.offByDefault ? `off (${r.severity})` : r.severity} | ${r.description.zh} | ${r.description.en} | ${r.fixTitle ? (r.fixKind === 'mechanical' ? '✓ fix-all' : '✓ quick fix') : ''} |`),
].join('\n');
const readmePath = path.join(root, 'README.md');
if (fs.existsSync(readmePath)) {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const re = /(<!-- rules:start -->)[\s\S]*?(<!-- rules:end -->)/;
  if (!re.test(readme)) stale.push('README.md (no <!-- rules:start --> … <!-- rules:end --> markers)');
  else write('README.md', readme.replace(re, `$1\n${table}\n$2`));
}

const pkgPath = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
const rulesSchema = pkg.contributes.configuration.properties['jianggao.rules'];
rulesSchema.properties = Object.fromEntries(RULES.map((r) => [r.id, {
  type: 'string',
  enum: ['off', 'hint', 'info', 'warning', 'error'],
  default: r.offByDefault ? 'off' : r.severity,
  description: `${r.description.zh} / ${r.description.en}`,
}]));
write('package.json', JSON.stringify(pkg, null, 2) + '\n');

if (stale.length) {
  console.log(`${check ? 'out of date' : 'updated'}: ${stale.join(', ')}`);
  if (check) {
    console.log('run `npm run docs` to regenerate');
    process.exit(1);
  }
} else console.log('rule docs, README table and settings schema are current');
