// Users (system admin); roles, grants and security settings (security admin).
import type { Module, ModuleContext } from '../../core/module.js';
import { adminRoutes } from './admin.routes.js';
import { createAdminService, type AdminService } from './admin.service.js';

export { createAdminService, type AdminService };

export function createAdminModule(ctx: ModuleContext): Module<AdminService> {
  const service = createAdminService(ctx);
  return { service, routes: (app) => adminRoutes(app, service, ctx.clock) };
}
