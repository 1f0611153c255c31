import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import {
  CreateMemberBody, CreateOrgBody, MemberView, OrgDetail, OrgListQuery, OrgPage, ServiceLogBody, ServiceLogList, ServiceLogQuery, UpdateMemberBody, UpdateOrgBody,
} from '../../../common/modules/orgs/orgs.contract.js';
import { HistoryList } from '../../../common/modules/registries/registries.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import type { OrgsService } from './orgs.service.js';
import { presentMember, presentOrg, presentOrgDetail } from './orgs.presenter.js';

const Params = Type.Object({ id: Id });

export function orgsRoutes(app: FastifyInstance, svc: OrgsService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orgs'];

  r.get('/api/orgs', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'Organizations in my area (flagged=true: safe-community leading groups below the minimums)', querystring: OrgListQuery, response: { 200: OrgPage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const page = await svc.list(actorOf(req), req.query);
    return { items: page.items.map(presentOrg), nextCursor: page.nextCursor };
  });

  r.post('/api/orgs', {
    config: { access: 'org.write' },
    schema: { tags, summary: 'Register an organization (by location, or at a unit)', body: CreateOrgBody, response: { 201: OrgDetail, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await svc.create(actor, req.body);
    return reply.code(201).send(presentOrgDetail(row, [], svc.abilities(actor, row)));
  });

  r.get('/api/orgs/:id', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'An organization with its members, their departments and service hours', params: Params, response: { 200: OrgDetail, ...errors(401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.get(actor, req.params.id);
    return presentOrgDetail(row, await svc.members(row.id), svc.abilities(actor, row));
  });

  r.patch('/api/orgs/:id', {
    config: { access: 'org.write' },
    schema: { tags, summary: 'Change an organization', params: Params, body: UpdateOrgBody, response: { 200: OrgDetail, ...errors(400, 401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.update(actor, req.params.id, req.body);
    return presentOrgDetail(row, await svc.members(row.id), svc.abilities(actor, row));
  });

  r.post('/api/orgs/:id/members', {
    config: { access: 'org.write' },
    schema: { tags, summary: 'Add a member (with department)', params: Params, body: CreateMemberBody, response: { 201: MemberView, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.code(201).send(presentMember(await svc.addMember(actorOf(req), req.params.id, req.body))));

  r.patch('/api/org-members/:id', {
    config: { access: 'org.write' },
    schema: { tags, summary: 'Change a member (leftOn records leaving)', params: Params, body: UpdateMemberBody, response: { 200: MemberView, ...errors(400, 401, 403, 404) } },
  }, async (req) => presentMember(await svc.updateMember(actorOf(req), req.params.id, req.body)));

  r.get('/api/orgs/:id/service-logs', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'Volunteer service hours', params: Params, querystring: ServiceLogQuery, response: { 200: ServiceLogList, ...errors(400, 401, 403, 404) } },
  }, async (req) => svc.serviceLogs(actorOf(req), req.params.id, req.query));

  r.post('/api/orgs/:id/service-logs', {
    config: { access: 'org.write' },
    schema: { tags, summary: 'Record service hours of a member', params: Params, body: ServiceLogBody, response: { 201: ServiceLogList, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.code(201).send(await svc.addServiceLog(actorOf(req), req.params.id, req.body)));

  r.get('/api/orgs/:id/history', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'Changes from the audit log', params: Params, response: { 200: HistoryList, ...errors(401, 403, 404) } },
  }, async (req) => ({ items: await svc.history(actorOf(req), req.params.id) }));
}
