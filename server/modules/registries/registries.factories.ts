// Test fixtures for the registries: the small unit tree with square grid polygons, so records
// placed by coordinates land in known grids, and known-good codes.
import { sql, type Executor } from '../../db/client.js';
import { seedUnits, SMALL_TREE, type UnitSpec } from '../../test/factories.js';
import { usccCheckChar } from '../../../common/rules/uscc.js';
import { idNumberCheckChar } from '../../../common/rules/id-number.js';

export const GRID_1 = '630102001001001';
export const GRID_2 = '630102001001002';
export const GRID_3 = '630103001001001';

/** Points inside each grid (the squares are 0.01° wide). */
export const IN_GRID_1 = { lng: 101.705, lat: 36.605 };
export const IN_GRID_2 = { lng: 101.715, lat: 36.605 };
export const IN_GRID_3 = { lng: 101.805, lat: 36.605 };
export const OUTSIDE = { lng: 100.5, lat: 30.5 };

export const REGISTRY_TREE: UnitSpec[] = [
  ...SMALL_TREE,
  { code: '630103001001', name: '人民街社区', level: 'community', parent: '630103001' },
  { code: GRID_3, name: '人民街社区第1网格', level: 'grid', parent: '630103001001' },
];

function square(minLng: number, minLat: number) {
  return sql`ST_Multi(ST_MakeEnvelope(${minLng}::float8, ${minLat}::float8, ${minLng + 0.01}::float8, ${minLat + 0.01}::float8, 4326))`;
}

export async function seedRegistryUnits(db: Executor): Promise<void> {
  await seedUnits(db, REGISTRY_TREE);
  await db.rows(sql`UPDATE units SET geom = ${square(101.7, 36.6)} WHERE code = ${GRID_1}`);
  await db.rows(sql`UPDATE units SET geom = ${square(101.71, 36.6)} WHERE code = ${GRID_2}`);
  await db.rows(sql`UPDATE units SET geom = ${square(101.8, 36.6)} WHERE code = ${GRID_3}`);
}

/** A valid USCC from 17 characters (the check character is computed). */
export function uscc(first17: string): string {
  const c = usccCheckChar(first17);
  if (c === undefined) throw new Error(`bad USCC body ${first17}`);
  return first17 + c;
}

/** A valid 18-digit ID number for a birth date and sequence (the check digit is computed). */
export function idNumber(region = '630102', birth = '19450312', seq = '123'): string {
  const first = `${region}${birth}${seq}`;
  const c = idNumberCheckChar(first);
  if (c === undefined) throw new Error(`bad ID body ${first}`);
  return first + c;
}

/** Nth valid USCC of a series (for bulk fixtures). */
export function usccN(n: number): string {
  return uscc(`91630102${String(n).padStart(8, '0')}X`.slice(0, 17).replace(/X$/, String(n % 10)));
}
