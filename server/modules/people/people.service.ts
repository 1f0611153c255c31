// People at risk and key persons. ID numbers are checked (GB 11643); ID numbers and phones are
// stored only SM4-encrypted with a keyed hash for exact lookup and a masked form for display;
// the clear values come only through `unmask`, which needs person.unmask and writes an audit row.
import type { Actor } from '../../core/access.js';
import { can, inScope, require, scopeSql } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { sql } from '../../db/client.js';
import { validateIdNumber, type IdNumberValidation } from '../../../common/rules/id-number.js';
import { REGISTRY_LIMITS } from '../../../common/modules/registries/registries.contract.js';
import { PERSON_CATEGORIES, type CreatePersonBody, type PersonListQuery, type UpdatePersonBody } from '../../../common/modules/people/people.contract.js';
import {
  biFieldError, changedFields, issuesError, likePattern, listParam, openSealed, pointSql, recordHistory, resolvePlacement, sealIdNumber, sealPhone, unitFilterSql, type FieldIssue, type Placement, type PlacementInput,
} from '../registries/registries.shared.js';
import { localDay } from '../../../common/time.js';
import { insertRow, ts, updateRow, type Row } from '../registries/registries.sql.js';
import { peopleRepository as repo, type PersonFilter, type PersonRow } from './people.repository.js';

export interface PersonInput {
  category: string;
  name: string;
  sex: 'male' | 'female' | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  helperName: string | null;
  helperPhone: string | null;
  needs: string | null;
  notes: string | null;
}

export type PersonIssue = FieldIssue;

/** Checks the ID number (and that a given sex agrees with it); returns the normalized number. */
export function checkPersonId(p: PersonInput, today: string): { issues: PersonIssue[]; id: IdNumberValidation | null } {
  if (!p.idNumber) return { issues: [], id: null };
  const v = validateIdNumber(p.idNumber, { today });
  const issues: PersonIssue[] = v.errors.map((e) => ({ field: 'idNumber', zh: e.message.zh, en: e.message.en, code: e.code }));
  if (v.valid && p.sex && v.sex && p.sex !== v.sex) {
    issues.push({ field: 'sex', zh: `性别与身份号码第17位（${v.sex === 'male' ? '男' : '女'}）不一致`, en: `the sex does not match the ID number's 17th digit (${v.sex})` });
  }
  return { issues, id: v };
}

export function personRow(ctx: Pick<ModuleContext, 'cipher'>, p: PersonInput, id: IdNumberValidation | null, where: Placement, by: string | null, at: Date): Row {
  const idn = sealIdNumber(ctx.cipher, id?.normalized ?? null);
  const ph = sealPhone(ctx.cipher, p.phone);
  const hp = sealPhone(ctx.cipher, p.helperPhone);
  return {
    category: p.category,
    name: p.name.trim(),
    sex: p.sex ?? id?.sex ?? null,
    id_number_enc: idn.enc,
    id_number_hash: idn.hash,
    id_number_masked: idn.masked,
    phone_enc: ph.enc,
    phone_hash: ph.hash,
    phone_masked: ph.masked,
    address: p.address,
    helper_name: p.helperName,
    helper_phone_enc: hp.enc,
    helper_phone_hash: hp.hash,
    helper_phone_masked: hp.masked,
    needs: p.needs,
    notes: p.notes,
    location: pointSql(where.location),
    grid_id: where.gridId,
    unit_path: sql`${where.unitPath}::ltree`,
    grid_override: where.override,
    grid_override_reason: where.reason,
    created_by: by,
    created_at: ts(at),
    updated_at: ts(at),
  };
}

