// Versioned checklist templates and their items (migration 0005).
import { doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { identity, int8, now, timestamptz } from './types.js';

export const CHECKLIST_TARGETS = ['place', 'enterprise', 'community'] as const;
export const ANSWER_TYPES = ['pass_fail', 'number', 'text', 'photo'] as const;

export const checklistTemplates = pgTable('checklist_templates', {
  id: identity(),
  code: text().notNull(),
  version: integer().notNull(),
  name_zh: text().notNull(),
  name_en: text().notNull(),
  description_zh: text().notNull().default(''),
  description_en: text().notNull().default(''),
  target: text({ enum: CHECKLIST_TARGETS }).notNull(),
  place_kinds: text().array().notNull().default([]),
  status: text({ enum: ['active', 'retired'] }).notNull().default('active'),
  created_by: int8(),
  created_at: timestamptz().notNull().default(now),
  superseded_at: timestamptz(),
});

export const checklistItems = pgTable('checklist_items', {
  id: identity(),
  template_id: int8().notNull(),
  seq: integer().notNull(),
  item_key: text().notNull(),
  section_zh: text().notNull().default(''),
  section_en: text().notNull().default(''),
  text_zh: text().notNull(),
  text_en: text().notNull(),
  legal_basis: text().notNull().default(''),
  answer_type: text({ enum: ANSWER_TYPES }).notNull(),
  number_min: doublePrecision(),
  number_max: doublePrecision(),
  number_unit: text(),
  fail_category: text(),
  fail_grade: text({ enum: ['general', 'major'] }),
  fail_days: integer(),
});
