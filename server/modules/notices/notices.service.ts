// Notices (通知公告): drafting, publishing to a unit's subtree or chosen units below it, reading
// (a receipt per recipient), withdrawing, and the issuer's view of who has not read it yet.
import type { Actor } from '../../core/access.js';
import { can, inScope, pathWithin, require, scopeSql } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { effectiveRole } from '../../core/roles.js';
import { sql, toIso, type Executor } from '../../db/client.js';
import { BUILTIN_ROLES } from '../../../common/permissions.js';
import type { CreateNoticeBody, NoticeListQuery } from '../../../common/modules/notices/notices.contract.js';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import type { FilesService } from '../files/files.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { noticesRepository as repo, type NoticeRow } from './notices.repository.js';

export interface NoticesDeps {
  files: FilesService;
  notifications: NotificationsService;
}

export function createNoticesService(ctx: ModuleContext, deps: NoticesDeps) {
  const { db, clock, audit } = ctx;

  /** The issuer side (notice.read in scope of the issuing unit) or a recipient sees a notice; drafts only the issuer side. */
  function sees(actor: Actor, n: NoticeRow): boolean {
    if (n.is_recipient && n.status !== 'draft') return true;
    return inScope(actor, 'notice.read', { path: n.unit_path }) || inScope(actor, 'notice.issue', { path: n.unit_path });
  }

  async function load(actor: Actor, id: string, ex: Executor = db): Promise<NoticeRow> {
    const n = await repo.byId(ex, id, actor.userId);
    if (!n || !sees(actor, n)) throw notFound('notice');
    return n;
  }

  const canIssue = (actor: Actor, n: NoticeRow) => inScope(actor, 'notice.issue', { path: n.unit_path });

  async function readerRoles(ex: Executor): Promise<string[]> {
    const rows = new Map((await repo.roleRows(ex)).map((r) => [r.code, r]));
    const codes = new Set([...Object.keys(BUILTIN_ROLES), ...rows.keys()]);
    return [...codes].filter((c) => effectiveRole(c, rows.get(c) ?? null)?.permissions.includes('notice.read'));
  }

  async function publishIn(tx: Executor, actor: Actor, n: { id: string; title: string; issuerName: string }) {
    const at = clock.now().toISOString();
    const units = await repo.unitsOf(tx, n.id);
    const users = await repo.writeReceipts(tx, n.id, units.map((u) => u.path), await readerRoles(tx), actor.userId);
    await repo.setStatus(tx, n.id, { status: 'published', at });
    await deps.notifications.notify(tx, users, {
      kind: 'notice.published',
      title: { zh: `通知公告：${n.title}`, en: `Notice: ${n.title}` },
      body: { zh: `${n.issuerName}发布了通知，请及时阅读。`, en: `${n.issuerName} issued a notice; please read it.` },
      object: { type: 'notice', id: n.id },
      dedupeKey: `notice:${n.id}`,
    });
    await audit.write(tx, actor, { action: 'notice.publish', objectType: 'notice', objectId: n.id, summary: { recipients: users.length, units: units.map((u) => u.code) } });
    return users.length;
  }

  const service = {
    async create(actor: Actor, body: CreateNoticeBody) {
      require(actor, 'notice.issue');
      const issuerCode = body.issuerUnit ?? actor.grants.find((g) => g.permissions.includes('notice.issue'))?.unitCode;
      if (!issuerCode) throw new AppError('FORBIDDEN');
      const [issuer] = await repo.unitsByCodes(db, [issuerCode]);
      if (!issuer || !inScope(actor, 'notice.issue', { path: issuer.path })) throw fieldError('body/issuerUnit', 'not a unit you may issue notices for');
      let targets = [issuer];
      if (body.audience === 'units') {
        const codes = [...new Set(body.units ?? [])];
        if (codes.length === 0) throw fieldError('body/units', 'choose at least one unit');
        targets = await repo.unitsByCodes(db, codes);
        const missing = codes.filter((c) => !targets.some((u) => u.code === c));
        if (missing.length > 0) throw fieldError('body/units', `unknown units: ${missing.join(', ')}`);
        const outside = targets.filter((u) => !pathWithin(u.path, issuer.path) || u.path === issuer.path);
        if (outside.length > 0) throw fieldError('body/units', `not below ${issuer.name}: ${outside.map((u) => u.name).join('、')}`);
      }
      const at = clock.now().toISOString();
      const id = await db.tx(async (tx) => {
        const row = await repo.insert(tx, { issuerUnitId: issuer.id, path: issuer.path, title: body.title.trim(), body: body.body, audience: body.audience, by: actor.userId, at });
        if (!row) throw new Error('notice insert failed');
        await repo.addUnits(tx, row.id, targets.map((u) => u.id));
        if (body.fileIds && body.fileIds.length > 0) await deps.files.attach(tx, actor, body.fileIds, { type: 'notice', id: row.id }, 'body/fileIds');
        await audit.write(tx, actor, { action: 'notice.create', objectType: 'notice', objectId: row.id, summary: { issuer: issuer.code, audience: body.audience, units: targets.map((u) => u.code), files: body.fileIds?.length ?? 0 } });
        if (body.publish) await publishIn(tx, actor, { id: row.id, title: body.title.trim(), issuerName: issuer.name });
        return row.id;
      });
      return service.get(actor, id);
    },

    async publish(actor: Actor, id: string) {
      require(actor, 'notice.issue');
      const n = await load(actor, id);
      if (!canIssue(actor, n)) throw new AppError('FORBIDDEN');
      if (n.status !== 'draft') throw new AppError('INVALID_TRANSITION', `The notice is ${n.status}`);
      await db.tx((tx) => publishIn(tx, actor, { id, title: n.title, issuerName: n.issuer_name }));
      return service.get(actor, id);
    },

    async withdraw(actor: Actor, id: string, reason: string) {
      require(actor, 'notice.issue');
      const n = await load(actor, id);
      if (!canIssue(actor, n)) throw new AppError('FORBIDDEN');
      if (n.status !== 'published') throw new AppError('INVALID_TRANSITION', `The notice is ${n.status}`);
      await db.tx(async (tx) => {
        await repo.setStatus(tx, id, { status: 'withdrawn', at: clock.now().toISOString(), reason });
        await audit.write(tx, actor, { action: 'notice.withdraw', objectType: 'notice', objectId: id, summary: { reason } });
      });
      return service.get(actor, id);
    },

    /** The notice; opening it as a recipient records the reading. */
    async get(actor: Actor, id: string) {
      let n = await load(actor, id);
      if (n.is_recipient && n.read_at === null && n.status === 'published' && actor.userId) {
        const userId = actor.userId;
        await db.tx(async (tx) => {
          const marked = await repo.markRead(tx, id, userId, clock.now().toISOString());
          if (marked.length > 0) await audit.write(tx, actor, { action: 'notice.read', objectType: 'notice', objectId: id });
        });
        n = await load(actor, id);
      }
      const units = await repo.unitsOf(db, id);
      const files = await deps.files.filesOf(db, 'notice', id);
      return { row: n, units, files, abilities: { publish: n.status === 'draft' && canIssue(actor, n), withdraw: n.status === 'published' && canIssue(actor, n), receipts: canIssue(actor, n) || inScope(actor, 'notice.read', { path: n.unit_path }) } };
    },

    async list(actor: Actor, q: NoticeListQuery) {
      require(actor, 'notice.read');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 2) as [string, string] | null;
      if (q.box === 'issued') {
        const rows = await repo.issued(db, scopeSql(actor, 'notice.read', { path: sql`n.unit_path` }), actor.userId, { after, limit });
        return pageOf(rows, limit, (r) => [toIso(r.created_at), r.id]);
      }
      if (!actor.userId) return { items: [], nextCursor: null };
      const rows = await repo.inbox(db, actor.userId, { unread: q.unread, after, limit });
      return pageOf(rows, limit, (r) => [toIso(r.published_at), r.id]);
    },

    async receipts(actor: Actor, id: string) {
      const n = await load(actor, id);
      if (!(canIssue(actor, n) || inScope(actor, 'notice.read', { path: n.unit_path }))) throw notFound('notice');
      const rows = await repo.receipts(db, id);
      const byUnit = new Map<string, { code: string; name: string; recipients: number; read: number; unread: Array<{ username: string; displayName: string }> }>();
      for (const r of rows) {
        const u = byUnit.get(r.unit_code) ?? { code: r.unit_code, name: r.unit_name, recipients: 0, read: 0, unread: [] };
        u.recipients++;
        if (r.read_at) u.read++;
        else u.unread.push({ username: r.username, displayName: r.display_name });
        byUnit.set(r.unit_code, u);
      }
      const units = [...byUnit.values()].sort((a, b) => (b.recipients - b.read) - (a.recipients - a.read) || a.code.localeCompare(b.code));
      return { recipients: rows.length, read: rows.filter((r) => r.read_at).length, units };
    },

    /** A file of the notice, for whoever may see the notice (recipients below the issuer included). */
    async file(actor: Actor, id: string, fileId: string) {
      await load(actor, id);
      const row = (await deps.files.filesOf(db, 'notice', id)).find((f) => f.id === fileId);
      if (!row) throw notFound('file');
      return { row, data: await deps.files.bytes(row) };
    },

    /** The files module asks who may read a notice's files through /api/files (the issuer side). */
    async fileTarget(ex: Executor, id: string) {
      const r = await repo.pathOf(ex, id);
      return r ? { path: r.unit_path } : null;
    },

    /** "我的待办": the notices I have not read yet. */
    async workFor(actor: Actor): Promise<WorkItem[]> {
      if (!actor.userId || !can(actor, 'notice.read')) return [];
      const rows = await repo.unreadOf(db, actor.userId);
      return rows.map((r) => ({ kind: 'notice_unread', id: r.id, code: null, title: r.title, state: 'unread', dueDate: null, overdue: false, daysOverdue: 0, link: { type: 'notice', id: r.id } }));
    },
  };
  return service;
}
export type NoticesService = ReturnType<typeof createNoticesService>;
