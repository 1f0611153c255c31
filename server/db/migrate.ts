// The one migration runner: at start, in the CLI and in tests. Migrations are append-only SQL
// files; an applied file whose content changed is refused (edit by appending a new file).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  script: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const script = readFileSync(path.join(dir, f), 'utf8');
      return {
        version: f.slice(0, 4),
        name: f.slice(5, -4),
        checksum: createHash('sha256').update(script).digest('hex'),
        script,
      };
    });
}

/** A hash of every migration, e.g. to key cached test templates. */
export function migrationsFingerprint(dir = MIGRATIONS_DIR): string {
  const h = createHash('sha256');
  for (const m of listMigrations(dir)) h.update(m.version + m.checksum);
  return h.digest('hex').slice(0, 16);
}

interface RawTx {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
}

/** One transaction on the engine's own driver (multi-statement scripts need the simple protocol). */
async function rawTransaction<T>(db: Database, fn: (tx: RawTx) => Promise<T>): Promise<T> {
  if (db.pglite) {
    return db.pglite.transaction(async (t) =>
      fn({
        query: async <R>(text: string, params?: unknown[]) => (await t.query<R>(text, params ?? [])).rows,
        exec: async (script) => {
          await t.exec(script);
        },
      }),
    );
  }
  if (!db.pool) throw new Error('database has no engine handle');
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn({
      query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params ?? [])).rows as R[],
      exec: async (script) => {
        await client.query(script);
      },
    });
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function migrate(db: Database, log: (msg: string) => void = () => {}): Promise<string[]> {
  return rawTransaction(db, async (tx) => {
    // Several app instances may start together against one server: serialize on an advisory lock.
    await tx.query('SELECT pg_advisory_xact_lock(73010001)');
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (await tx.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations')).map(
        (r) => [r.version, r.checksum],
      ),
    );
    const applied: string[] = [];
    for (const m of listMigrations()) {
      const prior = done.get(m.version);
      if (prior !== undefined) {
        if (prior !== m.checksum) {
          throw new Error(`Migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      log(`migrating ${m.version}_${m.name}`);
      await tx.exec(m.script);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      applied.push(`${m.version}_${m.name}`);
    }
    return applied;
  });
}
