// Enterprises (生产经营单位): USCC (GB 32100), industry (GB/T 4754), people responsible,
// standardization, 三同时 projects, self-inspection duties and major hazard sources (GB 18218).
import { Type, type Static } from 'typebox';
import { Id, IsoTime, LocalDate, PageQuery, Page } from '../shared/shared.contract.js';
import {
  Abilities, LocalizedText, Name, OptDate, OptInt, OptText, Phone, PlacementFields, PlacementView, REGISTRY_LIMITS, RiskColour, RiskLevel,
  TableRefView, Working,
} from '../registries/registries.contract.js';

export const ENTERPRISE_SCALES = ['large', 'medium', 'small', 'micro'] as const;
export const STANDARDIZATION_LEVELS = ['level1', 'level2', 'level3', 'none'] as const;
export const SELF_INSPECTION_CYCLES = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export const ENTERPRISE_STATUSES = ['active', 'closed'] as const;

export const ENTERPRISE_LABELS = {
  scale: { large: { zh: '大型', en: 'large' }, medium: { zh: '中型', en: 'medium' }, small: { zh: '小型', en: 'small' }, micro: { zh: '微型', en: 'micro' } },
  standardization: {
    level1: { zh: '一级', en: 'level 1' },
    level2: { zh: '二级', en: 'level 2' },
    level3: { zh: '三级', en: 'level 3' },
    none: { zh: '未达标', en: 'not certified' },
  },
  cycle: { daily: { zh: '每日', en: 'daily' }, weekly: { zh: '每周', en: 'weekly' }, monthly: { zh: '每月', en: 'monthly' }, quarterly: { zh: '每季度', en: 'quarterly' } },
} as const;

export const IndustryCode = Type.String({ pattern: '^[A-T]([0-9]{2,4})?$', description: 'GB/T 4754 code: section letter + up to 4 digits, e.g. C2614' });

const Contacts = {
  address: OptText(REGISTRY_LIMITS.addressMax),
  legalRepName: OptText(64),
  legalRepPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
  principalName: OptText(64),
  principalPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
  safetyManagerName: OptText(64),
  safetyManagerPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
  employees: OptInt(0, 10_000_000),
  standardizationLevel: Type.Optional(Type.Union([Type.Enum(STANDARDIZATION_LEVELS), Type.Null()])),
  selfInspectionCycle: Type.Optional(Type.Union([Type.Enum(SELF_INSPECTION_CYCLES), Type.Null()])),
  selfInspectionItems: OptText(REGISTRY_LIMITS.noteMax),
};

const Official = {
  scale: Type.Optional(Type.Union([Type.Enum(ENTERPRISE_SCALES), Type.Null()])),
  supervisingDepartment: OptText(100),
};

export const CreateEnterpriseBody = Type.Object(
  { uscc: Type.String({ minLength: 1, maxLength: 40 }), name: Name, industryCode: IndustryCode, ...Official, ...Contacts, ...PlacementFields },
  { additionalProperties: false },
);
export type CreateEnterpriseBody = Static<typeof CreateEnterpriseBody>;

export const UpdateEnterpriseBody = Type.Object(
  {
    uscc: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    name: Type.Optional(Name),
    industryCode: Type.Optional(IndustryCode),
    status: Type.Optional(Type.Enum(ENTERPRISE_STATUSES)),
    ...Official,
    ...Contacts,
    ...PlacementFields,
  },
  { additionalProperties: false },
);
export type UpdateEnterpriseBody = Static<typeof UpdateEnterpriseBody>;

/** What an enterprise user may change about their own enterprise. */
export const UpdateOwnEnterpriseBody = Type.Object({ ...Contacts }, { additionalProperties: false });
export type UpdateOwnEnterpriseBody = Static<typeof UpdateOwnEnterpriseBody>;

export const EnterpriseListQuery = Type.Object({
  ...PageQuery,
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  industry: Type.Optional(Type.String({ pattern: '^[A-T]([0-9]{0,4})?$', description: 'industry code prefix' })),
  risk: Type.Optional(Type.String({ maxLength: 40 })),
  majorHazard: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  status: Type.Optional(Type.Enum(ENTERPRISE_STATUSES)),
});
export type EnterpriseListQuery = Static<typeof EnterpriseListQuery>;

