// Open311 API keys: only a hash of the key is kept (migration 0006).
import { pgTable, text } from 'drizzle-orm/pg-core';
import { identity, int8, timestamptz } from './types.js';

export const open311Keys = pgTable('open311_keys', {
  id: identity(),
  name: text().notNull(),
  key_prefix: text().notNull(),
  key_hash: text().notNull(),
  created_by: int8(),
  created_at: timestamptz().notNull(),
  last_used_at: timestamptz(),
  revoked_at: timestamptz(),
  revoked_by: int8(),
});
