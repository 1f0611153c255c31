// Open311 GeoReport v2 over the public reports.
import type { Module, ModuleContext } from '../../core/module.js';
import { DEFAULT_OPEN311_SETTINGS } from '../../../common/modules/open311/open311.contract.js';
import type { PortalService } from '../reports/reports.module.js';
import { settingsDoc } from '../reports/reports.module.js';
import { open311Routes } from './open311.routes.js';
import { createOpen311Service, type Open311Service } from './open311.service.js';

export function createOpen311Module(ctx: ModuleContext, deps: { portal: PortalService }): Module<Open311Service> {
  const service = createOpen311Service(ctx, { portal: deps.portal, settings: settingsDoc(ctx.db, 'open311', DEFAULT_OPEN311_SETTINGS) });
  return { service, routes: (app) => open311Routes(app, service) };
}
