// Inspections: plans that follow risk (grade × risk colour → interval), the grid workers' tasks
// and coverage per unit, 双随机 spot checks with a recorded seed, and the inspection itself —
// answers, photos, the inspector's position, three signatures, and on submission an immutable
// record whose failed items raise hazards pre-filled from the item.
import type { Actor, ScopeTarget } from '../../core/access.js';
import { can, inScope, require, scopeSql } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, encodeCursor } from '../../core/paging.js';
import { effectiveRole } from '../../core/roles.js';
import { sql, type Executor } from '../../db/client.js';
import { locatePoint } from '../units/units.locate.js';
import { addCalendarDays } from '../../../common/rules/working-days.js';
import type { AnswerBody, SignatureRole, SpotCheckBody, StartInspectionBody } from '../../../common/modules/inspections/inspections.contract.js';
import { SIGNATURE_ROLES } from '../../../common/modules/inspections/inspections.contract.js';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { ChecklistsService } from '../checklists/checklists.service.js';
import type { ItemRow } from '../checklists/checklists.repository.js';
import type { FilesService } from '../files/files.service.js';
import { addMonths, localDay, localMonth, monthBounds } from '../../../common/time.js';
import type { HazardsService } from '../hazards/hazards.service.js';
import { drawSpotCheck, newSeed } from './draw.js';
import { inspectionsRepository as repo, type AnswerDbRow, type InspectionDbRow, type TaskDbRow } from './inspections.repository.js';

export interface InspectionsDeps {
  files: FilesService;
  hazards: HazardsService;
  checklists: ChecklistsService;
  notifications?: Pick<NotificationsService, 'notify'>;
}

/** A place that needs a follow-up inspection (graded D). */
export interface FollowUpTarget {
  placeId: string;
  name: string;
  kind: string;
  enterpriseId: string | null;
  industryCode: string | null;
  gridId: string | null;
  unitPath: string;
  dueDate: string;
  reason: { zh: string; en: string };
}

const SIGNATURE_MAX_BYTES = 512 * 1024;

/** Whether an answer fails its item: fail on pass/fail items, a number outside its bounds. */
export function answerFails(item: Pick<ItemRow, 'answer_type' | 'number_min' | 'number_max'>, a: Pick<AnswerDbRow, 'result' | 'number_value'> | undefined): boolean {
  if (!a) return false;
  if (item.answer_type === 'pass_fail' || item.answer_type === 'photo') return a.result === 'fail';
  if (item.answer_type === 'number') {
    if (a.number_value === null || a.number_value === undefined) return false;
    const v = Number(a.number_value);
    if (item.number_min !== null && v < Number(item.number_min)) return true;
    if (item.number_max !== null && v > Number(item.number_max)) return true;
  }
  return false;
}

/** The template code a place kind is inspected with by default. */
export function defaultTemplateFor(kind: string): string {
  if (kind === 'three_in_one') return 'fire.three-in-one';
  if (['crowded', 'market', 'school', 'high_rise', 'underground'].includes(kind)) return 'crowded.public-places';
  return 'fire.small-places';
}

