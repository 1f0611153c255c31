// Effective role definitions: the built-in roles of common/permissions.ts, overridden or
// extended by rows of the roles table (edited by the security administrator).
import { BUILTIN_ROLES, isPermission, type RoleDefinition } from '../../common/permissions.js';

export interface RoleRowLike {
  permissions: string[] | null;
  name_zh: string | null;
  name_en: string | null;
  binding?: RoleDefinition['binding'] | null;
}

export function builtinRole(code: string): RoleDefinition | undefined {
  return (BUILTIN_ROLES as Record<string, RoleDefinition | undefined>)[code];
}

export function effectiveRole(code: string, row: RoleRowLike | null): RoleDefinition | null {
  const builtin = builtinRole(code);
  if (!row || !row.permissions) return builtin ?? null;
  return {
    code,
    name: { zh: row.name_zh ?? builtin?.name.zh ?? code, en: row.name_en ?? builtin?.name.en ?? code },
    binding: builtin?.binding ?? row.binding ?? 'unit',
    permissions: row.permissions.filter(isPermission),
  };
}