export function createPeopleService(ctx: ModuleContext) {
  const { db, audit, clock, config, cipher } = ctx;
  const scope = (actor: Actor, perm: 'person.read') => scopeSql(actor, perm, { path: sql`p.unit_path` });
  const today = () => localDay(clock.now(), config.timeZone);

  async function visible(actor: Actor, id: string): Promise<PersonRow> {
    require(actor, 'person.read');
    const r = await repo.byId(db, id);
    if (!r || !inScope(actor, 'person.read', { path: r.unit_path })) throw notFound('person');
    return r;
  }

  async function filters(q: PersonListQuery): Promise<PersonFilter> {
    const unit = await unitFilterSql(db, sql`p.unit_path`, q.unit);
    const categories = listParam(q.category, PERSON_CATEGORIES, 'query/category');
    return {
      unit: unit.sql,
      ...(categories ? { categories } : {}),
      ...(q.q ? { q: likePattern(q.q) } : {}),
      ...(q.status ? { status: q.status } : {}),
    };
  }

  async function assertNotRegistered(hash: string | null, category: string, exceptId?: string) {
    if (!hash) return;
    const r = await db.one<{ id: string }>(sql`SELECT id FROM people_at_risk WHERE id_number_hash = ${hash} AND category = ${category}
      ${exceptId ? sql`AND id <> ${exceptId}::bigint` : sql``}`);
    if (r) {
      throw new AppError('CONFLICT', 'This person is already registered in this category', {
        fields: [{ field: 'body/idNumber', message: 'already registered in this category', code: 'person.duplicate' }],
        problems: [{ field: 'body/idNumber', code: 'person.duplicate', zh: '该人员已在此类别中登记', en: 'already registered in this category' }],
      });
    }
  }

  return {
    get: visible,
    today,

    abilities(actor: Actor, r: PersonRow) {
      const t = { path: r.unit_path };
      return {
        edit: can(actor, 'person.write') && inScope(actor, 'person.write', t),
        unmask: can(actor, 'person.unmask') && inScope(actor, 'person.unmask', t),
      };
    },

    async list(actor: Actor, q: PersonListQuery) {
      require(actor, 'person.read');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.list(db, scope(actor, 'person.read'), await filters(q), { ...(after ? { afterId: String(after[0]) } : {}), limit: limit + 1 });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    /** People in scope with exactly this ID number (by its keyed hash). */
    async lookup(actor: Actor, idNumber: string) {
      require(actor, 'person.read');
      return repo.list(db, scope(actor, 'person.read'), { idHash: cipher.lookupHash(idNumber.trim().toUpperCase()) }, { limit: 50 });
    },

    async exportRows(actor: Actor, q: PersonListQuery) {
      require(actor, 'registry.export');
      require(actor, 'person.read');
      const rows = await repo.list(db, scope(actor, 'person.read'), await filters(q), { limit: REGISTRY_LIMITS.exportRowsMax });
      await db.tx((tx) => audit.write(tx, actor, { action: 'person.export', objectType: 'person', summary: { rows: rows.length, filters: { ...q, cursor: undefined } } }));
      return rows;
    },

    async create(actor: Actor, body: CreatePersonBody) {
      require(actor, 'person.write');
      const input: PersonInput = {
        category: body.category, name: body.name, sex: body.sex ?? null, idNumber: body.idNumber ?? null, phone: body.phone ?? null, address: body.address ?? null,
        helperName: body.helperName ?? null, helperPhone: body.helperPhone ?? null, needs: body.needs ?? null, notes: body.notes ?? null,
      };
      if (input.name.trim() === '') throw biFieldError('body/name', '名称不能为空', 'the name is empty');
      const { issues, id } = checkPersonId(input, today());
      if (issues.length > 0) throw issuesError(issues);
      const where = await resolvePlacement(db, body);
      if (!inScope(actor, 'person.write', { path: where.unitPath })) throw new AppError('OUT_OF_SCOPE', 'This person would be registered outside your area');
      const row = personRow(ctx, input, id, where, actor.userId, clock.now());
      await assertNotRegistered(row.id_number_hash as string | null, input.category);
      const newId = await db.tx(async (tx) => {
        const pid = await insertRow(tx, 'people_at_risk', row);
        await audit.write(tx, actor, {
          action: 'person.create', objectType: 'person', objectId: pid,
          summary: { category: input.category, grid: where.unitCode, idNumber: id ? 'given' : 'none', ...(where.override ? { gridOverride: { grid: where.unitCode, reason: where.reason } } : {}) },
        });
        return pid;
      });
      const r = await repo.byId(db, newId);
      if (!r) throw new Error('person vanished');
      return r;
    },

    async update(actor: Actor, id: string, body: UpdatePersonBody) {
      require(actor, 'person.write');
      const cur = await visible(actor, id);
      if (!inScope(actor, 'person.write', { path: cur.unit_path })) throw new AppError('OUT_OF_SCOPE');
      if (body.name !== undefined && body.name.trim() === '') throw biFieldError('body/name', '名称不能为空', 'the name is empty');
      const at = clock.now();
      const row: Row = {};
      const plain: Record<string, string> = { category: 'category', name: 'name', sex: 'sex', address: 'address', helperName: 'helper_name', needs: 'needs', notes: 'notes', status: 'status' };
      for (const [k, c] of Object.entries(plain)) {
        const v = (body as Record<string, unknown>)[k];
        if (v !== undefined) row[c] = (v as string | null) ?? null;
      }
      let idv: IdNumberValidation | null = null;
      if (body.idNumber !== undefined) {
        const { issues, id: v } = checkPersonId(
          { category: body.category ?? cur.category, name: '', sex: body.sex ?? cur.sex, idNumber: body.idNumber, phone: null, address: null, helperName: null, helperPhone: null, needs: null, notes: null },
          today(),
        );
        if (issues.length > 0) throw issuesError(issues);
        idv = v;
        const s = sealIdNumber(cipher, v?.normalized ?? null);
        Object.assign(row, { id_number_enc: s.enc, id_number_hash: s.hash, id_number_masked: s.masked });
        if (body.sex === undefined && v?.sex) row.sex = v.sex;
        await assertNotRegistered(s.hash, body.category ?? cur.category, id);
      } else if (body.category !== undefined && body.category !== cur.category) {
        const h = await db.one<{ id_number_hash: string | null }>(sql`SELECT id_number_hash FROM people_at_risk WHERE id = ${id}::bigint`);
        await assertNotRegistered(h?.id_number_hash ?? null, body.category, id);
      }
      for (const [k, prefix] of [['phone', 'phone'], ['helperPhone', 'helper_phone']] as const) {
        if (body[k] === undefined) continue;
        const s = sealPhone(cipher, body[k]);
        Object.assign(row, { [`${prefix}_enc`]: s.enc, [`${prefix}_hash`]: s.hash, [`${prefix}_masked`]: s.masked });
      }
      let where: Placement | null = null;
      if (body.location !== undefined || body.gridCode !== undefined) {
        const curLoc = cur.lng === null || cur.lat === null ? null : { lng: Number(cur.lng), lat: Number(cur.lat) };
        const p: PlacementInput = {
          location: body.location !== undefined ? body.location : curLoc,
          gridCode: body.gridCode !== undefined ? body.gridCode : curLoc ? null : cur.grid_code,
          ...(body.gridOverrideReason !== undefined ? { gridOverrideReason: body.gridOverrideReason } : {}),
        };
        where = await resolvePlacement(db, p);
        if (!inScope(actor, 'person.write', { path: where.unitPath })) throw new AppError('OUT_OF_SCOPE', 'The person would move outside your area');
        Object.assign(row, { location: pointSql(where.location), grid_id: where.gridId, unit_path: sql`${where.unitPath}::ltree`, grid_override: where.override, grid_override_reason: where.reason });
      }
      row.updated_at = ts(at);
      const before = { category: cur.category, name: cur.name, sex: cur.sex, address: cur.address, helperName: cur.helper_name, status: cur.status };
      const after = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, (body as Record<string, unknown>)[k] === undefined ? v : (body as Record<string, unknown>)[k]]));
      await db.tx(async (tx) => {
        await updateRow(tx, 'people_at_risk', id, row);
        await audit.write(tx, actor, {
          action: 'person.update', objectType: 'person', objectId: id,
          summary: {
            ...changedFields(before, after),
            ...(idv !== null || body.idNumber === null ? { idNumber: 'changed' } : {}),
            ...(body.phone !== undefined ? { phone: 'changed' } : {}),
            ...(body.helperPhone !== undefined ? { helperPhone: 'changed' } : {}),
            ...(body.needs !== undefined ? { needs: 'changed' } : {}),
            ...(body.notes !== undefined ? { notes: 'changed' } : {}),
            ...(where ? { grid: [cur.grid_code, where.unitCode], ...(where.override ? { gridOverride: { reason: where.reason } } : {}) } : {}),
          },
        });
      });
      const r = await repo.byId(db, id);
      if (!r) throw new Error('person vanished');
      return r;
    },

    /** The clear ID number and phones, for a permitted actor, written to the audit log with the reason. */
    async unmask(actor: Actor, id: string, reason: string) {
      require(actor, 'person.unmask');
      const cur = await visible(actor, id);
      if (!inScope(actor, 'person.unmask', { path: cur.unit_path })) throw new AppError('OUT_OF_SCOPE');
      return db.tx(async (tx) => {
        const s = await repo.sealed(tx, id);
        if (!s) throw notFound('person');
        const out = { id, idNumber: openSealed(cipher, s.id_number_enc), phone: openSealed(cipher, s.phone_enc), helperPhone: openSealed(cipher, s.helper_phone_enc) };
        await audit.write(tx, actor, {
          action: 'person.unmask', objectType: 'person', objectId: id,
          summary: { reason, fields: Object.entries(out).filter(([k, v]) => k !== 'id' && v !== null).map(([k]) => k) },
        });
        return out;
      });
    },

    async history(actor: Actor, id: string) {
      await visible(actor, id);
      return recordHistory(db, 'person', id);
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
