// Permissions are named `resource.action`. Every route declares one of them (or 'public' /
// 'authenticated'); roles are sets of permissions; a grant binds a user to a role at a unit and
// covers that unit's whole subtree.

export const PERMISSIONS = {
  // accounts and security (the three separated administrators)
  'user.read': 'system',
  'user.manage': 'system',
  'config.manage': 'system',
  'role.read': 'security',
  'role.manage': 'security',
  'grant.read': 'security',
  'grant.manage': 'security',
  'security.manage': 'security',
  'audit.read': 'audit',
  // hierarchy and grids
  'unit.read': 'business',
  'unit.manage': 'business',
  'unit.import': 'business',
  'grid.generate': 'business',
  'grid.assign': 'business',
  // registries
  'place.read': 'business',
  'place.write': 'business',
  'place.grade': 'business',
  'enterprise.read': 'business',
  'enterprise.write': 'business',
  'enterprise.self': 'business',
  'person.read': 'business',
  'person.write': 'business',
  'person.unmask': 'business',
  'facility.read': 'business',
  'facility.write': 'business',
  'org.read': 'business',
  'org.write': 'business',
  'risk.assess': 'business',
  'registry.import': 'business',
  'registry.export': 'business',
  'calculator.use': 'business',
  // inspections and the hazard ledger
  'checklist.read': 'business',
  'checklist.manage': 'business',
  'plan.read': 'business',
  'plan.manage': 'business',
  'inspection.read': 'business',
  'inspection.perform': 'business',
  'hazard.read': 'business',
  'hazard.report': 'business',
  'hazard.confirm': 'business',
  'hazard.rectify': 'business',
  'hazard.accept': 'business',
  'hazard.extend': 'business',
  'hazard.supervise': 'business',
  'hazard.reopen': 'business',
  'stats.read': 'business',
  // public reports
  'report.read': 'business',
  'report.triage': 'business',
  'report.merge': 'business',
  'report.reporter': 'business',
  'reward.manage': 'business',
  // notices
  'notice.read': 'business',
  'notice.issue': 'business',
  'open311.manage': 'system',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export type PermissionGroup = (typeof PERMISSIONS)[Permission];
/** What a route declares: a permission, or that it is open to anyone, or to any logged-in user. */
export type RouteAccess = Permission | 'public' | 'authenticated';

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(p: string): p is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, p);
}

