import type { Module, ModuleContext } from '../../core/module.js';
import { thingsRoutes } from './things.routes.js';
import { createThingsService, type ThingsService } from './things.service.js';

export type { ThingsService };

export function createThingsModule(ctx: ModuleContext): Module<ThingsService> {
  const service = createThingsService(ctx);
  return { service, routes: (app) => thingsRoutes(app, ctx.config.timeZone, service) };
}
