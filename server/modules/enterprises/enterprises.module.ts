import type { ModuleContext } from '../../core/module.js';
import type { RegistryModule } from '../registries/registries.module.js';
import { enterprisesImportSpec } from './enterprises.import.js';
import { enterprisesRoutes } from './enterprises.routes.js';
import { createEnterprisesService, type EnterprisesDeps, type EnterprisesService } from './enterprises.service.js';

// What other modules use of this one.
export { enterprisesRepository } from './enterprises.repository.js';

export { getEnterpriseRef, type EnterpriseRef, type EnterprisesService } from './enterprises.service.js';

/** Enterprises, projects and major hazard sources; hands its import spec to the registries. */
export function createEnterprisesModule(ctx: ModuleContext, deps: EnterprisesDeps): RegistryModule<EnterprisesService> {
  const service = createEnterprisesService(ctx, deps);
  return {
    service,
    routes: (app) => enterprisesRoutes(app, ctx.config.timeZone, service, () => deps.calculators.today()),
    importSpec: enterprisesImportSpec(ctx),
  };
}
