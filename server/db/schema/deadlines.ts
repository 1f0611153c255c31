// The working-day calendar as data (the State Council's notice per year, days edited by hand) and
// the deadline clocks: one episode per deadline with its steps (migration 0010).
import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, primaryKey, smallint, text, unique } from 'drizzle-orm/pg-core';
import { day, identity, int8, timestamptz } from './types.js';

export const calendarYears = pgTable('calendar_years', {
  year: integer().primaryKey(),
  notice_ref: text().notNull(),
  entered_by: int8(),
  entered_at: timestamptz().notNull(),
});

export const calendarDays = pgTable(
  'calendar_days',
  {
    day: day().notNull(),
    source: text({ enum: ['notice', 'manual'] }).notNull(),
    kind: text({ enum: ['holiday', 'workday', 'normal'] }).notNull(),
    name: text(),
    note: text(),
    entered_by: int8(),
    entered_at: timestamptz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.source] })],
);

export const deadlineClocks = pgTable(
  'deadline_clocks',
  {
    id: identity(),
    subject_type: text().notNull(),
    subject_id: int8().notNull(),
    episode: integer().notNull(),
    reason: text().notNull(),
    started_on: day().notNull(),
    due_on: day().notNull(),
    working_days: integer(),
    provisional: boolean().notNull().default(false),
    provisional_years: int8().array().notNull().default(sql`'{}'`),
    calendar_version: text(),
    overdue_since: day(),
    level: smallint().notNull().default(-1),
    created_at: timestamptz().notNull(),
    closed_at: timestamptz(),
    closed_reason: text(),
  },
  (t) => [unique().on(t.subject_type, t.subject_id, t.episode)],
);

export const deadlineSteps = pgTable(
  'deadline_steps',
  {
    clock_id: int8().notNull(),
    step: smallint().notNull(),
    unit_id: int8(),
    due_on: day().notNull(),
    at: timestamptz().notNull(),
    instance: text(),
  },
  (t) => [primaryKey({ columns: [t.clock_id, t.step] })],
);
