import { sql, type Executor } from '../../db/client.js';
import { columnList, open311Keys } from '../../db/schema/index.js';

const KEY_COLS = ['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;
export type ApiKeyDbRow = Pick<typeof open311Keys.$inferSelect, (typeof KEY_COLS)[number]>;

const cols = columnList(open311Keys, KEY_COLS);
const k = open311Keys;

export const open311Repository = {
  listKeys(db: Executor) {
    return db.rows<ApiKeyDbRow>(sql`SELECT ${cols} FROM ${k} ORDER BY ${k.id} DESC LIMIT 500`);
  },
  keyById(db: Executor, id: string) {
    return db.one<ApiKeyDbRow>(sql`SELECT ${cols} FROM ${k} WHERE ${k.id} = ${id}::bigint`);
  },
  activeKeyByHash(db: Executor, hash: string) {
    return db.one<ApiKeyDbRow>(sql`SELECT ${cols} FROM ${k} WHERE ${k.key_hash} = ${hash} AND ${k.revoked_at} IS NULL`);
  },
  async insertKey(db: Executor, k: { name: string; prefix: string; hash: string; by: string | null; at: Date }) {
    const row = await db.one<{ id: string }>(sql`INSERT INTO open311_keys (name, key_prefix, key_hash, created_by, created_at)
      VALUES (${k.name}, ${k.prefix}, ${k.hash}, ${k.by}::bigint, ${k.at.toISOString()}::timestamptz) RETURNING id::text AS id`);
    if (!row) throw new Error('insert failed');
    return row.id;
  },
  async revokeKey(db: Executor, id: string, by: string | null, at: Date) {
    await db.rows(sql`UPDATE open311_keys SET revoked_at = ${at.toISOString()}::timestamptz, revoked_by = ${by}::bigint
      WHERE id = ${id}::bigint AND revoked_at IS NULL`);
  },
  async touchKey(db: Executor, id: string, at: Date) {
    await db.rows(sql`UPDATE open311_keys SET last_used_at = ${at.toISOString()}::timestamptz WHERE id = ${id}::bigint`);
  },
};
