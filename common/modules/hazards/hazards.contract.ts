// The hazard ledger's contract: categories, the views the API answers with, and the bodies of
// each workflow action.
import { Type, type Static } from 'typebox';
import { Id, IsoTime, LocalDate, PageQuery, Page, I18nText } from '../shared/shared.contract.js';
import { LIMITS } from '../../limits.js';
import { HAZARD_ACTIONS, HAZARD_SOURCES, HAZARD_STATES, PLAN_ITEMS } from './hazards.workflow.js';
import { DeadlineEpisodeView } from '../deadlines/deadlines.contract.js';

export interface HazardCategory {
  code: string;
  zh: string;
  en: string;
}

/** Hazard categories, also offered as Open311 services. */
export const HAZARD_CATEGORIES: readonly HazardCategory[] = [
  { code: 'fire', zh: '消防安全', en: 'Fire safety' },
  { code: 'evacuation', zh: '疏散通道与安全出口', en: 'Escape routes and exits' },
  { code: 'electrical', zh: '用电安全', en: 'Electrical safety' },
  { code: 'gas', zh: '燃气安全', en: 'Gas safety' },
  { code: 'e_bike', zh: '电动自行车停放充电', en: 'E-bike parking and charging' },
  { code: 'three_in_one', zh: '“三合一”场所', en: 'Living quarters combined with work or storage' },
  { code: 'building', zh: '房屋建筑安全', en: 'Building safety' },
  { code: 'road_traffic', zh: '道路交通安全', en: 'Road traffic safety' },
  { code: 'crowded_place', zh: '人员密集场所安全', en: 'Crowded public places' },
  { code: 'special_equipment', zh: '特种设备安全', en: 'Special equipment (lifts, boilers, pressure vessels)' },
  { code: 'hazardous_chemicals', zh: '危险化学品', en: 'Hazardous chemicals' },
  { code: 'construction', zh: '建筑施工', en: 'Construction sites' },
  { code: 'production_equipment', zh: '生产设备设施', en: 'Production equipment and processes' },
  { code: 'occupational_health', zh: '职业健康', en: 'Occupational health' },
  { code: 'disaster', zh: '防灾减灾（防汛、地质灾害）', en: 'Disaster prevention (floods, geological hazards)' },
  { code: 'environment', zh: '环境与公共卫生', en: 'Environment and public health' },
  { code: 'safety_management', zh: '安全管理缺陷', en: 'Safety management deficiencies' },
  { code: 'other', zh: '其他', en: 'Other' },
];
export const HAZARD_CATEGORY_CODES: readonly string[] = HAZARD_CATEGORIES.map((c) => c.code);

export function isHazardCategory(code: string): boolean {
  return HAZARD_CATEGORY_CODES.includes(code);
}

export const HazardStateSchema = Type.Enum(HAZARD_STATES);
export const HazardActionSchema = Type.Enum(HAZARD_ACTIONS);
export const HazardSourceSchema = Type.Enum(HAZARD_SOURCES);
export const HazardGradeSchema = Type.Union([Type.Literal('general'), Type.Literal('major')]);
const CategoryCode = Type.String({ minLength: 1, maxLength: 32 });
const Comment = Type.String({ maxLength: LIMITS.commentMax });
const PhotoIds = Type.Array(Id, { maxItems: LIMITS.photosPerRecord });
const Lng = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });

export const ResponsiblePerson = Type.Object(
  {
    userId: Type.Optional(Type.Union([Id, Type.Null()])),
    name: Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax }),
  },
  { additionalProperties: false },
);
export type ResponsiblePerson = Static<typeof ResponsiblePerson>;

/** The four named responsibilities: who checks, follows up, implements the rectification, supervises. */
export const Responsibilities = Type.Object(
  {
    checks: Type.Optional(Type.Union([ResponsiblePerson, Type.Null()])),
    followsUp: Type.Optional(Type.Union([ResponsiblePerson, Type.Null()])),
    implements: Type.Optional(Type.Union([ResponsiblePerson, Type.Null()])),
    supervises: Type.Optional(Type.Union([ResponsiblePerson, Type.Null()])),
  },
  { additionalProperties: false },
);
export type Responsibilities = Static<typeof Responsibilities>;
export const RESPONSIBILITY_ROLES = ['checks', 'followsUp', 'implements', 'supervises'] as const;
export const RESPONSIBILITY_NAMES: Record<(typeof RESPONSIBILITY_ROLES)[number], { zh: string; en: string }> = {
  checks: { zh: '检查人', en: 'Checks' },
  followsUp: { zh: '跟踪督促人', en: 'Follows up' },
  implements: { zh: '整改责任人', en: 'Implements' },
  supervises: { zh: '监督人', en: 'Supervises' },
};

