// Risk-driven inspection plans, 双随机 spot checks and inspections with answers, photos and three
// signatures.
import { Type, type Static } from 'typebox';
import { Id, IsoTime, LocalDate, PageQuery, Page, I18nText } from '../shared/shared.contract.js';
import { LIMITS } from '../../limits.js';
import { ChecklistItemView } from '../checklists/checklists.contract.js';
import { FileRef } from '../hazards/hazards.contract.js';

export const Period = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
export const PLACE_GRADES = ['A', 'B', 'C', 'D', '-'] as const;
export const SIGNATURE_ROLES = ['leader', 'inspector', 'premises'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];
export const SIGNATURE_ROLE_NAMES: Record<SignatureRole, { zh: string; en: string }> = {
  leader: { zh: '检查组长', en: 'Team leader' },
  inspector: { zh: '检查人员', en: 'Inspector' },
  premises: { zh: '被检查单位人员', en: 'Person of the inspected premises' },
};

// ---- intervals ----

export const IntervalRow = Type.Object({
  grade: Type.Enum(PLACE_GRADES),
  riskLevel: Type.Integer({ minimum: 0, maximum: 4, description: '0 = not assessed, 1 red … 4 blue' }),
  months: Type.Integer({ minimum: 1, maximum: 24 }),
});
export type IntervalRow = Static<typeof IntervalRow>;
export const IntervalTable = Type.Object({ items: Type.Array(IntervalRow) });
export const IntervalsBody = Type.Object({ items: Type.Array(IntervalRow, { minItems: 1, maxItems: 25 }) }, { additionalProperties: false });

// ---- plans and tasks ----

export const GeneratePlanBody = Type.Object(
  { unitCode: Type.Optional(Type.String({ maxLength: 32 })), period: Period },
  { additionalProperties: false },
);
export const GeneratePlanResult = Type.Object({ period: Period, unit: Type.String(), considered: Type.Integer(), created: Type.Integer(), unassigned: Type.Integer() });

export const TaskView = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('routine'), Type.Literal('spot_check'), Type.Literal('follow_up')]),
  period: Type.String(),
  target: Type.Object({ type: Type.Union([Type.Literal('place'), Type.Literal('enterprise')]), id: Id, name: Type.String() }),
  templateCode: Type.Union([Type.String(), Type.Null()]),
  grid: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  assignee: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  coAssignees: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  dueDate: LocalDate,
  status: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')]),
  overdue: Type.Boolean(),
  inspectionId: Type.Union([Id, Type.Null()]),
  spotCheckId: Type.Union([Id, Type.Null()]),
});
export type TaskView = Static<typeof TaskView>;
export const TaskPage = Page(TaskView);
export const TaskListQuery = Type.Object({
  ...PageQuery,
  period: Type.Optional(Period),
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')])),
  mine: Type.Optional(Type.Boolean()),
  kind: Type.Optional(Type.Union([Type.Literal('routine'), Type.Literal('spot_check'), Type.Literal('follow_up')])),
});

export const CoverageQuery = Type.Object({ unit: Type.Optional(Type.String({ maxLength: 32 })), period: Period });
const CoverageFigures = { planned: Type.Integer(), done: Type.Integer(), open: Type.Integer(), overdue: Type.Integer(), rate: Type.Union([Type.Number(), Type.Null()]) };
export const CoverageView = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  period: Period,
  totals: Type.Object(CoverageFigures),
  rows: Type.Array(Type.Object({ unit: Type.Object({ code: Type.String(), name: Type.String() }), ...CoverageFigures })),
});
export type CoverageView = Static<typeof CoverageView>;

// ---- spot checks ----

export const SpotCheckBody = Type.Object(
  {
    unitCode: Type.String({ maxLength: 32 }),
    period: Period,
    placeCount: Type.Integer({ minimum: 1, maximum: 500 }),
    inspectorsPerPlace: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    placeKinds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 40 })),
    seed: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type SpotCheckBody = Static<typeof SpotCheckBody>;

export const SpotCheckView = Type.Object({
  id: Id,
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  period: Period,
  seed: Type.String(),
  placeCount: Type.Integer(),
  inspectorsPerPlace: Type.Integer(),
  candidates: Type.Object({ places: Type.Integer(), inspectors: Type.Integer() }),
  selection: Type.Array(Type.Object({ place: Type.Object({ id: Id, name: Type.String() }), inspectors: Type.Array(Type.Object({ id: Id, name: Type.String() })), taskId: Type.Union([Id, Type.Null()]) })),
  createdBy: Type.String(),
  createdAt: IsoTime,
});
export type SpotCheckView = Static<typeof SpotCheckView>;
export const SpotCheckVerify = Type.Object({ id: Id, seed: Type.String(), reproduced: Type.Boolean() });

