import type { Module, ModuleContext } from '../../core/module.js';
import type { NotificationsService } from '../notifications/notifications.module.js';
import { deadlinesRoutes } from './deadlines.routes.js';
import { createDeadlinesService, type DeadlinesService } from './deadlines.service.js';

export type { ClockKind, DeadlinesService, StartDeadline } from './deadlines.service.js';

export function createDeadlinesModule(ctx: ModuleContext, deps: { notifications: NotificationsService }): Module<DeadlinesService> {
  const service = createDeadlinesService(ctx);
  deps.notifications.registerWorkSource((actor, today) => service.workFor(actor, today));
  return { service, routes: (app) => deadlinesRoutes(app, service) };
}
