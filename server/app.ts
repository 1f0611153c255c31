// buildApp(deps): the Fastify instance without listen(), used by main, the tests and the CLI.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { lazyCompilers } from './core/schema-compilers.js';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from './core/context.js';
import { auditWriter } from './core/audit.js';
import { fieldCipher } from './core/crypto.js';
import { registerErrorHandler } from './core/errors.js';
import { registerAccessHooks } from './core/http.js';
import { registerInputGuard } from './core/input.js';
import type { ModuleContext, Module } from './core/module.js';
import { securitySettingsStore } from './core/settings.js';
import { LIMITS } from '../common/limits.js';
import { ErrorResponse } from '../common/modules/shared/shared.contract.js';
import { createAuthModule } from './modules/auth/auth.module.js';
import { createAdminModule } from './modules/admin/admin.module.js';
import { createAuditModule } from './modules/audit/audit.module.js';
import { createHealthModule } from './modules/health/health.module.js';
import { createUnitsModule } from './modules/units/units.module.js';
import { createFilesModule } from './modules/files/files.module.js';
import { createSchedulerModule } from './modules/scheduler/scheduler.module.js';
import { createNotificationsModule } from './modules/notifications/notifications.module.js';
import { createDeadlinesModule } from './modules/deadlines/deadlines.module.js';
import { createHazardsModule } from './modules/hazards/hazards.module.js';
import { createChecklistsModule } from './modules/checklists/checklists.module.js';
import { createInspectionsModule } from './modules/inspections/inspections.module.js';
import { createReportsModule } from './modules/reports/reports.module.js';
import { createOpen311Module } from './modules/open311/open311.module.js';
import { createCalculatorsModule } from './modules/calculators/calculators.module.js';
import { createPlacesModule } from './modules/places/places.module.js';
import { createNoticesModule } from './modules/notices/notices.module.js';
import { createEnterprisesModule } from './modules/enterprises/enterprises.module.js';
import { createPeopleModule } from './modules/people/people.module.js';
import { createThingsModule } from './modules/things/things.module.js';
import { createOrgsModule } from './modules/orgs/orgs.module.js';
import { createRegistriesModule } from './modules/registries/registries.module.js';

export interface BuildOptions {
  /** Log to stdout (main) or stay quiet (tests). */
  logger?: boolean | { level: string };
  /** Serve the built web app from config.webDist when it exists. */
  serveWeb?: boolean;
  /** Compile route schemas when a route is first called (the server) rather than at start (tests). */
  lazySchemas?: boolean;
}

export interface RouteRecord {
  method: string;
  url: string;
  access: string | undefined;
  /** The route's contract (params, querystring, body, response, consumes …). */
  schema?: FastifySchema;
}

export interface App {
  app: FastifyInstance;
  ctx: ModuleContext;
  modules: Module[];
  /** Every route registered, with its declared access (the route-permission test walks it). */
  routes: RouteRecord[];
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: opts.logger === undefined ? false : opts.logger === true ? { level: config.logLevel } : opts.logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(h) ? h : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    ...(opts.lazySchemas ? { schemaController: { compilersFactory: lazyCompilers } } : {}),
  });

  const security = securitySettingsStore(deps.db, config.security);
  const audit = auditWriter(deps.secrets.auditKey, () => deps.clock.now());
  const ctx: ModuleContext = { ...deps, log: app.log, audit, cipher: fieldCipher(deps.secrets), security };

  const routes: RouteRecord[] = [];
  registerErrorHandler(app);
  registerInputGuard(app);
  app.addHook('onRoute', (route) => {
    // Routes added by the documentation plugin are public by declaration here.
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), access: 'public' };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) routes.push({ method: m, url: route.url, access: route.config?.access, ...(route.schema ? { schema: route.schema } : {}) });
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.perMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, ctx2) => ({ statusCode: 429, error: 'RATE_LIMITED', message: `Rate limit: retry in ${Math.ceil(ctx2.ttl / 1000)} s` }),
  });
  await app.register(multipart, { limits: { fileSize: LIMITS.importBytes, files: LIMITS.photosPerRecord, fields: 50 } });
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'SafeGrid API', version: '0.1.0', description: 'Grid-based community safety and work safety management' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sg_sid' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // The auth module resolves sessions for the access hooks (core knows no module).
  const auth = createAuthModule(ctx);
  registerAccessHooks(app, auth.service, { secureCookies: config.secureCookies, refusalsPerMinute: config.rateLimit.perMinute });

  // Domain modules, each wired with the services of the others it needs.
  const units = createUnitsModule(ctx);
  const modules: Module[] = [createHealthModule(ctx), auth, createAdminModule(ctx), createAuditModule(ctx), units];
  const files = createFilesModule(ctx);
  const scheduler = createSchedulerModule(ctx);
  const notifications = createNotificationsModule(ctx, { scheduler: scheduler.service });
  const deadlines = createDeadlinesModule(ctx, { notifications: notifications.service });
  const hazards = createHazardsModule(ctx, { files: files.service, notifications: notifications.service, scheduler: scheduler.service, deadlines: deadlines.service });
  const checklists = createChecklistsModule(ctx);
  const inspections = createInspectionsModule(ctx, {
    files: files.service, hazards: hazards.service, checklists: checklists.service, notifications: notifications.service, scheduler: scheduler.service,
  });
  modules.push(files, scheduler, notifications, deadlines, hazards, checklists, inspections);
  const reports = createReportsModule(ctx, { hazards: hazards.service, files: files.service, notifications: notifications.service });
  const open311 = createOpen311Module(ctx, { portal: reports.service.portal });
  modules.push(reports, open311);
  const notices = createNoticesModule(ctx, { files: files.service, notifications: notifications.service });
  modules.push(notices);
  const calculators = createCalculatorsModule(ctx);
  const enterprises = createEnterprisesModule(ctx, { calculators: calculators.service });
  const places = createPlacesModule(ctx, { calculators: calculators.service, inspections: inspections.service });
  const people = createPeopleModule(ctx);
  const things = createThingsModule(ctx);
  const orgs = createOrgsModule(ctx);
  const registries = createRegistriesModule(ctx, {
    calculators: calculators.service, places: places.service, enterprises: enterprises.service, today: () => calculators.service.today(),
    importSpecs: { places: places.importSpec, enterprises: enterprises.importSpec, people: people.importSpec },
  });
  modules.push(calculators, enterprises, places, people, things, orgs, registries);
  for (const m of modules) m.routes(app);

  if (opts.serveWeb !== false) registerWeb(app, config.webDist);
  return { app, ctx, modules, routes };
}

function registerWeb(app: FastifyInstance, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return;
  void app.register(fastifyStatic, { root: dist, serve: false, wildcard: false });
  // The web app's files are not counted against the per-address rate limit: a page load fetches
  // dozens of them, and many officials may share one office address.
  app.get('/*', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, (req, reply) => {
    const rel = (req.params as { '*': string })['*'] ?? '';
    if (rel.startsWith('api/') || rel.startsWith('open311/')) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: String(req.id) } });
    }
    const file = path.normalize(rel);
    if (rel !== '' && !file.startsWith('..') && !path.isAbsolute(file) && isFile(path.join(dist, file))) {
      const immutable = file.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(file, { cacheControl: false });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
