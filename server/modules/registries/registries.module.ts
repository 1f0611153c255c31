// The registries' shared layer: risk points of places and enterprises, background imports with row
// reports, templates and exports. It imports no feature module: each registry module hands over its
// import spec (and the services risk points need) where the modules are wired, in server/app.ts.
import type { Module, ModuleContext } from '../../core/module.js';
import { sql } from '../../db/client.js';
import type { ImportKind } from '../../../common/modules/registries/registries.contract.js';
import { createImportRunner, type ImportRunner, type ImportSpec } from './registries.import.js';
import { createRiskService, type RiskDeps, type RiskService } from './registries.risk.js';
import { registriesRoutes } from './registries.routes.js';

// What other modules use of this one.
export { type ExportColumn, exportSheet, exportWorkbook, presentRows, statusLabel, sendFile, sendWorkbook, yesNo } from './registries.export.js';
export { bool, type FieldSpec, num, str } from './registries.fields.js';
export { type ValidatedRow } from './registries.import.js';
export { biFieldError, changedFields, type FieldIssue, issuesError, likePattern, listParam, openSealed, PHONE_RE, type Placement, placementCols, type PlacementInput, type PlacementRow, pointSql, presentPlacement, recordHistory, resolvePlacement, resolvePlacements, riskFilterSql, ruleFieldError, sealIdNumber, sealPhone, unitByCode, unitFilterSql } from './registries.shared.js';
export { insertRow, insertRows, type ColumnOf, type Row, type TableRow, ts, updateRow } from './registries.sql.js';

export type { ImportRunner, ImportSpec, RiskService };
export interface RegistriesService {
  risk: RiskService;
  imports: ImportRunner;
}

/** A module whose records the registries import: it hands its spec over at wiring time. */
export interface RegistryModule<S> extends Module<S> {
  importSpec: ImportSpec;
}

export interface RegistriesDeps extends RiskDeps {
  /** The import spec of every kind, from the module that owns the records. */
  importSpecs: Record<ImportKind, ImportSpec>;
  /** Today in the deployment's zone (the rule sets' validity). */
  today: () => string;
}

/** Risk points of places and enterprises, and background imports of the registries. */
export function createRegistriesModule(ctx: ModuleContext, deps: RegistriesDeps): Module<RegistriesService> {
  const risk = createRiskService(ctx, deps);
  const imports = createImportRunner(ctx, deps.importSpecs);
  return {
    service: { risk, imports },
    routes: (app) => {
      registriesRoutes(app, { risk, imports, today: deps.today });
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
