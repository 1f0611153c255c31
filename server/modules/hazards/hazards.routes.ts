import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import {
  CategoryList, CreateHazardBody, HAZARD_CATEGORIES, HazardActionBody, HazardCreated, HazardDetail, HazardListQuery,
  HazardPage, HazardSettings, StatsQuery, StatsView,
} from '../../../common/modules/hazards/hazards.contract.js';
import { HAZARD_ACTIONS, TRANSITIONS, type HazardAction } from '../../../common/modules/hazards/hazards.workflow.js';
import type { RouteAccess } from '../../../common/permissions.js';
import { actorOf } from '../../core/http.js';
import type { Executor } from '../../db/client.js';
import { errors } from '../../core/responses.js';
import type { FilesService } from '../files/files.module.js';
import { presentHazardDetail } from './hazards.presenter.js';
import { acceptanceRecordPdf, rectificationNoticePdf } from './hazards.pdf.js';
import type { HazardsService } from './hazards.service.js';

/** The permission a route declares for an action: its one permission, or hazard.read when several may do it (the service checks). */
export function actionAccess(action: HazardAction): RouteAccess {
  const perms = [...new Set(TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.permission))];
  return perms.length === 1 && perms[0] ? perms[0] : 'hazard.read';
}

export function hazardsRoutes(app: FastifyInstance, svc: HazardsService, files: FilesService, opts: { timeZone: string; db: Executor }): void {
  const { timeZone } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['hazards'];
  const IdParams = Type.Object({ id: Id });

  r.get('/api/hazards/categories', { config: { access: 'authenticated' }, schema: { tags, summary: 'Hazard categories', response: { 200: CategoryList, ...errors(401) } } },
    async () => ({ items: HAZARD_CATEGORIES.map((c) => ({ ...c })) }));

  r.get('/api/hazards', { config: { access: 'hazard.read' }, schema: { tags, summary: 'The hazard ledger (my area)', querystring: HazardListQuery, response: { 200: HazardPage, ...errors(400, 401, 403) } } },
    async (req) => svc.list(actorOf(req), req.query));

  r.post('/api/hazards', { config: { access: 'hazard.report' }, schema: { tags, summary: 'Register a hazard', body: CreateHazardBody, response: { 201: HazardCreated, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => reply.code(201).send(await svc.create(actorOf(req), req.body)));

  r.get('/api/hazards/stats', { config: { access: 'stats.read' }, schema: { tags, summary: 'Figures per unit subtree and period (from the aggregates)', querystring: StatsQuery, response: { 200: StatsView, ...errors(400, 401, 403) } } },
    async (req) => svc.stats(actorOf(req), req.query));

  r.get('/api/hazards/settings', { config: { access: 'authenticated' }, schema: { tags, summary: 'Escalation and deadline settings', response: { 200: HazardSettings, ...errors(401, 403) } } },
    async (req) => svc.getSettings(actorOf(req)));
  r.put('/api/hazards/settings', { config: { access: 'config.manage' }, schema: { tags, summary: 'Change escalation and deadline settings', body: HazardSettings, response: { 200: HazardSettings, ...errors(400, 401, 403) } } },
    async (req) => svc.setSettings(actorOf(req), req.body));

  r.get('/api/hazards/:id', { config: { access: 'hazard.read' }, schema: { tags, summary: 'A hazard with its timeline, photos, signatures and my abilities', params: IdParams, response: { 200: HazardDetail, ...errors(401, 403, 404) } } },
    async (req) => presentHazardDetail(await svc.get(actorOf(req), req.params.id), svc.today()));

  for (const action of HAZARD_ACTIONS) {
    r.post(`/api/hazards/:id/${action.replaceAll('_', '-')}`, {
      config: { access: actionAccess(action) },
      schema: { tags, summary: `Workflow: ${action}`, params: IdParams, body: HazardActionBody, response: { 200: HazardDetail, ...errors(400, 401, 403, 404, 409) } },
    }, async (req) => presentHazardDetail(await svc.act(actorOf(req), req.params.id, action, req.body ?? {}), svc.today()));
  }

  const pdfImages = async (ids: string[]) => {
    const byId = new Map<string, Buffer>();
    for (const row of await files.byIds(opts.db, ids)) {
      try {
        byId.set(row.id, await files.bytes(row));
      } catch {
        /* a missing file leaves its box empty */
      }
    }
    return { byId };
  };

  r.get('/api/hazards/:id/notice.pdf', { config: { access: 'hazard.read' }, schema: { tags, summary: 'Rectification notice (责令限期整改指令书) as PDF', params: IdParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 404) } } },
    async (req, reply) => {
      const bundle = await svc.get(actorOf(req), req.params.id);
      const detail = presentHazardDetail(bundle, svc.today());
      const images = await pdfImages([...detail.photos.before.slice(0, 3).map((p) => p.id), ...detail.signatures.map((s) => s.file.id)]);
      const legal = bundle.events.find((e) => e.action === 'create')?.data.legalBasis;
      const pdf = await rectificationNoticePdf(detail, images, { timeZone, issuer: detail.grid?.name ?? 'SafeGrid', legalBasis: typeof legal === 'string' ? legal : null });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="notice-${detail.code}.pdf"`).send(pdf);
    });

  r.get('/api/hazards/:id/acceptance.pdf', { config: { access: 'hazard.read' }, schema: { tags, summary: 'Acceptance record as PDF', params: IdParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 404) } } },
    async (req, reply) => {
      const detail = presentHazardDetail(await svc.get(actorOf(req), req.params.id), svc.today());
      const images = await pdfImages([...detail.photos.before.slice(0, 2), ...detail.photos.after.slice(0, 2)].map((p) => p.id).concat(detail.signatures.map((s) => s.file.id)));
      const pdf = await acceptanceRecordPdf(detail, images, { timeZone, issuer: detail.grid?.name ?? 'SafeGrid' });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="acceptance-${detail.code}.pdf"`).send(pdf);
    });
}
