// Shared by the benchmarks: the machine, how a figure is printed against its target, process
// memory, generated drafts of any size, and a plain LSP client for dist/server.js.

import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedParagraphs, generatedSpeech } from './generate.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const require = createRequire(import.meta.url);

export function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.platform()} ${os.arch()}, Node ${process.version}`;
}

/** Prints figures as `label  value  target  PASS/FAIL`; `failed` tells the runner. */
export class Report {
  failed = 0;
  constructor(title) {
    console.log(`\n${title}`);
  }
  figure(label, value, unit, target, ok) {
    if (!ok) this.failed++;
    console.log(`  ${label.padEnd(58)} ${`${value} ${unit}`.padStart(14)}   target ${target.padEnd(14)} ${ok ? 'PASS' : 'FAIL'}`);
  }
  note(label, value = '') {
    console.log(`  ${label.padEnd(58)} ${value}`);
  }
  end() {
    process.exitCode = this.failed ? 1 : 0;
  }
}

export const ms = (t) => t.toFixed(t < 10 ? 2 : 1);
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Resident memory of a process in MB (Linux /proc; elsewhere `ps`). */
export function rssMB(pid = process.pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch { /* not Linux */ }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** Prose paragraphs: the project's clean fixture speeches, then generated ones (bench/generate.mjs). */
export function paragraphPool() {
  const clean = path.join(ROOT, 'test', 'fixtures', 'clean');
  const texts = fs.readdirSync(clean).filter((x) => x.endsWith('.speech')).sort().map((f) => fs.readFileSync(path.join(clean, f), 'utf8'));
  const own = texts.flatMap((t) => t.split(/\r?\n/)).map((l) => l.trim())
    .filter((l) => l.length >= 30 && /[。！？!?]$/.test(l) && !/^第.{1,3}篇|^[一二三四五六七八九十]+、|www\./.test(l));
  return [...own, ...generatedParagraphs(3000, 500_000)];
}

/** One speech of about `chars` characters (generated: no sentence twice, see bench/generate.mjs). */
export function makeDraft(chars, index = 0) {
  return generatedSpeech(index, chars);
}

/**
 * A collection of about `bytes` bytes: speeches headed 第N篇 one after another (what a
 * writer's archive file looks like), each generated.
 */
export function makeCollection(bytes) {
  const out = [];
  let size = 0;
  const numerals = '一二三四五六七八九十';
  for (let i = 0; size < bytes; i++) {
    const n = i + 1;
    const label = n <= 10 ? numerals[n - 1] : n < 20 ? `十${numerals[n - 11]}` : String(n);
    const s = `第${label}篇：${generatedSpeech(i, 6000)}`;
    out.push(s);
    size += Buffer.byteLength(s) + 1;
  }
  return out.join('\n');
}

/** CPU time (user + system, all threads) a process has used, in ms (Linux /proc). */
export function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the full line, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A plain LSP client over stdio for `node dist/server.js --stdio`, as any editor would be. */
export class LspClient {
  constructor(env = {}, settings = {}) {
    this.started = performance.now();
    this.settings = settings;
    // Started as the VS Code client starts it (client/src/extension.ts): a small young
    // generation, two malloc arenas.
    // JIANGGAO_BENCH_NODE_ARGS adds node options (a profiler: --cpu-prof --cpu-prof-dir=…).
    const extra = (process.env.JIANGGAO_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, ['--max-semi-space-size=1', ...extra, path.join(ROOT, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', ...env },
    });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.logs = [];
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
  }
  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const head = this.buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())[1]);
      if (this.buffer.length < head + 4 + length) return;
      const msg = JSON.parse(this.buffer.subarray(head + 4, head + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(head + 4 + length);
      this.dispatch(msg, performance.now());
    }
  }
  dispatch(msg, at) {
    if (msg.id !== undefined && msg.method) {
      // Requests from the server: configuration (defaults), capability registration, progress.
      const result = msg.method === 'workspace/configuration' ? msg.params.items.map(() => this.settings) : null;
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.id !== undefined) {
      this.pending.get(msg.id)?.(msg.result);
      this.pending.delete(msg.id);
      return;
    }
    if (msg.method === 'window/logMessage') this.logs.push({ at, message: msg.params.message });
    for (const l of [...this.listeners]) l(msg, at);
  }
  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }
  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }
  /** Resolves with [params, time] of the first notification matching. */
  waitFor(method, pred = () => true, timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      const l = (msg, at) => {
        if (msg.method === method && pred(msg.params)) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((x) => x !== l);
          resolve([msg.params, at]);
        }
      };
      this.listeners.push(l);
    });
  }
  async initialize(rootUri = null) {
    await this.request('initialize', {
      processId: process.pid, rootUri, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: { workspace: { configuration: true } }, initializationOptions: { locale: 'zh-cn', trusted: true },
    });
    this.notify('initialized', {});
  }
  async stop() {
    await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
    this.notify('exit', null);
    setTimeout(() => this.child.kill(), 500).unref();
  }
}
