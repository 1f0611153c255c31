// The append-only, tamper-evident audit log. Every state change (and every read of unmasked
// personal data) appends a row in the same transaction as the change. Each row carries a keyed
// hash (HMAC-SHA256) over its content and the previous row's hash; `verifyAuditChain` finds the
// first broken link.
import { createHmac } from 'node:crypto';
import { sql, toIso, type Database, type Executor } from '../db/client.js';
/** Who an audit row names: a user (or the system), and from where. */
export interface AuditActor {
  userId: string | null;
  username: string;
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  objectType?: string | null;
  objectId?: string | number | null;
  outcome?: 'success' | 'denied' | 'failure';
  /** What changed: keep it small (field names, old → new of non-personal fields). */
  summary?: Record<string, unknown>;
}

interface AuditRowForHash {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  summary: unknown;
}

export const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 73010002;

/** JSON with sorted keys, so the hash does not depend on how jsonb orders them. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function auditHash(key: Buffer, prev: string, row: AuditRowForHash): string {
  const content = canonicalJson([row.id, row.at, row.actor_id, row.actor_name, row.ip, row.action, row.object_type, row.object_id, row.outcome, row.summary]);
  return createHmac('sha256', key).update(prev).update('\n').update(content).digest('hex');
}

export interface AuditWriter {
  write(tx: Executor, actor: AuditActor | null, entry: AuditEntry, ipOverride?: string | null): Promise<void>;
}

export function auditWriter(key: Buffer, now: () => Date): AuditWriter {
  return {
    async write(tx, actor, entry, ipOverride) {
      // One writer at a time extends the chain; the lock is released when the transaction ends.
      await tx.rows(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const head = await tx.one<{ last_hash: string }>(sql`SELECT last_hash FROM audit_head`);
      const prev = head?.last_hash ?? GENESIS;
      const idRow = await tx.one<{ id: string }>(sql`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`);
      if (!idRow) throw new Error('audit sequence unavailable');
      const row: AuditRowForHash = {
        id: idRow.id,
        at: now().toISOString(),
        actor_id: actor?.userId ?? null,
        actor_name: actor?.username ?? null,
        ip: ipOverride !== undefined ? ipOverride : actor?.ip ?? null,
        action: entry.action,
        object_type: entry.objectType ?? null,
        object_id: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
        outcome: entry.outcome ?? 'success',
        summary: JSON.parse(canonicalJson(entry.summary ?? {})) as unknown,
      };
      const hash = auditHash(key, prev, row);
      await tx.rows(sql`INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, object_type, object_id, outcome, summary, prev_hash, hash)
        VALUES (${row.id}::bigint, ${row.at}::timestamptz, ${row.actor_id}::bigint, ${row.actor_name}, ${row.ip}, ${row.action},
                ${row.object_type}, ${row.object_id}, ${row.outcome}, ${canonicalJson(row.summary)}::jsonb, ${prev}, ${hash})`);
      await tx.rows(sql`INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (true, ${row.id}::bigint, ${hash})
        ON CONFLICT (singleton) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`);
    },
  };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match, or the head that does not match the last row. */
  brokenAt: { id: string; reason: string } | null;
}

export async function verifyAuditChain(db: Database, key: Buffer, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prev = GENESIS;
  let lastId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db.rows<AuditRowForHash & { prev_hash: string; hash: string }>(sql`
      SELECT id::text AS id, at, actor_id::text AS actor_id, actor_name, ip, action, object_type, object_id, outcome, summary, prev_hash, hash
      FROM audit_log WHERE audit_log.id > ${lastId}::bigint ORDER BY audit_log.id LIMIT 5000`);
    if (rows.length === 0) break;
    for (const r of rows) {
      const at = toIso(r.at) ?? '';
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: { id: r.id, reason: 'previous-hash link does not match (a row before it was removed or altered)' } };
      const expect = auditHash(key, prev, { ...r, at });
      if (expect !== r.hash) return { ok: false, checked, brokenAt: { id: r.id, reason: 'row content does not match its hash (the row was altered)' } };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
    onProgress?.(checked);
  }
  const head = await db.one<{ last_id: string; last_hash: string }>(sql`SELECT last_id::text AS last_id, last_hash FROM audit_head`);
  if (head && (head.last_id !== lastId || head.last_hash !== prev)) {
    return { ok: false, checked, brokenAt: { id: head.last_id, reason: 'the newest rows were removed (chain head does not match the last row)' } };
  }
  if (!head && checked > 0) return { ok: false, checked, brokenAt: { id: lastId, reason: 'chain head is missing' } };
  return { ok: true, checked, brokenAt: null };
}
