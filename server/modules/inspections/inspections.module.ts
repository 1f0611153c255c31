import type { Module, ModuleContext } from '../../core/module.js';
import { systemActor } from '../../core/access.js';
import type { ChecklistsService } from '../checklists/checklists.module.js';
import type { FilesService } from '../files/files.module.js';
import type { HazardsService } from '../hazards/hazards.module.js';
import type { NotificationsService } from '../notifications/notifications.module.js';
import type { SchedulerService } from '../scheduler/scheduler.module.js';
import { inspectionsRoutes } from './inspections.routes.js';
import { createInspectionsService, type InspectionsService } from './inspections.service.js';

// What other modules use of this one.
export { type InspectionsService } from './inspections.service.js';

export function createInspectionsModule(ctx: ModuleContext, deps: {
  files: FilesService; hazards: HazardsService; checklists: ChecklistsService; notifications: NotificationsService; scheduler: SchedulerService;
}): Module<InspectionsService> {
  const service = createInspectionsService(ctx, deps);
  deps.files.registerOwner('inspection', { permission: 'inspection.read', target: (ex, id) => service.fileTarget(ex, id) });
  deps.notifications.registerWorkSource((actor, today) => service.workFor(actor, today));
  deps.scheduler.register({ name: 'plans.generate', intervalSeconds: 6 * 3600, run: (now) => service.generateCurrent(now, systemActor('planner')) });
  return { service, routes: (app) => inspectionsRoutes(app, service) };
}
