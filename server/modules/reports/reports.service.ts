// Staff side of public reports: the triage list of a grid, confirming a report as a hazard (or
// linking it to one), rejecting it with a reason the reporter sees, transferring it to another
// unit, merging duplicates into one hazard, and the audited view of who reported.
import type { Actor } from '../../core/access.js';
import { can, inScope, require, scopeSql } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { sql, toIso, type Executor } from '../../db/client.js';
import type { Permission } from '../../../common/permissions.js';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import type {
  ConfirmBody, MergeBody, PortalSettings, RejectBody, ReportListQuery, TransferBody,
} from '../../../common/modules/reports/reports.contract.js';
import { normalizeTrackingCode } from '../../../common/modules/reports/reports.text.js';
import { categoryOf, REPORT_FILE_OWNER, type FilesPort, type PortalService } from './reports.portal.js';
import { presentReportDetail, presentReportRow } from './reports.presenter.js';
import type { RewardsService } from './reports.rewards.js';
import type { SettingsDoc } from './reports.settings.js';
import { reportsRepository as repo, type ReportRowDb } from './reports.repository.js';
import type { HazardsPort } from './reports.status.js';

export interface ReportsDeps {
  hazards: HazardsPort;
  files: FilesPort;
  portal: PortalService;
  rewards: RewardsService;
  settings: SettingsDoc<PortalSettings>;
}

