// Spreadsheet import of places: the columns, the row checks (the same as registering one place)
// and the batch insert.
import type { Actor } from '../../core/access.js';
import { inScope } from '../../core/access.js';
import type { ModuleContext } from '../../core/module.js';
import type { Executor } from '../../db/client.js';
import { PLACE_KIND_INFO } from '../../../common/modules/places/places.contract.js';
import type { CalculatorsService } from '../calculators/calculators.module.js';
import { enterprisesRepository } from '../enterprises/enterprises.module.js';
import { bool, num, str, type FieldSpec } from '../registries/registries.module.js';
import type { ImportSpec, ValidatedRow } from '../registries/registries.module.js';
import { PHONE_RE, resolvePlacements, type Placement } from '../registries/registries.module.js';
import { insertRows } from '../registries/registries.module.js';
import { checkPlaceInput, placeRow, type PlaceInput } from './places.service.js';

const LNG: FieldSpec = { key: 'lng', zh: '经度', en: 'Longitude', required: true, type: 'number', min: -180, max: 180, example: 101.7785 };
const LAT: FieldSpec = { key: 'lat', zh: '纬度', en: 'Latitude', required: true, type: 'number', min: -90, max: 90, example: 36.6171 };

export const PLACE_FIELDS: FieldSpec[] = [
  { key: 'name', zh: '名称', en: 'Name', required: true, type: 'text', maxLength: 200, example: '老王小吃店' },
  { key: 'kind', zh: '类型', en: 'Kind', required: true, type: 'enum', options: PLACE_KIND_INFO.map((k) => ({ value: k.code, zh: k.zh, en: k.en })), example: '小餐饮场所' },
  { key: 'use', zh: '用途', en: 'Use', type: 'text', maxLength: 48, example: '饭店、餐馆', note: { zh: '九小场所用途（用于判定类型），填中文名称或代码', en: 'small-place use (to suggest the kind): name or code' } },
  { key: 'address', zh: '地址', en: 'Address', type: 'text', maxLength: 400, example: '城东区东关大街12号' },
  LNG,
  LAT,
  { key: 'gridCode', zh: '网格编码', en: 'Grid code', type: 'code', maxLength: 32, note: { zh: '不填则按经纬度确定；与经纬度所在网格不同时须填写原因', en: 'leave empty to use the location; a different grid needs a reason' } },
  { key: 'gridOverrideReason', zh: '指定网格原因', en: 'Grid override reason', type: 'text', maxLength: 2000 },
  { key: 'areaM2', zh: '建筑面积', en: 'Floor area', type: 'number', min: 0, max: 10_000_000, example: 85 },
  { key: 'floors', zh: '建筑层数', en: 'Floors', type: 'int', min: 0, max: 300 },
  { key: 'floor', zh: '所在楼层', en: 'Floor', type: 'int', min: -20, max: 300, example: 1 },
  { key: 'topFloor', zh: '最高楼层', en: 'Top floor', type: 'int', min: -20, max: 300 },
  { key: 'beds', zh: '床位数', en: 'Beds', type: 'int', min: 0, max: 1_000_000 },
  { key: 'seats', zh: '额定就餐人数', en: 'Seats', type: 'int', min: 0, max: 1_000_000, example: 40 },
  { key: 'persons', zh: '在校人数', en: 'Pupils', type: 'int', min: 0, max: 1_000_000 },
  { key: 'staff', zh: '职工人数', en: 'Staff', type: 'int', min: 0, max: 1_000_000 },
  { key: 'dormStaff', zh: '集体宿舍人数', en: 'Dormitory staff', type: 'int', min: 0, max: 1_000_000 },
  { key: 'boarding', zh: '寄宿制', en: 'Boarding', type: 'bool' },
  { key: 'threeInOne', zh: '三合一', en: 'Three-in-one', type: 'bool', example: false },
  { key: 'operatorName', zh: '经营者', en: 'Operator', type: 'text', maxLength: 64 },
  { key: 'operatorPhone', zh: '经营者电话', en: 'Operator phone', type: 'code', maxLength: 32, example: '13812345678' },
  { key: 'responsibleName', zh: '负责人', en: 'Responsible person', type: 'text', maxLength: 64 },
  { key: 'responsiblePhone', zh: '负责人电话', en: 'Responsible phone', type: 'code', maxLength: 32 },
  { key: 'tags', zh: '标签', en: 'Tags', type: 'list' },
  { key: 'enterpriseUscc', zh: '所属企业信用代码', en: 'Enterprise USCC', type: 'code', maxLength: 40 },
];

