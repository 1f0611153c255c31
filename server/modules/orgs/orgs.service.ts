// Organizations of the grid: property companies, associations, volunteer teams (members and
// service hours), social organizations and leading groups (members and departments; a
// safe-community leading group with fewer than 9 members or 3 departments is flagged).
import type { Actor } from '../../core/access.js';
import { can, inScope, require, scopeSql } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { sql } from '../../db/client.js';
import { validateUscc } from '../../../common/rules/uscc.js';
import {
  LEADING_GROUP_MIN, ORG_KINDS, type CreateMemberBody, type CreateOrgBody, type OrgListQuery, type ServiceLogBody, type UpdateMemberBody, type UpdateOrgBody,
} from '../../../common/modules/orgs/orgs.contract.js';
import {
  biFieldError, changedFields, likePattern, listParam, pointSql, recordHistory, resolvePlacement, ruleFieldError, sealPhone, unitFilterSql, type Placement,
} from '../registries/registries.shared.js';
import { localDay } from '../../../common/time.js';
import { insertRow, ts, updateRow, type Row } from '../registries/registries.sql.js';
import { orgsRepository as repo, type OrgRow } from './orgs.repository.js';

export function orgWarnings(r: Pick<OrgRow, 'kind' | 'safe_community' | 'member_count' | 'department_count'>) {
  const out: Array<{ code: string; message: { zh: string; en: string } }> = [];
  if (r.kind !== 'leading_group' || !r.safe_community) return out;
  if (r.member_count < LEADING_GROUP_MIN.members) {
    out.push({
      code: 'leading_group.members',
      message: { zh: `安全社区创建领导小组成员 ${r.member_count} 人，少于 ${LEADING_GROUP_MIN.members} 人`, en: `The safe-community leading group has ${r.member_count} members, fewer than ${LEADING_GROUP_MIN.members}` },
    });
  }
  if (r.department_count < LEADING_GROUP_MIN.departments) {
    out.push({
      code: 'leading_group.departments',
      message: { zh: `成员来自 ${r.department_count} 个部门，少于 ${LEADING_GROUP_MIN.departments} 个`, en: `Members come from ${r.department_count} departments, fewer than ${LEADING_GROUP_MIN.departments}` },
    });
  }
  return out;
}

