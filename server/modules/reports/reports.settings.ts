// Settings documents of the public reports (portal and abuse limits, rewards) and of Open311,
// stored in the `settings` table over defaults, cached for a few seconds.
import type { Executor } from '../../db/client.js';
import { reportsRepository as repo } from './reports.repository.js';

const CACHE_MS = 5000;

export interface SettingsDoc<T extends object> {
  /** Pass the transaction when inside one (the outer handle must not be used there). */
  get(ex?: Executor): Promise<T>;
  set(tx: Executor, value: T, by: string | null): Promise<void>;
  invalidate(): void;
}

export function settingsDoc<T extends object>(db: Executor, key: string, defaults: T): SettingsDoc<T> {
  let cached: { at: number; value: T } | null = null;
  return {
    async get(ex: Executor = db) {
      const now = Date.now();
      if (cached && now - cached.at < CACHE_MS) return cached.value;
      const row = await repo.settingsDoc(ex, key);
      const value = { ...defaults, ...((row?.value ?? {}) as Partial<T>) };
      cached = { at: now, value };
      return value;
    },
    async set(tx, value, by) {
      await repo.putSettingsDoc(tx, key, value, by);
      cached = null;
    },
    invalidate() {
      cached = null;
    },
  };
}
