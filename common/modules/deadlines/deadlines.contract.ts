// The working-day calendar (statute, the State Council's yearly notice, hand edits) and the
// deadline clocks other modules run on it.
import { Type, type Static } from 'typebox';
import { I18nText, IsoTime, LocalDate, Id } from '../shared/shared.contract.js';
import { HOLIDAY_NAMES, HOLIDAY_TEXT, type HolidayName } from '../../rules/holiday-names.js';

export const CalendarYearParams = Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2200 }) });
export const CalendarDayParams = Type.Object({ date: LocalDate });

export const CalendarDayView = Type.Object({
  date: LocalDate,
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
  name: Type.Union([Type.String(), Type.Null()]),
  nameText: Type.Union([I18nText, Type.Null()]),
  /** statute = computed from the 放假办法; notice = the year's State Council notice; manual = edited by hand. */
  source: Type.Union([Type.Literal('statute'), Type.Literal('notice'), Type.Literal('manual')]),
  /** Statutory days: the festival itself or its Art. 6 make-up day. */
  basis: Type.Union([Type.Literal('festival'), Type.Literal('makeup'), Type.Null()]),
});
export type CalendarDayView = Static<typeof CalendarDayView>;

export const CalendarEditView = Type.Object({
  date: LocalDate,
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday'), Type.Literal('normal')]),
  note: Type.Union([Type.String(), Type.Null()]),
  by: Type.Union([Type.String(), Type.Null()]),
  at: IsoTime,
});

export const CalendarYearView = Type.Object({
  year: Type.Integer(),
  /** No notice known: statutory days only, every deadline crossing the year is provisional. */
  provisional: Type.Boolean(),
  notice: Type.Union([
    Type.Object({
      origin: Type.Union([Type.Literal('import'), Type.Literal('library')]),
      ref: Type.String(),
      by: Type.Union([Type.String(), Type.Null()]),
      at: Type.Union([IsoTime, Type.Null()]),
    }),
    Type.Null(),
  ]),
  statuteRef: Type.String(),
  /** The year's special days (days off and weekend working days); every other day follows the week. */
  days: Type.Array(CalendarDayView),
  /** Days edited by hand, with who and why. */
  edits: Type.Array(CalendarEditView),
});
export type CalendarYearView = Static<typeof CalendarYearView>;

export const NoticeImportBody = Type.Object(
  {
    /** The notice's reference, e.g. 国办发明电〔2026〕7号. */
    ref: Type.String({ minLength: 1, maxLength: 200 }),
    /**
     * The notice's dates, one per line: `2027-02-05 休 春节`, `2027-02-05..2027-02-11 休 春节`, `2027-02-13 班 春节`
     * (休/off/holiday for days off, 班/work/workday for weekend working days; the festival name is optional).
     */
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export type NoticeImportBody = Static<typeof NoticeImportBody>;

export const NoticeImported = Type.Object({
  year: CalendarYearView,
  /** Open deadlines computed while the year was provisional, now recomputed. */
  recomputed: Type.Integer(),
  moved: Type.Integer(),
});

export const DayEditBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday'), Type.Literal('normal'), Type.Literal('clear')]),
    note: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type DayEditBody = Static<typeof DayEditBody>;

export const DeadlineStepView = Type.Object({
  level: Type.Integer(),
  unit: Type.Union([Type.Object({ id: Id, code: Type.String(), name: Type.String() }), Type.Null()]),
  dueOn: LocalDate,
  at: IsoTime,
});

/** One deadline (episode) of a record: its dates, whether it was computed across a provisional year, and its steps. */
export const DeadlineEpisodeView = Type.Object({
  episode: Type.Integer(),
  reason: Type.String(),
  startedOn: LocalDate,
  dueOn: LocalDate,
  workingDays: Type.Union([Type.Integer(), Type.Null()]),
  provisional: Type.Boolean(),
  provisionalYears: Type.Array(Type.Integer()),
  overdueSince: Type.Union([LocalDate, Type.Null()]),
  level: Type.Integer(),
  closedAt: Type.Union([IsoTime, Type.Null()]),
  closedReason: Type.Union([Type.String(), Type.Null()]),
  steps: Type.Array(DeadlineStepView),
});
export type DeadlineEpisodeView = Static<typeof DeadlineEpisodeView>;

export function holidayText(name: string | null): { zh: string; en: string } | null {
  return name !== null && (HOLIDAY_NAMES as readonly string[]).includes(name) ? HOLIDAY_TEXT[name as HolidayName] : null;
}
