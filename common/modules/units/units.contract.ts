// The unit tree and its grids: request and response shapes of /api/units.
import { Type, type Static, type TSchema } from 'typebox';
import { Id, IsoTime } from '../shared/shared.contract.js';
import { UNIT_CODE_PATTERN } from './units.rules.js';

export const UnitCode = Type.String({ pattern: UNIT_CODE_PATTERN, description: "statistical code (2–12 digits), a 15-digit grid code, or 'root'" });
export const UnitLevel = Type.Union([
  Type.Literal('root'), Type.Literal('province'), Type.Literal('city'), Type.Literal('district'), Type.Literal('street'),
  Type.Literal('community'), Type.Literal('grid'),
]);
export const GridType = Type.Union([Type.Literal('general'), Type.Literal('dedicated')]);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const LngLat = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[longitude, latitude] (EPSG:4326)' });
export const Bbox = Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[west, south, east, north]' });

export const UnitRef = Type.Object({
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  level: UnitLevel,
});
export type UnitRef = Static<typeof UnitRef>;

/** A responsible person: the phone is always masked. */
export const PersonView = Type.Object({ name: Type.String(), phone: Nullable(Type.String()) });
export type PersonView = Static<typeof PersonView>;

export const UnitNode = Type.Object({
  ...UnitRef.properties,
  kind: Type.String(),
  kindSource: Type.Union([Type.Literal('derived'), Type.Literal('manual')]),
  gridType: Nullable(GridType),
  /** Only the name is visible: the unit is an ancestor of the caller's area. */
  restricted: Type.Boolean(),
  retired: Type.Boolean(),
  childCount: Type.Integer(),
  households: Nullable(Type.Integer()),
  householdsEstimated: Type.Boolean(),
  population: Nullable(Type.Integer()),
  areaM2: Nullable(Type.Number()),
  hasBoundary: Type.Boolean(),
  boundarySource: Nullable(Type.String()),
  labelPoint: Nullable(LngLat),
});
export type UnitNode = Static<typeof UnitNode>;

export const TreeQuery = Type.Object({
  parent: Type.Optional(UnitCode),
  includeRetired: Type.Optional(Type.Boolean({ default: false })),
});
export const TreeResponse = Type.Object({ parent: Nullable(UnitRef), items: Type.Array(UnitNode) });
export type TreeResponse = Static<typeof TreeResponse>;

export const BoundaryVersion = Type.Object({
  version: Type.Integer(),
  source: Type.String(),
  validFrom: IsoTime,
  validTo: Nullable(IsoTime),
  areaM2: Type.Number(),
  changedBy: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export type BoundaryVersion = Static<typeof BoundaryVersion>;

export const WorkerView = Type.Object({
  userId: Id,
  username: Type.String(),
  displayName: Type.String(),
  assignedAt: IsoTime,
});
export type WorkerView = Static<typeof WorkerView>;

export const UnitAbilities = Type.Object({
  manage: Type.Boolean(),
  assignWorkers: Type.Boolean(),
  generate: Type.Boolean(),
  import: Type.Boolean(),
});

export const UnitDetail = Type.Object({
  ...UnitNode.properties,
  ancestors: Type.Array(UnitRef),
  validFrom: Nullable(IsoTime),
  retiredAt: Nullable(IsoTime),
  /** The boundary version in force (now, or at `asOf`). */
  boundary: Nullable(BoundaryVersion),
  asOf: Nullable(IsoTime),
  bbox: Nullable(Bbox),
  leader: Nullable(PersonView),
  safetyOfficer: Nullable(PersonView),
  workers: Type.Array(WorkerView),
  /** For grids: rows of each located table lying in the grid. */
  counts: Type.Record(Type.String(), Type.Integer()),
  abilities: UnitAbilities,
});
export type UnitDetail = Static<typeof UnitDetail>;

export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoTime) });
export const CodeParams = Type.Object({ code: UnitCode });

export const PersonInput = Nullable(
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 64 }),
      phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
    },
    { additionalProperties: false },
  ),
);

export const UpdateUnitBody = Type.Object(
  {
    kind: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    gridType: Type.Optional(GridType),
    households: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
    population: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
    leader: Type.Optional(PersonInput),
    safetyOfficer: Type.Optional(PersonInput),
  },
  { additionalProperties: false },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;

const Position = Type.Array(Type.Number({ minimum: -180, maximum: 180 }), { minItems: 2, maxItems: 3 });
const LinearRing = Type.Array(Position, { minItems: 4 });
export const PolygonalGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(LinearRing, { minItems: 1 }) }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(LinearRing, { minItems: 1 }), { minItems: 1 }) }),
]);
export type PolygonalGeometry = Static<typeof PolygonalGeometry>;

