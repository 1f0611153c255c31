// Enterprises: registration with a checked unified social credit code, the people responsible,
// 三同时 projects, self-inspection duties and major hazard sources (GB 18218). Industry
// departments see and edit the enterprises of their industry in their area; an enterprise user
// sees and maintains only their own enterprise.
import type { Actor } from '../../core/access.js';
import { can, inScope, require, scopeSql } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf, keysetRows } from '../../core/paging.js';
import { sql, type Executor } from '../../db/client.js';
import { validateUscc, type UsccValidation } from '../../../common/rules/uscc.js';
import type {
  CreateEnterpriseBody, CreateProjectBody, EnterpriseListQuery, MajorHazardBody, UpdateEnterpriseBody, UpdateOwnEnterpriseBody, UpdateProjectBody,
} from '../../../common/modules/enterprises/enterprises.contract.js';
import type { CalculatorsService } from '../calculators/calculators.module.js';
import { biFieldError,
  changedFields, likePattern, pointSql, recordHistory, resolvePlacement, riskFilterSql, ruleFieldError, sealPhone, unitFilterSql, type Placement, type PlacementInput,
} from '../registries/registries.module.js';
import { insertRow, ts, updateRow, type ColumnOf, type TableRow } from '../registries/registries.module.js';
import { enterpriseProjects, enterprises, majorHazardSources } from '../../db/schema/index.js';
import { enterprisesRepository as repo, type EnterpriseFilter, type EnterpriseRow, type ProjectRow } from './enterprises.repository.js';

export interface EnterpriseRef {
  id: string;
  name: string;
  uscc: string;
  unitPath: string;
  gridId: string | null;
  location: { lng: number; lat: number } | null;
  industryCode: string;
  riskLevel: number | null;
  majorHazardLevel: number | null;
}

/** An enterprise as other modules (inspections, the hazard ledger) need it; no scope check. */
export async function getEnterpriseRef(db: Executor, id: string): Promise<EnterpriseRef | null> {
  if (!/^[0-9]{1,19}$/.test(id)) return null;
  const r = await repo.byId(db, id);
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    unitPath: r.unit_path,
    gridId: r.grid_id,
    location: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    industryCode: r.industry_code,
    riskLevel: r.risk_level,
    majorHazardLevel: r.major_hazard_level,
  };
}

/** The USCC checked by GB 32100; the problem is named in both languages. */
export function checkedUscc(raw: string, field = 'body/uscc'): UsccValidation {
  const v = validateUscc(raw);
  if (!v.valid) throw ruleFieldError(field, v.errors);
  return v;
}

export interface EnterpriseInput {
  uscc: string;
  name: string;
  industryCode: string;
  scale: string | null;
  address: string | null;
  legalRepName: string | null;
  legalRepPhone: string | null;
  principalName: string | null;
  principalPhone: string | null;
  safetyManagerName: string | null;
  safetyManagerPhone: string | null;
  employees: number | null;
  supervisingDepartment: string | null;
  standardizationLevel: string | null;
  selfInspectionCycle: string | null;
  selfInspectionItems: string | null;
}

