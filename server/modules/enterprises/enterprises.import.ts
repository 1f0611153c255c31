// Spreadsheet import of enterprises: credit codes checked (and unique in the file and the
// registry), placed by location, inserted in batches.
import type { Actor } from '../../core/access.js';
import { inScope } from '../../core/access.js';
import type { ModuleContext } from '../../core/module.js';
import type { Executor } from '../../db/client.js';
import { validateUscc } from '../../../common/rules/uscc.js';
import { ENTERPRISE_LABELS, ENTERPRISE_SCALES, SELF_INSPECTION_CYCLES, STANDARDIZATION_LEVELS } from '../../../common/modules/enterprises/enterprises.contract.js';
import { num, str, type FieldSpec } from '../registries/registries.module.js';
import type { ImportSpec, ValidatedRow } from '../registries/registries.module.js';
import { PHONE_RE, resolvePlacements, type Placement } from '../registries/registries.module.js';
import { insertRows } from '../registries/registries.module.js';
import { enterprisesRepository } from './enterprises.repository.js';
import { enterpriseRow, type EnterpriseInput } from './enterprises.service.js';

const opts = <K extends string>(values: readonly K[], labels: Record<K, { zh: string; en: string }>) => values.map((v) => ({ value: v, zh: labels[v].zh, en: labels[v].en }));

export const ENTERPRISE_FIELDS: FieldSpec[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', required: true, type: 'code', maxLength: 40, example: '91630102MA7XXXXXXX', note: { zh: '18位，校验码按 GB 32100 检查', en: '18 characters, check character per GB 32100' } },
  { key: 'name', zh: '企业名称', en: 'Name', required: true, type: 'text', maxLength: 200 },
  { key: 'industryCode', zh: '行业代码', en: 'Industry code', required: true, type: 'code', maxLength: 5, example: 'C2614', note: { zh: 'GB/T 4754 门类字母加最多4位数字', en: 'GB/T 4754 section letter and up to 4 digits' } },
  { key: 'scale', zh: '规模', en: 'Scale', type: 'enum', options: opts(ENTERPRISE_SCALES, ENTERPRISE_LABELS.scale) },
  { key: 'address', zh: '地址', en: 'Address', type: 'text', maxLength: 400 },
  { key: 'lng', zh: '经度', en: 'Longitude', required: true, type: 'number', min: -180, max: 180 },
  { key: 'lat', zh: '纬度', en: 'Latitude', required: true, type: 'number', min: -90, max: 90 },
  { key: 'gridCode', zh: '网格编码', en: 'Grid code', type: 'code', maxLength: 32 },
  { key: 'gridOverrideReason', zh: '指定网格原因', en: 'Grid override reason', type: 'text', maxLength: 2000 },
  { key: 'legalRepName', zh: '法定代表人', en: 'Legal representative', type: 'text', maxLength: 64 },
  { key: 'legalRepPhone', zh: '法定代表人电话', en: 'Legal representative phone', type: 'code', maxLength: 32 },
  { key: 'principalName', zh: '主要负责人', en: 'Principal', type: 'text', maxLength: 64 },
  { key: 'principalPhone', zh: '主要负责人电话', en: 'Principal phone', type: 'code', maxLength: 32 },
  { key: 'safetyManagerName', zh: '安全管理人员', en: 'Safety manager', type: 'text', maxLength: 64 },
  { key: 'safetyManagerPhone', zh: '安全管理人员电话', en: 'Safety manager phone', type: 'code', maxLength: 32 },
  { key: 'employees', zh: '从业人员数', en: 'Employees', type: 'int', min: 0, max: 10_000_000 },
  { key: 'supervisingDepartment', zh: '行业主管部门', en: 'Supervising department', type: 'text', maxLength: 100 },
  { key: 'standardizationLevel', zh: '安全生产标准化等级', en: 'Standardization level', type: 'enum', options: opts(STANDARDIZATION_LEVELS, ENTERPRISE_LABELS.standardization) },
  { key: 'selfInspectionCycle', zh: '自查周期', en: 'Self-inspection cycle', type: 'enum', options: opts(SELF_INSPECTION_CYCLES, ENTERPRISE_LABELS.cycle) },
  { key: 'selfInspectionItems', zh: '自查事项', en: 'Self-inspection duties', type: 'text', maxLength: 4000 },
];

