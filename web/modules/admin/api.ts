// Users, roles, grants and security settings: typed by common/modules/admin/admin.contract.ts.
import type { Static } from 'typebox';
import type {
  CreateGrantBody, CreateUserBody, GrantListQuery, GrantPage, GrantRow, RoleView, SecuritySettingsView, UpdateRoleBody,
  UpdateUserBody, UserListQuery, UserPage, UserView,
} from '../../../common/modules/admin/admin.contract.js';
import type { Ok } from '../../../common/modules/shared/shared.contract.js';
import { http, seg } from '../../api/client.js';

export type UserItem = Static<typeof UserView>;
export type RoleItem = Static<typeof RoleView>;
export type GrantItem = Static<typeof GrantRow>;
export type SecuritySettings = Static<typeof SecuritySettingsView>;

export const adminApi = {
  listUsers: (q: Static<typeof UserListQuery>, signal?: AbortSignal) =>
    http.get<Static<typeof UserPage>>('/api/users', q, signal ? { signal } : {}),
  createUser: (body: Static<typeof CreateUserBody>) => http.post<UserItem>('/api/users', body),
  updateUser: (id: string, body: Static<typeof UpdateUserBody>) => http.patch<UserItem>(`/api/users/${seg(id)}`, body),

  listRoles: () => http.get<{ items: RoleItem[] }>('/api/roles'),
  updateRole: (code: string, body: Static<typeof UpdateRoleBody>) => http.put<RoleItem>(`/api/roles/${seg(code)}`, body),

  listGrants: (q: Static<typeof GrantListQuery>, signal?: AbortSignal) =>
    http.get<Static<typeof GrantPage>>('/api/grants', q, signal ? { signal } : {}),
  createGrant: (body: Static<typeof CreateGrantBody>) => http.post<GrantItem>('/api/grants', body),
  revokeGrant: (id: string) => http.del<Static<typeof Ok>>(`/api/grants/${seg(id)}`),

  securitySettings: () => http.get<SecuritySettings>('/api/security/settings'),
  saveSecuritySettings: (body: SecuritySettings) => http.put<SecuritySettings>('/api/security/settings', body),
};
