// Building blocks shared by the registries (places, enterprises, people, things, orgs):
// placement on the map, grades and risk levels, the computed "working", import jobs.
import { Type, type Static, type TSchema } from 'typebox';
import { Id, IsoTime, LocalDate } from '../shared/shared.contract.js';
import { LIMITS } from '../../limits.js';

export const REGISTRY_LIMITS = {
  addressMax: 400,
  tagMax: 32,
  tagsMax: 20,
  noteMax: LIMITS.textMax,
  reasonMin: 2,
  reasonMax: LIMITS.commentMax,
  importRowsMax: 50_000,
  importProblemsMax: 20_000,
  exportRowsMax: 100_000,
  mapFeaturesMax: 5_000,
  dueDaysMax: 366,
} as const;

export const LngLat = Type.Object(
  {
    lng: Type.Number({ minimum: -180, maximum: 180, description: 'longitude (WGS 84)' }),
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'latitude (WGS 84)' }),
  },
  { additionalProperties: false },
);
export type LngLat = Static<typeof LngLat>;

/** How a record is put in a grid: by location, or by a chosen grid (an override needs a reason). */
export const PlacementFields = {
  location: Type.Optional(Type.Union([LngLat, Type.Null()])),
  gridCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()], { description: 'choose the grid by hand (an override when a location is given)' })),
  gridOverrideReason: Type.Optional(Type.String({ minLength: REGISTRY_LIMITS.reasonMin, maxLength: REGISTRY_LIMITS.reasonMax })),
};

export const UnitRefView = Type.Object({ id: Id, code: Type.String(), name: Type.String() });
export type UnitRefView = Static<typeof UnitRefView>;

export const PlacementView = {
  location: Type.Union([LngLat, Type.Null()]),
  grid: Type.Union([UnitRefView, Type.Null()]),
  gridOverride: Type.Boolean(),
  gridOverrideReason: Type.Union([Type.String(), Type.Null()]),
};

export const Phone = Type.String({ minLength: 3, maxLength: 32, pattern: '^[0-9+()\\s-]+$', description: 'phone number' });
export const Name = Type.String({ minLength: 1, maxLength: LIMITS.nameMax });
/**
 * A value or null in a request body, where null stays null (it clears the field). Written as one
 * schema with `type: [t, 'null']` rather than a union: the validator coerces types, and in a union
 * it would coerce null to the first branch's type — 0 for a number, '' for a text.
 */
export function OrNull<T extends TSchema>(schema: T) {
  const type = (schema as unknown as { type?: unknown }).type;
  if (typeof type !== 'string') throw new Error('OrNull needs a schema with one simple type');
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
}
export const OptText = (max: number) => Type.Optional(OrNull(Type.String({ maxLength: max })));
export const OptInt = (min = 0, max = 1_000_000) => Type.Optional(OrNull(Type.Integer({ minimum: min, maximum: max })));
export const OptDate = Type.Optional(OrNull(LocalDate));

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export const Grade = Type.Enum(GRADES);
export type Grade = Static<typeof Grade>;

export const RISK_COLOURS = ['red', 'orange', 'yellow', 'blue'] as const;
export const RiskColour = Type.Enum(RISK_COLOURS);
export const RiskLevel = Type.Integer({ minimum: 1, maximum: 4, description: '1 red 重大, 2 orange 较大, 3 yellow 一般, 4 blue 低' });
export const riskColourOf = (level: number): (typeof RISK_COLOURS)[number] => RISK_COLOURS[Math.min(4, Math.max(1, level)) - 1] ?? 'blue';
export const riskLevelOfColour = (c: string): number | undefined => {
  const i = (RISK_COLOURS as readonly string[]).indexOf(c);
  return i < 0 ? undefined : i + 1;
};

export const LocalizedText = Type.Object({ zh: Type.String(), en: Type.String() });
export const Working = Type.Array(LocalizedText);
export const TableRefView = Type.Object({ id: Type.String(), version: Type.String() });

/** A rule problem as the rules report it (code + both languages). */
export const RuleProblem = Type.Object({ code: Type.String(), message: LocalizedText });

/** One change of a record from the audit log (summary holds no personal data). */
export const HistoryEntry = Type.Object({
  at: IsoTime,
  action: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Object({}, { additionalProperties: true }),
});
export const HistoryList = Type.Object({ items: Type.Array(HistoryEntry) });

export const Abilities = Type.Record(Type.String(), Type.Boolean());

// ---------------------------------------------------------------------------------------------
// Import jobs

export const IMPORT_KINDS = ['places', 'enterprises', 'people'] as const;
export const ImportKind = Type.Enum(IMPORT_KINDS);
export type ImportKind = Static<typeof ImportKind>;
export const IMPORT_MODES = ['all_or_nothing', 'keep_valid'] as const;
export const ImportMode = Type.Enum(IMPORT_MODES);
export type ImportMode = Static<typeof ImportMode>;

export const ImportProblem = Type.Object({
  row: Type.Integer({ description: 'spreadsheet row number (the header is row 1)' }),
  field: Type.String(),
  problem: Type.String(),
  problemZh: Type.Optional(Type.String()),
});
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportJobView = Type.Object({
  id: Id,
  kind: ImportKind,
  mode: ImportMode,
  format: Type.Enum(['xlsx', 'csv']),
  fileName: Type.String(),
  status: Type.Enum(['queued', 'running', 'done', 'rejected', 'failed']),
  phase: Type.String(),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  insertedRows: Type.Integer(),
  errorRows: Type.Integer(),
  problemCount: Type.Integer(),
  problemsTruncated: Type.Boolean(),
  message: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
  startedAt: Type.Union([IsoTime, Type.Null()]),
  finishedAt: Type.Union([IsoTime, Type.Null()]),
});
export type ImportJobView = Static<typeof ImportJobView>;

export const ImportJobDetail = Type.Object({
  job: ImportJobView,
  problems: Type.Array(ImportProblem),
});

export const ImportJobList = Type.Object({ items: Type.Array(ImportJobView) });

export const TemplateQuery = Type.Object({ format: Type.Optional(Type.Enum(['xlsx', 'csv'])) });

export const ExportQuery = { format: Type.Optional(Type.Enum(['xlsx'])) };
