// Things: fire facilities (hydrants, extinguishers with expiry), special equipment (elevators,
// boilers, pressure vessels with the next inspection date), emergency supplies (quantity,
// expiry), cameras — with due-date reminders.
import { Type, type Static } from 'typebox';
import { Id, IsoTime, LocalDate, PageQuery, Page } from '../shared/shared.contract.js';
import { Abilities, Name, OptDate, OptInt, OptText, PlacementFields, PlacementView, REGISTRY_LIMITS } from '../registries/registries.contract.js';

export const THING_KINDS = ['hydrant', 'extinguisher', 'fire_facility', 'elevator', 'boiler', 'pressure_vessel', 'special_equipment', 'emergency_supply', 'camera'] as const;
export const ThingKind = Type.Enum(THING_KINDS);
export type ThingKind = Static<typeof ThingKind>;

export const THING_KIND_LABELS: Readonly<Record<ThingKind, { zh: string; en: string; group: 'fire' | 'special' | 'supply' | 'camera' }>> = {
  hydrant: { zh: '消火栓', en: 'hydrant', group: 'fire' },
  extinguisher: { zh: '灭火器', en: 'fire extinguisher', group: 'fire' },
  fire_facility: { zh: '其他消防设施', en: 'other fire facility', group: 'fire' },
  elevator: { zh: '电梯', en: 'elevator', group: 'special' },
  boiler: { zh: '锅炉', en: 'boiler', group: 'special' },
  pressure_vessel: { zh: '压力容器', en: 'pressure vessel', group: 'special' },
  special_equipment: { zh: '其他特种设备', en: 'other special equipment', group: 'special' },
  emergency_supply: { zh: '应急物资', en: 'emergency supplies', group: 'supply' },
  camera: { zh: '视频监控', en: 'camera', group: 'camera' },
};

export const THING_STATUSES = ['normal', 'faulty', 'retired'] as const;

const Fields = {
  code: OptText(64),
  placeId: Type.Optional(Type.Union([Id, Type.Null()])),
  enterpriseId: Type.Optional(Type.Union([Id, Type.Null()])),
  quantity: OptInt(0, 100_000_000),
  unitOfMeasure: OptText(16),
  spec: OptText(400),
  expiresOn: OptDate,
  lastInspectedOn: OptDate,
  nextInspectionOn: OptDate,
  notes: OptText(REGISTRY_LIMITS.noteMax),
};

export const CreateThingBody = Type.Object({ kind: ThingKind, name: Name, ...Fields, ...PlacementFields }, { additionalProperties: false });
export type CreateThingBody = Static<typeof CreateThingBody>;
export const UpdateThingBody = Type.Object(
  { kind: Type.Optional(ThingKind), name: Type.Optional(Name), status: Type.Optional(Type.Enum(THING_STATUSES)), ...Fields, ...PlacementFields },
  { additionalProperties: false },
);
export type UpdateThingBody = Static<typeof UpdateThingBody>;

export const ThingListQuery = Type.Object({
  ...PageQuery,
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  kind: Type.Optional(Type.String({ maxLength: 200 })),
  placeId: Type.Optional(Id),
  enterpriseId: Type.Optional(Id),
  status: Type.Optional(Type.Enum(THING_STATUSES)),
  q: Type.Optional(Type.String({ maxLength: 64 })),
});
export type ThingListQuery = Static<typeof ThingListQuery>;

export const DueQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 0, maximum: REGISTRY_LIMITS.dueDaysMax, default: 30 })),
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  kind: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
});
export type DueQuery = Static<typeof DueQuery>;

export const ThingView = Type.Object({
  id: Id,
  kind: ThingKind,
  name: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  place: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  enterprise: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  quantity: Type.Union([Type.Integer(), Type.Null()]),
  unitOfMeasure: Type.Union([Type.String(), Type.Null()]),
  spec: Type.Union([Type.String(), Type.Null()]),
  expiresOn: Type.Union([LocalDate, Type.Null()]),
  lastInspectedOn: Type.Union([LocalDate, Type.Null()]),
  nextInspectionOn: Type.Union([LocalDate, Type.Null()]),
  status: Type.Enum(THING_STATUSES),
  ...PlacementView,
  updatedAt: IsoTime,
});
export type ThingView = Static<typeof ThingView>;
export const ThingPage = Page(ThingView);

export const ThingDetail = Type.Object({ ...ThingView.properties, notes: Type.Union([Type.String(), Type.Null()]), createdAt: IsoTime, abilities: Abilities });

export const DueItem = Type.Object({
  thing: ThingView,
  reason: Type.Enum(['expiry', 'inspection']),
  dueOn: LocalDate,
  /** Negative when overdue. */
  daysLeft: Type.Integer(),
  overdue: Type.Boolean(),
});
export const DueList = Type.Object({ today: LocalDate, days: Type.Integer(), items: Type.Array(DueItem), truncated: Type.Boolean() });
