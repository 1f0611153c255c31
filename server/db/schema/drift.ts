// Compares the migrated database with the declared tables: every table and column (name, type,
// nullability, whether it has a default) must match, and no table may exist undeclared except the
// internal ones listed here. Used by schema.drift.test.ts on both engines.
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { sql, type Executor } from '../client.js';
import * as schema from './index.js';

/** Tables that exist without a declaration: the migration runner's own and PostGIS's. */
export const INTERNAL_TABLES: readonly string[] = ['schema_migrations', 'spatial_ref_sys'];

export interface DbColumn {
  table: string;
  column: string;
  type: string;
  not_null: boolean;
  has_default: boolean;
}

/** Every declared table of server/db/schema. */
export function declaredTables(mod: Record<string, unknown> = schema): PgTable[] {
  return Object.values(mod).filter((v): v is PgTable => is(v, PgTable));
}

export async function databaseColumns(db: Executor): Promise<DbColumn[]> {
  return db.rows<DbColumn>(sql`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
      (a.atthasdef OR a.attidentity <> '') AS has_default
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
}

const normType = (t: string) => t.toLowerCase().replace(/\s*,\s*/g, ',').replace(/\s+/g, ' ').trim();

function describe(c: { type: string; not_null: boolean; has_default: boolean }): string {
  return `${normType(c.type)}${c.not_null ? ' NOT NULL' : ''}${c.has_default ? ' DEFAULT' : ''}`;
}

/** The differences, one line each ("table.column: database … / declared …"); empty when in step. */
export function schemaDrift(dbColumns: DbColumn[], tables: PgTable[], internal: readonly string[] = INTERNAL_TABLES): string[] {
  const problems: string[] = [];
  const inDb = new Map<string, Map<string, DbColumn>>();
  for (const c of dbColumns) {
    if (internal.includes(c.table)) continue;
    let t = inDb.get(c.table);
    if (!t) inDb.set(c.table, (t = new Map<string, DbColumn>()));
    t.set(c.column, c);
  }
  const declared = new Set<string>();
  for (const table of tables) {
    const cfg = getTableConfig(table);
    if (declared.has(cfg.name)) problems.push(`${cfg.name}: declared twice`);
    declared.add(cfg.name);
    const dbCols = inDb.get(cfg.name);
    if (!dbCols) {
      problems.push(`${cfg.name}: declared but not in the database`);
      continue;
    }
    const seen = new Set<string>();
    for (const col of cfg.columns) {
      seen.add(col.name);
      const d = dbCols.get(col.name);
      const want = describe({ type: col.getSQLType(), not_null: col.notNull, has_default: col.hasDefault });
      if (!d) {
        problems.push(`${cfg.name}.${col.name}: declared (${want}) but not in the database`);
        continue;
      }
      const have = describe(d);
      if (have !== want) problems.push(`${cfg.name}.${col.name}: database ${have} / declared ${want}`);
    }
    for (const [name, d] of dbCols) {
      if (!seen.has(name)) problems.push(`${cfg.name}.${name}: in the database (${describe(d)}) but not declared`);
    }
  }
  for (const name of inDb.keys()) {
    if (!declared.has(name)) problems.push(`${name}: table in the database with no declaration in server/db/schema`);
  }
  return problems.sort();
}

/** What a raw query returns for a column of this declaration (see server/db/client.ts). */
export type RuntimeKind = 'string' | 'number' | 'boolean' | 'buffer' | 'json' | 'array';

export function runtimeKind(col: PgColumn): RuntimeKind {
  switch (col.columnType) {
    case 'PgArray':
      return 'array';
    case 'PgText':
    case 'PgTimestampString':
    case 'PgDateString':
    case 'PgNumeric':
      return 'string';
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgReal':
    case 'PgDoublePrecision':
      return 'number';
    case 'PgBoolean':
      return 'boolean';
    case 'PgJsonb':
      return 'json';
    case 'PgCustomColumn':
      return col.getSQLType() === 'bytea' ? 'buffer' : 'string';
    default:
      throw new Error(`${col.name}: column type ${col.columnType} has no known runtime form; add it to runtimeKind`);
  }
}

export function kindOf(v: unknown): RuntimeKind | 'null' | 'other' {
  if (v === null || v === undefined) return 'null';
  if (Buffer.isBuffer(v)) return 'buffer';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'other';
}
