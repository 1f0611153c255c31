import { sql, type Executor, type SQL } from '../../db/client.js';
import type { HazardState } from '../../../common/modules/hazards/hazards.workflow.js';

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
  plan: Record<string, string> | null;
  listed_at: string | null;
  listed_unit_id: string | null;
  listed_unit_code: string | null;
  listed_unit_name: string | null;
  delisted_at: string | null;
  created_at: string;
  updated_at: string;
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
  h.escalation_level, h.overdue_since::text AS overdue_since, h.plan, h.listed_at::text AS listed_at, h.listed_unit_id,
  ${name('units', 'code', sql`h.listed_unit_id`)} AS listed_unit_code, ${name('units', 'name', sql`h.listed_unit_id`)} AS listed_unit_name,
  h.delisted_at::text AS delisted_at, h.created_at::text AS created_at, h.updated_at::text AS updated_at`;

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

  /** Sets the given columns (already SQL fragments `col = value`) and updated_at. */
  async update(db: Executor, id: string, sets: SQL[], at: string) {
    await db.rows(sql`UPDATE hazards SET ${sql.join([...sets, sql`updated_at = ${at}::timestamptz`], sql`, `)} WHERE id = ${id}::bigint`);
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

  escalations(db: Executor, hazardId: string) {
    return db.rows<{ level: number; unit_id: string | null; unit_code: string | null; unit_name: string | null; due_on: string; at: string }>(sql`
      SELECT x.level, x.unit_id, u.code AS unit_code, u.name AS unit_name, x.due_on::text AS due_on, x.at::text AS at
      FROM hazard_escalations x LEFT JOIN units u ON u.id = x.unit_id WHERE x.hazard_id = ${hazardId}::bigint ORDER BY x.level`);
  },

  async insertEscalation(db: Executor, e: { hazardId: string; level: number; unitId: string | null; dueOn: string; at: string; instance: string }) {
    const r = await db.rows<{ level: number }>(sql`INSERT INTO hazard_escalations (hazard_id, level, unit_id, due_on, at, instance)
      VALUES (${e.hazardId}::bigint, ${e.level}, ${e.unitId}::bigint, ${e.dueOn}::date, ${e.at}::timestamptz, ${e.instance})
      ON CONFLICT (hazard_id, level) DO NOTHING RETURNING level`);
    return r.length > 0;
  },

  /** Open hazards whose deadline has passed and that have not reached the top level yet. */
  overdueCandidates(db: Executor, today: string, maxLevel: number, afterId: string, limit: number) {
    return db.rows<{ id: string }>(sql`SELECT h.id FROM hazards h
      WHERE h.state IN ('confirmed', 'rectifying') AND h.deadline < ${today}::date AND h.id > ${afterId}::bigint
        AND NOT EXISTS (SELECT 1 FROM hazard_escalations x WHERE x.hazard_id = h.id AND x.level = ${maxLevel})
      ORDER BY h.id LIMIT ${limit}`);
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
