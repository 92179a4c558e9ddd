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