// ---- inspections ----

export const Position = Type.Object(
  { lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }), accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })) },
  { additionalProperties: false },
);

export const StartInspectionBody = Type.Object(
  {
    taskId: Type.Optional(Id),
    templateId: Type.Optional(Id),
    placeId: Type.Optional(Id),
    enterpriseId: Type.Optional(Id),
    position: Position,
  },
  { additionalProperties: false },
);
export type StartInspectionBody = Static<typeof StartInspectionBody>;

export const AnswerBody = Type.Object(
  {
    itemId: Id,
    result: Type.Optional(Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('na'), Type.Null()])),
    numberValue: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    textValue: Type.Optional(Type.Union([Type.String({ maxLength: LIMITS.textMax }), Type.Null()])),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: LIMITS.commentMax }), Type.Null()])),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: LIMITS.photosPerRecord })),
  },
  { additionalProperties: false },
);
export type AnswerBody = Static<typeof AnswerBody>;
export const AnswersBody = Type.Object({ answers: Type.Array(AnswerBody, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false });

export const SignatureBody = Type.Object(
  {
    signerName: Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax }),
    /** The drawn signature: a PNG as base64 (a canvas data URL is accepted). */
    png: Type.String({ minLength: 20, maxLength: 700_000 }),
  },
  { additionalProperties: false },
);
export const SignatureParams = Type.Object({ id: Id, role: Type.Enum(SIGNATURE_ROLES) });

export const SubmitInspectionBody = Type.Object({ summary: Type.Optional(Type.String({ maxLength: LIMITS.textMax })) }, { additionalProperties: false });
export const CorrectInspectionBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: LIMITS.commentMax }) }, { additionalProperties: false });

export const INSPECTION_ABILITIES = ['answer', 'sign', 'submit', 'correct'] as const;

export const InspectionItemView = Type.Object({
  ...ChecklistItemView.properties,
  answer: Type.Union([
    Type.Object({
      result: Type.Union([Type.String(), Type.Null()]),
      numberValue: Type.Union([Type.Number(), Type.Null()]),
      textValue: Type.Union([Type.String(), Type.Null()]),
      comment: Type.Union([Type.String(), Type.Null()]),
      photos: Type.Array(FileRef),
      failed: Type.Boolean(),
      hazard: Type.Union([Type.Object({ id: Id, code: Type.String() }), Type.Null()]),
    }),
    Type.Null(),
  ]),
});

export const InspectionRow = Type.Object({
  id: Id,
  code: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  template: Type.Object({ id: Id, code: Type.String(), version: Type.Integer(), name: I18nText }),
  target: Type.Object({ type: Type.Union([Type.Literal('place'), Type.Literal('enterprise'), Type.Literal('community')]), id: Type.Union([Id, Type.Null()]), name: Type.String() }),
  grid: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  inspector: Type.Object({ id: Id, name: Type.String() }),
  failedCount: Type.Integer(),
  startedAt: IsoTime,
  submittedAt: Type.Union([IsoTime, Type.Null()]),
  supersededBy: Type.Union([Id, Type.Null()]),
});
export type InspectionRow = Static<typeof InspectionRow>;
export const InspectionPage = Page(InspectionRow);
export const InspectionListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted')])),
  mine: Type.Optional(Type.Boolean()),
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  placeId: Type.Optional(Id),
});

export const InspectionView = Type.Object({
  ...InspectionRow.properties,
  taskId: Type.Union([Id, Type.Null()]),
  location: Type.Union([Type.Object({ lng: Type.Number(), lat: Type.Number() }), Type.Null()]),
  inspectorPosition: Type.Union([Type.Object({ lng: Type.Number(), lat: Type.Number(), accuracy: Type.Union([Type.Number(), Type.Null()]) }), Type.Null()]),
  distanceM: Type.Union([Type.Number(), Type.Null()]),
  summary: Type.String(),
  corrects: Type.Union([Type.Object({ id: Id, code: Type.String(), reason: Type.String() }), Type.Null()]),
  items: Type.Array(InspectionItemView),
  signatures: Type.Array(Type.Object({ role: Type.String(), signerName: Type.String(), signedAt: IsoTime, file: FileRef })),
  hazards: Type.Array(Type.Object({ id: Id, code: Type.String(), state: Type.String() })),
  abilities: Type.Array(Type.Enum(INSPECTION_ABILITIES)),
});
export type InspectionView = Static<typeof InspectionView>;
