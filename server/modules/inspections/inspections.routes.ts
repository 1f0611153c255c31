import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import {
  AnswersBody, CorrectInspectionBody, CoverageQuery, CoverageView, GeneratePlanBody, GeneratePlanResult, InspectionListQuery, InspectionPage, InspectionView,
  IntervalsBody, IntervalTable, SignatureBody, SignatureParams, SpotCheckBody, SpotCheckVerify, SpotCheckView, StartInspectionBody, SubmitInspectionBody,
  TaskListQuery, TaskPage,
} from '../../../common/modules/inspections/inspections.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { presentInspection, presentInspectionRow, presentSpotCheck, presentTask } from './inspections.presenter.js';
import type { InspectionsService } from './inspections.service.js';

export function inspectionsRoutes(app: FastifyInstance, svc: InspectionsService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['inspections'];
  const IdParams = Type.Object({ id: Id });
  const intervals = (rows: Array<{ grade: string; risk_level: number; months: number }>) => ({
    items: rows.map((x) => ({ grade: x.grade as 'A', riskLevel: Number(x.risk_level), months: Number(x.months) })),
  });

  r.get('/api/plans/intervals', { config: { access: 'plan.read' }, schema: { tags, summary: 'Inspection interval by place grade and risk level', response: { 200: IntervalTable, ...errors(401, 403) } } },
    async (req) => intervals(await svc.intervals(actorOf(req))));
  r.put('/api/plans/intervals', { config: { access: 'plan.manage' }, schema: { tags, summary: 'Change inspection intervals', body: IntervalsBody, response: { 200: IntervalTable, ...errors(400, 401, 403) } } },
    async (req) => intervals(await svc.setIntervals(actorOf(req), req.body.items)));
  r.post('/api/plans/generate', { config: { access: 'plan.manage' }, schema: { tags, summary: 'Produce the period\'s inspection tasks of a unit subtree (idempotent)', body: GeneratePlanBody, response: { 200: GeneratePlanResult, ...errors(400, 401, 403) } } },
    async (req) => svc.generatePlan(actorOf(req), req.body));
  r.get('/api/plans/tasks', { config: { access: 'authenticated' }, schema: { tags, summary: 'Inspection tasks (mine, or of my area)', querystring: TaskListQuery, response: { 200: TaskPage, ...errors(400, 401, 403) } } },
    async (req) => {
      const page = await svc.tasks(actorOf(req), req.query);
      return { items: page.items.map((t) => presentTask(t, page.names, page.today)), nextCursor: page.nextCursor };
    });
  r.get('/api/plans/coverage', { config: { access: 'plan.read' }, schema: { tags, summary: 'Planned vs done and overdue per unit for a period', querystring: CoverageQuery, response: { 200: CoverageView, ...errors(400, 401, 403) } } },
    async (req) => svc.coverage(actorOf(req), req.query));

  r.post('/api/spot-checks', { config: { access: 'plan.manage' }, schema: { tags, summary: '双随机 spot check: random places and inspectors, seed recorded', body: SpotCheckBody, response: { 201: SpotCheckView, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.code(201).send(presentSpotCheck(await svc.spotCheck(actorOf(req), req.body))));
  r.get('/api/spot-checks/:id', { config: { access: 'plan.read' }, schema: { tags, summary: 'A spot check and its draw', params: IdParams, response: { 200: SpotCheckView, ...errors(401, 403, 404) } } },
    async (req) => presentSpotCheck(await svc.getSpotCheck(actorOf(req), req.params.id)));
  r.get('/api/spot-checks/:id/verify', { config: { access: 'plan.read' }, schema: { tags, summary: 'Repeat the draw from the recorded seed and compare', params: IdParams, response: { 200: SpotCheckVerify, ...errors(401, 403, 404) } } },
    async (req) => svc.verifySpotCheck(actorOf(req), req.params.id));

  r.get('/api/inspections', { config: { access: 'inspection.read' }, schema: { tags, summary: 'Inspections in my area', querystring: InspectionListQuery, response: { 200: InspectionPage, ...errors(400, 401, 403) } } },
    async (req) => {
      const page = await svc.list(actorOf(req), req.query);
      return { items: page.items.map(presentInspectionRow), nextCursor: page.nextCursor };
    });
  r.post('/api/inspections', { config: { access: 'inspection.perform' }, schema: { tags, summary: 'Start an inspection (from a task, a place, an enterprise, or the grid where I stand)', body: StartInspectionBody, response: { 201: InspectionView, ...errors(400, 401, 403, 404, 409) } } },
    async (req, reply) => reply.code(201).send(presentInspection(await svc.start(actorOf(req), req.body))));
  r.get('/api/inspections/:id', { config: { access: 'inspection.read' }, schema: { tags, summary: 'An inspection with items, answers, photos, signatures and the hazards it raised', params: IdParams, response: { 200: InspectionView, ...errors(401, 403, 404) } } },
    async (req) => presentInspection(await svc.get(actorOf(req), req.params.id)));
  r.put('/api/inspections/:id/answers', { config: { access: 'inspection.perform' }, schema: { tags, summary: 'Save answers (draft only)', params: IdParams, body: AnswersBody, response: { 200: InspectionView, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => presentInspection(await svc.answer(actorOf(req), req.params.id, req.body.answers)));
  r.put('/api/inspections/:id/signatures/:role', { config: { access: 'inspection.perform' }, schema: { tags, summary: 'Sign: team leader, inspector or the premises\' person (PNG drawn on screen)', params: SignatureParams, body: SignatureBody, response: { 200: InspectionView, ...errors(400, 401, 403, 404, 409, 413) } } },
    async (req) => presentInspection(await svc.sign(actorOf(req), req.params.id, req.params.role, req.body.signerName, req.body.png)));
  r.post('/api/inspections/:id/submit', { config: { access: 'inspection.perform' }, schema: { tags, summary: 'Submit: the record becomes immutable and failed items raise hazards', params: IdParams, body: SubmitInspectionBody, response: { 200: InspectionView, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => presentInspection(await svc.submit(actorOf(req), req.params.id, req.body?.summary)));
  r.post('/api/inspections/:id/correct', { config: { access: 'inspection.perform' }, schema: { tags, summary: 'Correct a submitted inspection: a new linked draft', params: IdParams, body: CorrectInspectionBody, response: { 201: InspectionView, ...errors(400, 401, 403, 404, 409) } } },
    async (req, reply) => reply.code(201).send(presentInspection(await svc.correct(actorOf(req), req.params.id, req.body.reason))));
}
