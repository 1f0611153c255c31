// Settings the security administrator can change at run time, over the configured defaults.
import { sql, type Executor } from '../db/client.js';
import type { SecurityDefaults } from '../config.js';

export type SecuritySettings = SecurityDefaults;

const CACHE_MS = 5000;

export function securitySettingsStore(db: Executor, defaults: SecurityDefaults) {
  let cached: { at: number; value: SecuritySettings } | null = null;
  return {
    async get(): Promise<SecuritySettings> {
      const now = Date.now();
      if (cached && now - cached.at < CACHE_MS) return cached.value;
      const row = await db.one<{ value: Partial<SecuritySettings> }>(sql`SELECT value FROM settings WHERE key = 'security'`);
      const value = { ...defaults, ...(row?.value ?? {}) };
      cached = { at: now, value };
      return value;
    },
    async set(tx: Executor, value: SecuritySettings, by: string | null): Promise<void> {
      await tx.rows(sql`INSERT INTO settings (key, value, updated_by, updated_at) VALUES ('security', ${JSON.stringify(value)}::jsonb, ${by}::bigint, now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`);
      cached = null;
    },
    invalidate() {
      cached = null;
    },
  };
}
export type SecuritySettingsStore = ReturnType<typeof securitySettingsStore>;
