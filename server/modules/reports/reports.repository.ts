// SQL of public reports, their photos, supporters, timeline and rewards.
import { sql, type Executor, type SQL } from '../../db/client.js';
import { alias, columnList, publicReportRewards, publicReports, type publicReportSupporters, units, users } from '../../db/schema/index.js';
import type { Attributes } from '../../../common/modules/reports/reports.contract.js';

const r = alias(publicReports, 'r');
const u = alias(units, 'u');
const w = alias(publicReportRewards, 'w');
const du = alias(users, 'du');
const pu = alias(users, 'pu');

type Report = typeof publicReports.$inferSelect;

const REPORT_COLS = ['id', 'code', 'ref', 'channel', 'category', 'description', 'address', 'location_source', 'grid_id', 'unit_path', 'grid_override',
  'grid_override_reason', 'state', 'hazard_id', 'hazard_grade', 'merged_into', 'reject_reason', 'supporter_count', 'photo_count', 'contact_name_enc',
  'contact_phone_enc', 'contact_email_enc', 'open311_token', 'created_at', 'updated_at'] as const;
/** A public report with its point, unit and the names of the units above it. */
export type ReportRowDb = Pick<Report, (typeof REPORT_COLS)[number]> & {
  attributes: Attributes;
  lng: number;
  lat: number;
  unit_code: string;
  unit_name: string;
  unit_names: string[];
};

const reportCols = sql`${columnList(r, REPORT_COLS)}, ${r.attributes}, ST_X(${r.location}) AS lng, ST_Y(${r.location}) AS lat,
  ${u.code} AS unit_code, ${u.name} AS unit_name,
  ARRAY(SELECT a.name FROM ${units} a WHERE a.path @> ${r.unit_path} AND a.level <> 'root' ORDER BY nlevel(a.path)) AS unit_names`;
const reportFrom = sql`${publicReports} ${r} JOIN ${units} ${u} ON ${u.path} = ${r.unit_path}`;

export interface NewReport {
  code: string;
  ref: string;
  channel: 'portal' | 'open311';
  category: string;
  description: string;
  attributes: Attributes;
  address: string | null;
  locationSource: 'map' | 'gps' | 'address';
  lng: number;
  lat: number;
  gridId: string;
  unitPath: string;
  contact: EncContact;
  deviceHash: string | null;
  ipHash: string | null;
  open311KeyId: string | null;
  open311Token: string | null;
  at: Date;
}

export interface EncContact {
  nameEnc: Buffer | null;
  phoneEnc: Buffer | null;
  emailEnc: Buffer | null;
  phoneHash: string | null;
  emailHash: string | null;
}

export type SupporterRowDb = Pick<typeof publicReportSupporters.$inferSelect, 'id' | 'report_id' | 'code' | 'contact_name_enc' | 'contact_phone_enc'
  | 'contact_email_enc' | 'created_at'>;

export interface EventRowDb {
  at: string;
  kind: string;
  actor: string | null;
  public_note: string | null;
  internal_note: string | null;
  from_code: string | null;
  from_name: string | null;
  to_code: string | null;
  to_name: string | null;
}

const REWARD_COLS = ['id', 'report_id', 'hazard_id', 'unit_path', 'grade', 'band_min', 'band_max', 'currency', 'state', 'amount', 'decided_by',
  'decided_at', 'decision_note', 'paid_by', 'paid_at', 'payout_method', 'payout_reference', 'created_at'] as const;
/** A reward with its report's code, category, time and contact, and the names of who decided and paid. */
export type RewardRowDb = Pick<typeof publicReportRewards.$inferSelect, (typeof REWARD_COLS)[number]> &
  Pick<Report, 'contact_name_enc' | 'contact_phone_enc' | 'contact_email_enc'> & {
    report_code: Report['code'];
    report_category: Report['category'];
    report_created_at: Report['created_at'];
    unit_code: string;
    unit_name: string;
    decided_by_name: string | null;
    paid_by_name: string | null;
  };

export type UnitRow = Pick<typeof units.$inferSelect, 'id' | 'code' | 'name' | 'level' | 'path'>;

const rewardCols = sql`${columnList(w, REWARD_COLS)}, ${r.code} AS report_code, ${r.category} AS report_category,
  ${r.created_at} AS report_created_at, ${u.code} AS unit_code, ${u.name} AS unit_name, ${du.display_name} AS decided_by_name,
  ${pu.display_name} AS paid_by_name, ${r.contact_name_enc}, ${r.contact_phone_enc}, ${r.contact_email_enc}`;
