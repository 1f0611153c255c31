import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CalendarDayParams, CalendarYearParams, CalendarYearView, DayEditBody, NoticeImportBody, NoticeImported,
} from '../../../common/modules/deadlines/deadlines.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import type { DeadlinesService } from './deadlines.service.js';

export function deadlinesRoutes(app: FastifyInstance, svc: DeadlinesService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar'];

  r.get('/api/calendar/years/:year', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'A year of the working-day calendar: its special days, each with its source, and whether the year is provisional', params: CalendarYearParams, response: { 200: CalendarYearView, ...errors(400, 401) } },
  }, async (req) => svc.year(actorOf(req), req.params.year));

  r.put('/api/calendar/years/:year/notice', {
    config: { access: 'config.manage' },
    schema: { tags, summary: 'Enter (or replace) the year\'s State Council holiday notice; provisional deadlines are recomputed', params: CalendarYearParams, body: NoticeImportBody, response: { 200: NoticeImported, ...errors(400, 401, 403) } },
  }, async (req) => svc.importNotice(actorOf(req), req.params.year, req.body));

  r.put('/api/calendar/days/:date', {
    config: { access: 'config.manage' },
    schema: { tags, summary: 'Edit one day of the calendar (or clear the edit), with the reason', params: CalendarDayParams, body: DayEditBody, response: { 200: CalendarYearView, ...errors(400, 401, 403, 404) } },
  }, async (req) => svc.editDay(actorOf(req), req.params.date, req.body));
}
