// Public reports: the resident portal (no account), staff triage, duplicates and merge, rewards.
import { Type, type Static } from 'typebox';
import { I18nText, Id, IsoTime, LocalDate, Page, PageQuery } from '../shared/shared.contract.js';
import { TRACKING_PATTERN } from './reports.text.js';

export const REPORT_LIMITS = {
  descriptionMax: 2000,
  /** `textProblem` weight: 10 letters or 5 Chinese characters. */
  descriptionMinWeight: 10,
  addressMax: 200,
  nameMax: 40,
  phoneMax: 20,
  emailMax: 120,
  reasonMax: 500,
  photosMax: 3,
  photoBytes: 5 * 1024 * 1024,
  /** A JSON submission without photos. */
  jsonBodyBytes: 32 * 1024,
} as const;

export const REPORT_STATES = ['pending', 'confirmed', 'rejected', 'merged'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const ReportStateT = Type.Enum(REPORT_STATES);

/** What the reporter sees: received → (transferred) → confirmed/rectifying → closed, or rejected. */
export const PUBLIC_STAGES = ['received', 'rectifying', 'closed', 'rejected'] as const;
export type PublicStage = (typeof PUBLIC_STAGES)[number];
export const PublicStageT = Type.Enum(PUBLIC_STAGES);

export const LOCATION_SOURCES = ['map', 'gps', 'address'] as const;
export const LocationSourceT = Type.Enum(LOCATION_SOURCES);

export const CHANNELS = ['portal', 'open311'] as const;
export const ChannelT = Type.Enum(CHANNELS);

export const HazardGradeT = Type.Union([Type.Literal('general'), Type.Literal('major')]);

// ---- attributes (extra questions; Open311 service definitions publish the same list) ----

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
export interface ReportAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  order: number;
  description: { zh: string; en: string };
  datatypeDescription: { zh: string; en: string } | null;
  values?: ReadonlyArray<{ key: string; name: { zh: string; en: string } }>;
  maxLength?: number;
}

export const REPORT_ATTRIBUTES: readonly ReportAttribute[] = [
  {
    code: 'PLACE_TYPE', datatype: 'singlevaluelist', required: false, order: 1,
    description: { zh: '场所类型', en: 'Kind of place' }, datatypeDescription: null,
    values: [
      { key: 'residential', name: { zh: '住宅小区', en: 'Residential building' } },
      { key: 'shop', name: { zh: '沿街商铺', en: 'Street shop' } },
      { key: 'small_place', name: { zh: '“九小”场所', en: 'Small business (restaurant, hostel …)' } },
      { key: 'factory', name: { zh: '企业厂房、仓库', en: 'Factory or warehouse' } },
      { key: 'construction', name: { zh: '建筑工地', en: 'Construction site' } },
      { key: 'public', name: { zh: '公共场所', en: 'Public place' } },
      { key: 'road', name: { zh: '道路、桥梁', en: 'Road or bridge' } },
      { key: 'other', name: { zh: '其他', en: 'Other' } },
    ],
  },
  {
    code: 'DANGER_NOW', datatype: 'singlevaluelist', required: false, order: 2,
    description: { zh: '现在是否有人身危险？如有，请立即拨打 119 或 110', en: 'Is anyone in danger right now? If so, call 119 or 110 at once' },
    datatypeDescription: null,
    values: [
      { key: 'yes', name: { zh: '是', en: 'Yes' } },
      { key: 'no', name: { zh: '否', en: 'No' } },
    ],
  },
  {
    code: 'FEATURES', datatype: 'multivaluelist', required: false, order: 3,
    description: { zh: '现场情况（可多选）', en: 'What you saw (choose any)' }, datatypeDescription: null,
    values: [
      { key: 'blocked_exit', name: { zh: '堵塞疏散通道、安全出口', en: 'Blocked escape route or exit' } },
      { key: 'wiring', name: { zh: '私拉乱接电线', en: 'Unsafe electric wiring' } },
      { key: 'flammables', name: { zh: '违规存放易燃易爆物品', en: 'Flammable or explosive goods stored' } },
      { key: 'gas', name: { zh: '燃气泄漏或异味', en: 'Gas leak or smell' } },
      { key: 'ebike', name: { zh: '电动车违规停放、充电', en: 'E-bikes parked or charged indoors' } },
      { key: 'living', name: { zh: '生产经营场所住人（“三合一”）', en: 'People living in a workshop or shop' } },
      { key: 'structure', name: { zh: '建筑结构开裂、倾斜', en: 'Cracked or leaning structure' } },
      { key: 'other', name: { zh: '其他', en: 'Other' } },
    ],
  },
  {
    code: 'OBSERVED_AT', datatype: 'datetime', required: false, order: 4,
    description: { zh: '发现时间', en: 'When you saw it' },
    datatypeDescription: { zh: 'ISO 8601 日期时间，例如 2026-03-02T09:30:00+08:00', en: 'ISO 8601 date and time, e.g. 2026-03-02T09:30:00+08:00' },
  },
  {
    code: 'PEOPLE_AT_RISK', datatype: 'number', required: false, order: 5,
    description: { zh: '大约有多少人在此居住或工作', en: 'About how many people live or work there' },
    datatypeDescription: { zh: '0 到 100000 之间的整数', en: 'A whole number from 0 to 100000' },
  },
  {
    code: 'LOCATION_DETAIL', datatype: 'string', required: false, order: 6, maxLength: 200,
    description: { zh: '楼栋、楼层或明显标志物', en: 'Building, floor or landmark' },
    datatypeDescription: { zh: '不超过 200 个字符', en: 'Up to 200 characters' },
  },
];

