import type { Module, ModuleContext } from '../../core/module.js';
import { placesRoutes } from './places.routes.js';
import { createPlacesService, type PlacesDeps, type PlacesService } from './places.service.js';

export { getPlaceRef, type PlaceRef, type PlacesService } from './places.service.js';

export function createPlacesModule(ctx: ModuleContext, deps: PlacesDeps): Module<PlacesService> {
  const service = createPlacesService(ctx, deps);
  return { service, routes: (app) => placesRoutes(app, service, ctx.config.timeZone) };
}
