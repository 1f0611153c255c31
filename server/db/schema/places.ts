// Places, their A/B/C/D grading history and the LEC/LS risk points of places and enterprises
// (migration 0004).
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, integer, jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { bytea, day, identity, int8, located, now, timestamptz } from './types.js';

export const GRADES = ['A', 'B', 'C', 'D'] as const;

export const places = pgTable('places', {
  id: identity(),
  name: text().notNull(),
  kind: text().notNull(),
  use: text(),
  address: text(),
  area_m2: doublePrecision(),
  floors: integer(),
  floor: integer(),
  top_floor: integer(),
  beds: integer(),
  seats: integer(),
  persons: integer(),
  staff: integer(),
  dorm_staff: integer(),
  boarding: boolean(),
  three_in_one: boolean().notNull().default(false),
  operator_name: text(),
  operator_phone_enc: bytea(),
  operator_phone_hash: text(),
  operator_phone_masked: text(),
  responsible_name: text(),
  responsible_phone_enc: bytea(),
  responsible_phone_hash: text(),
  responsible_phone_masked: text(),
  tags: text().array().notNull().default(sql`'{}'`),
  grade: text({ enum: GRADES }),
  graded_on: day(),
  risk_level: smallint(),
  enterprise_id: int8(),
  status: text({ enum: ['active', 'closed'] }).notNull().default('active'),
  ...located(),
  import_job_id: int8(),
  created_by: int8(),
  created_at: timestamptz().notNull().default(now),
  updated_at: timestamptz().notNull().default(now),
});

export const placeGrades = pgTable('place_grades', {
  id: identity(),
  place_id: int8().notNull(),
  grade_from: text({ enum: GRADES }),
  grade_to: text({ enum: GRADES }).notNull(),
  rubric_grade: text({ enum: GRADES }),
  graded_on: day().notNull(),
  graded_at: timestamptz().notNull(),
  rubric_id: text().notNull(),
  rubric_version: text().notNull(),
  inputs: jsonb().notNull(),
  scores: jsonb().notNull(),
  total: doublePrecision(),
  reason: text().notNull(),
  graded_by: int8(),
});

export const riskPoints = pgTable('risk_points', {
  id: identity(),
  place_id: int8(),
  enterprise_id: int8(),
  name: text().notNull(),
  hazard_factors: text(),
  controls: text(),
  method: text({ enum: ['lec', 'ls'] }).notNull(),
  inputs: jsonb().notNull(),
  value: doublePrecision().notNull(),
  level: smallint().notNull(),
  result: jsonb().notNull(),
  rule_set_id: text().notNull(),
  rule_set_version: text().notNull(),
  assessed_at: timestamptz().notNull(),
  assessed_by: int8(),
  retired_at: timestamptz(),
});
