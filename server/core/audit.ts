// The append-only, tamper-evident audit log. Every state change (and every read of unmasked
// personal data) appends a row in the same transaction as the change. Each row carries a keyed
// hash (HMAC-SHA256) over its content and the previous row's hash; `verifyAuditChain` finds the
// first broken link.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** The keyed MAC of the chain's head: its last row, that row's hash and the number of rows. */
export function headMac(key: Buffer, lastId: string, lastHash: string, count: string): string {
  return createHmac('sha256', key).update('audit-head\n').update(`${lastId}\n${lastHash}\n${count}`).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A copy of the head kept outside the database. */
export interface AuditCheckpoint {
  lastId: string;
  lastHash: string;
  count: string;
  mac: string;
  at: string;
}

export function readCheckpoint(file: string): AuditCheckpoint | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AuditCheckpoint;
  } catch {
    return null;
  }
}

/**
 * Writes the database's current head to the checkpoint file when it is genuine (its MAC matches)
 * and extends the checkpoint (never fewer rows): an old or wiped log never overwrites the
 * evidence. Returns what was written, or null.
 */
export async function writeCheckpoint(db: Executor, key: Buffer, file: string, now: Date): Promise<AuditCheckpoint | null> {
  const head = await db.one<{ last_id: string; last_hash: string; row_count: string | null; mac: string | null }>(
    sql`SELECT last_id::text AS last_id, last_hash, row_count::text AS row_count, mac FROM audit_head`,
  );
  if (!head?.mac || head.row_count === null || !sameHex(head.mac, headMac(key, head.last_id, head.last_hash, head.row_count))) return null;
  const prev = readCheckpoint(file);
  if (prev && BigInt(prev.count) > BigInt(head.row_count)) return null;
  const cp: AuditCheckpoint = { lastId: head.last_id, lastHash: head.last_hash, count: head.row_count, mac: head.mac, at: now.toISOString() };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(cp)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return cp;
}

export interface AuditWriter {
  write(tx: Executor, actor: AuditActor | null, entry: AuditEntry, ipOverride?: string | null): Promise<void>;
}

