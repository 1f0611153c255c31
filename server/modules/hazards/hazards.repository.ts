import { sql, type Executor, type SQL } from '../../db/client.js';
import type { HazardState } from '../../../common/modules/hazards/hazards.workflow.js';
import type { WorkKind } from '../../../common/modules/notifications/notifications.contract.js';

export interface HazardDbRow {
  id: string;
  code: string;
  state: HazardState;
  source: string;
  place_id: string | null;
  place_name: string | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  industry_code: string | null;
  lng: number;
  lat: number;
  grid_id: string | null;
  grid_code: string | null;
  grid_name: string | null;
  unit_path: string;
  grid_override: boolean;
  grid_override_reason: string | null;
  category: string;
  grade: 'general' | 'major';
  major_basis: string | null;
  description: string;
  reported_by: string | null;
  rectify_days: number | null;
  deadline: string | null;
  calendar_version: string | null;
  extension_request: { days: number; reason: string; byId: string | null; byName: string; at: string } | null;
  extensions: number;
  responsible: Record<string, { userId?: string | null; name: string } | null>;
  reject_reason: string | null;
  rectified_by: string | null;
  rectified_by_name: string | null;
  submitted_at: string | null;
  accepted_by: string | null;
  accepted_by_name: string | null;
  closed_at: string | null;
  closed_on_time: boolean | null;
  escalation_level: number;
  overdue_since: string | null;
  deadline_provisional: boolean;
  plan: Record<string, string> | null;
  listed_at: string | null;
  listed_unit_id: string | null;
  listed_unit_code: string | null;
  listed_unit_name: string | null;
  delisted_at: string | null;
  listing_waived_at: string | null;
  listing_waived_by_name: string | null;
  listing_waiver_reason: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The columns a transition may change, with their values. The repository turns a patch into the
 * one UPDATE; services never write SQL.
 */
export interface HazardPatch {
  state?: HazardState;
  category?: string;
  grade?: 'general' | 'major';
  major_basis?: string | null;
  rectify_days?: number | null;
  deadline?: string | null;
  calendar_version?: string | null;
  deadline_provisional?: boolean;
  responsible?: Record<string, unknown>;
  reject_reason?: string | null;
  rectified_by?: string | null;
  submitted_at?: string | null;
  accepted_by?: string | null;
  closed_at?: string | null;
  closed_on_time?: boolean | null;
  extension_request?: Record<string, unknown> | null;
  extensions?: number;
  plan?: Record<string, unknown>;
  listed_at?: string | null;
  listed_by?: string | null;
  listed_unit_id?: string | null;
  delisted_at?: string | null;
  escalation_level?: number;
  overdue_since?: string | null;
  listing_waived_at?: string | null;
  listing_waived_by?: string | null;
  listing_waiver_reason?: string | null;
}

/** How each patchable column is written (its SQL cast; jsonb values are serialized). */
const PATCH_CASTS: { readonly [K in keyof Required<HazardPatch>]: 'text' | 'int' | 'bigint' | 'date' | 'timestamptz' | 'boolean' | 'jsonb' } = {
  state: 'text', category: 'text', grade: 'text', major_basis: 'text', rectify_days: 'int', deadline: 'date', calendar_version: 'text',
  deadline_provisional: 'boolean', responsible: 'jsonb', reject_reason: 'text', rectified_by: 'bigint', submitted_at: 'timestamptz',
  accepted_by: 'bigint', closed_at: 'timestamptz', closed_on_time: 'boolean', extension_request: 'jsonb', extensions: 'int', plan: 'jsonb',
  listed_at: 'timestamptz', listed_by: 'bigint', listed_unit_id: 'bigint', delisted_at: 'timestamptz', escalation_level: 'int',
  overdue_since: 'date', listing_waived_at: 'timestamptz', listing_waived_by: 'bigint', listing_waiver_reason: 'text',
};

function patchSets(patch: HazardPatch): SQL[] {
  const sets: SQL[] = [];
  for (const [col, cast] of Object.entries(PATCH_CASTS) as Array<[keyof HazardPatch, string]>) {
    if (!(col in patch)) continue;
    const v = patch[col];
    const value = v === null || v === undefined ? null : cast === 'jsonb' ? JSON.stringify(v) : v;
    sets.push(sql`${sql.identifier(col)} = ${value}${sql.raw(`::${cast}`)}`);
  }
  return sets;
}

// The names of the linked place, enterprise, units and users as scalar sub-selects rather than
// six LEFT JOINs: the same answer, but planned in a fraction of the time (a joined page of 50
// hazards cost ~3 ms of planning for under 1 ms of execution, on every request).
const name = (table: string, col: string, id: SQL) => sql`(SELECT x.${sql.identifier(col)} FROM ${sql.identifier(table)} x WHERE x.id = ${id})`;
const cols = sql`h.id, h.code, h.state, h.source, h.place_id, ${name('places', 'name', sql`h.place_id`)} AS place_name, h.enterprise_id,
  ${name('enterprises', 'name', sql`h.enterprise_id`)} AS enterprise_name,
  h.industry_code, ST_X(h.location) AS lng, ST_Y(h.location) AS lat, h.grid_id, ${name('units', 'code', sql`h.grid_id`)} AS grid_code,
  ${name('units', 'name', sql`h.grid_id`)} AS grid_name,
  h.unit_path::text AS unit_path, h.grid_override, h.grid_override_reason, h.category, h.grade, h.major_basis, h.description,
  h.reported_by, h.rectify_days, h.deadline::text AS deadline, h.calendar_version, h.extension_request, h.extensions, h.responsible,
  h.reject_reason, h.rectified_by, ${name('users', 'display_name', sql`h.rectified_by`)} AS rectified_by_name, h.submitted_at::text AS submitted_at,
  h.accepted_by, ${name('users', 'display_name', sql`h.accepted_by`)} AS accepted_by_name, h.closed_at::text AS closed_at, h.closed_on_time,
  h.escalation_level, h.overdue_since::text AS overdue_since, h.deadline_provisional, h.plan, h.listed_at::text AS listed_at, h.listed_unit_id,
  ${name('units', 'code', sql`h.listed_unit_id`)} AS listed_unit_code, ${name('units', 'name', sql`h.listed_unit_id`)} AS listed_unit_name,
  h.delisted_at::text AS delisted_at, h.listing_waived_at::text AS listing_waived_at,
  ${name('users', 'display_name', sql`h.listing_waived_by`)} AS listing_waived_by_name, h.listing_waiver_reason,
  h.created_at::text AS created_at, h.updated_at::text AS updated_at`;

export interface HazardListFilter {
  states?: HazardState[];
  category?: string;
  grade?: string;
  source?: string;
  unitPath?: string;
  placeId?: string;
  enterpriseId?: string;
  overdueBefore?: string;
  listed?: boolean;
  q?: string;
  beforeId?: string;
  limit: number;
}

export interface EventDbRow {
  id: string;
  hazard_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  from_state: HazardState | null;
  to_state: HazardState | null;
  comment: string | null;
  evidence: string[];
  data: Record<string, unknown>;
}

export type HazardWorkKind = Extract<WorkKind, `hazard_${string}`>;

const WORK_CONDITIONS: Record<HazardWorkKind, (me: string) => SQL> = {
  hazard_confirm: () => sql`h.state IN ('reported', 'confirmed')`,
  hazard_rectify: () => sql`h.state = 'rectifying' AND h.extension_request IS NULL`,
  hazard_accept: (me) => sql`h.state = 'submitted' AND h.rectified_by IS DISTINCT FROM ${me}::bigint`,
  hazard_extension: (me) => sql`h.state = 'rectifying' AND h.extension_request IS NOT NULL AND (h.extension_request->>'byId') IS DISTINCT FROM ${me}`,
  hazard_list: () => sql`h.grade = 'major' AND h.listed_at IS NULL AND h.listing_waived_at IS NULL AND h.state IN ('confirmed', 'rectifying', 'submitted')`,
  hazard_supervise: () => sql`h.state IN ('confirmed', 'rectifying', 'submitted') AND ((h.listed_at IS NOT NULL AND h.delisted_at IS NULL) OR h.escalation_level > 0)`,
};

export const hazardsRepository = {
  byId(db: Executor, id: string, lock = false) {
    if (lock) {
      return db.one<HazardDbRow>(sql`SELECT ${cols} FROM (SELECT * FROM hazards WHERE id = ${id}::bigint FOR UPDATE) h`);
    }
    return db.one<HazardDbRow>(sql`SELECT ${cols} FROM hazards h WHERE h.id = ${id}::bigint`);
  },

  list(db: Executor, scope: SQL, f: HazardListFilter) {
    const w: SQL[] = [scope];
    if (f.states?.length) w.push(sql`h.state = ANY(${`{${f.states.join(',')}}`}::text[])`);
    if (f.category) w.push(sql`h.category = ${f.category}`);
    if (f.grade) w.push(sql`h.grade = ${f.grade}`);
    if (f.source) w.push(sql`h.source = ${f.source}`);
    if (f.unitPath) w.push(sql`h.unit_path <@ ${f.unitPath}::ltree`);
    if (f.placeId) w.push(sql`h.place_id = ${f.placeId}::bigint`);
    if (f.enterpriseId) w.push(sql`h.enterprise_id = ${f.enterpriseId}::bigint`);
    if (f.overdueBefore !== undefined) w.push(sql`h.state IN ('confirmed', 'rectifying') AND h.deadline < ${f.overdueBefore}::date`);
    if (f.listed === true) w.push(sql`h.listed_at IS NOT NULL AND h.delisted_at IS NULL`);
    if (f.listed === false) w.push(sql`(h.listed_at IS NULL OR h.delisted_at IS NOT NULL)`);
    if (f.q) w.push(sql`(h.code ILIKE ${'%' + f.q + '%'} OR h.description ILIKE ${'%' + f.q + '%'})`);
    if (f.beforeId) w.push(sql`h.id < ${f.beforeId}::bigint`);
    return db.rows<HazardDbRow>(sql`SELECT ${cols} FROM hazards h WHERE ${sql.join(w, sql` AND `)} ORDER BY h.id DESC LIMIT ${f.limit + 1}`);
  },

  async nextCode(db: Executor, day: string) {
    const r = await db.one<{ n: string }>(sql`SELECT nextval('hazard_code_seq')::text AS n`);
    return `YH${day.replaceAll('-', '')}${(r?.n ?? '0').padStart(5, '0')}`;
  },

  async insert(db: Executor, h: {
    code: string; state: HazardState; source: string; placeId: string | null; enterpriseId: string | null; industryCode: string | null;
    lng: number; lat: number; gridId: string; unitPath: string; gridOverride: boolean; gridOverrideReason: string | null;
    category: string; grade: string; majorBasis: string | null; description: string; reportedBy: string | null;
    rectifyDays: number | null; deadline: string | null; calendarVersion: string | null; responsible: unknown; at: string;
  }) {
    const row = await db.one<{ id: string }>(sql`INSERT INTO hazards (code, state, source, place_id, enterprise_id, industry_code, location, grid_id,
        unit_path, grid_override, grid_override_reason, category, grade, major_basis, description, reported_by, rectify_days, deadline,
        calendar_version, responsible, created_at, updated_at)
      VALUES (${h.code}, ${h.state}, ${h.source}, ${h.placeId}::bigint, ${h.enterpriseId}::bigint, ${h.industryCode},
        ST_SetSRID(ST_MakePoint(${h.lng}::float8, ${h.lat}::float8), 4326), ${h.gridId}::bigint, ${h.unitPath}::ltree, ${h.gridOverride},
        ${h.gridOverrideReason}, ${h.category}, ${h.grade}, ${h.majorBasis}, ${h.description}, ${h.reportedBy}::bigint, ${h.rectifyDays}::int,
        ${h.deadline}::date, ${h.calendarVersion}, ${JSON.stringify(h.responsible ?? {})}::jsonb, ${h.at}::timestamptz, ${h.at}::timestamptz)
      RETURNING id`);
    if (!row) throw new Error('insert failed');
    return row.id;
  },

  /** Writes a patch (and updated_at) in one UPDATE. */
  async applyPatch(db: Executor, id: string, patch: HazardPatch, at: string) {
    await db.rows(sql`UPDATE hazards SET ${sql.join([...patchSets(patch), sql`updated_at = ${at}::timestamptz`], sql`, `)} WHERE id = ${id}::bigint`);
  },

  /** Locks the hazard row and tells its state (the deadline clock's subject lock). */
  lockState(db: Executor, id: string) {
    return db.one<{ state: HazardState }>(sql`SELECT state FROM hazards WHERE id = ${id}::bigint FOR UPDATE`);
  },

  /**
   * Open hazards with a deadline but no open deadline episode (loaded in bulk, or from before
   * episodes existed) get one, their recorded escalations as its steps.
   */
  async adoptDeadlines(db: Executor, at: string) {
    const made = await db.rows<{ id: string; subject_id: string }>(sql`INSERT INTO deadline_clocks (subject_type, subject_id, episode, reason, started_on,
        due_on, working_days, calendar_version, overdue_since, level, created_at)
      SELECT 'hazard', h.id, COALESCE((SELECT max(c.episode) FROM deadline_clocks c WHERE c.subject_type = 'hazard' AND c.subject_id = h.id), 0) + 1,
        'adopted', (h.created_at AT TIME ZONE 'UTC')::date, h.deadline, h.rectify_days, h.calendar_version, h.overdue_since,
        COALESCE((SELECT max(x.level) FROM hazard_escalations x WHERE x.hazard_id = h.id), -1), ${at}::timestamptz
      FROM hazards h
      WHERE h.state IN ('confirmed', 'rectifying', 'submitted') AND h.deadline IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM deadline_clocks c WHERE c.subject_type = 'hazard' AND c.subject_id = h.id AND c.closed_at IS NULL)
      RETURNING id, subject_id`);
    if (made.length) {
      await db.rows(sql`INSERT INTO deadline_steps (clock_id, step, unit_id, due_on, at, instance)
        SELECT c.id, x.level, x.unit_id, x.due_on, x.at, x.instance FROM deadline_clocks c JOIN hazard_escalations x ON x.hazard_id = c.subject_id
        WHERE c.id = ANY(${`{${made.map((m) => m.id).join(',')}}`}::bigint[]) AND c.episode = 1
        ON CONFLICT (clock_id, step) DO NOTHING`);
    }
    return made.length;
  },

  async insertEvent(db: Executor, e: {
    hazardId: string; at: string; actorId: string | null; actorName: string; action: string; from: string | null; to: string | null;
    comment: string | null; evidence: string[]; data: Record<string, unknown>;
  }) {
    const row = await db.one<{ id: string }>(sql`INSERT INTO hazard_events (hazard_id, at, actor_id, actor_name, action, from_state, to_state, comment, evidence, data)
      VALUES (${e.hazardId}::bigint, ${e.at}::timestamptz, ${e.actorId}::bigint, ${e.actorName}, ${e.action}, ${e.from}, ${e.to}, ${e.comment},
        ${`{${e.evidence.join(',')}}`}::bigint[], ${JSON.stringify(e.data)}::jsonb)
      RETURNING id`);
    if (!row) throw new Error('insert failed');
    return row.id;
  },

  events(db: Executor, hazardId: string) {
    return db.rows<EventDbRow>(sql`SELECT id, hazard_id, at::text AS at, actor_id, actor_name, action, from_state, to_state, comment,
        evidence, data FROM hazard_events WHERE hazard_id = ${hazardId}::bigint ORDER BY id`);
  },

  publicEvents(db: Executor, hazardId: string) {
    return db.rows<{ at: string; action: string; to_state: string | null; data: Record<string, unknown> }>(sql`SELECT at::text AS at, action,
        to_state, data FROM hazard_events WHERE hazard_id = ${hazardId}::bigint ORDER BY id`);
  },

  async addFiles(db: Executor, hazardId: string, fileIds: readonly string[], phase: string, eventId: string | null) {
    for (const f of fileIds) {
      await db.rows(sql`INSERT INTO hazard_files (hazard_id, file_id, phase, event_id) VALUES (${hazardId}::bigint, ${f}::bigint, ${phase}, ${eventId}::bigint)
        ON CONFLICT (hazard_id, file_id) DO NOTHING`);
    }
  },

  files(db: Executor, hazardId: string) {
    return db.rows<{ file_id: string; phase: string; mime: string; taken_at: string | null }>(sql`SELECT hf.file_id, hf.phase, f.mime, f.taken_at::text AS taken_at
      FROM hazard_files hf JOIN files f ON f.id = hf.file_id WHERE hf.hazard_id = ${hazardId}::bigint ORDER BY hf.file_id`);
  },

  async linkSource(db: Executor, hazardId: string, source: string, sourceId: string, at: string, by: string | null) {
    const r = await db.rows<{ hazard_id: string }>(sql`INSERT INTO hazard_sources (hazard_id, source, source_id, linked_at, linked_by)
      VALUES (${hazardId}::bigint, ${source}, ${sourceId}, ${at}::timestamptz, ${by}::bigint)
      ON CONFLICT (hazard_id, source, source_id) DO NOTHING RETURNING hazard_id`);
    return r.length > 0;
  },

  sources(db: Executor, hazardId: string) {
    return db.rows<{ source: string; source_id: string; linked_at: string }>(sql`SELECT source, source_id, linked_at::text AS linked_at
      FROM hazard_sources WHERE hazard_id = ${hazardId}::bigint ORDER BY linked_at, source, source_id`);
  },

  /** The overdue notice and escalations of the hazard's current (newest) deadline episode. */
  escalations(db: Executor, hazardId: string) {
    return db.rows<{ level: number; unit_id: string | null; unit_code: string | null; unit_name: string | null; due_on: string; at: string }>(sql`
      SELECT s.step AS level, s.unit_id, u.code AS unit_code, u.name AS unit_name, s.due_on::text AS due_on, s.at::text AS at
      FROM deadline_steps s LEFT JOIN units u ON u.id = s.unit_id
      WHERE s.clock_id = (SELECT c.id FROM deadline_clocks c WHERE c.subject_type = 'hazard' AND c.subject_id = ${hazardId}::bigint ORDER BY c.episode DESC LIMIT 1)
      ORDER BY s.step`);
  },

  /** The ancestor unit of a path at a given level ('community', 'street', 'district'). */
  ancestorAt(db: Executor, path: string, level: string) {
    return db.one<{ id: string; code: string; name: string; path: string }>(sql`SELECT id, code, name, path::text AS path FROM units
      WHERE path @> ${path}::ltree AND level = ${level} ORDER BY nlevel(path) DESC LIMIT 1`);
  },

  /** Active users with a grant exactly at the unit, and their role codes. */
  grantHoldersAt(db: Executor, unitId: string) {
    return db.rows<{ user_id: string; role_code: string; permissions: string[] | null; name_zh: string | null; name_en: string | null }>(sql`
      SELECT g.user_id, g.role_code, r.permissions, r.name_zh, r.name_en FROM grants g JOIN users u ON u.id = g.user_id
      LEFT JOIN roles r ON r.code = g.role_code
      WHERE g.unit_id = ${unitId}::bigint AND g.revoked_at IS NULL AND u.status = 'active'`);
  },

  gridWorkers(db: Executor, gridId: string) {
    return db.rows<{ user_id: string }>(sql`SELECT gw.user_id FROM grid_workers gw JOIN users u ON u.id = gw.user_id
      WHERE gw.grid_id = ${gridId}::bigint AND gw.ended_at IS NULL AND u.status = 'active'`);
  },

  enterpriseUsers(db: Executor, enterpriseId: string) {
    return db.rows<{ user_id: string }>(sql`SELECT DISTINCT g.user_id FROM grants g JOIN users u ON u.id = g.user_id
      WHERE g.enterprise_id = ${enterpriseId}::bigint AND g.revoked_at IS NULL AND u.status = 'active'`);
  },

  placeRef(db: Executor, id: string) {
    return db.one<{ id: string; name: string; enterprise_id: string | null; lng: number | null; lat: number | null }>(sql`SELECT id, name, enterprise_id,
      ST_X(location) AS lng, ST_Y(location) AS lat FROM places WHERE id = ${id}::bigint`);
  },

  enterpriseRef(db: Executor, id: string) {
    return db.one<{ id: string; name: string; industry_code: string }>(sql`SELECT id, name, industry_code FROM enterprises WHERE id = ${id}::bigint`);
  },

  gridByCode(db: Executor, code: string) {
    return db.one<{ id: string; code: string; name: string; path: string }>(sql`SELECT id, code, name, path::text AS path FROM units
      WHERE code = ${code} AND level = 'grid' AND retired_at IS NULL`);
  },

  unitByCode(db: Executor, code: string) {
    return db.one<{ id: string; code: string; name: string; path: string; level: string }>(sql`SELECT id, code, name, path::text AS path, level
      FROM units WHERE code = ${code} AND retired_at IS NULL`);
  },

  userNames(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as Array<{ id: string; display_name: string }>);
    return db.rows<{ id: string; display_name: string }>(sql`SELECT id, display_name FROM users WHERE id = ANY(${`{${ids.join(',')}}`}::bigint[])`);
  },

