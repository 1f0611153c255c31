// Test data with geometry: the small unit tree with square grids, enterprises and places in them.
import { sql, type Executor } from '../../db/client.js';
import { seedUnits, SMALL_TREE } from '../../test/factories.js';

/** Points inside grid 1 and grid 2 of 北关社区 (630102001001001 / …002). */
export const IN_GRID1 = { lng: 101.005, lat: 36.005 } as const;
export const IN_GRID2 = { lng: 101.015, lat: 36.005 } as const;
export const OUTSIDE = { lng: 120.5, lat: 30.2 } as const;

export async function seedGeoTree(db: Executor): Promise<void> {
  await seedUnits(db, SMALL_TREE);
  await db.rows(sql`UPDATE units SET geom = ST_Multi(ST_MakeEnvelope(101.0, 36.0, 101.01, 36.01, 4326)) WHERE code = '630102001001001'`);
  await db.rows(sql`UPDATE units SET geom = ST_Multi(ST_MakeEnvelope(101.01, 36.0, 101.02, 36.01, 4326)) WHERE code = '630102001001002'`);
  await db.rows(sql`UPDATE units SET geom = ST_Multi(ST_MakeEnvelope(101.0, 36.0, 101.02, 36.01, 4326)) WHERE code IN ('630102001001', '630102001', '630102')`);
}

let usccSeq = 0;
function uscc(): string {
  usccSeq++;
  return `91630102MA${String(usccSeq).padStart(8, '0')}`;
}

export async function seedEnterprise(db: Executor, o: { name: string; at: { lng: number; lat: number }; industry?: string; riskLevel?: number }): Promise<string> {
  const row = await db.one<{ id: string }>(sql`INSERT INTO enterprises (uscc, name, industry_code, risk_level, location, grid_id, unit_path)
    SELECT ${uscc()}, ${o.name}, ${o.industry ?? 'C13'}, ${o.riskLevel ?? null}::smallint, ST_SetSRID(ST_MakePoint(${o.at.lng}::float8, ${o.at.lat}::float8), 4326), g.id, g.path
    FROM units g WHERE g.level = 'grid' AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(${o.at.lng}::float8, ${o.at.lat}::float8), 4326))
    ORDER BY g.code LIMIT 1 RETURNING id`);
  if (!row) throw new Error('enterprise outside the test grids');
  return row.id;
}

export async function seedPlace(db: Executor, o: { name: string; kind?: string; at: { lng: number; lat: number }; grade?: 'A' | 'B' | 'C' | 'D' | null; riskLevel?: number | null; enterpriseId?: string | null }): Promise<string> {
  const row = await db.one<{ id: string }>(sql`INSERT INTO places (name, kind, grade, risk_level, enterprise_id, location, grid_id, unit_path)
    SELECT ${o.name}, ${o.kind ?? 'small_shopping'}, ${o.grade ?? null}, ${o.riskLevel ?? null}::smallint, ${o.enterpriseId ?? null}::bigint,
      ST_SetSRID(ST_MakePoint(${o.at.lng}::float8, ${o.at.lat}::float8), 4326), g.id, g.path
    FROM units g WHERE g.level = 'grid' AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(${o.at.lng}::float8, ${o.at.lat}::float8), 4326))
    ORDER BY g.code LIMIT 1 RETURNING id`);
  if (!row) throw new Error('place outside the test grids');
  return row.id;
}

export async function assignGridWorker(db: Executor, gridCode: string, userId: string): Promise<void> {
  await db.rows(sql`INSERT INTO grid_workers (grid_id, user_id) SELECT id, ${userId}::bigint FROM units WHERE code = ${gridCode}`);
}

/** A role that may only read hazards (for the "403 on every transition" check). */
export async function seedReadOnlyRole(db: Executor): Promise<void> {
  await db.rows(sql`INSERT INTO roles (code, name_zh, name_en, binding, permissions) VALUES ('hazard_viewer', '隐患查看', 'Hazard viewer', 'unit', '{hazard.read,inspection.read}')
    ON CONFLICT (code) DO NOTHING`);
}

export async function addGrant(db: Executor, userId: string, role: string, unitCode: string): Promise<void> {
  await db.rows(sql`INSERT INTO grants (user_id, role_code, unit_id) SELECT ${userId}::bigint, ${role}, id FROM units WHERE code = ${unitCode}`);
}
