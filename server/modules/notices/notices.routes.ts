// Notices: thin routes over the notices service.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import {
  CreateNoticeBody, NoticeDetail, NoticeListQuery, NoticePage, NoticeReceipts, WithdrawNoticeBody,
} from '../../../common/modules/notices/notices.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import type { NoticesService } from './notices.service.js';
import { presentNotice, presentNoticeDetail } from './notices.presenter.js';

const Params = Type.Object({ id: Id });

export function noticesRoutes(app: FastifyInstance, svc: NoticesService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notices'];

  r.get('/api/notices', {
    config: { access: 'notice.read' },
    schema: { tags, summary: 'Notices sent to me (box=inbox, the default) or issued in my area (box=issued)', querystring: NoticeListQuery, response: { 200: NoticePage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const page = await svc.list(actorOf(req), req.query);
    return { items: page.items.map(presentNotice), nextCursor: page.nextCursor };
  });

  r.post('/api/notices', {
    config: { access: 'notice.issue' },
    schema: { tags, summary: 'Draft (or publish at once) a notice to the issuing unit\'s subtree or chosen units below it', body: CreateNoticeBody, response: { 201: NoticeDetail, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.code(201).send(presentNoticeDetail(await svc.create(actorOf(req), req.body))));

  r.get('/api/notices/:id', {
    config: { access: 'notice.read' },
    schema: { tags, summary: 'A notice (opening it as a recipient records the reading)', params: Params, response: { 200: NoticeDetail, ...errors(401, 403, 404) } },
  }, async (req) => presentNoticeDetail(await svc.get(actorOf(req), req.params.id)));

  r.post('/api/notices/:id/publish', {
    config: { access: 'notice.issue' },
    schema: { tags, summary: 'Publish a draft: every user in the audience gets it in their inbox', params: Params, response: { 200: NoticeDetail, ...errors(401, 403, 404, 409) } },
  }, async (req) => presentNoticeDetail(await svc.publish(actorOf(req), req.params.id)));

  r.post('/api/notices/:id/withdraw', {
    config: { access: 'notice.issue' },
    schema: { tags, summary: 'Withdraw a published notice, with the reason', params: Params, body: WithdrawNoticeBody, response: { 200: NoticeDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => presentNoticeDetail(await svc.withdraw(actorOf(req), req.params.id, req.body.reason)));

  r.get('/api/notices/:id/receipts', {
    config: { access: 'notice.read' },
    schema: { tags, summary: 'Read receipts per recipient unit, with who has not read it yet (the issuer side)', params: Params, response: { 200: NoticeReceipts, ...errors(401, 403, 404) } },
  }, async (req) => svc.receipts(actorOf(req), req.params.id));

  r.get('/api/notices/:id/files/:fileId', {
    config: { access: 'notice.read' },
    schema: { tags, summary: 'An attachment of the notice', params: Type.Object({ id: Id, fileId: Id }), response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 403, 404) } },
  }, async (req, reply) => {
    const { row, data } = await svc.file(actorOf(req), req.params.id, req.params.fileId);
    return reply
      .header('content-type', row.mime)
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="${row.id}.${row.mime.split('/')[1] ?? 'bin'}"`)
      .send(data);
  });
}
