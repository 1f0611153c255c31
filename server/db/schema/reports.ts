// Public reports from residents: the reports, supporters, their timeline, rewards, used
// proof-of-work challenges and the submission log behind the abuse limits (migration 0006).
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, numeric, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { bytea, identity, int8, ltree, point4326, timestamptz } from './types.js';

export const REPORT_STATES = ['pending', 'confirmed', 'rejected', 'merged'] as const;

export const publicReports = pgTable('public_reports', {
  id: identity(),
  code: text().notNull(),
  ref: text().notNull(),
  channel: text({ enum: ['portal', 'open311'] }).notNull(),
  category: text().notNull(),
  description: text().notNull(),
  attributes: jsonb().notNull().default(sql`'{}'::jsonb`),
  address: text(),
  location_source: text({ enum: ['map', 'gps', 'address'] }).notNull(),
  location: point4326().notNull(),
  grid_id: int8(),
  unit_path: ltree().notNull(),
  grid_override: boolean().notNull().default(false),
  grid_override_reason: text(),
  state: text({ enum: REPORT_STATES }).notNull().default('pending'),
  hazard_id: int8(),
  hazard_grade: text({ enum: ['general', 'major'] }),
  merged_into: int8(),
  reject_reason: text(),
  supporter_count: integer().notNull().default(0),
  photo_count: smallint().notNull().default(0),
  contact_name_enc: bytea(),
  contact_phone_enc: bytea(),
  contact_email_enc: bytea(),
  contact_phone_hash: text(),
  contact_email_hash: text(),
  device_hash: text(),
  ip_hash: text(),
  open311_key_id: int8(),
  open311_token: text(),
  privacy_ack_at: timestamptz().notNull(),
  triaged_by: int8(),
  triaged_at: timestamptz(),
  created_at: timestamptz().notNull(),
  updated_at: timestamptz().notNull(),
});

export const publicReportSupporters = pgTable('public_report_supporters', {
  id: identity(),
  report_id: int8().notNull(),
  code: text().notNull(),
  contact_name_enc: bytea(),
  contact_phone_enc: bytea(),
  contact_email_enc: bytea(),
  contact_phone_hash: text(),
  contact_email_hash: text(),
  device_hash: text(),
  ip_hash: text(),
  privacy_ack_at: timestamptz().notNull(),
  created_at: timestamptz().notNull(),
});

export const REPORT_EVENT_KINDS = ['submitted', 'supported', 'confirmed', 'rejected', 'transferred', 'merged', 'reward'] as const;

export const publicReportEvents = pgTable('public_report_events', {
  id: identity(),
  report_id: int8().notNull(),
  at: timestamptz().notNull(),
  kind: text({ enum: REPORT_EVENT_KINDS }).notNull(),
  actor_id: int8(),
  from_unit_id: int8(),
  to_unit_id: int8(),
  public_note: text(),
  internal_note: text(),
});

export const REWARD_STATES = ['proposed', 'approved', 'rejected', 'paid'] as const;

/** Money columns are numeric(12,2): decimal strings. */
export const publicReportRewards = pgTable('public_report_rewards', {
  id: identity(),
  report_id: int8().notNull(),
  hazard_id: int8().notNull(),
  unit_path: ltree().notNull(),
  grade: text({ enum: ['general', 'major'] }).notNull(),
  band_min: numeric({ precision: 12, scale: 2 }).notNull(),
  band_max: numeric({ precision: 12, scale: 2 }).notNull(),
  currency: text().notNull(),
  state: text({ enum: REWARD_STATES }).notNull().default('proposed'),
  amount: numeric({ precision: 12, scale: 2 }),
  decided_by: int8(),
  decided_at: timestamptz(),
  decision_note: text(),
  paid_by: int8(),
  paid_at: timestamptz(),
  payout_method: text(),
  payout_reference: text(),
  created_at: timestamptz().notNull(),
});

export const publicChallengesUsed = pgTable('public_challenges_used', {
  challenge: text().primaryKey(),
  used_at: timestamptz().notNull(),
  expires_at: timestamptz().notNull(),
});

export const publicSubmissions = pgTable('public_submissions', {
  id: identity(),
  at: timestamptz().notNull(),
  ip_hash: text(),
  device_hash: text(),
});
