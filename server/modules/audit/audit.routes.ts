import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery, AuditVerifyView } from '../../../common/modules/audit/audit.contract.js';
import { toIso } from '../../db/client.js';
import { actorOf } from '../../core/http.js';
import type { AuditService } from './audit.service.js';

export function auditRoutes(app: FastifyInstance, svc: AuditService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/audit', { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: AuditQuery, response: { 200: AuditPage } } }, async (req) => {
    const page = await svc.list(actorOf(req), req.query);
    return {
      items: page.items.map((a) => ({
        id: a.id, at: toIso(a.at) ?? '', actorId: a.actor_id, actorName: a.actor_name, ip: a.ip, action: a.action,
        objectType: a.object_type, objectId: a.object_id, outcome: a.outcome, summary: a.summary,
      })),
      nextCursor: page.nextCursor,
    };
  });
  r.post('/api/audit/verify', { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: 'Verify the hash chain; reports the first broken link', response: { 200: AuditVerifyView } } }, async (req) => svc.verify(actorOf(req)));
}
