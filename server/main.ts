// Start SafeGrid: read the configuration, open and migrate the database, load the demo city on a
// first start, listen.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { systemClock } from './core/context.js';
import { loadOrCreateSecrets } from './core/secrets.js';
import { openDeploymentDatabase } from './db/open.js';
import { DataDirLockedError } from './db/lock.js';
import { shouldLoadDemo, loadDemo } from './demo/demo.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const t0 = Date.now();
  let opened;
  try {
    opened = await openDeploymentDatabase(config, 'server', (m) => console.log(`[db] ${m}`));
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const secrets = loadOrCreateSecrets(config.secretsFile);
  const deps = { config, db: opened.db, clock: systemClock, secrets };
  // The request log goes to a file so the terminal stays readable; SAFEGRID_LOG_FILE=- sends it to standard output.
  if (config.logFile) mkdirSync(path.dirname(config.logFile), { recursive: true });
  const logger = config.logFile ? { level: config.logLevel, file: config.logFile } : { level: config.logLevel };
  const { app, ctx, modules } = await buildApp(deps, { logger, lazySchemas: true });

  let credentials: string | null = null;
  if (await shouldLoadDemo(ctx)) {
    console.log('[demo] First start on an empty database: loading the Xining demo city …');
    const report = await loadDemo(ctx, { log: (m) => console.log(`[demo] ${m}`) });
    credentials = report.credentialsText;
  }

  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  opened.lock?.update({ port });
  for (const m of modules) m.start?.();
  // The last lines of the start: where the log goes, the URL, and the demo accounts.
  if (config.logFile) console.log(`Request log: ${path.relative(process.cwd(), config.logFile) || config.logFile}`);
  console.log(`SafeGrid is ready on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port} (${opened.db.engine}, ${Date.now() - t0} ms)`);
  const credentialsFile = path.join(config.dataDir, 'demo-credentials.txt');
  if (credentials) console.log(credentials);
  else if (config.showCredentials && existsSync(credentialsFile)) console.log(readFileSync(credentialsFile, 'utf8'));
  else if (existsSync(credentialsFile)) console.log(`Demo accounts and their passwords: ${path.relative(process.cwd(), credentialsFile)}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[server] ${signal}: shutting down`);
    for (const m of modules) await m.stop?.();
    await app.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
