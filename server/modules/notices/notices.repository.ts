// Notices: SQL only.
import { sql, type Executor, type SQL } from '../../db/client.js';

export interface NoticeRow {
  id: string;
  issuer_unit_id: string;
  issuer_code: string;
  issuer_name: string;
  unit_path: string;
  title: string;
  body: string;
  audience: 'subtree' | 'units';
  status: 'draft' | 'published' | 'withdrawn';
  created_by_name: string | null;
  created_at: string;
  published_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  read_at: string | null;
  is_recipient: boolean;
  recipients: number;
  read_count: number;
  attachments: number;
}

const cols = sql`n.id, n.issuer_unit_id, iu.code AS issuer_code, iu.name AS issuer_name, n.unit_path::text AS unit_path, n.title, n.body,
  n.audience, n.status, cu.display_name AS created_by_name, n.created_at, n.published_at, n.withdrawn_at, n.withdraw_reason,
  mine.read_at, (mine.user_id IS NOT NULL) AS is_recipient,
  (SELECT count(*)::int FROM notice_receipts r WHERE r.notice_id = n.id) AS recipients,
  (SELECT count(*)::int FROM notice_receipts r WHERE r.notice_id = n.id AND r.read_at IS NOT NULL) AS read_count,
  (SELECT count(*)::int FROM files f WHERE f.owner_type = 'notice' AND f.owner_id = n.id) AS attachments`;
const joins = (userId: string | null) => sql`JOIN units iu ON iu.id = n.issuer_unit_id LEFT JOIN users cu ON cu.id = n.created_by
  LEFT JOIN notice_receipts mine ON mine.notice_id = n.id AND mine.user_id = ${userId ?? '0'}::bigint`;