export function auditWriter(key: Buffer, now: () => Date): AuditWriter {
  return {
    async write(tx, actor, entry, ipOverride) {
      // One writer at a time extends the chain; the lock is released when the transaction ends.
      await tx.rows(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const head = await tx.one<{ last_hash: string; row_count: string | null }>(sql`SELECT last_hash, row_count::text AS row_count FROM audit_head`);
      const prev = head?.last_hash ?? GENESIS;
      // A head from before it was counted: count the rows once.
      const before = head ? head.row_count ?? (await tx.one<{ n: string }>(sql`SELECT count(*)::text AS n FROM audit_log`))?.n ?? '0' : '0';
      const count = (BigInt(before) + 1n).toString();
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
      const mac = headMac(key, row.id, hash, count);
      await tx.rows(sql`INSERT INTO audit_head (singleton, last_id, last_hash, row_count, mac) VALUES (true, ${row.id}::bigint, ${hash}, ${count}::bigint, ${mac})
        ON CONFLICT (singleton) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash, row_count = EXCLUDED.row_count, mac = EXCLUDED.mac`);
    },
  };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match, or the head that does not match the last row. */
  brokenAt: { id: string; reason: string } | null;
  /** Rows known to have existed (from the keyed head or the checkpoint) that are gone. */
  missing?: { afterId: string; throughId: string | null; count: string } | null;
  /** The checkpoint outside the database that was compared, if any. */
  checkpoint?: { lastId: string; count: string; at: string } | null;
}

export async function verifyAuditChain(db: Database, key: Buffer, onProgress?: (checked: number) => void, opts: { checkpointFile?: string } = {}): Promise<VerifyResult> {
  let prev = GENESIS;
  let lastId = '0';
  let checked = 0;
  const cp = opts.checkpointFile ? readCheckpoint(opts.checkpointFile) : null;
  const checkpoint = cp ? { lastId: cp.lastId, count: cp.count, at: cp.at } : null;
  let cpSeen: 'match' | 'mismatch' | null = null;
  for (;;) {
    const rows = await db.rows<AuditRowForHash & { prev_hash: string; hash: string }>(sql`
      SELECT id::text AS id, at, actor_id::text AS actor_id, actor_name, ip, action, object_type, object_id, outcome, summary, prev_hash, hash
      FROM audit_log WHERE audit_log.id > ${lastId}::bigint ORDER BY audit_log.id LIMIT 5000`);
    if (rows.length === 0) break;
    for (const r of rows) {
      const at = toIso(r.at) ?? '';
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: { id: r.id, reason: 'previous-hash link does not match (a row before it was removed or altered)' }, checkpoint };
      const expect = auditHash(key, prev, { ...r, at });
      if (expect !== r.hash) return { ok: false, checked, brokenAt: { id: r.id, reason: 'row content does not match its hash (the row was altered)' }, checkpoint };
      prev = r.hash;
      lastId = r.id;
      checked++;
      if (cp && r.id === cp.lastId) cpSeen = r.hash === cp.lastHash ? 'match' : 'mismatch';
    }
    onProgress?.(checked);
  }
  const missingAfter = (throughId: string | null, count: bigint) => ({ afterId: lastId, throughId, count: count.toString() });
  const head = await db.one<{ last_id: string; last_hash: string; row_count: string | null; mac: string | null }>(
    sql`SELECT last_id::text AS last_id, last_hash, row_count::text AS row_count, mac FROM audit_head`,
  );
  // The checkpoint outside the database: the chain must still hold its last row, and at least as many rows.
  if (cp) {
    const cpGenuine = sameHex(cp.mac, headMac(key, cp.lastId, cp.lastHash, cp.count));
    if (!cpGenuine) return { ok: false, checked, brokenAt: { id: cp.lastId, reason: 'the checkpoint file does not carry a valid MAC (it was altered)' }, checkpoint };
    if (BigInt(cp.count) > BigInt(checked) || cpSeen !== 'match') {
      const gone = BigInt(cp.count) - BigInt(checked);
      return {
        ok: false, checked, checkpoint,
        brokenAt: { id: cp.lastId, reason: checked === 0
          ? `the audit log was wiped: the checkpoint of ${cp.at} records ${cp.count} rows through row ${cp.lastId}`
          : `rows are missing: the checkpoint of ${cp.at} records ${cp.count} rows through row ${cp.lastId}; the log holds ${checked} through row ${lastId}${gone > 0n ? ` (${gone} rows gone, ids after ${lastId})` : ''}` },
        missing: missingAfter(cp.lastId, gone > 0n ? gone : 0n),
      };
    }
  }
  if (!head) {
    if (checked > 0) return { ok: false, checked, brokenAt: { id: lastId, reason: 'chain head is missing' }, checkpoint };
    return { ok: true, checked, brokenAt: null, checkpoint };
  }
  if (head.mac !== null && head.row_count !== null) {
    if (!sameHex(head.mac, headMac(key, head.last_id, head.last_hash, head.row_count))) {
      return { ok: false, checked, brokenAt: { id: head.last_id, reason: 'the chain head was re-pointed (its keyed MAC does not match)' }, checkpoint };
    }
    if (BigInt(head.row_count) !== BigInt(checked) || head.last_id !== lastId || head.last_hash !== prev) {
      const gone = BigInt(head.row_count) - BigInt(checked);
      return {
        ok: false, checked, checkpoint,
        brokenAt: { id: head.last_id, reason: `the newest rows were removed: the keyed head records ${head.row_count} rows through row ${head.last_id}; the log holds ${checked} through row ${lastId}` },
        missing: missingAfter(head.last_id, gone > 0n ? gone : 0n),
      };
    }
    return { ok: true, checked, brokenAt: null, checkpoint };
  }
  if (head.last_id !== lastId || head.last_hash !== prev) {
    return { ok: false, checked, brokenAt: { id: head.last_id, reason: 'the newest rows were removed (chain head does not match the last row)' }, checkpoint };
  }
  return { ok: true, checked, brokenAt: null, checkpoint };
}
