import type { Module, ModuleContext } from '../../core/module.js';
import { calculatorsRoutes } from './calculators.routes.js';
import { createCalculatorsService, type CalculatorsService } from './calculators.service.js';

export type { CalculatorsService };

export function createCalculatorsModule(ctx: ModuleContext): Module<CalculatorsService> {
  const service = createCalculatorsService(ctx);
  return { service, routes: (app) => calculatorsRoutes(app, service) };
}
