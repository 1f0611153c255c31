import { toIso } from '../../db/client.js';
import { LIBRARY_NOTICE_REF, STATUTE_REF } from '../../../common/rules/holidays.js';
import { holidayText, type CalendarYearView, type DeadlineEpisodeView } from '../../../common/modules/deadlines/deadlines.contract.js';
import type { YearData } from './deadlines.calendar.js';
import type { ClockRow, StepRow } from './deadlines.repository.js';

export function presentYear(y: YearData): CalendarYearView {
  const { days } = y;
  return {
    year: days.year,
    provisional: days.provisional,
    notice: days.notice === 'import' && y.entered
      ? { origin: 'import', ref: y.entered.notice_ref, by: y.entered.entered_by_name, at: toIso(y.entered.entered_at) }
      : days.notice === 'library'
        ? { origin: 'library', ref: LIBRARY_NOTICE_REF, by: null, at: null }
        : null,
    statuteRef: STATUTE_REF,
    days: days.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, nameText: holidayText(d.name), source: d.source, basis: d.basis ?? null })),
    edits: y.rows.filter((r) => r.source === 'manual').map((r) => ({ date: r.day, kind: r.kind, note: r.note, by: r.entered_by_name, at: toIso(r.entered_at) ?? '' })),
  };
}

export function presentEpisode(c: ClockRow, steps: StepRow[]): DeadlineEpisodeView {
  return {
    episode: Number(c.episode),
    reason: c.reason,
    startedOn: c.started_on,
    dueOn: c.due_on,
    workingDays: c.working_days === null ? null : Number(c.working_days),
    provisional: c.provisional,
    provisionalYears: (c.provisional_years ?? []).map(Number),
    overdueSince: c.overdue_since,
    level: Number(c.level),
    closedAt: toIso(c.closed_at),
    closedReason: c.closed_reason,
    steps: steps.map((s) => ({
      level: Number(s.step), unit: s.unit_id ? { id: s.unit_id, code: s.unit_code ?? '', name: s.unit_name ?? '' } : null, dueOn: s.due_on, at: toIso(s.at) ?? '',
    })),
  };
}
