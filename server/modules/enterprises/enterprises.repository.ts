import { sql, type Executor, type SQL } from '../../db/client.js';
import { alias, columnList, enterpriseProjects, enterprises, majorHazardSources, units, users } from '../../db/schema/index.js';
import { placementCols, type PlacementRow } from '../registries/registries.module.js';

const e = alias(enterprises, 'e');
const g = alias(units, 'g');
const m = alias(majorHazardSources, 'm');
const u = alias(users, 'u');

const ENTERPRISE_COLS = ['id', 'uscc', 'name', 'industry_code', 'scale', 'address', 'legal_rep_name', 'legal_rep_phone_masked', 'principal_name',
  'principal_phone_masked', 'safety_manager_name', 'safety_manager_phone_masked', 'employees', 'supervising_department', 'standardization_level',
  'self_inspection_cycle', 'self_inspection_items', 'risk_level', 'major_hazard_level', 'status', 'created_at', 'updated_at'] as const;

export type EnterpriseRow = PlacementRow & Pick<typeof enterprises.$inferSelect, (typeof ENTERPRISE_COLS)[number]>;

const cols = sql`${columnList(e, ENTERPRISE_COLS)}, ${placementCols('e')}, ${g.code} AS grid_code, ${g.name} AS grid_name`;
const from = sql`FROM ${enterprises} ${e} LEFT JOIN ${units} ${g} ON ${g.id} = ${e.grid_id}`;

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

const PROJECT_COLS = ['id', 'enterprise_id', 'name', 'design_review_on', 'design_approval_no', 'construction_started_on', 'completed_on',
  'put_into_use_on', 'acceptance_on', 'acceptance_no', 'notes'] as const;
export type ProjectRow = Pick<typeof enterpriseProjects.$inferSelect, (typeof PROJECT_COLS)[number]>;
const projectCols = columnList(enterpriseProjects, PROJECT_COLS);

const HAZARD_COLS = ['id', 'enterprise_id', 'name', 'unit_kind', 'exposed_people', 'items', 's', 'is_major', 'r', 'level', 'result',
  'rule_set_version', 'assessed_at'] as const;
export type MajorHazardRow = Pick<typeof majorHazardSources.$inferSelect, (typeof HAZARD_COLS)[number]> & { assessed_by_name: string | null };
const hazardCols = sql`${columnList(m, HAZARD_COLS)}, ${u.username} AS assessed_by_name`;
const hazardFrom = sql`FROM ${majorHazardSources} ${m} LEFT JOIN ${users} ${u} ON ${u.id} = ${m.assessed_by}`;

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
    return db.one<{ id: string; name: string }>(sql`SELECT ${enterprises.id}, ${enterprises.name} FROM ${enterprises} WHERE ${enterprises.uscc} = ${uscc}`);
  },
  byUsccs(db: Executor, usccs: string[]) {
    return db.rows<Pick<typeof enterprises.$inferSelect, 'id' | 'uscc' | 'name' | 'industry_code' | 'unit_path'>>(sql`
      SELECT ${columnList(enterprises, ['id', 'uscc', 'name', 'industry_code', 'unit_path'])} FROM ${enterprises}
      WHERE ${enterprises.uscc} = ANY(${`{${usccs.join(',')}}`}::text[])`);
  },
  projects(db: Executor, enterpriseId: string) {
    return db.rows<ProjectRow>(sql`SELECT ${projectCols} FROM ${enterpriseProjects}
      WHERE ${enterpriseProjects.enterprise_id} = ${enterpriseId}::bigint ORDER BY ${enterpriseProjects.id}`);
  },
  projectById(db: Executor, id: string) {
    return db.one<ProjectRow>(sql`SELECT ${projectCols} FROM ${enterpriseProjects} WHERE ${enterpriseProjects.id} = ${id}::bigint`);
  },
  async deleteProject(db: Executor, id: string) {
    await db.rows(sql`DELETE FROM ${enterpriseProjects} WHERE ${enterpriseProjects.id} = ${id}::bigint`);
  },
  majorHazards(db: Executor, enterpriseId: string) {
    return db.rows<MajorHazardRow>(sql`SELECT ${hazardCols} ${hazardFrom}
      WHERE ${m.enterprise_id} = ${enterpriseId}::bigint AND ${m.retired_at} IS NULL ORDER BY ${m.id}`);
  },
  majorHazardById(db: Executor, id: string) {
    return db.one<MajorHazardRow>(sql`SELECT ${hazardCols} ${hazardFrom} WHERE ${m.id} = ${id}::bigint AND ${m.retired_at} IS NULL`);
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
