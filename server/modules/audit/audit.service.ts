import type { Actor } from '../../core/access.js';
import { require } from '../../core/access.js';
import { verifyAuditChain, writeCheckpoint } from '../../core/audit.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import type { ModuleContext } from '../../core/module.js';
import type { AuditQuery } from '../../../common/modules/audit/audit.contract.js';
import { auditRepository as repo } from './audit.repository.js';

export function createAuditService(ctx: ModuleContext) {
  return {
    /** The audit log, newest first. Only the audit administrator reads it; reading is itself audited. */
    async list(actor: Actor, q: AuditQuery) {
      require(actor, 'audit.read');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.list(ctx.db, { ...q, limit, ...(after ? { beforeId: String(after[0]) } : {}) });
      return pageOf(rows, limit, (r) => [r.id]);
    },
    async verify(actor: Actor) {
      require(actor, 'audit.read');
      const file = ctx.config.auditCheckpointFile;
      const result = await verifyAuditChain(ctx.db, ctx.secrets.auditKey, undefined, { checkpointFile: file });
      await ctx.db.tx((tx) => ctx.audit.write(tx, actor, { action: 'audit.verify', objectType: 'audit_log', outcome: 'success', summary: { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt?.id ?? null } }));
      if (result.ok) await writeCheckpoint(ctx.db, ctx.secrets.auditKey, file, ctx.clock.now()).catch((err: unknown) => ctx.log?.warn({ err }, 'audit checkpoint not written'));
      return result;
    },
    /** Copies the genuine head to the checkpoint file outside the database (at intervals and at shutdown). */
    checkpoint() {
      return writeCheckpoint(ctx.db, ctx.secrets.auditKey, ctx.config.auditCheckpointFile, ctx.clock.now());
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
