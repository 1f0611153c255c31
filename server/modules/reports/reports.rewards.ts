// 举报奖励: one reward per hazard for its first valid reporter, proposed when reports are
// linked to the hazard, decided within the amount band of the hazard's grade, then paid by
// someone other than the approver. The reporter's identity stays masked here.
import type { Actor } from '../../core/access.js';
import { inScope, require, scopeSql } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { sql, type Executor } from '../../db/client.js';
import type { RewardApproveBody, RewardPayBody, RewardSettings } from '../../../common/modules/reports/reports.contract.js';
import type { SettingsDoc } from './reports.settings.js';
import { reportsRepository as repo, type ReportRowDb, type RewardRowDb } from './reports.repository.js';

export function rewardEligible(r: ReportRowDb & { has_contact: boolean }, s: RewardSettings): boolean {
  if (!s.channels.includes(r.channel)) return false;
  if (s.categories.length > 0 && !s.categories.includes(r.category)) return false;
  if (s.requireContact && !r.has_contact) return false;
  return true;
}

export function createRewardsService(ctx: ModuleContext, deps: { settings: SettingsDoc<RewardSettings> }) {
  const { db, clock, audit } = ctx;
  const { settings } = deps;

  async function loadInScope(actor: Actor, id: string): Promise<RewardRowDb> {
    require(actor, 'reward.manage');
    const w = await repo.rewardById(db, id);
    if (!w || !inScope(actor, 'reward.manage', { path: w.unit_path })) throw notFound('reward');
    return w;
  }

  return {
    /**
     * After reports were linked to a hazard: the hazard's reward goes to the earliest eligible
     * report. A proposal not yet decided moves to an earlier reporter who turns up by a merge.
     */
    async reconsider(tx: Executor, hazardId: string, grade: 'general' | 'major'): Promise<void> {
      const s = await settings.get(tx);
      if (!s.enabled) return;
      const existing = await repo.rewardByHazard(tx, hazardId);
      if (existing && existing.state !== 'proposed') return;
      const reports = await repo.reportsOfHazard(tx, hazardId);
      const first = reports.find((r) => rewardEligible(r, s));
      if (!first) return;
      if (existing) {
        if (existing.report_id !== first.id) {
          await repo.moveReward(tx, existing.id, first.id, first.unit_path);
          await audit.write(tx, { userId: null, username: 'system' }, { action: 'reward.reassign', objectType: 'reward', objectId: existing.id, summary: { from: existing.report_id, to: first.id } });
        }
        return;
      }
      const band = s.bands[grade];
      await repo.insertReward(tx, { reportId: first.id, hazardId, unitPath: first.unit_path, grade, min: band.min, max: band.max, currency: s.currency, at: clock.now() });
      await audit.write(tx, { userId: null, username: 'system' }, { action: 'reward.propose', objectType: 'public_report', objectId: first.id, summary: { hazard: hazardId, grade } });
    },

    async list(actor: Actor, q: { limit?: number; cursor?: string; state?: string }) {
      require(actor, 'reward.manage');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.listRewards(db, scopeSql(actor, 'reward.manage', { path: sql`w.unit_path` }), {
        ...(q.state ? { state: q.state } : {}), ...(after ? { beforeId: String(after[0]) } : {}), limit,
      });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    get: (actor: Actor, id: string) => loadInScope(actor, id),

    async approve(actor: Actor, id: string, body: RewardApproveBody) {
      const w = await loadInScope(actor, id);
      if (w.state !== 'proposed') throw new AppError('INVALID_TRANSITION', `The reward is ${w.state}`);
      const s = await settings.get();
      const grade = body.grade ?? w.grade;
      const band = s.bands[grade];
      if (body.amount < band.min || body.amount > band.max) throw fieldError('body/amount', `must be between ${band.min} and ${band.max} for a ${grade} hazard`);
      const now = clock.now();
      await db.tx(async (tx) => {
        await repo.decideReward(tx, id, { state: 'approved', amount: body.amount, grade, min: band.min, max: band.max, by: actor.userId, note: body.note ?? null, at: now });
        await repo.insertEvent(tx, { reportId: w.report_id, at: now, kind: 'reward', actorId: actor.userId, publicNote: 'approved', internalNote: body.note ?? null });
        await audit.write(tx, actor, { action: 'reward.approve', objectType: 'reward', objectId: id, summary: { amount: body.amount, grade } });
      });
      return loadInScope(actor, id);
    },

    async reject(actor: Actor, id: string, body: { note: string }) {
      const w = await loadInScope(actor, id);
      if (w.state !== 'proposed') throw new AppError('INVALID_TRANSITION', `The reward is ${w.state}`);
      const now = clock.now();
      await db.tx(async (tx) => {
        await repo.decideReward(tx, id, { state: 'rejected', amount: null, grade: w.grade, min: Number(w.band_min), max: Number(w.band_max), by: actor.userId, note: body.note, at: now });
        await repo.insertEvent(tx, { reportId: w.report_id, at: now, kind: 'reward', actorId: actor.userId, publicNote: 'rejected', internalNote: body.note });
        await audit.write(tx, actor, { action: 'reward.reject', objectType: 'reward', objectId: id, summary: {} });
      });
      return loadInScope(actor, id);
    },

    /** The payout record; whoever approved may not also pay. */
    async pay(actor: Actor, id: string, body: RewardPayBody) {
      const w = await loadInScope(actor, id);
      if (w.state !== 'approved') throw new AppError('INVALID_TRANSITION', `The reward is ${w.state}`);
      if (actor.userId !== null && w.decided_by === actor.userId) throw new AppError('SEPARATION_OF_DUTIES', 'The person who approved a reward may not record its payment');
      const now = clock.now();
      await db.tx(async (tx) => {
        await repo.payReward(tx, id, { by: actor.userId, at: now, method: body.method, reference: body.reference });
        await repo.insertEvent(tx, { reportId: w.report_id, at: now, kind: 'reward', actorId: actor.userId, publicNote: 'paid', internalNote: body.note ?? null });
        await audit.write(tx, actor, { action: 'reward.pay', objectType: 'reward', objectId: id, summary: { method: body.method, amount: w.amount } });
      });
      return loadInScope(actor, id);
    },

    async getSettings(actor: Actor) {
      require(actor, 'reward.manage');
      return settings.get();
    },

    async setSettings(actor: Actor, body: RewardSettings) {
      require(actor, 'reward.manage');
      for (const g of ['general', 'major'] as const) {
        if (body.bands[g].min > body.bands[g].max) throw fieldError(`body/bands/${g}/min`, 'must not exceed max');
      }
      const before = await settings.get();
      await db.tx(async (tx) => {
        await settings.set(tx, body, actor.userId);
        await audit.write(tx, actor, { action: 'reward.settings', objectType: 'settings', objectId: 'reports.rewards', summary: { before, after: body } });
      });
      return settings.get();
    },
  };
}
export type RewardsService = ReturnType<typeof createRewardsService>;
