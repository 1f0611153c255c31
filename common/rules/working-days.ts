// Deadlines in working days (工作日) with an editable holiday calendar.
// Dates are calendar dates in the deployment's zone, passed as 'YYYY-MM-DD' strings; no Date objects.
// This is the one working-day implementation: the server (with the calendar kept in its database),
// the calculators and the benchmark's generator all count with it. Without a calendar argument the
// built-in one is used (statutory holidays for any year plus the notices tyme4ts ships; holidays.ts).
//
// Counting rule: "n working days after start" — the start day itself is not counted (as in "收到之日起
// 5个工作日内"), the n-th working day after it is the deadline. A working day is a Monday–Friday that is
// not a public holiday, or a weekend day listed as an adjusted workday (调休上班).

import { addDays, compareDates, dayNumber, formatIsoDate, fromDayNumber, parseIsoDate, weekdayOf, type CivilDate } from './civil-date.js';
import { builtInCalendar, yearsSpanned } from './holidays.js';
import { fail, ok, ruleError, step, tableRef, type Outcome, type ReferenceTableMeta, type RuleError, type TableRef, type WorkingStep } from './rule-types.js';

export interface HolidayCalendar extends ReferenceTableMeta {
  /** Public holidays (放假日), 'YYYY-MM-DD', including those falling on weekends. */
  readonly holidays: readonly string[];
  /** Weekend days that are working days (调休上班), 'YYYY-MM-DD'. */
  readonly workdays: readonly string[];
  /** Inclusive date range the lists are known to be complete for; outside it only weekends are skipped. */
  readonly coverage: { readonly from: string; readonly to: string };
  /** Years whose State Council notice is not entered yet: their statutory days count, results crossing them are provisional. */
  readonly provisionalYears?: readonly number[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export type WorkingDaysErrorCode =
  | 'working_days.invalid_date'
  | 'working_days.invalid_count'
  | 'working_days.invalid_calendar';

const MAX_COUNT = 36_500;

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const KIND_TEXT: Readonly<Record<DayKind, { zh: string; en: string }>> = {
  workday: { zh: '工作日', en: 'working day' },
  weekend: { zh: '周末', en: 'weekend' },
  holiday: { zh: '法定节假日', en: 'public holiday' },
  adjusted_workday: { zh: '调休上班日', en: 'adjusted working day' },
};

/** Lookup sets built per call (cheap: a few dozen dates; no cache, so edited calendars are never stale). */
interface CalendarIndex {
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
  readonly from: number;
  readonly to: number;
  readonly provisional: ReadonlySet<number>;
}

function dayNumbers(list: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const s of list) {
    const d = parseIsoDate(s);
    if (d !== undefined) out.add(dayNumber(d));
  }
  return out;
}

function indexOf(calendar: HolidayCalendar): CalendarIndex {
  const from = parseIsoDate(calendar.coverage.from);
  const to = parseIsoDate(calendar.coverage.to);
  return {
    holidays: dayNumbers(calendar.holidays),
    workdays: dayNumbers(calendar.workdays),
    from: from === undefined ? Number.POSITIVE_INFINITY : dayNumber(from),
    to: to === undefined ? Number.NEGATIVE_INFINITY : dayNumber(to),
    provisional: new Set(calendar.provisionalYears ?? []),
  };
}

/** Checks an edited calendar: real dates, no duplicates, no day in both lists, adjusted workdays on weekends. */
export function validateHolidayCalendar(calendar: HolidayCalendar): RuleError<'working_days.invalid_calendar'>[] {
  const errors: RuleError<'working_days.invalid_calendar'>[] = [];
  const bad = (zh: string, en: string, value: string): void => {
    errors.push(ruleError('working_days.invalid_calendar', zh, en, { value }));
  };
  for (const [label, list] of [
    ['holidays', calendar.holidays],
    ['workdays', calendar.workdays],
  ] as const) {
    const seen = new Set<string>();
    for (const s of list) {
      if (parseIsoDate(s) === undefined) bad(`日期“${s}”不是有效的 YYYY-MM-DD 日期`, `"${s}" in ${label} is not a valid YYYY-MM-DD date`, s);
      if (seen.has(s)) bad(`日期 ${s} 重复`, `${s} appears twice in ${label}`, s);
      seen.add(s);
    }
  }
  const holidays = new Set(calendar.holidays);
  for (const s of calendar.workdays) {
    if (holidays.has(s)) bad(`${s} 同时是节假日和调休上班日`, `${s} is both a holiday and an adjusted workday`, s);
    const d = parseIsoDate(s);
    if (d !== undefined && weekdayOf(d) !== 0 && weekdayOf(d) !== 6) {
      bad(`调休上班日 ${s} 不是周末`, `Adjusted workday ${s} is not a weekend day`, s);
    }
  }
  const from = parseIsoDate(calendar.coverage.from);
  const to = parseIsoDate(calendar.coverage.to);
  if (from === undefined || to === undefined || compareDates(from, to) > 0) {
    bad('覆盖范围无效', 'Invalid coverage range', `${calendar.coverage.from}..${calendar.coverage.to}`);
  }
  return errors;
}

function kindOfDayNumber(n: number, idx: CalendarIndex): DayKind {
  if (idx.holidays.has(n)) return 'holiday';
  if (idx.workdays.has(n)) return 'adjusted_workday';
  const wd = weekdayOf(fromDayNumber(n));
  return wd === 0 || wd === 6 ? 'weekend' : 'workday';
}

/** Kind of a date ('YYYY-MM-DD'); undefined when the string is not a valid date. */
export function dayKind(date: string, calendar?: HolidayCalendar): DayKind | undefined {
  const d = parseIsoDate(date);
  return d === undefined ? undefined : kindOfDayNumber(dayNumber(d), indexOf(calendar ?? builtInCalendar(d.year, d.year)));
}

/** Whether a date is a working day; undefined when the string is not a valid date. */
export function isWorkingDay(date: string, calendar?: HolidayCalendar): boolean | undefined {
  const k = dayKind(date, calendar);
  return k === undefined ? undefined : k === 'workday' || k === 'adjusted_workday';
}

/**
 * A calendar compiled for many look-ups (bulk generators count millions of deadlines): day
 * numbers (days since 1970-01-01) in, the same rule as addWorkingDays out.
 */
export interface WorkingDayCounter {
  isWorking(day: number): boolean;
  /** The n-th working day after `day` (n ≥ 0; the start day is not counted). */
  add(day: number, n: number): number;
}

export function workingDayCounter(calendar: HolidayCalendar): WorkingDayCounter {
  const idx = indexOf(calendar);
  const isWorkingDayNumber = (day: number) => isWorking(kindOfDayNumber(day, idx));
  return {
    isWorking: isWorkingDayNumber,
    add(day, n) {
      let d = day;
      let c = 0;
      while (c < n) {
        d++;
        if (isWorkingDayNumber(d)) c++;
      }
      return d;
    },
  };
}

function isWorking(kind: DayKind): boolean {
  return kind === 'workday' || kind === 'adjusted_workday';
}

function describeDate(d: CivilDate): { zh: string; en: string } {
  const wd = weekdayOf(d);
  return { zh: `${formatIsoDate(d)}（${WEEKDAY_ZH[wd]}）`, en: `${formatIsoDate(d)} (${WEEKDAY_EN[wd]})` };
}

interface Run {
  readonly kind: DayKind;
  readonly first: number;
  last: number;
}

/** Groups consecutive non-working days and adjusted workdays into runs for the working text. */
function describeRuns(days: readonly { n: number; kind: DayKind }[]): WorkingStep[] {
  const runs: Run[] = [];
  for (const d of days) {
    if (d.kind === 'workday') continue;
    const prev = runs[runs.length - 1];
    if (prev !== undefined && prev.kind === d.kind && Math.abs(d.n - prev.last) === 1) prev.last = d.n;
    else runs.push({ kind: d.kind, first: d.n, last: d.n });
  }
  return runs.map((r) => {
    const a = formatIsoDate(fromDayNumber(Math.min(r.first, r.last)));
    const b = formatIsoDate(fromDayNumber(Math.max(r.first, r.last)));
    const span = a === b ? a : `${a} 至 ${b}`;
    const spanEn = a === b ? a : `${a} to ${b}`;
    return isWorking(r.kind)
      ? step(`${span} 为${KIND_TEXT[r.kind].zh}，计入`, `${spanEn}: ${KIND_TEXT[r.kind].en}, counted`)
      : step(`${span} 为${KIND_TEXT[r.kind].zh}，跳过`, `${spanEn}: ${KIND_TEXT[r.kind].en}, skipped`);
  });
}

export interface AddWorkingDaysResult {
  readonly date: string;
  readonly inputs: { readonly start: string; readonly n: number };
  readonly calendar: TableRef;
  /** True when the walk left the calendar's coverage (holidays there are unknown; only weekends skipped). */
  readonly outsideCoverage: boolean;
  /** True when the walk crossed a year whose notice is not entered (statutory days only): the date may still move. */
  readonly provisional: boolean;
  /** Those years. */
  readonly provisionalYears: readonly number[];
  readonly working: readonly WorkingStep[];
}

function checkCount(n: number): RuleError<WorkingDaysErrorCode>[] {
  if (Number.isInteger(n) && Math.abs(n) <= MAX_COUNT) return [];
  return [
    ruleError(
      'working_days.invalid_count',
      `工作日数必须是绝对值不超过 ${MAX_COUNT} 的整数，实际为 ${String(n)}`,
      `The number of working days must be an integer with |n| ≤ ${MAX_COUNT}, got ${String(n)}`,
    ),
  ];
}

function checkDate(label: string, s: string): RuleError<WorkingDaysErrorCode>[] {
  return parseIsoDate(s) === undefined
    ? [ruleError('working_days.invalid_date', `${label}“${s}”不是有效的 YYYY-MM-DD 日期`, `${label} "${s}" is not a valid YYYY-MM-DD date`, { value: s })]
    : [];
}

/**
 * The n-th working day after `start` (n > 0), before it (n < 0), or `start` itself (n = 0).
 * The start day is never counted.
 */
export function addWorkingDays(
  start: string,
  n: number,
  calendarArg?: HolidayCalendar,
): Outcome<AddWorkingDaysResult, WorkingDaysErrorCode> {
  const errors = [...checkDate('起算日', start), ...checkCount(n)];
  const startDate = parseIsoDate(start);
  if (errors.length > 0 || startDate === undefined) return fail(errors);
  const span = yearsSpanned(start, n);
  const calendar = calendarArg ?? builtInCalendar(span.from, span.to);
  const idx = indexOf(calendar);
  const dir = n < 0 ? -1 : 1;
  let cursor = dayNumber(startDate);
  let counted = 0;
  let outsideCoverage = false;
  const provisionalYears = new Set<number>();
  const visited: { n: number; kind: DayKind }[] = [];
  while (counted < Math.abs(n)) {
    cursor += dir;
    if (cursor < idx.from || cursor > idx.to) outsideCoverage = true;
    noteProvisional(cursor, idx, provisionalYears);
    const kind = kindOfDayNumber(cursor, idx);
    visited.push({ n: cursor, kind });
    if (isWorking(kind)) counted += 1;
  }
  const result = fromDayNumber(cursor);
  const s = describeDate(startDate);
  const r = describeDate(result);
  const working: WorkingStep[] = [
    step(`起算日 ${s.zh}，当日不计入`, `Start ${s.en}; the start day is not counted`),
    ...describeRuns(visited),
    n === 0
      ? step(`n = 0，期限即起算日 ${r.zh}`, `n = 0, the deadline is the start day ${r.en}`)
      : step(
          `${n > 0 ? '之后' : '之前'}第 ${Math.abs(n)} 个工作日：${r.zh}`,
          `${Math.abs(n)}${ordinalSuffix(Math.abs(n))} working day ${n > 0 ? 'after' : 'before'}: ${r.en}`,
        ),
    ...(outsideCoverage ? [coverageWarning(calendar)] : []),
    ...(provisionalYears.size ? [provisionalWarning(provisionalYears)] : []),
    step(`依据：${calendar.id} v${calendar.version}`, `Calendar: ${calendar.id} v${calendar.version}`),
  ];
  const years = [...provisionalYears].sort((a, b) => a - b);
  return ok({
    date: formatIsoDate(result), inputs: { start, n }, calendar: tableRef(calendar), outsideCoverage, provisional: years.length > 0, provisionalYears: years, working,
  });
}

export interface WorkingDaysBetweenResult {
  /** Working days in (from, to]; negative when `to` is before `from`. */
  readonly count: number;
  readonly inputs: { readonly from: string; readonly to: string };
  readonly calendar: TableRef;
  readonly outsideCoverage: boolean;
  readonly provisional: boolean;
  readonly provisionalYears: readonly number[];
  readonly working: readonly WorkingStep[];
}

/**
 * Working days after `from` up to and including `to` — the inverse of addWorkingDays:
 * workingDaysBetween(a, addWorkingDays(a, n).date) === n.
 */
export function workingDaysBetween(
  from: string,
  to: string,
  calendarArg?: HolidayCalendar,
): Outcome<WorkingDaysBetweenResult, WorkingDaysErrorCode> {
  const errors = [...checkDate('开始日期', from), ...checkDate('结束日期', to)];
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (errors.length > 0 || a === undefined || b === undefined) return fail(errors);
  const calendar = calendarArg ?? builtInCalendar(Math.min(a.year, b.year), Math.max(a.year, b.year));
  const idx = indexOf(calendar);
  const provisionalYears = new Set<number>();
  const an = dayNumber(a);
  const bn = dayNumber(b);
  const lo = Math.min(an, bn);
  const hi = Math.max(an, bn);
  let count = 0;
  let outsideCoverage = false;
  const visited: { n: number; kind: DayKind }[] = [];
  for (let d = lo + 1; d <= hi; d++) {
    if (d < idx.from || d > idx.to) outsideCoverage = true;
    noteProvisional(d, idx, provisionalYears);
    const kind = kindOfDayNumber(d, idx);
    visited.push({ n: d, kind });
    if (isWorking(kind)) count += 1;
  }
  const signed = bn < an ? -count : count;
  const working: WorkingStep[] = [
    step(
      `统计 ${formatIsoDate(fromDayNumber(lo))} 之后至 ${formatIsoDate(fromDayNumber(hi))}（含）的工作日`,
      `Counting working days after ${formatIsoDate(fromDayNumber(lo))} up to and including ${formatIsoDate(fromDayNumber(hi))}`,
    ),
    ...describeRuns(visited),
    step(`共 ${count} 个工作日${signed < 0 ? '（结束日期早于开始日期，记为负数）' : ''}`, `${count} working day(s)${signed < 0 ? ' (end before start, so negative)' : ''}`),
    ...(outsideCoverage ? [coverageWarning(calendar)] : []),
    ...(provisionalYears.size ? [provisionalWarning(provisionalYears)] : []),
    step(`依据：${calendar.id} v${calendar.version}`, `Calendar: ${calendar.id} v${calendar.version}`),
  ];
  const years = [...provisionalYears].sort((x, y) => x - y);
  return ok({ count: signed, inputs: { from, to }, calendar: tableRef(calendar), outsideCoverage, provisional: years.length > 0, provisionalYears: years, working });
}

function noteProvisional(n: number, idx: CalendarIndex, out: Set<number>): void {
  if (idx.provisional.size === 0) return;
  const y = fromDayNumber(n).year;
  if (idx.provisional.has(y)) out.add(y);
}

function provisionalWarning(years: ReadonlySet<number>): WorkingStep {
  const list = [...years].sort((a, b) => a - b).join('、');
  const listEn = [...years].sort((a, b) => a - b).join(', ');
  return step(
    `暂定：${list} 年的国务院节假日安排通知尚未录入，只计法定节假日，期限可能随通知调整`,
    `Provisional: the State Council holiday notice for ${listEn} is not entered yet; only the statutory holidays were counted and the date may move`,
  );
}

function coverageWarning(calendar: HolidayCalendar): WorkingStep {
  return step(
    `注意：部分日期超出节假日日历覆盖范围（${calendar.coverage.from} 至 ${calendar.coverage.to}），该部分只按周末计算`,
    `Note: some dates are outside the calendar coverage (${calendar.coverage.from} to ${calendar.coverage.to}); only weekends were skipped there`,
  );
}

function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return 'th';
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
}

/** Calendar days between two dates (b − a), exposed for callers mixing calendar-day and working-day limits. */
export function calendarDaysBetween(a: string, b: string): number | undefined {
  const x = parseIsoDate(a);
  const y = parseIsoDate(b);
  return x === undefined || y === undefined ? undefined : compareDates(y, x);
}

/** Adds calendar days to a 'YYYY-MM-DD' date (e.g. the 60-day investigation limit); undefined for invalid input. */
export function addCalendarDays(date: string, n: number): string | undefined {
  const d = parseIsoDate(date);
  return d === undefined || !Number.isInteger(n) ? undefined : formatIsoDate(addDays(d, n));
}
