// Writes docs/openapi.json from the route contracts; with --check, fails when the committed
// document differs from what the code generates (run in CI).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { buildApp } from '../server/app.js';
import { ManualClock } from '../server/core/context.js';
import { generateSecrets } from '../server/core/secrets.js';
import { offlineDatabase } from '../server/db/offline.js';
import { loadConfig } from '../server/config.js';
import { withTable } from './permissions-doc.js';

const OUT = 'docs/openapi.json';
const PERMS = 'docs/PERMISSIONS.md';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

const config = loadConfig({ SAFEGRID_DEMO: 'off', SAFEGRID_DATA_DIR: '/nonexistent', SAFEGRID_WEB_DIST: '/nonexistent' });
const { app } = await buildApp({ config, db: offlineDatabase(), clock: new ManualClock(), secrets: generateSecrets() }, { serveWeb: false });
await app.ready();
const doc = JSON.stringify(sortKeys(app.swagger()), null, 2) + '\n';
await app.close();

const permsDoc = withTable(readFileSync(PERMS, 'utf8'));

if (process.argv.includes('--check')) {
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  let ok = true;
  if (current !== doc) {
    console.error(`${OUT} is out of date with the route contracts. Run "npm run gen" and commit the result.`);
    ok = false;
  }
  if (readFileSync(PERMS, 'utf8') !== permsDoc) {
    console.error(`${PERMS} is out of date with common/permissions.ts. Run "npm run gen" and commit the result.`);
    ok = false;
  }
  if (!ok) process.exit(1);
  console.log(`${OUT} and ${PERMS} match the code.`);
} else {
  writeFileSync(OUT, doc);
  writeFileSync(PERMS, permsDoc);
  console.log(`Wrote ${OUT} (${Object.keys((JSON.parse(doc) as { paths: object }).paths).length} paths).`);
}
