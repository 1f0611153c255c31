import { toIso } from '../../db/client.js';
import type { ChecklistItemView, TemplateSummary, TemplateView } from '../../../common/modules/checklists/checklists.contract.js';
import type { ItemRow, TemplateRow } from './checklists.repository.js';

export function presentTemplateSummary(t: TemplateRow): TemplateSummary {
  return {
    id: t.id, code: t.code, version: Number(t.version), name: { zh: t.name_zh, en: t.name_en }, description: { zh: t.description_zh, en: t.description_en },
    target: t.target, placeKinds: t.place_kinds ?? [], status: t.status, current: t.superseded_at === null, itemCount: Number(t.item_count),
    createdAt: toIso(t.created_at) ?? '',
  };
}

export function presentItem(i: ItemRow): ChecklistItemView {
  return {
    id: i.id, key: i.item_key, seq: Number(i.seq), section: { zh: i.section_zh, en: i.section_en }, text: { zh: i.text_zh, en: i.text_en },
    legalBasis: i.legal_basis, answerType: i.answer_type,
    number: i.answer_type === 'number' ? { min: i.number_min === null ? null : Number(i.number_min), max: i.number_max === null ? null : Number(i.number_max), unit: i.number_unit } : null,
    onFail: i.fail_category && i.fail_grade && i.fail_days !== null ? { category: i.fail_category, grade: i.fail_grade, days: Number(i.fail_days) } : null,
  };
}

export function presentTemplate(t: TemplateRow, items: ItemRow[]): TemplateView {
  return { ...presentTemplateSummary(t), items: items.map(presentItem) };
}
