// The side menu, built from the registry and filtered by the user's permissions.
import { useMemo, type ReactNode } from 'react';
import type { MenuProps } from 'antd';
import type { Permission } from '../../common/permissions.js';
import { MENU_GROUPS, type MenuGroupKey } from './menu-groups.js';
import type { ModuleRoute } from './module.js';
import type { TFunction } from './i18n.js';
import { hasPermission } from '../access/can.js';
import { ALL_ROUTES } from './modules.js';
import { useSession } from './session.js';

type MenuItem = NonNullable<MenuProps['items']>[number];

export interface VisibleMenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  group: MenuGroupKey | undefined;
  permission: Permission | undefined;
}

/** The menu entries a user may see, in registry order. */
export function visibleMenuEntries(routes: readonly ModuleRoute[], can: (p: Permission | undefined) => boolean): VisibleMenuEntry[] {
  const out: VisibleMenuEntry[] = [];
  for (const r of routes) {
    if (!r.menu || !can(r.menu.permission)) continue;
    out.push({ key: r.menu.key, path: r.path, labelKey: r.menu.labelKey, icon: r.menu.icon, group: r.menu.group, permission: r.menu.permission });
  }
  return out;
}

export const groupKey = (g: MenuGroupKey): string => `group:${g}`;

/** antd Menu items: top-level entries and groups (as sub-menus) at the place of their first entry. */
export function menuItems(entries: readonly VisibleMenuEntry[], t: TFunction): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<MenuGroupKey, MenuItem[]>();
  for (const e of entries) {
    const item: MenuItem = { key: e.key, icon: e.icon, label: t(e.labelKey) };
    if (!e.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(e.group);
    if (!children) {
      children = [];
      groups.set(e.group, children);
      const g = MENU_GROUPS[e.group];
      items.push({ key: groupKey(e.group), icon: g.icon, label: t(g.labelKey), children });
    }
    children.push(item);
  }
  return items;
}

/** The menu entry whose path best matches the location (longest prefix). */
export function selectedEntry(entries: readonly VisibleMenuEntry[], pathname: string): VisibleMenuEntry | undefined {
  let best: VisibleMenuEntry | undefined;
  for (const e of entries) {
    const match = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (match && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}

/** The menu entries the logged-in user may see (the side menu, the home page's quick links). */
export function useVisibleMenu(): VisibleMenuEntry[] {
  const { me } = useSession();
  const permissions = me?.permissions;
  return useMemo(() => visibleMenuEntries(ALL_ROUTES, (p) => permissions !== undefined && hasPermission(permissions, p)), [permissions]);
}
