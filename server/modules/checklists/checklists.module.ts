import type { Module, ModuleContext } from '../../core/module.js';
import { checklistsRoutes } from './checklists.routes.js';
import { createChecklistsService, type ChecklistsService } from './checklists.service.js';

// What other modules use of this one.
export { presentItem } from './checklists.presenter.js';
export { type ItemRow } from './checklists.repository.js';
export { type ChecklistsService } from './checklists.service.js';

export function createChecklistsModule(ctx: ModuleContext): Module<ChecklistsService> {
  const service = createChecklistsService(ctx);
  return { service, routes: (app) => checklistsRoutes(app, service) };
}
