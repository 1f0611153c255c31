// Stored files (photos, signatures): the bytes live on disk, a row describes them (migration 0005).
import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { identity, int8, point4326, timestamptz } from './types.js';

export const files = pgTable('files', {
  id: identity(),
  sha256: text().notNull(),
  mime: text({ enum: ['image/jpeg', 'image/png', 'image/webp'] }).notNull(),
  size_bytes: integer().notNull(),
  storage_key: text().notNull(),
  original_name: text(),
  purpose: text().notNull(),
  taken_at: timestamptz(),
  gps: point4326(),
  exif_stripped: boolean().notNull().default(false),
  owner_type: text(),
  owner_id: int8(),
  uploaded_by: int8(),
  created_at: timestamptz().notNull(),
});
