// Column lists for raw SQL from the declared tables: `columnList(p, ['id', 'name'])` renders
// `"p"."id", "p"."name"`, and `Pick<typeof t.$inferSelect, …>` over the same keys types the row,
// so a renamed or dropped column fails the type check instead of the query.
import { sql, type SQL, type Table } from 'drizzle-orm';

/** A column key of a declared table (keys are the column names; the drift test checks it). */
export type ColumnKey<T extends Table> = keyof T['$inferSelect'] & string;

export function columnList<T extends Table, K extends ColumnKey<T>>(t: T, keys: readonly K[]): SQL {
  return sql.join(
    keys.map((k) => sql`${(t as unknown as Record<string, unknown>)[k]}`),
    sql`, `,
  );
}