export const AttributeValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number({ minimum: -1e9, maximum: 1e9 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })]);
export const Attributes = Type.Record(Type.String({ maxLength: 40 }), AttributeValue, { maxProperties: 20 });
export type Attributes = Static<typeof Attributes>;

// ---- public portal ----

export const TrackingCode = Type.String({ pattern: TRACKING_PATTERN, description: 'tracking code, 10 characters' });
/** A report's public reference (duplicates, "add to this report", Open311 service_request_id). */
export const PublicRef = Type.String({ pattern: '^[0-9a-f]{12}$' });
export const DeviceTokenHeader = Type.Object({
  'x-device-token': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' })),
});

export const PublicCategory = Type.Object({ code: Type.String(), name: I18nText });
export const PublicAttribute = Type.Object({
  code: Type.String(),
  datatype: Type.String(),
  required: Type.Boolean(),
  order: Type.Integer(),
  description: I18nText,
  datatypeDescription: Type.Union([I18nText, Type.Null()]),
  values: Type.Array(Type.Object({ key: Type.String(), name: I18nText })),
});
export const PortalInfo = Type.Object({
  categories: Type.Array(PublicCategory),
  attributes: Type.Array(PublicAttribute),
  duplicateRadiusM: Type.Integer(),
  duplicateDays: Type.Integer(),
  maxPhotos: Type.Integer(),
  photoBytes: Type.Integer(),
  /** The jurisdiction's extent [minLng, minLat, maxLng, maxLat], null before boundaries exist. */
  bbox: Type.Union([Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), Type.Null()]),
});
export type PortalInfo = Static<typeof PortalInfo>;

export const MapQuery = Type.Object({
  level: Type.Optional(Type.Union([Type.Literal('district'), Type.Literal('street'), Type.Literal('community'), Type.Literal('grid')])),
});
export const MapFeature = Type.Object({
  type: Type.Literal('Feature'),
  properties: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  geometry: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }),
});
export const MapResponse = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(MapFeature) });

export const Lng = Type.Number({ minimum: -180, maximum: 180 });
export const Lat = Type.Number({ minimum: -90, maximum: 90 });

export const NearbyQuery = Type.Object({
  category: Type.String({ minLength: 1, maxLength: 40 }),
  lng: Lng,
  lat: Lat,
});
export const NearbyItem = Type.Object({
  ref: PublicRef,
  category: PublicCategory,
  excerpt: Type.String(),
  distanceM: Type.Integer(),
  reportedOn: LocalDate,
  supporters: Type.Integer(),
  stage: PublicStageT,
  lng: Type.Number(),
  lat: Type.Number(),
});
export type NearbyItem = Static<typeof NearbyItem>;
export const NearbyResponse = Type.Object({ items: Type.Array(NearbyItem), radiusM: Type.Integer(), days: Type.Integer() });

