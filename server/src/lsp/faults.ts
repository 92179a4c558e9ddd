// A test hook, inert unless JIANGGAO_TEST_FAULT is set (test/lsp/robustness.test.ts sets it):
// `throw:<rule>` makes a rule throw, `slow:<rule>:<ms>` makes it busy for that long, to show a
// failing rule is switched off alone and that results older than the document are dropped.

import { RULE_BY_ID } from '../analysis';

let installed = false;

export function installTestFault(spec = process.env.JIANGGAO_TEST_FAULT ?? ''): void {
  if (installed) return;
  installed = true;
  const fault = /^(throw|slow):([a-z-]+)(?::(\d+))?$/.exec(spec);
  const faulty = fault && RULE_BY_ID.get(fault[2]);
  if (!fault || !faulty) return;
  const check = faulty.check;
  faulty.check = (ctx) => {
    if (fault[1] === 'throw') throw new Error(`injected failure (JIANGGAO_TEST_FAULT=${fault[0]})`);
    for (const until = Date.now() + Number(fault[3] ?? 0); Date.now() < until;);
    return check(ctx);
  };
}
