import { sql, type Executor } from '../../db/client.js';
import { alias, columnList, ruleSets, units, users } from '../../db/schema/index.js';

const r = alias(ruleSets, 'r');
const u = alias(users, 'u');

const RULE_SET_COLS = ['id', 'kind', 'version', 'note', 'active', 'created_at'] as const;
/** A rule set with its author; `data` is null in the version list. */
export type RuleSetRow = Pick<typeof ruleSets.$inferSelect, (typeof RULE_SET_COLS)[number] | 'data'> & { created_by_name: string | null };

const ruleSetCols = (data: boolean) => sql`${columnList(r, RULE_SET_COLS)}, ${data ? r.data : sql`NULL::jsonb AS data`}, ${u.username} AS created_by_name`;
const ruleSetFrom = sql`FROM ${ruleSets} ${r} LEFT JOIN ${users} ${u} ON ${u.id} = ${r.created_by}`;

export const calculatorsRepository = {
  activeRuleSets(db: Executor) {
    return db.rows<RuleSetRow>(sql`SELECT ${ruleSetCols(true)} ${ruleSetFrom} WHERE ${r.active}`);
  },
  activeRuleSet(db: Executor, kind: string) {
    return db.one<RuleSetRow>(sql`SELECT ${ruleSetCols(true)} ${ruleSetFrom} WHERE ${r.kind} = ${kind} AND ${r.active}`);
  },
  ruleSetVersions(db: Executor, kind: string) {
    return db.rows<RuleSetRow>(sql`SELECT ${ruleSetCols(false)} ${ruleSetFrom}
      WHERE ${r.kind} = ${kind} ORDER BY ${r.id} DESC LIMIT 100`);
  },
  async countVersions(db: Executor, kind: string): Promise<number> {
    const r = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM rule_sets WHERE kind = ${kind}`);
    return r?.n ?? 0;
  },
  async insertActive(db: Executor, r: { kind: string; version: string; data: unknown; note: string; by: string | null }): Promise<void> {
    await db.rows(sql`UPDATE rule_sets SET active = false WHERE kind = ${r.kind} AND active`);
    await db.rows(sql`INSERT INTO rule_sets (kind, version, data, note, active, created_by)
      VALUES (${r.kind}, ${r.version}, ${JSON.stringify(r.data)}::jsonb, ${r.note}, true, ${r.by}::bigint)`);
  },
  unitLevels(db: Executor, unitIds: string[]) {
    return db.rows<Pick<typeof units.$inferSelect, 'id' | 'level'>>(sql`SELECT ${units.id}, ${units.level} FROM ${units} WHERE ${units.id} = ANY(${`{${unitIds.join(',')}}`}::bigint[])`);
  },
};
