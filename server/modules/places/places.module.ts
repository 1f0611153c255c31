import type { ModuleContext } from '../../core/module.js';
import type { RegistryModule } from '../registries/registries.module.js';
import { placesImportSpec } from './places.import.js';
import { placesRoutes } from './places.routes.js';
import { createPlacesService, type PlacesDeps, type PlacesService } from './places.service.js';

export { getPlaceRef, type PlaceRef, type PlacesService } from './places.service.js';

/** Places, their grading and risk; hands its import spec to the registries. */
export function createPlacesModule(ctx: ModuleContext, deps: PlacesDeps): RegistryModule<PlacesService> {
  const service = createPlacesService(ctx, deps);
  return { service, routes: (app) => placesRoutes(app, service, ctx.config.timeZone), importSpec: placesImportSpec(ctx, deps.calculators) };
}
