// Days and times for the generator. Days are numbered (days since 1970-01-01 of the civil date in
// the deployment's zone); instants are "local milliseconds" (wall-clock time in that zone as if it
// were UTC), turned into real UTC only when written. Working days follow the holiday calendar
// where it has coverage and skip only weekends outside it (common/rules/working-days.ts decides).
import { isWorkingDay, type HolidayCalendar } from '../../../common/rules/working-days.js';
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

/** Working days of the holiday calendar (common/rules/working-days.ts), looked up once per day of the range. */
export class WorkingDays {
  private readonly from: number;
  private readonly flags: Uint8Array;
  constructor(readonly calendar: HolidayCalendar, fromDay: number, toDay: number) {
    this.from = fromDay;
    this.flags = new Uint8Array(toDay - fromDay + 1);
    for (let d = fromDay; d <= toDay; d++) this.flags[d - fromDay] = isWorkingDay(isoOfDayNumber(d), calendar) ? 1 : 0;
  }

  isWorking(day: number): boolean {
    const i = day - this.from;
    if (i >= 0 && i < this.flags.length) return this.flags[i] === 1;
    return isWorkingDay(isoOfDayNumber(day), this.calendar) === true;
  }

  /** The n-th working day after `day` (the start day is not counted). */
  add(day: number, n: number): number {
    let d = day;
    let c = 0;
    while (c < n) {
      d++;
      if (this.isWorking(d)) c++;
    }
    return d;
  }
}

export { dayNumberOf, isoOfDayNumber };
