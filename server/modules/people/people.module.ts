import type { ModuleContext } from '../../core/module.js';
import type { RegistryModule } from '../registries/registries.module.js';
import { peopleImportSpec } from './people.import.js';
import { peopleRoutes } from './people.routes.js';
import { createPeopleService, type PeopleService } from './people.service.js';

export type { PeopleService };

/** People at risk and key persons; hands its import spec to the registries. */
export function createPeopleModule(ctx: ModuleContext): RegistryModule<PeopleService> {
  const service = createPeopleService(ctx);
  return { service, routes: (app) => peopleRoutes(app, ctx.config.timeZone, service), importSpec: peopleImportSpec(ctx) };
}
