import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Module, ModuleContext } from '../../core/module.js';
import { errors } from '../../core/responses.js';
import { notFound } from '../../core/errors.js';
import { toIso } from '../../db/client.js';
import { createSchedulerService, type SchedulerService } from './scheduler.service.js';

// What other modules use of this one.
export { type SchedulerService } from './scheduler.service.js';

const JobView = Type.Object({
  name: Type.String(),
  intervalSeconds: Type.Integer(),
  nextRunAt: Type.String(),
  lockedBy: Type.Union([Type.String(), Type.Null()]),
  lastStartedAt: Type.Union([Type.String(), Type.Null()]),
  lastFinishedAt: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  runs: Type.Integer(),
});

function schedulerRoutes(app: FastifyInstance, svc: SchedulerService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['scheduler'];
  const list = async () => ({
    items: (await svc.jobs()).map((j) => ({
      name: j.name, intervalSeconds: j.interval_seconds, nextRunAt: toIso(j.next_run_at) ?? '', lockedBy: j.locked_by, lastStartedAt: toIso(j.last_started_at),
      lastFinishedAt: toIso(j.last_finished_at), lastError: j.last_error, runs: Number(j.runs),
    })),
  });
  r.get('/api/scheduler/jobs', { config: { access: 'config.manage' }, schema: { tags, summary: 'Background jobs and when they run', response: { 200: Type.Object({ items: Type.Array(JobView) }), ...errors(401, 403) } } }, list);
  r.post('/api/scheduler/jobs/:name/run', { config: { access: 'config.manage' }, schema: { tags, summary: 'Run a background job now', params: Type.Object({ name: Type.String({ maxLength: 64 }) }), response: { 200: Type.Object({ items: Type.Array(JobView) }), ...errors(401, 403, 404) } } },
    async (req) => {
      if (!(await svc.trigger(req.params.name))) throw notFound('job');
      await svc.runDue();
      return list();
    });
}

export function createSchedulerModule(ctx: ModuleContext): Module<SchedulerService> {
  const service = createSchedulerService(ctx);
  return {
    service,
    routes: (app) => schedulerRoutes(app, service),
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
