import { textArray } from '../../db/arrays.js';
import { sql, type Executor, type SQL } from '../../db/client.js';
import { alias, checklistItems, checklistTemplates, columnList } from '../../db/schema/index.js';

const t = alias(checklistTemplates, 't');
const i = alias(checklistItems, 'i');

const TEMPLATE_COLS = ['id', 'code', 'version', 'name_zh', 'name_en', 'description_zh', 'description_en', 'target', 'place_kinds', 'status',
  'superseded_at', 'created_at'] as const;
export type TemplateRow = Pick<typeof checklistTemplates.$inferSelect, (typeof TEMPLATE_COLS)[number]> & { item_count: number };

const ITEM_COLS = ['id', 'template_id', 'seq', 'item_key', 'section_zh', 'section_en', 'text_zh', 'text_en', 'legal_basis', 'answer_type',
  'number_min', 'number_max', 'number_unit', 'fail_category', 'fail_grade', 'fail_days'] as const;
export type ItemRow = Pick<typeof checklistItems.$inferSelect, (typeof ITEM_COLS)[number]>;

const cols = sql`${columnList(t, TEMPLATE_COLS)}, (SELECT count(*)::int FROM ${checklistItems} ${i} WHERE ${i.template_id} = ${t.id}) AS item_count`;
const from = sql`FROM ${checklistTemplates} ${t}`;

export const checklistsRepository = {
  list(db: Executor, f: { target?: string; placeKind?: string; history?: boolean; code?: string }) {
    const w: SQL[] = [sql`true`];
    if (!f.history) w.push(sql`t.superseded_at IS NULL AND t.status = 'active'`);
    if (f.target) w.push(sql`t.target = ${f.target}`);
    if (f.placeKind) w.push(sql`${f.placeKind} = ANY(t.place_kinds)`);
    if (f.code) w.push(sql`t.code = ${f.code}`);
    return db.rows<TemplateRow>(sql`SELECT ${cols} ${from} WHERE ${sql.join(w, sql` AND `)} ORDER BY ${t.code}, ${t.version} DESC`);
  },
  byId(db: Executor, id: string) {
    return db.one<TemplateRow>(sql`SELECT ${cols} ${from} WHERE ${t.id} = ${id}::bigint`);
  },
  currentByCode(db: Executor, code: string, lock = false) {
    return db.one<TemplateRow>(sql`SELECT ${cols} ${from} WHERE ${t.code} = ${code} AND ${t.superseded_at} IS NULL
      ${lock ? sql`FOR UPDATE` : sql``}`);
  },
  items(db: Executor, templateId: string) {
    return db.rows<ItemRow>(sql`SELECT ${columnList(checklistItems, ITEM_COLS)}
      FROM ${checklistItems} WHERE ${checklistItems.template_id} = ${templateId}::bigint ORDER BY ${checklistItems.seq}`);
  },
  async insertTemplate(db: Executor, t: { code: string; version: number; nameZh: string; nameEn: string; descZh: string; descEn: string; target: string;
    placeKinds: string[]; by: string | null; at: string }) {
    const r = await db.one<{ id: string }>(sql`INSERT INTO checklist_templates (code, version, name_zh, name_en, description_zh, description_en, target,
        place_kinds, created_by, created_at)
      VALUES (${t.code}, ${t.version}, ${t.nameZh}, ${t.nameEn}, ${t.descZh}, ${t.descEn}, ${t.target}, ${textArray(t.placeKinds)},
        ${t.by}::bigint, ${t.at}::timestamptz) RETURNING id`);
    if (!r) throw new Error('insert failed');
    return r.id;
  },
  async insertItem(db: Executor, templateId: string, seq: number, i: {
    key: string; sectionZh: string; sectionEn: string; textZh: string; textEn: string; legalBasis: string; answerType: string;
    numberMin: number | null; numberMax: number | null; numberUnit: string | null; failCategory: string | null; failGrade: string | null; failDays: number | null;
  }) {
    await db.rows(sql`INSERT INTO checklist_items (template_id, seq, item_key, section_zh, section_en, text_zh, text_en, legal_basis, answer_type,
        number_min, number_max, number_unit, fail_category, fail_grade, fail_days)
      VALUES (${templateId}::bigint, ${seq}, ${i.key}, ${i.sectionZh}, ${i.sectionEn}, ${i.textZh}, ${i.textEn}, ${i.legalBasis}, ${i.answerType},
        ${i.numberMin}::float8, ${i.numberMax}::float8, ${i.numberUnit}, ${i.failCategory}, ${i.failGrade}, ${i.failDays}::int)`);
  },
  async supersede(db: Executor, id: string, at: string) {
    await db.rows(sql`UPDATE checklist_templates SET superseded_at = ${at}::timestamptz WHERE id = ${id}::bigint`);
  },
  async retire(db: Executor, id: string) {
    await db.rows(sql`UPDATE checklist_templates SET status = 'retired' WHERE id = ${id}::bigint`);
  },
};
