// Days and times for the generator. Days are numbered (days since 1970-01-01 of the civil date in
// the deployment's zone); instants are "local milliseconds" (wall-clock time in that zone as if it
// were UTC), turned into real UTC only when written. Working days are counted by the product's
// rule (common/rules/working-days.ts) on the calendar in force: statutory holidays and the notices, every year.
import { workingDayCounter, type HolidayCalendar, type WorkingDayCounter } from '../../../common/rules/working-days.js';
import { DAY_MS as DAY, HOUR_MS as HOUR, dayNumber as dayNumberOf, dayOfNumber as isoOfDayNumber, zoneOffsetMinutes } from '../../../common/time.js';

export { DAY, HOUR };

export class LocalTime {
  private readonly offsets = new Map<number, number>();
  constructor(readonly timeZone: string) {}

  /** The zone's offset from UTC in ms at noon of the local day (enough for day buckets). */
  offsetOfDay(day: number): number {
    let off = this.offsets.get(day);
    if (off === undefined) {
      off = zoneOffsetMinutes(day * DAY + 12 * HOUR, this.timeZone) * 60_000;
      this.offsets.set(day, off);
    }
    return off;
  }

  /** Local ms → ISO-8601 UTC text. */
  iso(local: number): string {
    return new Date(local - this.offsetOfDay(Math.floor(local / DAY))).toISOString();
  }

  /** The local day of a real instant. */
  dayOf(utc: Date): number {
    const approx = Math.floor(utc.getTime() / DAY);
    return Math.floor((utc.getTime() + this.offsetOfDay(approx)) / DAY);
  }

  /** A real instant → local ms. */
  localOf(utc: Date): number {
    return utc.getTime() + this.offsetOfDay(Math.floor(utc.getTime() / DAY));
  }
}

export function dayOfLocal(local: number): number {
  return Math.floor(local / DAY);
}

/** The product's working-day rule (common/rules/working-days.ts), compiled once for the generator's millions of look-ups. */
export class WorkingDays {
  private readonly counter: WorkingDayCounter;
  constructor(readonly calendar: HolidayCalendar) {
    this.counter = workingDayCounter(calendar);
  }

  isWorking(day: number): boolean {
    return this.counter.isWorking(day);
  }

  /** The n-th working day after `day` (the start day is not counted). */
  add(day: number, n: number): number {
    return this.counter.add(day, n);
  }
}

export { dayNumberOf, isoOfDayNumber };
