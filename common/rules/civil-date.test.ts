import { describe, expect, it } from 'vitest';
import { addDays, compareDates, dayNumber, formatIsoDate, fromDayNumber, isLeapYear, parseIsoDate, weekdayOf } from './civil-date.js';

describe('civil dates', () => {
  it('parses only strict, real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2025-02-29')).toBeUndefined();
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2000-02-29')).toBeDefined();
    expect(parseIsoDate('2025-04-31')).toBeUndefined();
    expect(parseIsoDate('2025-13-01')).toBeUndefined();
    expect(parseIsoDate('2025-1-01')).toBeUndefined();
    expect(parseIsoDate('2025-01-01T00:00')).toBeUndefined();
  });

  it('leap years', () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
  });

  it('day numbers round-trip and agree with UTC epoch days', () => {
    for (const s of ['1970-01-01', '1949-12-31', '2000-02-29', '2025-12-31', '2026-01-01', '0001-01-01', '9999-12-31']) {
      const d = parseIsoDate(s);
      expect(d).toBeDefined();
      if (d === undefined) continue;
      expect(formatIsoDate(fromDayNumber(dayNumber(d)))).toBe(s);
      if (d.year >= 1000) expect(dayNumber(d)).toBe(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
    }
  });

  it('weekdays (0 = Sunday)', () => {
    const wd = (s: string) => {
      const d = parseIsoDate(s);
      if (d === undefined) throw new Error(s);
      return weekdayOf(d);
    };
    expect(wd('1970-01-01')).toBe(4);
    expect(wd('2025-01-01')).toBe(3);
    expect(wd('2026-01-04')).toBe(0);
    expect(wd('2026-02-14')).toBe(6);
    expect(wd('1969-12-31')).toBe(3);
  });

  it('adds days across month and year ends', () => {
    const d = parseIsoDate('2024-12-30');
    if (d === undefined) throw new Error();
    expect(formatIsoDate(addDays(d, 3))).toBe('2025-01-02');
    expect(formatIsoDate(addDays(d, -365))).toBe('2023-12-31');
    const e = parseIsoDate('2025-01-02');
    if (e === undefined) throw new Error();
    expect(compareDates(d, e)).toBe(-3);
  });
});
