import type { Module, ModuleContext } from '../../core/module.js';
import type { CalculatorsService } from '../calculators/calculators.module.js';
import type { PlacesService } from '../places/places.module.js';
import type { EnterprisesService } from '../enterprises/enterprises.module.js';
import { placesImportSpec } from '../places/places.import.js';
import { enterprisesImportSpec } from '../enterprises/enterprises.import.js';
import { peopleImportSpec } from '../people/people.import.js';
import { sql } from '../../db/client.js';
import { createImportRunner, type ImportRunner } from './registries.import.js';
import { createRiskService, type RiskService } from './registries.risk.js';
import { registriesRoutes } from './registries.routes.js';

export interface RegistriesService {
  risk: RiskService;
  imports: ImportRunner;
}

export interface RegistriesDeps {
  calculators: CalculatorsService;
  places: PlacesService;
  enterprises: EnterprisesService;
}

/** Risk points of places and enterprises, and background imports of the registries. */
export function createRegistriesModule(ctx: ModuleContext, deps: RegistriesDeps): Module<RegistriesService> {
  const risk = createRiskService(ctx, deps);
  const imports = createImportRunner(ctx, {
    places: placesImportSpec(ctx, deps.calculators),
    enterprises: enterprisesImportSpec(ctx),
    people: peopleImportSpec(ctx),
  });
  return {
    service: { risk, imports },
    routes: (app) => {
      registriesRoutes(app, { risk, imports, today: () => deps.calculators.today() });
      app.addHook('onClose', async () => imports.drain());
    },
    start() {
      // Imports interrupted by a restart cannot resume (the upload was held in memory).
      void ctx.db
        .rows(sql`UPDATE import_jobs SET status = 'failed', phase = 'finished', message = 'Interrupted by a server restart; upload the file again'
          WHERE status IN ('queued', 'running')`)
        .catch(() => undefined);
    },
    stop: () => imports.drain(),
  };
}
