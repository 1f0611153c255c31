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
}
