// The public-holiday calendar for any year.
//
// Three layers, the later winning day by day:
// 1. The statute — 《全国年节及纪念日放假办法》 as amended in force 2025-01-01: New Year 1 day (1 Jan),
//    Spring Festival 4 days (除夕 and 正月初一 to 初三), Qingming 1 (the 清明 solar term), Labour Day 2
//    (1–2 May), Dragon Boat 1 (五月初五), Mid-Autumn 1 (八月十五), National Day 3 (1–3 Oct), from the
//    lunar calendar (tyme4ts). Art. 6: a holiday for all citizens falling on a Saturday or Sunday is made
//    up on a working day — taken here as the first weekdays after the festival (the notice decides
//    the actual day, so a year without its notice is provisional).
// 2. The State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知): bridged days off
//    and make-up working days (调休上班). Entered per year as data; for the years tyme4ts ships
//    (LegalHoliday) the library's transcription is the notice until an administrator imports one.
// 3. Days edited by hand (a local arrangement or a correction).
import { LegalHoliday, LunarDay, SolarTerm } from 'tyme4ts';
import { addDays, dayNumber, formatIsoDate, fromDayNumber, parseIsoDate, weekdayOf } from './civil-date.js';
import type { HolidayCalendar } from './working-days.js';

import { HOLIDAY_NAMES, HOLIDAY_TEXT, type HolidayName } from './holiday-names.js';

export { HOLIDAY_NAMES, HOLIDAY_TEXT, type HolidayName } from './holiday-names.js';

const NAME_OF_ZH: Readonly<Record<string, HolidayName>> = Object.fromEntries(HOLIDAY_NAMES.map((n) => [HOLIDAY_TEXT[n].zh, n]));

/** 'holiday' = a day off (放假); 'workday' = a weekend day worked (调休上班); 'normal' (manual only) = the week's own rule. */
export type CalendarDayKind = 'holiday' | 'workday';
/** Where a day's kind comes from: the statute, the year's notice (imported, or the library's transcription), or a hand edit. */
export type CalendarDaySource = 'statute' | 'notice' | 'manual';

export interface CalendarDay {
  readonly date: string;
  readonly kind: CalendarDayKind;
  readonly name: HolidayName | null;
  readonly source: CalendarDaySource;
  /** Statutory days only: 'festival' (the day itself) or 'makeup' (补假 under Art. 6). */
  readonly basis?: 'festival' | 'makeup';
}

export const STATUTE_REF = '《全国年节及纪念日放假办法》（2024年11月10日国务院令第795号修订，2025-01-01施行）第二条、第六条';
export const LIBRARY_NOTICE_REF = 'tyme4ts LegalHoliday（国务院办公厅历年部分节假日安排的通知）';

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const solarIso = (s: { getYear(): number; getMonth(): number; getDay(): number }) => iso(s.getYear(), s.getMonth(), s.getDay());

function lunarToIso(year: number, month: number, day: number): string {
  return solarIso(LunarDay.fromYmd(year, month, day).getSolarDay());
}

/** The festival days the statute gives for a year, in date order (before Art. 6 make-up). */
export function statutoryFestivals(year: number): Array<{ date: string; name: HolidayName }> {
  const out: Array<{ date: string; name: HolidayName }> = [{ date: iso(year, 1, 1), name: 'new_year' }];
  // 除夕 is the last day of the previous lunar year (腊月廿九 or 三十): the day before 正月初一.
  const chunjie = LunarDay.fromYmd(year, 1, 1);
  const chuxi = chunjie.next(-1);
  out.push({ date: solarIso(chuxi.getSolarDay()), name: 'spring_festival' });
  for (let i = 0; i < 3; i++) out.push({ date: solarIso(chunjie.next(i).getSolarDay()), name: 'spring_festival' });
  out.push({ date: solarIso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay()), name: 'qingming' });
  out.push({ date: iso(year, 5, 1), name: 'labour_day' }, { date: iso(year, 5, 2), name: 'labour_day' });
  out.push({ date: lunarToIso(year, 5, 5), name: 'dragon_boat' });
  out.push({ date: lunarToIso(year, 8, 15), name: 'mid_autumn' });
  for (const d of [1, 2, 3]) out.push({ date: iso(year, 10, d), name: 'national_day' });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The statutory days off of a year: the festivals, and for each festival day that falls on a
 * Saturday or Sunday (or on a day already off for another festival) one make-up day (补假, Art. 6)
 * on the first following weekday that is not already off.
 */
