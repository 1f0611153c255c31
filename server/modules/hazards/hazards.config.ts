// The hazard ledger's run-time configuration: escalation and deadline settings (settings table,
// key 'hazards') and the working-day calendar (versioned rows of holiday_calendars; the newest is
// in force, the shipped calendar until a deployment saves one).
import { sql, type Executor } from '../../db/client.js';
import { CN_HOLIDAYS_2025_2026, type HolidayCalendar } from '../../../common/rules/working-days.js';
import { DEFAULT_HAZARD_SETTINGS, type HazardSettings } from '../../../common/modules/hazards/hazards.contract.js';

const CACHE_MS = 5000;

export function hazardConfigStore(db: Executor) {
  let settings: { at: number; value: HazardSettings } | null = null;
  let calendar: { at: number; value: HolidayCalendar } | null = null;
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
    async calendar(ex: Executor = db): Promise<HolidayCalendar> {
      const now = Date.now();
      if (calendar && now - calendar.at < CACHE_MS) return calendar.value;
      const row = await ex.one<{ version: string; data: Pick<HolidayCalendar, 'holidays' | 'workdays' | 'coverage' | 'source'> }>(sql`
        SELECT version, data FROM holiday_calendars ORDER BY id DESC LIMIT 1`);
      const value: HolidayCalendar = row
        ? { ...CN_HOLIDAYS_2025_2026, version: row.version, source: row.data.source, holidays: row.data.holidays, workdays: row.data.workdays, coverage: row.data.coverage }
        : CN_HOLIDAYS_2025_2026;
      calendar = { at: now, value };
      return value;
    },
    async saveCalendar(tx: Executor, c: { version: string; source: string; holidays: string[]; workdays: string[]; coverage: { from: string; to: string } }, by: string | null, at: string) {
      const r = await tx.rows<{ id: string }>(sql`INSERT INTO holiday_calendars (version, data, created_by, created_at)
        VALUES (${c.version}, ${JSON.stringify({ source: c.source, holidays: c.holidays, workdays: c.workdays, coverage: c.coverage })}::jsonb,
          ${by}::bigint, ${at}::timestamptz)
        ON CONFLICT (version) DO NOTHING RETURNING id`);
      calendar = null;
      return r.length > 0;
    },
    invalidate() {
      settings = null;
      calendar = null;
    },
  };
}
export type HazardConfigStore = ReturnType<typeof hazardConfigStore>;