export function createInspectionsService(ctx: ModuleContext, deps: InspectionsDeps) {
  const { db, clock, audit, config } = ctx;
  const today = () => localDay(clock.now(), config.timeZone);
  const targetOf = (i: { unit_path: string; industry_code: string | null; enterprise_id: string | null }): ScopeTarget =>
    ({ path: i.unit_path, industryCode: i.industry_code, enterpriseId: i.enterprise_id });

  async function loadVisible(actor: Actor, id: string, ex: Executor = db, lock = false): Promise<InspectionDbRow> {
    const i = await repo.byId(ex, id, lock);
    if (!i || !inScope(actor, 'inspection.read', targetOf(i))) throw notFound('inspection');
    return i;
  }

  function requireEditable(actor: Actor, i: InspectionDbRow): void {
    if (i.status !== 'draft') throw new AppError('INVALID_TRANSITION', 'A submitted inspection cannot be changed; make a correction instead');
    if (actor.kind !== 'system' && i.inspector_id !== actor.userId) throw new AppError('FORBIDDEN', 'Only the inspector who started it can change this inspection');
  }

  function abilities(actor: Actor, i: InspectionDbRow): Array<'answer' | 'sign' | 'submit' | 'correct'> {
    const mine = actor.kind === 'system' || i.inspector_id === actor.userId;
    if (i.status === 'draft') return mine && can(actor, 'inspection.perform') ? ['answer', 'sign', 'submit'] : [];
    return i.superseded_by === null && inScope(actor, 'inspection.perform', targetOf(i)) ? ['correct'] : [];
  }

  async function detail(actor: Actor, id: string) {
    const row = await loadVisible(actor, id);
    const tpl = await deps.checklists.load(db, row.template_id);
    const answers = await repo.answers(db, id);
    const photoIds = [...new Set(answers.flatMap((a) => a.photo_ids ?? []))].map(String);
    const files = new Map((await deps.files.byIds(db, photoIds)).map((f) => [f.id, f]));
    return {
      row, items: tpl?.items ?? [], answers, files, signatures: await repo.signatures(db, id), hazards: await repo.hazardsOf(db, id), abilities: abilities(actor, row),
    };
  }

  async function createDraft(tx: Executor, actor: Actor, body: StartInspectionBody, correcting?: InspectionDbRow, reason?: string): Promise<string> {
    let templateId = body.templateId ?? null;
    let placeId = body.placeId ?? null;
    let enterpriseId = body.enterpriseId ?? null;
    let task: TaskDbRow | undefined;
    if (body.taskId) {
      task = await repo.task(tx, body.taskId, true);
      if (!task || !inScope(actor, 'inspection.perform', targetOf(task))) throw fieldError('body/taskId', 'unknown task');
      if (task.status !== 'open') throw new AppError('INVALID_TRANSITION', 'This task is not open');
      placeId = task.place_id;
      enterpriseId = task.enterprise_id;
      if (!templateId && task.template_code) templateId = (await deps.checklists.currentByCode(tx, task.template_code))?.id ?? null;
    }
    let target: { name: string; location: { lng: number; lat: number } | null; gridId: string | null; path: string; industry: string | null; enterprise: string | null };
    if (placeId) {
      const p = await repo.placeForInspection(tx, placeId);
      if (!p) throw fieldError('body/placeId', 'unknown place');
      if (!templateId) templateId = (await deps.checklists.currentByCode(tx, defaultTemplateFor(p.kind)))?.id ?? null;
      enterpriseId ??= p.enterprise_id;
      target = { name: p.name, location: p.lng !== null && p.lat !== null ? { lng: Number(p.lng), lat: Number(p.lat) } : null, gridId: p.grid_id, path: p.unit_path, industry: p.industry_code, enterprise: p.enterprise_id };
    } else if (enterpriseId) {
      const e = await repo.enterpriseForInspection(tx, enterpriseId);
      if (!e) throw fieldError('body/enterpriseId', 'unknown enterprise');
      target = { name: e.name, location: e.lng !== null && e.lat !== null ? { lng: Number(e.lng), lat: Number(e.lat) } : null, gridId: e.grid_id, path: e.unit_path, industry: e.industry_code, enterprise: e.id };
    } else {
      const g = await locatePoint(tx, body.position.lng, body.position.lat);
      if (!g) throw new AppError('OUTSIDE_JURISDICTION');
      target = { name: g.gridName, location: { lng: body.position.lng, lat: body.position.lat }, gridId: g.gridId, path: g.path, industry: null, enterprise: null };
    }
    if (!templateId) throw fieldError('body/templateId', 'choose a checklist template');
    const tpl = await deps.checklists.load(tx, templateId);
    if (!tpl) throw fieldError('body/templateId', 'unknown template');
    if (!correcting && (tpl.template.superseded_at !== null || tpl.template.status !== 'active')) throw fieldError('body/templateId', 'this template version is no longer in use');
    if (tpl.template.target !== 'community' && !placeId && !enterpriseId) throw fieldError('body/placeId', 'this checklist is for a place or an enterprise');
    const scopeTarget: ScopeTarget = { path: target.path, industryCode: target.industry, enterpriseId: target.enterprise };
    if (!inScope(actor, 'inspection.perform', scopeTarget)) throw new AppError('OUT_OF_SCOPE');
    if (!actor.userId) throw new AppError('FORBIDDEN', 'An inspection needs a person as inspector');
    const at = clock.now().toISOString();
    const code = await repo.nextCode(tx, today());
    const id = await repo.insert(tx, {
      code, templateId, taskId: task?.id ?? null, placeId, enterpriseId: target.enterprise, industryCode: target.industry, targetName: target.name,
      location: target.location, gridId: target.gridId, unitPath: target.path, position: body.position, inspectorId: actor.userId,
      correctsId: correcting?.id ?? null, correctionReason: reason ?? null, at,
    });
    await audit.write(tx, actor, { action: correcting ? 'inspection.correct' : 'inspection.start', objectType: 'inspection', objectId: id,
      summary: { code, template: tpl.template.code, version: Number(tpl.template.version), ...(correcting ? { corrects: correcting.code } : {}) } });
    return id;
  }

  async function saveAnswers(tx: Executor, actor: Actor, i: InspectionDbRow, answers: AnswerBody[]): Promise<void> {
    const tpl = await deps.checklists.load(tx, i.template_id);
    const items = new Map((tpl?.items ?? []).map((it) => [it.id, it]));
    for (const [n, a] of answers.entries()) {
      const item = items.get(a.itemId);
      if (!item) throw fieldError(`body/answers/${n}/itemId`, 'not an item of this checklist');
      if (a.result && item.answer_type !== 'pass_fail' && item.answer_type !== 'photo') throw fieldError(`body/answers/${n}/result`, 'this item is not answered pass/fail');
      if (a.numberValue !== undefined && a.numberValue !== null && item.answer_type !== 'number') throw fieldError(`body/answers/${n}/numberValue`, 'this item is not a number');
      const photos = a.photoIds?.length ? (await deps.files.attach(tx, actor, a.photoIds, { type: 'inspection', id: i.id }, `body/answers/${n}/photoIds`)).map((f) => f.id) : [];
      await repo.upsertAnswer(tx, i.id, {
        itemId: a.itemId, result: a.result ?? null, numberValue: a.numberValue ?? null, textValue: a.textValue?.trim() || null, comment: a.comment?.trim() || null, photoIds: photos,
      });
    }
    await repo.touch(tx, i.id, clock.now().toISOString());
  }

  function checkComplete(items: ItemRow[], answers: Map<string, AnswerDbRow>): void {
    const problems: Array<{ field: string; message: string }> = [];
    items.forEach((it) => {
      const a = answers.get(it.id);
      const field = `items/${it.item_key}`;
      if (it.answer_type === 'pass_fail' && !a?.result) problems.push({ field, message: 'not answered' });
      if (it.answer_type === 'photo') {
        if (!a?.result) problems.push({ field, message: 'not answered' });
        else if (a.result !== 'na' && (a.photo_ids ?? []).length === 0) problems.push({ field, message: 'a photo is required' });
      }
      if (it.answer_type === 'number' && (a?.number_value === null || a?.number_value === undefined)) problems.push({ field, message: 'no number given' });
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems.length} item(s) incomplete`, { fields: problems });
  }

  const service = {
    today,
    answerFails,

    // ---- intervals and plans ----

    async intervals(actor: Actor) {
      require(actor, 'plan.read');
      return repo.intervals(db);
    },

    async setIntervals(actor: Actor, items: Array<{ grade: string; riskLevel: number; months: number }>) {
      require(actor, 'plan.manage');
      if (actor.kind !== 'system' && !actor.grants.some((g) => g.permissions.includes('plan.manage') && (g.unitPath === 'root' || g.unitPath.split('.').length <= 3))) {
        throw new AppError('FORBIDDEN', 'The interval table is set at city or district level');
      }
      await db.tx(async (tx) => {
        for (const r of items) await repo.setInterval(tx, r.grade, r.riskLevel, r.months, actor.userId);
        await audit.write(tx, actor, { action: 'plan.intervals', objectType: 'settings', objectId: 'inspection_intervals', summary: { rows: items.map((r) => `${r.grade}/${r.riskLevel}=${r.months}`) } });
      });
      return repo.intervals(db);
    },

    /** Produces the period's routine tasks for the places of a unit subtree that are due by their interval (idempotent). */
    async generatePlan(actor: Actor, body: { unitCode?: string; period: string }) {
      require(actor, 'plan.manage');
      const unit = body.unitCode ? await repo.unitByCode(db, body.unitCode) : actor.kind === 'system' ? await repo.unitByCode(db, 'root') : undefined;
      if (!unit) throw fieldError('body/unitCode', body.unitCode ? 'unknown unit' : 'give the unit to plan for');
      if (!inScope(actor, 'plan.manage', { path: unit.path })) throw new AppError('OUT_OF_SCOPE');
      const { start, end } = monthBounds(body.period);
      const intervals = new Map((await repo.intervals(db)).map((r) => [`${r.grade}/${r.risk_level}`, Number(r.months)]));
      const places = await repo.planCandidates(db, unit.path, config.timeZone);
      const templates = new Map<string, string | null>();
      let created = 0;
      let unassigned = 0;
      const at = clock.now().toISOString();
      await db.tx(async (tx) => {
        for (const p of places) {
          const months = intervals.get(`${p.grade ?? '-'}/${p.risk_level ?? 0}`) ?? 3;
          const next = p.last_day ? addMonths(p.last_day, months) : start;
          if (next > end) continue;
          const due = next < start ? start : next === start && !p.last_day ? end : next;
          const code = defaultTemplateFor(p.kind);
          if (!templates.has(code)) templates.set(code, (await deps.checklists.currentByCode(tx, code)) ? code : null);
          const id = await repo.insertTask(tx, {
            kind: 'routine', period: body.period, placeId: p.id, enterpriseId: p.enterprise_id, targetName: p.name, templateCode: templates.get(code) ?? null,
            gridId: p.grid_id, unitPath: p.unit_path, industryCode: p.industry_code, assigneeId: p.worker_id, coAssignees: [], dueDate: due, spotCheckId: null, at,
          });
          if (id) {
            created++;
            if (!p.worker_id) unassigned++;
          }
        }
        await audit.write(tx, actor, { action: 'plan.generate', objectType: 'unit', objectId: unit.code, summary: { period: body.period, considered: places.length, created, unassigned } });
      });
      return { period: body.period, unit: unit.code, considered: places.length, created, unassigned };
    },

    async tasks(actor: Actor, q: { limit?: number; cursor?: string; period?: string; unit?: string; status?: string; mine?: boolean; kind?: string }) {
      const perm = can(actor, 'plan.read') ? 'plan.read' : 'inspection.perform';
      require(actor, perm);
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 2);
      let unitPath: string | undefined;
      if (q.unit) {
        const u = await repo.unitByCode(db, q.unit);
        if (!u) throw fieldError('query/unit', 'unknown unit');
        unitPath = u.path;
      }
      const rows = await repo.tasks(db, scopeSql(actor, perm, { path: sql`k.unit_path`, industry: sql`k.industry_code`, enterprise: sql`k.enterprise_id` }), {
        ...(q.period ? { period: q.period } : {}), ...(unitPath ? { unitPath } : {}), ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}),
        ...(q.mine ? { mine: actor.userId ?? '0' } : {}), ...(after ? { afterKey: [String(after[0]), String(after[1])] as [string, string] } : {}), limit,
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const co = [...new Set(items.flatMap((r) => r.co_assignee_ids ?? []).map(String))];
      const names = new Map((await repo.userNames(db, co)).map((u) => [u.id, u.display_name]));
      return { items, names, nextCursor: rows.length > limit && last ? encodeCursor([last.due_date, last.id]) : null, today: today() };
    },

    async coverage(actor: Actor, q: { unit?: string; period: string }) {
      require(actor, 'plan.read');
      let unit = q.unit ? await repo.unitByCode(db, q.unit) : undefined;
      if (q.unit && !unit) throw fieldError('query/unit', 'unknown unit');
      if (!unit) {
        const g = actor.grants.find((x) => x.permissions.includes('plan.read'));
        unit = g ? { id: g.unitId, code: g.unitCode, name: g.unitName, path: g.unitPath, level: '' } : await repo.unitByCode(db, 'root');
      }
      if (!unit) throw notFound('unit');
      const rows = await repo.coverage(db, scopeSql(actor, 'plan.read', { path: sql`k.unit_path`, industry: sql`k.industry_code`, enterprise: sql`k.enterprise_id` }), unit.path, q.period, today());
      const units = new Map((await repo.unitsByPaths(db, rows.map((r) => r.key))).map((u) => [u.path, u]));
      const rate = (done: number, planned: number) => (planned > 0 ? Math.round((done / planned) * 10000) / 10000 : null);
      const totals = rows.reduce((s, r) => ({ planned: s.planned + r.planned, done: s.done + r.done, open: s.open + r.open, overdue: s.overdue + r.overdue }), { planned: 0, done: 0, open: 0, overdue: 0 });
      return {
        unit: { code: unit.code, name: unit.name },
        period: q.period,
        totals: { ...totals, rate: rate(totals.done, totals.planned) },
        rows: rows.map((r) => ({ unit: { code: units.get(r.key)?.code ?? r.key, name: units.get(r.key)?.name ?? r.key }, planned: r.planned, done: r.done, open: r.open, overdue: r.overdue, rate: rate(r.done, r.planned) })),
      };
    },

    // ---- spot checks ----

    async spotCheck(actor: Actor, body: SpotCheckBody) {
      require(actor, 'plan.manage');
      const unit = await repo.unitByCode(db, body.unitCode);
      if (!unit) throw fieldError('body/unitCode', 'unknown unit');
      if (!inScope(actor, 'plan.manage', { path: unit.path })) throw new AppError('OUT_OF_SCOPE');
      const perPlace = body.inspectorsPerPlace ?? 2;
      const places = (await repo.spotPlaces(db, unit.path, body.placeKinds ?? null)).map((r) => r.id);
      const grants = await repo.spotInspectorGrants(db, unit.path);
      const inspectors = [...new Set(grants.filter((g) => {
        const role = effectiveRole(g.role_code, g.permissions ? { permissions: g.permissions, name_zh: g.name_zh, name_en: g.name_en } : null);
        return role?.permissions.includes('inspection.perform') ?? false;
      }).map((g) => g.user_id))].sort((a, b) => Number(a) - Number(b));
      if (places.length < body.placeCount) throw fieldError('body/placeCount', `only ${places.length} places can be drawn`);
      if (inspectors.length < perPlace) throw fieldError('body/inspectorsPerPlace', `only ${inspectors.length} inspectors can be drawn`);
      const seed = body.seed ?? newSeed();
      const draw = drawSpotCheck(places, inspectors, seed, body.placeCount, perPlace);
      const at = clock.now().toISOString();
      const { end } = monthBounds(body.period);
      const id = await db.tx(async (tx) => {
        const id = await repo.insertSpotCheck(tx, { unitId: unit.id, unitPath: unit.path, period: body.period, seed, placeCount: body.placeCount, perPlace, places, inspectors, selection: draw.map((d) => ({ ...d, taskId: null })), by: actor.userId, at });
        const info = new Map((await repo.placeNames(tx, draw.map((d) => d.placeId))).map((p) => [p.id, p]));
        const selection = [];
        for (const d of draw) {
          const p = info.get(d.placeId);
          const taskId = p ? await repo.insertTask(tx, {
            kind: 'spot_check', period: body.period, placeId: p.id, enterpriseId: p.enterprise_id, targetName: p.name, templateCode: null, gridId: p.grid_id,
            unitPath: p.unit_path, industryCode: p.industry_code, assigneeId: d.inspectorIds[0] ?? null, coAssignees: d.inspectorIds.slice(1), dueDate: end, spotCheckId: id, at,
          }) : null;
          selection.push({ ...d, taskId });
        }
        await repo.setSpotSelection(tx, id, selection);
        await audit.write(tx, actor, { action: 'plan.spot_check', objectType: 'spot_check', objectId: id, summary: { unit: unit.code, period: body.period, seed, places: places.length, inspectors: inspectors.length, drawn: draw.length } });
        return id;
      });
      return service.getSpotCheck(actor, id);
    },

    async getSpotCheck(actor: Actor, id: string) {
      require(actor, 'plan.read');
      const s = await repo.spotCheck(db, id);
      if (!s || !inScope(actor, 'plan.read', { path: s.unit_path })) throw notFound('spot check');
      const placeIds = s.selection.map((x) => x.placeId);
      const userIds = [...new Set(s.selection.flatMap((x) => x.inspectorIds))];
      const places = new Map((await repo.placeNames(db, placeIds)).map((p) => [p.id, p.name]));
      const users = new Map((await repo.userNames(db, userIds)).map((u) => [u.id, u.display_name]));
      return { s, places, users };
    },

    /** Repeats the draw from the stored seed and candidates: the selection must come out the same. */
    async verifySpotCheck(actor: Actor, id: string) {
      const { s } = await service.getSpotCheck(actor, id);
      const again = drawSpotCheck(s.candidate_places.map(String), s.candidate_inspectors.map(String), s.seed, Number(s.place_count), Number(s.inspectors_per_place));
      const stored = s.selection.map((x) => ({ placeId: String(x.placeId), inspectorIds: x.inspectorIds.map(String) }));
      return { id: s.id, seed: s.seed, reproduced: JSON.stringify(again) === JSON.stringify(stored) };
    },

    // ---- inspections ----

    async start(actor: Actor, body: StartInspectionBody) {
      require(actor, 'inspection.perform');
      const id = await db.tx((tx) => createDraft(tx, actor, body));
      return detail(actor, id);
    },

    async answer(actor: Actor, id: string, answers: AnswerBody[]) {
      require(actor, 'inspection.perform');
      await db.tx(async (tx) => {
        const i = await loadVisible(actor, id, tx, true);
        requireEditable(actor, i);
        await saveAnswers(tx, actor, i, answers);
      });
      return detail(actor, id);
    },

    async sign(actor: Actor, id: string, role: SignatureRole, signerName: string, png: string) {
      require(actor, 'inspection.perform');
      if (!SIGNATURE_ROLES.includes(role)) throw fieldError('params/role', 'unknown signature role');
      const b64 = png.replace(/^data:image\/png;base64,/, '');
      if (!/^[A-Za-z0-9+/=\s]+$/.test(b64)) throw fieldError('body/png', 'not base64');
      const data = Buffer.from(b64, 'base64');
      if (deps.files.sniffImage(data) !== 'image/png') throw fieldError('body/png', 'the signature must be a PNG image');
      if (data.length > SIGNATURE_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The signature image is too large');
      await db.tx(async (tx) => {
        const i = await loadVisible(actor, id, tx, true);
        requireEditable(actor, i);
        const f = await deps.files.store(actor, { data, purpose: 'signature', owner: { type: 'inspection', id }, maxBytes: SIGNATURE_MAX_BYTES }, tx);
        const at = clock.now().toISOString();
        await repo.upsertSignature(tx, id, role, signerName.trim(), f.id, at);
        await repo.touch(tx, id, at);
        await audit.write(tx, actor, { action: 'inspection.sign', objectType: 'inspection', objectId: id, summary: { role, file: f.id } });
      });
      return detail(actor, id);
    },

    /** Makes the inspection immutable; each failed item raises (or, for a correction, keeps) its hazard. */
    async submit(actor: Actor, id: string, summary?: string) {
      require(actor, 'inspection.perform');
      await db.tx(async (tx) => {
        const i = await loadVisible(actor, id, tx, true);
        requireEditable(actor, i);
        const tpl = await deps.checklists.load(tx, i.template_id);
        if (!tpl) throw new Error('template vanished');
        const answers = new Map((await repo.answers(tx, id)).map((a) => [String(a.item_id), a]));
        checkComplete(tpl.items, answers);
        const signed = new Set((await repo.signatures(tx, id)).map((s) => s.role));
        const missing = SIGNATURE_ROLES.filter((r) => !signed.has(r));
        if (missing.length) throw new AppError('VALIDATION_FAILED', `Signatures missing: ${missing.join(', ')}`, { fields: missing.map((r) => ({ field: `signatures/${r}`, message: 'not signed' })) });
        const earlier = i.corrects_id ? new Map((await repo.answers(tx, i.corrects_id)).filter((a) => a.hazard_id).map((a) => [String(a.item_id), String(a.hazard_id)])) : new Map<string, string>();
        // An enterprise inspecting itself: its findings are self-inspection hazards.
        const source = actor.kind === 'user' && i.enterprise_id !== null && actor.grants.some((g) => g.enterpriseId === i.enterprise_id) ? 'self_inspection' : 'inspection';
        const position = i.lng !== null && i.lat !== null ? { lng: Number(i.lng), lat: Number(i.lat) } : { lng: Number(i.pos_lng), lat: Number(i.pos_lat) };
        let raised = 0;
        for (const item of tpl.items) {
          const a = answers.get(item.id);
          if (!answerFails(item, a) || !item.fail_category || !item.fail_grade || item.fail_days === null) continue;
          const prior = earlier.get(item.id);
          let hazardId: string;
          if (prior) {
            await deps.hazards.linkSource(actor, prior, { source, sourceId: id }, tx);
            hazardId = prior;
          } else {
            const measured = a?.number_value !== null && a?.number_value !== undefined ? `（实测 ${a.number_value}${item.number_unit ?? ''}）` : '';
            const detailText = `不符合“${item.text_zh}”${measured}${a?.comment ? `：${a.comment}` : ''}`;
            const h = await deps.hazards.create(actor, {
              source, sourceId: id, ...(i.place_id ? { placeId: i.place_id } : {}), ...(i.enterprise_id ? { enterpriseId: i.enterprise_id } : {}),
              lng: position.lng, lat: position.lat, category: item.fail_category, grade: item.fail_grade,
              ...(item.fail_grade === 'major' ? { majorBasis: item.legal_basis || item.text_zh } : {}),
              description: `${i.target_name}：${detailText}`.slice(0, 4000), photoIds: (a?.photo_ids ?? []).map(String), rectifyDays: Number(item.fail_days),
              ...(item.legal_basis ? { legalBasis: item.legal_basis } : {}),
            }, tx);
            hazardId = h.id;
            raised++;
          }
          await repo.setAnswerHazard(tx, id, item.id, hazardId);
        }
        const at = clock.now().toISOString();
        await repo.markSubmitted(tx, id, summary?.trim() ?? '', at);
        if (i.task_id) await repo.markTaskDone(tx, i.task_id, id, at);
        if (i.corrects_id) await repo.supersede(tx, i.corrects_id, id);
        await audit.write(tx, actor, { action: 'inspection.submit', objectType: 'inspection', objectId: id, summary: { code: i.code, hazardsRaised: raised, ...(i.corrects_id ? { corrects: i.corrects_code } : {}) } });
      });
      return detail(actor, id);
    },

    /** A correction of a submitted inspection: a new draft linked to it, answers copied, signatures to be given again. */
    async correct(actor: Actor, id: string, reason: string) {
      require(actor, 'inspection.perform');
      const newId = await db.tx(async (tx) => {
        const orig = await loadVisible(actor, id, tx, true);
        if (orig.status !== 'submitted') throw new AppError('INVALID_TRANSITION', 'Only a submitted inspection is corrected; edit the draft instead');
        if (orig.superseded_by) throw new AppError('INVALID_TRANSITION', 'This inspection was already corrected; correct the newest record');
        if (!inScope(actor, 'inspection.perform', targetOf(orig))) throw new AppError('OUT_OF_SCOPE');
        const nid = await createDraft(tx, actor, {
          templateId: orig.template_id, ...(orig.place_id ? { placeId: orig.place_id } : {}), ...(orig.enterprise_id && !orig.place_id ? { enterpriseId: orig.enterprise_id } : {}),
          position: { lng: Number(orig.pos_lng ?? orig.lng ?? 0), lat: Number(orig.pos_lat ?? orig.lat ?? 0) },
        }, orig, reason);
        for (const a of await repo.answers(tx, id)) {
          await repo.upsertAnswer(tx, nid, { itemId: String(a.item_id), result: a.result, numberValue: a.number_value, textValue: a.text_value, comment: a.comment, photoIds: (a.photo_ids ?? []).map(String) });
        }
        return nid;
      });
      return detail(actor, newId);
    },

    get: detail,

    async list(actor: Actor, q: { limit?: number; cursor?: string; status?: string; mine?: boolean; unit?: string; placeId?: string }) {
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      let unitPath: string | undefined;
      if (q.unit) {
        const u = await repo.unitByCode(db, q.unit);
        if (!u) throw fieldError('query/unit', 'unknown unit');
        unitPath = u.path;
      }
      const rows = await repo.list(db, scopeSql(actor, 'inspection.read', { path: sql`i.unit_path`, industry: sql`i.industry_code`, enterprise: sql`i.enterprise_id` }), {
        ...(q.status ? { status: q.status } : {}), ...(q.mine ? { inspectorId: actor.userId ?? '0' } : {}), ...(unitPath ? { unitPath } : {}),
        ...(q.placeId ? { placeId: q.placeId } : {}), ...(after ? { beforeId: String(after[0]) } : {}), limit,
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
    },

    async fileTarget(ex: Executor, id: string): Promise<ScopeTarget | null> {
      const i = await ex.one<{ unit_path: string; industry_code: string | null; enterprise_id: string | null }>(sql`SELECT unit_path::text AS unit_path,
        industry_code, enterprise_id FROM inspections WHERE id = ${id}::bigint`);
      return i ? targetOf(i) : null;
    },

    /**
     * A follow-up inspection task for the grid worker of the place's grid, in the caller's
     * transaction (a D grade raises one); the worker is told in their inbox. One open follow-up per
     * place: a second D grade while one is open does not add another. Returns the task id (null when
     * one was already open).
     */
    async raiseFollowUp(tx: Executor, actor: Actor, p: FollowUpTarget): Promise<string | null> {
      const open = await repo.openFollowUp(tx, p.placeId);
      if (open) return null;
      const worker = p.gridId ? await repo.gridWorkerOf(tx, p.gridId) : null;
      const code = defaultTemplateFor(p.kind);
      const template = (await deps.checklists.currentByCode(tx, code)) ? code : null;
      const at = clock.now().toISOString();
      const id = await repo.insertTask(tx, {
        kind: 'follow_up', period: p.dueDate.slice(0, 7), placeId: p.placeId, enterpriseId: p.enterpriseId, targetName: p.name, templateCode: template,
        gridId: p.gridId, unitPath: p.unitPath, industryCode: p.industryCode, assigneeId: worker, coAssignees: [], dueDate: p.dueDate, spotCheckId: null, at,
      });
      if (!id) return null;
      await audit.write(tx, actor, { action: 'task.follow_up', objectType: 'inspection_task', objectId: id, summary: { place: p.placeId, due: p.dueDate, assignee: worker, reason: p.reason.zh } });
      if (worker && deps.notifications) {
        await deps.notifications.notify(tx, [worker], {
          kind: 'task.follow_up',
          title: { zh: `复查任务：${p.name}`, en: `Follow-up inspection: ${p.name}` },
          body: { zh: `${p.reason.zh}，请于 ${p.dueDate} 前复查。`, en: `${p.reason.en}; inspect again by ${p.dueDate}.` },
          object: { type: 'inspection_task', id },
          dedupeKey: `task:${id}:follow_up`,
        });
      }
      return id;
    },

    async workFor(actor: Actor, todayStr: string): Promise<WorkItem[]> {
      if (!actor.userId || !can(actor, 'inspection.perform')) return [];
      const tasks = await db.rows<{ id: string; target_name: string; due_date: string; kind: string }>(sql`SELECT id, target_name, due_date::text AS due_date, kind
        FROM inspection_tasks WHERE status = 'open' AND (assignee_id = ${actor.userId}::bigint OR ${actor.userId}::bigint = ANY(co_assignee_ids))
        ORDER BY due_date, id LIMIT 200`);
      const drafts = await db.rows<{ id: string; code: string; target_name: string }>(sql`SELECT id, code, target_name FROM inspections
        WHERE status = 'draft' AND inspector_id = ${actor.userId}::bigint ORDER BY id LIMIT 50`);
      const days = (d: string) => (d < todayStr ? Math.round((Date.parse(todayStr) - Date.parse(d)) / 86_400_000) : 0);
      return [
        ...tasks.map((t): WorkItem => ({
          kind: 'inspection_task', id: t.id, code: null, title: `${t.kind === 'spot_check' ? '双随机抽查 ' : t.kind === 'follow_up' ? 'D级复查 ' : ''}${t.target_name}`, state: 'open', dueDate: t.due_date,
          overdue: t.due_date < todayStr, daysOverdue: days(t.due_date), link: { type: 'inspection_task', id: t.id },
        })),
        ...drafts.map((d): WorkItem => ({
          kind: 'inspection_draft', id: d.id, code: d.code, title: d.target_name, state: 'draft', dueDate: null, overdue: false, daysOverdue: 0, link: { type: 'inspection', id: d.id },
        })),
      ];
    },

    /** The scheduler's monthly planning: tasks of the current period for the whole tree. */
    async generateCurrent(now: Date, system: Actor) {
      const period = localMonth(now, config.timeZone);
      return service.generatePlan(system, { period });
    },

    periodEnd: (period: string) => monthBounds(period).end,
    addCalendarDays,
  };
  return service;
}
export type InspectionsService = ReturnType<typeof createInspectionsService>;