export const ROLE_CODES = [
  'grid_worker',
  'community_official',
  'street_official',
  'district_safety_office',
  'industry_department',
  'enterprise_user',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type BuiltinRole = (typeof ROLE_CODES)[number];

export interface RoleDefinition {
  code: string;
  name: { zh: string; en: string };
  /** industry-department grants carry an industry filter; enterprise grants an enterprise. */
  binding: 'unit' | 'industry' | 'enterprise';
  permissions: Permission[];
}

const read: Permission[] = ['unit.read', 'place.read', 'enterprise.read', 'person.read', 'facility.read', 'org.read',
  'checklist.read', 'plan.read', 'inspection.read', 'hazard.read', 'stats.read', 'report.read', 'calculator.use', 'notice.read'];

export const BUILTIN_ROLES: Record<BuiltinRole, RoleDefinition> = {
  grid_worker: {
    code: 'grid_worker', name: { zh: '网格员', en: 'Grid worker' }, binding: 'unit',
    permissions: [...read, 'place.write', 'person.write', 'facility.write', 'inspection.perform', 'hazard.report',
      'hazard.rectify', 'report.triage', 'risk.assess'],
  },
  community_official: {
    code: 'community_official', name: { zh: '社区（村）干部', en: 'Community official' }, binding: 'unit',
    permissions: [...read, 'place.write', 'place.grade', 'person.write', 'person.unmask', 'facility.write', 'org.write',
      'enterprise.write', 'risk.assess', 'grid.assign', 'plan.manage', 'inspection.perform', 'hazard.report',
      'hazard.confirm', 'hazard.accept', 'hazard.extend', 'hazard.reopen', 'report.triage', 'report.merge',
      'registry.import', 'registry.export', 'notice.issue'],
  },
  street_official: {
    code: 'street_official', name: { zh: '街道（乡镇）干部', en: 'Street official' }, binding: 'unit',
    permissions: [...read, 'place.write', 'place.grade', 'person.write', 'person.unmask', 'facility.write', 'org.write',
      'enterprise.write', 'risk.assess', 'grid.assign', 'grid.generate', 'unit.manage', 'plan.manage',
      'inspection.perform', 'hazard.report', 'hazard.confirm', 'hazard.accept', 'hazard.extend', 'hazard.supervise',
      'hazard.reopen', 'report.triage', 'report.merge', 'registry.import', 'registry.export', 'notice.issue'],
  },
  district_safety_office: {
    code: 'district_safety_office', name: { zh: '区安委办', en: 'District safety office' }, binding: 'unit',
    permissions: [...read, 'place.write', 'place.grade', 'person.unmask', 'enterprise.write', 'org.write', 'risk.assess',
      'unit.manage', 'unit.import', 'grid.generate', 'grid.assign', 'checklist.manage', 'plan.manage',
      'inspection.perform', 'hazard.report', 'hazard.confirm', 'hazard.accept', 'hazard.extend', 'hazard.supervise',
      'hazard.reopen', 'report.triage', 'report.merge', 'report.reporter', 'reward.manage', 'registry.import',
      'registry.export', 'notice.issue'],
  },
  industry_department: {
    code: 'industry_department', name: { zh: '行业主管部门', en: 'Industry department' }, binding: 'industry',
    permissions: ['unit.read', 'enterprise.read', 'enterprise.write', 'place.read', 'facility.read', 'checklist.read',
      'inspection.read', 'inspection.perform', 'hazard.read', 'hazard.report', 'hazard.confirm', 'hazard.accept',
      'hazard.supervise', 'risk.assess', 'stats.read', 'calculator.use', 'registry.export', 'notice.read'],
  },
  enterprise_user: {
    code: 'enterprise_user', name: { zh: '企业用户', en: 'Enterprise user' }, binding: 'enterprise',
    permissions: ['enterprise.read', 'enterprise.self', 'place.read', 'facility.read', 'facility.write', 'checklist.read',
      'inspection.read', 'inspection.perform', 'hazard.read', 'hazard.report', 'hazard.rectify', 'risk.assess',
      'calculator.use'],
  },
  system_admin: {
    code: 'system_admin', name: { zh: '系统管理员', en: 'System administrator' }, binding: 'unit',
    permissions: ['user.read', 'user.manage', 'config.manage', 'open311.manage', 'unit.read', 'unit.import'],
  },
  security_admin: {
    code: 'security_admin', name: { zh: '安全管理员', en: 'Security administrator' }, binding: 'unit',
    permissions: ['role.read', 'role.manage', 'grant.read', 'grant.manage', 'security.manage'],
  },
  audit_admin: {
    code: 'audit_admin', name: { zh: '审计管理员', en: 'Audit administrator' }, binding: 'unit',
    permissions: ['audit.read'],
  },
};

/** The administrative group a permission belongs to; business permissions are 'business'. */
export function permissionGroup(p: Permission): PermissionGroup {
  return PERMISSIONS[p];
}

/**
 * Separation of the three administrators: a permission set may hold permissions of at most one
 * of the groups system / security / audit. Returns the groups it holds.
 */
export function adminGroupsOf(perms: readonly Permission[]): Array<'system' | 'security' | 'audit'> {
  const groups = new Set<'system' | 'security' | 'audit'>();
  for (const p of perms) {
    const g = PERMISSIONS[p];
    if (g === 'system' || g === 'security' || g === 'audit') groups.add(g);
  }
  return [...groups];
}