export const GeocodeQuery = Type.Object({ q: Type.String({ minLength: 2, maxLength: REPORT_LIMITS.addressMax }) });
export const GeocodeResponse = Type.Object({
  match: Type.Union([
    Type.Object({ unitName: Type.String(), path: Type.Array(Type.String()), lng: Type.Number(), lat: Type.Number() }),
    Type.Null(),
  ]),
});

export const Contact = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.nameMax })),
    phone: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.phoneMax, pattern: '^\\+?[0-9 ()-]{5,20}$' })),
    email: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.emailMax, format: 'email' })),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

export const PowSolution = Type.Object(
  { challenge: Type.String({ maxLength: 200 }), nonce: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type PowSolution = Static<typeof PowSolution>;

export const SubmitBody = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 40 }),
    description: Type.String({ maxLength: REPORT_LIMITS.descriptionMax }),
    locationSource: LocationSourceT,
    lng: Type.Optional(Lng),
    lat: Type.Optional(Lat),
    address: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.addressMax })),
    attributes: Type.Optional(Attributes),
    contact: Type.Optional(Contact),
    privacyAck: Type.Literal(true, { description: 'the privacy notice was shown and accepted' }),
    pow: Type.Optional(PowSolution),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

export const SubmitResponse = Type.Object({
  code: TrackingCode,
  display: Type.String(),
  ref: PublicRef,
  unitName: Type.String(),
  submittedAt: IsoTime,
  photos: Type.Integer(),
});
export type SubmitResponse = Static<typeof SubmitResponse>;

export const SupportBody = Type.Object(
  { contact: Type.Optional(Contact), privacyAck: Type.Literal(true), pow: Type.Optional(PowSolution) },
  { additionalProperties: false },
);
export type SupportBody = Static<typeof SupportBody>;
export const SupportResponse = Type.Object({ code: TrackingCode, display: Type.String(), supporters: Type.Integer() });

export const ChallengeResponse = Type.Object({
  challenge: Type.String(),
  difficulty: Type.Integer({ description: 'leading zero bits of SHA-256(challenge + ":" + nonce)' }),
  algorithm: Type.Literal('sha256-leading-zero-bits'),
  expiresAt: IsoTime,
});
export type ChallengeResponse = Static<typeof ChallengeResponse>;

export const MaskedContact = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
});

export const TimelineEntry = Type.Object({ at: IsoTime, kind: Type.String(), text: I18nText });

