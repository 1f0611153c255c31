// Small unit trees for tests, inserted directly (the importer has its own tests).
import { sql, type Executor } from '../db/client.js';

export interface UnitSpec {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'street' | 'community' | 'grid';
  kind?: string;
  parent?: string;
}

/** Inserts units in order; each parent must come first (or be 'root' when omitted). */
export async function seedUnits(db: Executor, units: UnitSpec[]): Promise<void> {
  for (const u of units) {
    await db.rows(sql`INSERT INTO units (code, name, level, kind, parent_id, path)
      SELECT ${u.code}, ${u.name}, ${u.level}, ${u.kind ?? u.level}, p.id, p.path || ${u.code}::ltree
      FROM units p WHERE p.code = ${u.parent ?? 'root'}`);
  }
}

/** City 6301 with two districts, a street, a community and two grids under the first district. */
export const SMALL_TREE: UnitSpec[] = [
  { code: '6301', name: '西宁市', level: 'city' },
  { code: '630102', name: '城东区', level: 'district', parent: '6301' },
  { code: '630103', name: '城中区', level: 'district', parent: '6301' },
  { code: '630102001', name: '东关大街街道', level: 'street', parent: '630102' },
  { code: '630103001', name: '人民街街道', level: 'street', parent: '630103' },
  { code: '630102001001', name: '北关社区', level: 'community', parent: '630102001' },
  { code: '630102001001001', name: '北关社区第1网格', level: 'grid', parent: '630102001001' },
  { code: '630102001001002', name: '北关社区第2网格', level: 'grid', parent: '630102001001' },
];
