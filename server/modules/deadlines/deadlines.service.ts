// Deadlines that stay right, built once for every module that runs a clock (hazards now; petitions,
// disputes, accident reporting and safe-community filing dates later):
// - the working-day calendar: statutory holidays for any year, the State Council's notice entered per
//   year by an administrator (who, when), days edited by hand — all audited;
// - deadline clocks: one row per deadline (episode) of a subject. Starting a deadline closes the open
//   episode and opens the next; the sweep takes each episode's steps (0 = the overdue notice, 1… =
//   escalation levels) once each, on the right days, however often it runs;
// - the administrators' warning from 1 November while next year's notice is missing.
import type { Actor } from '../../core/access.js';
import { can } from '../../core/access.js';
import { AppError, fieldError } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import type { Executor } from '../../db/client.js';
import { parseNoticeText } from '../../../common/rules/holiday-notice.js';
import { libraryNotice, yearsSpanned } from '../../../common/rules/holidays.js';
import { addCalendarDays, addWorkingDays, type HolidayCalendar } from '../../../common/rules/working-days.js';
import type { DayEditBody, NoticeImportBody } from '../../../common/modules/deadlines/deadlines.contract.js';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import { localDay } from '../../../common/time.js';
import { calendarStore, type ComputedDeadline } from './deadlines.calendar.js';
import { presentEpisode, presentYear } from './deadlines.presenter.js';
import { deadlinesRepository as repo, type ClockRow } from './deadlines.repository.js';

/** What a module tells the deadline clocks about its kind of subject. */
export interface ClockKind {
  readonly type: string;
  /** The steps after the due date: the highest step, and the working days between levels (step 0 is the day after the due date). */
  policy(ex: Executor): Promise<{ maxStep: number; everyWorkingDays: number }>;
  /** Locks the subject (before its clock, always in this order) and says whether its clock runs now. */
  lock(tx: Executor, subjectId: string): Promise<boolean>;
  /** The unit a step reaches (recorded with the step). */
  stepUnit(tx: Executor, subjectId: string, step: number): Promise<{ id: string; code: string; name: string } | null>;
  /** Takes the step on the subject: what it shows, who hears of it, the audit row. Called once per (episode, step). */
  onStep(tx: Executor, s: { clock: ClockRow; step: number; dueOn: string; unit: { id: string; code: string; name: string } | null; at: string }): Promise<void>;
  /** The due date of an open episode moved (a provisional year's notice was entered). */
  onMoved?(tx: Executor, m: { clock: ClockRow; dueOn: string; provisional: boolean; at: string }): Promise<void>;
}

export interface StartDeadline {
  subjectType: string;
  subjectId: string;
  /** Why a new episode starts: 'issue', 'reopen', 'extension', 'create' … */
  reason: string;
  /** The day counting starts from (not counted itself). */
  startedOn: string;
  workingDays: number;
  at: string;
  /** The request field to blame when the count is refused. */
  field?: string;
}


