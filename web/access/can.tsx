// What the logged-in user may do, from the permissions /api/me sends. The server checks every
// request itself; this only decides what the interface offers.
import type { ReactNode } from 'react';
import type { Permission } from '../../common/permissions.js';
import { useSession } from '../app/session.js';

export function hasPermission(permissions: readonly string[] | undefined, p: Permission | undefined): boolean {
  if (p === undefined) return true;
  return permissions?.includes(p) ?? false;
}

/** True when the logged-in user holds the permission (an undefined permission: any user). */
export function useCan(permission: Permission | undefined): boolean {
  const { me } = useSession();
  return me !== null && hasPermission(me.permissions, permission);
}

/** The permission test as a function, for lists (menus, quick links, table actions). */
export function useCanFn(): (p: Permission | undefined) => boolean {
  const { me } = useSession();
  return (p) => me !== null && hasPermission(me.permissions, p);
}

/** Renders the children only for users holding the permission. */
export function Can(props: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  return useCan(props.permission) ? <>{props.children}</> : <>{props.fallback ?? null}</>;
}
