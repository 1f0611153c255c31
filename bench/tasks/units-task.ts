// Task: the Xining hierarchy import and grid generation on a fresh, migrated database (in-memory
// PGlite, or a scratch database on the PostgreSQL server named by BENCH_PG_URL). Prints JSON.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { systemClock } from '../../server/core/context.js';
import { generateSecrets } from '../../server/core/secrets.js';
import { openDatabase } from '../../server/db/client.js';
import { migrate } from '../../server/db/migrate.js';
import { importXining } from '../../server/demo/scale/hierarchy.js';
import { memoryOf } from '../lib/proc.js';

const serverUrl = process.env.BENCH_PG_URL;
let scratch: string | null = null;
let url: string | null = null;
if (serverUrl) {
  scratch = `sg_bench_units_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${scratch}`;
  url = u.toString();
}
try {
  const t0 = performance.now();
  const db = await openDatabase(url ? { databaseUrl: url } : {});
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  await migrate(db);
  const migrateMs = performance.now() - t1;
  const config = loadConfig({ ...process.env, SAFEGRID_DEMO: 'off', SAFEGRID_DATA_DIR: '/nonexistent-bench' });
  const built = await buildApp({ config, db, clock: systemClock, secrets: generateSecrets() }, { serveWeb: false });
  const h = await importXining(built.ctx);
  await built.app.close();
  await db.close();
  process.stdout.write(JSON.stringify({ engine: url ? 'pg' : 'pglite', openMs, migrateMs, ...h, hwmMb: memoryOf(process.pid)?.hwmMb ?? null }) + '\n');
} finally {
  if (scratch && serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  }
}
