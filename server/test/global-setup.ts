// Builds the migrated database template once per test run (cached by a hash of the
// migrations): a PGlite data-dir dump, or a template database on the PostgreSQL server when
// TEST_ENGINE=pg. Each test file then opens its own copy (server/test/db.ts).
import { existsSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../db/client.js';
import { migrate, migrationsFingerprint } from '../db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testEngine: 'pglite' | 'pg';
    pgliteTemplate: string;
    pgTemplateDb: string;
    pgBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const engine = process.env.TEST_ENGINE === 'pg' ? 'pg' : 'pglite';
  const fp = migrationsFingerprint();
  project.provide('testEngine', engine);
  if (engine === 'pglite') {
    const dir = path.resolve('node_modules/.cache/safegrid');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `pglite-template-${fp}.tar`);
    if (!existsSync(file)) {
      const db = await openDatabase({});
      await migrate(db);
      if (!db.pglite) throw new Error('expected PGlite');
      const dump = await db.pglite.dumpDataDir('none');
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      renameSync(tmp, file);
      await db.close();
    }
    project.provide('pgliteTemplate', file);
    project.provide('pgTemplateDb', '');
    project.provide('pgBaseUrl', '');
    return;
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('TEST_ENGINE=pg needs DATABASE_URL (scripts/pg-server.sh start prints one)');
  const tpl = `sg_tpl_${fp}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  // Concurrent runs wait for the one building the template.
  await admin.query('SELECT pg_advisory_lock(73010003)');
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tpl]);
  if (exists.rowCount === 0) {
    await admin.query(`CREATE DATABASE ${tpl}`);
    const url = new URL(base);
    url.pathname = `/${tpl}`;
    const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${tpl}`);
      throw e;
    }
    await db.close();
  }
  await admin.query('SELECT pg_advisory_unlock(73010003)');
  await admin.end();
  project.provide('pgliteTemplate', '');
  project.provide('pgTemplateDb', tpl);
  project.provide('pgBaseUrl', base);
}