interface PlaceImportValue {
  input: PlaceInput;
  where: Placement;
}

export function placesImportSpec(ctx: ModuleContext, calculators: CalculatorsService): ImportSpec<PlaceImportValue> {
  return {
    kind: 'places',
    title: { zh: '场所', en: 'Places' },
    permission: 'place.write',
    fields: PLACE_FIELDS,

    async validate(db: Executor, actor: Actor, rows, _seen) {
      const table = await calculators.table('small-places');
      const useIds = new Set(table.uses.map((u) => u.id));
      const useByLabel = new Map<string, string>();
      for (const u of table.uses) {
        useByLabel.set(u.id.toLowerCase(), u.id);
        useByLabel.set(u.name.zh, u.id);
        useByLabel.set(u.name.en.toLowerCase(), u.id);
      }
      const usccs = [...new Set(rows.map((r) => str(r.values.enterpriseUscc)?.toUpperCase()).filter((x): x is string => !!x))];
      const enterprises = new Map((usccs.length > 0 ? await enterprisesRepository.byUsccs(db, usccs) : []).map((e) => [e.uscc, e]));
      const placements = await resolvePlacements(
        db,
        rows.map((r) => {
          const lng = num(r.values.lng);
          const lat = num(r.values.lat);
          return { location: lng !== null && lat !== null ? { lng, lat } : null, gridCode: str(r.values.gridCode), reason: str(r.values.gridOverrideReason) };
        }),
        { requireLocation: true },
      );
      return rows.map((r, i): ValidatedRow<PlaceImportValue> => {
        const v = r.values;
        const problems: ValidatedRow<PlaceImportValue>['problems'] = [];
        const useRaw = str(v.use);
        const use = useRaw === null ? null : (useByLabel.get(useRaw) ?? useByLabel.get(useRaw.toLowerCase()) ?? useRaw);
        for (const k of ['operatorPhone', 'responsiblePhone'] as const) {
          const p = str(v[k]);
          if (p !== null && !PHONE_RE.test(p)) problems.push({ field: k, zh: `电话“${p}”格式不正确`, en: `phone "${p}" is not a phone number` });
        }
        const usccRaw = str(v.enterpriseUscc)?.toUpperCase() ?? null;
        const enterprise = usccRaw ? enterprises.get(usccRaw) : undefined;
        if (usccRaw && !enterprise) problems.push({ field: 'enterpriseUscc', zh: `未登记信用代码为 ${usccRaw} 的企业`, en: `no enterprise with credit code ${usccRaw} is registered` });
        const input: PlaceInput = {
          name: str(v.name) ?? '',
          kind: str(v.kind) ?? 'other',
          use,
          address: str(v.address),
          areaM2: num(v.areaM2),
          floors: num(v.floors),
          floor: num(v.floor),
          topFloor: num(v.topFloor),
          beds: num(v.beds),
          seats: num(v.seats),
          persons: num(v.persons),
          staff: num(v.staff),
          dormStaff: num(v.dormStaff),
          boarding: bool(v.boarding),
          threeInOne: bool(v.threeInOne) ?? false,
          operatorName: str(v.operatorName),
          operatorPhone: str(v.operatorPhone),
          responsibleName: str(v.responsibleName),
          responsiblePhone: str(v.responsiblePhone),
          tags: Array.isArray(v.tags) ? v.tags.slice(0, 50) : [],
          enterpriseId: enterprise?.id ?? null,
        };
        for (const issue of checkPlaceInput(input, useIds)) problems.push(issue);
        const p = placements[i];
        if (!p || !p.ok) {
          if (p && !p.ok) problems.push({ field: p.field, zh: p.zh, en: p.en });
          return { row: r.row, problems };
        }
        if (!inScope(actor, 'place.write', { path: p.where.unitPath, industryCode: enterprise?.industry_code ?? null, enterpriseId: enterprise?.id ?? null })) {
          problems.push({ field: 'lng', zh: `所在网格 ${p.where.unitCode} 不在您的管辖范围内`, en: `grid ${p.where.unitCode} is outside your area` });
        }
        return problems.length > 0 ? { row: r.row, problems } : { row: r.row, value: { input, where: p.where }, problems };
      });
    },

    async insert(tx, actor, values, jobId) {
      const at = ctx.clock.now();
      return insertRows(tx, 'places', values.map((v) => ({ ...placeRow(ctx, v.input, v.where, actor.userId, at), import_job_id: jobId })));
    },
  };
}