export function createOrgsService(ctx: ModuleContext) {
  const { db, audit, clock, config, cipher } = ctx;
  const scope = (actor: Actor) => scopeSql(actor, 'org.read', { path: sql`o.unit_path` });
  const today = () => localDay(clock.now(), config.timeZone);

  async function visible(actor: Actor, id: string): Promise<OrgRow> {
    require(actor, 'org.read');
    const r = await repo.byId(db, id);
    if (!r || !inScope(actor, 'org.read', { path: r.unit_path })) throw notFound('organization');
    return r;
  }

  async function writable(actor: Actor, id: string): Promise<OrgRow> {
    require(actor, 'org.write');
    const r = await visible(actor, id);
    if (!inScope(actor, 'org.write', { path: r.unit_path })) throw new AppError('OUT_OF_SCOPE');
    return r;
  }

  function checkUscc(u: string | null | undefined): string | null {
    if (!u) return null;
    const v = validateUscc(u);
    if (!v.valid) throw ruleFieldError('body/uscc', v.errors);
    return v.normalized;
  }

  function checkSafeCommunity(kind: string, safe: boolean | undefined) {
    if (safe && kind !== 'leading_group') throw biFieldError('body/safeCommunity', '只有领导小组可以标记为安全社区创建领导小组', 'only a leading group can be a safe-community leading group');
  }

  async function placement(body: { location?: { lng: number; lat: number } | null; unitCode?: string | null; gridOverrideReason?: string }): Promise<Placement> {
    return resolvePlacement(db, { location: body.location ?? null, gridCode: body.unitCode ?? null, ...(body.gridOverrideReason !== undefined ? { gridOverrideReason: body.gridOverrideReason } : {}) }, { anyUnit: true, codeField: 'unitCode' });
  }

  return {
    get: visible,
    today,
    members: (orgId: string) => repo.members(db, orgId),

    abilities(actor: Actor, r: OrgRow) {
      return { edit: can(actor, 'org.write') && inScope(actor, 'org.write', { path: r.unit_path }) };
    },

    async list(actor: Actor, q: OrgListQuery) {
      require(actor, 'org.read');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const unit = await unitFilterSql(db, sql`o.unit_path`, q.unit);
      const kinds = listParam(q.kind, ORG_KINDS, 'query/kind');
      const rows = await repo.list(db, scope(actor), {
        unit: unit.sql, ...(kinds ? { kinds } : {}), ...(q.q ? { q: likePattern(q.q) } : {}), ...(q.flagged !== undefined ? { flagged: q.flagged } : {}),
      }, { ...(after ? { afterId: String(after[0]) } : {}), limit: limit + 1 });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    async create(actor: Actor, body: CreateOrgBody) {
      require(actor, 'org.write');
      if (body.name.trim() === '') throw biFieldError('body/name', '名称不能为空', 'the name is empty');
      checkSafeCommunity(body.kind, body.safeCommunity);
      const uscc = checkUscc(body.uscc);
      const where = await placement(body);
      if (!inScope(actor, 'org.write', { path: where.unitPath })) throw new AppError('OUT_OF_SCOPE', 'The organization would be outside your area');
      const at = clock.now();
      const ph = sealPhone(cipher, body.contactPhone);
      const id = await db.tx(async (tx) => {
        const newId = await insertRow(tx, 'orgs', {
          kind: body.kind, name: body.name.trim(), uscc, safe_community: body.safeCommunity ?? false, address: body.address ?? null, contact_name: body.contactName ?? null,
          contact_phone_enc: ph.enc, contact_phone_hash: ph.hash, contact_phone_masked: ph.masked, description: body.description ?? null,
          location: pointSql(where.location), grid_id: where.gridId, unit_path: sql`${where.unitPath}::ltree`, grid_override: where.override,
          grid_override_reason: where.reason, created_by: actor.userId, created_at: ts(at), updated_at: ts(at),
        });
        await audit.write(tx, actor, { action: 'org.create', objectType: 'org', objectId: newId, summary: { kind: body.kind, name: body.name, unit: where.unitCode } });
        return newId;
      });
      const r = await repo.byId(db, id);
      if (!r) throw new Error('organization vanished');
      return r;
    },

    async update(actor: Actor, id: string, body: UpdateOrgBody) {
      const cur = await writable(actor, id);
      checkSafeCommunity(body.kind ?? cur.kind, body.safeCommunity ?? (body.kind && body.kind !== 'leading_group' ? false : cur.safe_community));
      const row: Row = {};
      const cols: Record<string, string> = { kind: 'kind', name: 'name', safeCommunity: 'safe_community', address: 'address', contactName: 'contact_name', description: 'description', status: 'status' };
      for (const [k, c] of Object.entries(cols)) {
        const v = (body as Record<string, unknown>)[k];
        if (v !== undefined) row[c] = (v as string | boolean | null) ?? null;
      }
      if (body.uscc !== undefined) row.uscc = checkUscc(body.uscc);
      if (body.contactPhone !== undefined) {
        const ph = sealPhone(cipher, body.contactPhone);
        Object.assign(row, { contact_phone_enc: ph.enc, contact_phone_hash: ph.hash, contact_phone_masked: ph.masked });
      }
      let where: Placement | null = null;
      if (body.location !== undefined || body.unitCode !== undefined) {
        const curLoc = cur.lng === null || cur.lat === null ? null : { lng: Number(cur.lng), lat: Number(cur.lat) };
        where = await placement({
          location: body.location !== undefined ? body.location : curLoc,
          unitCode: body.unitCode !== undefined ? body.unitCode : curLoc ? null : cur.unit_code,
          ...(body.gridOverrideReason !== undefined ? { gridOverrideReason: body.gridOverrideReason } : {}),
        });
        if (!inScope(actor, 'org.write', { path: where.unitPath })) throw new AppError('OUT_OF_SCOPE', 'The organization would move outside your area');
        Object.assign(row, { location: pointSql(where.location), grid_id: where.gridId, unit_path: sql`${where.unitPath}::ltree`, grid_override: where.override, grid_override_reason: where.reason });
      }
      row.updated_at = ts(clock.now());
      const before = { kind: cur.kind, name: cur.name, uscc: cur.uscc, safeCommunity: cur.safe_community, address: cur.address, contactName: cur.contact_name, status: cur.status };
      const after = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, (body as Record<string, unknown>)[k] === undefined ? v : (body as Record<string, unknown>)[k]]));
      await db.tx(async (tx) => {
        await updateRow(tx, 'orgs', id, row);
        await audit.write(tx, actor, {
          action: 'org.update', objectType: 'org', objectId: id,
          summary: { ...changedFields(before, after), ...(body.contactPhone !== undefined ? { contactPhone: 'changed' } : {}), ...(where ? { unit: [cur.unit_code, where.unitCode] } : {}) },
        });
      });
      const r = await repo.byId(db, id);
      if (!r) throw new Error('organization vanished');
      return r;
    },

    async addMember(actor: Actor, orgId: string, body: CreateMemberBody) {
      await writable(actor, orgId);
      if (body.name.trim() === '') throw biFieldError('body/name', '名称不能为空', 'the name is empty');
      const ph = sealPhone(cipher, body.phone);
      const id = await db.tx(async (tx) => {
        const mid = await insertRow(tx, 'org_members', {
          org_id: orgId, name: body.name.trim(), title: body.title ?? null, department: body.department?.trim() || null, phone_enc: ph.enc, phone_hash: ph.hash,
          phone_masked: ph.masked, joined_on: body.joinedOn ?? null, created_at: ts(clock.now()),
        });
        await audit.write(tx, actor, { action: 'org.member.add', objectType: 'org', objectId: orgId, summary: { member: mid, name: body.name, department: body.department ?? null } });
        return mid;
      });
      const m = await repo.memberById(db, id);
      if (!m) throw new Error('member vanished');
      return m;
    },

    async updateMember(actor: Actor, memberId: string, body: UpdateMemberBody) {
      const m = await repo.memberById(db, memberId);
      if (!m) throw notFound('member');
      await writable(actor, m.org_id).catch((e: unknown) => {
        throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('member') : e;
      });
      const row: Row = {};
      const cols: Record<string, string> = { name: 'name', title: 'title', department: 'department', joinedOn: 'joined_on', leftOn: 'left_on' };
      for (const [k, c] of Object.entries(cols)) {
        const v = (body as Record<string, unknown>)[k];
        if (v !== undefined) row[c] = (v as string | null) ?? null;
      }
      if (body.phone !== undefined) {
        const ph = sealPhone(cipher, body.phone);
        Object.assign(row, { phone_enc: ph.enc, phone_hash: ph.hash, phone_masked: ph.masked });
      }
      const joined = body.joinedOn === undefined ? m.joined_on : body.joinedOn;
      const left = body.leftOn === undefined ? m.left_on : body.leftOn;
      if (joined && left && left < joined) throw biFieldError('body/leftOn', '退出日期早于加入日期', 'leaving is before joining');
      await db.tx(async (tx) => {
        await updateRow(tx, 'org_members', memberId, row);
        await audit.write(tx, actor, { action: 'org.member.update', objectType: 'org', objectId: m.org_id, summary: { member: memberId, fields: Object.keys(body) } });
      });
      const updated = await repo.memberById(db, memberId);
      if (!updated) throw new Error('member vanished');
      return updated;
    },

    async addServiceLog(actor: Actor, orgId: string, body: ServiceLogBody) {
      await writable(actor, orgId);
      const m = await repo.memberById(db, body.memberId);
      if (!m || m.org_id !== orgId) throw biFieldError('body/memberId', '不是本组织的成员', 'not a member of this organization');
      if (body.servedOn > today()) throw biFieldError('body/servedOn', '日期晚于今天', 'the date is in the future');
      if (m.joined_on && body.servedOn < m.joined_on) throw biFieldError('body/servedOn', '早于该成员加入日期', 'before the member joined');
      if (m.left_on && body.servedOn > m.left_on) throw biFieldError('body/servedOn', '晚于该成员退出日期', 'after the member left');
      await db.tx(async (tx) => {
        const id = await insertRow(tx, 'org_service_logs', {
          org_id: orgId, member_id: body.memberId, served_on: body.servedOn, hours: body.hours, activity: body.activity.trim(), recorded_by: actor.userId, created_at: ts(clock.now()),
        });
        await audit.write(tx, actor, { action: 'org.service.add', objectType: 'org', objectId: orgId, summary: { log: id, member: body.memberId, hours: body.hours, on: body.servedOn } });
      });
      return this.serviceLogs(actor, orgId, {});
    },

    async serviceLogs(actor: Actor, orgId: string, q: { from?: string; to?: string }) {
      await visible(actor, orgId);
      const rows = await repo.serviceLogs(db, orgId, q.from ?? null, q.to ?? null);
      const items = rows.map((r) => ({ id: r.id, memberId: r.member_id, memberName: r.member_name, servedOn: r.served_on, hours: Number(r.hours), activity: r.activity }));
      return { items, totalHours: Math.round(items.reduce((a, i) => a + i.hours, 0) * 100) / 100 };
    },

    async history(actor: Actor, id: string) {
      await visible(actor, id);
      return recordHistory(db, 'org', id);
    },
  };
}
export type OrgsService = ReturnType<typeof createOrgsService>;