  /** The hazards a source record raised. */
  idsBySource(db: Executor, source: string, sourceId: string) {
    return db.rows<{ id: string }>(sql`SELECT hazard_id AS id FROM hazard_sources WHERE source = ${source} AND source_id = ${sourceId} ORDER BY hazard_id`);
  },

  scopeRef(db: Executor, id: string) {
    return db.one<{ unit_path: string; industry_code: string | null; enterprise_id: string | null }>(sql`
      SELECT unit_path::text AS unit_path, industry_code, enterprise_id FROM hazards WHERE id = ${id}::bigint`);
  },

  unitNamesByPath(db: Executor, paths: readonly string[]) {
    if (paths.length === 0) return Promise.resolve([] as Array<{ path: string; name: string }>);
    return db.rows<{ path: string; name: string }>(sql`SELECT path::text AS path, name FROM units WHERE path = ANY(${`{${paths.join(',')}}`}::ltree[])`);
  },

  /** Open, overdue and listed hazards under a unit, counted from the hazards themselves (for readers limited by industry). */
  openCountsInScope(db: Executor, scope: SQL, f: { unitPath: string; today: string; category?: string; grade?: string }) {
    return db.one<{ open: number; overdue: number; listed: number }>(sql`SELECT count(*)::int AS open,
        count(*) FILTER (WHERE h.state IN ('confirmed', 'rectifying') AND h.deadline < ${f.today}::date)::int AS overdue,
        count(*) FILTER (WHERE h.listed_at IS NOT NULL AND h.delisted_at IS NULL)::int AS listed
      FROM hazards h WHERE h.state IN ('reported', 'confirmed', 'rectifying', 'submitted') AND h.unit_path <@ ${f.unitPath}::ltree AND ${scope}
        ${f.category ? sql`AND h.category = ${f.category}` : sql``} ${f.grade ? sql`AND h.grade = ${f.grade}` : sql``}`);
  },

