// INSERT and UPDATE built from a record of column → value (a value may be an SQL expression),
// for the registries' wide tables. Given the table object of server/db/schema, the record's keys
// are checked against the table's columns.
import { getTableName, SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { sql, type Executor } from '../../db/client.js';

export type ColValue = string | number | boolean | null | Buffer | SQL;
export type Row = Record<string, ColValue>;
/** Column → value for one declared table: only its columns. */
export type TableRow<T extends PgTable> = { [K in keyof T['$inferInsert']]?: ColValue };
/** A column name of a declared table. */
export type ColumnOf<T extends PgTable> = keyof T['$inferInsert'] & string;

const tableName = (t: PgTable | string) => (typeof t === 'string' ? t : getTableName(t));

function value(v: ColValue): SQL {
  if (v instanceof SQL) return v;
  if (Buffer.isBuffer(v)) return sql`${v}::bytea`;
  return sql`${v}`;
}

export async function insertRow<T extends PgTable>(db: Executor, table: T, row: TableRow<T>): Promise<string>;
/** By table name: the columns are not checked (prefer the table object). */
export async function insertRow(db: Executor, table: string, row: Row): Promise<string>;
export async function insertRow(db: Executor, t: PgTable | string, input: object): Promise<string> {
  const table = tableName(t);
  const row = input as Row;
  const cols = Object.keys(row);
  const res = await db.one<{ id: string }>(sql`INSERT INTO ${sql.identifier(table)} (${sql.join(cols.map((c) => sql.identifier(c)), sql`, `)})
    VALUES (${sql.join(cols.map((c) => value(row[c] ?? null)), sql`, `)}) RETURNING id`);
  if (!res) throw new Error(`insert into ${table} returned nothing`);
  return res.id;
}

/** Inserts rows that share the same columns with one statement; returns their ids in order. */
export async function insertRows<T extends PgTable>(db: Executor, table: T, rows: TableRow<T>[]): Promise<string[]>;
export async function insertRows(db: Executor, table: string, rows: Row[]): Promise<string[]>;
export async function insertRows(db: Executor, t: PgTable | string, input: object[]): Promise<string[]> {
  const table = tableName(t);
  const rows = input as Row[];
  const first = rows[0];
  if (!first) return [];
  const cols = Object.keys(first);
  const tuples = rows.map((r) => sql`(${sql.join(cols.map((c) => value(r[c] ?? null)), sql`, `)})`);
  const res = await db.rows<{ id: string }>(sql`INSERT INTO ${sql.identifier(table)} (${sql.join(cols.map((c) => sql.identifier(c)), sql`, `)})
    VALUES ${sql.join(tuples, sql`, `)} RETURNING id`);
  return res.map((r) => r.id);
}

export async function updateRow<T extends PgTable>(db: Executor, table: T, id: string, row: TableRow<T>): Promise<void>;
export async function updateRow(db: Executor, table: string, id: string, row: Row): Promise<void>;
export async function updateRow(db: Executor, t: PgTable | string, id: string, input: object): Promise<void> {
  const table = tableName(t);
  const row = input as Row;
  const cols = Object.keys(row);
  if (cols.length === 0) return;
  const sets = cols.map((c) => sql`${sql.identifier(c)} = ${value(row[c] ?? null)}`);
  await db.rows(sql`UPDATE ${sql.identifier(table)} SET ${sql.join(sets, sql`, `)} WHERE id = ${id}::bigint`);
}

/** A timestamp parameter from the service's clock. */
export function ts(d: Date): SQL {
  return sql`${d.toISOString()}::timestamptz`;
}
