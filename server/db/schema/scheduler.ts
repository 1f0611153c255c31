// The persistent scheduler's recurring jobs (migration 0005).
import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { int8, timestamptz } from './types.js';

export const jobs = pgTable('jobs', {
  name: text().primaryKey(),
  interval_seconds: integer().notNull(),
  next_run_at: timestamptz().notNull(),
  locked_by: text(),
  locked_until: timestamptz(),
  last_started_at: timestamptz(),
  last_finished_at: timestamptz(),
  last_error: text(),
  /** int8: a decimal string. */
  runs: int8().notNull().default(sql`0`),
});
