// The public portal's API under /api/public/: no account, its own rate limits (so a burst here
// does not touch the limits of staff pages), and nothing else of the API reachable from it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ChallengeResponse, DeviceTokenHeader, GeocodeQuery, GeocodeResponse, MapQuery, MapResponse, NearbyQuery, NearbyResponse,
  PortalInfo, PublicRef, PublicStatus, REPORT_LIMITS, SubmitBody, SubmitResponse, SupportBody, SupportResponse, type PortalSettings,
} from '../../../common/modules/reports/reports.contract.js';
import { AppError, fieldError } from '../../core/errors.js';
import { errors } from '../../core/responses.js';
import type { IncomingPhoto, PortalService, Requester } from './reports.portal.js';
import type { SettingsDoc } from './reports.settings.js';

const photosOf = new WeakMap<FastifyRequest, IncomingPhoto[]>();

function requester(req: FastifyRequest): Requester {
  const t = req.headers['x-device-token'];
  return { ip: req.ip ?? null, deviceToken: typeof t === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(t) ? t : null };
}

/**
 * multipart/form-data submissions: a `data` field with the JSON body and up to a few `photos`.
 * Read before validation, so the same schema checks both forms of the request.
 */
async function readMultipart(req: FastifyRequest, maxPhotos: number): Promise<void> {
  if (!req.isMultipart()) return;
  let data: string | null = null;
  const photos: IncomingPhoto[] = [];
  const parts = req.parts({ limits: { fileSize: REPORT_LIMITS.photoBytes, files: maxPhotos, fields: 4, fieldSize: 64 * 1024, parts: maxPhotos + 4 } });
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'photos') {
        await part.toBuffer();
        throw fieldError(`body/${part.fieldname}`, 'unexpected file field (use "photos")');
      }
      photos.push({ data: await part.toBuffer() });
    } else if (part.fieldname === 'data') {
      data = String(part.value);
    }
  }
  if (data === null) throw fieldError('body/data', 'the multipart request needs a "data" field with the report as JSON');
  try {
    req.body = JSON.parse(data) as unknown;
  } catch {
    throw fieldError('body/data', 'is not valid JSON');
  }
  photosOf.set(req, photos);
}

export function publicRoutes(app: FastifyInstance, portal: PortalService, settings: SettingsDoc<PortalSettings>): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['public'];
  const reads = { max: async () => (await settings.get()).readsPerMinute, timeWindow: 60_000 };

  // Submissions (new reports and "me too") share two limiters: per address and per device.
  const perAddress = app.createRateLimit({ max: async () => (await settings.get()).submitPer10MinPerAddress, timeWindow: 600_000 });
  const perDevice = app.createRateLimit({
    max: async () => (await settings.get()).submitPerHourPerDevice, timeWindow: 3_600_000,
    keyGenerator: (req) => `device:${requester(req).deviceToken ?? ''}`,
  });
  async function submissionLimits(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const checks = [perAddress(req)];
    if (requester(req).deviceToken) checks.push(perDevice(req));
    for (const res of await Promise.all(checks)) {
      if (!res.isAllowed && res.isExceeded) {
        reply.header('retry-after', String(res.ttlInSeconds));
        throw new AppError('RATE_LIMITED', `Too many submissions from here; try again in ${res.ttlInSeconds} s`);
      }
    }
  }

  r.get('/api/public/portal', {
    config: { access: 'public', rateLimit: reads },
    schema: { tags, summary: 'What the reporting form needs: categories, extra questions, limits, the area', response: { 200: PortalInfo, ...errors(429) } },
  }, async () => portal.info());

  r.get('/api/public/map', {
    config: { access: 'public', rateLimit: reads },
    schema: { tags, summary: 'Unit boundaries as GeoJSON: the map of the reporting form', querystring: MapQuery, response: { 200: MapResponse, ...errors(400, 429) } },
  }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return portal.map(req.query.level ?? 'grid');
  });

  r.get('/api/public/geocode', {
    config: { access: 'public', rateLimit: reads },
    schema: { tags, summary: 'Match a typed address to a place in the area', querystring: GeocodeQuery, response: { 200: GeocodeResponse, ...errors(400, 429) } },
  }, async (req) => portal.geocode(req.query.q));

  r.get('/api/public/reports/nearby', {
    config: { access: 'public', rateLimit: reads },
    schema: { tags, summary: 'Open reports of the same category nearby (possible duplicates), public fields only', querystring: NearbyQuery, response: { 200: NearbyResponse, ...errors(400, 429) } },
  }, async (req) => portal.nearby(req.query));

  r.get('/api/public/challenge', {
    config: { access: 'public', rateLimit: reads },
    schema: { tags, summary: 'A proof-of-work challenge: find a nonce so that SHA-256(challenge:nonce) starts with `difficulty` zero bits', response: { 200: ChallengeResponse, ...errors(429) } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return portal.challenge();
  });

  r.post('/api/public/reports', {
    config: { access: 'public', rateLimit: false },
    bodyLimit: REPORT_LIMITS.jsonBodyBytes,
    onRequest: submissionLimits,
    preValidation: async (req) => readMultipart(req, (await settings.get()).maxPhotos),
    schema: {
      tags, summary: 'Report a hazard (JSON, or multipart/form-data with a "data" JSON field and "photos")', consumes: ['application/json', 'multipart/form-data'],
      headers: DeviceTokenHeader, body: SubmitBody, response: { 201: SubmitResponse, ...errors(400, 404, 413, 415, 422, 428, 429) },
    },
  }, async (req, reply) => {
    const res = await portal.submit(requester(req), req.body, photosOf.get(req) ?? []);
    return reply.code(201).header('cache-control', 'no-store').send(res);
  });

  r.get('/api/public/reports/:code', {
    config: { access: 'public', rateLimit: reads },
    schema: { tags, summary: 'The status page of a tracking code', params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }), response: { 200: PublicStatus, ...errors(404, 429) } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return portal.status(req.params.code);
  });

  r.post('/api/public/reports/:ref/support', {
    config: { access: 'public', rateLimit: false },
    bodyLimit: 8 * 1024,
    onRequest: submissionLimits,
    schema: {
      tags, summary: 'Add yourself to an open report instead of filing a duplicate', headers: DeviceTokenHeader,
      params: Type.Object({ ref: PublicRef }), body: SupportBody, response: { 201: SupportResponse, ...errors(400, 404, 409, 428, 429) },
    },
  }, async (req, reply) => {
    const res = await portal.support(requester(req), req.params.ref, req.body);
    return reply.code(201).header('cache-control', 'no-store').send(res);
  });
}
