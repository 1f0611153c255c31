import type { Module, ModuleContext } from '../../core/module.js';
import { orgsRoutes } from './orgs.routes.js';
import { createOrgsService, type OrgsService } from './orgs.service.js';

export type { OrgsService };

export function createOrgsModule(ctx: ModuleContext): Module<OrgsService> {
  const service = createOrgsService(ctx);
  return { service, routes: (app) => orgsRoutes(app, service) };
}
