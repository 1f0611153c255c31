// Spreadsheet import of people at risk: ID numbers checked and never stored in clear; duplicates
// in the file and in the registry reported by row.
import type { Actor } from '../../core/access.js';
import { inScope } from '../../core/access.js';
import type { ModuleContext } from '../../core/module.js';
import type { Executor } from '../../db/client.js';
import { PERSON_CATEGORIES, PERSON_CATEGORY_LABELS } from '../../../common/modules/people/people.contract.js';
import { num, str, type FieldSpec } from '../registries/registries.fields.js';
import type { ImportSpec, ValidatedRow } from '../registries/registries.import.js';
import {
  PHONE_RE, resolvePlacements, type Placement,
} from '../registries/registries.shared.js';
import { localDay } from '../../../common/time.js';
import { insertRows } from '../registries/registries.sql.js';
import type { IdNumberValidation } from '../../../common/rules/id-number.js';
import { peopleRepository } from './people.repository.js';
import { checkPersonId, personRow, type PersonInput } from './people.service.js';

export const PERSON_FIELDS: FieldSpec[] = [
  { key: 'category', zh: '类别', en: 'Category', required: true, type: 'enum', options: PERSON_CATEGORIES.map((c) => ({ value: c, ...PERSON_CATEGORY_LABELS[c] })), example: '独居老人' },
  { key: 'name', zh: '姓名', en: 'Name', required: true, type: 'text', maxLength: 200 },
  { key: 'sex', zh: '性别', en: 'Sex', type: 'enum', options: [{ value: 'male', zh: '男', en: 'male' }, { value: 'female', zh: '女', en: 'female' }] },
  { key: 'idNumber', zh: '身份证号', en: 'ID number', type: 'code', maxLength: 32, note: { zh: '18位，请将该列设为文本格式', en: '18 characters; format the column as text' } },
  { key: 'phone', zh: '联系电话', en: 'Phone', type: 'code', maxLength: 32 },
  { key: 'address', zh: '住址', en: 'Address', type: 'text', maxLength: 400 },
  { key: 'lng', zh: '经度', en: 'Longitude', type: 'number', min: -180, max: 180 },
  { key: 'lat', zh: '纬度', en: 'Latitude', type: 'number', min: -90, max: 90 },
  { key: 'gridCode', zh: '网格编码', en: 'Grid code', type: 'code', maxLength: 32, note: { zh: '无经纬度时必填', en: 'required without a location' } },
  { key: 'gridOverrideReason', zh: '指定网格原因', en: 'Grid override reason', type: 'text', maxLength: 2000 },
  { key: 'helperName', zh: '帮扶人', en: 'Helper', type: 'text', maxLength: 64 },
  { key: 'helperPhone', zh: '帮扶人电话', en: 'Helper phone', type: 'code', maxLength: 32 },
  { key: 'needs', zh: '困难及诉求', en: 'Needs', type: 'text', maxLength: 2000 },
  { key: 'notes', zh: '备注', en: 'Notes', type: 'text', maxLength: 4000 },
];

/** Import reports are stored: keep digits of an ID number (e.g. its birth date) out of them. */
export function redact(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}/g, (d) => `${d.slice(0, 4)}-**-**`).replace(/\d{6,}/g, (d) => `${d.slice(0, 4)}${'*'.repeat(d.length - 4)}`);
}

interface PersonImportValue {
  input: PersonInput;
  id: IdNumberValidation | null;
  where: Placement;
}

export function peopleImportSpec(ctx: ModuleContext): ImportSpec<PersonImportValue> {
  return {
    kind: 'people',
    title: { zh: '重点人员', en: 'People at risk' },
    permission: 'person.write',
    fields: PERSON_FIELDS,

    async validate(db: Executor, actor: Actor, rows, seen) {
      const today = localDay(ctx.clock.now(), ctx.config.timeZone);
      const inputs = rows.map((r): PersonInput => ({
        category: str(r.values.category) ?? '', name: str(r.values.name) ?? '', sex: (str(r.values.sex) as 'male' | 'female' | null) ?? null,
        idNumber: str(r.values.idNumber), phone: str(r.values.phone), address: str(r.values.address), helperName: str(r.values.helperName),
        helperPhone: str(r.values.helperPhone), needs: str(r.values.needs), notes: str(r.values.notes),
      }));
      const ids = inputs.map((p) => checkPersonId(p, today));
      const hashes = ids.map((c) => (c.id?.valid ? ctx.cipher.lookupHash(c.id.normalized) : null));
      const present = hashes.filter((h): h is string => h !== null);
      const existing = new Set((present.length > 0 ? await peopleRepository.existingIds(db, present) : []).map((e) => `${e.id_number_hash}/${e.category}`));
      const placements = await resolvePlacements(
        db,
        rows.map((r) => {
          const lng = num(r.values.lng);
          const lat = num(r.values.lat);
          return { location: lng !== null && lat !== null ? { lng, lat } : null, gridCode: str(r.values.gridCode), reason: str(r.values.gridOverrideReason) };
        }),
      );
      return rows.map((r, i): ValidatedRow<PersonImportValue> => {
        const input = inputs[i] as PersonInput;
        const problems: ValidatedRow<PersonImportValue>['problems'] = [];
        const c = ids[i];
        for (const issue of c?.issues ?? []) problems.push({ field: issue.field, zh: redact(issue.zh), en: redact(issue.en) });
        const h = hashes[i];
        if (h) {
          const key = `${h}/${input.category}`;
          const first = seen.get(key);
          if (first !== undefined) problems.push({ field: 'idNumber', zh: `与第 ${first} 行为同一人同一类别`, en: `the same person and category as row ${first}` });
          else seen.set(key, r.row);
          if (existing.has(key)) problems.push({ field: 'idNumber', zh: '该人员已在此类别中登记', en: 'already registered in this category' });
        }
        for (const k of ['phone', 'helperPhone'] as const) {
          const p = input[k];
          if (p !== null && !PHONE_RE.test(p)) problems.push({ field: k, zh: `电话格式不正确`, en: `not a phone number` });
        }
        const p = placements[i];
        if (!p || !p.ok) {
          if (p && !p.ok) problems.push({ field: p.field, zh: p.zh, en: p.en });
          return { row: r.row, problems };
        }
        if (!inScope(actor, 'person.write', { path: p.where.unitPath })) {
          problems.push({ field: 'gridCode', zh: `网格 ${p.where.unitCode} 不在您的管辖范围内`, en: `grid ${p.where.unitCode} is outside your area` });
        }
        return problems.length > 0 ? { row: r.row, problems } : { row: r.row, value: { input, id: c?.id ?? null, where: p.where }, problems };
      });
    },

    async insert(tx, actor, values, jobId) {
      const at = ctx.clock.now();
      return insertRows(tx, 'people_at_risk', values.map((v) => ({ ...personRow(ctx, v.input, v.id, v.where, actor.userId, at), import_job_id: jobId })));
    },
  };
}
