// Notices (通知公告): issued by a unit, the units they go to and a read receipt per recipient
// (migration 0012).
import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { identity, int8, ltree, timestamptz } from './types.js';

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;

export const notices = pgTable('notices', {
  id: identity(),
  issuer_unit_id: int8().notNull(),
  unit_path: ltree().notNull(),
  title: text().notNull(),
  body: text().notNull(),
  audience: text({ enum: ['subtree', 'units'] }).notNull(),
  status: text({ enum: NOTICE_STATUSES }).notNull().default('draft'),
  created_by: int8(),
  created_at: timestamptz().notNull(),
  updated_at: timestamptz().notNull(),
  published_at: timestamptz(),
  withdrawn_at: timestamptz(),
  withdraw_reason: text(),
});

export const noticeUnits = pgTable(
  'notice_units',
  {
    notice_id: int8().notNull(),
    unit_id: int8().notNull(),
  },
  (t) => [primaryKey({ columns: [t.notice_id, t.unit_id] })],
);

export const noticeReceipts = pgTable(
  'notice_receipts',
  {
    notice_id: int8().notNull(),
    user_id: int8().notNull(),
    /** The unit the user was reached through (their grant's unit). */
    unit_id: int8().notNull(),
    read_at: timestamptz(),
  },
  (t) => [primaryKey({ columns: [t.notice_id, t.user_id] })],
);
