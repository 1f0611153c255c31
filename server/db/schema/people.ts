// People at risk and key persons; ID numbers and phones only encrypted (migration 0004).
import { pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, identity, int8, located, now, timestamptz } from './types.js';

export const PERSON_CATEGORIES = ['elderly_alone', 'disabled', 'low_income', 'left_behind_child', 'key_person'] as const;

export const peopleAtRisk = pgTable('people_at_risk', {
  id: identity(),
  category: text({ enum: PERSON_CATEGORIES }).notNull(),
  name: text().notNull(),
  sex: text({ enum: ['male', 'female'] }),
  id_number_enc: bytea(),
  id_number_hash: text(),
  id_number_masked: text(),
  phone_enc: bytea(),
  phone_hash: text(),
  phone_masked: text(),
  address: text(),
  helper_name: text(),
  helper_phone_enc: bytea(),
  helper_phone_hash: text(),
  helper_phone_masked: text(),
  needs: text(),
  notes: text(),
  status: text({ enum: ['active', 'inactive'] }).notNull().default('active'),
  ...located(),
  import_job_id: int8(),
  created_by: int8(),
  created_at: timestamptz().notNull().default(now),
  updated_at: timestamptz().notNull().default(now),
});