export const TreatmentPlan = Type.Object(
  Object.fromEntries(PLAN_ITEMS.map((k) => [k, Type.String({ maxLength: LIMITS.textMax })])) as Record<(typeof PLAN_ITEMS)[number], ReturnType<typeof Type.String>>,
  { additionalProperties: false },
);
export type TreatmentPlan = Static<typeof TreatmentPlan>;

export const CreateHazardBody = Type.Object(
  {
    source: HazardSourceSchema,
    sourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    placeId: Type.Optional(Id),
    enterpriseId: Type.Optional(Id),
    lng: Lng,
    lat: Lat,
    category: CategoryCode,
    grade: Type.Optional(HazardGradeSchema),
    majorBasis: Type.Optional(Type.String({ maxLength: LIMITS.textMax })),
    description: Type.String({ minLength: 1, maxLength: LIMITS.textMax }),
    photoIds: Type.Optional(PhotoIds),
    rectifyDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    responsible: Type.Optional(Responsibilities),
    gridOverride: Type.Optional(Type.Object({ gridCode: Type.String({ maxLength: 32 }), reason: Type.String({ minLength: 1, maxLength: LIMITS.commentMax }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type CreateHazardBody = Static<typeof CreateHazardBody>;

/** One body for every action; each action reads the fields it needs (the service says which are missing). */
export const HazardActionBody = Type.Object(
  {
    comment: Type.Optional(Comment),
    reason: Type.Optional(Type.String({ maxLength: LIMITS.commentMax })),
    evidence: Type.Optional(PhotoIds),
    category: Type.Optional(CategoryCode),
    grade: Type.Optional(HazardGradeSchema),
    majorBasis: Type.Optional(Type.String({ maxLength: LIMITS.textMax })),
    rectifyDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    extensionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    responsible: Type.Optional(Responsibilities),
    plan: Type.Optional(TreatmentPlan),
    /** The updatedAt the client saw; a stale value answers 409. */
    expectedUpdatedAt: Type.Optional(IsoTime),
  },
  { additionalProperties: false },
);
export type HazardActionBody = Static<typeof HazardActionBody>;

export const HazardListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(Type.String({ maxLength: 200, description: 'comma-separated states' })),
  category: Type.Optional(CategoryCode),
  grade: Type.Optional(HazardGradeSchema),
  source: Type.Optional(HazardSourceSchema),
  unit: Type.Optional(Type.String({ maxLength: 32, description: 'unit code: the subtree' })),
  placeId: Type.Optional(Id),
  enterpriseId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean()),
  listed: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 64 })),
});
export type HazardListQuery = Static<typeof HazardListQuery>;

const UnitRef = Type.Object({ id: Id, code: Type.String(), name: Type.String() });
const NamedRef = Type.Object({ id: Id, name: Type.String() });
export const FileRef = Type.Object({
  id: Id,
  mime: Type.String(),
  takenAt: Type.Union([IsoTime, Type.Null()]),
  url: Type.String(),
});
export type FileRef = Static<typeof FileRef>;

export const HazardRow = Type.Object({
  id: Id,
  code: Type.String(),
  state: HazardStateSchema,
  source: HazardSourceSchema,
  category: Type.String(),
  grade: HazardGradeSchema,
  description: Type.String(),
  place: Type.Union([NamedRef, Type.Null()]),
  enterprise: Type.Union([NamedRef, Type.Null()]),
  grid: Type.Union([UnitRef, Type.Null()]),
  location: Type.Object({ lng: Type.Number(), lat: Type.Number() }),
  deadline: Type.Union([LocalDate, Type.Null()]),
  /** The deadline was counted across a year whose holiday notice is not entered yet: it may still move. */
  deadlineProvisional: Type.Boolean(),
  overdue: Type.Boolean(),
  /** The current deadline episode's escalation level. */
  escalationLevel: Type.Integer(),
  listed: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** What the current user may do with it now. */
  abilities: Type.Array(HazardActionSchema),
});
export type HazardRow = Static<typeof HazardRow>;
export const HazardPage = Page(HazardRow);

