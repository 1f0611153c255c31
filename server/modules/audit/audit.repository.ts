import { sql, type Executor, type SQL } from '../../db/client.js';
import { auditLog, columnList } from '../../db/schema/index.js';

const AUDIT_COLS = ['id', 'at', 'actor_id', 'actor_name', 'ip', 'action', 'object_type', 'object_id', 'outcome', 'summary'] as const;
export type AuditRow = Pick<typeof auditLog.$inferSelect, (typeof AUDIT_COLS)[number]>;

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
    return db.rows<AuditRow>(sql`SELECT ${columnList(auditLog, AUDIT_COLS)}
      FROM ${auditLog} WHERE ${sql.join(where, sql` AND `)} ORDER BY id DESC LIMIT ${f.limit + 1}`);
  },
};
