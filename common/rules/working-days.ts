// Deadlines in working days (工作日) with an editable holiday calendar.
// Dates are calendar dates in the deployment's zone, passed as 'YYYY-MM-DD' strings; no Date objects.
//
// Counting rule: "n working days after start" — the start day itself is not counted (as in "收到之日起
// 5个工作日内"), the n-th working day after it is the deadline. A working day is a Monday–Friday that is
// not a public holiday, or a weekend day listed as an adjusted workday (调休上班).

import { addDays, compareDates, dayNumber, formatIsoDate, fromDayNumber, parseIsoDate, weekdayOf, type CivilDate } from './civil-date.js';
import { fail, ok, ruleError, step, tableRef, type Outcome, type ReferenceTableMeta, type RuleError, type TableRef, type WorkingStep } from './rule-types.js';

export interface HolidayCalendar extends ReferenceTableMeta {
  /** Public holidays (放假日), 'YYYY-MM-DD', including those falling on weekends. */
  readonly holidays: readonly string[];
  /** Weekend days that are working days (调休上班), 'YYYY-MM-DD'. */
  readonly workdays: readonly string[];
  /** Inclusive date range the lists are known to be complete for; outside it only weekends are skipped. */
  readonly coverage: { readonly from: string; readonly to: string };
}

export const CN_HOLIDAYS_2025_2026: HolidayCalendar = {
  id: 'calendar.cn-public-holidays',
  version: '2025-2026.1',
  source:
    '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）；国务院办公厅关于2026年部分节假日安排的通知（2025-11-04，新华社）',
  confidence: 'secondary',
  confidenceNote: {
    zh: '按国务院办公厅通知转录（经新华社转载页面核对）；地方可另有安排，各部署可编辑并追加以后年份。',
    en: 'Transcribed from the State Council General Office notices (checked against Xinhua reprints); deployments edit it and add later years.',
  },
  configurable: true,
  coverage: { from: '2025-01-01', to: '2026-12-31' },
  holidays: [
    // 2025 元旦
    '2025-01-01',
    // 2025 春节 1/28–2/4
    '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
    // 2025 清明 4/4–4/6
    '2025-04-04', '2025-04-05', '2025-04-06',
    // 2025 劳动节 5/1–5/5
    '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
    // 2025 端午 5/31–6/2
    '2025-05-31', '2025-06-01', '2025-06-02',
    // 2025 国庆、中秋 10/1–10/8
    '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
    // 2026 元旦 1/1–1/3
    '2026-01-01', '2026-01-02', '2026-01-03',
    // 2026 春节 2/15–2/23
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    // 2026 清明 4/4–4/6
    '2026-04-04', '2026-04-05', '2026-04-06',
    // 2026 劳动节 5/1–5/5
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    // 2026 端午 6/19–6/21
    '2026-06-19', '2026-06-20', '2026-06-21',
    // 2026 中秋 9/25–9/27
    '2026-09-25', '2026-09-26', '2026-09-27',
    // 2026 国庆 10/1–10/7
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  workdays: [
    // 2025
    '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
    // 2026
    '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
  ],
};

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
export function dayKind(date: string, calendar: HolidayCalendar = CN_HOLIDAYS_2025_2026): DayKind | undefined {
  const d = parseIsoDate(date);
  return d === undefined ? undefined : kindOfDayNumber(dayNumber(d), indexOf(calendar));
}

/** Whether a date is a working day; undefined when the string is not a valid date. */
export function isWorkingDay(date: string, calendar: HolidayCalendar = CN_HOLIDAYS_2025_2026): boolean | undefined {
  const k = dayKind(date, calendar);
  return k === undefined ? undefined : k === 'workday' || k === 'adjusted_workday';
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
  calendar: HolidayCalendar = CN_HOLIDAYS_2025_2026,
): Outcome<AddWorkingDaysResult, WorkingDaysErrorCode> {
  const errors = [...checkDate('起算日', start), ...checkCount(n)];
  const startDate = parseIsoDate(start);
  if (errors.length > 0 || startDate === undefined) return fail(errors);
  const idx = indexOf(calendar);
  const dir = n < 0 ? -1 : 1;
  let cursor = dayNumber(startDate);
  let counted = 0;
  let outsideCoverage = false;
  const visited: { n: number; kind: DayKind }[] = [];
  while (counted < Math.abs(n)) {
    cursor += dir;
    if (cursor < idx.from || cursor > idx.to) outsideCoverage = true;
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
    step(`依据：${calendar.id} v${calendar.version}`, `Calendar: ${calendar.id} v${calendar.version}`),
  ];
  return ok({ date: formatIsoDate(result), inputs: { start, n }, calendar: tableRef(calendar), outsideCoverage, working });
}

export interface WorkingDaysBetweenResult {
  /** Working days in (from, to]; negative when `to` is before `from`. */
  readonly count: number;
  readonly inputs: { readonly from: string; readonly to: string };
  readonly calendar: TableRef;
  readonly outsideCoverage: boolean;
  readonly working: readonly WorkingStep[];
}

/**
 * Working days after `from` up to and including `to` — the inverse of addWorkingDays:
 * workingDaysBetween(a, addWorkingDays(a, n).date) === n.
 */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: HolidayCalendar = CN_HOLIDAYS_2025_2026,
): Outcome<WorkingDaysBetweenResult, WorkingDaysErrorCode> {
  const errors = [...checkDate('开始日期', from), ...checkDate('结束日期', to)];
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (errors.length > 0 || a === undefined || b === undefined) return fail(errors);
  const idx = indexOf(calendar);
  const an = dayNumber(a);
  const bn = dayNumber(b);
  const lo = Math.min(an, bn);
  const hi = Math.max(an, bn);
  let count = 0;
  let outsideCoverage = false;
  const visited: { n: number; kind: DayKind }[] = [];
  for (let d = lo + 1; d <= hi; d++) {
    if (d < idx.from || d > idx.to) outsideCoverage = true;
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
    step(`依据：${calendar.id} v${calendar.version}`, `Calendar: ${calendar.id} v${calendar.version}`),
  ];
  return ok({ count: signed, inputs: { from, to }, calendar: tableRef(calendar), outsideCoverage, working });
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
