// Units (the administrative tree down to grids), their boundary history, grid workers, the
// registry of located tables, and the import and generation runs (migrations 0001–0003, 0008).
import { boolean, doublePrecision, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, identity, int8, ltree, multiPolygon4326, now, point4326, timestamptz } from './types.js';

export const UNIT_LEVELS = ['root', 'province', 'city', 'district', 'street', 'community', 'grid'] as const;
export const BOUNDARY_SOURCES = ['import', 'generated', 'upload', 'edit'] as const;

export const units = pgTable('units', {
  id: identity(),
  code: text().notNull(),
  name: text().notNull(),
  level: text({ enum: UNIT_LEVELS }).notNull(),
  kind: text().notNull(),
  parent_id: int8(),
  path: ltree().notNull(),
  retired_at: timestamptz(),
  created_at: timestamptz().notNull().default(now),
  updated_at: timestamptz().notNull().default(now),
  geom: multiPolygon4326(),
  area_m2: doublePrecision(),
  label_point: point4326(),
  boundary_source: text({ enum: BOUNDARY_SOURCES }),
  boundary_version: integer().notNull().default(0),
  kind_source: text({ enum: ['derived', 'manual'] }).notNull().default('derived'),
  grid_type: text({ enum: ['general', 'dedicated'] }),
  households: integer(),
  households_estimated: boolean().notNull().default(false),
  population: integer(),
  leader_name: text(),
  leader_phone_enc: bytea(),
  safety_officer_name: text(),
  safety_officer_phone_enc: bytea(),
  valid_from: timestamptz().notNull().default(now),
  seq: integer(),
  short_name: text(),
});

export const unitBoundaries = pgTable('unit_boundaries', {
  id: identity(),
  unit_id: int8().notNull(),
  version: integer().notNull(),
  geom: multiPolygon4326().notNull(),
  area_m2: doublePrecision().notNull(),
  source: text({ enum: BOUNDARY_SOURCES }).notNull(),
  valid_from: timestamptz().notNull(),
  valid_to: timestamptz(),
  changed_by: int8(),
  reason: text(),
});

export const gridWorkers = pgTable('grid_workers', {
  id: identity(),
  grid_id: int8().notNull(),
  user_id: int8().notNull(),
  assigned_at: timestamptz().notNull().default(now),
  assigned_by: int8(),
  ended_at: timestamptz(),
});

/** Tables whose rows carry location, grid_id, unit_path and grid_override (see `located()`). */
export const locatedTables = pgTable('located_tables', {
  table_name: text().primaryKey(),
});

export const unitImports = pgTable('unit_imports', {
  id: identity(),
  at: timestamptz().notNull(),
  actor_id: int8(),
  actor_name: text(),
  cities: text().array().notNull(),
  report: jsonb().notNull(),
});

export const gridGenerations = pgTable('grid_generations', {
  id: identity(),
  unit_id: int8().notNull(),
  at: timestamptz().notNull(),
  actor_id: int8(),
  actor_name: text(),
  params: jsonb().notNull(),
  report: jsonb().notNull(),
});

