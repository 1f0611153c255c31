// The hazard ledger: hazards, their sources, events, files and escalations, the figures kept in
// step with every step (daily, rolled up, open now) and the working-day calendars
// (migrations 0005, 0007, 0009).
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { day, identity, int8, ltree, point4326, timestamptz } from './types.js';

export const HAZARD_STATES = ['reported', 'confirmed', 'rejected', 'rectifying', 'submitted', 'closed'] as const;
export const HAZARD_SOURCES = ['inspection', 'patrol', 'report', 'self_inspection', 'hotline', 'drill', 'manual'] as const;
export const HAZARD_GRADES = ['general', 'major'] as const;

export const hazards = pgTable('hazards', {
  id: identity(),
  code: text().notNull(),
  state: text({ enum: HAZARD_STATES }).notNull(),
  source: text({ enum: HAZARD_SOURCES }).notNull(),
  place_id: int8(),
  enterprise_id: int8(),
  industry_code: text(),
  location: point4326().notNull(),
  grid_id: int8(),
  unit_path: ltree().notNull(),
  grid_override: boolean().notNull().default(false),
  grid_override_reason: text(),
  category: text().notNull(),
  grade: text({ enum: HAZARD_GRADES }).notNull().default('general'),
  major_basis: text(),
  description: text().notNull(),
  reported_by: int8(),
  rectify_days: integer(),
  deadline: day(),
  calendar_version: text(),
  extension_request: jsonb(),
  extensions: integer().notNull().default(0),
  responsible: jsonb().notNull().default(sql`'{}'::jsonb`),
  reject_reason: text(),
  rectified_by: int8(),
  submitted_at: timestamptz(),
  accepted_by: int8(),
  closed_at: timestamptz(),
  closed_on_time: boolean(),
  escalation_level: smallint().notNull().default(0),
  overdue_since: day(),
  plan: jsonb(),
  listed_at: timestamptz(),
  listed_by: int8(),
  listed_unit_id: int8(),
  delisted_at: timestamptz(),
  created_at: timestamptz().notNull(),
  updated_at: timestamptz().notNull(),
  deadline_provisional: boolean().notNull().default(false),
  listing_waived_at: timestamptz(),
  listing_waived_by: int8(),
  listing_waiver_reason: text(),
});

export const hazardSources = pgTable(
  'hazard_sources',
  {
    hazard_id: int8().notNull(),
    source: text().notNull(),
    source_id: text().notNull(),
    linked_at: timestamptz().notNull(),
    linked_by: int8(),
  },
  (t) => [primaryKey({ columns: [t.hazard_id, t.source, t.source_id] })],
);

export const hazardEvents = pgTable('hazard_events', {
  id: identity(),
  hazard_id: int8().notNull(),
  at: timestamptz().notNull(),
  actor_id: int8(),
  actor_name: text().notNull(),
  action: text().notNull(),
  from_state: text(),
  to_state: text(),
  comment: text(),
  evidence: int8().array().notNull().default([]),
  data: jsonb().notNull().default(sql`'{}'::jsonb`),
});

export const hazardFiles = pgTable(
  'hazard_files',
  {
    hazard_id: int8().notNull(),
    file_id: int8().notNull(),
    phase: text({ enum: ['before', 'after', 'evidence', 'plan'] }).notNull(),
    event_id: int8(),
  },
  (t) => [primaryKey({ columns: [t.hazard_id, t.file_id] })],
);

export const hazardEscalations = pgTable(
  'hazard_escalations',
  {
    hazard_id: int8().notNull(),
    level: smallint().notNull(),
    unit_id: int8(),
    due_on: day().notNull(),
    at: timestamptz().notNull(),
    instance: text(),
  },
  (t) => [primaryKey({ columns: [t.hazard_id, t.level] })],
);

const figures = () => ({
  found: integer().notNull().default(0),
  rejected: integer().notNull().default(0),
  rectified: integer().notNull().default(0),
  rectified_on_time: integer().notNull().default(0),
  overdue: integer().notNull().default(0),
  escalated: integer().notNull().default(0),
  reopened: integer().notNull().default(0),
});

export const hazardStatsDaily = pgTable(
  'hazard_stats_daily',
  {
    unit_path: ltree().notNull(),
    industry_code: text().notNull().default(''),
    day: day().notNull(),
    category: text().notNull(),
    grade: text().notNull(),
    ...figures(),
  },
  (t) => [primaryKey({ columns: [t.unit_path, t.industry_code, t.day, t.category, t.grade] })],
);

export const hazardStatsRollup = pgTable(
  'hazard_stats_rollup',
  {
    unit_path: ltree().notNull(),
    period: text({ enum: ['day', 'month'] }).notNull(),
    day: day().notNull(),
    category: text().notNull(),
    grade: text().notNull(),
    ...figures(),
  },
  (t) => [primaryKey({ columns: [t.unit_path, t.period, t.day, t.category, t.grade] })],
);

export const hazardOpenCounts = pgTable(
  'hazard_open_counts',
  {
    unit_path: ltree().notNull(),
    category: text().notNull(),
    grade: text().notNull(),
    due: day().notNull(),
    listed: boolean().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.unit_path, t.category, t.grade, t.due, t.listed] })],
);

export const holidayCalendars = pgTable('holiday_calendars', {
  id: identity(),
  version: text().notNull(),
  data: jsonb().notNull(),
  created_by: int8(),
  created_at: timestamptz().notNull(),
});
