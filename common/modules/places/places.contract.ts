// Places: the nine small places (九小场所), 三小场所, 三合一, crowded places, rental housing,
// high-rise and underground buildings, plants, hazardous-chemical sites, construction sites,
// schools, markets — with A/B/C/D grading of the small ones and a risk level from risk points.
import { Type, type Static } from 'typebox';
import { Id, IsoTime, LocalDate, PageQuery, Page } from '../shared/shared.contract.js';
import {
  Abilities, Grade, LocalizedText, Name, OptInt, OptText, OrNull, Phone, PlacementFields, PlacementView, REGISTRY_LIMITS, RiskColour, RiskLevel,
  TableRefView, Working,
} from '../registries/registries.contract.js';

export interface KindInfo {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly group: 'nine_small' | 'three_small' | 'other';
  /** Small places are graded A/B/C/D. */
  readonly gradable: boolean;
}

const k = (code: string, zh: string, en: string, group: KindInfo['group'], gradable: boolean): KindInfo => ({ code, zh, en, group, gradable });

export const PLACE_KIND_INFO: readonly KindInfo[] = [
  k('small_shopping', '小购物场所', 'small shopping place', 'nine_small', true),
  k('small_catering', '小餐饮场所', 'small catering place', 'nine_small', true),
  k('small_lodging', '小住宿场所', 'small lodging place', 'nine_small', true),
  k('small_entertainment', '小公共娱乐场所', 'small public entertainment place', 'nine_small', true),
  k('small_leisure', '小休闲健身场所', 'small leisure / fitness place', 'nine_small', true),
  k('small_medical', '小医疗场所', 'small medical place', 'nine_small', true),
  k('small_teaching', '小教学场所', 'small teaching place', 'nine_small', true),
  k('small_production', '小生产加工企业', 'small production / processing business', 'nine_small', true),
  k('small_flammable', '小易燃易爆场所', 'small flammable / explosive goods place', 'nine_small', true),
  k('three_small_stall', '小档口', 'small stall (三小)', 'three_small', true),
  k('three_small_workshop', '小作坊', 'small workshop (三小)', 'three_small', true),
  k('three_small_entertainment', '小娱乐场所', 'small entertainment place (三小)', 'three_small', true),
  k('three_in_one', '“三合一”场所', '"three-in-one" place (living mixed with business)', 'other', true),
  k('crowded', '人员密集场所', 'crowded public place', 'other', false),
  k('rental_housing', '出租屋', 'rental housing', 'other', false),
  k('group_rental', '群租房', 'group-rented housing', 'other', false),
  k('high_rise', '高层建筑', 'high-rise building', 'other', false),
  k('underground', '地下空间', 'underground space', 'other', false),
  k('plant', '工业厂房', 'industrial plant', 'other', false),
  k('hazmat_site', '危险化学品场所', 'hazardous-chemical site', 'other', false),
  k('construction_site', '建筑工地', 'construction site', 'other', false),
  k('school', '学校', 'school', 'other', false),
  k('market', '集贸市场', 'market', 'other', false),
  k('other', '其他', 'other', 'other', false),
];

export const PLACE_KINDS = [
  'small_shopping', 'small_catering', 'small_lodging', 'small_entertainment', 'small_leisure', 'small_medical', 'small_teaching',
  'small_production', 'small_flammable', 'three_small_stall', 'three_small_workshop', 'three_small_entertainment', 'three_in_one',
  'crowded', 'rental_housing', 'group_rental', 'high_rise', 'underground', 'plant', 'hazmat_site', 'construction_site', 'school',
  'market', 'other',
] as const;
export const PlaceKind = Type.Enum(PLACE_KINDS);
export type PlaceKind = Static<typeof PlaceKind>;

export const GRADABLE_KINDS: readonly string[] = PLACE_KIND_INFO.filter((x) => x.gradable).map((x) => x.code);

/** The nine-small-place kind codes of common/rules/small-places.ts mapped to place kinds. */
export const SMALL_KIND_TO_PLACE_KIND: Readonly<Record<string, PlaceKind>> = {
  shopping: 'small_shopping',
  catering: 'small_catering',
  lodging: 'small_lodging',
  entertainment: 'small_entertainment',
  leisure: 'small_leisure',
  medical: 'small_medical',
  teaching: 'small_teaching',
  production: 'small_production',
  flammable: 'small_flammable',
};

