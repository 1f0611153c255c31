import { sql, type Executor, type SQL } from '../../db/client.js';
import { LEADING_GROUP_MIN } from '../../../common/modules/orgs/orgs.contract.js';
import { placementCols, type PlacementRow } from '../registries/registries.module.js';

export interface OrgRow extends PlacementRow {
  id: string;
  kind: 'property_company' | 'association' | 'volunteer_team' | 'social_org' | 'leading_group';
  name: string;
  uscc: string | null;
  safe_community: boolean;
  address: string | null;
  contact_name: string | null;
  contact_phone_masked: string | null;
  description: string | null;
  status: 'active' | 'dissolved';
  unit_code: string;
  unit_name: string;
  member_count: number;
  department_count: number;
  service_hours: string | number;
  created_at: string;
  updated_at: string;
}

export interface MemberRow {
  id: string;
  org_id: string;
  name: string;
  title: string | null;
  department: string | null;
  phone_masked: string | null;
  joined_on: string | null;
  left_on: string | null;
  service_hours: string | number;
}

const counts = sql`
  (SELECT count(*)::int FROM org_members m WHERE m.org_id = o.id AND m.left_on IS NULL) AS member_count,
  (SELECT count(DISTINCT m.department)::int FROM org_members m WHERE m.org_id = o.id AND m.left_on IS NULL AND COALESCE(m.department, '') <> '') AS department_count,
  (SELECT COALESCE(sum(l.hours), 0)::float8 FROM org_service_logs l WHERE l.org_id = o.id) AS service_hours`;

const cols = sql`o.id, o.kind, o.name, o.uscc, o.safe_community, o.address, o.contact_name, o.contact_phone_masked, o.description, o.status,
  u.code AS unit_code, u.name AS unit_name, ${placementCols('o')}, g.code AS grid_code, g.name AS grid_name, o.created_at, o.updated_at, ${counts}`;
const from = sql`FROM orgs o JOIN units u ON u.path = o.unit_path LEFT JOIN units g ON g.id = o.grid_id`;

export interface OrgFilter {
  unit?: SQL;
  kinds?: string[];
  q?: string;
  flagged?: boolean;
}

const flaggedSql = sql`(o.kind = 'leading_group' AND o.safe_community AND (
  (SELECT count(*) FROM org_members m WHERE m.org_id = o.id AND m.left_on IS NULL) < ${LEADING_GROUP_MIN.members}
  OR (SELECT count(DISTINCT m.department) FROM org_members m WHERE m.org_id = o.id AND m.left_on IS NULL AND COALESCE(m.department, '') <> '') < ${LEADING_GROUP_MIN.departments}))`;

function where(scope: SQL, f: OrgFilter): SQL {
  const parts: SQL[] = [sql`WHERE ${scope}`];
  if (f.unit) parts.push(f.unit);
  if (f.kinds) parts.push(sql`AND o.kind = ANY(${`{${f.kinds.join(',')}}`}::text[])`);
  if (f.q) parts.push(sql`AND o.name ILIKE ${f.q}`);
  if (f.flagged !== undefined) parts.push(f.flagged ? sql`AND ${flaggedSql}` : sql`AND NOT ${flaggedSql}`);
  return sql.join(parts, sql` `);
}

const memberCols = sql`m.id, m.org_id, m.name, m.title, m.department, m.phone_masked, m.joined_on::text AS joined_on, m.left_on::text AS left_on,
  (SELECT COALESCE(sum(l.hours), 0)::float8 FROM org_service_logs l WHERE l.member_id = m.id) AS service_hours`;

export const orgsRepository = {
  list(db: Executor, scope: SQL, f: OrgFilter, page: { afterId?: string; limit: number }) {
    return db.rows<OrgRow>(sql`SELECT ${cols} ${from} ${where(scope, f)}
      ${page.afterId ? sql`AND o.id < ${page.afterId}::bigint` : sql``}
      ORDER BY o.id DESC LIMIT ${page.limit}`);
  },
  byId(db: Executor, id: string) {
    return db.one<OrgRow>(sql`SELECT ${cols} ${from} WHERE o.id = ${id}::bigint`);
  },
  members(db: Executor, orgId: string) {
    return db.rows<MemberRow>(sql`SELECT ${memberCols} FROM org_members m WHERE m.org_id = ${orgId}::bigint ORDER BY m.left_on NULLS FIRST, m.id`);
  },
  memberById(db: Executor, id: string) {
    return db.one<MemberRow>(sql`SELECT ${memberCols} FROM org_members m WHERE m.id = ${id}::bigint`);
  },
  serviceLogs(db: Executor, orgId: string, from: string | null, to: string | null) {
    return db.rows<{ id: string; member_id: string; member_name: string; served_on: string; hours: string | number; activity: string }>(sql`
      SELECT l.id, l.member_id, m.name AS member_name, l.served_on::text AS served_on, l.hours::float8 AS hours, l.activity
      FROM org_service_logs l JOIN org_members m ON m.id = l.member_id
      WHERE l.org_id = ${orgId}::bigint ${from ? sql`AND l.served_on >= ${from}::date` : sql``} ${to ? sql`AND l.served_on <= ${to}::date` : sql``}
      ORDER BY l.served_on DESC, l.id DESC LIMIT 1000`);
  },
};
