// The shape every domain module's web/modules/<d>/routes.tsx exports. See modules.tsx.
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Permission } from '../../common/permissions.js';
import type { MenuGroupKey } from './menu-groups.js';

export interface MenuSpec {
  /** Unique menu key, e.g. 'admin.users'. */
  key: string;
  /** Dictionary key of the label, e.g. 'admin.menu.users'. */
  labelKey: string;
  icon?: ReactNode;
  /** Shown only to users holding this permission; omitted: every logged-in user. */
  permission?: Permission;
  /** A side-menu group from menu-groups.ts; omitted: a top-level item. */
  group?: MenuGroupKey;
}

export interface ModuleRoute {
  /** Absolute path inside the app, e.g. '/admin/users' (may hold params: '/hazards/:id'). */
  path: string;
  /** The page, loaded lazily: `lazy(() => import('./pages/UsersPage.js'))`. */
  element: LazyExoticComponent<ComponentType>;
  /** Present for pages reachable from the side menu. */
  menu?: MenuSpec;
  /** Who may open the page; defaults to menu.permission; omitted on both: every logged-in user. */
  permission?: Permission;
  /** A page for everyone, without a login and outside the app layout (e.g. the public reporting portal). */
  public?: boolean;
}

export type ModuleRoutes = readonly ModuleRoute[];

/** The permission guarding a route. */
export function routePermission(r: ModuleRoute): Permission | undefined {
  return r.permission ?? r.menu?.permission;
}
