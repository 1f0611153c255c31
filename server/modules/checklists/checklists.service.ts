// Checklist templates. Editing a template makes a new version (the old one is superseded, not
// changed), so an inspection keeps the exact items it was done against.
import type { Actor } from '../../core/access.js';
import { require } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import type { Executor } from '../../db/client.js';
import { isHazardCategory } from '../../../common/modules/hazards/hazards.contract.js';
import type { CreateTemplateBody, TemplateBody } from '../../../common/modules/checklists/checklists.contract.js';
import { checklistsRepository as repo, type ItemRow, type TemplateRow } from './checklists.repository.js';

export function validateItems(body: TemplateBody): void {
  const keys = new Set<string>();
  body.items.forEach((it, i) => {
    const f = (name: string) => `body/items/${i}/${name}`;
    if (keys.has(it.key)) throw fieldError(f('key'), 'duplicate item key');
    keys.add(it.key);
    if (it.answerType === 'number' && it.numberMin != null && it.numberMax != null && it.numberMin > it.numberMax) {
      throw fieldError(f('numberMax'), 'must not be below numberMin');
    }
    if (it.answerType !== 'number' && (it.numberMin != null || it.numberMax != null)) throw fieldError(f('numberMin'), 'only number items have bounds');
    const onFail = [it.failCategory, it.failGrade, it.failDays].filter((v) => v !== undefined && v !== null).length;
    if (it.answerType === 'text' && onFail > 0) throw fieldError(f('failCategory'), 'a text item never fails');
    if (onFail > 0 && onFail < 3) throw fieldError(f('failCategory'), 'give category, grade and days together');
    if (it.failCategory && !isHazardCategory(it.failCategory)) throw fieldError(f('failCategory'), 'unknown hazard category');
  });
}

export function createChecklistsService(ctx: ModuleContext) {
  const { db, clock, audit } = ctx;

  async function writeVersion(tx: Executor, actor: Actor, code: string, version: number, body: TemplateBody): Promise<string> {
    const id = await repo.insertTemplate(tx, {
      code, version, nameZh: body.name.zh, nameEn: body.name.en, descZh: body.description?.zh ?? '', descEn: body.description?.en ?? '',
      target: body.target, placeKinds: body.placeKinds ?? [], by: actor.userId, at: clock.now().toISOString(),
    });
    let seq = 0;
    for (const it of body.items) {
      await repo.insertItem(tx, id, ++seq, {
        key: it.key, sectionZh: it.section?.zh ?? '', sectionEn: it.section?.en ?? '', textZh: it.text.zh, textEn: it.text.en,
        legalBasis: it.legalBasis ?? '', answerType: it.answerType, numberMin: it.numberMin ?? null, numberMax: it.numberMax ?? null,
        numberUnit: it.numberUnit ?? null, failCategory: it.failCategory ?? null, failGrade: it.failGrade ?? null, failDays: it.failDays ?? null,
      });
    }
    return id;
  }

  const service = {
    async list(actor: Actor, q: { target?: string; placeKind?: string; history?: boolean; code?: string }) {
      require(actor, 'checklist.read');
      return repo.list(db, q);
    },

    async get(actor: Actor, id: string): Promise<{ template: TemplateRow; items: ItemRow[] }> {
      require(actor, 'checklist.read');
      const template = await repo.byId(db, id);
      if (!template) throw notFound('checklist template');
      return { template, items: await repo.items(db, id) };
    },

    /** For other modules (inspections): a template version and its items, no permission check. */
    async load(ex: Executor, id: string): Promise<{ template: TemplateRow; items: ItemRow[] } | null> {
      const template = await repo.byId(ex, id);
      return template ? { template, items: await repo.items(ex, id) } : null;
    },

    async currentByCode(ex: Executor, code: string) {
      return repo.currentByCode(ex, code);
    },

    async create(actor: Actor, body: CreateTemplateBody) {
      require(actor, 'checklist.manage');
      validateItems(body);
      const id = await db.tx(async (tx) => {
        if (await repo.currentByCode(tx, body.code)) throw new AppError('CONFLICT', 'A template with this code exists; edit it instead', { fields: [{ field: 'body/code', message: 'exists already' }] });
        const id = await writeVersion(tx, actor, body.code, 1, body);
        await audit.write(tx, actor, { action: 'checklist.create', objectType: 'checklist_template', objectId: id, summary: { code: body.code, items: body.items.length } });
        return id;
      });
      return service.get(actor, id);
    },

    /** An edit: a new version of the template; the previous version stays for the inspections that used it. */
    async revise(actor: Actor, code: string, body: TemplateBody) {
      require(actor, 'checklist.manage');
      validateItems(body);
      const id = await db.tx(async (tx) => {
        const cur = await repo.currentByCode(tx, code, true);
        if (!cur) throw notFound('checklist template');
        await repo.supersede(tx, cur.id, clock.now().toISOString());
        const id = await writeVersion(tx, actor, code, Number(cur.version) + 1, body);
        if (cur.status === 'retired') await repo.retire(tx, id);
        await audit.write(tx, actor, { action: 'checklist.revise', objectType: 'checklist_template', objectId: id, summary: { code, version: Number(cur.version) + 1, previous: cur.id } });
        return id;
      });
      return service.get(actor, id);
    },

    async retire(actor: Actor, code: string) {
      require(actor, 'checklist.manage');
      const id = await db.tx(async (tx) => {
        const cur = await repo.currentByCode(tx, code, true);
        if (!cur) throw notFound('checklist template');
        await repo.retire(tx, cur.id);
        await audit.write(tx, actor, { action: 'checklist.retire', objectType: 'checklist_template', objectId: cur.id, summary: { code } });
        return cur.id;
      });
      return service.get(actor, id);
    },
  };
  return service;
}
export type ChecklistsService = ReturnType<typeof createChecklistsService>;
