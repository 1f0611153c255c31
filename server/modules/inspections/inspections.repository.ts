import { sql, type Executor, type SQL } from '../../db/client.js';

export interface InspectionDbRow {
  id: string;
  code: string;
  status: 'draft' | 'submitted';
  template_id: string;
  template_code: string;
  template_version: number;
  template_name_zh: string;
  template_name_en: string;
  template_target: 'place' | 'enterprise' | 'community';
  task_id: string | null;
  place_id: string | null;
  enterprise_id: string | null;
  industry_code: string | null;
  target_name: string;
  lng: number | null;
  lat: number | null;
  grid_id: string | null;
  grid_code: string | null;
  grid_name: string | null;
  unit_path: string;
  pos_lng: number | null;
  pos_lat: number | null;
  position_accuracy_m: number | null;
  distance_m: number | null;
  inspector_id: string;
  inspector_name: string;
  summary: string;
  corrects_id: string | null;
  corrects_code: string | null;
  correction_reason: string | null;
  superseded_by: string | null;
  failed_count: number;
  started_at: string;
  submitted_at: string | null;
}

export interface AnswerDbRow {
  item_id: string;
  result: 'pass' | 'fail' | 'na' | null;
  number_value: number | null;
  text_value: string | null;
  comment: string | null;
  photo_ids: string[];
  hazard_id: string | null;
  hazard_code: string | null;
}

export interface TaskDbRow {
  id: string;
  kind: 'routine' | 'spot_check' | 'follow_up';
  period: string;
  place_id: string | null;
  enterprise_id: string | null;
  target_name: string;
  template_code: string | null;
  grid_code: string | null;
  grid_name: string | null;
  unit_path: string;
  industry_code: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  co_assignee_ids: string[];
  due_date: string;
  status: 'open' | 'done' | 'cancelled';
  inspection_id: string | null;
  spot_check_id: string | null;
}

const inspCols = sql`i.id, i.code, i.status, i.template_id, t.code AS template_code, t.version AS template_version, t.name_zh AS template_name_zh,
  t.name_en AS template_name_en, t.target AS template_target, i.task_id, i.place_id, i.enterprise_id, i.industry_code, i.target_name,
  ST_X(i.location) AS lng, ST_Y(i.location) AS lat, i.grid_id, g.code AS grid_code, g.name AS grid_name, i.unit_path::text AS unit_path,
  ST_X(i.inspector_position) AS pos_lng, ST_Y(i.inspector_position) AS pos_lat, i.position_accuracy_m, i.distance_m, i.inspector_id,
  u.display_name AS inspector_name, i.summary, i.corrects_id, c.code AS corrects_code, i.correction_reason, i.superseded_by,
  (SELECT count(*)::int FROM inspection_answers a WHERE a.inspection_id = i.id AND a.hazard_id IS NOT NULL) AS failed_count,
  i.started_at::text AS started_at, i.submitted_at::text AS submitted_at`;
const inspJoins = sql`JOIN checklist_templates t ON t.id = i.template_id LEFT JOIN units g ON g.id = i.grid_id JOIN users u ON u.id = i.inspector_id
  LEFT JOIN inspections c ON c.id = i.corrects_id`;

const taskCols = sql`k.id, k.kind, k.period, k.place_id, k.enterprise_id, k.target_name, k.template_code, g.code AS grid_code, g.name AS grid_name,
  k.unit_path::text AS unit_path, k.industry_code, k.assignee_id, u.display_name AS assignee_name, k.co_assignee_ids, k.due_date::text AS due_date,
  k.status, k.inspection_id, k.spot_check_id`;
const taskJoins = sql`LEFT JOIN units g ON g.id = k.grid_id LEFT JOIN users u ON u.id = k.assignee_id`;

