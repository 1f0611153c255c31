import { sql, type Executor, type SQL } from '../../db/client.js';
import { alias, columnList, peopleAtRisk, units } from '../../db/schema/index.js';
import { placementCols, type PlacementRow } from '../registries/registries.module.js';

const p = alias(peopleAtRisk, 'p');
const g = alias(units, 'g');

const PERSON_COLS = ['id', 'category', 'name', 'sex', 'id_number_masked', 'phone_masked', 'address', 'helper_name', 'helper_phone_masked', 'needs',
  'notes', 'status', 'created_at', 'updated_at'] as const;

export type PersonRow = PlacementRow & Pick<typeof peopleAtRisk.$inferSelect, (typeof PERSON_COLS)[number]>;

const cols = sql`${columnList(p, PERSON_COLS)}, ${placementCols('p')}, ${g.code} AS grid_code, ${g.name} AS grid_name`;
const from = sql`FROM ${peopleAtRisk} ${p} LEFT JOIN ${units} ${g} ON ${g.id} = ${p.grid_id}`;

export interface PersonFilter {
  unit?: SQL;
  categories?: string[];
  q?: string;
  idHash?: string;
  status?: string;
}

function where(scope: SQL, f: PersonFilter): SQL {
  const parts: SQL[] = [sql`WHERE ${scope}`];
  if (f.unit) parts.push(f.unit);
  if (f.categories) parts.push(sql`AND p.category = ANY(${`{${f.categories.join(',')}}`}::text[])`);
  if (f.q) parts.push(sql`AND p.name ILIKE ${f.q}`);
  if (f.idHash) parts.push(sql`AND p.id_number_hash = ${f.idHash}`);
  if (f.status) parts.push(sql`AND p.status = ${f.status}`);
  return sql.join(parts, sql` `);
}

export const peopleRepository = {
  list(db: Executor, scope: SQL, f: PersonFilter, page: { afterId?: string; limit: number }) {
    return db.rows<PersonRow>(sql`SELECT ${cols} ${from} ${where(scope, f)}
      ${page.afterId ? sql`AND p.id < ${page.afterId}::bigint` : sql``}
      ORDER BY p.id DESC LIMIT ${page.limit}`);
  },
  byId(db: Executor, id: string) {
    return db.one<PersonRow>(sql`SELECT ${cols} ${from} WHERE p.id = ${id}::bigint`);
  },
  sealed(db: Executor, id: string) {
    return db.one<Pick<typeof peopleAtRisk.$inferSelect, 'id_number_enc' | 'phone_enc' | 'helper_phone_enc'>>(sql`
      SELECT ${columnList(p, ['id_number_enc', 'phone_enc', 'helper_phone_enc'])} FROM ${peopleAtRisk} ${p} WHERE ${p.id} = ${id}::bigint`);
  },
  existingIds(db: Executor, hashes: string[]) {
    return db.rows<{ id_number_hash: string; category: PersonRow['category'] }>(sql`SELECT ${p.id_number_hash}, ${p.category} FROM ${peopleAtRisk} ${p}
      WHERE ${p.id_number_hash} = ANY(${`{${hashes.join(',')}}`}::text[])`);
  },
};
