// Bulk loading with COPY on both engines: tab-separated lines, buffered per table and flushed
// in chunks (one chunk in flight per table while the next is generated), secondary indexes
// dropped during the load and rebuilt after it, row triggers (foreign-key checks, immutability
// guards, per-row figures) switched off while the generator writes consistent data itself.
import { sql, type Database } from '../../db/client.js';

export const NULL = '\\N';

/** A text value for COPY's text format. */
export function esc(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}
export function opt(s: string | null | undefined): string {
  return s === null || s === undefined ? NULL : esc(s);
}
export function bytea(b: Buffer | null): string {
  return b ? '\\\\x' + b.toString('hex') : NULL;
}
export function json(v: unknown): string {
  return esc(JSON.stringify(v));
}
export function bool(v: boolean | null): string {
  return v === null ? NULL : v ? 't' : 'f';
}

const ewkb = Buffer.alloc(25);
ewkb.writeUInt8(1, 0);
ewkb.writeUInt32LE(0x20000001, 1);
ewkb.writeUInt32LE(4326, 5);
/** A point in SRID 4326 as hex EWKB (what geometry's input reads fastest). */
export function point(x: number, y: number): string {
  ewkb.writeDoubleLE(x, 9);
  ewkb.writeDoubleLE(y, 17);
  return ewkb.toString('hex');
}

/** Rows waiting for COPY into one table. */
export class TableSink {
  private buf: string[] = [];
  private inFlight: Promise<void> | null = null;
  rows = 0;
  constructor(
    private readonly db: Database,
    readonly table: string,
    readonly columns: readonly string[],
    private readonly chunk: number,
    private readonly parents: readonly TableSink[] = [],
  ) {}

  /** Adds a line; when the buffer is full the caller awaits the returned flush. */
  push(line: string): Promise<void> | null {
    this.buf.push(line);
    this.rows++;
    return this.buf.length >= this.chunk ? this.flush() : null;
  }

  async flush(): Promise<void> {
    for (const p of this.parents) await p.flush();
    if (this.inFlight) await this.inFlight;
    this.inFlight = null;
    if (this.buf.length === 0) return;
    const lines = this.buf;
    this.buf = [];
    this.inFlight = this.db.copyRows(this.table, [...this.columns], lines).then(() => undefined);
  }

  async finish(): Promise<void> {
    await this.flush();
    if (this.inFlight) await this.inFlight;
    this.inFlight = null;
  }
}

interface SavedIndex {
  table: string;
  name: string;
  def: string;
}

const PENDING_KEY = 'scale.pending_indexes';

/** Indexes a previous, interrupted load dropped: rebuild them before anything else. */
export async function restorePendingIndexes(db: Database, log: (m: string) => void = () => {}): Promise<void> {
  const row = await db.one<{ value: { indexes: SavedIndex[]; triggers: string[] } }>(sql`SELECT value FROM settings WHERE key = ${PENDING_KEY}`);
  if (!row) return;
  log(`restoring ${row.value.indexes.length} indexes left by an interrupted load`);
  for (const t of row.value.triggers) await db.exec(`ALTER TABLE ${t} ENABLE TRIGGER ALL`);
  for (const ix of row.value.indexes) {
    const exists = await db.one(sql`SELECT 1 FROM pg_class WHERE relname = ${ix.name}`);
    if (!exists) await db.exec(ix.def);
  }
  await db.rows(sql`DELETE FROM settings WHERE key = ${PENDING_KEY}`);
}

export interface BulkSession {
  /** Rebuilds the dropped indexes (reporting each) and switches the triggers back on. */
  finish(onIndex?: (done: number, total: number, name: string, ms: number) => void): Promise<void>;
  triggersDisabled: boolean;
}

/**
 * Disables the triggers of `tables` until `finish`; with `dropIndexes`, also drops their secondary
 * indexes (rebuilt by `finish`), which pays off from some hundred thousand rows on.
 */
export async function beginBulk(db: Database, tables: readonly string[], dropIndexes = true): Promise<BulkSession> {
  await restorePendingIndexes(db);
  const indexes: SavedIndex[] = [];
  for (const table of dropIndexes ? tables : []) {
    const rows = await db.rows<{ name: string; def: string }>(sql`
      SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = ${table}::regclass AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`);
    for (const r of rows) indexes.push({ table, name: r.name, def: r.def });
  }
  let triggersDisabled = true;
  const disabled: string[] = [];
  for (const t of tables) {
    try {
      await db.exec(`ALTER TABLE ${t} DISABLE TRIGGER ALL`);
      disabled.push(t);
    } catch {
      triggersDisabled = false;
    }
  }
  await db.rows(sql`INSERT INTO settings (key, value) VALUES (${PENDING_KEY}, ${JSON.stringify({ indexes, triggers: disabled })}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
  for (const ix of indexes) await db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
  return {
    triggersDisabled,
    async finish(onIndex) {
      for (const t of disabled) await db.exec(`ALTER TABLE ${t} ENABLE TRIGGER ALL`);
      let done = 0;
      const queue = [...indexes];
      const worker = async () => {
        for (let ix = queue.shift(); ix; ix = queue.shift()) {
          const t = Date.now();
          await db.tx(async (tx) => {
            await tx.rows(sql.raw(`SET LOCAL maintenance_work_mem = '${db.engine === 'pg' ? '512MB' : '256MB'}'`));
            await tx.rows(sql.raw(ix.def));
          });
          onIndex?.(++done, indexes.length, ix.name, Date.now() - t);
        }
      };
      await Promise.all(Array.from({ length: db.engine === 'pg' ? 2 : 1 }, worker));
      await db.rows(sql`DELETE FROM settings WHERE key = ${PENDING_KEY}`);
    },
  };
}
