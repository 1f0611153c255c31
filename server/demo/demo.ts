// The demo city: on a first start on an empty database (or with SAFEGRID_DEMO=on), load Xining
// and create one account per role with generated passwords, printed once and written to
// <dataDir>/demo-credentials.txt (mode 0600). No fixed passwords exist anywhere.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from '../db/client.js';
import type { ModuleContext } from '../core/module.js';
import { hashPassword } from '../core/passwords.js';
import type { BuiltinRole } from '../../common/permissions.js';
import { systemActor } from '../core/access.js';
import { createUnitsService } from '../modules/units/units.service.js';
import { classifyFiles, readDivisionDir } from '../modules/units/units.source.js';

export async function shouldLoadDemo(ctx: ModuleContext): Promise<boolean> {
  if (ctx.config.demo === 'off') return false;
  if (ctx.config.demo === 'on') return true;
  const row = await ctx.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`);
  return (row?.n ?? 0) === 0;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: BuiltinRole;
  unitCode: string;
  unitName: string;
}

export interface DemoReport {
  accounts: DemoAccount[];
  credentialsText: string;
}

/** A generated password that meets the default policy (4 classes, 14 characters). */
export function generatePassword(): string {
  const base = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  return `Sg-${base}7a`;
}

export interface DemoOptions {
  log?: (msg: string) => void;
  /** Directory with the public division files (defaults to the bundled Xining copy). */
  sourceDir?: string;
}

export const DEMO_SOURCE_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../demo-data/xining');

async function unitFor(ctx: ModuleContext, level: string, prefer?: string): Promise<{ id: string; code: string; name: string }> {
  const row =
    (prefer ? await ctx.db.one<{ id: string; code: string; name: string }>(sql`SELECT id, code, name FROM units WHERE code = ${prefer} AND retired_at IS NULL`) : undefined) ??
    (await ctx.db.one<{ id: string; code: string; name: string }>(sql`SELECT id, code, name FROM units WHERE level = ${level} AND retired_at IS NULL ORDER BY code LIMIT 1`)) ??
    (await ctx.db.one<{ id: string; code: string; name: string }>(sql`SELECT id, code, name FROM units WHERE code = 'root'`));
  if (!row) throw new Error('the unit tree has no root');
  return row;
}

/** Imports the demo city's division files and generates its grids, unless a city is already there. */
async function loadDemoUnits(ctx: ModuleContext, sourceDir: string, log: (msg: string) => void): Promise<void> {
  const existing = await ctx.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE level = 'city' AND retired_at IS NULL`);
  if ((existing?.n ?? 0) > 0) return;
  const units = createUnitsService(ctx);
  const actor = systemActor('demo');
  const report = await units.importDivisions(actor, classifyFiles(readDivisionDir(sourceDir)));
  log(`imported ${report.cities.map((c) => c.name).join(', ')}: ${report.totals.district} districts, ${report.totals.street} streets, ${report.totals.community} communities (${report.durationMs} ms)`);
  for (const r of report.polygonRenames) log(`polygon ${r.polygonName ?? r.polygonId ?? '?'} matched to ${r.unitName} (${r.code}) by ${r.matchedBy}`);
  for (const city of report.cities) {
    const gen = await units.generate(actor, { unit: city.code });
    log(`generated ${gen.street.total} street, ${gen.community.total} community and ${gen.grid.total} grid boundaries in ${city.name} (${gen.durationMs} ms)`);
  }
  // The demo accounts' chain gets named responsible persons (phones are stored encrypted, shown masked).
  for (const [code, leader, officer] of DEMO_RESPONSIBLE) {
    if (await ctx.db.one(sql`SELECT 1 FROM units WHERE code = ${code} AND retired_at IS NULL`)) {
      await units.update(actor, code, { leader, safetyOfficer: officer });
    }
  }
}

const DEMO_RESPONSIBLE: Array<[string, { name: string; phone: string }, { name: string; phone: string }]> = [
  ['630102', { name: '马建国', phone: '13909710001' }, { name: '李卫东', phone: '13909710002' }],
  ['630102001', { name: '韩秀兰', phone: '13909710011' }, { name: '赵永福', phone: '13909710012' }],
  ['630102001001', { name: '王丽华', phone: '13909710021' }, { name: '陈志强', phone: '13909710022' }],
  ['630102001001001', { name: '张敏', phone: '13909710031' }, { name: '刘海军', phone: '13909710032' }],
];

