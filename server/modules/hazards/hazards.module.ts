import type { Module, ModuleContext } from '../../core/module.js';
import type { DeadlinesService } from '../deadlines/deadlines.module.js';
import type { FilesService } from '../files/files.module.js';
import type { NotificationsService } from '../notifications/notifications.module.js';
import type { SchedulerService } from '../scheduler/scheduler.module.js';
import { hazardsRoutes } from './hazards.routes.js';
import { createHazardsService, type HazardsService } from './hazards.service.js';

// What other modules use of this one.
export { type HazardsService } from './hazards.service.js';

export function createHazardsModule(ctx: ModuleContext, deps: { files: FilesService; notifications: NotificationsService; scheduler: SchedulerService; deadlines: DeadlinesService }): Module<HazardsService> {
  const service = createHazardsService(ctx, deps);
  deps.files.registerOwner('hazard', { permission: 'hazard.read', target: (ex, id) => service.fileTarget(ex, id) });
  deps.notifications.registerWorkSource((actor, today) => service.workFor(actor, today));
  deps.scheduler.register({ name: 'hazards.escalate', intervalSeconds: 600, run: (now) => service.escalateDue(now, deps.scheduler.instance) });
  return { service, routes: (app) => hazardsRoutes(app, service, deps.files, { timeZone: ctx.config.timeZone, db: ctx.db }) };
}
