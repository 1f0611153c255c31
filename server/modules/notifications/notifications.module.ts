import type { Module, ModuleContext } from '../../core/module.js';
import type { SchedulerService } from '../scheduler/scheduler.service.js';
import { localDay } from '../../../common/time.js';
import { notificationsRoutes } from './notifications.routes.js';
import { createNotificationsService, type NotificationsService, type Transports } from './notifications.service.js';

export function createNotificationsModule(ctx: ModuleContext, deps: { scheduler: SchedulerService; transports?: Transports }): Module<NotificationsService> {
  const service = createNotificationsService(ctx, deps.transports ? { transports: deps.transports } : {});
  deps.scheduler.register({ name: 'outbox.deliver', intervalSeconds: 60, leaseSeconds: 300, run: (now) => service.deliver(now) });
  return { service, routes: (app) => notificationsRoutes(app, service, () => localDay(ctx.clock.now(), ctx.config.timeZone)) };
}