export const PublicStatus = Type.Object({
  code: TrackingCode,
  display: Type.String(),
  role: Type.Union([Type.Literal('reporter'), Type.Literal('supporter')]),
  category: PublicCategory,
  description: Type.String(),
  unitName: Type.String(),
  submittedAt: IsoTime,
  updatedAt: IsoTime,
  stage: PublicStageT,
  publicState: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  closedAt: Type.Union([IsoTime, Type.Null()]),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  supporters: Type.Integer(),
  photos: Type.Integer(),
  contact: Type.Union([MaskedContact, Type.Null()]),
  reward: Type.Union([Type.Object({ state: Type.String(), amount: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  timeline: Type.Array(TimelineEntry),
});
export type PublicStatus = Static<typeof PublicStatus>;

// ---- staff ----

export const UnitRefT = Type.Object({ code: Type.String(), name: Type.String() });

export const ReportRow = Type.Object({
  id: Id,
  code: Type.String(),
  ref: PublicRef,
  channel: ChannelT,
  category: PublicCategory,
  excerpt: Type.String(),
  state: ReportStateT,
  stage: PublicStageT,
  unit: UnitRefT,
  gridOverride: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  supporters: Type.Integer(),
  photos: Type.Integer(),
  hasContact: Type.Boolean(),
  hazardId: Type.Union([Id, Type.Null()]),
  mergedInto: Type.Union([Id, Type.Null()]),
  lng: Type.Number(),
  lat: Type.Number(),
});
export type ReportRow = Static<typeof ReportRow>;
export const ReportPage = Page(ReportRow);

export const ReportListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(ReportStateT),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  q: Type.Optional(Type.String({ maxLength: 20, description: 'tracking code or public reference' })),
});
export type ReportListQuery = Static<typeof ReportListQuery>;

export const ReportEventView = Type.Object({
  at: IsoTime,
  kind: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  publicNote: Type.Union([Type.String(), Type.Null()]),
  internalNote: Type.Union([Type.String(), Type.Null()]),
  fromUnit: Type.Union([UnitRefT, Type.Null()]),
  toUnit: Type.Union([UnitRefT, Type.Null()]),
});

export const ReportDetail = Type.Object({
  ...ReportRow.properties,
  description: Type.String(),
  attributes: Attributes,
  address: Type.Union([Type.String(), Type.Null()]),
  locationSource: LocationSourceT,
  contact: Type.Union([MaskedContact, Type.Null()]),
  supporterList: Type.Array(Type.Object({ at: IsoTime, contact: Type.Union([MaskedContact, Type.Null()]) })),
  events: Type.Array(ReportEventView),
  photoList: Type.Array(Type.Object({ id: Type.String(), mime: Type.String(), bytes: Type.Integer() })),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  hazardGrade: Type.Union([HazardGradeT, Type.Null()]),
  linked: Type.Array(Type.Object({ id: Id, code: Type.String(), state: ReportStateT, createdAt: IsoTime })),
  reward: Type.Union([Type.Object({ id: Id, state: Type.String(), amount: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  can: Type.Object({ triage: Type.Boolean(), merge: Type.Boolean(), reporter: Type.Boolean() }),
});
export type ReportDetail = Static<typeof ReportDetail>;

export const ConfirmBody = Type.Object(
  {
    /** Link to this existing hazard instead of creating one. */
    hazardId: Type.Optional(Id),
    grade: Type.Optional(HazardGradeT),
    majorBasis: Type.Optional(Type.String({ maxLength: 500 })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    /** The hazard's description; defaults to the report's (edit out personal details). */
    description: Type.Optional(Type.String({ minLength: 1, maxLength: REPORT_LIMITS.descriptionMax })),
    note: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.reasonMax })),
  },
  { additionalProperties: false },
);
export type ConfirmBody = Static<typeof ConfirmBody>;

export const RejectBody = Type.Object(
  {
    /** Shown to the reporter on the status page. */
    reason: Type.String({ minLength: 2, maxLength: REPORT_LIMITS.reasonMax }),
    note: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.reasonMax })),
  },
  { additionalProperties: false },
);
export type RejectBody = Static<typeof RejectBody>;

export const TransferBody = Type.Object(
  { unitCode: Type.String({ minLength: 1, maxLength: 32 }), reason: Type.String({ minLength: 2, maxLength: REPORT_LIMITS.reasonMax }) },
  { additionalProperties: false },
);
export type TransferBody = Static<typeof TransferBody>;

export const MergeBody = Type.Object(
  { targetId: Id, sourceIds: Type.Array(Id, { minItems: 1, maxItems: 50 }), note: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.reasonMax })) },
  { additionalProperties: false },
);
export type MergeBody = Static<typeof MergeBody>;
export const MergeResponse = Type.Object({ target: ReportDetail, merged: Type.Array(Id) });

export const SimilarResponse = Type.Object({ items: Type.Array(Type.Object({ ...ReportRow.properties, distanceM: Type.Integer() })) });

export const ReporterContact = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
});
export const ReporterView = Type.Object({
  reporter: Type.Union([ReporterContact, Type.Null()]),
  supporters: Type.Array(Type.Object({ at: IsoTime, contact: Type.Union([ReporterContact, Type.Null()]) })),
});

// ---- settings ----