export function statutoryDays(year: number): CalendarDay[] {
  const festivals = statutoryFestivals(year);
  const off = new Map<number, CalendarDay>();
  const pending: Array<{ after: number; name: HolidayName }> = [];
  for (const f of festivals) {
    const d = parseIsoDate(f.date);
    if (!d) continue;
    const n = dayNumber(d);
    const wd = weekdayOf(d);
    if (off.has(n) || wd === 0 || wd === 6) pending.push({ after: n, name: f.name });
    if (!off.has(n)) off.set(n, { date: f.date, kind: 'holiday', name: f.name, source: 'statute', basis: 'festival' });
  }
  // Make-up days go after the last day of the festival's block.
  for (const p of pending) {
    let n = p.after;
    while (off.get(n + 1)?.name === p.name) n++;
    for (;;) {
      n++;
      const wd = weekdayOf(fromDayNumber(n));
      if (wd === 0 || wd === 6 || off.has(n)) continue;
      off.set(n, { date: formatIsoDate(fromDayNumber(n)), kind: 'holiday', name: p.name, source: 'statute', basis: 'makeup' });
      break;
    }
  }
  return [...off.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export interface YearNotice {
  readonly year: number;
  /** Days off listed by the notice (the statutory ones included). */
  readonly holidays: ReadonlyArray<{ date: string; name: HolidayName | null }>;
  /** Weekend days worked (调休上班). */
  readonly workdays: ReadonlyArray<{ date: string; name: HolidayName | null }>;
}

const libraryCache = new Map<number, YearNotice | null>();

/**
 * The year's arrangement as transcribed by tyme4ts, or null when the library does not have it.
 * Days are taken by their own date (a make-up Saturday late in December for next year's New Year
 * belongs to the year it falls in).
 */
export function libraryNotice(year: number): YearNotice | null {
  const cached = libraryCache.get(year);
  if (cached !== undefined) return cached;
  const holidays: Array<{ date: string; name: HolidayName | null }> = [];
  const workdays: Array<{ date: string; name: HolidayName | null }> = [];
  let d = parseIsoDate(iso(year, 1, 1));
  while (d && d.year === year) {
    const h = LegalHoliday.fromYmd(d.year, d.month, d.day);
    if (h) (h.isWork() ? workdays : holidays).push({ date: formatIsoDate(d), name: NAME_OF_ZH[h.getName()] ?? null });
    d = addDays(d, 1);
  }
  // A year counts as covered only when the library lists its days off (not just a stray make-up day).
  const value = holidays.length > 0 ? { year, holidays, workdays } : null;
  libraryCache.set(year, value);
  return value;
}

/** The years tyme4ts ships the State Council's arrangements for (searched from 2000 up to a bound). */
export function libraryNoticeYears(until = 2100): { from: number; to: number } | null {
  let from: number | null = null;
  let to: number | null = null;
  for (let y = 2000; y <= until; y++) {
    if (libraryNotice(y)) {
      from ??= y;
      to = y;
    } else if (from !== null) break;
  }
  return from !== null && to !== null ? { from, to } : null;
}

export interface ManualDay {
  readonly date: string;
  readonly kind: CalendarDayKind | 'normal';
}

export interface YearDays {
  readonly year: number;
  /** True when no notice is known for the year: only the statute (with its make-up estimate) counts. */
  readonly provisional: boolean;
  /** Where the year's notice came from, when there is one. */
  readonly notice: 'import' | 'library' | null;
  readonly days: readonly CalendarDay[];
}

/**
 * The effective special days of one year: the notice's days when a notice is known (imported, or
 * the library's), otherwise the statutory days; then the hand edits. Statutory days stay days off
 * even when a notice forgets one.
 */
export function yearDays(year: number, imported: YearNotice | null, manual: readonly ManualDay[] = []): YearDays {
  const notice = imported ?? libraryNotice(year);
  const byDate = new Map<string, CalendarDay>();
  if (notice) {
    for (const h of notice.holidays) byDate.set(h.date, { date: h.date, kind: 'holiday', name: h.name, source: 'notice' });
    for (const w of notice.workdays) byDate.set(w.date, { date: w.date, kind: 'workday', name: w.name, source: 'notice' });
    for (const s of statutoryDays(year)) if (s.basis === 'festival' && !byDate.has(s.date)) byDate.set(s.date, s);
  } else {
    for (const s of statutoryDays(year)) if (s.date.startsWith(`${year}-`)) byDate.set(s.date, s);
  }
  // A make-up day pushed past 31 December of the previous year belongs to this year's list.
  if (!notice) {
    for (const s of statutoryDays(year - 1)) if (s.date.startsWith(`${year}-`) && !byDate.has(s.date)) byDate.set(s.date, s);
  }
  for (const m of manual) {
    if (!m.date.startsWith(`${year}-`)) continue;
    if (m.kind === 'normal') byDate.delete(m.date);
    else byDate.set(m.date, { date: m.date, kind: m.kind, name: byDate.get(m.date)?.name ?? null, source: 'manual' });
  }
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, provisional: notice === null, notice: imported ? 'import' : notice ? 'library' : null, days };
}

/**
 * A working-day calendar covering whole years [fromYear, toYear]: the lists addWorkingDays reads,
 * and the years that are provisional.
 */
export function calendarOfYears(years: readonly YearDays[], version: string): HolidayCalendar {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const first = sorted[0]?.year ?? 2000;
  const last = sorted[sorted.length - 1]?.year ?? first;
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (const y of sorted) {
    for (const d of y.days) (d.kind === 'holiday' ? holidays : workdays).push(d.date);
  }
  return {
    id: 'calendar.cn-public-holidays',
    version,
    source: `${STATUTE_REF}；国务院办公厅年度节假日安排通知`,
    confidence: 'confirmed',
    confidenceNote: {
      zh: '法定节假日按放假办法由农历推算；各年调休安排以录入的国务院办公厅通知为准，未录入通知的年份为暂定。',
      en: 'Statutory holidays are computed from the lunar calendar; each year\'s bridges and make-up days follow the State Council notice as entered; a year without its notice is provisional.',
    },
    configurable: true,
    coverage: { from: `${first}-01-01`, to: `${last}-12-31` },
    holidays,
    workdays,
    provisionalYears: sorted.filter((y) => y.provisional).map((y) => y.year),
  };
}

/** The built-in calendar (statute + the library's notices, no database) for whole years. */
export function builtInCalendar(fromYear: number, toYear: number): HolidayCalendar {
  const years: YearDays[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(yearDays(y, null));
  return calendarOfYears(years, `builtin.${fromYear}-${toYear}`);
}

/** The years a walk of n working days from `start` can reach (generous: 200 working days a year at least). */
export function yearsSpanned(start: string, n: number): { from: number; to: number } {
  const y = Number(start.slice(0, 4));
  const span = Math.ceil(Math.abs(n) / 200) + 1;
  return n < 0 ? { from: y - span, to: y } : { from: y, to: y + span };
}
