// The declared schema (server/db/schema) against the migrated database, on the engine the run uses:
// every table and column the same, no undeclared table; and the row types say what the engines return.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { getTableConfig, pgTable, text, type PgColumn } from 'drizzle-orm/pg-core';
import { sql, toIso } from '../client.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { databaseColumns, declaredTables, kindOf, runtimeKind, schemaDrift, type DbColumn } from './drift.js';
import * as schema from './index.js';
import { identity, int8, timestamptz } from './types.js';

let t: TestDatabase;
let dbColumns: DbColumn[];
beforeAll(async () => {
  t = await createTestDatabase();
  dbColumns = await databaseColumns(t.db);
});
afterAll(async () => t.close());

describe('schema drift', () => {
  it('declares every table and column of the migrated database, with its type, nullability and default', () => {
    expect(dbColumns.length).toBeGreaterThan(300);
    expect(schemaDrift(dbColumns, declaredTables())).toEqual([]);
  });

  it('reports a renamed column, a changed type or nullability, a missing default and a missing declaration', () => {
    const orgsRenamed = pgTable('orgs', { id: identity(), title: text() });
    const tables = declaredTables().filter((x) => getTableConfig(x).name !== 'orgs' && getTableConfig(x).name !== 'jobs'
      && getTableConfig(x).name !== 'open311_keys');
    const jobs = pgTable('jobs', {
      name: text().primaryKey(),
      interval_seconds: text().notNull(),
      next_run_at: timestamptz(),
      locked_by: text(),
      locked_until: timestamptz(),
      last_started_at: timestamptz(),
      last_finished_at: timestamptz(),
      last_error: text(),
      runs: int8().notNull(),
    });
    const problems = schemaDrift(dbColumns, [...tables, orgsRenamed, jobs]);
    expect(problems).toContain('orgs.title: declared (text) but not in the database');
    expect(problems).toContain('orgs.name: in the database (text NOT NULL) but not declared');
    expect(problems).toContain('jobs.interval_seconds: database integer NOT NULL / declared text NOT NULL');
    expect(problems).toContain('jobs.next_run_at: database timestamp with time zone NOT NULL / declared timestamp with time zone');
    expect(problems).toContain('jobs.runs: database bigint NOT NULL DEFAULT / declared bigint NOT NULL');
    expect(problems).toContain('open311_keys: table in the database with no declaration in server/db/schema');
  });

  it('reports a table declared but never migrated, and allows only the internal tables undeclared', async () => {
    const ghost = pgTable('ghost_table', { id: identity() });
    expect(schemaDrift(dbColumns, [...declaredTables(), ghost])).toEqual(['ghost_table: declared but not in the database']);
    const tables = new Set(dbColumns.map((c) => c.table));
    expect(tables.has('schema_migrations')).toBe(true);
    const undeclared = [...tables].filter((n) => !declaredTables().some((d) => getTableConfig(d).name === n));
    expect(undeclared.sort()).toEqual(['schema_migrations', 'spatial_ref_sys'].filter((n) => tables.has(n)));
  });
});

// One sample value of each declared SQL type, read back through the engine: the declared row
// type (and runtimeKind) must match what comes back.
const SAMPLES: Record<string, string> = {
  bigint: '9007199254740993',
  integer: '7',
  smallint: '3',
  real: '1.5',
  'double precision': '2.25',
  'numeric(6, 2)': '1.50',
  'numeric(12, 2)': '100.00',
  text: 'x',
  boolean: 'true',
  date: '2026-01-02',
  'timestamp with time zone': '2026-01-02T03:04:05.678Z',
  jsonb: '{"a":1}',
  bytea: '\\x0102',
  ltree: 'root.a',
  tsvector: 'a',
  'geometry(Point,4326)': 'SRID=4326;POINT(101.78 36.62)',
  'geometry(MultiPolygon,4326)': 'SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)))',
};

describe('declared types are what the engines return', () => {
  const columns = declaredTables().flatMap((tb) => getTableConfig(tb).columns);
  const byType = new Map<string, PgColumn>();
  for (const c of columns) if (!byType.has(c.getSQLType())) byType.set(c.getSQLType(), c);

  it('has a sample for every declared SQL type', () => {
    const missing = [...byType.keys()].filter((ty) => !SAMPLES[ty.replace(/\[\]$/, '')]);
    expect(missing).toEqual([]);
  });

  it.each([...byType.keys()].sort())('%s', async (type) => {
    const col = byType.get(type) as PgColumn;
    const base = type.replace(/\[\]$/, '');
    const sample = SAMPLES[base] as string;
    const literal = type.endsWith('[]') ? `{"${sample}"}` : sample;
    const row = await t.db.one<{ v: unknown }>(sql`SELECT CAST(CAST(${literal} AS text) AS ${sql.raw(type)}) AS v`);
    const kind = runtimeKind(col);
    if (kind === 'json') {
      expect(row?.v).toEqual({ a: 1 });
      return;
    }
    expect(kindOf(row?.v)).toBe(kind);
    if (kind === 'array') expect(kindOf((row?.v as unknown[])[0])).toBe(base === 'bytea' ? 'buffer' : 'string');
    if (type === 'timestamp with time zone') expect(toIso(row?.v as string)).toBe(sample);
    if (base === 'bigint' && kind === 'string') expect(type.endsWith('[]') ? (row?.v as string[])[0] : row?.v).toBe(sample);
  });

  it('reads the seeded rows of the migrations in their declared forms', async () => {
    for (const table of [schema.units, schema.inspectionIntervals, schema.checklistTemplates, schema.checklistItems]) {
      const cfg = getTableConfig(table);
      const rows = await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM ${table} LIMIT 20`);
      expect(rows.length, cfg.name).toBeGreaterThan(0);
      for (const r of rows) {
        for (const c of cfg.columns) {
          const k = kindOf(r[c.name]);
          if (k === 'null') {
            expect(c.notNull, `${cfg.name}.${c.name} is null`).toBe(false);
            continue;
          }
          const want = runtimeKind(c);
          if (want !== 'json') expect(k, `${cfg.name}.${c.name}`).toBe(want);
        }
      }
    }
  });

  it('derives row types that say so', () => {
    type Unit = typeof schema.units.$inferSelect;
    expectTypeOf<Unit['id']>().toEqualTypeOf<string>();
    expectTypeOf<Unit['parent_id']>().toEqualTypeOf<string | null>();
    expectTypeOf<Unit['created_at']>().toEqualTypeOf<string>();
    expectTypeOf<Unit['leader_phone_enc']>().toEqualTypeOf<Buffer | null>();
    expectTypeOf<Unit['households']>().toEqualTypeOf<number | null>();
    expectTypeOf<Unit['level']>().toEqualTypeOf<'root' | 'province' | 'city' | 'district' | 'street' | 'community' | 'grid'>();
    expectTypeOf<(typeof schema.orgServiceLogs.$inferSelect)['hours']>().toEqualTypeOf<string>();
    expectTypeOf<(typeof schema.orgServiceLogs.$inferSelect)['served_on']>().toEqualTypeOf<string>();
    expectTypeOf<(typeof schema.spotChecks.$inferSelect)['candidate_places']>().toEqualTypeOf<string[]>();
    expectTypeOf<(typeof schema.jobs.$inferSelect)['runs']>().toEqualTypeOf<string>();
    expectTypeOf<(typeof schema.units.$inferInsert)['id']>().toEqualTypeOf<string | undefined>();
  });
});