export function enterpriseRow(ctx: Pick<ModuleContext, 'cipher'>, e: EnterpriseInput, where: Placement, by: string | null, at: Date): TableRow<typeof enterprises> {
  const lr = sealPhone(ctx.cipher, e.legalRepPhone);
  const pr = sealPhone(ctx.cipher, e.principalPhone);
  const sm = sealPhone(ctx.cipher, e.safetyManagerPhone);
  return {
    uscc: e.uscc,
    name: e.name.trim(),
    industry_code: e.industryCode,
    scale: e.scale,
    address: e.address,
    legal_rep_name: e.legalRepName,
    legal_rep_phone_enc: lr.enc,
    legal_rep_phone_hash: lr.hash,
    legal_rep_phone_masked: lr.masked,
    principal_name: e.principalName,
    principal_phone_enc: pr.enc,
    principal_phone_hash: pr.hash,
    principal_phone_masked: pr.masked,
    safety_manager_name: e.safetyManagerName,
    safety_manager_phone_enc: sm.enc,
    safety_manager_phone_hash: sm.hash,
    safety_manager_phone_masked: sm.masked,
    employees: e.employees,
    supervising_department: e.supervisingDepartment,
    standardization_level: e.standardizationLevel,
    self_inspection_cycle: e.selfInspectionCycle,
    self_inspection_items: e.selfInspectionItems,
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

const PHONE_COLS: Record<string, [ColumnOf<typeof enterprises>, ColumnOf<typeof enterprises>, ColumnOf<typeof enterprises>]> = {
  legalRepPhone: ['legal_rep_phone_enc', 'legal_rep_phone_hash', 'legal_rep_phone_masked'],
  principalPhone: ['principal_phone_enc', 'principal_phone_hash', 'principal_phone_masked'],
  safetyManagerPhone: ['safety_manager_phone_enc', 'safety_manager_phone_hash', 'safety_manager_phone_masked'],
};
const PLAIN_COLS: Record<string, ColumnOf<typeof enterprises>> = {
  uscc: 'uscc', name: 'name', industryCode: 'industry_code', scale: 'scale', address: 'address', legalRepName: 'legal_rep_name',
  principalName: 'principal_name', safetyManagerName: 'safety_manager_name', employees: 'employees', supervisingDepartment: 'supervising_department',
  standardizationLevel: 'standardization_level', selfInspectionCycle: 'self_inspection_cycle', selfInspectionItems: 'self_inspection_items',
};

export function projectStage(p: ProjectRow): { stage: 'design' | 'construction' | 'in_use' | 'accepted'; warnings: Array<{ zh: string; en: string }> } {
  const warnings: Array<{ zh: string; en: string }> = [];
  const stage = p.acceptance_on ? 'accepted' : p.put_into_use_on ? 'in_use' : p.construction_started_on ? 'construction' : 'design';
  if (p.construction_started_on && !p.design_review_on) warnings.push({ zh: '已开工但无安全设施设计审查记录', en: 'construction started without a recorded safety-facility design review' });
  if (p.put_into_use_on && !p.acceptance_on) warnings.push({ zh: '已投入使用但未完成安全设施竣工验收', en: 'in use without the safety-facility completion acceptance' });
  const order: Array<[string | null, string | null, { zh: string; en: string }]> = [
    [p.design_review_on, p.construction_started_on, { zh: '设计审查晚于开工', en: 'the design review is after construction started' }],
    [p.construction_started_on, p.completed_on, { zh: '竣工早于开工', en: 'completion is before construction started' }],
    [p.completed_on, p.acceptance_on, { zh: '验收早于竣工', en: 'acceptance is before completion' }],
  ];
  for (const [a, b, w] of order) if (a && b && a > b) warnings.push(w);
  return { stage, warnings };
}

export interface EnterprisesDeps {
  calculators: CalculatorsService;
}

export function createEnterprisesService(ctx: ModuleContext, deps: EnterprisesDeps) {
  const { db, audit, clock } = ctx;
  const { calculators } = deps;

  const scope = (actor: Actor, perm: 'enterprise.read' | 'enterprise.write') =>
    scopeSql(actor, perm, { path: sql`e.unit_path`, industry: sql`e.industry_code`, enterprise: sql`e.id` });
  const target = (r: Pick<EnterpriseRow, 'unit_path' | 'industry_code' | 'id'>) => ({ path: r.unit_path, industryCode: r.industry_code, enterpriseId: r.id });

  async function visible(actor: Actor, id: string): Promise<EnterpriseRow> {
    require(actor, 'enterprise.read');
    const r = await repo.byId(db, id);
    if (!r || !inScope(actor, 'enterprise.read', target(r))) throw notFound('enterprise');
    return r;
  }

  function canEdit(actor: Actor, r: EnterpriseRow): boolean {
    return (can(actor, 'enterprise.write') && inScope(actor, 'enterprise.write', target(r))) || (can(actor, 'enterprise.self') && inScope(actor, 'enterprise.self', target(r)));
  }

  async function editable(actor: Actor, id: string): Promise<EnterpriseRow> {
    const r = await visible(actor, id);
    if (!canEdit(actor, r)) throw new AppError('FORBIDDEN', 'You may read this enterprise but not change it');
    return r;
  }

  async function filters(q: EnterpriseListQuery): Promise<EnterpriseFilter> {
    const unit = await unitFilterSql(db, sql`e.unit_path`, q.unit);
    return {
      unit: unit.sql,
      ...(q.industry ? { industry: q.industry } : {}),
      risk: riskFilterSql(sql`e.risk_level`, q.risk),
      ...(q.majorHazard !== undefined ? { majorHazard: q.majorHazard } : {}),
      ...(q.q ? { q: likePattern(q.q) } : {}),
      ...(q.status ? { status: q.status } : {}),
    };
  }

  function inputOf(body: CreateEnterpriseBody, uscc: string): EnterpriseInput {
    return {
      uscc,
      name: body.name,
      industryCode: body.industryCode,
      scale: body.scale ?? null,
      address: body.address ?? null,
      legalRepName: body.legalRepName ?? null,
      legalRepPhone: body.legalRepPhone ?? null,
      principalName: body.principalName ?? null,
      principalPhone: body.principalPhone ?? null,
      safetyManagerName: body.safetyManagerName ?? null,
      safetyManagerPhone: body.safetyManagerPhone ?? null,
      employees: body.employees ?? null,
      supervisingDepartment: body.supervisingDepartment ?? null,
      standardizationLevel: body.standardizationLevel ?? null,
      selfInspectionCycle: body.selfInspectionCycle ?? null,
      selfInspectionItems: body.selfInspectionItems ?? null,
    };
  }

  async function assertUsccFree(uscc: string, exceptId?: string) {
    const other = await repo.byUscc(db, uscc);
    if (other && other.id !== exceptId) {
      throw new AppError('CONFLICT', `The credit code ${uscc} is already registered`, {
        fields: [{ field: 'body/uscc', message: 'already registered', code: 'uscc.taken' }],
        problems: [{ field: 'body/uscc', code: 'uscc.taken', zh: `统一社会信用代码 ${uscc} 已登记`, en: 'already registered' }],
      });
    }
  }

  /** Writes changed columns of an enterprise and the audit row, for both the department and the enterprise itself. */
  async function applyUpdate(actor: Actor, cur: EnterpriseRow, body: Record<string, unknown>, where: Placement | null, action: string) {
    const at = clock.now();
    const row: TableRow<typeof enterprises> = {};
    for (const [k, col] of Object.entries(PLAIN_COLS)) if (body[k] !== undefined) row[col] = (body[k] as string | number | null) ?? null;
    for (const [k, cols] of Object.entries(PHONE_COLS)) {
      if (body[k] === undefined) continue;
      const s = sealPhone(ctx.cipher, body[k] as string | null);
      const [enc, hash, masked] = cols;
      row[enc] = s.enc;
      row[hash] = s.hash;
      row[masked] = s.masked;
    }
    if (body.status !== undefined) row.status = body.status as string;
    if (where) Object.assign(row, { location: pointSql(where.location), grid_id: where.gridId, unit_path: sql`${where.unitPath}::ltree`, grid_override: where.override, grid_override_reason: where.reason });
    row.updated_at = ts(at);
    const before: Record<string, unknown> = {
      uscc: cur.uscc, name: cur.name, industryCode: cur.industry_code, scale: cur.scale, address: cur.address, legalRepName: cur.legal_rep_name,
      principalName: cur.principal_name, safetyManagerName: cur.safety_manager_name, employees: cur.employees, supervisingDepartment: cur.supervising_department,
      standardizationLevel: cur.standardization_level, selfInspectionCycle: cur.self_inspection_cycle, selfInspectionItems: cur.self_inspection_items, status: cur.status,
    };
    const after = Object.fromEntries(Object.keys(before).map((k) => [k, body[k] === undefined ? before[k] : body[k]]));
    await db.tx(async (tx) => {
      await updateRow(tx, enterprises, cur.id, row);
      await audit.write(tx, actor, {
        action, objectType: 'enterprise', objectId: cur.id,
        summary: {
          ...changedFields(before, after),
          ...Object.fromEntries(Object.keys(PHONE_COLS).filter((k) => body[k] !== undefined).map((k) => [k, 'changed'])),
          ...(where ? { location: where.location, grid: [cur.grid_code, where.unitCode], ...(where.override ? { gridOverride: { reason: where.reason } } : {}) } : {}),
        },
      });
    });
    const updated = await repo.byId(db, cur.id);
    if (!updated) throw new Error('enterprise vanished');
    return updated;
  }

  async function majorHazardLevelAfter(tx: Executor, enterpriseId: string) {
    return repo.refreshMajorHazardLevel(tx, enterpriseId);
  }

  return {
    get: visible,
    canEdit,
    checkedUscc,

    abilities(actor: Actor, r: EnterpriseRow) {
      const t = target(r);
      return {
        edit: can(actor, 'enterprise.write') && inScope(actor, 'enterprise.write', t),
        editOwn: can(actor, 'enterprise.self') && inScope(actor, 'enterprise.self', t),
        assessRisk: can(actor, 'risk.assess') && inScope(actor, 'risk.assess', t),
        maintain: canEdit(actor, r),
      };
    },

    async list(actor: Actor, q: EnterpriseListQuery) {
      require(actor, 'enterprise.read');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.list(db, scope(actor, 'enterprise.read'), await filters(q), { ...(after ? { afterId: String(after[0]) } : {}), limit: limit + 1 });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    async exportRows(actor: Actor, q: EnterpriseListQuery) {
      require(actor, 'registry.export');
      require(actor, 'enterprise.read');
      // Every matching row, read a page at a time while the workbook streams out (no row cap).
      const sc = scope(actor, 'enterprise.read');
      const f = await filters(q);
      await db.tx((tx) => audit.write(tx, actor, { action: 'enterprise.export', objectType: 'enterprise', summary: { filters: { ...q, cursor: undefined } } }));
      return keysetRows((afterId, limit) => repo.list(db, sc, f, { ...(afterId ? { afterId } : {}), limit }));
    },

    async create(actor: Actor, body: CreateEnterpriseBody) {
      require(actor, 'enterprise.write');
      const v = checkedUscc(body.uscc);
      if (body.name.trim() === '') throw biFieldError('body/name', '名称不能为空', 'the name is empty');
      const where = await resolvePlacement(db, body, { requireLocation: true });
      if (!inScope(actor, 'enterprise.write', { path: where.unitPath, industryCode: body.industryCode, enterpriseId: null })) {
        throw new AppError('OUT_OF_SCOPE', 'This enterprise would be outside your area or industry');
      }
      await assertUsccFree(v.normalized);
      const input = inputOf(body, v.normalized);
      const at = clock.now();
      const id = await db.tx(async (tx) => {
        const newId = await insertRow(tx, enterprises, enterpriseRow(ctx, input, where, actor.userId, at));
        await audit.write(tx, actor, {
          action: 'enterprise.create', objectType: 'enterprise', objectId: newId,
          summary: { uscc: input.uscc, name: input.name, industry: input.industryCode, grid: where.unitCode, ...(where.override ? { gridOverride: { grid: where.unitCode, reason: where.reason } } : {}) },
        });
        return newId;
      });
      const row = await repo.byId(db, id);
      if (!row) throw new Error('enterprise vanished');
      return row;
    },

    async update(actor: Actor, id: string, body: UpdateEnterpriseBody) {
      require(actor, 'enterprise.write');
      const cur = await visible(actor, id);
      if (!inScope(actor, 'enterprise.write', target(cur))) throw new AppError('OUT_OF_SCOPE');
      const patch: Record<string, unknown> = { ...body };
      if (body.uscc !== undefined) {
        const v = checkedUscc(body.uscc);
        await assertUsccFree(v.normalized, id);
        patch.uscc = v.normalized;
      }
      if (body.name !== undefined && body.name.trim() === '') throw biFieldError('body/name', '名称不能为空', 'the name is empty');
      let where: Placement | null = null;
      if (body.location !== undefined || body.gridCode !== undefined) {
        const curLoc = cur.lng === null || cur.lat === null ? null : { lng: Number(cur.lng), lat: Number(cur.lat) };
        const p: PlacementInput = {
          location: body.location !== undefined ? body.location : curLoc,
          gridCode: body.gridCode ?? null,
          ...(body.gridOverrideReason !== undefined ? { gridOverrideReason: body.gridOverrideReason } : {}),
        };
        where = await resolvePlacement(db, p, { requireLocation: true });
      }
      const industry = body.industryCode ?? cur.industry_code;
      if (!inScope(actor, 'enterprise.write', { path: where?.unitPath ?? cur.unit_path, industryCode: industry, enterpriseId: id })) {
        throw new AppError('OUT_OF_SCOPE', 'The change would move the enterprise outside your area or industry');
      }
      delete patch.location;
      delete patch.gridCode;
      delete patch.gridOverrideReason;
      return applyUpdate(actor, cur, patch, where, 'enterprise.update');
    },

    async updateOwn(actor: Actor, id: string, body: UpdateOwnEnterpriseBody) {
      require(actor, 'enterprise.self');
      const cur = await visible(actor, id);
      if (!inScope(actor, 'enterprise.self', target(cur))) throw new AppError('FORBIDDEN', 'Enterprise users maintain only their own enterprise');
      return applyUpdate(actor, cur, { ...body }, null, 'enterprise.self_update');
    },

    async history(actor: Actor, id: string) {
      await visible(actor, id);
      return recordHistory(db, 'enterprise', id);
    },

    // 三同时 projects -------------------------------------------------------------------------
    async projects(actor: Actor, id: string) {
      await visible(actor, id);
      return repo.projects(db, id);
    },

    async createProject(actor: Actor, id: string, body: CreateProjectBody) {
      await editable(actor, id);
      const at = clock.now();
      const pid = await db.tx(async (tx) => {
        const newId = await insertRow(tx, enterpriseProjects, {
          enterprise_id: id, name: body.name.trim(), design_review_on: body.designReviewOn ?? null, design_approval_no: body.designApprovalNo ?? null,
          construction_started_on: body.constructionStartedOn ?? null, completed_on: body.completedOn ?? null, put_into_use_on: body.putIntoUseOn ?? null,
          acceptance_on: body.acceptanceOn ?? null, acceptance_no: body.acceptanceNo ?? null, notes: body.notes ?? null, created_at: ts(at), updated_at: ts(at),
        });
        await audit.write(tx, actor, { action: 'enterprise.project.create', objectType: 'enterprise', objectId: id, summary: { project: newId, name: body.name } });
        return newId;
      });
      const p = await repo.projectById(db, pid);
      if (!p) throw new Error('project vanished');
      return p;
    },

    async updateProject(actor: Actor, projectId: string, body: UpdateProjectBody) {
      const p = await repo.projectById(db, projectId);
      if (!p) throw notFound('project');
      await editable(actor, p.enterprise_id).catch((e: unknown) => {
        throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('project') : e;
      });
      const cols: Record<string, ColumnOf<typeof enterpriseProjects>> = {
        name: 'name', designReviewOn: 'design_review_on', designApprovalNo: 'design_approval_no', constructionStartedOn: 'construction_started_on',
        completedOn: 'completed_on', putIntoUseOn: 'put_into_use_on', acceptanceOn: 'acceptance_on', acceptanceNo: 'acceptance_no', notes: 'notes',
      };
      const row: TableRow<typeof enterpriseProjects> = {};
      for (const [k, c] of Object.entries(cols)) {
        const v = (body as Record<string, unknown>)[k];
        if (v !== undefined) row[c] = (v as string | null) ?? null;
      }
      row.updated_at = ts(clock.now());
      await db.tx(async (tx) => {
        await updateRow(tx, enterpriseProjects, projectId, row);
        await audit.write(tx, actor, { action: 'enterprise.project.update', objectType: 'enterprise', objectId: p.enterprise_id, summary: { project: projectId, fields: Object.keys(body) } });
      });
      const updated = await repo.projectById(db, projectId);
      if (!updated) throw new Error('project vanished');
      return updated;
    },

    async deleteProject(actor: Actor, projectId: string) {
      const p = await repo.projectById(db, projectId);
      if (!p) throw notFound('project');
      await editable(actor, p.enterprise_id).catch((e: unknown) => {
        throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('project') : e;
      });
      await db.tx(async (tx) => {
        await repo.deleteProject(tx, projectId);
        await audit.write(tx, actor, { action: 'enterprise.project.delete', objectType: 'enterprise', objectId: p.enterprise_id, summary: { project: projectId, name: p.name } });
      });
    },

    // Major hazard sources ---------------------------------------------------------------------
    async majorHazards(actor: Actor, id: string) {
      const e = await visible(actor, id);
      return { items: await repo.majorHazards(db, id), level: e.major_hazard_level };
    },

    async saveMajorHazard(actor: Actor, enterpriseId: string, body: MajorHazardBody, existingId?: string) {
      await editable(actor, enterpriseId);
      const result = await calculators.compute.majorHazard({ items: body.items, exposedPeople: body.exposedPeople });
      const version = Object.entries(result.tables).map(([k, t]) => `${k}:${t.id}@${t.version}`).join(';');
      const at = clock.now();
      const id = await db.tx(async (tx) => {
        const row: TableRow<typeof majorHazardSources> = {
          name: body.name.trim(), unit_kind: body.unitKind, exposed_people: body.exposedPeople, items: sql`${JSON.stringify(body.items)}::jsonb`,
          s: result.S, is_major: result.isMajorHazard, r: result.grading?.R ?? null, level: result.grading?.level ?? null,
          result: sql`${JSON.stringify(result)}::jsonb`, rule_set_version: version, assessed_at: ts(at), assessed_by: actor.userId,
        };
        let hid: string;
        if (existingId) {
          await updateRow(tx, majorHazardSources, existingId, row);
          hid = existingId;
        } else hid = await insertRow(tx, majorHazardSources, { enterprise_id: enterpriseId, ...row, created_at: ts(at) });
        const level = await majorHazardLevelAfter(tx, enterpriseId);
        await audit.write(tx, actor, {
          action: existingId ? 'enterprise.major_hazard.update' : 'enterprise.major_hazard.create', objectType: 'enterprise', objectId: enterpriseId,
          summary: { source: hid, name: body.name, S: result.S, R: result.grading?.R ?? null, level: result.grading?.level ?? null, enterpriseLevel: level },
        });
        return hid;
      });
      const saved = await repo.majorHazardById(db, id);
      if (!saved) throw new Error('major hazard vanished');
      return saved;
    },

    async updateMajorHazard(actor: Actor, hazardId: string, body: MajorHazardBody) {
      const h = await repo.majorHazardById(db, hazardId);
      if (!h) throw notFound('major hazard source');
      return this.saveMajorHazard(actor, h.enterprise_id, body, hazardId);
    },

    async retireMajorHazard(actor: Actor, hazardId: string) {
      const h = await repo.majorHazardById(db, hazardId);
      if (!h) throw notFound('major hazard source');
      await editable(actor, h.enterprise_id);
      await db.tx(async (tx) => {
        await repo.retireMajorHazard(tx, hazardId, clock.now().toISOString());
        const level = await majorHazardLevelAfter(tx, h.enterprise_id);
        await audit.write(tx, actor, { action: 'enterprise.major_hazard.retire', objectType: 'enterprise', objectId: h.enterprise_id, summary: { source: hazardId, name: h.name, enterpriseLevel: level } });
      });
    },
  };
}
export type EnterprisesService = ReturnType<typeof createEnterprisesService>;
