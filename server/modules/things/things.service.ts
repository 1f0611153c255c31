// Things: fire facilities, special equipment, emergency supplies and cameras, with the dates
// they fall due (expiry, next inspection) and a scoped list of what is due within N days.
import type { Actor } from '../../core/access.js';
import { can, inScope, require, scopeSql } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { sql } from '../../db/client.js';
import { REGISTRY_LIMITS } from '../../../common/modules/registries/registries.contract.js';
import { THING_KINDS, type CreateThingBody, type DueQuery, type ThingListQuery, type UpdateThingBody } from '../../../common/modules/things/things.contract.js';
import { getPlaceRef } from '../places/places.service.js';
import { getEnterpriseRef } from '../enterprises/enterprises.service.js';
import {
  biFieldError, changedFields, likePattern, listParam, pointSql, recordHistory, resolvePlacement, unitFilterSql, type Placement, type PlacementInput,
} from '../registries/registries.shared.js';
import { addDays, daysBetween, localDay } from '../../../common/time.js';
import { insertRow, ts, updateRow, type Row } from '../registries/registries.sql.js';
import { thingsRepository as repo, type ThingFilter, type ThingRow } from './things.repository.js';

const COLS: Record<string, string> = {
  kind: 'kind', name: 'name', code: 'code', quantity: 'quantity', unitOfMeasure: 'unit_of_measure', spec: 'spec', expiresOn: 'expires_on',
  lastInspectedOn: 'last_inspected_on', nextInspectionOn: 'next_inspection_on', notes: 'notes', status: 'status',
};

