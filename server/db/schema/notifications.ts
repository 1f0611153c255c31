// The in-app inbox, users' contacts for other channels and the outbox (migration 0005).
import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, identity, int8, timestamptz } from './types.js';

export const notifications = pgTable('notifications', {
  id: identity(),
  user_id: int8().notNull(),
  kind: text().notNull(),
  title_zh: text().notNull(),
  title_en: text().notNull(),
  body_zh: text().notNull().default(''),
  body_en: text().notNull().default(''),
  object_type: text(),
  object_id: text(),
  dedupe_key: text(),
  created_at: timestamptz().notNull(),
  read_at: timestamptz(),
});

export const userContacts = pgTable('user_contacts', {
  user_id: int8().primaryKey(),
  email_enc: bytea(),
  email_hash: text(),
  phone_enc: bytea(),
  phone_hash: text(),
  notify_email: boolean().notNull().default(false),
  notify_sms: boolean().notNull().default(false),
  updated_at: timestamptz().notNull(),
});

export const OUTBOX_CHANNELS = ['log', 'email', 'sms'] as const;

export const outbox = pgTable('outbox', {
  id: identity(),
  notification_id: int8(),
  user_id: int8(),
  channel: text({ enum: OUTBOX_CHANNELS }).notNull(),
  recipient_enc: bytea(),
  subject: text().notNull(),
  body: text().notNull(),
  status: text({ enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
  attempts: integer().notNull().default(0),
  next_attempt_at: timestamptz().notNull(),
  sent_at: timestamptz(),
  last_error: text(),
  created_at: timestamptz().notNull(),
});
