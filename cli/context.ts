// What a CLI command runs with: the deployment's database (locked while the command runs when
// embedded), the same services as the server, acting as the system (or as a named user).
import { loadConfig, type Config } from '../server/config.js';
import { buildApp, type App } from '../server/app.js';
import { systemClock } from '../server/core/context.js';
import { loadOrCreateSecrets } from '../server/core/secrets.js';
import { openDeploymentDatabase } from '../server/db/open.js';

export interface CliContext extends App {
  config: Config;
  close(): Promise<void>;
}

export async function openCli(role: string): Promise<CliContext> {
  const config = loadConfig();
  const opened = await openDeploymentDatabase(config, role, (m) => process.stderr.write(`[db] ${m}\n`));
  const secrets = loadOrCreateSecrets(config.secretsFile);
  const built = await buildApp({ config, db: opened.db, clock: systemClock, secrets }, { serveWeb: false });
  return {
    ...built,
    config,
    async close() {
      await built.app.close();
      await opened.close();
    },
  };
}
