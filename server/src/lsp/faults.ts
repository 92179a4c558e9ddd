// Test hooks, inert unless JIANGGAO_TEST_FAULT is set (test/lsp/robustness.test.ts sets it),
// to show that a part that fails is said, leaves every other result, and is tried again:
//   throw:<rule>[:<text>]        the rule throws (on drafts containing <text>, when given)
//   slow:<rule>:<ms>[:<text>]    the rule is busy for that long first (and says so on stderr)
//   throw:<part>[:<text>]        the part throws: segmenter, corpus, settings (for a URI
//                                containing <text>) or analysis (the whole of it)
//   exit:analysis[:<text>]       the analysis worker's thread exits mid-analysis
//   deadline:<ms>                an analysis is stopped after <ms> instead of 30 s and more
// Several are separated by commas.

import { isMainThread } from 'worker_threads';
import { RULE_BY_ID } from '../analysis';

export type FaultyPart = 'segmenter' | 'corpus' | 'settings' | 'analysis';
const PARTS = new Set<string>(['segmenter', 'corpus', 'settings', 'analysis']);

const throwing = new Map<string, string>();
let exitOn: string | undefined;
let deadline: number | undefined;
let installed = false;

function failure(spec: string): Error {
  return new Error(`injected failure (JIANGGAO_TEST_FAULT=${spec})`);
}

/** Throws when a fault is injected for `part` and `subject` contains its text. */
export function injectedFault(part: FaultyPart, subject: string): void {
  if (!installed) installTestFault();
  // (Only a worker's thread exits: on the main thread the hook would end the server.)
  if (part === 'analysis' && exitOn !== undefined && subject.includes(exitOn) && !isMainThread) process.exit(70);
  const when = throwing.get(part);
  if (when !== undefined && subject.includes(when)) throw failure(`throw:${part}${when ? ':' + when : ''}`);
}

/** The analysis deadline a test asked for, if any. */
export function injectedDeadline(): number | undefined {
  if (!installed) installTestFault();
  return deadline;
}

export function installTestFault(spec = process.env.JIANGGAO_TEST_FAULT ?? ''): void {
  if (installed) return;
  installed = true;
  for (const one of spec.split(',').filter(Boolean)) {
    const fault = /^(throw|slow|exit|deadline):([a-z0-9-]+)(?::([^:]+))?(?::(.+))?$/.exec(one);
    if (!fault) continue;
    const [, kind, target, arg, when] = fault;
    if (kind === 'deadline') deadline = Number(target);
    else if (kind === 'exit') exitOn = arg ?? '';
    else if (kind === 'throw' && PARTS.has(target)) throwing.set(target, arg ?? '');
    else {
      const faulty = RULE_BY_ID.get(target);
      if (!faulty) continue;
      const check = faulty.check;
      faulty.check = (ctx) => {
        if (kind === 'throw' && ctx.text.includes(arg ?? '')) throw failure(one);
        if (kind === 'slow' && ctx.text.includes(when ?? '')) {
          process.stderr.write(`JIANGGAO-FAULT slow ${target} on ${ctx.text.length} characters\n`);
          for (const until = Date.now() + Number(arg ?? 0); Date.now() < until;);
        }
        return check(ctx);
      };
    }
  }
}