export const EnterpriseView = Type.Object({
  id: Id,
  uscc: Type.String(),
  name: Type.String(),
  industryCode: Type.String(),
  scale: Type.Union([Type.Enum(ENTERPRISE_SCALES), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  principalName: Type.Union([Type.String(), Type.Null()]),
  principalPhone: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  employees: Type.Union([Type.Integer(), Type.Null()]),
  supervisingDepartment: Type.Union([Type.String(), Type.Null()]),
  standardizationLevel: Type.Union([Type.Enum(STANDARDIZATION_LEVELS), Type.Null()]),
  riskLevel: Type.Union([RiskLevel, Type.Null()]),
  riskColour: Type.Union([RiskColour, Type.Null()]),
  majorHazardLevel: Type.Union([RiskLevel, Type.Null()]),
  status: Type.Enum(ENTERPRISE_STATUSES),
  ...PlacementView,
  updatedAt: IsoTime,
});
export type EnterpriseView = Static<typeof EnterpriseView>;
export const EnterprisePage = Page(EnterpriseView);

export const EnterpriseDetail = Type.Object({
  ...EnterpriseView.properties,
  legalRepName: Type.Union([Type.String(), Type.Null()]),
  legalRepPhone: Type.Union([Type.String(), Type.Null()]),
  safetyManagerName: Type.Union([Type.String(), Type.Null()]),
  safetyManagerPhone: Type.Union([Type.String(), Type.Null()]),
  selfInspectionCycle: Type.Union([Type.Enum(SELF_INSPECTION_CYCLES), Type.Null()]),
  selfInspectionItems: Type.Union([Type.String(), Type.Null()]),
  usccParts: Type.Union([
    Type.Object({ authority: LocalizedText, type: LocalizedText, region: Type.String(), orgCode: Type.String() }),
    Type.Null(),
  ]),
  createdAt: IsoTime,
  abilities: Abilities,
});
export type EnterpriseDetail = Static<typeof EnterpriseDetail>;

// 三同时 projects ----------------------------------------------------------------------------

const ProjectFields = {
  designReviewOn: OptDate,
  designApprovalNo: OptText(64),
  constructionStartedOn: OptDate,
  completedOn: OptDate,
  putIntoUseOn: OptDate,
  acceptanceOn: OptDate,
  acceptanceNo: OptText(64),
  notes: OptText(REGISTRY_LIMITS.noteMax),
};
export const CreateProjectBody = Type.Object({ name: Name, ...ProjectFields }, { additionalProperties: false });
export type CreateProjectBody = Static<typeof CreateProjectBody>;
export const UpdateProjectBody = Type.Object({ name: Type.Optional(Name), ...ProjectFields }, { additionalProperties: false });
export type UpdateProjectBody = Static<typeof UpdateProjectBody>;

export const ProjectView = Type.Object({
  id: Id,
  enterpriseId: Id,
  name: Type.String(),
  designReviewOn: Type.Union([LocalDate, Type.Null()]),
  designApprovalNo: Type.Union([Type.String(), Type.Null()]),
  constructionStartedOn: Type.Union([LocalDate, Type.Null()]),
  completedOn: Type.Union([LocalDate, Type.Null()]),
  putIntoUseOn: Type.Union([LocalDate, Type.Null()]),
  acceptanceOn: Type.Union([LocalDate, Type.Null()]),
  acceptanceNo: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
  /** Where the project stands in the three steps, and what is missing. */
  stage: Type.Enum(['design', 'construction', 'in_use', 'accepted']),
  warnings: Type.Array(LocalizedText),
});
export type ProjectView = Static<typeof ProjectView>;
export const ProjectList = Type.Object({ items: Type.Array(ProjectView) });

// Major hazard sources ------------------------------------------------------------------------

export const HazardItem = Type.Object(
  {
    chemicalId: Type.Optional(Type.String({ maxLength: 64 })),
    category: Type.Optional(Type.String({ maxLength: 16 })),
    toxicGasId: Type.Optional(Type.String({ maxLength: 64 })),
    label: Type.Optional(Type.String({ maxLength: 100 })),
    quantityT: Type.Number({ minimum: 0, maximum: 1e9, description: 'actual quantity q in tonnes (design maximum)' }),
  },
  { additionalProperties: false },
);

export const MajorHazardBody = Type.Object(
  {
    name: Name,
    unitKind: Type.Enum(['production', 'storage']),
    exposedPeople: Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'people within 500 m of the boundary' }),
    items: Type.Array(HazardItem, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type MajorHazardBody = Static<typeof MajorHazardBody>;

export const HazardItemResultView = Type.Object({
  index: Type.Integer(),
  name: LocalizedText,
  chemicalId: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  q: Type.Number(),
  Q: Type.Number(),
  QSource: Type.Enum(['table1', 'table2']),
  ratio: Type.Number(),
  beta: Type.Optional(Type.Number()),
  betaSource: Type.Optional(Type.Enum(['table3', 'table4'])),
  weighted: Type.Optional(Type.Number()),
});

export const MajorHazardResultView = Type.Object({
  S: Type.Number(),
  isMajorHazard: Type.Boolean(),
  items: Type.Array(HazardItemResultView),
  grading: Type.Union([
    Type.Object({ alpha: Type.Number(), weightedSum: Type.Number(), R: Type.Number(), level: RiskLevel, levelName: LocalizedText }),
    Type.Null(),
  ]),
  working: Working,
  tables: Type.Record(Type.String(), TableRefView),
});

export const MajorHazardView = Type.Object({
  id: Id,
  enterpriseId: Id,
  name: Type.String(),
  unitKind: Type.Enum(['production', 'storage']),
  exposedPeople: Type.Integer(),
  items: Type.Array(HazardItem),
  result: MajorHazardResultView,
  ruleSetVersion: Type.String(),
  assessedAt: IsoTime,
  assessedBy: Type.Union([Type.String(), Type.Null()]),
});
export type MajorHazardView = Static<typeof MajorHazardView>;
export const MajorHazardList = Type.Object({ items: Type.Array(MajorHazardView), enterpriseLevel: Type.Union([RiskLevel, Type.Null()]) });
