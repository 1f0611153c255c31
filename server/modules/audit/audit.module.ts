// Reading the audit log and verifying its chain (audit admin).
import type { Module, ModuleContext } from '../../core/module.js';
import { auditRoutes } from './audit.routes.js';
import { createAuditService, type AuditService } from './audit.service.js';

export { createAuditService, type AuditService };

export function createAuditModule(ctx: ModuleContext): Module<AuditService> {
  const service = createAuditService(ctx);
  return { service, routes: (app) => auditRoutes(app, service) };
}
