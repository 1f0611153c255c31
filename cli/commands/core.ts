// db migrate · user create · audit verify · demo
import { sql } from '../../server/db/client.js';
import { systemActor } from '../../server/core/access.js';
import { verifyAuditChain } from '../../server/core/audit.js';
import { createAdminService } from '../../server/modules/admin/admin.service.js';
import { loadDemo } from '../../server/demo/demo.js';
import { AppError } from '../../server/core/errors.js';
import { flag, str, type ParsedArgs } from '../args.js';
import { openCli } from '../context.js';
import { progress } from '../progress.js';
import { demoScale } from './demo-scale.js';

export async function dbMigrate(): Promise<number> {
  const cli = await openCli('db migrate');
  const row = await cli.ctx.db.rows<{ version: string; name: string }>(sql`SELECT version, name FROM schema_migrations ORDER BY version`);
  console.log(`Database is at migration ${row.at(-1)?.version ?? 'none'} (${row.length} applied).`);
  await cli.close();
  return 0;
}

export async function userCreate(args: ParsedArgs): Promise<number> {
  const username = str(args.options, 'username', true);
  const password = str(args.options, 'password', true);
  const role = str(args.options, 'role', true);
  const unit = str(args.options, 'unit') ?? 'root';
  const name = str(args.options, 'name') ?? username;
  const industry = str(args.options, 'industry');
  const enterprise = str(args.options, 'enterprise');
  const cli = await openCli('user create');
  try {
    const admin = createAdminService(cli.ctx);
    const actor = systemActor('cli');
    const user = await admin.createUser(actor, { username, displayName: name, unitCode: unit, initialPassword: password });
    await admin.createGrant(actor, { username, role, unitCode: unit, ...(industry ? { industryCode: industry } : {}), ...(enterprise ? { enterpriseId: enterprise } : {}) });
    console.log(`Created ${user.username} (${role} at ${user.unit_name} ${user.unit_code}). The password must be changed at first login.`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function auditVerify(): Promise<number> {
  const cli = await openCli('audit verify');
  try {
    const bar = progress('Verifying audit chain');
    const res = await verifyAuditChain(cli.ctx.db, cli.ctx.secrets.auditKey, (n) => bar.update(n));
    bar.done(`${res.checked} rows`);
    if (res.ok) {
      console.log(`Audit log intact: ${res.checked} rows verified.`);
      return 0;
    }
    console.log(`Audit log BROKEN at row ${res.brokenAt?.id}: ${res.brokenAt?.reason} (${res.checked} rows verified before it).`);
    return 3;
  } finally {
    await cli.close();
  }
}

export async function demo(args: ParsedArgs): Promise<number> {
  if (str(args.options, 'scale')) return demoScale(args);
  const cli = await openCli('demo');
  try {
    const report = await loadDemo(cli.ctx, { log: (m) => process.stderr.write(`[demo] ${m}\n`) });
    console.log(report.credentialsText);
    if (flag(args.options, 'json')) console.log(JSON.stringify(report.accounts));
    return 0;
  } finally {
    await cli.close();
  }
}

export function describeError(e: unknown): string {
  if (e instanceof AppError) {
    const fields = e.details?.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
    return `${e.code}: ${e.message}${fields && !e.message.includes(fields) ? ` (${fields})` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}
