import { sql, type Executor, type SQL } from '../../db/client.js';
import { placementCols, type PlacementRow } from '../registries/registries.module.js';

export interface ThingRow extends PlacementRow {
  id: string;
  kind: string;
  name: string;
  code: string | null;
  place_id: string | null;
  place_name: string | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  industry_code: string | null;
  quantity: number | null;
  unit_of_measure: string | null;
  spec: string | null;
  expires_on: string | null;
  last_inspected_on: string | null;
  next_inspection_on: string | null;
  status: 'normal' | 'faulty' | 'retired';
  notes: string | null;
  created_at: string;
  updated_at: string;
}

const cols = sql`t.id, t.kind, t.name, t.code, t.place_id, pl.name AS place_name, t.enterprise_id, e.name AS enterprise_name, e.industry_code,
  t.quantity, t.unit_of_measure, t.spec, t.expires_on::text AS expires_on, t.last_inspected_on::text AS last_inspected_on,
  t.next_inspection_on::text AS next_inspection_on, t.status, t.notes, ${placementCols('t')}, g.code AS grid_code, g.name AS grid_name,
  t.created_at, t.updated_at`;
const from = sql`FROM things t LEFT JOIN places pl ON pl.id = t.place_id LEFT JOIN enterprises e ON e.id = t.enterprise_id
  LEFT JOIN units g ON g.id = t.grid_id`;

export interface ThingFilter {
  unit?: SQL;
  kinds?: string[];
  placeId?: string;
  enterpriseId?: string;
  status?: string;
  q?: string;
}

function where(scope: SQL, f: ThingFilter): SQL {
  const parts: SQL[] = [sql`WHERE ${scope}`];
  if (f.unit) parts.push(f.unit);
  if (f.kinds) parts.push(sql`AND t.kind = ANY(${`{${f.kinds.join(',')}}`}::text[])`);
  if (f.placeId) parts.push(sql`AND t.place_id = ${f.placeId}::bigint`);
  if (f.enterpriseId) parts.push(sql`AND t.enterprise_id = ${f.enterpriseId}::bigint`);
  if (f.status) parts.push(sql`AND t.status = ${f.status}`);
  if (f.q) parts.push(sql`AND (t.name ILIKE ${f.q} OR t.code ILIKE ${f.q})`);
  return sql.join(parts, sql` `);
}

export const thingsRepository = {
  list(db: Executor, scope: SQL, f: ThingFilter, page: { afterId?: string; limit: number }) {
    return db.rows<ThingRow>(sql`SELECT ${cols} ${from} ${where(scope, f)}
      ${page.afterId ? sql`AND t.id < ${page.afterId}::bigint` : sql``}
      ORDER BY t.id DESC LIMIT ${page.limit}`);
  },
  byId(db: Executor, id: string) {
    return db.one<ThingRow>(sql`SELECT ${cols} ${from} WHERE t.id = ${id}::bigint`);
  },
  /** Things (not retired) whose expiry or next inspection falls on or before `until`. */
  due(db: Executor, scope: SQL, f: ThingFilter, until: string, limit: number) {
    return db.rows<ThingRow>(sql`SELECT ${cols} ${from} ${where(scope, f)} AND t.status <> 'retired'
      AND (t.expires_on <= ${until}::date OR t.next_inspection_on <= ${until}::date)
      ORDER BY LEAST(COALESCE(t.expires_on, 'infinity'::date), COALESCE(t.next_inspection_on, 'infinity'::date)), t.id
      LIMIT ${limit}`);
  },
};