export const ReplaceBoundaryBody = Type.Object(
  {
    geometry: PolygonalGeometry,
    reason: Type.String({ minLength: 2, maxLength: 500 }),
    source: Type.Optional(Type.Union([Type.Literal('edit'), Type.Literal('upload')])),
    /** Cut the new boundary out of the siblings it overlaps. */
    adjustNeighbours: Type.Optional(Type.Boolean()),
    toleranceM2: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type ReplaceBoundaryBody = Static<typeof ReplaceBoundaryBody>;

export const GeometryJson = Type.Unknown({ description: 'GeoJSON geometry (EPSG:4326)' });

export const CoverageGap = Type.Object({ areaM2: Type.Number(), geometry: GeometryJson });
export const CoverageOverlap = Type.Object({ a: Type.String(), b: Type.String(), areaM2: Type.Number(), geometry: GeometryJson });
export const CoverageOutside = Type.Object({ code: Type.String(), areaM2: Type.Number(), geometry: GeometryJson });

export const CoverageReport = Type.Object({
  unit: UnitRef,
  toleranceM2: Type.Number(),
  areaM2: Nullable(Type.Number()),
  children: Type.Integer(),
  childrenAreaM2: Type.Number(),
  childrenWithoutBoundary: Type.Array(UnitRef),
  gaps: Type.Array(CoverageGap),
  overlaps: Type.Array(CoverageOverlap),
  outside: Type.Array(CoverageOutside),
  gapAreaM2: Type.Number(),
  overlapAreaM2: Type.Number(),
  outsideAreaM2: Type.Number(),
  ok: Type.Boolean(),
});
export type CoverageReport = Static<typeof CoverageReport>;

export const CoverageQuery = Type.Object({
  toleranceM2: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000, default: 1 })),
});

export const ReplaceBoundaryResponse = Type.Object({
  unit: UnitRef,
  version: Type.Integer(),
  areaM2: Type.Number(),
  repaired: Type.Array(Type.String()),
  reassigned: Type.Record(Type.String(), Type.Integer()),
  neighboursAdjusted: Type.Array(Type.String()),
  parentCoverage: Nullable(CoverageReport),
});
export type ReplaceBoundaryResponse = Static<typeof ReplaceBoundaryResponse>;

export const LocateQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});
export const LocateResponse = Type.Object({
  grid: Type.Object({ ...UnitRef.properties, kind: Type.String(), gridType: Nullable(GridType) }),
  /** From the top (city or province) down to the community. */
  ancestors: Type.Array(UnitRef),
  point: LngLat,
});
export type LocateResponse = Static<typeof LocateResponse>;

export const ResponsibleEntry = Type.Object({ unit: UnitRef, leader: Nullable(PersonView), safetyOfficer: Nullable(PersonView) });
export const ResponsibleResponse = Type.Object({
  grid: UnitRef,
  workers: Type.Array(WorkerView),
  /** The grid first, then its community, street, district, city. */
  responsible: Type.Array(ResponsibleEntry),
  point: LngLat,
});
export type ResponsibleResponse = Static<typeof ResponsibleResponse>;

export const ChildrenGeoJsonQuery = Type.Object({
  zoom: Type.Optional(Type.Number({ minimum: 0, maximum: 24, description: 'map zoom (Web Mercator) for the simplification tolerance' })),
  asOf: Type.Optional(IsoTime),
});
export const UnitFeatureProps = Type.Object({
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  level: UnitLevel,
  kind: Type.String(),
  gridType: Nullable(GridType),
  households: Nullable(Type.Integer()),
  areaM2: Nullable(Type.Number()),
  childCount: Type.Integer(),
  label: Nullable(LngLat),
  version: Type.Integer(),
});
export const UnitFeature = Type.Object({ type: Type.Literal('Feature'), id: Type.String(), geometry: GeometryJson, properties: UnitFeatureProps });
export const UnitFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  parent: UnitRef,
  bbox: Nullable(Bbox),
  features: Type.Array(UnitFeature),
});
export type UnitFeatureCollection = Static<typeof UnitFeatureCollection>;

export const BoundaryFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: GeometryJson,
  properties: Type.Object({ code: Type.String(), name: Type.String(), level: UnitLevel, version: Type.Integer(), source: Type.String(), validFrom: IsoTime, validTo: Nullable(IsoTime), areaM2: Type.Number() }),
});
export const BoundaryHistory = Type.Object({ items: Type.Array(BoundaryVersion) });

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 64 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  level: Type.Optional(UnitLevel),
});
export const SearchResponse = Type.Object({
  items: Type.Array(Type.Object({ ...UnitRef.properties, kind: Type.String(), context: Type.String({ description: 'names of the ancestors, top first' }) })),
});

export const AssignWorkerBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const WorkerParams = Type.Object({ code: UnitCode, userId: Id });
export const WorkersResponse = Type.Object({ items: Type.Array(WorkerView) });

