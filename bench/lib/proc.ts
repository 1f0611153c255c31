// Child processes of the benchmark: the server under test (`node --import tsx server/main.ts`),
// the hello-world baseline, the load generator and the in-process tasks. Every child is killed
// by its PID when the benchmark ends, however it ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const children = new Set<ChildProcess>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const c of children) if (c.pid && c.exitCode === null) try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ }
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { killAll(); process.exit(130); });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  child: ChildProcess;
  pid: number;
  output: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** `node --import tsx <script> …args` in the repository, env added to ours. */
export function spawnNode(script: string, args: string[], env: Record<string, string>, opts: { quiet?: boolean } = {}): Child {
  hookExit();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT, env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!child.pid) throw new Error(`could not start ${script}`);
  children.add(child);
  const output: string[] = [];
  const keep = (d: Buffer) => {
    const s = d.toString();
    output.push(s);
    if (output.length > 2000) output.splice(0, output.length - 2000);
    if (!opts.quiet && process.env.BENCH_VERBOSE) process.stderr.write(s);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { children.delete(child); resolve(code); }));
  const pid = child.pid;
  return {
    child, pid, output, exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try { process.kill(pid, 'SIGTERM'); } catch { return; }
      const timer = setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a task script to its end and parses the last line of its stdout as JSON. */
export async function runTask<T>(script: string, args: string[], env: Record<string, string>, timeoutMs = 3_600_000): Promise<T> {
  const c = spawnNode(script, args, env);
  const timer = setTimeout(() => void c.stop(), timeoutMs);
  const code = await c.exited;
  clearTimeout(timer);
  const text = c.output.join('');
  if (code !== 0) throw new Error(`${script} failed (exit ${code}):\n${text.slice(-3000)}`);
  const lines = text.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!.trim();
    if (l.startsWith('{')) return JSON.parse(l) as T;
  }
  throw new Error(`${script} printed no JSON:\n${text.slice(-3000)}`);
}

/** Polls `url` until it answers 200; the time from `since` to that answer. */
export async function waitFor200(url: string, since: number, child: Child | null, timeoutMs: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - since;
      await res.body?.cancel();
    } catch { /* not listening yet */ }
    if (child && child.child.exitCode !== null) throw new Error(`the process exited (${child.child.exitCode}) before answering:\n${child.output.join('').slice(-3000)}`);
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Peak resident set size (VmHWM) and current RSS of a process, in MB. */
export function memoryOf(pid: number): { hwmMb: number; rssMb: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

export interface ServerUnderTest extends Child {
  baseUrl: string;
  port: number;
  /** Spawn → first 200 from /readyz, ms. */
  startMs: number;
}

/** The SafeGrid server as deployed: `node --import tsx server/main.ts` on a free loopback port. */
export async function startServer(env: Record<string, string>, timeoutMs = 600_000): Promise<ServerUnderTest> {
  const port = await freePort();
  const t0 = performance.now();
  const c = spawnNode('server/main.ts', [], {
    HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', SAFEGRID_RATE_PER_MINUTE: '1000000', SAFEGRID_LOGIN_RATE_PER_MINUTE: '10000', ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    const startMs = await waitFor200(`${baseUrl}/readyz`, t0, c, timeoutMs);
    return { ...c, baseUrl, port, startMs };
  } catch (e) {
    await c.stop();
    throw e;
  }
}
