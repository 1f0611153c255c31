import type { GrantRow, UserView } from '../../../common/modules/admin/admin.contract.js';
import { toIso } from '../../db/client.js';
import type { GrantListRow, UserRow } from './admin.repository.js';

export function presentUser(r: UserRow, now: Date): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    unit: { code: r.unit_code, name: r.unit_name },
    status: r.status,
    locked: r.locked_until !== null && new Date(r.locked_until).getTime() > now.getTime(),
    mustChangePassword: r.must_change_password,
    locale: r.locale,
    lastLoginAt: toIso(r.last_login_at),
    createdAt: toIso(r.created_at) ?? '',
  };
}

export function presentGrant(r: GrantListRow): GrantRow {
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role_code,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    industryCode: r.industry_code,
    enterpriseId: r.enterprise_id,
    createdAt: toIso(r.created_at) ?? '',
  };
}
