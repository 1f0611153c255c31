// One database interface over two engines: embedded PGlite (+PostGIS, ltree, pg_trgm) and a
// PostgreSQL server through a pool. Same SQL, same result types (int8 and numeric as strings,
// timestamps as strings that `toIso` turns into ISO-8601, bytea as Buffer).
import { PGlite } from '@electric-sql/pglite';
import { postgisTrimmed as postgis } from './postgis-bundle.js';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Orm = PgDatabase<PgQueryResultHKT>;
export { sql, type SQL };

/** What repositories receive: run a query, get rows. A transaction is an Executor too. */
export interface Executor {
  readonly orm: Orm;
  rows<T>(query: SQL): Promise<T[]>;
  one<T>(query: SQL): Promise<T | undefined>;
  /** Runs fn in a transaction (a savepoint when already inside one). */
  tx<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
}

export interface Database extends Executor {
  readonly engine: 'pglite' | 'pg';
  /** A multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>;
  /** Bulk-load rows of text columns with COPY (tab-separated, \N for null). */
  copyRows(table: string, columns: string[], lines: AsyncIterable<string> | Iterable<string>): Promise<number>;
  close(): Promise<void>;
  /** The PGlite instance (embedded engine only), e.g. to dump a test template. */
  readonly pglite: PGlite | null;
  readonly pool: pg.Pool | null;
}

const INT8 = 20;
const INT8_ARRAY = 1016;
const BYTEA = 17;

function wrap(orm: Orm): Executor {
  const ex: Executor = {
    orm,
    async rows<T>(query: SQL): Promise<T[]> {
      const res = (await orm.execute(query)) as { rows: unknown[] };
      return res.rows as T[];
    },
    async one<T>(query: SQL): Promise<T | undefined> {
      const res = (await orm.execute(query)) as { rows: unknown[] };
      return res.rows[0] as T | undefined;
    },
    tx<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
      return orm.transaction((t) => fn(wrap(t as unknown as Orm)));
    },
  };
  return ex;
}

export interface OpenOptions {
  /** PGlite data directory; undefined for in-memory. */
  dataDir?: string;
  /** A dumped data directory (test templates). */
  loadDataDir?: Blob;
  databaseUrl?: string | null;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPg(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const lite = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { postgis, ltree, pg_trgm },
    parsers: {
      [INT8]: (v: string) => v,
      [INT8_ARRAY]: (v: string) => parseTextArray(v),
      [BYTEA]: (v: string) => Buffer.from(v.startsWith('\\x') ? v.slice(2) : v, 'hex'),
    },
  });
  await lite.exec(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD';`);
  const orm = drizzlePglite(lite) as unknown as Orm;
  const base = wrap(orm);
  return {
    ...base,
    engine: 'pglite',
    pglite: lite,
    pool: null,
    async exec(script: string) {
      await lite.exec(script);
    },
    async copyRows(table, columns, lines) {
      const chunks: string[] = [];
      let n = 0;
      for await (const line of lines as AsyncIterable<string>) {
        chunks.push(line, '\n');
        n++;
      }
      if (n === 0) return 0;
      const blob = new Blob([chunks.join('')]);
      await lite.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob'`, [], { blob });
      return n;
    },
    async close() {
      await lite.close();
    },
  };
}

async function openPg(url: string, size: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    options: '-c TimeZone=UTC -c DateStyle=ISO,YMD',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === BYTEA) return (v: string) => Buffer.from(v.startsWith('\\x') ? v.slice(2) : v, 'hex');
        if (oid === INT8) return (v: string) => v;
        if (oid === INT8_ARRAY) return (v: string) => parseTextArray(v);
        const parse = pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
        return parse;
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  // Fail fast with a clear message when the server is unreachable.
  const client = await pool.connect();
  client.release();
  const orm = drizzlePg(pool) as unknown as Orm;
  const base = wrap(orm);
  return {
    ...base,
    engine: 'pg',
    pglite: null,
    pool,
    async exec(script: string) {
      await pool.query(script);
    },
    async copyRows(table, columns, lines) {
      const client = await pool.connect();
      let n = 0;
      try {
        const stream = client.query(copyFrom(`COPY ${table} (${columns.join(',')}) FROM STDIN`));
        const done = new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
        });
        let buf = '';
        for await (const line of lines as AsyncIterable<string>) {
          buf += line + '\n';
          n++;
          if (buf.length > 1 << 20) {
            if (!stream.write(buf)) await new Promise((r) => stream.once('drain', r));
            buf = '';
          }
        }
        stream.end(buf);
        await done;
      } finally {
        client.release();
      }
      return n;
    },
    async close() {
      await pool.end();
    },
  };
}

function parseTextArray(v: string): string[] {
  const inner = v.slice(1, -1);
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}

/** Timestamps come back as PostgreSQL text ('2026-01-02 03:04:05.678+00'); present them as ISO. */
export function toIso(ts: string | Date | null | undefined): string | null {
  if (ts === null || ts === undefined) return null;
  if (ts instanceof Date) return ts.toISOString();
  const d = new Date(ts.includes('T') ? ts : ts.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? ts : d.toISOString();
}

export { sql as default };
export const raw = sql.raw;
