// The working-day calendar in force: statutory holidays for any year, the notices entered per year
// (or shipped by tyme4ts), the days edited by hand — assembled from the database for the years a
// computation needs. Not cached: a few small queries per deadline, never stale across instances.
import type { Executor } from '../../db/client.js';
import { calendarOfYears, yearDays, yearsSpanned, type HolidayName, type ManualDay, type YearDays, type YearNotice } from '../../../common/rules/holidays.js';
import { addWorkingDays, type HolidayCalendar } from '../../../common/rules/working-days.js';
import { deadlinesRepository as repo, type CalendarDayRow, type CalendarYearRow } from './deadlines.repository.js';

export interface YearData {
  days: YearDays;
  entered: CalendarYearRow | null;
  rows: CalendarDayRow[];
}

export interface ComputedDeadline {
  date: string;
  provisional: boolean;
  provisionalYears: number[];
  version: string;
}

async function loadYears(ex: Executor, from: number, to: number): Promise<YearData[]> {
  const [entered, rows] = await Promise.all([repo.calendarYears(ex, from, to), repo.calendarDays(ex, from, to)]);
  const out: YearData[] = [];
  for (let y = from; y <= to; y++) {
    const mine = rows.filter((r) => r.day.startsWith(`${y}-`));
    const e = entered.find((r) => Number(r.year) === y) ?? null;
    const notice: YearNotice | null = e
      ? {
          year: y,
          holidays: mine.filter((r) => r.source === 'notice' && r.kind === 'holiday').map((r) => ({ date: r.day, name: r.name as HolidayName | null })),
          workdays: mine.filter((r) => r.source === 'notice' && r.kind === 'workday').map((r) => ({ date: r.day, name: r.name as HolidayName | null })),
        }
      : null;
    const manual: ManualDay[] = mine.filter((r) => r.source === 'manual').map((r) => ({ date: r.day, kind: r.kind }));
    out.push({ days: yearDays(y, notice, manual), entered: e, rows: mine });
  }
  return out;
}

export const calendarStore = {
  loadYears,

  async year(ex: Executor, year: number): Promise<YearData> {
    const [y] = await loadYears(ex, year, year);
    if (!y) throw new Error('no year');
    return y;
  },

  /** The calendar covering whole years [from, to], versioned by its newest change. */
  async forYears(ex: Executor, from: number, to: number): Promise<HolidayCalendar> {
    const [years, stamp] = await Promise.all([loadYears(ex, from, to), repo.calendarStamp(ex, from, to)]);
    return calendarOfYears(years.map((y) => y.days), `${from}-${to}${stamp ? `@${stamp}` : ''}`);
  },

  /** The n-th working day after `start`, with the calendar version and whether a provisional year was crossed. */
  async addWorkingDays(ex: Executor, start: string, n: number): Promise<ComputedDeadline | { error: string }> {
    const span = yearsSpanned(start, n);
    const cal = await calendarStore.forYears(ex, span.from, span.to);
    const r = addWorkingDays(start, n, cal);
    if (!r.ok) return { error: r.errors.map((e) => e.message.en).join('; ') };
    return { date: r.value.date, provisional: r.value.provisional, provisionalYears: [...r.value.provisionalYears], version: cal.version };
  },
};
