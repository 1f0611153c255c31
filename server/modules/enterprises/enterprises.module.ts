import type { Module, ModuleContext } from '../../core/module.js';
import { enterprisesRoutes } from './enterprises.routes.js';
import { createEnterprisesService, type EnterprisesDeps, type EnterprisesService } from './enterprises.service.js';

export { getEnterpriseRef, type EnterpriseRef, type EnterprisesService } from './enterprises.service.js';

export function createEnterprisesModule(ctx: ModuleContext, deps: EnterprisesDeps): Module<EnterprisesService> {
  const service = createEnterprisesService(ctx, deps);
  return { service, routes: (app) => enterprisesRoutes(app, ctx.config.timeZone, service, () => deps.calculators.today()) };
}
