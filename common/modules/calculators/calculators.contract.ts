// Calculators: the same rules the registries use, as tools that show their working; and the
// versioned reference tables (rule sets) they read.
import { Type, type Static } from 'typebox';
import { IsoTime } from '../shared/shared.contract.js';
import { LocalizedText, RiskColour, RiskLevel, RuleProblem, TableRefView, Working } from '../registries/registries.contract.js';
import { HazardItem, MajorHazardResultView } from '../enterprises/enterprises.contract.js';

export const LecBody = Type.Object({ L: Type.Number(), E: Type.Number(), C: Type.Number() }, { additionalProperties: false });
export const LecResultView = Type.Object({
  inputs: Type.Object({ L: Type.Number(), E: Type.Number(), C: Type.Number() }),
  D: Type.Number(),
  level: RiskLevel,
  colour: RiskColour,
  levelName: LocalizedText,
  band: Type.Object({ id: Type.String(), meaning: LocalizedText, interval: Type.String() }),
  working: Working,
  tables: Type.Object({ factors: TableRefView, bands: TableRefView }),
});

export const LsBody = Type.Object({ L: Type.Number(), S: Type.Number() }, { additionalProperties: false });
export const LsResultView = Type.Object({
  inputs: Type.Object({ L: Type.Number(), S: Type.Number() }),
  R: Type.Number(),
  level: RiskLevel,
  colour: RiskColour,
  levelName: LocalizedText,
  band: Type.Object({ id: Type.String(), roman: Type.String(), interval: Type.String() }),
  working: Working,
  table: TableRefView,
});

export const MajorHazardCalcBody = Type.Object(
  { exposedPeople: Type.Integer({ minimum: 0, maximum: 10_000_000 }), items: Type.Array(HazardItem, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);
export type MajorHazardCalcBody = Static<typeof MajorHazardCalcBody>;
export const MajorHazardCalcView = MajorHazardResultView;

export const UsccBody = Type.Object({ code: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export const UsccResultView = Type.Object({
  valid: Type.Boolean(),
  normalized: Type.String(),
  errors: Type.Array(RuleProblem),
  warnings: Type.Array(RuleProblem),
  expectedCheck: Type.Union([Type.String(), Type.Null()]),
  parts: Type.Union([
    Type.Object({
      authority: Type.String(),
      type: Type.String(),
      region: Type.String(),
      orgCode: Type.String(),
      check: Type.String(),
      authorityName: Type.Union([LocalizedText, Type.Null()]),
      typeName: Type.Union([LocalizedText, Type.Null()]),
    }),
    Type.Null(),
  ]),
  working: Working,
  table: TableRefView,
});

export const IdNumberBody = Type.Object({ idNumber: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export const IdNumberResultView = Type.Object({
  valid: Type.Boolean(),
  normalized: Type.String(),
  errors: Type.Array(RuleProblem),
  expectedCheck: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  sex: Type.Union([Type.Enum(['male', 'female']), Type.Null()]),
  working: Working,
});

export const SmallPlaceBody = Type.Object(
  {
    use: Type.String({ minLength: 1, maxLength: 48 }),
    areaM2: Type.Optional(Type.Number()),
    beds: Type.Optional(Type.Number()),
    seats: Type.Optional(Type.Number()),
    persons: Type.Optional(Type.Number()),
    staff: Type.Optional(Type.Number()),
    dormStaff: Type.Optional(Type.Number()),
    floors: Type.Optional(Type.Number({ description: 'storeys of the building (the place form sends it; the thresholds look at floor and topFloor)' })),
    floor: Type.Optional(Type.Number()),
    topFloor: Type.Optional(Type.Number()),
    boarding: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SmallPlaceBody = Static<typeof SmallPlaceBody>;
export const SmallPlaceResultView = Type.Object({
  matches: Type.Array(Type.Object({ kind: Type.String(), placeKind: Type.Union([Type.String(), Type.Null()]), name: LocalizedText, clause: LocalizedText })),
  possible: Type.Array(Type.Object({ kind: Type.String(), name: LocalizedText, missing: Type.Array(Type.String()) })),
  working: Working,
  table: TableRefView,
});

export const PlaceGradeBody = Type.Object(
  { inputs: Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.Number(), Type.String({ maxLength: 64 })])) },
  { additionalProperties: false },
);
export const PlaceGradeResultView = Type.Object({
  total: Type.Number(),
  scoreGrade: Type.Enum(['A', 'B', 'C', 'D']),
  grade: Type.Enum(['A', 'B', 'C', 'D']),
  cappedBy: Type.Array(Type.String()),
  action: LocalizedText,
  inspectionIntervalDays: Type.Integer(),
  criteria: Type.Array(
    Type.Object({ id: Type.String(), label: LocalizedText, weight: Type.Number(), value: Type.Union([Type.Number(), Type.String()]), fraction: Type.Number(), points: Type.Number() }),
  ),
  working: Working,
  rubric: TableRefView,
});

// Rule sets -----------------------------------------------------------------------------------

export const RULE_SET_KINDS = [
  'lec.factors',
  'lec.bands',
  'ls.bands',
  'gb18218.table1',
  'gb18218.table2',
  'gb18218.table4',
  'gb18218.table5',
  'small-places',
  'place-grading',
] as const;
export const RuleSetKind = Type.Enum(RULE_SET_KINDS);
export type RuleSetKind = Static<typeof RuleSetKind>;

export const RuleSetSummary = Type.Object({
  kind: RuleSetKind,
  id: Type.String(),
  version: Type.String(),
  source: Type.String(),
  confidence: Type.String(),
  confidenceNote: LocalizedText,
  configurable: Type.Boolean(),
  local: Type.Boolean(),
  isDefault: Type.Boolean(),
  editPermission: Type.String(),
  updatedAt: Type.Union([IsoTime, Type.Null()]),
});
export const RuleSetList = Type.Object({ items: Type.Array(RuleSetSummary) });

export const RuleSetView = Type.Object({
  summary: RuleSetSummary,
  data: Type.Object({}, { additionalProperties: true }),
  versions: Type.Array(Type.Object({ version: Type.String(), createdAt: IsoTime, createdBy: Type.Union([Type.String(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean() })),
});

export const UpdateRuleSetBody = Type.Object(
  {
    data: Type.Object({}, { additionalProperties: true, description: 'the whole table in the shape of its default (common/rules)' }),
    note: Type.String({ minLength: 2, maxLength: 2000, description: 'why it changed (e.g. the local document)' }),
  },
  { additionalProperties: false },
);
export type UpdateRuleSetBody = Static<typeof UpdateRuleSetBody>;
