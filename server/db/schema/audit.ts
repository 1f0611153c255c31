// The append-only, hash-chained audit log and its head (migration 0001).
import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { identity, int8, timestamptz } from './types.js';

export const auditLog = pgTable('audit_log', {
  id: identity(),
  at: timestamptz().notNull(),
  actor_id: int8(),
  actor_name: text(),
  ip: text(),
  action: text().notNull(),
  object_type: text(),
  object_id: text(),
  outcome: text({ enum: ['success', 'denied', 'failure'] }).notNull(),
  summary: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  prev_hash: text().notNull(),
  hash: text().notNull(),
});

export const auditHead = pgTable('audit_head', {
  singleton: boolean().primaryKey().default(true),
  last_id: int8().notNull(),
  last_hash: text().notNull(),
  row_count: int8(),
  mac: text(),
});
