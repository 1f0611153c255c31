import { describe, expect, it } from 'vitest';
import { builtInCalendar, calendarOfYears, libraryNotice, libraryNoticeYears, statutoryDays, statutoryFestivals, yearDays } from './holidays.js';
import { addWorkingDays } from './working-days.js';

const dates = (days: ReadonlyArray<{ date: string }>) => days.map((d) => d.date);

describe('statutory holidays (放假办法 as amended in force 2025-01-01)', () => {
  it('gives 13 festival days a year, the lunar ones from the lunar calendar', () => {
    // 2027: 除夕 is Fri 02-05 (腊月廿九), 正月初一 Sat 02-06; 清明 04-05; 端午 06-09; 中秋 09-15.
    expect(statutoryFestivals(2027).map((f) => `${f.date} ${f.name}`)).toEqual([
      '2027-01-01 new_year',
      '2027-02-05 spring_festival', '2027-02-06 spring_festival', '2027-02-07 spring_festival', '2027-02-08 spring_festival',
      '2027-04-05 qingming',
      '2027-05-01 labour_day', '2027-05-02 labour_day',
      '2027-06-09 dragon_boat',
      '2027-09-15 mid_autumn',
      '2027-10-01 national_day', '2027-10-02 national_day', '2027-10-03 national_day',
    ]);
    // 2026 cross-check against the published notice: 除夕 2026-02-16 (Mon), 中秋 09-25.
    expect(statutoryFestivals(2026).filter((f) => f.name === 'spring_festival').map((f) => f.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(statutoryFestivals(2026).find((f) => f.name === 'mid_autumn')?.date).toBe('2026-09-25');
  });

  it('makes up a festival day that falls on a weekend on the next weekday (Art. 6)', () => {
    const y2027 = statutoryDays(2027);
    // 初一 Sat 02-06 and 初二 Sun 02-07 → Tue 02-09 and Wed 02-10 (Mon 02-08 is 初三 itself).
    expect(y2027.filter((d) => d.basis === 'makeup').map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-02-09 spring_festival', '2027-02-10 spring_festival',
      '2027-05-03 labour_day', // 05-01 Sat → Mon 05-03; 05-02 Sun → Tue 05-04
      '2027-05-04 labour_day',
      '2027-10-04 national_day', // 10-02 Sat, 10-03 Sun → Mon 10-04, Tue 10-05
      '2027-10-05 national_day',
    ]);
    expect(y2027.every((d) => d.kind === 'holiday' && d.source === 'statute')).toBe(true);
  });
});

describe('the notices tyme4ts ships', () => {
  it('covers a known run of years, 2026 included, and has the 2026 notice days', () => {
    const years = libraryNoticeYears();
    expect(years?.from).toBeLessThanOrEqual(2025);
    expect(years?.to).toBeGreaterThanOrEqual(2026);
    const n2026 = libraryNotice(2026);
    expect(n2026?.holidays).toHaveLength(33);
    expect(dates(n2026?.workdays ?? [])).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(libraryNotice(2150)).toBeNull();
  });

  it('a year past the library is provisional and carries the statute; an imported notice replaces the estimate', () => {
    const provisional = yearDays(2150, null);
    expect(provisional.provisional).toBe(true);
    expect(provisional.days.length).toBeGreaterThanOrEqual(13);
    const imported = yearDays(2150, { year: 2150, holidays: [{ date: '2150-01-01', name: 'new_year' }], workdays: [{ date: '2150-01-04', name: 'new_year' }] });
    expect(imported.provisional).toBe(false);
    expect(imported.notice).toBe('import');
    // The notice's days, plus the statutory festival days it did not list (they stay days off).
    expect(imported.days.find((d) => d.date === '2150-01-04')?.kind).toBe('workday');
    expect(imported.days.filter((d) => d.basis === 'makeup')).toEqual([]);
    const edited = yearDays(2150, null, [{ date: '2150-01-01', kind: 'normal' }, { date: '2150-03-03', kind: 'holiday' }]);
    expect(edited.days.find((d) => d.date === '2150-01-01')).toBeUndefined();
    expect(edited.days.find((d) => d.date === '2150-03-03')?.source).toBe('manual');
  });
});

describe('deadlines across years without a notice', () => {
  it('2026-12-28 + 5 working days counts New Year 2027 → Tue 2027-01-05, provisional', () => {
    // Tue 12-29 (1), Wed 12-30 (2), Thu 12-31 (3), Fri 01-01 New Year's Day, Sat 01-02, Sun 01-03, Mon 01-04 (4), Tue 01-05 (5).
    const r = addWorkingDays('2026-12-28', 5);
    expect(r.ok && [r.value.date, r.value.provisional]).toEqual(['2027-01-05', true]);
  });

  it('2027-02-01 + 10 counts the Spring Festival statutory days and their make-up days → Fri 2027-02-19', () => {
    // Tue 02-02 (1), Wed 02-03 (2), Thu 02-04 (3); Fri 02-05 除夕 off; Sat/Sun 初一/初二; Mon 02-08 初三 off;
    // Tue 02-09 and Wed 02-10 off (Art. 6 make-up for 初一 and 初二); Thu 02-11 (4), Fri 02-12 (5);
    // Mon 02-15 (6) … Fri 02-19 (10).
    const r = addWorkingDays('2027-02-01', 10);
    expect(r.ok && r.value.date).toBe('2027-02-19');
  });

  it('an entered notice with a make-up Saturday moves the date, and is no longer provisional', () => {
    // A notice that gives 02-05 … 02-11 off and makes Sat 02-13 a working day.
    const off = ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'];
    const y2027 = yearDays(2027, { year: 2027, holidays: off.map((date) => ({ date, name: 'spring_festival' as const })), workdays: [{ date: '2027-02-13', name: 'spring_festival' }] });
    const cal = calendarOfYears([y2027, yearDays(2028, null)], 't');
    // Tue 02-02 … Thu 02-04 (3); 02-05 … 02-11 off; Fri 02-12 (4), Sat 02-13 (5, 调休上班); Mon 02-15 (6) … Thu 02-18 (9), Fri 02-19 (10).
    // Without the notice the 5th working day is Fri 02-12 (statutory days off through Wed 02-10).
    const r10 = addWorkingDays('2027-02-01', 10, cal);
    const r5 = addWorkingDays('2027-02-01', 5, cal);
    expect(r5.ok && [r5.value.date, r5.value.provisional]).toEqual(['2027-02-13', false]);
    expect(r10.ok && r10.value.date).toBe('2027-02-19');
    const before = addWorkingDays('2027-02-01', 5);
    expect(before.ok && [before.value.date, before.value.provisional]).toEqual(['2027-02-12', true]);
    expect(builtInCalendar(2027, 2027).provisionalYears).toEqual([2027]);
  });
});
