// Things: fire facilities, special equipment, emergency supplies, cameras (migration 0004).
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { day, identity, int8, located, now, timestamptz } from './types.js';

export const THING_KINDS = ['hydrant', 'extinguisher', 'fire_facility', 'elevator', 'boiler', 'pressure_vessel', 'special_equipment',
  'emergency_supply', 'camera'] as const;

export const things = pgTable('things', {
  id: identity(),
  kind: text({ enum: THING_KINDS }).notNull(),
  name: text().notNull(),
  code: text(),
  place_id: int8(),
  enterprise_id: int8(),
  quantity: integer(),
  unit_of_measure: text(),
  spec: text(),
  expires_on: day(),
  last_inspected_on: day(),
  next_inspection_on: day(),
  status: text({ enum: ['normal', 'faulty', 'retired'] }).notNull().default('normal'),
  notes: text(),
  ...located(),
  created_by: int8(),
  created_at: timestamptz().notNull().default(now),
  updated_at: timestamptz().notNull().default(now),
});
