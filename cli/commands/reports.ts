// open311 key create|list|revoke · reports purge — the same services as the server.
import { systemActor } from '../../server/core/access.js';
import { toIso } from '../../server/db/client.js';
import type { Open311Service } from '../../server/modules/open311/open311.service.js';
import { reportsRepository } from '../../server/modules/reports/reports.repository.js';
import { flag, str, type ParsedArgs } from '../args.js';
import { openCli, type CliContext } from '../context.js';

function open311(cli: CliContext): Open311Service {
  const m = cli.modules.find((x) => typeof (x.service as Record<string, unknown>).createKey === 'function');
  if (!m) throw new Error('the Open311 module is not wired');
  return m.service as Open311Service;
}

export async function open311KeyCreate(args: ParsedArgs): Promise<number> {
  const name = str(args.options, 'name', true);
  const cli = await openCli('open311 key create');
  try {
    const { row, key } = await open311(cli).createKey(systemActor('cli'), name);
    if (flag(args.options, 'json')) console.log(JSON.stringify({ id: row.id, name: row.name, prefix: row.key_prefix, key }));
    else console.log(`API key #${row.id} for ${row.name} (shown once; only its hash is kept):\n${key}`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function open311KeyList(args: ParsedArgs): Promise<number> {
  const cli = await openCli('open311 key list');
  try {
    const rows = await open311(cli).listKeys(systemActor('cli'));
    if (flag(args.options, 'json')) console.log(JSON.stringify(rows.map((k) => ({ id: k.id, name: k.name, prefix: k.key_prefix, createdAt: toIso(k.created_at), lastUsedAt: toIso(k.last_used_at), revokedAt: toIso(k.revoked_at) }))));
    else for (const k of rows) console.log(`#${k.id}  ${k.key_prefix}…  ${k.name}${k.revoked_at ? '  (revoked)' : ''}`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function open311KeyRevoke(args: ParsedArgs): Promise<number> {
  const id = str(args.options, 'id', true);
  const cli = await openCli('open311 key revoke');
  try {
    const k = await open311(cli).revokeKey(systemActor('cli'), id);
    console.log(`API key #${k.id} (${k.name}) revoked.`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function reportsPurge(): Promise<number> {
  const cli = await openCli('reports purge');
  try {
    await reportsRepository.purgeAbuseRecords(cli.ctx.db, cli.ctx.clock.now());
    console.log('Expired challenges and submission records older than two days removed.');
    return 0;
  } finally {
    await cli.close();
  }
}
