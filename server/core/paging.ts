// Keyset pagination: the cursor is an opaque encoding of the last row's sort key.
import { AppError } from './errors.js';

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === arity) return v as unknown[];
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', 'query/cursor: invalid cursor', { fields: [{ field: 'query/cursor', message: 'invalid cursor' }] });
}

/** Given limit+1 fetched rows, the page and the next cursor. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => unknown[]): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last === undefined ? null : encodeCursor(key(last)) };
}

/**
 * Every row of a keyset-paged query (newest id first, `afterId` = the last id seen), fetched a
 * page at a time — for exports that stream rows out instead of holding them all.
 */
export async function* keysetRows<T extends { id: string }>(page: (afterId: string | undefined, limit: number) => Promise<T[]>, pageSize = 2000): AsyncGenerator<T> {
  let after: string | undefined;
  for (;;) {
    const rows = await page(after, pageSize);
    yield* rows;
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}
