// The one time module. Instants are stored and passed in UTC; a "day" or "month" means the
// calendar day or month on the wall clock of the deployment's zone (`config.timeZone`, default
// Asia/Shanghai), whatever zone the process runs in. Calendar days are 'YYYY-MM-DD' strings and
// their arithmetic is zone-free. Pure (dayjs with its utc and timezone plugins): server, CLI,
// bench and web use the same functions.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** An instant: a Date, ISO-8601 text with an offset or Z, or epoch milliseconds. */
export type Instant = Date | string | number;

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_RE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

function inZone(at: Instant, timeZone: string) {
  const d = dayjs(at);
  if (!d.isValid()) throw new RangeError(`not an instant: ${String(at)}`);
  return d.tz(timeZone);
}

/** The calendar day of an instant in the zone, 'YYYY-MM-DD'. */
export function localDay(at: Instant, timeZone: string): string {
  return inZone(at, timeZone).format('YYYY-MM-DD');
}

/** The calendar month of an instant in the zone, 'YYYY-MM'. */
export function localMonth(at: Instant, timeZone: string): string {
  return inZone(at, timeZone).format('YYYY-MM');
}

/** Day and wall-clock minute in the zone, 'YYYY-MM-DD HH:mm' (documents, labels). */
export function localDateTime(at: Instant, timeZone: string): string {
  return inZone(at, timeZone).format('YYYY-MM-DD HH:mm');
}

/** An instant written in the zone with its offset, to the second: '2026-03-02T09:00:00+08:00'. */
export function isoInZone(at: Instant, timeZone: string): string {
  return inZone(at, timeZone).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The zone's offset from UTC at an instant, in minutes (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(at: Instant, timeZone: string): number {
  return inZone(at, timeZone).utcOffset();
}

/** The instant a calendar day begins in the zone (local midnight) — 2026-05-01 → 2026-04-30T16:00:00Z in Shanghai. */
export function dayStart(day: string, timeZone: string): Date {
  if (!DAY_RE.test(day)) throw new RangeError(`not a day YYYY-MM-DD: ${day}`);
  return dayjs.tz(`${day} 00:00`, timeZone).toDate();
}

/** The instant at which the zone's wall clock shows `text` ('YYYY-MM-DD HH:mm[:ss]'). */
export function parseWallClock(text: string, timeZone: string): Date {
  if (!WALL_RE.test(text)) throw new RangeError(`not a wall-clock time YYYY-MM-DD HH:mm[:ss]: ${text}`);
  const d = dayjs.tz(text.replace('T', ' '), timeZone);
  if (!d.isValid()) throw new RangeError(`not a wall-clock time: ${text}`);
  return d.toDate();
}

// ---------------------------------------------------------------------------------------------
// Calendar days ('YYYY-MM-DD'): zone-free arithmetic

/** The UTC calendar date of a Date, 'YYYY-MM-DD' (a `date` column value handed over as a Date). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a calendar day. */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** The calendar day of a day number. */
export function dayOfNumber(n: number): string {
  return isoDay(new Date(n * DAY_MS));
}

/** `day` moved by n calendar days. */
export function addDays(day: string, n: number): string {
  return dayOfNumber(dayNumber(day) + n);
}

/** Calendar days from a to b (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** `day` moved by n months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** First and last day of a month 'YYYY-MM'. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}
