import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ContactsBody, ContactsView, InboxPage, InboxQuery, MarkReadBody, MarkReadResult, MyWork, OutboxPage, OutboxQuery,
} from '../../../common/modules/notifications/notifications.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { toIso } from '../../db/client.js';
import type { NotificationsService } from './notifications.service.js';

export function notificationsRoutes(app: FastifyInstance, svc: NotificationsService, today: () => string): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  r.get('/api/my-work', { config: { access: 'authenticated' }, schema: { tags, summary: 'My work: inspections due, reports to check, hazards to confirm, rectify, accept, supervise (overdue first)', response: { 200: MyWork, ...errors(401) } } },
    async (req) => svc.myWork(actorOf(req), today()));

  r.get('/api/inbox', { config: { access: 'authenticated' }, schema: { tags, summary: 'My in-app notifications', querystring: InboxQuery, response: { 200: InboxPage, ...errors(400, 401) } } },
    async (req) => {
      const page = await svc.inbox(actorOf(req), req.query);
      return {
        unread: page.unread,
        nextCursor: page.nextCursor,
        items: page.items.map((n) => ({
          id: n.id, kind: n.kind, title: { zh: n.title_zh, en: n.title_en }, body: { zh: n.body_zh, en: n.body_en },
          object: n.object_type && n.object_id ? { type: n.object_type, id: n.object_id } : null, createdAt: toIso(n.created_at) ?? '', readAt: toIso(n.read_at),
        })),
      };
    });

  r.post('/api/inbox/read', { config: { access: 'authenticated' }, schema: { tags, summary: 'Mark notifications read', body: MarkReadBody, response: { 200: MarkReadResult, ...errors(400, 401) } } },
    async (req) => svc.markRead(actorOf(req), req.body));

  r.get('/api/me/contacts', { config: { access: 'authenticated' }, schema: { tags, summary: 'My e-mail and mobile for notifications (masked)', response: { 200: ContactsView, ...errors(401) } } },
    async (req) => svc.contacts(actorOf(req)));
  r.put('/api/me/contacts', { config: { access: 'authenticated' }, schema: { tags, summary: 'Set my e-mail and mobile (stored encrypted) and which channels to use', body: ContactsBody, response: { 200: ContactsView, ...errors(400, 401) } } },
    async (req) => svc.setContacts(actorOf(req), req.body));

  r.get('/api/outbox', { config: { access: 'authenticated' }, schema: { tags, summary: 'Messages sent or waiting to be sent (mine; all with config.manage)', querystring: OutboxQuery, response: { 200: OutboxPage, ...errors(400, 401, 403) } } },
    async (req) => {
      const page = await svc.outbox(actorOf(req), req.query);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((o) => ({
          id: o.id, user: o.username, channel: o.channel, recipient: o.recipient, subject: o.subject, status: o.status, attempts: o.attempts,
          nextAttemptAt: toIso(o.next_attempt_at) ?? '', sentAt: toIso(o.sent_at), lastError: o.last_error, createdAt: toIso(o.created_at) ?? '',
        })),
      };
    });
}
