// The hazard ledger's run-time configuration: escalation and deadline settings (settings table,
// key 'hazards'). The working-day calendar is the deadlines module's (server/modules/deadlines).
import { sql, type Executor } from '../../db/client.js';
import { DEFAULT_HAZARD_SETTINGS, type HazardSettings } from '../../../common/modules/hazards/hazards.contract.js';

const CACHE_MS = 5000;

export function hazardConfigStore(db: Executor) {
  let settings: { at: number; value: HazardSettings } | null = null;
  return {
    /** Pass the transaction when inside one (the outer handle must not be used there). */
    async settings(ex: Executor = db): Promise<HazardSettings> {
      const now = Date.now();
      if (settings && now - settings.at < CACHE_MS) return settings.value;
      const row = await ex.one<{ value: Partial<HazardSettings> }>(sql`SELECT value FROM settings WHERE key = 'hazards'`);
      const value = { ...DEFAULT_HAZARD_SETTINGS, ...(row?.value ?? {}) };
      settings = { at: now, value };
      return value;
    },
    async setSettings(tx: Executor, value: HazardSettings, by: string | null): Promise<void> {
      await tx.rows(sql`INSERT INTO settings (key, value, updated_by, updated_at) VALUES ('hazards', ${JSON.stringify(value)}::jsonb, ${by}::bigint, now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`);
      settings = null;
    },
    invalidate() {
      settings = null;
    },
  };
}
export type HazardConfigStore = ReturnType<typeof hazardConfigStore>;