export const PortalSettings = Type.Object(
  {
    duplicateRadiusM: Type.Integer({ minimum: 10, maximum: 5000 }),
    duplicateDays: Type.Integer({ minimum: 1, maximum: 365 }),
    maxPhotos: Type.Integer({ minimum: 0, maximum: REPORT_LIMITS.photosMax }),
    /** Accepted submissions per address or device and hour before a challenge is asked. */
    freeSubmissionsPerHour: Type.Integer({ minimum: 0, maximum: 1000 }),
    challengeBits: Type.Integer({ minimum: 4, maximum: 26 }),
    challengeTtlSeconds: Type.Integer({ minimum: 30, maximum: 3600 }),
    /** Hard limits (429): submissions per address per 10 minutes, per device per hour. */
    submitPer10MinPerAddress: Type.Integer({ minimum: 1, maximum: 10000 }),
    submitPerHourPerDevice: Type.Integer({ minimum: 1, maximum: 10000 }),
    /** Reads of the public routes (status, nearby, map) per address per minute. */
    readsPerMinute: Type.Integer({ minimum: 1, maximum: 100000 }),
  },
  { additionalProperties: false },
);
export type PortalSettings = Static<typeof PortalSettings>;

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  duplicateRadiusM: 200,
  duplicateDays: 30,
  maxPhotos: 3,
  freeSubmissionsPerHour: 3,
  challengeBits: 16,
  challengeTtlSeconds: 600,
  submitPer10MinPerAddress: 10,
  submitPerHourPerDevice: 20,
  readsPerMinute: 120,
};

const Money = Type.Number({ minimum: 0, maximum: 10_000_000 });
export const RewardBand = Type.Object({ min: Money, max: Money }, { additionalProperties: false });

export const RewardSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    /** Only reporters who left a way to be contacted can be paid. */
    requireContact: Type.Boolean(),
    /** Categories that earn a reward; empty means all. */
    categories: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 }),
    channels: Type.Array(ChannelT, { maxItems: 2 }),
    bands: Type.Object({ general: RewardBand, major: RewardBand }, { additionalProperties: false }),
    currency: Type.String({ minLength: 3, maxLength: 3 }),
  },
  { additionalProperties: false },
);
export type RewardSettings = Static<typeof RewardSettings>;

export const DEFAULT_REWARD_SETTINGS: RewardSettings = {
  enabled: true,
  requireContact: true,
  categories: [],
  channels: ['portal', 'open311'],
  bands: { general: { min: 50, max: 500 }, major: { min: 1000, max: 10000 } },
  currency: 'CNY',
};

// ---- rewards ----

export const REWARD_STATES = ['proposed', 'approved', 'rejected', 'paid'] as const;
export type RewardState = (typeof REWARD_STATES)[number];
export const RewardStateT = Type.Enum(REWARD_STATES);

export const RewardRow = Type.Object({
  id: Id,
  report: Type.Object({ id: Id, code: Type.String(), category: PublicCategory, createdAt: IsoTime }),
  hazardId: Id,
  grade: HazardGradeT,
  band: Type.Object({ min: Type.String(), max: Type.String() }),
  currency: Type.String(),
  state: RewardStateT,
  amount: Type.Union([Type.String(), Type.Null()]),
  unit: UnitRefT,
  reporter: Type.Union([MaskedContact, Type.Null()]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([IsoTime, Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  paidAt: Type.Union([IsoTime, Type.Null()]),
  paidBy: Type.Union([Type.String(), Type.Null()]),
  payoutMethod: Type.Union([Type.String(), Type.Null()]),
  payoutReference: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
});
export type RewardRow = Static<typeof RewardRow>;
export const RewardPage = Page(RewardRow);
export const RewardListQuery = Type.Object({ ...PageQuery, state: Type.Optional(RewardStateT) });

export const RewardApproveBody = Type.Object(
  { amount: Money, grade: Type.Optional(HazardGradeT), note: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.reasonMax })) },
  { additionalProperties: false },
);
export type RewardApproveBody = Static<typeof RewardApproveBody>;
export const RewardRejectBody = Type.Object({ note: Type.String({ minLength: 2, maxLength: REPORT_LIMITS.reasonMax }) }, { additionalProperties: false });
export const RewardPayBody = Type.Object(
  {
    method: Type.Union([Type.Literal('bank_transfer'), Type.Literal('cash'), Type.Literal('mobile_payment'), Type.Literal('other')]),
    reference: Type.String({ minLength: 1, maxLength: 100 }),
    note: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.reasonMax })),
  },
  { additionalProperties: false },
);
export type RewardPayBody = Static<typeof RewardPayBody>;
