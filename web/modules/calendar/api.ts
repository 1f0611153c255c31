// The working-day calendar: typed by common/modules/deadlines/deadlines.contract.ts.
import type { Static } from 'typebox';
import type { CalendarYearView, DayEditBody, NoticeImportBody, NoticeImported } from '../../../common/modules/deadlines/deadlines.contract.js';
import { http } from '../../api/client.js';

export type CalendarYear = Static<typeof CalendarYearView>;

export const calendarApi = {
  year: (year: number, signal?: AbortSignal) => http.get<CalendarYear>(`/api/calendar/years/${year}`, undefined, signal ? { signal } : {}),
  importNotice: (year: number, body: NoticeImportBody) => http.put<Static<typeof NoticeImported>>(`/api/calendar/years/${year}/notice`, body),
  editDay: (date: string, body: DayEditBody) => http.put<CalendarYear>(`/api/calendar/days/${date}`, body),
};
