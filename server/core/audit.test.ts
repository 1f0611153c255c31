// The audit log's tamper evidence: an edited row, the newest rows deleted with the head
// re-pointed, an old head put back, and the whole log wiped are each reported.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSecrets } from './secrets.js';
import { auditWriter, verifyAuditChain, writeCheckpoint } from './audit.js';
import { sql } from '../db/client.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';

let tdb: TestDatabase;
let dir: string;
let file: string;
const key = generateSecrets().auditKey;
const writer = auditWriter(key, () => new Date('2026-12-01T08:00:00Z'));

async function append(n: number) {
  for (let i = 0; i < n; i++) await tdb.db.tx((tx) => writer.write(tx, { userId: null, username: 'tester' }, { action: 'test.write', summary: { i } }));
}
/** What the owner of the database can do: switch the append-only triggers off. */
async function asOwner(q: ReturnType<typeof sql>) {
  await tdb.db.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
  await tdb.db.rows(q);
  await tdb.db.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
}
const verify = () => verifyAuditChain(tdb.db, key, undefined, { checkpointFile: file });

beforeEach(async () => {
  tdb = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sg-audit-'));
  file = path.join(dir, 'audit-checkpoint.json');
  // Rows from the migrations' and the template's own writes, if any, come first.
  await append(6);
  expect(await writeCheckpoint(tdb.db, key, file, new Date())).not.toBeNull();
});
afterEach(async () => {
  await tdb.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit verify', () => {
  it('reports an intact log, with the checkpoint it compared', async () => {
    await append(2);
    const r = await verify();
    expect(r.ok).toBe(true);
    expect(r.checkpoint?.count).toBeDefined();
  });

  it('reports an edited row', async () => {
    const row = await tdb.db.one<{ id: string }>(sql`SELECT id::text AS id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2`);
    await asOwner(sql`UPDATE audit_log SET summary = '{"i":99}'::jsonb WHERE id = ${row!.id}::bigint`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.brokenAt?.id).toBe(row!.id);
    expect(r.brokenAt?.reason).toContain('altered');
  });

  it('reports the newest rows deleted with the head re-pointed to the last remaining row', async () => {
    const all = await tdb.db.rows<{ id: string; hash: string }>(sql`SELECT id::text AS id, hash FROM audit_log ORDER BY id`);
    const keep = all[all.length - 3]!;
    await asOwner(sql`DELETE FROM audit_log WHERE id > ${keep.id}::bigint`);
    await tdb.db.rows(sql`UPDATE audit_head SET last_id = ${keep.id}::bigint, last_hash = ${keep.hash}, row_count = row_count - 2`);
    // Without the checkpoint the keyed head alone catches it: its MAC no longer matches.
    const headOnly = await verifyAuditChain(tdb.db, key);
    expect(headOnly.ok).toBe(false);
    expect(headOnly.brokenAt?.reason).toContain('re-pointed');
    // With the checkpoint, it says which rows are gone.
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual({ afterId: keep.id, throughId: all[all.length - 1]!.id, count: '2' });
  });

  it('reports the newest rows deleted when the head is left alone', async () => {
    const all = await tdb.db.rows<{ id: string }>(sql`SELECT id::text AS id FROM audit_log ORDER BY id`);
    await asOwner(sql`DELETE FROM audit_log WHERE id = ${all[all.length - 1]!.id}::bigint`);
    const r = await verifyAuditChain(tdb.db, key);
    expect(r.ok).toBe(false);
    expect(r.brokenAt?.reason).toContain('newest rows were removed');
    expect(r.missing?.count).toBe('1');
  });

  it('reports an earlier genuine head put back after deleting the rows written since (the checkpoint catches it)', async () => {
    const old = await tdb.db.one<{ last_id: string; last_hash: string; row_count: string; mac: string }>(sql`SELECT last_id::text AS last_id, last_hash, row_count::text AS row_count, mac FROM audit_head`);
    await append(3);
    await writeCheckpoint(tdb.db, key, file, new Date());
    await asOwner(sql`DELETE FROM audit_log WHERE id > ${old!.last_id}::bigint`);
    await tdb.db.rows(sql`UPDATE audit_head SET last_id = ${old!.last_id}::bigint, last_hash = ${old!.last_hash}, row_count = ${old!.row_count}::bigint, mac = ${old!.mac}`);
    expect((await verifyAuditChain(tdb.db, key)).ok).toBe(true); // the database alone cannot tell
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.missing?.count).toBe('3');
    expect(r.missing?.afterId).toBe(old!.last_id);
  });

  it('reports a wiped log, and never overwrites the checkpoint with fewer rows', async () => {
    const before = await verify();
    await asOwner(sql`DELETE FROM audit_log`);
    await tdb.db.rows(sql`DELETE FROM audit_head`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.brokenAt?.reason).toContain('wiped');
    expect(r.missing?.count).toBe(String(before.checked));
    expect(await writeCheckpoint(tdb.db, key, file, new Date())).toBeNull();
    expect((await verify()).ok).toBe(false);
  });
});
