// The persistent scheduler: recurring jobs in the `jobs` table. `runDue(now)` claims each due job
// with FOR UPDATE SKIP LOCKED and a lease, runs it, and sets its next run one interval after
// `now` — so several app instances on one server run a due job once, and a job that was missed
// during downtime runs once on the next tick (its handler catches up). `start()` ticks on a timer.
import { randomBytes } from 'node:crypto';
import { sql } from '../../db/client.js';
import type { ModuleContext } from '../../core/module.js';

export interface JobSpec {
  name: string;
  intervalSeconds: number;
  /** Runs the work due at `now`; must be idempotent (a lease can expire while it runs). */
  run(now: Date): Promise<unknown>;
  /** How long a claim holds before another instance may take the job over. */
  leaseSeconds?: number;
}

export interface JobRun {
  name: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export function createSchedulerService(ctx: ModuleContext) {
  const { db, clock } = ctx;
  const instance = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const specs = new Map<string, JobSpec>();
  let registered = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function ensureRows(now: Date): Promise<void> {
    if (registered) return;
    for (const s of specs.values()) {
      await db.rows(sql`INSERT INTO jobs (name, interval_seconds, next_run_at) VALUES (${s.name}, ${s.intervalSeconds}, ${now.toISOString()}::timestamptz)
        ON CONFLICT (name) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds`);
    }
    registered = true;
  }

  async function claim(now: Date): Promise<JobSpec | null> {
    const names = [...specs.keys()];
    if (names.length === 0) return null;
    return db.tx(async (tx) => {
      const row = await tx.one<{ name: string }>(sql`SELECT name FROM jobs
        WHERE name = ANY(${`{${names.join(',')}}`}::text[]) AND next_run_at <= ${now.toISOString()}::timestamptz
          AND (locked_until IS NULL OR locked_until < ${now.toISOString()}::timestamptz)
        ORDER BY next_run_at, name LIMIT 1 FOR UPDATE SKIP LOCKED`);
      if (!row) return null;
      const spec = specs.get(row.name);
      if (!spec) return null;
      await tx.rows(sql`UPDATE jobs SET locked_by = ${instance}, locked_until = ${now.toISOString()}::timestamptz + make_interval(secs => ${spec.leaseSeconds ?? 600}),
        last_started_at = ${clock.now().toISOString()}::timestamptz WHERE name = ${row.name}`);
      return spec;
    });
  }

  async function finish(spec: JobSpec, now: Date, error: string | null): Promise<void> {
    await db.rows(sql`UPDATE jobs SET locked_by = NULL, locked_until = NULL, runs = runs + 1, last_error = ${error},
        last_finished_at = ${clock.now().toISOString()}::timestamptz,
        next_run_at = ${now.toISOString()}::timestamptz + make_interval(secs => interval_seconds)
      WHERE name = ${spec.name} AND locked_by = ${instance}`);
  }

  const service = {
    instance,

    register(spec: JobSpec): void {
      specs.set(spec.name, spec);
      registered = false;
    },

    /** Runs every job due at `now` once (those another instance holds are skipped). */
    async runDue(now: Date = clock.now()): Promise<JobRun[]> {
      await ensureRows(now);
      const runs: JobRun[] = [];
      for (let i = 0; i < specs.size; i++) {
        const spec = await claim(now);
        if (!spec) break;
        try {
          const result = await spec.run(now);
          await finish(spec, now, null);
          runs.push({ name: spec.name, ok: true, result });
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          ctx.log?.error({ err: e, job: spec.name }, 'scheduled job failed');
          await finish(spec, now, msg.slice(0, 500));
          runs.push({ name: spec.name, ok: false, error: msg });
        }
      }
      return runs;
    },

    async jobs() {
      return db.rows<{ name: string; interval_seconds: number; next_run_at: string; locked_by: string | null; locked_until: string | null;
        last_started_at: string | null; last_finished_at: string | null; last_error: string | null; runs: string }>(sql`
        SELECT name, interval_seconds, next_run_at::text AS next_run_at, locked_by, locked_until::text AS locked_until,
          last_started_at::text AS last_started_at, last_finished_at::text AS last_finished_at, last_error, runs::text AS runs
        FROM jobs ORDER BY name`);
    },

    /** Makes a job due now (an administrator's "run now"). */
    async trigger(name: string): Promise<boolean> {
      const r = await db.rows<{ name: string }>(sql`UPDATE jobs SET next_run_at = ${clock.now().toISOString()}::timestamptz WHERE name = ${name} RETURNING name`);
      return r.length > 0;
    },

    start(tickMs = 30_000): void {
      if (timer) return;
      const tick = () => {
        if (running) return;
        running = service.runDue(clock.now()).catch((e: unknown) => ctx.log?.error({ err: e }, 'scheduler tick failed')).finally(() => {
          running = null;
        });
      };
      timer = setInterval(tick, tickMs);
      timer.unref();
      setTimeout(tick, 1000).unref();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running;
    },
  };
  return service;
}
export type SchedulerService = ReturnType<typeof createSchedulerService>;
