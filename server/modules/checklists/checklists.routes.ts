import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import { CreateTemplateBody, TemplateBody, TemplateListQuery, TemplateSummary, TemplateView } from '../../../common/modules/checklists/checklists.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { presentTemplate, presentTemplateSummary } from './checklists.presenter.js';
import type { ChecklistsService } from './checklists.service.js';

export function checklistsRoutes(app: FastifyInstance, svc: ChecklistsService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['checklists'];
  const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_.-]{1,63}$' }) });

  r.get('/api/checklists', { config: { access: 'checklist.read' }, schema: { tags, summary: 'Checklist templates (current versions unless history)', querystring: TemplateListQuery, response: { 200: Type.Object({ items: Type.Array(TemplateSummary) }), ...errors(400, 401, 403) } } },
    async (req) => ({ items: (await svc.list(actorOf(req), req.query)).map(presentTemplateSummary) }));
  r.get('/api/checklists/:id', { config: { access: 'checklist.read' }, schema: { tags, summary: 'One template version with its items', params: Type.Object({ id: Id }), response: { 200: TemplateView, ...errors(401, 403, 404) } } },
    async (req) => {
      const t = await svc.get(actorOf(req), req.params.id);
      return presentTemplate(t.template, t.items);
    });
  r.post('/api/checklists', { config: { access: 'checklist.manage' }, schema: { tags, summary: 'Create a template', body: CreateTemplateBody, response: { 201: TemplateView, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => {
      const t = await svc.create(actorOf(req), req.body);
      return reply.code(201).send(presentTemplate(t.template, t.items));
    });
  r.put('/api/checklists/by-code/:code', { config: { access: 'checklist.manage' }, schema: { tags, summary: 'Edit a template: saves a new version', params: CodeParams, body: TemplateBody, response: { 200: TemplateView, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const t = await svc.revise(actorOf(req), req.params.code, req.body);
      return presentTemplate(t.template, t.items);
    });
  r.post('/api/checklists/by-code/:code/retire', { config: { access: 'checklist.manage' }, schema: { tags, summary: 'Retire a template (no new inspections with it)', params: CodeParams, response: { 200: TemplateView, ...errors(401, 403, 404) } } },
    async (req) => {
      const t = await svc.retire(actorOf(req), req.params.code);
      return presentTemplate(t.template, t.items);
    });
}