export const inspectionsRepository = {
  byId(db: Executor, id: string, lock = false) {
    if (lock) return db.one<InspectionDbRow>(sql`SELECT ${inspCols} FROM (SELECT * FROM inspections WHERE id = ${id}::bigint FOR UPDATE) i ${inspJoins}`);
    return db.one<InspectionDbRow>(sql`SELECT ${inspCols} FROM inspections i ${inspJoins} WHERE i.id = ${id}::bigint`);
  },
  list(db: Executor, scope: SQL, f: { status?: string; inspectorId?: string; unitPath?: string; placeId?: string; beforeId?: string; limit: number }) {
    const w: SQL[] = [scope];
    if (f.status) w.push(sql`i.status = ${f.status}`);
    if (f.inspectorId) w.push(sql`i.inspector_id = ${f.inspectorId}::bigint`);
    if (f.unitPath) w.push(sql`i.unit_path <@ ${f.unitPath}::ltree`);
    if (f.placeId) w.push(sql`i.place_id = ${f.placeId}::bigint`);
    if (f.beforeId) w.push(sql`i.id < ${f.beforeId}::bigint`);
    return db.rows<InspectionDbRow>(sql`SELECT ${inspCols} FROM inspections i ${inspJoins} WHERE ${sql.join(w, sql` AND `)} ORDER BY i.id DESC LIMIT ${f.limit + 1}`);
  },
  async nextCode(db: Executor, day: string) {
    const r = await db.one<{ n: string }>(sql`SELECT nextval('inspection_code_seq')::text AS n`);
    return `XJ${day.replaceAll('-', '')}${(r?.n ?? '0').padStart(5, '0')}`;
  },
  async insert(db: Executor, i: {
    code: string; templateId: string; taskId: string | null; placeId: string | null; enterpriseId: string | null; industryCode: string | null;
    targetName: string; location: { lng: number; lat: number } | null; gridId: string | null; unitPath: string;
    position: { lng: number; lat: number; accuracy?: number | undefined }; inspectorId: string; correctsId: string | null; correctionReason: string | null; at: string;
  }) {
    const loc = i.location ? sql`ST_SetSRID(ST_MakePoint(${i.location.lng}::float8, ${i.location.lat}::float8), 4326)` : sql`NULL`;
    const pos = sql`ST_SetSRID(ST_MakePoint(${i.position.lng}::float8, ${i.position.lat}::float8), 4326)`;
    const r = await db.one<{ id: string }>(sql`INSERT INTO inspections (code, template_id, task_id, place_id, enterprise_id, industry_code, target_name,
        location, grid_id, unit_path, inspector_position, position_accuracy_m, distance_m, status, inspector_id, corrects_id, correction_reason,
        started_at, updated_at)
      VALUES (${i.code}, ${i.templateId}::bigint, ${i.taskId}::bigint, ${i.placeId}::bigint, ${i.enterpriseId}::bigint, ${i.industryCode}, ${i.targetName},
        ${loc}, ${i.gridId}::bigint, ${i.unitPath}::ltree, ${pos}, ${i.position.accuracy ?? null}::real,
        ${i.location ? sql`ST_DistanceSphere(${loc}, ${pos})` : sql`NULL`}, 'draft', ${i.inspectorId}::bigint, ${i.correctsId}::bigint,
        ${i.correctionReason}, ${i.at}::timestamptz, ${i.at}::timestamptz)
      RETURNING id`);
    if (!r) throw new Error('insert failed');
    return r.id;
  },
  answers(db: Executor, inspectionId: string) {
    return db.rows<AnswerDbRow>(sql`SELECT a.item_id, a.result, a.number_value, a.text_value, a.comment, a.photo_ids, a.hazard_id, h.code AS hazard_code
      FROM inspection_answers a LEFT JOIN hazards h ON h.id = a.hazard_id WHERE a.inspection_id = ${inspectionId}::bigint`);
  },
  async upsertAnswer(db: Executor, inspectionId: string, a: { itemId: string; result: string | null; numberValue: number | null; textValue: string | null; comment: string | null; photoIds: string[] }) {
    await db.rows(sql`INSERT INTO inspection_answers (inspection_id, item_id, result, number_value, text_value, comment, photo_ids)
      VALUES (${inspectionId}::bigint, ${a.itemId}::bigint, ${a.result}, ${a.numberValue}::float8, ${a.textValue}, ${a.comment}, ${`{${a.photoIds.join(',')}}`}::bigint[])
      ON CONFLICT (inspection_id, item_id) DO UPDATE SET result = EXCLUDED.result, number_value = EXCLUDED.number_value, text_value = EXCLUDED.text_value,
        comment = EXCLUDED.comment, photo_ids = EXCLUDED.photo_ids`);
  },
  async setAnswerHazard(db: Executor, inspectionId: string, itemId: string, hazardId: string) {
    await db.rows(sql`UPDATE inspection_answers SET hazard_id = ${hazardId}::bigint WHERE inspection_id = ${inspectionId}::bigint AND item_id = ${itemId}::bigint`);
  },
  signatures(db: Executor, inspectionId: string) {
    return db.rows<{ role: string; signer_name: string; file_id: string; signed_at: string; mime: string }>(sql`SELECT s.role, s.signer_name, s.file_id,
        s.signed_at::text AS signed_at, f.mime FROM inspection_signatures s JOIN files f ON f.id = s.file_id
      WHERE s.inspection_id = ${inspectionId}::bigint ORDER BY CASE s.role WHEN 'leader' THEN 1 WHEN 'inspector' THEN 2 ELSE 3 END`);
  },
  async upsertSignature(db: Executor, inspectionId: string, role: string, signerName: string, fileId: string, at: string) {
    await db.rows(sql`INSERT INTO inspection_signatures (inspection_id, role, signer_name, file_id, signed_at)
      VALUES (${inspectionId}::bigint, ${role}, ${signerName}, ${fileId}::bigint, ${at}::timestamptz)
      ON CONFLICT (inspection_id, role) DO UPDATE SET signer_name = EXCLUDED.signer_name, file_id = EXCLUDED.file_id, signed_at = EXCLUDED.signed_at`);
  },
  async markSubmitted(db: Executor, id: string, summary: string, at: string) {
    await db.rows(sql`UPDATE inspections SET status = 'submitted', summary = ${summary}, submitted_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
      WHERE id = ${id}::bigint AND status = 'draft'`);
  },
  async touch(db: Executor, id: string, at: string) {
    await db.rows(sql`UPDATE inspections SET updated_at = ${at}::timestamptz WHERE id = ${id}::bigint`);
  },
  async supersede(db: Executor, id: string, by: string) {
    await db.rows(sql`UPDATE inspections SET superseded_by = ${by}::bigint WHERE id = ${id}::bigint`);
  },
  hazardsOf(db: Executor, inspectionId: string) {
    return db.rows<{ id: string; code: string; state: string }>(sql`SELECT h.id, h.code, h.state FROM hazard_sources s JOIN hazards h ON h.id = s.hazard_id
      WHERE s.source IN ('inspection', 'self_inspection') AND s.source_id = ${inspectionId} ORDER BY h.id`);
  },
  placeForInspection(db: Executor, id: string) {
    return db.one<{ id: string; name: string; kind: string; enterprise_id: string | null; industry_code: string | null; lng: number | null; lat: number | null;
      grid_id: string | null; unit_path: string; status: string }>(sql`SELECT p.id, p.name, p.kind, p.enterprise_id, e.industry_code,
        ST_X(p.location) AS lng, ST_Y(p.location) AS lat, p.grid_id, p.unit_path::text AS unit_path, p.status
      FROM places p LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id = ${id}::bigint`);
  },
  enterpriseForInspection(db: Executor, id: string) {
    return db.one<{ id: string; name: string; industry_code: string; lng: number | null; lat: number | null; grid_id: string | null; unit_path: string }>(sql`
      SELECT id, name, industry_code, ST_X(location) AS lng, ST_Y(location) AS lat, grid_id, unit_path::text AS unit_path FROM enterprises WHERE id = ${id}::bigint`);
  },

  // ---- tasks ----
  task(db: Executor, id: string, lock = false) {
    if (lock) return db.one<TaskDbRow>(sql`SELECT ${taskCols} FROM (SELECT * FROM inspection_tasks WHERE id = ${id}::bigint FOR UPDATE) k ${taskJoins}`);
    return db.one<TaskDbRow>(sql`SELECT ${taskCols} FROM inspection_tasks k ${taskJoins} WHERE k.id = ${id}::bigint`);
  },
  tasks(db: Executor, scope: SQL, f: { period?: string; unitPath?: string; status?: string; mine?: string; kind?: string; afterKey?: [string, string]; limit: number }) {
    const w: SQL[] = [scope];
    if (f.period) w.push(sql`k.period = ${f.period}`);
    if (f.unitPath) w.push(sql`k.unit_path <@ ${f.unitPath}::ltree`);
    if (f.status) w.push(sql`k.status = ${f.status}`);
    if (f.kind) w.push(sql`k.kind = ${f.kind}`);
    if (f.mine) w.push(sql`(k.assignee_id = ${f.mine}::bigint OR ${f.mine}::bigint = ANY(k.co_assignee_ids))`);
    if (f.afterKey) w.push(sql`(k.due_date, k.id) > (${f.afterKey[0]}::date, ${f.afterKey[1]}::bigint)`);
    return db.rows<TaskDbRow>(sql`SELECT ${taskCols} FROM inspection_tasks k ${taskJoins} WHERE ${sql.join(w, sql` AND `)} ORDER BY k.due_date, k.id LIMIT ${f.limit + 1}`);
  },
  async markTaskDone(db: Executor, taskId: string, inspectionId: string, at: string) {
    await db.rows(sql`UPDATE inspection_tasks SET status = 'done', inspection_id = ${inspectionId}::bigint, done_at = ${at}::timestamptz
      WHERE id = ${taskId}::bigint AND status = 'open'`);
  },
  intervals(db: Executor) {
    return db.rows<{ grade: string; risk_level: number; months: number }>(sql`SELECT grade, risk_level, months FROM inspection_intervals ORDER BY grade, risk_level`);
  },
  async setInterval(db: Executor, grade: string, risk: number, months: number, by: string | null) {
    await db.rows(sql`INSERT INTO inspection_intervals (grade, risk_level, months, updated_by, updated_at) VALUES (${grade}, ${risk}, ${months}, ${by}::bigint, now())
      ON CONFLICT (grade, risk_level) DO UPDATE SET months = EXCLUDED.months, updated_by = EXCLUDED.updated_by, updated_at = now()`);
  },
  /** Active places in a subtree with what planning needs: grade, risk, last inspection day, the grid's worker. */
  planCandidates(db: Executor, unitPath: string, timeZone: string) {
    return db.rows<{ id: string; name: string; kind: string; grade: string | null; risk_level: number | null; enterprise_id: string | null;
      industry_code: string | null; grid_id: string | null; unit_path: string; last_day: string | null; worker_id: string | null }>(sql`
      SELECT p.id, p.name, p.kind, p.grade, p.risk_level, p.enterprise_id, e.industry_code, p.grid_id, p.unit_path::text AS unit_path,
        (SELECT max(timezone(${timeZone}, i.submitted_at))::date::text FROM inspections i WHERE i.place_id = p.id AND i.status = 'submitted') AS last_day,
        (SELECT gw.user_id FROM grid_workers gw JOIN users u ON u.id = gw.user_id WHERE gw.grid_id = p.grid_id AND gw.ended_at IS NULL AND u.status = 'active'
          ORDER BY gw.id LIMIT 1) AS worker_id
      FROM places p LEFT JOIN enterprises e ON e.id = p.enterprise_id
      WHERE p.status = 'active' AND p.grid_id IS NOT NULL AND p.unit_path <@ ${unitPath}::ltree
      ORDER BY p.id`);
  },
  openFollowUp(db: Executor, placeId: string) {
    return db.one<{ id: string }>(sql`SELECT id FROM inspection_tasks WHERE kind = 'follow_up' AND place_id = ${placeId}::bigint AND status = 'open' LIMIT 1`);
  },
  async gridWorkerOf(db: Executor, gridId: string): Promise<string | null> {
    const r = await db.one<{ user_id: string }>(sql`SELECT gw.user_id FROM grid_workers gw JOIN users u ON u.id = gw.user_id
      WHERE gw.grid_id = ${gridId}::bigint AND gw.ended_at IS NULL AND u.status = 'active' ORDER BY gw.id LIMIT 1`);
    return r?.user_id ?? null;
  },
  async insertTask(db: Executor, t: { kind: string; period: string; placeId: string | null; enterpriseId: string | null; targetName: string; templateCode: string | null;
    gridId: string | null; unitPath: string; industryCode: string | null; assigneeId: string | null; coAssignees: string[]; dueDate: string; spotCheckId: string | null; at: string }) {
    const r = await db.rows<{ id: string }>(sql`INSERT INTO inspection_tasks (kind, period, place_id, enterprise_id, target_name, template_code, grid_id, unit_path,
        industry_code, assignee_id, co_assignee_ids, due_date, spot_check_id, created_at)
      VALUES (${t.kind}, ${t.period}, ${t.placeId}::bigint, ${t.enterpriseId}::bigint, ${t.targetName}, ${t.templateCode}, ${t.gridId}::bigint, ${t.unitPath}::ltree,
        ${t.industryCode}, ${t.assigneeId}::bigint, ${`{${t.coAssignees.join(',')}}`}::bigint[], ${t.dueDate}::date, ${t.spotCheckId}::bigint, ${t.at}::timestamptz)
      ON CONFLICT DO NOTHING RETURNING id`);
    return r[0]?.id ?? null;
  },
  coverage(db: Executor, scope: SQL, unitPath: string, period: string, today: string) {
    const depth = unitPath.split('.').length;
    return db.rows<{ key: string; planned: number; done: number; open: number; overdue: number }>(sql`
      SELECT CASE WHEN nlevel(k.unit_path) > ${depth} THEN subpath(k.unit_path, 0, ${depth + 1})::text ELSE k.unit_path::text END AS key,
        count(*) FILTER (WHERE k.status <> 'cancelled')::int AS planned, count(*) FILTER (WHERE k.status = 'done')::int AS done,
        count(*) FILTER (WHERE k.status = 'open')::int AS open,
        count(*) FILTER (WHERE k.status = 'open' AND k.due_date < ${today}::date)::int AS overdue
      FROM inspection_tasks k WHERE ${scope} AND k.unit_path <@ ${unitPath}::ltree AND k.period = ${period}
      GROUP BY 1 ORDER BY 1`);
  },
  unitsByPaths(db: Executor, paths: string[]) {
    if (paths.length === 0) return Promise.resolve([] as Array<{ path: string; code: string; name: string }>);
    return db.rows<{ path: string; code: string; name: string }>(sql`SELECT path::text AS path, code, name FROM units WHERE path = ANY(${`{${paths.join(',')}}`}::ltree[])`);
  },
  unitByCode(db: Executor, code: string) {
    return db.one<{ id: string; code: string; name: string; path: string; level: string }>(sql`SELECT id, code, name, path::text AS path, level FROM units
      WHERE code = ${code} AND retired_at IS NULL`);
  },
  userNames(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as Array<{ id: string; display_name: string }>);
    return db.rows<{ id: string; display_name: string }>(sql`SELECT id, display_name FROM users WHERE id = ANY(${`{${ids.join(',')}}`}::bigint[])`);
  },

  // ---- spot checks ----
  spotPlaces(db: Executor, unitPath: string, kinds: string[] | null) {
    return db.rows<{ id: string }>(sql`SELECT id FROM places WHERE status = 'active' AND grid_id IS NOT NULL AND unit_path <@ ${unitPath}::ltree
      ${kinds && kinds.length ? sql`AND kind = ANY(${`{${kinds.join(',')}}`}::text[])` : sql``} ORDER BY id`);
  },
  /** Users with an active, unit-bound grant inside (or above) the unit, and their roles, for the inspector pool. */
  spotInspectorGrants(db: Executor, unitPath: string) {
    return db.rows<{ user_id: string; role_code: string; permissions: string[] | null; name_zh: string | null; name_en: string | null }>(sql`
      SELECT g.user_id, g.role_code, r.permissions, r.name_zh, r.name_en FROM grants g JOIN units un ON un.id = g.unit_id JOIN users u ON u.id = g.user_id
      LEFT JOIN roles r ON r.code = g.role_code
      WHERE g.revoked_at IS NULL AND u.status = 'active' AND g.enterprise_id IS NULL AND g.industry_code IS NULL
        AND (un.path <@ ${unitPath}::ltree OR un.path @> ${unitPath}::ltree) ORDER BY g.user_id`);
  },
  async insertSpotCheck(db: Executor, s: { unitId: string; unitPath: string; period: string; seed: string; placeCount: number; perPlace: number; places: string[];
    inspectors: string[]; selection: unknown; by: string | null; at: string }) {
    const r = await db.one<{ id: string }>(sql`INSERT INTO spot_checks (unit_id, unit_path, period, seed, place_count, inspectors_per_place, candidate_places,
        candidate_inspectors, selection, created_by, created_at)
      VALUES (${s.unitId}::bigint, ${s.unitPath}::ltree, ${s.period}, ${s.seed}, ${s.placeCount}, ${s.perPlace}, ${`{${s.places.join(',')}}`}::bigint[],
        ${`{${s.inspectors.join(',')}}`}::bigint[], ${JSON.stringify(s.selection)}::jsonb, ${s.by}::bigint, ${s.at}::timestamptz) RETURNING id`);
    if (!r) throw new Error('insert failed');
    return r.id;
  },
  async setSpotSelection(db: Executor, id: string, selection: unknown) {
    await db.rows(sql`UPDATE spot_checks SET selection = ${JSON.stringify(selection)}::jsonb WHERE id = ${id}::bigint`);
  },
  spotCheck(db: Executor, id: string) {
    return db.one<{ id: string; unit_code: string; unit_name: string; unit_path: string; period: string; seed: string; place_count: number; inspectors_per_place: number;
      candidate_places: string[]; candidate_inspectors: string[]; selection: Array<{ placeId: string; inspectorIds: string[]; taskId: string | null }>;
      created_by_name: string | null; created_at: string }>(sql`SELECT s.id, u.code AS unit_code, u.name AS unit_name, s.unit_path::text AS unit_path, s.period, s.seed,
        s.place_count, s.inspectors_per_place, s.candidate_places, s.candidate_inspectors, s.selection, cu.display_name AS created_by_name, s.created_at::text AS created_at
      FROM spot_checks s JOIN units u ON u.id = s.unit_id LEFT JOIN users cu ON cu.id = s.created_by WHERE s.id = ${id}::bigint`);
  },
  placeNames(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as Array<{ id: string; name: string; grid_id: string | null; unit_path: string; enterprise_id: string | null; industry_code: string | null }>);
    return db.rows<{ id: string; name: string; grid_id: string | null; unit_path: string; enterprise_id: string | null; industry_code: string | null }>(sql`
      SELECT p.id, p.name, p.grid_id, p.unit_path::text AS unit_path, p.enterprise_id, e.industry_code FROM places p LEFT JOIN enterprises e ON e.id = p.enterprise_id
      WHERE p.id = ANY(${`{${ids.join(',')}}`}::bigint[])`);
  },
};