export function createReportsService(ctx: ModuleContext, deps: ReportsDeps) {
  const { db, clock, audit } = ctx;
  const { hazards, files, portal, rewards, settings } = deps;

  /** A report the actor may read, else 404; then the permission for the action, else 403. */
  async function loadFor(actor: Actor, id: string, perm: Permission, ex: Executor = db, forUpdate = false): Promise<ReportRowDb> {
    require(actor, perm);
    const r = forUpdate ? await repo.reportByIdForUpdate(ex, id) : await repo.reportById(ex, id);
    if (!r || !(inScope(actor, 'report.read', { path: r.unit_path }) || inScope(actor, perm, { path: r.unit_path }))) throw notFound('report');
    if (!inScope(actor, perm, { path: r.unit_path })) throw new AppError('OUT_OF_SCOPE');
    return r;
  }

  async function presentRows(rows: ReportRowDb[]) {
    const resolve = portal.resolverFor();
    return Promise.all(rows.map(async (r) => presentReportRow(r, await resolve(r))));
  }

  async function listWith(actor: Actor, perm: Permission, q: ReportListQuery, forced: { state?: string } = {}) {
    require(actor, perm);
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, 1);
    let unitPath: string | undefined;
    if (q.unit) {
      const u = await repo.unitByCode(db, q.unit);
      if (!u) throw fieldError('querystring/unit', 'unknown unit');
      unitPath = u.path;
    }
    const qq = q.q ? (normalizeTrackingCode(q.q) ?? q.q.trim()) : undefined;
    const state = forced.state ?? q.state;
    const rows = await repo.list(db, scopeSql(actor, perm, { path: sql`r.unit_path` }), {
      ...(state ? { state } : {}), ...(q.category ? { category: q.category } : {}), ...(unitPath ? { unitPath } : {}),
      ...(qq ? { q: qq } : {}), ...(after ? { beforeId: String(after[0]) } : {}), limit,
    });
    const page = pageOf(rows, limit, (r) => [r.id]);
    return { items: await presentRows(page.items), nextCursor: page.nextCursor };
  }

  async function linkedOf(r: ReportRowDb): Promise<ReportRowDb[]> {
    const rootId = r.state === 'merged' && r.merged_into ? r.merged_into : r.id;
    const byId = new Map<string, ReportRowDb>();
    if (r.hazard_id) for (const x of await repo.reportsOfHazard(db, r.hazard_id)) byId.set(x.id, x);
    for (const x of await repo.reportsMergedInto(db, rootId)) byId.set(x.id, x);
    if (rootId !== r.id) {
      const root = await repo.reportById(db, rootId);
      if (root) byId.set(root.id, root);
    }
    byId.delete(r.id);
    return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  async function detail(actor: Actor, id: string) {
    const r = await loadFor(actor, id, 'report.read');
    const st = await portal.resolverFor()(r);
    const [supporters, events, photos, linked, reward] = await Promise.all([
      repo.supportersOf(db, id), repo.eventsOf(db, [id]), files.filesOf(db, REPORT_FILE_OWNER, id), linkedOf(r), repo.rewardByReport(db, id),
    ]);
    const scope = { path: r.unit_path };
    return presentReportDetail(r, st, {
      contact: portal.maskedContact(r),
      supporters: supporters.map((s) => ({ at: toIso(s.created_at) ?? '', contact: portal.maskedContact(s) })),
      events,
      photos: photos.map((p) => ({ id: p.id, mime: p.mime, size_bytes: p.size_bytes })),
      linked,
      reward,
      can: { triage: inScope(actor, 'report.triage', scope), merge: inScope(actor, 'report.merge', scope), reporter: inScope(actor, 'report.reporter', scope) },
    });
  }

  /** Links a report (and those merged into it) to a hazard, inside the transaction. */
  async function linkGroup(tx: Executor, actor: Actor, root: ReportRowDb, hazardId: string, grade: 'general' | 'major', now: Date) {
    for (const child of await repo.reportsMergedInto(tx, root.id)) {
      if (child.hazard_id !== hazardId) {
        await repo.setState(tx, child.id, { state: 'merged', at: now, hazardId, grade });
        await hazards.linkSource(actor, hazardId, { source: 'report', sourceId: child.id }, tx);
      }
    }
    await rewards.reconsider(tx, hazardId, grade);
  }

  return {
    list: (actor: Actor, q: ReportListQuery) => listWith(actor, 'report.read', q),
    /** My work: the residents' reports waiting for this user's decision, oldest first. */
    async workFor(actor: Actor): Promise<WorkItem[]> {
      if (!can(actor, 'report.triage')) return [];
      const rows = await repo.list(db, scopeSql(actor, 'report.triage', { path: sql`r.unit_path` }), { state: 'pending', limit: 200 });
      return rows.reverse().map((r): WorkItem => ({
        kind: 'report_triage', id: r.id, code: r.code, title: `${r.unit_name}：${r.description}`.slice(0, 80), state: 'pending', dueDate: null,
        overdue: false, daysOverdue: 0, link: { type: 'report', id: r.id },
      }));
    },

    /** The triage list: reports waiting for a decision in the actor's grids. */
    triage: (actor: Actor, q: ReportListQuery) => listWith(actor, 'report.triage', q, { state: 'pending' }),
    detail,

    /** Open reports of the same category nearby, to merge as duplicates. */
    async similar(actor: Actor, id: string) {
      const r = await loadFor(actor, id, 'report.read');
      const s = await settings.get();
      const since = new Date(new Date(r.created_at).getTime() - s.duplicateDays * 86_400_000);
      const rows = await repo.nearby(db, {
        category: r.category, lng: r.lng, lat: r.lat, radiusM: s.duplicateRadiusM * 2, since, excludeId: r.id, limit: 20,
        scope: scopeSql(actor, 'report.read', { path: sql`r.unit_path` }),
      });
      const resolve = portal.resolverFor();
      return { items: await Promise.all(rows.map(async (x) => ({ ...presentReportRow(x, await resolve(x)), distanceM: Math.round(x.distance_m) }))) };
    },

    async confirm(actor: Actor, id: string, body: ConfirmBody) {
      if (body.category !== undefined && !categoryOf(body.category)) throw fieldError('body/category', 'unknown category');
      if (body.grade === 'major' && !body.majorBasis && !body.hazardId) throw fieldError('body/majorBasis', 'a major hazard needs its basis (判定依据)');
      const now = clock.now();
      await db.tx(async (tx) => {
        const r = await loadFor(actor, id, 'report.triage', tx, true);
        if (r.state !== 'pending') throw new AppError('INVALID_TRANSITION', `The report is already ${r.state}`);
        const grade = body.grade ?? 'general';
        let hazardId: string;
        if (body.hazardId) {
          await hazards.linkSource(actor, body.hazardId, { source: 'report', sourceId: r.id }, tx);
          hazardId = body.hazardId;
        } else {
          const photoIds = (await files.filesOf(tx, REPORT_FILE_OWNER, r.id)).map((f) => f.id);
          const h = await hazards.create(actor, {
            source: 'report', sourceId: r.id, lng: r.lng, lat: r.lat, category: body.category ?? r.category, grade,
            ...(body.majorBasis ? { majorBasis: body.majorBasis } : {}), description: body.description ?? r.description,
            ...(photoIds.length ? { photoIds } : {}),
            // A report transferred to another grid is that grid's hazard.
            ...(r.grid_override && r.grid_id !== null ? { gridOverride: { gridCode: r.unit_code, reason: r.grid_override_reason ?? 'transferred' } } : {}),
          }, tx);
          hazardId = h.id;
        }
        await repo.setState(tx, r.id, { state: 'confirmed', at: now, hazardId, grade, triagedBy: actor.userId });
        await repo.insertEvent(tx, { reportId: r.id, at: now, kind: 'confirmed', actorId: actor.userId, internalNote: body.note ?? null });
        await linkGroup(tx, actor, r, hazardId, grade, now);
        await audit.write(tx, actor, { action: 'report.confirm', objectType: 'public_report', objectId: r.id, summary: { hazard: hazardId, linked: body.hazardId !== undefined, grade } });
      });
      return detail(actor, id);
    },

    async reject(actor: Actor, id: string, body: RejectBody) {
      const now = clock.now();
      await db.tx(async (tx) => {
        const r = await loadFor(actor, id, 'report.triage', tx, true);
        if (r.state !== 'pending') throw new AppError('INVALID_TRANSITION', `The report is already ${r.state}`);
        const reason = body.reason.trim();
        await repo.setState(tx, r.id, { state: 'rejected', at: now, rejectReason: reason, triagedBy: actor.userId });
        await repo.insertEvent(tx, { reportId: r.id, at: now, kind: 'rejected', actorId: actor.userId, publicNote: reason, internalNote: body.note ?? null });
        await audit.write(tx, actor, { action: 'report.reject', objectType: 'public_report', objectId: r.id, summary: { reason } });
      });
      return detail(actor, id);
    },

    /** Hands a waiting report to another unit (a manual override of its grid, with the reason). */
    async transfer(actor: Actor, id: string, body: TransferBody) {
      const target = await repo.unitByCode(db, body.unitCode);
      if (!target || target.level === 'root') throw fieldError('body/unitCode', 'unknown unit');
      const now = clock.now();
      await db.tx(async (tx) => {
        const r = await loadFor(actor, id, 'report.triage', tx, true);
        if (r.state !== 'pending') throw new AppError('INVALID_TRANSITION', `The report is already ${r.state}`);
        if (r.unit_path === target.path) throw fieldError('body/unitCode', 'the report is already there');
        const from = await repo.unitByCode(tx, r.unit_code);
        await repo.moveToUnit(tx, r.id, target, body.reason.trim(), now);
        await repo.insertEvent(tx, { reportId: r.id, at: now, kind: 'transferred', actorId: actor.userId, fromUnitId: from?.id ?? null, toUnitId: target.id, internalNote: body.reason.trim() });
        await audit.write(tx, actor, { action: 'report.transfer', objectType: 'public_report', objectId: r.id, summary: { from: r.unit_code, to: target.code, reason: body.reason.trim() } });
      });
      const after = await repo.reportById(db, id);
      return after && inScope(actor, 'report.read', { path: after.unit_path }) ? detail(actor, id) : null;
    },

    /** Merges duplicates into one report (and so one hazard), keeping every report linked. */
    async merge(actor: Actor, body: MergeBody) {
      const sources = [...new Set(body.sourceIds)];
      if (sources.includes(body.targetId)) throw fieldError('body/sourceIds', 'a report cannot be merged into itself');
      const now = clock.now();
      const merged: string[] = [];
      await db.tx(async (tx) => {
        const target = await loadFor(actor, body.targetId, 'report.merge', tx, true);
        if (target.state === 'rejected' || target.state === 'merged') {
          throw new AppError('INVALID_TRANSITION', target.state === 'merged' ? 'The target was itself merged; merge into the report it was merged into' : 'The target was rejected');
        }
        for (const [i, sid] of sources.entries()) {
          const src = await loadFor(actor, sid, 'report.merge', tx, true);
          const field = `body/sourceIds/${i}`;
          if (src.state === 'merged' && src.merged_into === target.id) continue;
          if (src.state === 'merged' || src.state === 'rejected') throw new AppError('INVALID_TRANSITION', `Report ${src.code} is ${src.state}`, { fields: [{ field, message: `is ${src.state}` }] });
          if (src.state === 'confirmed' && src.hazard_id !== target.hazard_id) {
            throw new AppError('INVALID_TRANSITION', target.hazard_id
              ? `Report ${src.code} was confirmed as another hazard; merge those hazards in the ledger`
              : `Report ${src.code} is confirmed and the target is not: merge the other way round`, { fields: [{ field, message: 'confirmed as another hazard' }] });
          }
          const children = await repo.reportsMergedInto(tx, src.id);
          for (const c of [src, ...children]) {
            await repo.setState(tx, c.id, { state: 'merged', at: now, mergedInto: target.id, hazardId: target.hazard_id ?? c.hazard_id, grade: target.hazard_grade ?? c.hazard_grade });
            if (target.hazard_id && c.hazard_id !== target.hazard_id) await hazards.linkSource(actor, target.hazard_id, { source: 'report', sourceId: c.id }, tx);
            await repo.insertEvent(tx, { reportId: c.id, at: now, kind: 'merged', actorId: actor.userId, internalNote: `→ ${target.code}${body.note ? `: ${body.note}` : ''}` });
            merged.push(c.id);
          }
        }
        await repo.touch(tx, target.id, now);
        if (target.hazard_id) await rewards.reconsider(tx, target.hazard_id, target.hazard_grade ?? 'general');
        await audit.write(tx, actor, { action: 'report.merge', objectType: 'public_report', objectId: target.id, summary: { merged, note: body.note ?? null } });
      });
      return { target: await detail(actor, body.targetId), merged };
    },

    /** Who reported (and who added themselves): only with report.reporter, and audited. */
    async reporter(actor: Actor, id: string) {
      const r = await loadFor(actor, id, 'report.reporter');
      const supporters = await repo.supportersOf(db, id);
      await db.tx(async (tx) => {
        await audit.write(tx, actor, { action: 'report.reporter.unmask', objectType: 'public_report', objectId: id, summary: { ref: r.ref, supporters: supporters.length } });
      });
      return {
        reporter: portal.clearContact(r),
        supporters: supporters.map((s) => ({ at: toIso(s.created_at) ?? '', contact: portal.clearContact(s) })),
      };
    },

    /** The file-owner resolver: photos of a report are read with report.read on its unit. */
    async fileTarget(ex: Executor, reportId: string) {
      const r = await repo.reportById(ex, reportId);
      return r ? { path: r.unit_path } : null;
    },

    async getSettings(actor: Actor) {
      require(actor, 'config.manage');
      return settings.get();
    },

    async setSettings(actor: Actor, body: PortalSettings) {
      require(actor, 'config.manage');
      const before = await settings.get();
      await db.tx(async (tx) => {
        await settings.set(tx, body, actor.userId);
        await audit.write(tx, actor, { action: 'report.settings', objectType: 'settings', objectId: 'reports.portal', summary: { before, after: body } });
      });
      return settings.get();
    },

    canMerge: (actor: Actor) => can(actor, 'report.merge'),
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
