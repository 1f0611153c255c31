// Both engines must return the same JavaScript types for the same query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, toIso } from './client.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';
import { listMigrations } from './migrate.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

describe('result types', () => {
  it('returns int8 and numeric as strings, int4 as numbers, timestamps as UTC text, bytea as Buffer', async () => {
    const row = await t.db.one<Record<string, unknown>>(sql`SELECT 9007199254740993::int8 AS big, 7::int AS small, 1.50::numeric AS num,
      '2026-01-02T03:04:05.678Z'::timestamptz AS ts, '2026-01-02'::date AS d, '\\x0102'::bytea AS b, '{"a":1}'::jsonb AS j,
      ARRAY[1,2]::int8[] AS arr, true AS flag`);
    expect(row).toBeDefined();
    expect(row?.big).toBe('9007199254740993');
    expect(row?.small).toBe(7);
    expect(row?.num).toBe('1.50');
    expect(toIso(row?.ts as string)).toBe('2026-01-02T03:04:05.678Z');
    expect(row?.d).toBe('2026-01-02');
    expect(Buffer.isBuffer(row?.b)).toBe(true);
    expect([...(row?.b as Buffer)]).toEqual([1, 2]);
    expect(row?.j).toEqual({ a: 1 });
    expect(row?.arr).toEqual(['1', '2']);
    expect(row?.flag).toBe(true);
  });

  it('runs the session in UTC', async () => {
    const row = await t.db.one<{ tz: string }>(sql`SELECT current_setting('TimeZone') AS tz`);
    expect(['UTC', 'Etc/UTC']).toContain(row?.tz);
  });

  it('buckets by day in the deployment time zone on purpose', async () => {
    const row = await t.db.one<{ day: string }>(sql`SELECT (('2026-03-01T17:30:00Z'::timestamptz) AT TIME ZONE 'Asia/Shanghai')::date::text AS day`);
    expect(row?.day).toBe('2026-03-02');
  });

  it('has PostGIS, ltree and pg_trgm', async () => {
    const row = await t.db.one<{ inside: boolean; under: boolean; sim: number }>(sql`SELECT
      ST_Covers(ST_MakeEnvelope(0,0,1,1,4326), ST_SetSRID(ST_MakePoint(0.5,0.5),4326)) AS inside,
      'root.6301.630102'::ltree <@ 'root.6301'::ltree AS under,
      similarity('东关大街街道', '东关大街') > 0.3 AS sim`);
    expect(row).toEqual({ inside: true, under: true, sim: true });
  });

  it('rolls a failed transaction back and leaves committed ones', async () => {
    await t.db.rows(sql`CREATE TEMP TABLE IF NOT EXISTS tx_probe (v int)`);
    await expect(t.db.tx(async (tx) => {
      await tx.rows(sql`INSERT INTO tx_probe VALUES (1)`);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await t.db.tx(async (tx) => tx.rows(sql`INSERT INTO tx_probe VALUES (2)`));
    const rows = await t.db.rows<{ v: number }>(sql`SELECT v FROM tx_probe`);
    expect(rows.map((r) => r.v)).toEqual([2]);
  });

  it('has applied every migration file', async () => {
    const rows = await t.db.rows<{ version: string }>(sql`SELECT version FROM schema_migrations ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });
});
