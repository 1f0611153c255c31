// Organizations: property companies, associations, volunteer teams (members, service hours),
// social organizations and leading groups (members and their departments; a safe-community
// leading group with fewer than 9 members or fewer than 3 departments is flagged).
import { Type, type Static } from 'typebox';
import { Id, IsoTime, LocalDate, PageQuery, Page } from '../shared/shared.contract.js';
import { Abilities, LocalizedText, Name, OptDate, OptText, Phone, PlacementView, LngLat, REGISTRY_LIMITS } from '../registries/registries.contract.js';

export const ORG_KINDS = ['property_company', 'association', 'volunteer_team', 'social_org', 'leading_group'] as const;
export const OrgKind = Type.Enum(ORG_KINDS);
export type OrgKind = Static<typeof OrgKind>;
export const ORG_KIND_LABELS: Readonly<Record<OrgKind, { zh: string; en: string }>> = {
  property_company: { zh: '物业服务企业', en: 'property management company' },
  association: { zh: '行业协会/商会', en: 'association' },
  volunteer_team: { zh: '志愿者队伍', en: 'volunteer team' },
  social_org: { zh: '社会组织', en: 'social organization' },
  leading_group: { zh: '领导小组', en: 'leading group' },
};

/** Minimums for a safe-community leading group (安全社区创建领导小组). */
export const LEADING_GROUP_MIN = { members: 9, departments: 3 } as const;

export const ORG_STATUSES = ['active', 'dissolved'] as const;

const Fields = {
  uscc: OptText(40),
  safeCommunity: Type.Optional(Type.Boolean({ description: 'a safe-community leading group (checked for ≥ 9 members from ≥ 3 departments)' })),
  address: OptText(REGISTRY_LIMITS.addressMax),
  contactName: OptText(64),
  contactPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
  description: OptText(REGISTRY_LIMITS.noteMax),
  location: Type.Optional(Type.Union([LngLat, Type.Null()])),
  unitCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()], { description: 'the unit it belongs to (any level); an override of the located grid needs a reason' })),
  gridOverrideReason: Type.Optional(Type.String({ minLength: REGISTRY_LIMITS.reasonMin, maxLength: REGISTRY_LIMITS.reasonMax })),
};

export const CreateOrgBody = Type.Object({ kind: OrgKind, name: Name, ...Fields }, { additionalProperties: false });
export type CreateOrgBody = Static<typeof CreateOrgBody>;
export const UpdateOrgBody = Type.Object(
  { kind: Type.Optional(OrgKind), name: Type.Optional(Name), status: Type.Optional(Type.Enum(ORG_STATUSES)), ...Fields },
  { additionalProperties: false },
);
export type UpdateOrgBody = Static<typeof UpdateOrgBody>;

export const OrgListQuery = Type.Object({
  ...PageQuery,
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  kind: Type.Optional(Type.String({ maxLength: 200 })),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  flagged: Type.Optional(Type.Boolean()),
});
export type OrgListQuery = Static<typeof OrgListQuery>;

export const OrgView = Type.Object({
  id: Id,
  kind: OrgKind,
  name: Type.String(),
  uscc: Type.Union([Type.String(), Type.Null()]),
  safeCommunity: Type.Boolean(),
  address: Type.Union([Type.String(), Type.Null()]),
  contactName: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  status: Type.Enum(ORG_STATUSES),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  memberCount: Type.Integer(),
  departmentCount: Type.Integer(),
  serviceHours: Type.Number(),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: LocalizedText })),
  ...PlacementView,
  updatedAt: IsoTime,
});
export type OrgView = Static<typeof OrgView>;
export const OrgPage = Page(OrgView);

export const MemberView = Type.Object({
  id: Id,
  name: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  department: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  joinedOn: Type.Union([LocalDate, Type.Null()]),
  leftOn: Type.Union([LocalDate, Type.Null()]),
  serviceHours: Type.Number(),
});
export type MemberView = Static<typeof MemberView>;

export const OrgDetail = Type.Object({
  ...OrgView.properties,
  description: Type.Union([Type.String(), Type.Null()]),
  members: Type.Array(MemberView),
  createdAt: IsoTime,
  abilities: Abilities,
});

export const CreateMemberBody = Type.Object(
  { name: Name, title: OptText(64), department: OptText(100), phone: Type.Optional(Type.Union([Phone, Type.Null()])), joinedOn: OptDate },
  { additionalProperties: false },
);
export type CreateMemberBody = Static<typeof CreateMemberBody>;
export const UpdateMemberBody = Type.Object(
  { name: Type.Optional(Name), title: OptText(64), department: OptText(100), phone: Type.Optional(Type.Union([Phone, Type.Null()])), joinedOn: OptDate, leftOn: OptDate },
  { additionalProperties: false },
);
export type UpdateMemberBody = Static<typeof UpdateMemberBody>;

export const ServiceLogBody = Type.Object(
  {
    memberId: Id,
    servedOn: LocalDate,
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
    activity: Type.String({ minLength: 1, maxLength: 400 }),
  },
  { additionalProperties: false },
);
export type ServiceLogBody = Static<typeof ServiceLogBody>;

export const ServiceLogView = Type.Object({
  id: Id,
  memberId: Id,
  memberName: Type.String(),
  servedOn: LocalDate,
  hours: Type.Number(),
  activity: Type.String(),
});
export const ServiceLogList = Type.Object({ items: Type.Array(ServiceLogView), totalHours: Type.Number() });
export const ServiceLogQuery = Type.Object({ from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) });
