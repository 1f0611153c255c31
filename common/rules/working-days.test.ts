import { describe, expect, it } from 'vitest';
import { parseIsoDate, weekdayOf } from './civil-date.js';
import {
  addCalendarDays,
  addWorkingDays,
  calendarDaysBetween,
  dayKind,
  isWorkingDay,
  validateHolidayCalendar,
  workingDaysBetween,
  type HolidayCalendar,
} from './working-days.js';
import { builtInCalendar } from './holidays.js';

// The 2025 and 2026 arrangements as tyme4ts ships them (the State Council notices).
const CN_HOLIDAYS_2025_2026 = builtInCalendar(2025, 2026);

function add(start: string, n: number, cal: HolidayCalendar = CN_HOLIDAYS_2025_2026): string {
  const r = addWorkingDays(start, n, cal);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.date;
}

function between(a: string, b: string): number {
  const r = workingDaysBetween(a, b);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.count;
}

describe('built-in calendar 2025–2026 (the notices tyme4ts ships)', () => {
  it('is well-formed: real dates, no duplicates, adjusted workdays are weekends', () => {
    expect(validateHolidayCalendar(CN_HOLIDAYS_2025_2026)).toEqual([]);
    expect(CN_HOLIDAYS_2025_2026.configurable).toBe(true);
    expect(CN_HOLIDAYS_2025_2026.provisionalYears).toEqual([]);
  });

  it('has the notice day counts: 2025 → 28 holiday days, 5 workdays; 2026 → 33, 6', () => {
    const y = (list: readonly string[], year: string) => list.filter((d) => d.startsWith(year)).length;
    // 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7
    expect(y(CN_HOLIDAYS_2025_2026.holidays, '2025')).toBe(28);
    expect(y(CN_HOLIDAYS_2025_2026.holidays, '2026')).toBe(33);
    expect(y(CN_HOLIDAYS_2025_2026.workdays, '2025')).toBe(5);
    expect(y(CN_HOLIDAYS_2025_2026.workdays, '2026')).toBe(6);
  });

  it('weekday checks against the notices (周X given in the notices)', () => {
    const wd = (s: string) => {
      const d = parseIsoDate(s);
      if (d === undefined) throw new Error(s);
      return weekdayOf(d);
    };
    expect(wd('2025-01-28')).toBe(2); // 农历除夕、周二
    expect(wd('2025-10-08')).toBe(3); // 周三
    expect(wd('2026-02-15')).toBe(0); // 周日
    expect(wd('2026-02-23')).toBe(1); // 周一
    expect(wd('2026-10-07')).toBe(3); // 周三
  });

  it('classifies days', () => {
    expect(dayKind('2025-10-08')).toBe('holiday');
    expect(dayKind('2025-10-04')).toBe('holiday'); // a Saturday inside the holiday
    expect(dayKind('2025-10-11')).toBe('adjusted_workday');
    expect(dayKind('2025-10-12')).toBe('weekend');
    expect(dayKind('2025-10-09')).toBe('workday');
    expect(dayKind('2025-02-30')).toBeUndefined();
    expect(isWorkingDay('2026-01-04')).toBe(true);
    expect(isWorkingDay('2026-01-02')).toBe(false);
    expect(isWorkingDay('nope')).toBeUndefined();
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-09-26', 1, '2025-09-28'], // Fri → Sun 9/28 is 调休上班
    ['2025-09-30', 1, '2025-10-09'], // skips 10/1–10/8
    ['2025-09-30', 3, '2025-10-11'], // 10/9, 10/10, Sat 10/11 调休
    ['2025-12-31', 1, '2026-01-04'], // skips 元旦 1/1–1/3, Sun 1/4 调休
    ['2026-02-13', 1, '2026-02-14'], // Sat 2/14 调休
    ['2026-02-13', 2, '2026-02-24'], // skips 春节 2/15–2/23
    ['2025-10-01', 1, '2025-10-09'], // start on a holiday
    ['2025-06-06', 1, '2025-06-09'], // ordinary weekend
    ['2025-06-06', 0, '2025-06-06'],
    ['2025-10-09', -1, '2025-09-30'],
    ['2025-10-09', -2, '2025-09-29'],
    ['2025-10-13', -1, '2025-10-11'],
  ] as const)('%s + %i → %s', (start, n, expected) => {
    expect(add(start, n)).toBe(expected);
  });

  it('returns inputs, calendar version and a working that shows skipped runs', () => {
    const r = addWorkingDays('2025-09-30', 1, CN_HOLIDAYS_2025_2026);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.inputs).toEqual({ start: '2025-09-30', n: 1 });
    expect(r.value.calendar).toEqual({ id: CN_HOLIDAYS_2025_2026.id, version: CN_HOLIDAYS_2025_2026.version });
    expect(r.value.outsideCoverage).toBe(false);
    expect(r.value.working.map((s) => s.zh)).toEqual([
      '起算日 2025-09-30（星期二），当日不计入',
      '2025-10-01 至 2025-10-08 为法定节假日，跳过',
      '之后第 1 个工作日：2025-10-09（星期四）',
      `依据：${CN_HOLIDAYS_2025_2026.id} v${CN_HOLIDAYS_2025_2026.version}`,
    ]);
  });

  it('flags results computed beyond the calendar coverage', () => {
    const r = addWorkingDays('2026-12-31', 1, CN_HOLIDAYS_2025_2026);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.date).toBe('2027-01-01'); // a calendar without 2027: only weekends skipped
    expect(r.value.outsideCoverage).toBe(true);
    expect(r.value.working.some((s) => s.zh.includes('超出'))).toBe(true);
  });

  it('never runs out by default: 2027 counts its statutory holidays and says it is provisional', () => {
    // Thu 2026-12-31 + 1: Fri 2027-01-01 is New Year's Day, then a weekend → Mon 2027-01-04.
    const r = addWorkingDays('2026-12-31', 1);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.date).toBe('2027-01-04');
    expect(r.value.outsideCoverage).toBe(false);
    expect(r.value.provisional).toBe(true);
    expect(r.value.provisionalYears).toEqual([2027]);
    expect(r.value.working.some((s) => s.zh.startsWith('暂定'))).toBe(true);
    // Inside 2026 (notice known) nothing is provisional.
    const inside = addWorkingDays('2026-12-28', 2);
    expect(inside.ok && inside.value.provisional).toBe(false);
  });

  it('an edited calendar changes the result', () => {
    const local: HolidayCalendar = { ...CN_HOLIDAYS_2025_2026, version: 'local-1', holidays: [...CN_HOLIDAYS_2025_2026.holidays, '2025-06-09'] };
    expect(add('2025-06-06', 1, local)).toBe('2025-06-10');
  });

  it('rejects bad input with structured errors', () => {
    const r = addWorkingDays('2025-13-01', 1.5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['working_days.invalid_date', 'working_days.invalid_count']);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to]', () => {
    expect(between('2025-09-30', '2025-10-11')).toBe(3);
    expect(between('2025-10-11', '2025-09-30')).toBe(-3);
    expect(between('2025-06-06', '2025-06-06')).toBe(0);
    expect(between('2025-06-06', '2025-06-08')).toBe(0);
    expect(between('2025-06-06', '2025-06-09')).toBe(1);
  });

  it('2025 and 2026 each have 248 working days under the shipped calendar', () => {
    // Hand count: 365 − 104 weekend days − weekday holidays (2025: 18, 2026: 19) + adjusted workdays (5, 6)
    expect(between('2024-12-31', '2025-12-31')).toBe(248);
    expect(between('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const start of ['2025-01-20', '2025-09-26', '2025-12-29', '2026-02-10', '2026-09-18']) {
      for (const n of [-12, -5, -1, 0, 1, 2, 7, 15, 40]) {
        expect(between(start, add(start, n))).toBe(n);
      }
    }
  });

  it('rejects invalid dates', () => {
    const r = workingDaysBetween('2025-01-01', 'tomorrow');
    expect(r.ok).toBe(false);
  });
});

describe('calendar helpers', () => {
  it('validates an edited calendar', () => {
    const broken: HolidayCalendar = {
      ...CN_HOLIDAYS_2025_2026,
      holidays: ['2025-02-30', '2025-05-01', '2025-05-01'],
      workdays: ['2025-05-01', '2025-06-04'],
      coverage: { from: '2026-01-01', to: '2025-01-01' },
    };
    expect(validateHolidayCalendar(broken).map((e) => e.details?.['value'])).toEqual([
      '2025-02-30',
      '2025-05-01',
      '2025-05-01',
      '2025-05-01', // not a weekend either
      '2025-06-04',
      '2026-01-01..2025-01-01',
    ]);
  });

  it('calendar-day arithmetic', () => {
    expect(addCalendarDays('2025-01-31', 60)).toBe('2025-04-01');
    expect(calendarDaysBetween('2025-01-01', '2025-03-01')).toBe(59);
    expect(addCalendarDays('bad', 1)).toBeUndefined();
  });
});
