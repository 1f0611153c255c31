// /open311/v2/…: GeoReport v2 in JSON and XML, public, errors as the specification's
// [{code, description}] (<errors><error>…). Administration of keys and settings under /api/open311.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import {
  ApiKeyList, ApiKeyRow, CreateApiKeyBody, CreatedApiKey, Discovery, JurisdictionQuery, Open311Errors, Open311Settings, PostRequestBody,
  PostRequestResult, RequestsQuery, ServiceDefinition, ServiceList, ServiceRequests, TokenResult, XmlDocument,
} from '../../../common/modules/open311/open311.contract.js';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import { ERRORS, type FieldProblem } from '../../../common/errors.js';
import { AppError, sqlState } from '../../core/errors.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { toIso } from '../../db/client.js';
import { keyHash, type Lang, type Open311Service } from './open311.service.js';
import type { ApiKeyDbRow } from './open311.repository.js';
import { toXml } from './open311.xml.js';

type Format = 'json' | 'xml';

function langOf(req: FastifyRequest): Lang {
  const h = req.headers['accept-language'];
  return typeof h === 'string' && h.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

function formatOf(req: FastifyRequest): Format {
  return (req.url.split('?')[0] ?? '').toLowerCase().endsWith('.xml') ? 'xml' : 'json';
}

function send(reply: FastifyReply, fmt: Format, root: string, data: unknown, status = 200) {
  reply.code(status).header('access-control-allow-origin', '*');
  if (fmt === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, data));
  return reply.type('application/json; charset=utf-8').send(data);
}