export const HazardEventView = Type.Object({
  id: Id,
  at: IsoTime,
  action: Type.String(),
  actionName: I18nText,
  actor: Type.String(),
  fromState: Type.Union([HazardStateSchema, Type.Null()]),
  toState: Type.Union([HazardStateSchema, Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Array(FileRef),
  data: Type.Object({}, { additionalProperties: true }),
});
export type HazardEventView = Static<typeof HazardEventView>;

export const SignatureView = Type.Object({
  role: Type.String(),
  signerName: Type.String(),
  signedAt: IsoTime,
  file: FileRef,
});

export const HazardDetail = Type.Object({
  ...HazardRow.properties,
  majorBasis: Type.Union([Type.String(), Type.Null()]),
  rectifyDays: Type.Union([Type.Integer(), Type.Null()]),
  calendarVersion: Type.Union([Type.String(), Type.Null()]),
  daysOverdue: Type.Integer(),
  gridOverride: Type.Union([Type.Object({ reason: Type.String() }), Type.Null()]),
  sources: Type.Array(Type.Object({ source: Type.String(), sourceId: Type.String(), linkedAt: IsoTime })),
  responsible: Type.Object({
    checks: Type.Union([ResponsiblePerson, Type.Null()]),
    followsUp: Type.Union([ResponsiblePerson, Type.Null()]),
    implements: Type.Union([ResponsiblePerson, Type.Null()]),
    supervises: Type.Union([ResponsiblePerson, Type.Null()]),
  }),
  plan: Type.Union([TreatmentPlan, Type.Null()]),
  planComplete: Type.Boolean(),
  supervision: Type.Union([Type.Object({ listedAt: IsoTime, unit: Type.Union([UnitRef, Type.Null()]), delistedAt: Type.Union([IsoTime, Type.Null()]) }), Type.Null()]),
  /** The district waived the listing for supervision of a major hazard, with its reason. */
  listingWaiver: Type.Union([Type.Object({ at: IsoTime, by: Type.String(), reason: Type.String() }), Type.Null()]),
  /** The current episode's overdue date. */
  overdueSince: Type.Union([LocalDate, Type.Null()]),
  /** Every deadline (episode) the hazard had, oldest first, with its overdue notice and escalations. */
  deadlineHistory: Type.Array(DeadlineEpisodeView),
  extensionRequest: Type.Union([Type.Object({ days: Type.Integer(), reason: Type.String(), by: Type.String(), at: IsoTime }), Type.Null()]),
  /** The current episode's overdue notice (level 0) and escalations. */
  escalations: Type.Array(Type.Object({ level: Type.Integer(), unit: Type.Union([UnitRef, Type.Null()]), dueOn: LocalDate, at: IsoTime })),
  photos: Type.Object({ before: Type.Array(FileRef), after: Type.Array(FileRef), evidence: Type.Array(FileRef) }),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  rectifiedBy: Type.Union([Type.String(), Type.Null()]),
  acceptedBy: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([IsoTime, Type.Null()]),
  closedOnTime: Type.Union([Type.Boolean(), Type.Null()]),
  timeline: Type.Array(HazardEventView),
  signatures: Type.Array(SignatureView),
});
export type HazardDetail = Static<typeof HazardDetail>;

export const HazardCreated = Type.Object({ id: Id, code: Type.String() });

export const CategoryList = Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })) });

// ---- figures ----

export const StatsQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  from: LocalDate,
  to: LocalDate,
  category: Type.Optional(CategoryCode),
  grade: Type.Optional(HazardGradeSchema),
  by: Type.Optional(Type.Union([Type.Literal('category'), Type.Literal('grade'), Type.Literal('unit'), Type.Literal('month')])),
});
export type StatsQuery = Static<typeof StatsQuery>;

export const StatsFigures = Type.Object({
  found: Type.Integer(),
  rejected: Type.Integer(),
  rectified: Type.Integer(),
  rectifiedOnTime: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  overdue: Type.Integer(),
  escalated: Type.Integer(),
  reopened: Type.Integer(),
});
export type StatsFigures = Static<typeof StatsFigures>;

export const StatsView = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  from: LocalDate,
  to: LocalDate,
  totals: StatsFigures,
  groups: Type.Array(Type.Object({ key: Type.String(), label: I18nText, ...StatsFigures.properties })),
  openNow: Type.Object({ open: Type.Integer(), overdue: Type.Integer(), listed: Type.Integer() }),
});
export type StatsView = Static<typeof StatsView>;

// ---- settings ----

export const HazardSettings = Type.Object(
  {
    /** Working days after the deadline before each escalation step. */
    escalateAfterWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
    /** The highest level escalation reaches (3 = district). */
    maxEscalationLevel: Type.Integer({ minimum: 0, maximum: 3 }),
    /** Default rectification period (working days) when neither the source nor the confirmer gives one. */
    defaultRectifyDays: Type.Integer({ minimum: 0, maximum: 365 }),
    /** Default for major hazards. */
    defaultMajorRectifyDays: Type.Integer({ minimum: 1, maximum: 365 }),
    /** Extension requests: at most this many per hazard. */
    maxExtensions: Type.Integer({ minimum: 0, maximum: 10 }),
  },
  { additionalProperties: false },
);
export type HazardSettings = Static<typeof HazardSettings>;

export const DEFAULT_HAZARD_SETTINGS: HazardSettings = {
  escalateAfterWorkingDays: 3,
  maxEscalationLevel: 3,
  defaultRectifyDays: 10,
  defaultMajorRectifyDays: 60,
  maxExtensions: 2,
};

export const PublicStatus = Type.Object({
  state: Type.String(),
  publicState: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  closedAt: Type.Union([IsoTime, Type.Null()]),
  updatedAt: IsoTime,
  notes: Type.Array(Type.Object({ at: IsoTime, text: I18nText })),
});
export type PublicStatus = Static<typeof PublicStatus>;
