// Opening the deployment's database for one process: lock the embedded data directory, open the
// engine, run the migrations.
import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database } from './client.js';
import { acquireDataDirLock } from './lock.js';
import { migrate } from './migrate.js';

export interface OpenedDatabase {
  db: Database;
  /** Close the database and release the data-directory lock. */
  close(): Promise<void>;
  lock: { update(info: { port?: number }): void } | null;
}

export async function openDeploymentDatabase(config: Config, role: string, log: (msg: string) => void = () => {}): Promise<OpenedDatabase> {
  const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir, role);
  try {
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
    await migrate(db, log);
    return {
      db,
      lock,
      async close() {
        await db.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}