/** Our field names → the specification's parameter names. */
function specField(f: string): string {
  const name = f.replace(/^(body|querystring|params)\//, '');
  if (name === 'lng') return 'long';
  const attr = /^attributes\/(.+)$/.exec(name);
  if (attr) return `attribute[${attr[1]}]`;
  return name;
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, status: number, description: string) {
  return send(reply, formatOf(req), 'errors', [{ code: status, description }], status);
}

/** Form bodies: repeated names (`attribute[X][]`) become arrays. */
export function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    if (prev === undefined) out[k] = k.endsWith('[]') ? [v] : v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function presentKey(k: ApiKeyDbRow) {
  return { id: k.id, name: k.name, prefix: k.key_prefix, createdAt: toIso(k.created_at) ?? '', lastUsedAt: toIso(k.last_used_at), revokedAt: toIso(k.revoked_at) };
}

export function open311Routes(app: FastifyInstance, svc: Open311Service): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      try {
        done(null, parseForm(String(body)));
      } catch (e) {
        done(e as Error, undefined);
      }
    });

    scope.setErrorHandler((err: FastifyError | AppError, req, reply) => {
      if (err instanceof AppError) {
        const fields: FieldProblem[] = err.details?.fields ?? [];
        let status = ERRORS[err.code].status;
        if (err.code === 'OUTSIDE_JURISDICTION' || err.code === 'VALIDATION_FAILED' || err.code === 'UNPROCESSABLE' || err.code === 'CHALLENGE_REQUIRED') status = 400;
        const description = fields.length ? fields.map((f) => `${specField(f.field)}: ${f.message}`).join('; ') : err.message;
        return sendProblem(req, reply, status, description);
      }
      if (err.validation) {
        const ctx = err.validationContext ?? 'body';
        const description = err.validation.map((v) => {
          const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
          const at = [ctx, (v.instancePath || '').replace(/^\//, ''), missing].filter((p) => p !== undefined && p !== '').join('/');
          return `${specField(at)}: ${v.message ?? 'is invalid'}`;
        }).join('; ');
        return sendProblem(req, reply, 400, description);
      }
      const status = err.statusCode ?? 500;
      if (status === 429) return sendProblem(req, reply, 429, 'Too many requests; try again later');
      if (status === 413) return sendProblem(req, reply, 413, 'The request is too large');
      if (status === 415) return sendProblem(req, reply, 415, 'Send application/x-www-form-urlencoded or application/json');
      if (status >= 400 && status < 500) return sendProblem(req, reply, 400, err.message);
      if (sqlState(err)?.startsWith('22')) return sendProblem(req, reply, 400, 'A value is out of range or malformed');
      req.log.error({ err }, 'unexpected error');
      return sendProblem(req, reply, 500, 'Internal server error');
    });
    scope.setNotFoundHandler((req, reply) => sendProblem(req, reply, 404, `No resource ${req.method} ${req.url.split('?')[0]}`));

    scope.addHook('preHandler', async (req) => {
      const q = (req.query ?? {}) as { jurisdiction_id?: string };
      const b = (req.body ?? {}) as { jurisdiction_id?: unknown };
      await svc.checkJurisdiction(q.jurisdiction_id ?? (typeof b.jurisdiction_id === 'string' ? b.jurisdiction_id : undefined));
    });

    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['open311'];
    const reads = { max: async () => (await svc.settings.get()).readsPerMinute, timeWindow: 60_000 };
    const posts = {
      hook: 'preHandler' as const,
      max: async () => (await svc.settings.get()).postsPer10MinPerKey,
      timeWindow: 600_000,
      keyGenerator: (req: FastifyRequest) => {
        const k = (req.body as { api_key?: unknown } | undefined)?.api_key;
        return typeof k === 'string' && k ? `key:${keyHash(k)}` : `ip:${req.ip}`;
      },
    };

    for (const fmt of ['json', 'xml'] as const) {
      const ok = (s: TSchema) => (fmt === 'json' ? s : XmlDocument);
      const errs = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, fmt === 'json' ? Open311Errors : XmlDocument]));
      const F = fmt.toUpperCase();

      r.get(`/discovery.${fmt}`, {
        config: { access: 'public', rateLimit: reads },
        schema: { tags, summary: `Service discovery (${F})`, querystring: JurisdictionQuery, response: { 200: ok(Discovery), ...errs(404, 429) } },
      }, async (req, reply) => send(reply, fmt, 'discovery', await svc.discovery(`${req.protocol}://${req.host}/open311/v2`)));

      r.get(`/services.${fmt}`, {
        config: { access: 'public', rateLimit: reads },
        schema: { tags, summary: `Service list: one service per hazard category (${F})`, querystring: JurisdictionQuery, response: { 200: ok(ServiceList), ...errs(404, 429) } },
      }, async (req, reply) => send(reply, fmt, 'services', svc.services(langOf(req))));

      r.get(`/services/:service_code.${fmt}`, {
        config: { access: 'public', rateLimit: reads },
        schema: {
          tags, summary: `Service definition: the attributes (${F})`, params: Type.Object({ service_code: Type.String({ maxLength: 40 }) }),
          querystring: JurisdictionQuery, response: { 200: ok(ServiceDefinition), ...errs(404, 429) },
        },
      }, async (req, reply) => send(reply, fmt, 'service_definition', svc.definition(req.params.service_code, langOf(req))));

      r.get(`/requests.${fmt}`, {
        config: { access: 'public', rateLimit: reads },
        schema: { tags, summary: `Service requests: by id, or by service, period (default the last 90 days) and status (${F})`, querystring: RequestsQuery, response: { 200: ok(ServiceRequests), ...errs(400, 404, 429) } },
      }, async (req, reply) => send(reply, fmt, 'service_requests', await svc.requests(req.query, langOf(req))));

      r.post(`/requests.${fmt}`, {
        config: { access: 'public', rateLimit: posts },
        bodyLimit: 64 * 1024,
        schema: {
          tags, summary: `Create a service request (form-encoded or JSON; api_key) (${F})`, consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: PostRequestBody, response: { 201: ok(PostRequestResult), 200: ok(PostRequestResult), ...errs(400, 403, 404, 413, 415, 429) },
        },
      }, async (req, reply) => {
        const res = await svc.post({ ip: req.ip ?? null, deviceToken: null }, req.body, langOf(req));
        return send(reply, fmt, 'service_requests', res, 201);
      });

      r.get(`/requests/:service_request_id.${fmt}`, {
        config: { access: 'public', rateLimit: reads },
        schema: { tags, summary: `One service request (${F})`, params: Type.Object({ service_request_id: Type.String({ maxLength: 64 }) }), querystring: JurisdictionQuery, response: { 200: ok(ServiceRequests), ...errs(404, 429) } },
      }, async (req, reply) => send(reply, fmt, 'service_requests', await svc.request(req.params.service_request_id, langOf(req))));

      r.get(`/tokens/:token.${fmt}`, {
        config: { access: 'public', rateLimit: reads },
        schema: { tags, summary: `The service request id of a token (${F})`, params: Type.Object({ token: Type.String({ maxLength: 64 }) }), querystring: JurisdictionQuery, response: { 200: ok(TokenResult), ...errs(404, 429) } },
      }, async (req, reply) => send(reply, fmt, 'service_requests', await svc.token(req.params.token)));
    }
  }, { prefix: '/open311/v2' });

  // ---- administration ----
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['open311'];
  r.get('/api/open311/keys', {
    config: { access: 'open311.manage' },
    schema: { tags, summary: 'Open311 API keys (hashes only are kept)', response: { 200: ApiKeyList, ...errors(401, 403) } },
  }, async (req) => ({ items: (await svc.listKeys(actorOf(req))).map(presentKey) }));
  r.post('/api/open311/keys', {
    config: { access: 'open311.manage' },
    schema: { tags, summary: 'Create an API key: the key is shown in this answer only', body: CreateApiKeyBody, response: { 201: CreatedApiKey, ...errors(400, 401, 403) } },
  }, async (req, reply) => {
    const { row, key } = await svc.createKey(actorOf(req), req.body.name);
    return reply.code(201).header('cache-control', 'no-store').send({ ...presentKey(row), key });
  });
  r.delete('/api/open311/keys/:id', {
    config: { access: 'open311.manage' },
    schema: { tags, summary: 'Revoke an API key', params: Type.Object({ id: Id }), response: { 200: ApiKeyRow, ...errors(401, 403, 404) } },
  }, async (req) => presentKey(await svc.revokeKey(actorOf(req), req.params.id)));
  r.get('/api/open311/settings', {
    config: { access: 'open311.manage' },
    schema: { tags, summary: 'Open311 settings: jurisdiction id, whether POST needs a key, contact', response: { 200: Open311Settings, ...errors(401, 403) } },
  }, async (req) => svc.getSettings(actorOf(req)));
  r.put('/api/open311/settings', {
    config: { access: 'open311.manage' },
    schema: { tags, summary: 'Change the Open311 settings', body: Open311Settings, response: { 200: Open311Settings, ...errors(400, 401, 403) } },
  }, async (req) => svc.setSettings(actorOf(req), req.body));
}
