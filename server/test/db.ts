// A fresh, migrated database for one test file, on the engine the run was started with.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.js';

export interface TestDatabase {
  db: Database;
  /** The connection URL on the server engine (null on PGlite), e.g. for a second app instance. */
  url: string | null;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (inject('testEngine') === 'pglite') {
    const tar = readFileSync(inject('pgliteTemplate'));
    const db = await openDatabase({ loadDataDir: new Blob([tar]) });
    return { db, url: null, close: () => db.close() };
  }
  const base = inject('pgBaseUrl');
  const name = `sg_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplateDb')}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
