// The units module as app.ts wires it: the service and its routes.
import type { FastifyInstance } from 'fastify';
import type { Module, ModuleContext } from '../../core/module.js';
import { createUnitsService, type UnitsService } from './units.service.js';
import { unitsRoutes } from './units.routes.js';

// What other modules use of this one.
export { locatePoint } from './units.locate.js';

export function createUnitsModule(ctx: ModuleContext): Module<UnitsService> {
  const service = createUnitsService(ctx);
  return {
    service,
    routes(app: FastifyInstance) {
      unitsRoutes(app, service);
    },
  };
}
