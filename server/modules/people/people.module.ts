import type { Module, ModuleContext } from '../../core/module.js';
import { peopleRoutes } from './people.routes.js';
import { createPeopleService, type PeopleService } from './people.service.js';

export type { PeopleService };

export function createPeopleModule(ctx: ModuleContext): Module<PeopleService> {
  const service = createPeopleService(ctx);
  return { service, routes: (app) => peopleRoutes(app, ctx.config.timeZone, service) };
}