export const noticesRepository = {
  byId(db: Executor, id: string, userId: string | null) {
    return db.one<NoticeRow>(sql`SELECT ${cols} FROM notices n ${joins(userId)} WHERE n.id = ${id}::bigint`);
  },
  /** Notices sent to the user (published or withdrawn after they got it), newest first. */
  inbox(db: Executor, userId: string, f: { unread?: boolean; after: [string, string] | null; limit: number }) {
    return db.rows<NoticeRow>(sql`SELECT ${cols} FROM notices n ${joins(userId)}
      WHERE mine.user_id IS NOT NULL AND n.status = 'published' ${f.unread ? sql`AND mine.read_at IS NULL` : sql``}
        ${f.after ? sql`AND (n.published_at, n.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::bigint)` : sql``}
      ORDER BY n.published_at DESC, n.id DESC LIMIT ${f.limit + 1}`);
  },
  /** Notices issued by units in the actor's area (drafts included). */
  issued(db: Executor, scope: SQL, userId: string | null, f: { after: [string, string] | null; limit: number }) {
    return db.rows<NoticeRow>(sql`SELECT ${cols} FROM notices n ${joins(userId)}
      WHERE ${scope} ${f.after ? sql`AND (n.created_at, n.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::bigint)` : sql``}
      ORDER BY n.created_at DESC, n.id DESC LIMIT ${f.limit + 1}`);
  },
  insert(db: Executor, n: { issuerUnitId: string; path: string; title: string; body: string; audience: string; by: string | null; at: string }) {
    return db.one<{ id: string }>(sql`INSERT INTO notices (issuer_unit_id, unit_path, title, body, audience, created_by, created_at, updated_at)
      VALUES (${n.issuerUnitId}::bigint, ${n.path}::ltree, ${n.title}, ${n.body}, ${n.audience}, ${n.by}::bigint, ${n.at}::timestamptz, ${n.at}::timestamptz) RETURNING id`);
  },
  async addUnits(db: Executor, noticeId: string, unitIds: readonly string[]) {
    for (const u of unitIds) await db.rows(sql`INSERT INTO notice_units (notice_id, unit_id) VALUES (${noticeId}::bigint, ${u}::bigint) ON CONFLICT DO NOTHING`);
  },
  unitsOf(db: Executor, noticeId: string) {
    return db.rows<{ id: string; code: string; name: string; path: string }>(sql`SELECT u.id, u.code, u.name, u.path::text AS path
      FROM notice_units nu JOIN units u ON u.id = nu.unit_id WHERE nu.notice_id = ${noticeId}::bigint ORDER BY u.code`);
  },
  unitsByCodes(db: Executor, codes: readonly string[]) {
    return db.rows<{ id: string; code: string; name: string; path: string }>(sql`SELECT id, code, name, path::text AS path FROM units
      WHERE code = ANY(${`{${codes.join(',')}}`}::text[]) AND retired_at IS NULL`);
  },
  roleRows(db: Executor) {
    return db.rows<{ code: string; permissions: string[] | null; name_zh: string | null; name_en: string | null }>(sql`SELECT code, permissions, name_zh, name_en FROM roles`);
  },
  /**
   * Writes a receipt for every active user with a grant of one of `roles` inside the audience
   * (each unit with its subtree), through the user's grant unit nearest the issuer. Returns the user ids.
   */
  async writeReceipts(db: Executor, noticeId: string, paths: readonly string[], roles: readonly string[], exceptUser: string | null) {
    const rows = await db.rows<{ user_id: string }>(sql`INSERT INTO notice_receipts (notice_id, user_id, unit_id)
      SELECT DISTINCT ON (g.user_id) ${noticeId}::bigint, g.user_id, g.unit_id
      FROM grants g JOIN users us ON us.id = g.user_id JOIN units gu ON gu.id = g.unit_id
      WHERE g.revoked_at IS NULL AND us.status = 'active' AND g.role_code = ANY(${`{${roles.join(',')}}`}::text[])
        AND gu.path <@ ${`{${paths.join(',')}}`}::ltree[] AND g.user_id <> ${exceptUser ?? '0'}::bigint
      ORDER BY g.user_id, nlevel(gu.path), g.id
      ON CONFLICT DO NOTHING RETURNING user_id`);
    return rows.map((r) => r.user_id);
  },
  setStatus(db: Executor, id: string, s: { status: 'published' | 'withdrawn'; at: string; reason?: string }) {
    return db.rows(s.status === 'published'
      ? sql`UPDATE notices SET status = 'published', published_at = ${s.at}::timestamptz, updated_at = ${s.at}::timestamptz WHERE id = ${id}::bigint`
      : sql`UPDATE notices SET status = 'withdrawn', withdrawn_at = ${s.at}::timestamptz, withdraw_reason = ${s.reason ?? null}, updated_at = ${s.at}::timestamptz WHERE id = ${id}::bigint`);
  },
  markRead(db: Executor, id: string, userId: string, at: string) {
    return db.rows<{ notice_id: string }>(sql`UPDATE notice_receipts SET read_at = ${at}::timestamptz
      WHERE notice_id = ${id}::bigint AND user_id = ${userId}::bigint AND read_at IS NULL RETURNING notice_id`);
  },
  receipts(db: Executor, id: string) {
    return db.rows<{ unit_code: string; unit_name: string; username: string; display_name: string; read_at: string | null }>(sql`
      SELECT u.code AS unit_code, u.name AS unit_name, us.username, us.display_name, r.read_at
      FROM notice_receipts r JOIN units u ON u.id = r.unit_id JOIN users us ON us.id = r.user_id
      WHERE r.notice_id = ${id}::bigint ORDER BY u.code, us.username`);
  },
  unreadOf(db: Executor, userId: string) {
    return db.rows<{ id: string; title: string; published_at: string }>(sql`SELECT n.id, n.title, n.published_at FROM notice_receipts r
      JOIN notices n ON n.id = r.notice_id WHERE r.user_id = ${userId}::bigint AND r.read_at IS NULL AND n.status = 'published'
      ORDER BY n.published_at DESC, n.id DESC LIMIT 100`);
  },
  pathOf(db: Executor, id: string) {
    return db.one<{ unit_path: string }>(sql`SELECT unit_path::text AS unit_path FROM notices WHERE id = ${id}::bigint`);
  },
};