// ---- import -------------------------------------------------------------------------------

const LevelCounts = Type.Object({
  province: Type.Integer(),
  city: Type.Integer(),
  district: Type.Integer(),
  street: Type.Integer(),
  community: Type.Integer(),
});
export type LevelCounts = Static<typeof LevelCounts>;
const CodeName = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });

export const ImportReport = Type.Object({
  cities: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  files: Type.Array(Type.Object({ name: Type.String(), rows: Type.Integer() })),
  /** Units per level in the files (after the city filter). */
  counts: LevelCounts,
  /** Active units per level under the imported cities after the import. */
  totals: LevelCounts,
  added: LevelCounts,
  renamed: LevelCounts,
  retiredCount: LevelCounts,
  reactivated: Type.Integer(),
  /** Names changed in the database by this import. */
  renamedUnits: Type.Array(Type.Object({ code: Type.String(), level: Type.String(), from: Type.String(), to: Type.String() })),
  /** Polygons whose name (or code) differs from the division they were matched to, e.g. 湟中县 → 湟中区. */
  polygonRenames: Type.Array(Type.Object({ code: Type.String(), polygonName: Nullable(Type.String()), polygonId: Nullable(Type.String()), unitName: Type.String(), matchedBy: Type.String() })),
  matchedPolygons: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), matchedBy: Type.String(), polygonName: Nullable(Type.String()), polygonId: Nullable(Type.String()) })),
  unmatchedPolygons: Type.Array(Type.Object({ file: Type.String(), polygonName: Nullable(Type.String()), polygonId: Nullable(Type.String()), reason: Type.String() })),
  withoutPolygon: Type.Array(CodeName),
  repaired: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), actions: Type.Array(Type.String()) })),
  keptUserBoundaries: Type.Array(CodeName),
  kindNotes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), kind: Type.String(), byCode: Nullable(Type.String()) })),
  manualKindsKept: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), imported: Type.String() })),
  retired: Type.Array(CodeName),
  skippedRows: Type.Array(Type.Object({ file: Type.String(), line: Type.Integer(), reason: Type.String() })),
  boundariesChanged: Type.Integer(),
  changed: Type.Boolean(),
  durationMs: Type.Integer(),
});
export type ImportReport = Static<typeof ImportReport>;

// ---- generation ---------------------------------------------------------------------------

export const GenerateBody = Type.Object(
  {
    unit: UnitCode,
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
    targetMin: Type.Optional(Type.Integer({ minimum: 50, maximum: 5000 })),
    targetMax: Type.Optional(Type.Integer({ minimum: 50, maximum: 5000 })),
    /** Also replace boundaries that users uploaded or edited. */
    force: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type GenerateBody = Static<typeof GenerateBody>;

const LevelGen = Type.Object({ total: Type.Integer(), changed: Type.Integer() });
export const GenerateReport = Type.Object({
  unit: UnitRef,
  seed: Type.Integer(),
  targetMin: Type.Integer(),
  targetMax: Type.Integer(),
  street: LevelGen,
  community: LevelGen,
  grid: Type.Object({ total: Type.Integer(), changed: Type.Integer(), created: Type.Integer(), retired: Type.Integer(), dedicated: Type.Integer() }),
  urbanCommunities: Type.Integer(),
  urbanGrids: Type.Integer(),
  estimatedHouseholds: Type.Integer(),
  skipped: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), reason: Type.String(), descendants: Type.Integer() })),
  reassigned: Type.Record(Type.String(), Type.Integer()),
  durationMs: Type.Integer(),
});
export type GenerateReport = Static<typeof GenerateReport>;

// ---- coverage of a whole subtree ------------------------------------------------------------

export const CoverageProblem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: UnitLevel,
  children: Type.Integer(),
  childrenWithoutBoundary: Type.Integer(),
  gapAreaM2: Type.Number(),
  overlapAreaM2: Type.Number(),
  outsideAreaM2: Type.Number(),
});
export const CoverageTreeReport = Type.Object({
  unit: UnitRef,
  toleranceM2: Type.Number(),
  /** Units (with children) whose coverage was checked. */
  checked: Type.Integer(),
  byLevel: Type.Record(Type.String(), Type.Object({ checked: Type.Integer(), withProblems: Type.Integer() })),
  problems: Type.Array(CoverageProblem),
  ok: Type.Boolean(),
  durationMs: Type.Integer(),
});
export type CoverageTreeReport = Static<typeof CoverageTreeReport>;

export const ImportList = Type.Object({
  items: Type.Array(Type.Object({ id: Id, at: IsoTime, actor: Nullable(Type.String()), cities: Type.Array(Type.String()), report: ImportReport })),
});
export const ImportQuery = Type.Object({ city: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })) });
export const CoverageTreeQuery = CoverageQuery;