export function createDeadlinesService(ctx: ModuleContext) {
  const { db, clock, audit, config } = ctx;
  const kinds = new Map<string, ClockKind>();
  const dayOf = (d: Date) => localDay(d, config.timeZone);

  function requireManage(actor: Actor): void {
    if (!can(actor, 'config.manage')) throw new AppError('FORBIDDEN', 'Missing permission config.manage');
  }

  async function compute(ex: Executor, start: string, n: number, field = 'body/rectifyDays'): Promise<ComputedDeadline> {
    const r = await calendarStore.addWorkingDays(ex, start, n);
    if ('error' in r) throw fieldError(field, r.error);
    return r;
  }

  async function yearView(ex: Executor, year: number) {
    return presentYear(await calendarStore.year(ex, year));
  }

  /** Open episodes computed across the year while it was provisional get their dates again. */
  async function recomputeProvisional(tx: Executor, year: number, at: string): Promise<{ recomputed: number; moved: number }> {
    let recomputed = 0;
    let moved = 0;
    for (const c of await repo.openProvisionalClocks(tx, year)) {
      const kind = kinds.get(c.subject_type);
      if (!kind || c.working_days === null) continue;
      await kind.lock(tx, c.subject_id);
      const fresh = await repo.clockById(tx, c.id, true);
      if (!fresh || fresh.closed_at) continue;
      const r = await compute(tx, fresh.started_on, fresh.working_days ?? 0);
      await repo.moveClock(tx, fresh.id, { dueOn: r.date, provisional: r.provisional, provisionalYears: r.provisionalYears, calendarVersion: r.version });
      recomputed++;
      if (r.date !== fresh.due_on) moved++;
      await kind.onMoved?.(tx, { clock: fresh, dueOn: r.date, provisional: r.provisional, at });
    }
    return { recomputed, moved };
  }

  const service = {
    registerKind(kind: ClockKind): void {
      kinds.set(kind.type, kind);
    },

    /** The n-th working day after `start` by the calendar in force (no clock). */
    compute,

    /** The calendar in force for whole years (e.g. for a bulk generator). */
    calendarFor(ex: Executor, from: number, to: number): Promise<HolidayCalendar> {
      return calendarStore.forYears(ex, from, to);
    },

    /**
     * Starts a new deadline episode for the subject (closing the open one as superseded) and
     * returns its due date and whether it crosses a provisional year.
     */
    async start(tx: Executor, s: StartDeadline): Promise<ComputedDeadline & { clockId: string; episode: number }> {
      const r = await compute(tx, s.startedOn, s.workingDays, s.field);
      const open = await repo.openClock(tx, s.subjectType, s.subjectId, true);
      if (open) await repo.closeClock(tx, open.id, s.at, 'superseded');
      const episode = (await repo.lastEpisode(tx, s.subjectType, s.subjectId)) + 1;
      const clockId = await repo.insertClock(tx, {
        subjectType: s.subjectType, subjectId: s.subjectId, episode, reason: s.reason, startedOn: s.startedOn, dueOn: r.date, workingDays: s.workingDays,
        provisional: r.provisional, provisionalYears: r.provisionalYears, calendarVersion: r.version, at: s.at,
      });
      return { ...r, clockId, episode };
    },

    /** Ends the subject's open episode (closed, rejected, answered …). */
    async close(tx: Executor, subjectType: string, subjectId: string, at: string, reason: string): Promise<void> {
      const open = await repo.openClock(tx, subjectType, subjectId, true);
      if (open) await repo.closeClock(tx, open.id, at, reason);
    },

    /** Every episode of the subject with its steps, oldest first. */
    async episodes(ex: Executor, subjectType: string, subjectId: string) {
      const clocks = await repo.clocksOf(ex, subjectType, subjectId);
      const steps = await repo.stepsOf(ex, clocks.map((c) => c.id));
      return clocks.map((c) => presentEpisode(c, steps.filter((s) => s.clock_id === c.id)));
    },

    /**
     * The sweep for one kind: for each open episode past its due date whose subject's clock runs,
     * takes each step that is due (step 0 the day after the due date, step L after L × N working
     * days) exactly once — the (episode, step) key and the locks make it safe with several
     * instances, on reruns and when catching up after downtime.
     */
    async sweep(type: string, now: Date = clock.now(), instance = 'local'): Promise<{ subjects: number; steps: number }> {
      const kind = kinds.get(type);
      if (!kind) throw new Error(`no clock kind ${type}`);
      const policy = await kind.policy(db);
      const day = dayOf(now);
      const at = now.toISOString();
      const calendars = new Map<string, HolidayCalendar>();
      const calendarFor = async (ex: Executor, from: string, n: number) => {
        const span = yearsSpanned(from, n);
        const key = `${span.from}-${span.to}`;
        let c = calendars.get(key);
        if (!c) {
          c = await calendarStore.forYears(ex, span.from, span.to);
          calendars.set(key, c);
        }
        return c;
      };
      let after = '0';
      let subjects = 0;
      let steps = 0;
      for (;;) {
        const batch = await repo.overdueClocks(db, type, day, policy.maxStep, after, 200);
        if (batch.length === 0) break;
        for (const { id, subject_id: subjectId } of batch) {
          after = id;
          const n = await db.tx(async (tx) => {
            if (!(await kind.lock(tx, subjectId))) return 0;
            const c = await repo.clockById(tx, id, true);
            if (!c || c.closed_at || c.due_on >= day) return 0;
            const cal = await calendarFor(tx, c.due_on, policy.maxStep * policy.everyWorkingDays);
            let done = 0;
            for (let step = 0; step <= policy.maxStep; step++) {
              let dueOn: string | null;
              if (step === 0) dueOn = addCalendarDays(c.due_on, 1) ?? null;
              else {
                const r = addWorkingDays(c.due_on, step * policy.everyWorkingDays, cal);
                dueOn = r.ok ? r.value.date : null;
              }
              if (!dueOn || dueOn > day) break;
              const unit = await kind.stepUnit(tx, subjectId, step);
              if (!(await repo.insertStep(tx, { clockId: c.id, step, unitId: unit?.id ?? null, dueOn, at, instance }))) continue;
              await repo.recordStep(tx, c.id, step, dueOn);
              await kind.onStep(tx, { clock: c, step, dueOn, unit, at });
              done++;
            }
            return done;
          });
          if (n > 0) subjects++;
          steps += n;
        }
      }
      return { subjects, steps };
    },

    // ---- the calendar, for administrators ----

    async year(_actor: Actor, year: number) {
      return yearView(db, year);
    },

    async importNotice(actor: Actor, year: number, body: NoticeImportBody) {
      requireManage(actor);
      const parsed = parseNoticeText(body.text, year);
      if (parsed.errors.length) {
        throw new AppError('VALIDATION_FAILED', parsed.errors.map((e) => e.en).join('; '), {
          fields: parsed.errors.map((e) => ({ field: 'body/text', message: e.en, line: e.line, zh: e.zh })),
        });
      }
      const at = clock.now().toISOString();
      return db.tx(async (tx) => {
        const before = await repo.calendarYears(tx, year, year);
        await repo.replaceNotice(tx, {
          year, ref: body.ref.trim(), by: actor.userId, at,
          days: [...parsed.holidays.map((d) => ({ ...d, kind: 'holiday' as const })), ...parsed.workdays.map((d) => ({ ...d, kind: 'workday' as const }))],
        });
        const counts = await recomputeProvisional(tx, year, at);
        await audit.write(tx, actor, {
          action: 'calendar.import_notice', objectType: 'calendar_year', objectId: String(year),
          summary: {
            ref: body.ref.trim(), holidays: parsed.holidays.length, workdays: parsed.workdays.length, replaced: before.length > 0,
            workdayDates: parsed.workdays.map((d) => d.date), ...counts,
          },
        });
        return { year: await yearView(tx, year), ...counts };
      });
    },

    async editDay(actor: Actor, date: string, body: DayEditBody) {
      requireManage(actor);
      const year = Number(date.slice(0, 4));
      if (!Number.isInteger(year) || year < 1990 || year > 2200 || addCalendarDays(date, 0) === undefined) throw fieldError('params/date', 'not a valid date');
      const at = clock.now().toISOString();
      return db.tx(async (tx) => {
        const note = body.note.trim();
        if (!note) throw fieldError('body/note', 'say why the day is changed');
        if (body.kind === 'clear') {
          if (!(await repo.clearManualDay(tx, date))) throw new AppError('NOT_FOUND', 'The day has no edit to clear');
        } else {
          await repo.setManualDay(tx, { date, kind: body.kind, note, by: actor.userId, at });
        }
        await audit.write(tx, actor, { action: 'calendar.edit_day', objectType: 'calendar_day', objectId: date, summary: { kind: body.kind, note } });
        return yearView(tx, year);
      });
    },

    /** The administrators' to-do: next year's notice from 1 November, this year's while it is missing. */
    async workFor(actor: Actor, today: string): Promise<WorkItem[]> {
      if (!can(actor, 'config.manage')) return [];
      const year = Number(today.slice(0, 4));
      const wanted = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
      const entered = new Set((await repo.calendarYears(db, year, year + 1)).map((r) => Number(r.year)));
      const out: WorkItem[] = [];
      for (const y of wanted) {
        if (entered.has(y) || libraryNotice(y)) continue;
        const due = `${y}-01-01`;
        out.push({
          kind: 'calendar_notice', id: String(y), code: String(y),
          title: `${y} 年节假日安排（国务院办公厅通知）尚未录入 / The ${y} holiday notice is not entered`,
          state: null, dueDate: due, overdue: today >= due, daysOverdue: 0, link: { type: 'calendar', id: String(y) },
        });
      }
      return out;
    },
  };
  return service;
}
export type DeadlinesService = ReturnType<typeof createDeadlinesService>;