interface EnterpriseImportValue {
  input: EnterpriseInput;
  where: Placement;
}

export function enterprisesImportSpec(ctx: ModuleContext): ImportSpec<EnterpriseImportValue> {
  return {
    kind: 'enterprises',
    title: { zh: '企业', en: 'Enterprises' },
    permission: 'enterprise.write',
    fields: ENTERPRISE_FIELDS,

    async validate(db: Executor, actor: Actor, rows, seen) {
      const checked = rows.map((r) => validateUscc(str(r.values.uscc) ?? ''));
      const valid = checked.filter((c) => c.valid).map((c) => c.normalized);
      const existing = new Set((valid.length > 0 ? await enterprisesRepository.byUsccs(db, valid) : []).map((e) => e.uscc));
      const placements = await resolvePlacements(
        db,
        rows.map((r) => {
          const lng = num(r.values.lng);
          const lat = num(r.values.lat);
          return { location: lng !== null && lat !== null ? { lng, lat } : null, gridCode: str(r.values.gridCode), reason: str(r.values.gridOverrideReason) };
        }),
        { requireLocation: true },
      );
      return rows.map((r, i): ValidatedRow<EnterpriseImportValue> => {
        const v = r.values;
        const problems: ValidatedRow<EnterpriseImportValue>['problems'] = [];
        const u = checked[i];
        if (u && !u.valid) for (const e of u.errors) problems.push({ field: 'uscc', zh: e.message.zh, en: e.message.en });
        if (u && u.valid) {
          const key = `uscc:${u.normalized}`;
          const first = seen.get(key);
          if (first !== undefined) problems.push({ field: 'uscc', zh: `与第 ${first} 行的信用代码重复`, en: `the same credit code as row ${first}` });
          else seen.set(key, r.row);
          if (existing.has(u.normalized)) problems.push({ field: 'uscc', zh: `信用代码 ${u.normalized} 已登记`, en: `credit code ${u.normalized} is already registered` });
        }
        const industry = (str(v.industryCode) ?? '').toUpperCase();
        if (!/^[A-T]([0-9]{2,4})?$/.test(industry)) problems.push({ field: 'industryCode', zh: `行业代码“${industry}”不符合 GB/T 4754（如 C2614）`, en: `industry code "${industry}" is not a GB/T 4754 code (e.g. C2614)` });
        for (const k of ['legalRepPhone', 'principalPhone', 'safetyManagerPhone'] as const) {
          const p = str(v[k]);
          if (p !== null && !PHONE_RE.test(p)) problems.push({ field: k, zh: `电话“${p}”格式不正确`, en: `phone "${p}" is not a phone number` });
        }
        const p = placements[i];
        if (!p || !p.ok) {
          if (p && !p.ok) problems.push({ field: p.field, zh: p.zh, en: p.en });
          return { row: r.row, problems };
        }
        if (!inScope(actor, 'enterprise.write', { path: p.where.unitPath, industryCode: industry, enterpriseId: null })) {
          problems.push({ field: 'lng', zh: `所在网格 ${p.where.unitCode} 或行业不在您的管辖范围内`, en: `grid ${p.where.unitCode} or the industry is outside your area` });
        }
        if (problems.length > 0 || !u) return { row: r.row, problems };
        const input: EnterpriseInput = {
          uscc: u.normalized, name: str(v.name) ?? '', industryCode: industry, scale: str(v.scale), address: str(v.address),
          legalRepName: str(v.legalRepName), legalRepPhone: str(v.legalRepPhone), principalName: str(v.principalName), principalPhone: str(v.principalPhone),
          safetyManagerName: str(v.safetyManagerName), safetyManagerPhone: str(v.safetyManagerPhone), employees: num(v.employees),
          supervisingDepartment: str(v.supervisingDepartment), standardizationLevel: str(v.standardizationLevel), selfInspectionCycle: str(v.selfInspectionCycle),
          selfInspectionItems: str(v.selfInspectionItems),
        };
        return { row: r.row, value: { input, where: p.where }, problems };
      });
    },

    async insert(tx, actor, values, jobId) {
      const at = ctx.clock.now();
      return insertRows(tx, 'enterprises', values.map((v) => ({ ...enterpriseRow(ctx, v.input, v.where, actor.userId, at), import_job_id: jobId })));
    },
  };
}
