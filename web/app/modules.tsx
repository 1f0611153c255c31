// The module registry: the shell builds its routes, side menu and dictionary from it.
//
// Adding a domain module is one line: put its folder name into ENABLED_MODULES below, in the
// place its menu items should appear. The folder web/modules/<d>/ provides
//
//   routes.tsx  export const routes: ModuleRoutes = [
//                 { path: '/hazards', element: lazy(() => import('./pages/HazardListPage.js')),
//                   menu: { key: 'hazard.list', labelKey: 'hazard.menu.list', icon: <AlertOutlined />,
//                           permission: 'hazard.read', group: 'hazard' } },
//                 { path: '/hazards/:id', element: lazy(() => import('./pages/HazardPage.js')),
//                   permission: 'hazard.read' },
//               ];
//   i18n.ts     export const messages = defineMessages({ zh: { 'hazard.menu.list': '隐患台账' },
//                                                        en: { 'hazard.menu.list': 'Hazards' } });
//
// (types in app/module.ts, groups in app/menu-groups.ts). Pages are lazy, so a module costs the
// first load nothing but its route table and dictionary. A menu item shows only to users holding
// its permission; a route whose permission the user lacks answers a 403 page.
import type { ModuleMessages } from './i18n.js';
import { mergeMessages } from './i18n.js';
import { appMessages } from './messages.js';
import type { ModuleRoute, ModuleRoutes } from './module.js';

export const ENABLED_MODULES = [
  'home',
  'notifications',
  'notices',
  'auth',
  'units',
  'admin',
  'audit',
  'places',
  'enterprises',
  'people',
  'things',
  'orgs',
  'registries',
  'calculators',
  'reports',
  'inspections',
  'checklists',
  'hazards',
  'calendar',
] as const;

const routeFiles = import.meta.glob<ModuleRoutes>('../modules/*/routes.tsx', { eager: true, import: 'routes' });
const messageFiles = import.meta.glob<ModuleMessages>('../modules/*/i18n.ts', { eager: true, import: 'messages' });

export interface RegisteredModule {
  id: string;
  routes: ModuleRoutes;
  messages: ModuleMessages;
}

function load(id: string): RegisteredModule {
  const routes = routeFiles[`../modules/${id}/routes.tsx`];
  const messages = messageFiles[`../modules/${id}/i18n.ts`];
  if (!routes) throw new Error(`module '${id}' is enabled but web/modules/${id}/routes.tsx exports no routes`);
  return { id, routes, messages: messages ?? { zh: {}, en: {} } };
}

export const MODULES: readonly RegisteredModule[] = ENABLED_MODULES.map(load);

/** Every route of every enabled module, in registry order. */
export const ALL_ROUTES: readonly ModuleRoute[] = MODULES.flatMap((m) => m.routes);

/** The shell's dictionary and those of the enabled modules, as one. */
export const MESSAGES: ModuleMessages = mergeMessages([appMessages, ...MODULES.map((m) => m.messages)], (key) => {
  if (import.meta.env.DEV) console.warn(`[i18n] key ${key} is defined twice`);
});
