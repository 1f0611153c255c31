// Inspection intervals, 双随机 spot checks, tasks, inspections with their answers and signatures
// (migration 0005).
import { doublePrecision, jsonb, pgTable, primaryKey, real, smallint, text, integer } from 'drizzle-orm/pg-core';
import { day, identity, int8, located, ltree, now, point4326, timestamptz } from './types.js';

export const inspectionIntervals = pgTable(
  'inspection_intervals',
  {
    grade: text({ enum: ['A', 'B', 'C', 'D', '-'] }).notNull(),
    risk_level: smallint().notNull(),
    months: smallint().notNull(),
    updated_by: int8(),
    updated_at: timestamptz().notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.grade, t.risk_level] })],
);

export const spotChecks = pgTable('spot_checks', {
  id: identity(),
  unit_id: int8().notNull(),
  unit_path: ltree().notNull(),
  period: text().notNull(),
  seed: text().notNull(),
  place_count: integer().notNull(),
  inspectors_per_place: integer().notNull(),
  candidate_places: int8().array().notNull(),
  candidate_inspectors: int8().array().notNull(),
  selection: jsonb().notNull(),
  created_by: int8(),
  created_at: timestamptz().notNull(),
});

export const inspectionTasks = pgTable('inspection_tasks', {
  id: identity(),
  kind: text({ enum: ['routine', 'spot_check'] }).notNull(),
  period: text().notNull(),
  place_id: int8(),
  enterprise_id: int8(),
  target_name: text().notNull(),
  template_code: text(),
  grid_id: int8(),
  unit_path: ltree().notNull(),
  industry_code: text(),
  assignee_id: int8(),
  co_assignee_ids: int8().array().notNull().default([]),
  due_date: day().notNull(),
  status: text({ enum: ['open', 'done', 'cancelled'] }).notNull().default('open'),
  inspection_id: int8(),
  spot_check_id: int8(),
  created_at: timestamptz().notNull(),
  done_at: timestamptz(),
});

export const inspections = pgTable('inspections', {
  id: identity(),
  code: text().notNull(),
  template_id: int8().notNull(),
  task_id: int8(),
  place_id: int8(),
  enterprise_id: int8(),
  industry_code: text(),
  target_name: text().notNull(),
  ...located(),
  inspector_position: point4326(),
  position_accuracy_m: real(),
  distance_m: doublePrecision(),
  status: text({ enum: ['draft', 'submitted'] }).notNull(),
  inspector_id: int8().notNull(),
  summary: text().notNull().default(''),
  corrects_id: int8(),
  correction_reason: text(),
  superseded_by: int8(),
  started_at: timestamptz().notNull(),
  submitted_at: timestamptz(),
  updated_at: timestamptz().notNull(),
});

export const inspectionAnswers = pgTable(
  'inspection_answers',
  {
    inspection_id: int8().notNull(),
    item_id: int8().notNull(),
    result: text({ enum: ['pass', 'fail', 'na'] }),
    number_value: doublePrecision(),
    text_value: text(),
    comment: text(),
    photo_ids: int8().array().notNull().default([]),
    hazard_id: int8(),
  },
  (t) => [primaryKey({ columns: [t.inspection_id, t.item_id] })],
);

export const SIGNATURE_ROLES = ['leader', 'inspector', 'premises'] as const;

export const inspectionSignatures = pgTable(
  'inspection_signatures',
  {
    inspection_id: int8().notNull(),
    role: text({ enum: SIGNATURE_ROLES }).notNull(),
    signer_name: text().notNull(),
    file_id: int8().notNull(),
    signed_at: timestamptz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspection_id, t.role] })],
);
