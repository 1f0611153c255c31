// createTestApp(): the real app on a real database, with a clock the test controls, plus a small
// HTTP client that keeps the session cookie and CSRF token like a browser does.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import { buildApp, type App } from '../app.js';
import { ManualClock } from '../core/context.js';
import { generateSecrets } from '../core/secrets.js';
import { hashPassword } from '../core/passwords.js';
import { sql, type Database } from '../db/client.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import type { BuiltinRole } from '../../common/permissions.js';

export interface TestApp extends App {
  db: Database;
  clock: ManualClock;
  testDb: TestDatabase;
  close(): Promise<void>;
  /** Creates a user (no forced password change) with one grant; returns its id. */
  user(username: string, role: BuiltinRole | (string & {}), unitCode?: string, opts?: { password?: string; industry?: string; enterpriseId?: string; mustChange?: boolean }): Promise<string>;
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
}

export const TEST_PASSWORD = 'Test-Passw0rd!';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ SAFEGRID_DATA_DIR: '/nonexistent-test-data', SAFEGRID_DEMO: 'off', SAFEGRID_WEB_DIST: '/nonexistent-web' }, process.cwd());
  // Each app keeps its audit checkpoint in a directory of its own: apps of one run have different
  // audit keys, and a checkpoint left by another app (or an earlier run) would not verify.
  const auditCheckpointFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'safegrid-audit-')), 'audit-checkpoint.json');
  return { ...base, auditCheckpointFile, rateLimit: { perMinute: 100_000, loginPerMinute: 10_000 }, ...overrides };
}

export async function createTestApp(opts: { config?: Partial<Config>; clock?: ManualClock; testDb?: TestDatabase; lazySchemas?: boolean; serveWeb?: boolean } = {}): Promise<TestApp> {
  const testDb = opts.testDb ?? (await createTestDatabase());
  const clock = opts.clock ?? new ManualClock();
  const config = testConfig(opts.config);
  const built = await buildApp({ config, db: testDb.db, clock, secrets: generateSecrets() }, { serveWeb: opts.serveWeb ?? false, lazySchemas: opts.lazySchemas ?? false });
  await built.app.ready();
  const hashes = new Map<string, string>();
  const t: TestApp = {
    ...built,
    db: testDb.db,
    clock,
    testDb,
    async close() {
      await built.app.close();
      if (!opts.testDb) await testDb.close();
    },
    async user(username, role, unitCode = 'root', o = {}) {
      const pw = o.password ?? TEST_PASSWORD;
      let hash = hashes.get(pw);
      if (!hash) {
        hash = await hashPassword(pw);
        hashes.set(pw, hash);
      }
      const unit = await testDb.db.one<{ id: string }>(sql`SELECT id FROM units WHERE code = ${unitCode}`);
      if (!unit) throw new Error(`no unit ${unitCode}`);
      const row = await testDb.db.one<{ id: string }>(sql`INSERT INTO users (username, display_name, password_hash, unit_id, must_change_password)
        VALUES (${username}, ${username}, ${hash}, ${unit.id}::bigint, ${o.mustChange ?? false}) RETURNING id`);
      if (!row) throw new Error('insert failed');
      await testDb.db.rows(sql`INSERT INTO grants (user_id, role_code, unit_id, industry_code, enterprise_id)
        VALUES (${row.id}::bigint, ${role}, ${unit.id}::bigint, ${o.industry ?? null}, ${o.enterpriseId ?? null}::bigint)`);
      return row.id;
    },
    async login(username, password = TEST_PASSWORD) {
      const c = new Client(built.app);
      const res = await c.post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return c;
    },
    anonymous() {
      return new Client(built.app);
    },
  };
  return t;
}

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: FastifyInstance, public ip = '127.0.0.1') {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method, url, remoteAddress: this.ip, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    const set = res.cookies.find((c) => c.name === 'sg_sid');
    if (set) this.cookie = set.value ? `sg_sid=${set.value}` : null;
    if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')) {
      const j = res.json<{ csrfToken?: unknown }>();
      if (j && typeof j === 'object' && typeof j.csrfToken === 'string') this.csrf = j.csrfToken;
    }
    return res;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}