export const PLACE_STATUSES = ['active', 'closed'] as const;

const Size = {
  use: OptText(48),
  areaM2: Type.Optional(OrNull(Type.Number({ minimum: 0, maximum: 10_000_000 }))),
  floors: OptInt(0, 300),
  floor: Type.Optional(OrNull(Type.Integer({ minimum: -20, maximum: 300 }))),
  topFloor: Type.Optional(OrNull(Type.Integer({ minimum: -20, maximum: 300 }))),
  beds: OptInt(),
  seats: OptInt(),
  persons: OptInt(),
  staff: OptInt(),
  dormStaff: OptInt(),
  boarding: Type.Optional(OrNull(Type.Boolean())),
};

const Common = {
  address: OptText(REGISTRY_LIMITS.addressMax),
  threeInOne: Type.Optional(Type.Boolean()),
  operatorName: OptText(64),
  operatorPhone: Type.Optional(OrNull(Phone)),
  responsibleName: OptText(64),
  responsiblePhone: Type.Optional(OrNull(Phone)),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: REGISTRY_LIMITS.tagMax }), { maxItems: REGISTRY_LIMITS.tagsMax })),
  enterpriseId: Type.Optional(OrNull(Id)),
};

export const CreatePlaceBody = Type.Object({ name: Name, kind: PlaceKind, ...Size, ...Common, ...PlacementFields }, { additionalProperties: false });
export type CreatePlaceBody = Static<typeof CreatePlaceBody>;

export const UpdatePlaceBody = Type.Object(
  { name: Type.Optional(Name), kind: Type.Optional(PlaceKind), status: Type.Optional(Type.Enum(PLACE_STATUSES)), ...Size, ...Common, ...PlacementFields },
  { additionalProperties: false },
);
export type UpdatePlaceBody = Static<typeof UpdatePlaceBody>;

export const PlaceListQuery = Type.Object({
  ...PageQuery,
  unit: Type.Optional(Type.String({ maxLength: 32, description: 'unit code: the unit and its subtree' })),
  kind: Type.Optional(Type.String({ maxLength: 400, description: 'one kind or several, comma-separated' })),
  grade: Type.Optional(Type.String({ maxLength: 20, description: 'A,B,C,D or "none", comma-separated' })),
  risk: Type.Optional(Type.String({ maxLength: 40, description: 'red,orange,yellow,blue or "none", comma-separated' })),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  enterpriseId: Type.Optional(Id),
  status: Type.Optional(Type.Enum(PLACE_STATUSES)),
});
export type PlaceListQuery = Static<typeof PlaceListQuery>;

export const PlaceView = Type.Object({
  id: Id,
  name: Type.String(),
  kind: PlaceKind,
  use: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  grade: Type.Union([Grade, Type.Null()]),
  gradedOn: Type.Union([LocalDate, Type.Null()]),
  riskLevel: Type.Union([RiskLevel, Type.Null()]),
  riskColour: Type.Union([RiskColour, Type.Null()]),
  threeInOne: Type.Boolean(),
  tags: Type.Array(Type.String()),
  enterprise: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  operatorName: Type.Union([Type.String(), Type.Null()]),
  operatorPhone: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  responsibleName: Type.Union([Type.String(), Type.Null()]),
  responsiblePhone: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  status: Type.Enum(PLACE_STATUSES),
  ...PlacementView,
  updatedAt: IsoTime,
});
export type PlaceView = Static<typeof PlaceView>;
export const PlacePage = Page(PlaceView);

export const SmallKindSuggestion = Type.Object({
  kinds: Type.Array(Type.Object({ kind: Type.String(), placeKind: Type.Union([PlaceKind, Type.Null()]), name: LocalizedText, clause: LocalizedText })),
  possible: Type.Array(Type.Object({ kind: Type.String(), name: LocalizedText, missing: Type.Array(Type.String()) })),
  working: Working,
  table: TableRefView,
});

