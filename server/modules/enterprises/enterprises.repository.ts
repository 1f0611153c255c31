import { sql, type Executor, type SQL } from '../../db/client.js';
import { placementCols, type PlacementRow } from '../registries/registries.module.js';

export interface EnterpriseRow extends PlacementRow {
  id: string;
  uscc: string;
  name: string;
  industry_code: string;
  scale: 'large' | 'medium' | 'small' | 'micro' | null;
  address: string | null;
  legal_rep_name: string | null;
  legal_rep_phone_masked: string | null;
  principal_name: string | null;
  principal_phone_masked: string | null;
  safety_manager_name: string | null;
  safety_manager_phone_masked: string | null;
  employees: number | null;
  supervising_department: string | null;
  standardization_level: 'level1' | 'level2' | 'level3' | 'none' | null;
  self_inspection_cycle: 'daily' | 'weekly' | 'monthly' | 'quarterly' | null;
  self_inspection_items: string | null;
  risk_level: number | null;
  major_hazard_level: number | null;
  status: 'active' | 'closed';
  created_at: string;
  updated_at: string;
}

const cols = sql`e.id, e.uscc, e.name, e.industry_code, e.scale, e.address, e.legal_rep_name, e.legal_rep_phone_masked, e.principal_name,
  e.principal_phone_masked, e.safety_manager_name, e.safety_manager_phone_masked, e.employees, e.supervising_department, e.standardization_level,
  e.self_inspection_cycle, e.self_inspection_items, e.risk_level, e.major_hazard_level, e.status, ${placementCols('e')},
  g.code AS grid_code, g.name AS grid_name, e.created_at, e.updated_at`;
const from = sql`FROM enterprises e LEFT JOIN units g ON g.id = e.grid_id`;

export interface EnterpriseFilter {
  unit?: SQL;
  industry?: string;
  risk?: SQL;
  majorHazard?: boolean;
  q?: string;
  status?: string;
}

function where(scope: SQL, f: EnterpriseFilter): SQL {
  const parts: SQL[] = [sql`WHERE ${scope}`];
  if (f.unit) parts.push(f.unit);
  if (f.industry) parts.push(sql`AND e.industry_code LIKE ${f.industry + '%'}`);
  if (f.risk) parts.push(f.risk);
  if (f.majorHazard !== undefined) parts.push(f.majorHazard ? sql`AND e.major_hazard_level IS NOT NULL` : sql`AND e.major_hazard_level IS NULL`);
  if (f.q) parts.push(sql`AND (e.name ILIKE ${f.q} OR e.uscc ILIKE ${f.q} OR e.address ILIKE ${f.q})`);
  if (f.status) parts.push(sql`AND e.status = ${f.status}`);
  return sql.join(parts, sql` `);
}

export interface ProjectRow {
  id: string;
  enterprise_id: string;
  name: string;
  design_review_on: string | null;
  design_approval_no: string | null;
  construction_started_on: string | null;
  completed_on: string | null;
  put_into_use_on: string | null;
  acceptance_on: string | null;
  acceptance_no: string | null;
  notes: string | null;
}

const projectCols = sql`id, enterprise_id, name, design_review_on::text AS design_review_on, design_approval_no,
  construction_started_on::text AS construction_started_on, completed_on::text AS completed_on, put_into_use_on::text AS put_into_use_on,
  acceptance_on::text AS acceptance_on, acceptance_no, notes`;

export interface MajorHazardRow {
  id: string;
  enterprise_id: string;
  name: string;
  unit_kind: 'production' | 'storage';
  exposed_people: number;
  items: unknown[];
  s: number;
  is_major: boolean;
  r: number | null;
  level: number | null;
  result: Record<string, unknown>;
  rule_set_version: string;
  assessed_at: string;
  assessed_by_name: string | null;
}

const hazardCols = sql`m.id, m.enterprise_id, m.name, m.unit_kind, m.exposed_people, m.items, m.s, m.is_major, m.r, m.level, m.result,
  m.rule_set_version, m.assessed_at, u.username AS assessed_by_name`;

export const enterprisesRepository = {
  list(db: Executor, scope: SQL, f: EnterpriseFilter, page: { afterId?: string; limit: number }) {
    return db.rows<EnterpriseRow>(sql`SELECT ${cols} ${from} ${where(scope, f)}
      ${page.afterId ? sql`AND e.id < ${page.afterId}::bigint` : sql``}
      ORDER BY e.id DESC LIMIT ${page.limit}`);
  },
  byId(db: Executor, id: string) {
    return db.one<EnterpriseRow>(sql`SELECT ${cols} ${from} WHERE e.id = ${id}::bigint`);
  },
  byUscc(db: Executor, uscc: string) {
    return db.one<{ id: string; name: string }>(sql`SELECT id, name FROM enterprises WHERE uscc = ${uscc}`);
  },
  byUsccs(db: Executor, usccs: string[]) {
    return db.rows<{ id: string; uscc: string; name: string; industry_code: string; unit_path: string }>(sql`
      SELECT id, uscc, name, industry_code, unit_path::text AS unit_path FROM enterprises WHERE uscc = ANY(${`{${usccs.join(',')}}`}::text[])`);
  },
  projects(db: Executor, enterpriseId: string) {
    return db.rows<ProjectRow>(sql`SELECT ${projectCols} FROM enterprise_projects WHERE enterprise_id = ${enterpriseId}::bigint ORDER BY id`);
  },
  projectById(db: Executor, id: string) {
    return db.one<ProjectRow>(sql`SELECT ${projectCols} FROM enterprise_projects WHERE id = ${id}::bigint`);
  },
  async deleteProject(db: Executor, id: string) {
    await db.rows(sql`DELETE FROM enterprise_projects WHERE id = ${id}::bigint`);
  },
  majorHazards(db: Executor, enterpriseId: string) {
    return db.rows<MajorHazardRow>(sql`SELECT ${hazardCols} FROM major_hazard_sources m LEFT JOIN users u ON u.id = m.assessed_by
      WHERE m.enterprise_id = ${enterpriseId}::bigint AND m.retired_at IS NULL ORDER BY m.id`);
  },
  majorHazardById(db: Executor, id: string) {
    return db.one<MajorHazardRow>(sql`SELECT ${hazardCols} FROM major_hazard_sources m LEFT JOIN users u ON u.id = m.assessed_by
      WHERE m.id = ${id}::bigint AND m.retired_at IS NULL`);
  },
  async retireMajorHazard(db: Executor, id: string, at: string) {
    await db.rows(sql`UPDATE major_hazard_sources SET retired_at = ${at}::timestamptz WHERE id = ${id}::bigint`);
  },
  /** The enterprise's major-hazard level: the highest (smallest number) among its current sources. */
  async refreshMajorHazardLevel(db: Executor, enterpriseId: string): Promise<number | null> {
    const r = await db.one<{ level: number | null }>(sql`UPDATE enterprises SET major_hazard_level =
        (SELECT min(level) FROM major_hazard_sources WHERE enterprise_id = ${enterpriseId}::bigint AND retired_at IS NULL AND is_major)
      WHERE id = ${enterpriseId}::bigint RETURNING major_hazard_level AS level`);
    return r?.level ?? null;
  },
};
