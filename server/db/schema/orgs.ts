// Organizations, their members and volunteer service hours (migration 0004).
import { boolean, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, day, identity, int8, located, now, timestamptz } from './types.js';

export const ORG_KINDS = ['property_company', 'association', 'volunteer_team', 'social_org', 'leading_group'] as const;

export const orgs = pgTable('orgs', {
  id: identity(),
  kind: text({ enum: ORG_KINDS }).notNull(),
  name: text().notNull(),
  uscc: text(),
  safe_community: boolean().notNull().default(false),
  address: text(),
  contact_name: text(),
  contact_phone_enc: bytea(),
  contact_phone_hash: text(),
  contact_phone_masked: text(),
  description: text(),
  status: text({ enum: ['active', 'dissolved'] }).notNull().default('active'),
  ...located(),
  created_by: int8(),
  created_at: timestamptz().notNull().default(now),
  updated_at: timestamptz().notNull().default(now),
});

export const orgMembers = pgTable('org_members', {
  id: identity(),
  org_id: int8().notNull(),
  name: text().notNull(),
  title: text(),
  department: text(),
  phone_enc: bytea(),
  phone_hash: text(),
  phone_masked: text(),
  joined_on: day(),
  left_on: day(),
  created_at: timestamptz().notNull().default(now),
});

/** `hours` is numeric(6,2): a decimal string. */
export const orgServiceLogs = pgTable('org_service_logs', {
  id: identity(),
  org_id: int8().notNull(),
  member_id: int8().notNull(),
  served_on: day().notNull(),
  hours: numeric({ precision: 6, scale: 2 }).notNull(),
  activity: text().notNull(),
  recorded_by: int8(),
  created_at: timestamptz().notNull().default(now),
});