const rewardFrom = sql`${publicReportRewards} ${w} JOIN ${publicReports} ${r} ON ${r.id} = ${w.report_id} JOIN ${units} ${u} ON ${u.path} = ${w.unit_path}
  LEFT JOIN ${users} ${du} ON ${du.id} = ${w.decided_by} LEFT JOIN ${users} ${pu} ON ${pu.id} = ${w.paid_by}`;

export const reportsRepository = {
  // ---- reports ----
  async insertReport(db: Executor, r: NewReport): Promise<string> {
    const row = await db.one<{ id: string }>(sql`INSERT INTO public_reports (code, ref, channel, category, description, attributes, address,
        location_source, location, grid_id, unit_path, contact_name_enc, contact_phone_enc, contact_email_enc, contact_phone_hash,
        contact_email_hash, device_hash, ip_hash, open311_key_id, open311_token, privacy_ack_at, created_at, updated_at)
      VALUES (${r.code}, ${r.ref}, ${r.channel}, ${r.category}, ${r.description}, ${JSON.stringify(r.attributes)}::jsonb, ${r.address},
        ${r.locationSource}, ST_SetSRID(ST_MakePoint(${r.lng}::float8, ${r.lat}::float8), 4326), ${r.gridId}::bigint, ${r.unitPath}::ltree,
        ${r.contact.nameEnc}, ${r.contact.phoneEnc}, ${r.contact.emailEnc}, ${r.contact.phoneHash}, ${r.contact.emailHash},
        ${r.deviceHash}, ${r.ipHash}, ${r.open311KeyId}::bigint, ${r.open311Token}, ${r.at.toISOString()}::timestamptz,
        ${r.at.toISOString()}::timestamptz, ${r.at.toISOString()}::timestamptz)
      RETURNING id::text AS id`);
    if (!row) throw new Error('insert failed');
    return row.id;
  },
  reportById(db: Executor, id: string) {
    return db.one<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom} WHERE r.id = ${id}::bigint`);
  },
  reportByIdForUpdate(db: Executor, id: string) {
    return db.one<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom} WHERE r.id = ${id}::bigint FOR UPDATE OF r`);
  },
  reportByCode(db: Executor, code: string) {
    return db.one<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom} WHERE r.code = ${code}`);
  },
  reportByRef(db: Executor, ref: string) {
    return db.one<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom} WHERE r.ref = ${ref}`);
  },
  reportByToken(db: Executor, token: string) {
    return db.one<{ ref: string }>(sql`SELECT ref FROM public_reports WHERE open311_token = ${token}`);
  },
  reportsByIds(db: Executor, ids: string[]) {
    return db.rows<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom} WHERE r.id = ANY(${`{${ids.join(',')}}`}::bigint[]) ORDER BY r.id`);
  },
  reportsMergedInto(db: Executor, id: string) {
    return db.rows<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom} WHERE r.merged_into = ${id}::bigint ORDER BY r.id`);
  },
  reportsOfHazard(db: Executor, hazardId: string) {
    return db.rows<ReportRowDb & { has_contact: boolean }>(sql`SELECT ${reportCols},
        (r.contact_phone_enc IS NOT NULL OR r.contact_email_enc IS NOT NULL) AS has_contact
      FROM ${reportFrom} WHERE r.hazard_id = ${hazardId}::bigint AND r.state IN ('confirmed', 'merged') ORDER BY r.created_at, r.id`);
  },
  codeExists(db: Executor, code: string) {
    return db.one<{ x: number }>(sql`SELECT 1 AS x FROM public_reports WHERE code = ${code} UNION ALL SELECT 1 FROM public_report_supporters WHERE code = ${code} LIMIT 1`);
  },

  list(db: Executor, scope: SQL, f: { state?: string; category?: string; unitPath?: string; q?: string; beforeId?: string; limit: number }) {
    return db.rows<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom}
      WHERE ${scope}
        ${f.state ? sql`AND r.state = ${f.state}` : sql``}
        ${f.category ? sql`AND r.category = ${f.category}` : sql``}
        ${f.unitPath ? sql`AND r.unit_path <@ ${f.unitPath}::ltree` : sql``}
        ${f.q ? sql`AND (r.code = ${f.q} OR r.ref = ${f.q.toLowerCase()}
            OR r.id IN (SELECT s.report_id FROM public_report_supporters s WHERE s.code = ${f.q}))` : sql``}
        ${f.beforeId ? sql`AND r.id < ${f.beforeId}::bigint` : sql``}
      ORDER BY r.id DESC LIMIT ${f.limit + 1}`);
  },

  /** Open reports of a category near a point within a period (duplicates). */
  nearby(db: Executor, f: { category: string; lng: number; lat: number; radiusM: number; since: Date; scope?: SQL; excludeId?: string; limit: number }) {
    const deg = f.radiusM / 111_320 / Math.max(0.1, Math.cos((f.lat * Math.PI) / 180));
    const pt = sql`ST_SetSRID(ST_MakePoint(${f.lng}::float8, ${f.lat}::float8), 4326)`;
    return db.rows<ReportRowDb & { distance_m: number }>(sql`SELECT ${reportCols},
        ST_Distance(r.location::geography, ${pt}::geography) AS distance_m
      FROM ${reportFrom}
      WHERE r.category = ${f.category} AND r.state IN ('pending', 'confirmed')
        AND r.created_at >= ${f.since.toISOString()}::timestamptz
        AND ST_DWithin(r.location, ${pt}, ${deg}::float8)
        AND ST_DWithin(r.location::geography, ${pt}::geography, ${f.radiusM}::float8)
        ${f.scope ? sql`AND ${f.scope}` : sql``}
        ${f.excludeId ? sql`AND r.id <> ${f.excludeId}::bigint` : sql``}
      ORDER BY distance_m, r.id LIMIT ${f.limit}`);
  },

  /** Reports for Open311 queries: by refs, or by period, service and (later) status. */
  publicRequests(db: Executor, f: { refs?: string[]; categories?: string[]; from?: Date; to?: Date; limit: number }) {
    return db.rows<ReportRowDb>(sql`SELECT ${reportCols} FROM ${reportFrom}
      WHERE true
        ${f.refs ? sql`AND r.ref = ANY(${`{${f.refs.join(',')}}`}::text[])` : sql``}
        ${f.categories && f.categories.length ? sql`AND r.category = ANY(${`{${f.categories.map((c) => `"${c.replace(/["\\]/g, '')}"`).join(',')}}`}::text[])` : sql``}
        ${f.from ? sql`AND r.created_at >= ${f.from.toISOString()}::timestamptz` : sql``}
        ${f.to ? sql`AND r.created_at <= ${f.to.toISOString()}::timestamptz` : sql``}
      ORDER BY r.created_at DESC, r.id DESC LIMIT ${f.limit}`);
  },

  async setState(db: Executor, id: string, s: {
    state: string; at: Date; hazardId?: string | null; grade?: string | null; mergedInto?: string | null; rejectReason?: string | null; triagedBy?: string | null;
  }) {
    await db.rows(sql`UPDATE public_reports SET state = ${s.state}, updated_at = ${s.at.toISOString()}::timestamptz
        ${s.hazardId !== undefined ? sql`, hazard_id = ${s.hazardId}::bigint` : sql``}
        ${s.grade !== undefined ? sql`, hazard_grade = ${s.grade}` : sql``}
        ${s.mergedInto !== undefined ? sql`, merged_into = ${s.mergedInto}::bigint` : sql``}
        ${s.rejectReason !== undefined ? sql`, reject_reason = ${s.rejectReason}` : sql``}
        ${s.triagedBy !== undefined ? sql`, triaged_by = ${s.triagedBy}::bigint, triaged_at = ${s.at.toISOString()}::timestamptz` : sql``}
      WHERE id = ${id}::bigint`);
  },
  async moveToUnit(db: Executor, id: string, unit: UnitRow, reason: string, at: Date) {
    await db.rows(sql`UPDATE public_reports SET unit_path = ${unit.path}::ltree,
        grid_id = ${unit.level === 'grid' ? unit.id : null}::bigint, grid_override = true, grid_override_reason = ${reason},
        updated_at = ${at.toISOString()}::timestamptz
      WHERE id = ${id}::bigint`);
  },
  async touch(db: Executor, id: string, at: Date) {
    await db.rows(sql`UPDATE public_reports SET updated_at = ${at.toISOString()}::timestamptz WHERE id = ${id}::bigint`);
  },

  async setPhotoCount(db: Executor, id: string, n: number) {
    await db.rows(sql`UPDATE public_reports SET photo_count = ${n} WHERE id = ${id}::bigint`);
  },

  // ---- supporters ----
  async insertSupporter(db: Executor, s: { reportId: string; code: string; contact: EncContact; deviceHash: string | null; ipHash: string | null; at: Date }) {
    await db.rows(sql`INSERT INTO public_report_supporters (report_id, code, contact_name_enc, contact_phone_enc, contact_email_enc,
        contact_phone_hash, contact_email_hash, device_hash, ip_hash, privacy_ack_at, created_at)
      VALUES (${s.reportId}::bigint, ${s.code}, ${s.contact.nameEnc}, ${s.contact.phoneEnc}, ${s.contact.emailEnc}, ${s.contact.phoneHash},
        ${s.contact.emailHash}, ${s.deviceHash}, ${s.ipHash}, ${s.at.toISOString()}::timestamptz, ${s.at.toISOString()}::timestamptz)`);
    const row = await db.one<{ n: number }>(sql`UPDATE public_reports SET supporter_count = supporter_count + 1,
        updated_at = ${s.at.toISOString()}::timestamptz WHERE id = ${s.reportId}::bigint RETURNING supporter_count AS n`);
    return row?.n ?? 0;
  },
  supporterByCode(db: Executor, code: string) {
    return db.one<SupporterRowDb>(sql`SELECT id::text AS id, report_id::text AS report_id, code, contact_name_enc, contact_phone_enc,
        contact_email_enc, created_at FROM public_report_supporters WHERE code = ${code}`);
  },
  supportersOf(db: Executor, reportId: string) {
    return db.rows<SupporterRowDb>(sql`SELECT id::text AS id, report_id::text AS report_id, code, contact_name_enc, contact_phone_enc,
        contact_email_enc, created_at FROM public_report_supporters WHERE report_id = ${reportId}::bigint ORDER BY public_report_supporters.id`);
  },
  /** Supporters of this report and of every report merged into it. */
  supporterCountOfGroup(db: Executor, reportId: string) {
    return db.one<{ n: number }>(sql`SELECT (COALESCE(sum(supporter_count), 0) + count(*) - 1)::int AS n FROM public_reports
      WHERE id = ${reportId}::bigint OR merged_into = ${reportId}::bigint`);
  },

  // ---- timeline ----
  async insertEvent(db: Executor, e: { reportId: string; at: Date; kind: string; actorId?: string | null; fromUnitId?: string | null; toUnitId?: string | null; publicNote?: string | null; internalNote?: string | null }) {
    await db.rows(sql`INSERT INTO public_report_events (report_id, at, kind, actor_id, from_unit_id, to_unit_id, public_note, internal_note)
      VALUES (${e.reportId}::bigint, ${e.at.toISOString()}::timestamptz, ${e.kind}, ${e.actorId ?? null}::bigint, ${e.fromUnitId ?? null}::bigint,
        ${e.toUnitId ?? null}::bigint, ${e.publicNote ?? null}, ${e.internalNote ?? null})`);
  },
  eventsOf(db: Executor, reportIds: string[]) {
    return db.rows<EventRowDb & { report_id: string }>(sql`SELECT e.report_id::text AS report_id, e.at, e.kind, us.display_name AS actor,
        e.public_note, e.internal_note, fu.code AS from_code, fu.name AS from_name, tu.code AS to_code, tu.name AS to_name
      FROM public_report_events e LEFT JOIN users us ON us.id = e.actor_id
        LEFT JOIN units fu ON fu.id = e.from_unit_id LEFT JOIN units tu ON tu.id = e.to_unit_id
      WHERE e.report_id = ANY(${`{${reportIds.join(',')}}`}::bigint[]) ORDER BY e.at, e.id`);
  },

  // ---- units and places ----
  unitByCode(db: Executor, code: string) {
    return db.one<UnitRow>(sql`SELECT id::text AS id, code, name, level, path::text AS path FROM units WHERE code = ${code} AND retired_at IS NULL`);
  },
  /**
   * A typed address → the unit it names: first a unit whose whole name appears in the text
   * (the lowest level, then the longest name), else the most similar name by trigrams.
   */
  async matchAddress(db: Executor, text: string) {
    type M = { code: string; name: string; names: string[]; lng: number; lat: number };
    const cols = sql`u.code, u.name,
      ARRAY(SELECT a.name FROM units a WHERE a.path @> u.path AND a.level <> 'root' ORDER BY nlevel(a.path)) AS names,
      ST_X(p.pt) AS lng, ST_Y(p.pt) AS lat`;
    const contained = await db.one<M>(sql`SELECT ${cols}
      FROM units u CROSS JOIN LATERAL (SELECT COALESCE(u.label_point, ST_PointOnSurface(u.geom)) AS pt) p
      WHERE u.retired_at IS NULL AND u.geom IS NOT NULL AND u.level <> 'root' AND char_length(u.name) >= 2
        AND strpos(${text}, u.name) > 0
      ORDER BY nlevel(u.path) DESC, char_length(u.name) DESC, u.code LIMIT 1`);
    if (contained) return contained;
    return db.one<M>(sql`SELECT ${cols}
      FROM units u CROSS JOIN LATERAL (SELECT COALESCE(u.label_point, ST_PointOnSurface(u.geom)) AS pt) p
      WHERE u.retired_at IS NULL AND u.geom IS NOT NULL AND u.level <> 'root'
        AND word_similarity(u.name, ${text}) >= 0.6
      ORDER BY word_similarity(u.name, ${text}) DESC, nlevel(u.path) DESC, u.code LIMIT 1`);
  },
  /** A unit (by code) as a point: for Open311 address_id. */
  unitPoint(db: Executor, code: string) {
    return db.one<{ lng: number; lat: number }>(sql`SELECT ST_X(p.pt) AS lng, ST_Y(p.pt) AS lat
      FROM units u CROSS JOIN LATERAL (SELECT COALESCE(u.label_point, ST_PointOnSurface(u.geom)) AS pt) p
      WHERE u.code = ${code} AND u.retired_at IS NULL AND u.geom IS NOT NULL`);
  },
  jurisdictionBbox(db: Executor) {
    return db.one<{ x1: number | null; y1: number | null; x2: number | null; y2: number | null }>(sql`SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1,
        ST_XMax(e) AS x2, ST_YMax(e) AS y2
      FROM (SELECT ST_Extent(geom) AS e FROM units WHERE level = 'grid' AND retired_at IS NULL AND geom IS NOT NULL) s`);
  },
  mapFeatures(db: Executor, level: string, tolerance: number) {
    return db.rows<{ code: string; name: string; level: string; geometry: string }>(sql`SELECT code, name, level,
        ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(geom, ${tolerance}::float8)), 6) AS geometry
      FROM units WHERE level = ${level} AND retired_at IS NULL AND geom IS NOT NULL ORDER BY code LIMIT 5000`);
  },

  /** Who gets the triage task of a new report in a grid: its grid workers and triagers granted at the grid itself. */
  triageUsersOfGrid(db: Executor, gridId: string, builtinRoles: string[]) {
    return db.rows<{ user_id: string }>(sql`SELECT u.id::text AS user_id FROM users u
      WHERE u.status = 'active' AND u.id IN (
        SELECT gw.user_id FROM grid_workers gw WHERE gw.grid_id = ${gridId}::bigint AND gw.ended_at IS NULL
        UNION
        SELECT g.user_id FROM grants g LEFT JOIN roles ro ON ro.code = g.role_code
        WHERE g.unit_id = ${gridId}::bigint AND g.revoked_at IS NULL
          AND CASE WHEN ro.code IS NOT NULL THEN 'report.triage' = ANY(ro.permissions)
                   ELSE g.role_code = ANY(${`{${builtinRoles.join(',')}}`}::text[]) END)
      ORDER BY u.id`);
  },

  // ---- abuse ----
  submissionsSince(db: Executor, f: { ipHash: string | null; deviceHash: string | null; since: Date }) {
    return db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM public_submissions
      WHERE at >= ${f.since.toISOString()}::timestamptz
        AND (${f.ipHash !== null ? sql`ip_hash = ${f.ipHash}` : sql`false`} OR ${f.deviceHash !== null ? sql`device_hash = ${f.deviceHash}` : sql`false`})`);
  },
  async logSubmission(db: Executor, f: { ipHash: string | null; deviceHash: string | null; at: Date }) {
    await db.rows(sql`INSERT INTO public_submissions (at, ip_hash, device_hash) VALUES (${f.at.toISOString()}::timestamptz, ${f.ipHash}, ${f.deviceHash})`);
  },
  /** Records a solved challenge; false when it had been used already. */
  async useChallenge(db: Executor, challenge: string, at: Date, expiresAt: Date): Promise<boolean> {
    const row = await db.one<{ challenge: string }>(sql`INSERT INTO public_challenges_used (challenge, used_at, expires_at)
      VALUES (${challenge}, ${at.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz)
      ON CONFLICT (challenge) DO NOTHING RETURNING challenge`);
    return row !== undefined;
  },
  async purgeAbuseRecords(db: Executor, now: Date) {
    await db.rows(sql`DELETE FROM public_challenges_used WHERE expires_at < ${now.toISOString()}::timestamptz`);
    await db.rows(sql`DELETE FROM public_submissions WHERE at < ${new Date(now.getTime() - 2 * 86_400_000).toISOString()}::timestamptz`);
  },

  // ---- rewards ----
  rewardByHazard(db: Executor, hazardId: string) {
    return db.one<RewardRowDb>(sql`SELECT ${rewardCols} FROM ${rewardFrom} WHERE w.hazard_id = ${hazardId}::bigint`);
  },
  rewardById(db: Executor, id: string) {
    return db.one<RewardRowDb>(sql`SELECT ${rewardCols} FROM ${rewardFrom} WHERE w.id = ${id}::bigint`);
  },
  rewardByReport(db: Executor, reportId: string) {
    return db.one<RewardRowDb>(sql`SELECT ${rewardCols} FROM ${rewardFrom} WHERE w.report_id = ${reportId}::bigint`);
  },
  listRewards(db: Executor, scope: SQL, f: { state?: string; beforeId?: string; limit: number }) {
    return db.rows<RewardRowDb>(sql`SELECT ${rewardCols} FROM ${rewardFrom}
      WHERE ${scope}
        ${f.state ? sql`AND w.state = ${f.state}` : sql``}
        ${f.beforeId ? sql`AND w.id < ${f.beforeId}::bigint` : sql``}
      ORDER BY w.id DESC LIMIT ${f.limit + 1}`);
  },
  async insertReward(db: Executor, w: { reportId: string; hazardId: string; unitPath: string; grade: string; min: number; max: number; currency: string; at: Date }) {
    await db.rows(sql`INSERT INTO public_report_rewards (report_id, hazard_id, unit_path, grade, band_min, band_max, currency, created_at)
      VALUES (${w.reportId}::bigint, ${w.hazardId}::bigint, ${w.unitPath}::ltree, ${w.grade}, ${w.min}::numeric, ${w.max}::numeric,
        ${w.currency}, ${w.at.toISOString()}::timestamptz)`);
  },
  async moveReward(db: Executor, id: string, reportId: string, unitPath: string) {
    await db.rows(sql`UPDATE public_report_rewards SET report_id = ${reportId}::bigint, unit_path = ${unitPath}::ltree WHERE id = ${id}::bigint`);
  },
  async decideReward(db: Executor, id: string, d: { state: 'approved' | 'rejected'; amount: number | null; grade: string; min: number; max: number; by: string | null; note: string | null; at: Date }) {
    await db.rows(sql`UPDATE public_report_rewards SET state = ${d.state}, amount = ${d.amount}::numeric, grade = ${d.grade},
        band_min = ${d.min}::numeric, band_max = ${d.max}::numeric, decided_by = ${d.by}::bigint, decided_at = ${d.at.toISOString()}::timestamptz,
        decision_note = ${d.note}
      WHERE id = ${id}::bigint`);
  },
  async payReward(db: Executor, id: string, p: { by: string | null; at: Date; method: string; reference: string }) {
    await db.rows(sql`UPDATE public_report_rewards SET state = 'paid', paid_by = ${p.by}::bigint, paid_at = ${p.at.toISOString()}::timestamptz,
        payout_method = ${p.method}, payout_reference = ${p.reference}
      WHERE id = ${id}::bigint`);
  },

  // ---- settings documents ----
  settingsDoc(db: Executor, key: string) {
    return db.one<{ value: Record<string, unknown> }>(sql`SELECT value FROM settings WHERE key = ${key}`);
  },
  async putSettingsDoc(db: Executor, key: string, value: unknown, by: string | null) {
    await db.rows(sql`INSERT INTO settings (key, value, updated_by, updated_at) VALUES (${key}, ${JSON.stringify(value)}::jsonb, ${by}::bigint, now())
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`);
  },
};
