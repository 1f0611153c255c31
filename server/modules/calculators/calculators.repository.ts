import { sql, type Executor } from '../../db/client.js';

export interface RuleSetRow {
  id: string;
  kind: string;
  version: string;
  data: unknown;
  note: string | null;
  active: boolean;
  created_at: string;
  created_by_name: string | null;
}

export const calculatorsRepository = {
  activeRuleSets(db: Executor) {
    return db.rows<RuleSetRow>(sql`SELECT r.id, r.kind, r.version, r.data, r.note, r.active, r.created_at, u.username AS created_by_name
      FROM rule_sets r LEFT JOIN users u ON u.id = r.created_by WHERE r.active`);
  },
  activeRuleSet(db: Executor, kind: string) {
    return db.one<RuleSetRow>(sql`SELECT r.id, r.kind, r.version, r.data, r.note, r.active, r.created_at, u.username AS created_by_name
      FROM rule_sets r LEFT JOIN users u ON u.id = r.created_by WHERE r.kind = ${kind} AND r.active`);
  },
  ruleSetVersions(db: Executor, kind: string) {
    return db.rows<RuleSetRow>(sql`SELECT r.id, r.kind, r.version, NULL::jsonb AS data, r.note, r.active, r.created_at, u.username AS created_by_name
      FROM rule_sets r LEFT JOIN users u ON u.id = r.created_by WHERE r.kind = ${kind} ORDER BY r.id DESC LIMIT 100`);
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
    return db.rows<{ id: string; level: string }>(sql`SELECT id, level FROM units WHERE id = ANY(${`{${unitIds.join(',')}}`}::bigint[])`);
  },
};
