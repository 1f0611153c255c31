import { sql, type Executor, type SQL } from '../../db/client.js';
import { placementCols, type PlacementRow } from '../registries/registries.module.js';

export interface PersonRow extends PlacementRow {
  id: string;
  category: 'elderly_alone' | 'disabled' | 'low_income' | 'left_behind_child' | 'key_person';
  name: string;
  sex: 'male' | 'female' | null;
  id_number_masked: string | null;
  phone_masked: string | null;
  address: string | null;
  helper_name: string | null;
  helper_phone_masked: string | null;
  needs: string | null;
  notes: string | null;
  status: 'active' | 'inactive';
  created_at: string;
  updated_at: string;
}

const cols = sql`p.id, p.category, p.name, p.sex, p.id_number_masked, p.phone_masked, p.address, p.helper_name, p.helper_phone_masked, p.needs,
  p.notes, p.status, ${placementCols('p')}, g.code AS grid_code, g.name AS grid_name, p.created_at, p.updated_at`;
const from = sql`FROM people_at_risk p LEFT JOIN units g ON g.id = p.grid_id`;

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
    return db.one<{ id_number_enc: Buffer | null; phone_enc: Buffer | null; helper_phone_enc: Buffer | null }>(sql`
      SELECT id_number_enc, phone_enc, helper_phone_enc FROM people_at_risk WHERE id = ${id}::bigint`);
  },
  existingIds(db: Executor, hashes: string[]) {
    return db.rows<{ id_number_hash: string; category: string }>(sql`SELECT id_number_hash, category FROM people_at_risk
      WHERE id_number_hash = ANY(${`{${hashes.join(',')}}`}::text[])`);
  },
};
