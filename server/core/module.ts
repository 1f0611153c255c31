// What a module is wired with. Each module's `create…Module(ctx, deps)` names the services of
// other modules it needs as explicit arguments, in server/app.ts.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './context.js';
import type { AuditWriter } from './audit.js';
import type { FieldCipher } from './crypto.js';
import type { SecuritySettingsStore } from './settings.js';

export interface ModuleContext extends AppDeps {
  audit: AuditWriter;
  cipher: FieldCipher;
  security: SecuritySettingsStore;
}

export interface Module<S = unknown> {
  service: S;
  routes(app: FastifyInstance): void;
  /** Background work (schedulers); started by main, not by tests unless they ask. */
  start?(): void;
  stop?(): Promise<void>;
}
