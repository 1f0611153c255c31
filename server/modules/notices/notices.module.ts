import type { Module, ModuleContext } from '../../core/module.js';
import { noticesRoutes } from './notices.routes.js';
import { createNoticesService, type NoticesDeps, type NoticesService } from './notices.service.js';

export type { NoticesService } from './notices.service.js';

export function createNoticesModule(ctx: ModuleContext, deps: NoticesDeps): Module<NoticesService> {
  const service = createNoticesService(ctx, deps);
  deps.files.registerOwner('notice', { permission: 'notice.read', target: (ex, id) => service.fileTarget(ex, id) });
  deps.notifications.registerWorkSource((actor) => service.workFor(actor));
  return { service, routes: (app) => noticesRoutes(app, service) };
}
