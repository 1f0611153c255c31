// Accounts and access: users, roles overriding the built-in ones, grants, sessions, settings
// (migration 0001).
import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { identity, int8, now, timestamptz } from './types.js';

export const users = pgTable('users', {
  id: identity(),
  username: text().notNull(),
  display_name: text().notNull(),
  password_hash: text().notNull(),
  must_change_password: boolean().notNull().default(true),
  unit_id: int8().notNull(),
  status: text({ enum: ['active', 'disabled'] }).notNull().default('active'),
  failed_logins: integer().notNull().default(0),
  locked_until: timestamptz(),
  password_changed_at: timestamptz(),
  last_login_at: timestamptz(),
  locale: text().notNull().default('zh-CN'),
  created_at: timestamptz().notNull().default(now),
  updated_at: timestamptz().notNull().default(now),
});

export const roles = pgTable('roles', {
  code: text().primaryKey(),
  name_zh: text().notNull(),
  name_en: text().notNull(),
  binding: text({ enum: ['unit', 'industry', 'enterprise'] }).notNull(),
  permissions: text().array().notNull(),
  updated_by: int8(),
  updated_at: timestamptz().notNull().default(now),
});

export const grants = pgTable('grants', {
  id: identity(),
  user_id: int8().notNull(),
  role_code: text().notNull(),
  unit_id: int8().notNull(),
  industry_code: text(),
  enterprise_id: int8(),
  created_by: int8(),
  created_at: timestamptz().notNull().default(now),
  revoked_at: timestamptz(),
  revoked_by: int8(),
});

export const sessions = pgTable('sessions', {
  id: text().primaryKey(),
  user_id: int8().notNull(),
  csrf_token: text().notNull(),
  created_at: timestamptz().notNull(),
  last_seen_at: timestamptz().notNull(),
  expires_at: timestamptz().notNull(),
  ip: text(),
  user_agent: text(),
  revoked_at: timestamptz(),
});

export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updated_by: int8(),
  updated_at: timestamptz().notNull().default(now),
});
