// Versioned rule sets and background import jobs (migration 0004).
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { identity, int8, ltree, now, timestamptz } from './types.js';

export const ruleSets = pgTable('rule_sets', {
  id: identity(),
  kind: text().notNull(),
  version: text().notNull(),
  data: jsonb().notNull(),
  note: text(),
  active: boolean().notNull().default(true),
  created_by: int8(),
  created_at: timestamptz().notNull().default(now),
});

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'rejected', 'failed'] as const;

export const importJobs = pgTable('import_jobs', {
  id: identity(),
  kind: text({ enum: ['places', 'enterprises', 'people'] }).notNull(),
  mode: text({ enum: ['all_or_nothing', 'keep_valid'] }).notNull(),
  format: text({ enum: ['xlsx', 'csv'] }).notNull(),
  file_name: text().notNull(),
  status: text({ enum: IMPORT_STATUSES }).notNull(),
  phase: text().notNull().default('queued'),
  total_rows: integer().notNull().default(0),
  processed_rows: integer().notNull().default(0),
  inserted_rows: integer().notNull().default(0),
  error_rows: integer().notNull().default(0),
  problems: jsonb().notNull().default(sql`'[]'::jsonb`),
  problems_truncated: boolean().notNull().default(false),
  message: text(),
  created_by: int8(),
  unit_path: ltree().notNull(),
  created_at: timestamptz().notNull().default(now),
  started_at: timestamptz(),
  finished_at: timestamptz(),
});
