import { sql, type Executor, type SQL } from '../../db/client.js';

export interface AuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  summary: Record<string, unknown>;
}

export const auditRepository = {
  list(db: Executor, f: { from?: string; to?: string; actor?: string; action?: string; objectType?: string; objectId?: string; outcome?: string; beforeId?: string; limit: number }) {
    const where: SQL[] = [sql`true`];
    if (f.from) where.push(sql`at >= ${f.from}::timestamptz`);
    if (f.to) where.push(sql`at < ${f.to}::timestamptz`);
    if (f.actor) where.push(sql`actor_name = ${f.actor}`);
    if (f.action) where.push(sql`action LIKE ${f.action.replace(/[%_]/g, '') + '%'}`);
    if (f.objectType) where.push(sql`object_type = ${f.objectType}`);
    if (f.objectId) where.push(sql`object_id = ${f.objectId}`);
    if (f.outcome) where.push(sql`outcome = ${f.outcome}`);
    if (f.beforeId) where.push(sql`id < ${f.beforeId}::bigint`);
    return db.rows<AuditRow>(sql`SELECT id, at, actor_id, actor_name, ip, action, object_type, object_id, outcome, summary
      FROM audit_log WHERE ${sql.join(where, sql` AND `)} ORDER BY id DESC LIMIT ${f.limit + 1}`);
  },
};