export const PlaceDetail = Type.Object({
  ...PlaceView.properties,
  areaM2: Type.Union([Type.Number(), Type.Null()]),
  floors: Type.Union([Type.Integer(), Type.Null()]),
  floor: Type.Union([Type.Integer(), Type.Null()]),
  topFloor: Type.Union([Type.Integer(), Type.Null()]),
  beds: Type.Union([Type.Integer(), Type.Null()]),
  seats: Type.Union([Type.Integer(), Type.Null()]),
  persons: Type.Union([Type.Integer(), Type.Null()]),
  staff: Type.Union([Type.Integer(), Type.Null()]),
  dormStaff: Type.Union([Type.Integer(), Type.Null()]),
  boarding: Type.Union([Type.Boolean(), Type.Null()]),
  gradable: Type.Boolean(),
  kindSuggestion: Type.Union([SmallKindSuggestion, Type.Null()]),
  createdAt: IsoTime,
  abilities: Abilities,
});
export type PlaceDetail = Static<typeof PlaceDetail>;

// ---------------------------------------------------------------------------------------------
// Grading

export const GradeBody = Type.Object(
  {
    inputs: Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.Number(), Type.String({ maxLength: 64 })]), { description: 'criterion field → value, per the active rubric' }),
    /** A grade other than the rubric's result; needs the reason to say why. */
    grade: Type.Optional(Grade),
    reason: Type.String({ minLength: REGISTRY_LIMITS.reasonMin, maxLength: REGISTRY_LIMITS.reasonMax }),
  },
  { additionalProperties: false },
);
export type GradeBody = Static<typeof GradeBody>;

export const CriterionScoreView = Type.Object({
  id: Type.String(),
  label: LocalizedText,
  weight: Type.Number(),
  value: Type.Union([Type.Number(), Type.String()]),
  fraction: Type.Number(),
  points: Type.Number(),
  capGrade: Type.Optional(Grade),
});

export const GradeRecordView = Type.Object({
  id: Id,
  placeId: Id,
  gradeFrom: Type.Union([Grade, Type.Null()]),
  gradeTo: Grade,
  rubricGrade: Type.Union([Grade, Type.Null()]),
  gradedOn: LocalDate,
  gradedAt: IsoTime,
  rubric: TableRefView,
  total: Type.Union([Type.Number(), Type.Null()]),
  scores: Type.Array(CriterionScoreView),
  reason: Type.String(),
  gradedBy: Type.Union([Type.String(), Type.Null()]),
});
export type GradeRecordView = Static<typeof GradeRecordView>;

export const GradeResultView = Type.Object({
  record: GradeRecordView,
  working: Working,
  action: LocalizedText,
  inspectionIntervalDays: Type.Integer(),
});

export const GradeHistory = Type.Object({ items: Type.Array(GradeRecordView) });

export const GradingStatsQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  from: LocalDate,
  to: LocalDate,
  kind: Type.Optional(Type.String({ maxLength: 400 })),
});
export type GradingStatsQuery = Static<typeof GradingStatsQuery>;

export const GradeCounts = Type.Object({ A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer(), none: Type.Integer() });

export const GradingStats = Type.Object({
  unit: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  from: LocalDate,
  to: LocalDate,
  atStart: GradeCounts,
  atEnd: GradeCounts,
  transitions: Type.Array(Type.Object({ from: Type.Union([Grade, Type.Null()]), to: Grade, count: Type.Integer() })),
  byUnit: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), atEnd: GradeCounts })),
  remainingD: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      kind: PlaceKind,
      grid: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
      dSince: LocalDate,
      daysInD: Type.Integer(),
    }),
  ),
});
export type GradingStats = Static<typeof GradingStats>;

export const MapQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  kind: Type.Optional(Type.String({ maxLength: 400 })),
  grade: Type.Optional(Type.String({ maxLength: 20 })),
  risk: Type.Optional(Type.String({ maxLength: 40 })),
  bbox: Type.Optional(Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', description: 'minLng,minLat,maxLng,maxLat' })),
});
export type MapQuery = Static<typeof MapQuery>;

export const PlaceMap = Type.Object({
  type: Type.Literal('FeatureCollection'),
  truncated: Type.Boolean(),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Id,
      geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }) }),
      properties: Type.Object({
        name: Type.String(),
        kind: PlaceKind,
        grade: Type.Union([Grade, Type.Null()]),
        riskLevel: Type.Union([RiskLevel, Type.Null()]),
        riskColour: Type.Union([RiskColour, Type.Null()]),
      }),
    }),
  ),
});
