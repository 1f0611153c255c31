import type { Me } from '../../../common/modules/auth/auth.contract.js';
import { permissionsOf } from '../../core/access.js';
import { effectiveRole } from '../../core/roles.js';
import type { LoadedSession } from './auth.service.js';

export function presentMe(s: LoadedSession, unit: { code: string; name: string }): Me {
  return {
    id: s.user.id,
    username: s.user.username,
    displayName: s.user.display_name,
    locale: s.user.locale,
    mustChangePassword: s.user.must_change_password,
    permissions: s.user.must_change_password ? [] : permissionsOf(s.actor).sort(),
    grants: s.actor.grants.map((g) => {
      const role = effectiveRole(g.role, null);
      return {
        id: g.id,
        role: g.role,
        roleName: role?.name ?? { zh: g.role, en: g.role },
        unitCode: g.unitCode,
        unitName: g.unitName,
        industryCode: g.industryCode,
        enterpriseId: g.enterpriseId,
      };
    }),
    unit,
    sessionExpiresAt: s.expiresAt.toISOString(),
  };
}
