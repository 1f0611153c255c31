import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, dayNumber, dayOfNumber, dayStart, daysBetween, isoInZone, localDateTime, localDay, localMonth, monthBounds,
  parseWallClock, zoneOffsetMinutes,
} from './time.js';

const SH = 'Asia/Shanghai';

describe('local days in the deployment zone', () => {
  it.each([
    ['2026-04-30T15:59:59.999Z', '2026-04-30', '2026-04-29T16:00:00.000Z'],
    ['2026-04-30T16:00:00Z', '2026-05-01', '2026-04-30T16:00:00.000Z'],
    ['2026-12-31T16:00:00Z', '2027-01-01', '2026-12-31T16:00:00.000Z'],
  ])('%s is %s in Shanghai, which starts at %s', (instant, day, start) => {
    expect(localDay(instant, SH)).toBe(day);
    expect(localDay(new Date(instant), SH)).toBe(day);
    expect(localDay(Date.parse(instant), SH)).toBe(day);
    expect(dayStart(day, SH).toISOString()).toBe(start);
  });

  it('months, minutes and offsets follow the zone, not the process', () => {
    expect(localMonth('2026-04-30T16:00:00Z', SH)).toBe('2026-05');
    expect(localMonth('2026-04-30T16:00:00Z', 'UTC')).toBe('2026-04');
    expect(localDateTime('2026-03-02T01:05:09Z', SH)).toBe('2026-03-02 09:05');
    expect(isoInZone('2026-03-02T01:00:00.750Z', SH)).toBe('2026-03-02T09:00:00+08:00');
    expect(isoInZone('2026-03-02T01:00:00Z', 'UTC')).toBe('2026-03-02T01:00:00+00:00');
    expect(zoneOffsetMinutes('2026-03-02T01:00:00Z', SH)).toBe(480);
  });

  it('handles a zone with daylight saving time', () => {
    // New York: EST (-05:00) in January, EDT (-04:00) in July.
    expect(isoInZone('2026-01-15T12:00:00Z', 'America/New_York')).toBe('2026-01-15T07:00:00-05:00');
    expect(isoInZone('2026-07-15T12:00:00Z', 'America/New_York')).toBe('2026-07-15T08:00:00-04:00');
    expect(dayStart('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
    expect(localDay('2026-07-15T03:59:59Z', 'America/New_York')).toBe('2026-07-14');
  });

  it('parses a wall-clock time of the zone', () => {
    expect(parseWallClock('2026-05-01 00:30', SH).toISOString()).toBe('2026-04-30T16:30:00.000Z');
    expect(parseWallClock('2026-05-01T08:00:05', SH).toISOString()).toBe('2026-05-01T00:00:05.000Z');
    expect(() => parseWallClock('yesterday', SH)).toThrow(RangeError);
    expect(() => dayStart('2026-5-1', SH)).toThrow(RangeError);
    expect(() => localDay('not a date', SH)).toThrow(RangeError);
  });
});

describe('calendar day arithmetic', () => {
  it('moves days across months, years and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
    expect(dayOfNumber(dayNumber('2026-07-04'))).toBe('2026-07-04');
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('moves months, clamped to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(monthBounds('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(monthBounds('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  });
});