export function createThingsService(ctx: ModuleContext) {
  const { db, audit, clock, config } = ctx;
  const scope = (actor: Actor, perm: 'facility.read') => scopeSql(actor, perm, { path: sql`t.unit_path`, industry: sql`e.industry_code`, enterprise: sql`t.enterprise_id` });
  const target = (r: Pick<ThingRow, 'unit_path' | 'industry_code' | 'enterprise_id'>) => ({ path: r.unit_path, industryCode: r.industry_code, enterpriseId: r.enterprise_id });
  const today = () => localDay(clock.now(), config.timeZone);

  async function visible(actor: Actor, id: string): Promise<ThingRow> {
    require(actor, 'facility.read');
    const r = await repo.byId(db, id);
    if (!r || !inScope(actor, 'facility.read', target(r))) throw notFound('thing');
    return r;
  }

  async function filters(q: { unit?: string; kind?: string; placeId?: string; enterpriseId?: string; status?: string; q?: string }): Promise<ThingFilter> {
    const unit = await unitFilterSql(db, sql`t.unit_path`, q.unit);
    const kinds = listParam(q.kind, THING_KINDS, 'query/kind');
    return {
      unit: unit.sql,
      ...(kinds ? { kinds } : {}),
      ...(q.placeId ? { placeId: q.placeId } : {}),
      ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.q ? { q: likePattern(q.q) } : {}),
    };
  }

  function checkDates(b: { lastInspectedOn?: string | null; nextInspectionOn?: string | null }) {
    if (b.lastInspectedOn && b.nextInspectionOn && b.lastInspectedOn > b.nextInspectionOn) {
      throw biFieldError('body/nextInspectionOn', '下次检验日期早于上次检验日期', 'the next inspection is before the last one');
    }
  }

  /** Where a thing goes: its own location or chosen grid, else the place's or enterprise's. */
  async function placementFor(body: PlacementInput, place: Awaited<ReturnType<typeof getPlaceRef>>, enterprise: Awaited<ReturnType<typeof getEnterpriseRef>>): Promise<Placement> {
    if (body.location || body.gridCode) return resolvePlacement(db, body);
    const host = place ?? enterprise;
    if (host) return { location: host.location, gridId: host.gridId, unitPath: host.unitPath, unitCode: host.unitPath.split('.').pop() ?? '', unitName: host.name, override: false, reason: null };
    return resolvePlacement(db, body);
  }

  async function links(placeId: string | null | undefined, enterpriseId: string | null | undefined) {
    const place = placeId ? await getPlaceRef(db, placeId) : null;
    if (placeId && !place) throw biFieldError('body/placeId', `场所 ${placeId} 不存在`, `no place ${placeId}`);
    const eid = enterpriseId ?? place?.enterpriseId ?? null;
    const enterprise = eid ? await getEnterpriseRef(db, eid) : null;
    if (eid && !enterprise) throw biFieldError('body/enterpriseId', `企业 ${eid} 不存在`, `no enterprise ${eid}`);
    if (place?.enterpriseId && enterprise && place.enterpriseId !== enterprise.id) throw biFieldError('body/enterpriseId', '该场所属于另一家企业', 'the place belongs to another enterprise');
    return { place, enterprise };
  }

  return {
    get: visible,
    today,

    abilities(actor: Actor, r: ThingRow) {
      return { edit: can(actor, 'facility.write') && inScope(actor, 'facility.write', target(r)) };
    },

    async list(actor: Actor, q: ThingListQuery) {
      require(actor, 'facility.read');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.list(db, scope(actor, 'facility.read'), await filters(q), { ...(after ? { afterId: String(after[0]) } : {}), limit: limit + 1 });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    async exportRows(actor: Actor, q: ThingListQuery) {
      require(actor, 'registry.export');
      require(actor, 'facility.read');
      const rows = await repo.list(db, scope(actor, 'facility.read'), await filters(q), { limit: REGISTRY_LIMITS.exportRowsMax });
      await db.tx((tx) => audit.write(tx, actor, { action: 'thing.export', objectType: 'thing', summary: { rows: rows.length } }));
      return rows;
    },

    async due(actor: Actor, q: DueQuery) {
      require(actor, 'facility.read');
      const days = q.days ?? 30;
      const limit = q.limit ?? 200;
      const now = today();
      const until = addDays(now, days);
      const rows = await repo.due(db, scope(actor, 'facility.read'), await filters(q), until, limit + 1);
      const items: Array<{ thing: ThingRow; reason: 'expiry' | 'inspection'; dueOn: string; daysLeft: number; overdue: boolean }> = [];
      for (const r of rows.slice(0, limit)) {
        if (r.expires_on && r.expires_on <= until) items.push({ thing: r, reason: 'expiry', dueOn: r.expires_on, daysLeft: daysBetween(now, r.expires_on), overdue: r.expires_on < now });
        if (r.next_inspection_on && r.next_inspection_on <= until) {
          items.push({ thing: r, reason: 'inspection', dueOn: r.next_inspection_on, daysLeft: daysBetween(now, r.next_inspection_on), overdue: r.next_inspection_on < now });
        }
      }
      items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || Number(a.thing.id) - Number(b.thing.id));
      return { today: now, days, items, truncated: rows.length > limit };
    },

    async create(actor: Actor, body: CreateThingBody) {
      require(actor, 'facility.write');
      if (body.name.trim() === '') throw biFieldError('body/name', '名称不能为空', 'the name is empty');
      checkDates(body);
      const { place, enterprise } = await links(body.placeId, body.enterpriseId);
      const where = await placementFor(body, place, enterprise);
      if (!inScope(actor, 'facility.write', { path: where.unitPath, industryCode: enterprise?.industryCode ?? null, enterpriseId: enterprise?.id ?? null })) {
        throw new AppError('OUT_OF_SCOPE', 'This would be registered outside your area');
      }
      const at = clock.now();
      const row: Row = {
        kind: body.kind, name: body.name.trim(), code: body.code ?? null, place_id: place?.id ?? null, enterprise_id: enterprise?.id ?? null,
        quantity: body.quantity ?? null, unit_of_measure: body.unitOfMeasure ?? null, spec: body.spec ?? null, expires_on: body.expiresOn ?? null,
        last_inspected_on: body.lastInspectedOn ?? null, next_inspection_on: body.nextInspectionOn ?? null, notes: body.notes ?? null,
        location: pointSql(where.location), grid_id: where.gridId, unit_path: sql`${where.unitPath}::ltree`, grid_override: where.override,
        grid_override_reason: where.reason, created_by: actor.userId, created_at: ts(at), updated_at: ts(at),
      };
      const id = await db.tx(async (tx) => {
        const newId = await insertRow(tx, 'things', row);
        await audit.write(tx, actor, { action: 'thing.create', objectType: 'thing', objectId: newId, summary: { kind: body.kind, name: body.name, unit: where.unitPath } });
        return newId;
      });
      const r = await repo.byId(db, id);
      if (!r) throw new Error('thing vanished');
      return r;
    },

    async update(actor: Actor, id: string, body: UpdateThingBody) {
      require(actor, 'facility.write');
      const cur = await visible(actor, id);
      if (!inScope(actor, 'facility.write', target(cur))) throw new AppError('OUT_OF_SCOPE');
      checkDates({ lastInspectedOn: body.lastInspectedOn === undefined ? cur.last_inspected_on : body.lastInspectedOn, nextInspectionOn: body.nextInspectionOn === undefined ? cur.next_inspection_on : body.nextInspectionOn });
      const row: Row = {};
      for (const [k, c] of Object.entries(COLS)) {
        const v = (body as Record<string, unknown>)[k];
        if (v !== undefined) row[c] = (v as string | number | null) ?? null;
      }
      let enterpriseAfter = cur.enterprise_id;
      let industryAfter = cur.industry_code;
      if (body.placeId !== undefined || body.enterpriseId !== undefined) {
        const { place, enterprise } = await links(body.placeId === undefined ? cur.place_id : body.placeId, body.enterpriseId === undefined ? (body.placeId === undefined ? cur.enterprise_id : null) : body.enterpriseId);
        row.place_id = place?.id ?? null;
        row.enterprise_id = enterprise?.id ?? null;
        enterpriseAfter = enterprise?.id ?? null;
        industryAfter = enterprise?.industryCode ?? null;
      }
      let where: Placement | null = null;
      if (body.location !== undefined || body.gridCode !== undefined) {
        const curLoc = cur.lng === null || cur.lat === null ? null : { lng: Number(cur.lng), lat: Number(cur.lat) };
        where = await resolvePlacement(db, {
          location: body.location !== undefined ? body.location : curLoc,
          gridCode: body.gridCode !== undefined ? body.gridCode : curLoc ? null : cur.grid_code,
          ...(body.gridOverrideReason !== undefined ? { gridOverrideReason: body.gridOverrideReason } : {}),
        });
        Object.assign(row, { location: pointSql(where.location), grid_id: where.gridId, unit_path: sql`${where.unitPath}::ltree`, grid_override: where.override, grid_override_reason: where.reason });
      }
      if (!inScope(actor, 'facility.write', { path: where?.unitPath ?? cur.unit_path, industryCode: industryAfter, enterpriseId: enterpriseAfter })) {
        throw new AppError('OUT_OF_SCOPE', 'The change would move it outside your area');
      }
      row.updated_at = ts(clock.now());
      const before: Record<string, unknown> = {
        kind: cur.kind, name: cur.name, code: cur.code, quantity: cur.quantity, expiresOn: cur.expires_on, lastInspectedOn: cur.last_inspected_on,
        nextInspectionOn: cur.next_inspection_on, status: cur.status, placeId: cur.place_id, enterpriseId: cur.enterprise_id,
      };
      const after = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, (body as Record<string, unknown>)[k] === undefined ? v : (body as Record<string, unknown>)[k]]));
      await db.tx(async (tx) => {
        await updateRow(tx, 'things', id, row);
        await audit.write(tx, actor, {
          action: 'thing.update', objectType: 'thing', objectId: id,
          summary: { ...changedFields(before, after), ...(where ? { grid: [cur.grid_code, where.unitCode] } : {}) },
        });
      });
      const r = await repo.byId(db, id);
      if (!r) throw new Error('thing vanished');
      return r;
    },

    async history(actor: Actor, id: string) {
      await visible(actor, id);
      return recordHistory(db, 'thing', id);
    },
  };
}
export type ThingsService = ReturnType<typeof createThingsService>;
