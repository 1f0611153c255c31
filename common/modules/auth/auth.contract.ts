import { Type, type Static } from 'typebox';
import { Id, IsoTime, Locale } from '../shared/shared.contract.js';
import { LIMITS } from '../../limits.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMax }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const GrantView = Type.Object({
  id: Id,
  role: Type.String(),
  roleName: Type.Object({ zh: Type.String(), en: Type.String() }),
  unitCode: Type.String(),
  unitName: Type.String(),
  industryCode: Type.Union([Type.String(), Type.Null()]),
  enterpriseId: Type.Union([Type.String(), Type.Null()]),
});
export type GrantView = Static<typeof GrantView>;

export const Me = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  locale: Locale,
  mustChangePassword: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  grants: Type.Array(GrantView),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  sessionExpiresAt: IsoTime,
});
export type Me = Static<typeof Me>;

export const LoginResponse = Type.Object({ me: Me, csrfToken: Type.String() });
export type LoginResponse = Static<typeof LoginResponse>;

export const MeResponse = Type.Object({ me: Me, csrfToken: Type.String() });

/** Is anybody logged in? Answers 200 either way, so an anonymous page load logs no 401. */
export const SessionStateResponse = Type.Object({
  authenticated: Type.Boolean(),
  /** A session cookie came with the request but its session has ended (idle or absolute timeout). */
  expired: Type.Boolean(),
  me: Type.Union([Me, Type.Null()]),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
    newPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const LocaleBody = Type.Object({ locale: Locale }, { additionalProperties: false });

export const PasswordPolicy = Type.Object({ minLength: Type.Integer(), minClasses: Type.Integer() });
export type PasswordPolicy = Static<typeof PasswordPolicy>;
