import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql, type Database } from '../../db/client.js';
import { sendError } from '../../core/errors.js';

const Health = Type.Object({ status: Type.String(), engine: Type.Optional(Type.String()) });

export function healthRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/healthz', { config: { access: 'public', rateLimit: false }, schema: { tags: ['health'], summary: 'Liveness', response: { 200: Health } } }, async () => ({ status: 'ok' }));
  r.get('/readyz', { config: { access: 'public', rateLimit: false }, schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: Health } } }, async (req, reply) => {
    try {
      await db.rows(sql`SELECT 1`);
      return { status: 'ready', engine: db.engine };
    } catch (err) {
      req.log.warn({ err }, 'database not reachable');
      return sendError(reply, req, 'UNAVAILABLE', 'database not reachable');
    }
  });
  // Planted fault: throws on a NUL in a multipart field (the route test must catch it).
  r.post('/api/health/planted', { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Planted fault', consumes: ['multipart/form-data'] } }, async (req) => {
    if (req.isMultipart()) {
      for await (const part of req.parts()) {
        if (part.type === 'field' && String(part.value).includes('\u0000')) throw new Error('planted: NUL in a field');
        if (part.type === 'file') await part.toBuffer();
      }
    }
    return { status: 'ok' };
  });
}
