// The typed mirror of the migrated database: one pgTable per table of server/db/migrations (the
// SQL files stay the source of truth; schema.drift.test.ts fails when the two differ). Repositories
// type their rows from these tables (`typeof t.$inferSelect`, `Pick<…>`) and name columns through
// them in SQL (`sql\`SELECT ${o.id} FROM ${orgs} ${o}\``), so a renamed column fails the type check.
export * from './types.js';
export * from './accounts.js';
export * from './audit.js';
export * from './units.js';
export * from './registries.js';
export * from './enterprises.js';
export * from './places.js';
export * from './people.js';
export * from './things.js';
export * from './orgs.js';
export * from './files.js';
export * from './checklists.js';
export * from './inspections.js';
export * from './hazards.js';
export * from './deadlines.js';
export * from './notifications.js';
export * from './scheduler.js';
export * from './reports.js';
export * from './open311.js';
export * from './notices.js';
export { alias } from 'drizzle-orm/pg-core';
export * from './columns.js';
