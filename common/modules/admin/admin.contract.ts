import { Type, type Static } from 'typebox';
import { Id, IsoTime, Locale, PageQuery, Page } from '../shared/shared.contract.js';
import { LIMITS } from '../../limits.js';

export const UserView = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  locked: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  locale: Locale,
  lastLoginAt: Type.Union([IsoTime, Type.Null()]),
  createdAt: IsoTime,
});
export type UserView = Static<typeof UserView>;
export const UserPage = Page(UserView);

export const UserListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 64 })),
  unit: Type.Optional(Type.String({ maxLength: 32 })),
});

export const Username = Type.String({ minLength: 3, maxLength: LIMITS.usernameMax, pattern: '^[A-Za-z0-9_.@-]+$' });

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax }),
    unitCode: Type.String({ minLength: 1, maxLength: 32 }),
    initialPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    unlock: Type.Optional(Type.Boolean()),
    resetPassword: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.passwordMax })),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const RoleView = Type.Object({
  code: Type.String(),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  binding: Type.Union([Type.Literal('unit'), Type.Literal('industry'), Type.Literal('enterprise')]),
  permissions: Type.Array(Type.String()),
  builtin: Type.Boolean(),
  customized: Type.Boolean(),
});
export type RoleView = Static<typeof RoleView>;

export const UpdateRoleBody = Type.Object(
  {
    name: Type.Optional(Type.Object({ zh: Type.String({ minLength: 1, maxLength: 64 }), en: Type.String({ minLength: 1, maxLength: 64 }) })),
    binding: Type.Optional(Type.Union([Type.Literal('unit'), Type.Literal('industry'), Type.Literal('enterprise')])),
    permissions: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type UpdateRoleBody = Static<typeof UpdateRoleBody>;

export const GrantRow = Type.Object({
  id: Id,
  userId: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  industryCode: Type.Union([Type.String(), Type.Null()]),
  enterpriseId: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
});
export type GrantRow = Static<typeof GrantRow>;
export const GrantPage = Page(GrantRow);

export const GrantListQuery = Type.Object({
  ...PageQuery,
  user: Type.Optional(Type.String({ maxLength: 64 })),
  role: Type.Optional(Type.String({ maxLength: 48 })),
});

export const CreateGrantBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMax }),
    role: Type.String({ minLength: 1, maxLength: 48 }),
    unitCode: Type.String({ minLength: 1, maxLength: 32 }),
    industryCode: Type.Optional(Type.String({ pattern: '^[A-T]([0-9]{2,4})?$', description: 'GB/T 4754 section letter or code' })),
    enterpriseId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateGrantBody = Static<typeof CreateGrantBody>;

export const SecuritySettingsView = Type.Object(
  {
    sessionIdleMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    sessionAbsoluteHours: Type.Integer({ minimum: 1, maximum: 720 }),
    lockAfterFailures: Type.Integer({ minimum: 1, maximum: 100 }),
    lockMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    passwordMinLength: Type.Integer({ minimum: 6, maximum: 128 }),
    passwordMinClasses: Type.Integer({ minimum: 1, maximum: 4 }),
    passwordMinScore: Type.Integer({ minimum: 0, maximum: 4, description: 'lowest strength score (zxcvbn, 0–4) of a new password' }),
  },
  { additionalProperties: false },
);
export type SecuritySettingsView = Static<typeof SecuritySettingsView>;