export async function loadDemo(ctx: ModuleContext, opts: DemoOptions = {}): Promise<DemoReport> {
  const log = opts.log ?? (() => {});
  await loadDemoUnits(ctx, opts.sourceDir ?? DEMO_SOURCE_DIR, log);
  const plan: Array<{ username: string; display: string; role: BuiltinRole; level: string; prefer?: string; industry?: string }> = [
    { username: 'sysadmin', display: '系统管理员', role: 'system_admin', level: 'city' },
    { username: 'secadmin', display: '安全管理员', role: 'security_admin', level: 'city' },
    { username: 'auditor', display: '审计管理员', role: 'audit_admin', level: 'city' },
    { username: 'district', display: '城东区安委办', role: 'district_safety_office', level: 'district', prefer: '630102' },
    { username: 'street', display: '东关大街街道', role: 'street_official', level: 'street', prefer: '630102001' },
    { username: 'community', display: '北关社区', role: 'community_official', level: 'community', prefer: '630102001001' },
    { username: 'gridworker', display: '网格员 张敏', role: 'grid_worker', level: 'grid', prefer: '630102001001001' },
    { username: 'industry', display: '市工信局（制造业）', role: 'industry_department', level: 'city', industry: 'C' },
  ];
  const accounts: DemoAccount[] = [];
  for (const p of plan) {
    const unit = await unitFor(ctx, p.level, p.prefer);
    const password = generatePassword();
    const hash = await hashPassword(password);
    await ctx.db.tx(async (tx) => {
      const existing = await tx.one<{ id: string }>(sql`SELECT id FROM users WHERE lower(username) = ${p.username}`);
      let id = existing?.id;
      if (id) {
        await tx.rows(sql`UPDATE users SET password_hash = ${hash}, must_change_password = false, failed_logins = 0, locked_until = NULL WHERE id = ${id}::bigint`);
      } else {
        const row = await tx.one<{ id: string }>(sql`INSERT INTO users (username, display_name, password_hash, unit_id, must_change_password)
          VALUES (${p.username}, ${p.display}, ${hash}, ${unit.id}::bigint, false) RETURNING id`);
        id = row?.id;
        if (!id) throw new Error('demo user insert failed');
        await tx.rows(sql`INSERT INTO grants (user_id, role_code, unit_id, industry_code) VALUES (${id}::bigint, ${p.role}, ${unit.id}::bigint, ${p.industry ?? null})`);
      }
      await ctx.audit.write(tx, { userId: null, username: 'demo' }, { action: existing ? 'demo.user.reset' : 'demo.user.create', objectType: 'user', objectId: id, summary: { username: p.username, role: p.role, unit: unit.code } });
      if (p.role === 'grid_worker') {
        await tx.rows(sql`INSERT INTO grid_workers (grid_id, user_id, assigned_at)
          SELECT u.id, ${id}::bigint, ${ctx.clock.now().toISOString()}::timestamptz FROM units u
          WHERE u.id = ${unit.id}::bigint AND u.level = 'grid'
            AND NOT EXISTS (SELECT 1 FROM grid_workers w WHERE w.grid_id = u.id AND w.user_id = ${id}::bigint AND w.ended_at IS NULL)`);
      }
    });
    accounts.push({ username: p.username, password, role: p.role, unitCode: unit.code, unitName: unit.name });
    log(`account ${p.username} (${p.role}) at ${unit.name}`);
  }

  const lines = [
    '',
    '================ SafeGrid demo accounts (generated, shown once) ================',
    ...accounts.map((a) => `  ${a.username.padEnd(12)} ${a.password.padEnd(18)} ${a.role.padEnd(24)} ${a.unitName} (${a.unitCode})`),
    '================================================================================',
    '',
  ];
  const credentialsText = lines.join('\n');
  if (!ctx.config.databaseUrl) {
    writeFileSync(path.join(ctx.config.dataDir, 'demo-credentials.txt'), credentialsText + '\n', { mode: 0o600 });
  }
  return { accounts, credentialsText };
}