  /** One list of the to-do: hazards in scope in a given condition (WORK_CONDITIONS), most urgent first. */
  workList(db: Executor, scope: SQL, kind: HazardWorkKind, me: string) {
    return db.rows<{ id: string; code: string; description: string; state: HazardState; deadline: string | null }>(sql`
      SELECT h.id, h.code, h.description, h.state, h.deadline::text AS deadline FROM hazards h
      WHERE ${scope} AND ${WORK_CONDITIONS[kind](me)} ORDER BY h.deadline NULLS LAST, h.id LIMIT 100`);
  },

  /** Signatures of the inspections this hazard came from. */
  sourceSignatures(db: Executor, hazardId: string) {
    return db.rows<{ inspection_id: string; role: string; signer_name: string; signed_at: string; file_id: string; mime: string }>(sql`
      SELECT s.inspection_id, s.role, s.signer_name, s.signed_at::text AS signed_at, s.file_id, f.mime
      FROM hazard_sources hs JOIN inspection_signatures s ON hs.source IN ('inspection', 'self_inspection') AND s.inspection_id::text = hs.source_id
      JOIN files f ON f.id = s.file_id
      WHERE hs.hazard_id = ${hazardId}::bigint
      ORDER BY s.inspection_id, CASE s.role WHEN 'leader' THEN 1 WHEN 'inspector' THEN 2 ELSE 3 END`);
  },
};
