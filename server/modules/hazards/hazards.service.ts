// The one hazard ledger. Every source (inspection, patrol, resident report, enterprise
// self-inspection, hotline, drill, manual entry) creates hazards through `create`; every change
// of state goes through `act`, which applies the transition table of
// common/modules/hazards/hazards.workflow.ts (permission in scope, guard, then the action's
// effects, switched exhaustively). Each step writes its event, the figures it changes, its
// notifications and an audit row in one transaction. `escalateDue` is the scheduler's sweep.
import type { Actor, ScopeTarget } from '../../core/access.js';
import { can, inScope, scopeSql } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { effectiveRole } from '../../core/roles.js';
import { sql, toIso, type Executor, type SQL } from '../../db/client.js';
import { locatePoint } from '../units/units.locate.js';
import type { Permission } from '../../../common/permissions.js';
import { addCalendarDays, addWorkingDays, validateHolidayCalendar } from '../../../common/rules/working-days.js';
import {
  HAZARD_CATEGORIES, isHazardCategory, RESPONSIBILITY_ROLES, type CalendarBody, type HazardActionBody, type HazardListQuery, type HazardSettings,
  type Responsibilities, type StatsQuery,
} from '../../../common/modules/hazards/hazards.contract.js';
import {
  ACTION_NAMES, CLOSED_STATES, ENTRY_STATE, ESCALATION_LEVELS, HAZARD_STATES, planComplete, STATE_NAMES, TRANSITIONS, transitionFor,
  type HazardAction, type HazardFacts, type HazardSource, type HazardState, type Transition,
} from '../../../common/modules/hazards/hazards.workflow.js';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import type { FilesService } from '../files/files.service.js';
import type { NotificationsService, Notice } from '../notifications/notifications.service.js';
import { hazardConfigStore } from './hazards.config.js';
import { localDay } from '../../../common/time.js';
import { daysOverdue, isOverdue, presentHazardRow, type HazardBundle } from './hazards.presenter.js';
import { hazardsRepository as repo, type HazardDbRow } from './hazards.repository.js';
import { bumpStats, queryOpenCounts, queryStats, ROLLUP_DEPTH, type StatKey, type StatsGroupBy, type StatsRow } from './hazards.stats.js';

export interface CreateHazardInput {
  source: HazardSource;
  sourceId?: string;
  placeId?: string;
  enterpriseId?: string;
  lng: number;
  lat: number;
  category: string;
  grade?: 'general' | 'major';
  majorBasis?: string;
  description: string;
  photoIds?: string[];
  /** Working days to rectify (for hazards that start in rectification). */
  rectifyDays?: number;
  responsible?: Responsibilities;
  gridOverride?: { gridCode: string; reason: string };
  /** The clause the hazard violates (from a checklist item), printed on the rectification notice. */
  legalBasis?: string;
}

export interface PublicHazardStatus {
  state: string;
  publicState: 'open' | 'closed';
  closedAt: string | null;
  updatedAt: string;
  notes: Array<{ at: string; text: { zh: string; en: string } }>;
}

export interface HazardsDeps {
  files: FilesService;
  notifications: NotificationsService;
}

const SYSTEM = { userId: null, username: 'scheduler' };
const GRADE_NAMES = { general: { zh: '一般隐患', en: 'General' }, major: { zh: '重大隐患', en: 'Major' } } as const;

function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? '系统 / system' : actor.displayName || actor.username;
}

function targetOf(h: Pick<HazardDbRow, 'unit_path' | 'industry_code' | 'enterprise_id'>): ScopeTarget {
  return { path: h.unit_path, industryCode: h.industry_code, enterpriseId: h.enterprise_id };
}

export function factsOf(h: HazardDbRow): HazardFacts {
  return {
    state: h.state,
    grade: h.grade,
    planComplete: planComplete(h.plan),
    listed: h.listed_at !== null && h.delisted_at === null,
    extensionPending: h.extension_request !== null,
    extensionRequestedBy: h.extension_request?.byId ?? null,
    rectifiedBy: h.rectified_by,
  };
}

function permitted(actor: Actor, t: Transition, target: ScopeTarget): boolean {
  return t.permission.some((p) => inScope(actor, p, target));
}

/** The actions the actor may take on the hazard now (the transition table, in scope, guards passing). */
export function abilitiesOf(actor: Actor, h: HazardDbRow): HazardAction[] {
  const facts = factsOf(h);
  const target = targetOf(h);
  const out: HazardAction[] = [];
  for (const t of TRANSITIONS) {
    if (t.from !== h.state || out.includes(t.action)) continue;
    if (!permitted(actor, t, target)) continue;
    if (t.guard && t.guard(facts, actor.userId)) continue;
    out.push(t.action);
  }
  return out;
}

const PUBLIC_NOTES: Partial<Record<string, { zh: string; en: string }>> = {
  create: { zh: '已登记', en: 'Registered' },
  confirm: { zh: '经核实，已列为安全隐患', en: 'Checked and confirmed as a safety hazard' },
  reject: { zh: '经核实，不属于安全隐患', en: 'Checked: not a safety hazard' },
  issue: { zh: '已下达整改通知', en: 'Rectification has been ordered' },
  submit: { zh: '整改完成，等待验收', en: 'Rectified, awaiting acceptance' },
  return: { zh: '验收未通过，继续整改', en: 'Not accepted yet; rectification continues' },
  accept: { zh: '已验收销号', en: 'Accepted and closed' },
  approve_extension: { zh: '整改期限已延长', en: 'The rectification period was extended' },
  reopen: { zh: '已重新打开处理', en: 'Reopened' },
  escalate: { zh: '已逐级上报督办', en: 'Escalated to a higher level' },
  list: { zh: '已挂牌督办', en: 'Listed for supervision' },
};

export function createHazardsService(ctx: ModuleContext, deps: HazardsDeps) {
  const { db, clock, audit, config } = ctx;
  const cfg = hazardConfigStore(db);
  const dayOf = (d: Date) => localDay(d, config.timeZone);
  const today = () => dayOf(clock.now());

  function statKey(h: Pick<HazardDbRow, 'unit_path' | 'industry_code' | 'category' | 'grade'>, day: string): StatKey {
    return { unitPath: h.unit_path, industryCode: h.industry_code, day, category: h.category, grade: h.grade };
  }

  async function deadlineFrom(ex: Executor, start: string, days: number): Promise<{ date: string; version: string }> {
    const cal = await cfg.calendar(ex);
    const r = addWorkingDays(start, days, cal);
    if (!r.ok) throw fieldError('body/rectifyDays', r.errors.map((e) => e.message.en).join('; '));
    return { date: r.value.date, version: cal.version };
  }

  async function loadVisible(actor: Actor, id: string, ex: Executor = db, lock = false): Promise<HazardDbRow> {
    const h = await repo.byId(ex, id, lock);
    if (!h || !inScope(actor, 'hazard.read', targetOf(h))) throw notFound('hazard');
    return h;
  }

  async function checkResponsible(ex: Executor, r: Responsibilities | undefined, field: string): Promise<Responsibilities | undefined> {
    if (!r) return undefined;
    const ids = RESPONSIBILITY_ROLES.map((k) => r[k]?.userId).filter((v): v is string => typeof v === 'string');
    const found = new Set((await repo.userNames(ex, ids)).map((u) => u.id));
    for (const k of RESPONSIBILITY_ROLES) {
      const uid = r[k]?.userId;
      if (uid && !found.has(uid)) throw fieldError(`${field}/${k}/userId`, 'unknown user');
    }
    return r;
  }

  /** Users who should hear about the hazard's rectification: named responsible users, the enterprise's users, the grid's workers. */
  async function responsibleUsers(ex: Executor, h: HazardDbRow): Promise<string[]> {
    const ids = new Set<string>();
    for (const k of RESPONSIBILITY_ROLES) {
      const uid = h.responsible?.[k]?.userId;
      if (uid) ids.add(uid);
    }
    if (h.enterprise_id) for (const u of await repo.enterpriseUsers(ex, h.enterprise_id)) ids.add(u.user_id);
    if (h.grid_id) for (const u of await repo.gridWorkers(ex, h.grid_id)) ids.add(u.user_id);
    return [...ids];
  }

  /** Active users with a grant at the unit whose role holds one of the permissions. */
  async function officialsAt(ex: Executor, unitId: string, perms: Permission[]): Promise<string[]> {
    const rows = await repo.grantHoldersAt(ex, unitId);
    return [...new Set(rows.filter((r) => {
      const role = effectiveRole(r.role_code, r.permissions ? { permissions: r.permissions, name_zh: r.name_zh, name_en: r.name_en } : null);
      return role !== null && role.permissions.some((p) => perms.includes(p));
    }).map((r) => r.user_id))];
  }

  async function notifyIfAny(ex: Executor, users: string[], n: Notice): Promise<void> {
    if (users.length) await deps.notifications.notify(ex, users, n);
  }

  // ---- creating ----

  async function createIn(tx: Executor, actor: Actor, input: CreateHazardInput): Promise<{ id: string; code: string }> {
    if (!isHazardCategory(input.category)) throw fieldError('body/category', 'unknown hazard category');
    const grade = input.grade ?? 'general';
    if (grade === 'major' && !input.majorBasis?.trim()) throw fieldError('body/majorBasis', 'a major hazard needs the basis of the judgment (判定依据)');
    if (!input.description.trim()) throw fieldError('body/description', 'must not be empty');
    let enterpriseId = input.enterpriseId ?? null;
    let placeId: string | null = null;
    if (input.placeId) {
      const p = await repo.placeRef(tx, input.placeId);
      if (!p) throw fieldError('body/placeId', 'unknown place');
      placeId = p.id;
      if (!enterpriseId && p.enterprise_id) enterpriseId = p.enterprise_id;
    }
    let industryCode: string | null = null;
    if (enterpriseId) {
      const e = await repo.enterpriseRef(tx, enterpriseId);
      if (!e) throw fieldError('body/enterpriseId', 'unknown enterprise');
      industryCode = e.industry_code;
    }
    const located = await locatePoint(tx, input.lng, input.lat);
    let grid = located ? { id: located.gridId, path: located.path } : null;
    if (input.gridOverride) {
      const g = await repo.gridByCode(tx, input.gridOverride.gridCode);
      if (!g) throw fieldError('body/gridOverride/gridCode', 'unknown grid');
      if (!input.gridOverride.reason.trim()) throw fieldError('body/gridOverride/reason', 'a grid override needs a reason');
      grid = { id: g.id, path: g.path };
    }
    if (!grid) throw new AppError('OUTSIDE_JURISDICTION');
    const target: ScopeTarget = { path: grid.path, industryCode, enterpriseId };
    if (!can(actor, 'hazard.report')) throw new AppError('FORBIDDEN', 'Missing permission hazard.report');
    if (!inScope(actor, 'hazard.report', target)) throw new AppError('OUT_OF_SCOPE');
    const responsible = await checkResponsible(tx, input.responsible, 'body/responsible');

    const now = clock.now();
    const day = dayOf(now);
    const at = now.toISOString();
    const settings = await cfg.settings(tx);
    const state = ENTRY_STATE[input.source];
    let rectifyDays: number | null = input.rectifyDays ?? null;
    let deadline: { date: string; version: string } | null = null;
    if (state === 'rectifying') {
      rectifyDays ??= grade === 'major' ? settings.defaultMajorRectifyDays : settings.defaultRectifyDays;
      deadline = await deadlineFrom(tx, day, rectifyDays);
    }
    const resp: Responsibilities = responsible ?? {};
    if (!resp.checks && actor.kind === 'user') resp.checks = { userId: actor.userId, name: actor.displayName || actor.username };

    const code = await repo.nextCode(tx, day);
    const id = await repo.insert(tx, {
      code, state, source: input.source, placeId, enterpriseId, industryCode, lng: input.lng, lat: input.lat, gridId: grid.id, unitPath: grid.path,
      gridOverride: !!input.gridOverride, gridOverrideReason: input.gridOverride?.reason ?? null, category: input.category, grade,
      majorBasis: grade === 'major' ? input.majorBasis ?? null : null, description: input.description.trim(),
      reportedBy: actor.kind === 'user' ? actor.userId : null, rectifyDays, deadline: deadline?.date ?? null, calendarVersion: deadline?.version ?? null,
      responsible: resp, at,
    });
    if (input.sourceId) await repo.linkSource(tx, id, input.source, input.sourceId, at, actor.userId);
    const photos = input.photoIds?.length ? await deps.files.attach(tx, actor, input.photoIds, { type: 'hazard', id }) : [];
    const eventId = await repo.insertEvent(tx, {
      hazardId: id, at, actorId: actor.userId, actorName: actorLabel(actor), action: 'create', from: null, to: state,
      comment: null, evidence: photos.map((p) => p.id),
      data: {
        source: input.source, ...(input.sourceId ? { sourceId: input.sourceId } : {}), ...(deadline ? { deadline: deadline.date, rectifyDays } : {}),
        ...(input.legalBasis ? { legalBasis: input.legalBasis.slice(0, 1000) } : {}),
      },
    });
    if (photos.length) await repo.addFiles(tx, id, photos.map((p) => p.id), 'before', eventId);
    await bumpStats(tx, { unitPath: grid.path, industryCode, day, category: input.category, grade }, { found: 1 });
    await audit.write(tx, actor, {
      action: 'hazard.create', objectType: 'hazard', objectId: id,
      summary: { code, source: input.source, category: input.category, grade, state, ...(input.gridOverride ? { gridOverride: input.gridOverride.gridCode } : {}) },
    });
    if (state === 'rectifying') {
      const h = await repo.byId(tx, id);
      if (h) {
        await notifyIfAny(tx, (await responsibleUsers(tx, h)).filter((u) => u !== actor.userId), {
          kind: 'hazard.issued', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:issued:0`,
          title: { zh: `隐患整改通知 ${code}`, en: `Rectification order ${code}` },
          body: { zh: `${input.description.slice(0, 200)}\n整改期限：${deadline?.date ?? ''}`, en: `${input.description.slice(0, 200)}\nDeadline: ${deadline?.date ?? ''}` },
        });
      }
    }
    return { id, code };
  }

  // ---- acting ----

  function requireFields(body: HazardActionBody, fields: Array<keyof HazardActionBody>): void {
    for (const f of fields) {
      const v = body[f];
      if (v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && v.length === 0)) {
        throw fieldError(`body/${f}`, 'is required for this action');
      }
    }
  }

  async function act(actor: Actor, id: string, action: HazardAction, body: HazardActionBody) {
    // Permission first: a user who may never take this action is refused whatever the state.
    const perms = [...new Set(TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.permission))];
    if (!perms.some((p) => can(actor, p))) throw new AppError('FORBIDDEN', `Missing permission ${perms.join(' or ')}`);

    const result = await db.tx(async (tx) => {
      const h = await loadVisible(actor, id, tx, true);
      const t = transitionFor(h.state, action);
      if (!t) throw new AppError('INVALID_TRANSITION', `Cannot ${action} a hazard that is ${h.state}`, { state: h.state, action });
      if (!permitted(actor, t, targetOf(h))) throw new AppError('OUT_OF_SCOPE');
      const failed = t.guard?.(factsOf(h), actor.userId);
      if (failed) throw new AppError(failed.code, failed.en, { reason: { zh: failed.zh, en: failed.en } });
      if (body.expectedUpdatedAt && new Date(body.expectedUpdatedAt).getTime() !== new Date(toIso(h.updated_at) ?? 0).getTime()) {
        throw new AppError('CONFLICT', 'The hazard was changed by someone else; reload it');
      }

      const now = clock.now();
      const at = now.toISOString();
      const day = dayOf(now);
      const settings = await cfg.settings(tx);
      const sets: SQL[] = [sql`state = ${t.to}`];
      const data: Record<string, unknown> = {};
      let evidence: string[] = [];
      let evidencePhase: 'after' | 'evidence' | 'plan' = 'evidence';
      let comment = body.comment?.trim() || null;
      const notices: Array<{ users: string[]; notice: Notice }> = [];
      const attachEvidence = async (required: boolean) => {
        if (required) requireFields(body, ['evidence']);
        if (body.evidence?.length) evidence = (await deps.files.attach(tx, actor, body.evidence, { type: 'hazard', id }, 'body/evidence')).map((f) => f.id);
      };

      switch (action) {
        case 'confirm': {
          const category = body.category ?? h.category;
          if (!isHazardCategory(category)) throw fieldError('body/category', 'unknown hazard category');
          const grade = body.grade ?? h.grade;
          const basis = body.majorBasis ?? h.major_basis;
          if (grade === 'major' && !basis?.trim()) throw fieldError('body/majorBasis', 'a major hazard needs the basis of the judgment (判定依据)');
          const rectifyDays = body.rectifyDays ?? h.rectify_days ?? (grade === 'major' ? settings.defaultMajorRectifyDays : settings.defaultRectifyDays);
          const responsible = await checkResponsible(tx, body.responsible, 'body/responsible');
          sets.push(sql`category = ${category}`, sql`grade = ${grade}`, sql`major_basis = ${grade === 'major' ? basis : null}`, sql`rectify_days = ${rectifyDays}::int`);
          if (responsible) sets.push(sql`responsible = ${JSON.stringify({ ...h.responsible, ...responsible })}::jsonb`);
          if (category !== h.category || grade !== h.grade) {
            // The hazard is counted as found under its confirmed category and grade.
            const foundDay = dayOf(new Date(toIso(h.created_at) ?? at));
            await bumpStats(tx, statKey(h, foundDay), { found: -1 });
            await bumpStats(tx, { ...statKey(h, foundDay), category, grade }, { found: 1 });
            Object.assign(data, { category: [h.category, category], grade: [h.grade, grade] });
          }
          data.rectifyDays = rectifyDays;
          break;
        }
        case 'reject': {
          requireFields(body, ['reason']);
          sets.push(sql`reject_reason = ${body.reason?.trim() ?? ''}`);
          comment = body.reason?.trim() ?? comment;
          await bumpStats(tx, statKey(h, day), { rejected: 1 });
          break;
        }
        case 'issue': {
          const rectifyDays = body.rectifyDays ?? h.rectify_days ?? (h.grade === 'major' ? settings.defaultMajorRectifyDays : settings.defaultRectifyDays);
          const dl = await deadlineFrom(tx, day, rectifyDays);
          const responsible = await checkResponsible(tx, body.responsible, 'body/responsible');
          const merged = { ...h.responsible, ...(responsible ?? {}) };
          sets.push(sql`rectify_days = ${rectifyDays}::int`, sql`deadline = ${dl.date}::date`, sql`calendar_version = ${dl.version}`,
            sql`responsible = ${JSON.stringify(merged)}::jsonb`);
          Object.assign(data, { deadline: dl.date, rectifyDays, calendarVersion: dl.version });
          notices.push({ users: await responsibleUsers(tx, { ...h, responsible: merged }), notice: {
            kind: 'hazard.issued', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:issued:${at}`,
            title: { zh: `隐患整改通知 ${h.code}`, en: `Rectification order ${h.code}` },
            body: { zh: `${h.description.slice(0, 200)}\n整改期限：${dl.date}`, en: `${h.description.slice(0, 200)}\nDeadline: ${dl.date}` },
          } });
          break;
        }
        case 'submit': {
          await attachEvidence(true);
          evidencePhase = 'after';
          sets.push(sql`rectified_by = ${actor.userId}::bigint`, sql`submitted_at = ${at}::timestamptz`);
          break;
        }
        case 'accept': {
          await attachEvidence(false);
          const onTime = h.deadline === null || day <= h.deadline;
          sets.push(sql`accepted_by = ${actor.userId}::bigint`, sql`closed_at = ${at}::timestamptz`, sql`closed_on_time = ${onTime}`);
          data.onTime = onTime;
          if (h.listed_at && !h.delisted_at) {
            sets.push(sql`delisted_at = ${at}::timestamptz`);
            data.delisted = true;
          }
          await bumpStats(tx, statKey(h, day), { rectified: 1, rectified_on_time: onTime ? 1 : 0 });
          break;
        }
        case 'return': {
          requireFields(body, ['reason']);
          comment = body.reason?.trim() ?? comment;
          await attachEvidence(false);
          sets.push(sql`submitted_at = NULL`);
          notices.push({ users: await responsibleUsers(tx, h), notice: {
            kind: 'hazard.returned', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:returned:${at}`,
            title: { zh: `隐患整改被退回 ${h.code}`, en: `Rectification returned ${h.code}` }, body: { zh: comment ?? '', en: comment ?? '' },
          } });
          break;
        }
        case 'request_extension': {
          requireFields(body, ['extensionDays', 'reason']);
          if (h.extensions >= settings.maxExtensions) {
            throw new AppError('INVALID_TRANSITION', `At most ${settings.maxExtensions} extensions are allowed`, { reason: { zh: `最多可延期 ${settings.maxExtensions} 次`, en: `At most ${settings.maxExtensions} extensions` } });
          }
          const req = { days: body.extensionDays, reason: body.reason?.trim(), byId: actor.userId, byName: actorLabel(actor), at };
          sets.push(sql`extension_request = ${JSON.stringify(req)}::jsonb`);
          comment = body.reason?.trim() ?? comment;
          data.days = body.extensionDays;
          break;
        }
        case 'approve_extension': {
          const req = h.extension_request;
          const days = body.extensionDays ?? req?.days ?? 0;
          const cal = await cfg.calendar(tx);
          const base = h.deadline ?? day;
          const r = addWorkingDays(base, days, cal);
          if (!r.ok) throw fieldError('body/extensionDays', r.errors.map((e) => e.message.en).join('; '));
          sets.push(sql`deadline = ${r.value.date}::date`, sql`calendar_version = ${cal.version}`, sql`extension_request = NULL`, sql`extensions = extensions + 1`);
          Object.assign(data, { days, deadline: [h.deadline, r.value.date] });
          break;
        }
        case 'deny_extension': {
          sets.push(sql`extension_request = NULL`);
          comment = body.reason?.trim() || comment;
          break;
        }
        case 'reopen': {
          requireFields(body, ['reason']);
          comment = body.reason?.trim() ?? comment;
          if (t.to === 'rectifying') {
            const rectifyDays = body.rectifyDays ?? h.rectify_days ?? settings.defaultRectifyDays;
            const dl = await deadlineFrom(tx, day, rectifyDays);
            sets.push(sql`closed_at = NULL`, sql`closed_on_time = NULL`, sql`accepted_by = NULL`, sql`rectified_by = NULL`, sql`submitted_at = NULL`,
              sql`deadline = ${dl.date}::date`, sql`calendar_version = ${dl.version}`, sql`rectify_days = ${rectifyDays}::int`);
            data.deadline = dl.date;
          } else {
            sets.push(sql`reject_reason = NULL`);
          }
          await bumpStats(tx, statKey(h, day), { reopened: 1 });
          break;
        }
        case 'assign': {
          requireFields(body, ['responsible']);
          const responsible = await checkResponsible(tx, body.responsible, 'body/responsible');
          const merged = { ...h.responsible, ...(responsible ?? {}) };
          sets.push(sql`responsible = ${JSON.stringify(merged)}::jsonb`);
          data.responsible = Object.fromEntries(RESPONSIBILITY_ROLES.map((k) => [k, merged[k]?.name ?? null]));
          break;
        }
        case 'set_plan': {
          requireFields(body, ['plan']);
          const plan = body.plan ?? {};
          sets.push(sql`plan = ${JSON.stringify(plan)}::jsonb`);
          data.complete = planComplete(plan);
          await attachEvidence(false);
          evidencePhase = 'plan';
          break;
        }
        case 'list': {
          const district = await repo.ancestorAt(tx, h.unit_path, 'district');
          const unitId = district?.id ?? actor.grants.find((g) => g.permissions.includes('hazard.supervise'))?.unitId ?? null;
          sets.push(sql`listed_at = ${at}::timestamptz`, sql`listed_by = ${actor.userId}::bigint`, sql`listed_unit_id = ${unitId}::bigint`, sql`delisted_at = NULL`);
          data.unit = district ? { code: district.code, name: district.name } : null;
          data.planComplete = planComplete(h.plan);
          notices.push({ users: await responsibleUsers(tx, h), notice: {
            kind: 'hazard.listed', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:listed`,
            title: { zh: `重大隐患挂牌督办 ${h.code}`, en: `Major hazard listed for supervision ${h.code}` },
            body: { zh: '请按治理方案（目标任务、方法措施、经费物资、机构人员、时限要求、安全措施和应急预案）落实整改。', en: 'Carry out the treatment plan (objective, methods, funds, organization, time limit, safety measures and contingency plan).' },
          } });
          break;
        }
        default: {
          const never: never = action;
          throw new AppError('INVALID_TRANSITION', `Unknown action ${String(never)}`);
        }
      }

      await repo.update(tx, id, sets, at);
      const eventId = await repo.insertEvent(tx, {
        hazardId: id, at, actorId: actor.userId, actorName: actorLabel(actor), action, from: h.state, to: t.to, comment, evidence, data,
      });
      if (evidence.length) await repo.addFiles(tx, id, evidence, evidencePhase, eventId);
      if (action === 'accept' && data.delisted) {
        await repo.insertEvent(tx, { hazardId: id, at, actorId: actor.userId, actorName: actorLabel(actor), action: 'delist', from: t.to, to: t.to, comment: null, evidence: [], data: {} });
      }
      if (action === 'submit') {
        const acceptors = h.grid_id ? await acceptorsFor(tx, h) : [];
        notices.push({ users: acceptors.filter((u) => u !== actor.userId), notice: {
          kind: 'hazard.submitted', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:submitted:${at}`,
          title: { zh: `隐患整改待验收 ${h.code}`, en: `Rectification awaiting acceptance ${h.code}` }, body: { zh: comment ?? '', en: comment ?? '' },
        } });
      }
      for (const n of notices) await notifyIfAny(tx, n.users, n.notice);
      await audit.write(tx, actor, { action: `hazard.${action}`, objectType: 'hazard', objectId: id, summary: { code: h.code, from: h.state, to: t.to, ...data } });
      return id;
    });
    return get(actor, result);
  }

  /** Who accepts: the named checker and follow-up person, and the community's officials who may accept. */
  async function acceptorsFor(ex: Executor, h: HazardDbRow): Promise<string[]> {
    const ids = new Set<string>();
    for (const k of ['checks', 'followsUp'] as const) {
      const uid = h.responsible?.[k]?.userId;
      if (uid) ids.add(uid);
    }
    const community = await repo.ancestorAt(ex, h.unit_path, 'community');
    if (community) for (const u of await officialsAt(ex, community.id, ['hazard.accept'])) ids.add(u);
    return [...ids];
  }

  async function get(actor: Actor, id: string): Promise<HazardBundle> {
    const row = await loadVisible(actor, id);
    const [events, files, sources, escalations, signatures] = await Promise.all([
      repo.events(db, id), repo.files(db, id), repo.sources(db, id), repo.escalations(db, id), repo.sourceSignatures(db, id),
    ]);
    return { row, events, files, sources, escalations, signatures, abilities: abilitiesOf(actor, row) };
  }

  // ---- escalation ----

  /**
   * The scheduler's sweep: for each open hazard past its deadline, records the overdue notice
   * (level 0, the day after the deadline) and each escalation level that is due (level L after
   * L × N working days), each exactly once — the (hazard, level) key and the row lock make this
   * safe with several instances and when catching up after downtime.
   */
  async function escalateDue(now: Date = clock.now(), instance = 'local'): Promise<{ hazards: number; steps: number }> {
    const settings = await cfg.settings();
    const cal = await cfg.calendar();
    const day = dayOf(now);
    const maxLevel = settings.maxEscalationLevel;
    let after = '0';
    let hazards = 0;
    let steps = 0;
    for (;;) {
      const batch = await repo.overdueCandidates(db, day, maxLevel, after, 200);
      if (batch.length === 0) break;
      for (const { id } of batch) {
        after = id;
        const n = await db.tx(async (tx) => {
          const h = await repo.byId(tx, id, true);
          if (!h || !h.deadline || !['confirmed', 'rectifying'].includes(h.state) || h.deadline >= day) return 0;
          let done = 0;
          for (let level = 0; level <= maxLevel; level++) {
            const dueOn = level === 0 ? addCalendarDays(h.deadline, 1) ?? h.deadline : (() => {
              const r = addWorkingDays(h.deadline ?? day, level * settings.escalateAfterWorkingDays, cal);
              return r.ok ? r.value.date : null;
            })();
            if (!dueOn || dueOn > day) break;
            const spec = ESCALATION_LEVELS[level];
            if (!spec) break;
            const unit = level === 0 ? (h.grid_id ? { id: h.grid_id, code: h.grid_code ?? '', name: h.grid_name ?? '' } : null) : await repo.ancestorAt(tx, h.unit_path, spec.unitLevel);
            const inserted = await repo.insertEscalation(tx, { hazardId: id, level, unitId: unit?.id ?? null, dueOn, at: now.toISOString(), instance });
            if (!inserted) continue;
            done++;
            const at = now.toISOString();
            await repo.insertEvent(tx, {
              hazardId: id, at, actorId: null, actorName: '系统 / system', action: level === 0 ? 'overdue' : 'escalate', from: h.state, to: h.state,
              comment: null, evidence: [], data: { level, dueOn, unit: unit ? { code: unit.code, name: unit.name } : null, deadline: h.deadline },
            });
            await repo.update(tx, id, level === 0 ? [sql`overdue_since = ${dueOn}::date`] : [sql`escalation_level = GREATEST(escalation_level, ${level})`], at);
            if (level === 0) await bumpStats(tx, statKey(h, dueOn), { overdue: 1 });
            if (level === 1) await bumpStats(tx, statKey(h, dueOn), { escalated: 1 });
            const users = new Set(await responsibleUsers(tx, h));
            if (level > 0 && unit) for (const u of await officialsAt(tx, unit.id, ['hazard.supervise', 'hazard.confirm'])) users.add(u);
            await notifyIfAny(tx, [...users], {
              kind: level === 0 ? 'hazard.overdue' : 'hazard.escalated', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:escalation:${level}`,
              title: level === 0
                ? { zh: `隐患逾期未整改 ${h.code}`, en: `Hazard overdue ${h.code}` }
                : { zh: `隐患逾期上报至${spec.zh}级 ${h.code}`, en: `Overdue hazard escalated to the ${spec.en} ${h.code}` },
              body: { zh: `整改期限 ${h.deadline}；${h.description.slice(0, 200)}`, en: `Deadline ${h.deadline}; ${h.description.slice(0, 200)}` },
            });
            await audit.write(tx, SYSTEM, { action: level === 0 ? 'hazard.overdue' : 'hazard.escalate', objectType: 'hazard', objectId: id, summary: { code: h.code, level, dueOn } });
          }
          return done;
        });
        if (n > 0) hazards++;
        steps += n;
      }
    }
    return { hazards, steps };
  }

  // ---- my work ----

  async function workFor(actor: Actor, todayStr: string): Promise<WorkItem[]> {
    const out: WorkItem[] = [];
    const cols = { path: sql`h.unit_path`, industry: sql`h.industry_code`, enterprise: sql`h.enterprise_id` };
    const add = async (kind: WorkItem['kind'], perm: Permission, cond: SQL) => {
      if (!can(actor, perm)) return;
      const rows = await db.rows<{ id: string; code: string; description: string; state: HazardState; deadline: string | null }>(sql`
        SELECT h.id, h.code, h.description, h.state, h.deadline::text AS deadline FROM hazards h
        WHERE ${scopeSql(actor, perm, cols)} AND ${cond} ORDER BY h.deadline NULLS LAST, h.id LIMIT 100`);
      for (const r of rows) {
        out.push({
          kind, id: r.id, code: r.code, title: r.description.slice(0, 80), state: r.state, dueDate: r.deadline,
          overdue: isOverdue(r, todayStr), daysOverdue: daysOverdue(r, todayStr), link: { type: 'hazard', id: r.id },
        });
      }
    };
    const me = actor.userId ?? '0';
    await add('hazard_confirm', 'hazard.confirm', sql`h.state IN ('reported', 'confirmed')`);
    await add('hazard_rectify', 'hazard.rectify', sql`h.state = 'rectifying' AND h.extension_request IS NULL`);
    await add('hazard_accept', 'hazard.accept', sql`h.state = 'submitted' AND h.rectified_by IS DISTINCT FROM ${me}::bigint`);
    await add('hazard_extension', 'hazard.extend', sql`h.state = 'rectifying' AND h.extension_request IS NOT NULL AND (h.extension_request->>'byId') IS DISTINCT FROM ${me}`);
    await add('hazard_list', 'hazard.supervise', sql`h.grade = 'major' AND h.listed_at IS NULL AND h.state IN ('confirmed', 'rectifying', 'submitted')`);
    await add('hazard_supervise', 'hazard.supervise', sql`h.state IN ('confirmed', 'rectifying', 'submitted') AND ((h.listed_at IS NOT NULL AND h.delisted_at IS NULL) OR h.escalation_level > 0)`);
    return out;
  }

  // ---- figures ----

  async function stats(actor: Actor, q: StatsQuery) {
    if (!can(actor, 'stats.read')) throw new AppError('FORBIDDEN', 'Missing permission stats.read');
    if (q.from > q.to) throw fieldError('query/to', 'must not be before from');
    if ((addCalendarDays(q.from, 3 * 366) ?? '') < q.to) throw fieldError('query/to', 'the period may be at most three years');
    if (q.category && !isHazardCategory(q.category)) throw fieldError('query/category', 'unknown hazard category');
    let unit: { code: string; name: string; path: string } | undefined;
    if (q.unit) {
      unit = await repo.unitByCode(db, q.unit);
      if (!unit) throw fieldError('query/unit', 'unknown unit');
    } else {
      const g = actor.kind === 'system' ? null : actor.grants.find((x) => x.permissions.includes('stats.read'));
      unit = g ? { code: g.unitCode, name: g.unitName, path: g.unitPath } : await repo.unitByCode(db, 'root');
      if (!unit) throw notFound('unit');
    }
    const scope = scopeSql(actor, 'stats.read', { path: sql`s.unit_path`, industry: sql`NULLIF(s.industry_code, '')` });
    // A reader who sees the whole unit (no industry or enterprise limit there) may read its roll-up.
    const wholeUnit = inScope(actor, 'stats.read', { path: unit.path, industryCode: null, enterpriseId: null });
    const base = { scope, unitPath: unit.path, from: q.from, to: q.to, wholeUnit, ...(q.category ? { category: q.category } : {}), ...(q.grade ? { grade: q.grade } : {}) };
    const by: StatsGroupBy = q.by ?? 'category';
    const [totalRows, groupRows] = await Promise.all([queryStats(db, { ...base, by: 'total' }), queryStats(db, { ...base, by })]);
    const figures = (r: StatsRow | undefined) => ({
      found: r?.found ?? 0, rejected: r?.rejected ?? 0, rectified: r?.rectified ?? 0, rectifiedOnTime: r?.rectified_on_time ?? 0,
      onTimeRate: r && r.rectified > 0 ? Math.round((r.rectified_on_time / r.rectified) * 10000) / 10000 : null,
      overdue: r?.overdue ?? 0, escalated: r?.escalated ?? 0, reopened: r?.reopened ?? 0,
    });
    let unitNames = new Map<string, { zh: string; en: string }>();
    if (by === 'unit' && groupRows.length) {
      const rows = await db.rows<{ path: string; name: string }>(sql`SELECT path::text AS path, name FROM units
        WHERE path = ANY(${`{${groupRows.map((g) => g.key).join(',')}}`}::ltree[])`);
      unitNames = new Map(rows.map((r) => [r.path, { zh: r.name, en: r.name }]));
    }
    const label = (key: string) => {
      if (by === 'category') {
        const c = HAZARD_CATEGORIES.find((x) => x.code === key);
        return c ? { zh: c.zh, en: c.en } : { zh: key, en: key };
      }
      if (by === 'grade') return GRADE_NAMES[key as 'general' | 'major'] ?? { zh: key, en: key };
      if (by === 'unit') return unitNames.get(key) ?? { zh: key.split('.').pop() ?? key, en: key.split('.').pop() ?? key };
      return { zh: key, en: key };
    };
    const hscope = scopeSql(actor, 'stats.read', { path: sql`h.unit_path`, industry: sql`h.industry_code` });
    const open = wholeUnit && unit.path.split('.').length <= ROLLUP_DEPTH
      ? await queryOpenCounts(db, { unitPath: unit.path, today: today(), ...(q.category ? { category: q.category } : {}), ...(q.grade ? { grade: q.grade } : {}) })
      : await db.one<{ open: number; overdue: number; listed: number }>(sql`SELECT count(*)::int AS open,
        count(*) FILTER (WHERE h.state IN ('confirmed', 'rectifying') AND h.deadline < ${today()}::date)::int AS overdue,
        count(*) FILTER (WHERE h.listed_at IS NOT NULL AND h.delisted_at IS NULL)::int AS listed
      FROM hazards h WHERE h.state IN ('reported', 'confirmed', 'rectifying', 'submitted') AND h.unit_path <@ ${unit.path}::ltree AND ${hscope}
        ${q.category ? sql`AND h.category = ${q.category}` : sql``} ${q.grade ? sql`AND h.grade = ${q.grade}` : sql``}`);
    return {
      unit: { code: unit.code, name: unit.name },
      from: q.from,
      to: q.to,
      totals: figures(totalRows[0]),
      groups: groupRows.map((g) => ({ key: by === 'unit' ? g.key.split('.').pop() ?? g.key : g.key, label: label(g.key), ...figures(g) })),
      openNow: open ?? { open: 0, overdue: 0, listed: 0 },
    };
  }

  async function calendarView() {
    const c = await cfg.calendar();
    return { version: c.version, source: c.source, coverage: { ...c.coverage }, holidays: [...c.holidays], workdays: [...c.workdays] };
  }

  return {
    factsOf,
    abilitiesOf,
    today,
    config: cfg,

    /** Registers a hazard from any source; in the caller's transaction when `tx` is given. */
    create(actor: Actor, input: CreateHazardInput, tx?: Executor): Promise<{ id: string; code: string }> {
      return tx ? createIn(tx, actor, input) : db.tx((t) => createIn(t, actor, input));
    },

    /** Points another source (e.g. a duplicate resident report) at an existing hazard. */
    async linkSource(actor: Actor, hazardId: string, link: { source: string; sourceId: string }, tx?: Executor): Promise<void> {
      const run = async (ex: Executor) => {
        const h = await loadVisible(actor, hazardId, ex, true);
        if (!link.sourceId.trim() || link.sourceId.length > 64) throw fieldError('body/sourceId', 'must be 1 to 64 characters');
        const at = clock.now().toISOString();
        const added = await repo.linkSource(ex, h.id, link.source, link.sourceId, at, actor.userId);
        if (!added) return;
        await repo.insertEvent(ex, {
          hazardId: h.id, at, actorId: actor.userId, actorName: actorLabel(actor), action: 'link_source', from: h.state, to: h.state,
          comment: null, evidence: [], data: { source: link.source, sourceId: link.sourceId },
        });
        await repo.update(ex, h.id, [], at);
        await audit.write(ex, actor, { action: 'hazard.link_source', objectType: 'hazard', objectId: h.id, summary: { source: link.source, sourceId: link.sourceId } });
      };
      await (tx ? run(tx) : db.tx(run));
    },

    /** What a resident may see: the state and dated notes, no names and no personal data. */
    async publicStatus(hazardId: string): Promise<PublicHazardStatus | null> {
      if (!/^[0-9]{1,19}$/.test(hazardId)) return null;
      const h = await repo.byId(db, hazardId);
      if (!h) return null;
      const events = await repo.publicEvents(db, hazardId);
      const notes: PublicHazardStatus['notes'] = [];
      for (const e of events) {
        const base = PUBLIC_NOTES[e.action];
        if (!base) continue;
        let text = base;
        if (e.action === 'issue' && typeof e.data.deadline === 'string') {
          text = { zh: `${base.zh}，整改期限 ${e.data.deadline}`, en: `${base.en}; deadline ${e.data.deadline}` };
        }
        notes.push({ at: toIso(e.at) ?? '', text });
      }
      const closedAt = h.state === 'closed' ? h.closed_at : h.state === 'rejected' ? h.updated_at : null;
      return {
        state: h.state,
        publicState: CLOSED_STATES.includes(h.state) ? 'closed' : 'open',
        closedAt: toIso(closedAt),
        updatedAt: toIso(h.updated_at) ?? '',
        notes,
      };
    },

    async list(actor: Actor, q: HazardListQuery) {
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const states = q.state ? q.state.split(',').map((s) => s.trim()).filter(Boolean) : [];
      for (const s of states) if (!(HAZARD_STATES as readonly string[]).includes(s)) throw fieldError('query/state', `unknown state ${s}`);
      if (q.category && !isHazardCategory(q.category)) throw fieldError('query/category', 'unknown hazard category');
      let unitPath: string | undefined;
      if (q.unit) {
        const u = await repo.unitByCode(db, q.unit);
        if (!u) throw fieldError('query/unit', 'unknown unit');
        unitPath = u.path;
      }
      const rows = await repo.list(db, scopeSql(actor, 'hazard.read', { path: sql`h.unit_path`, industry: sql`h.industry_code`, enterprise: sql`h.enterprise_id` }), {
        states: states as HazardState[], ...(q.category ? { category: q.category } : {}), ...(q.grade ? { grade: q.grade } : {}),
        ...(q.source ? { source: q.source } : {}), ...(unitPath ? { unitPath } : {}), ...(q.placeId ? { placeId: q.placeId } : {}),
        ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}), ...(q.overdue ? { overdueBefore: today() } : {}),
        ...(q.listed !== undefined ? { listed: q.listed } : {}), ...(q.q ? { q: q.q } : {}), ...(after ? { beforeId: String(after[0]) } : {}), limit,
      });
      const page = pageOf(rows, limit, (r) => [r.id]);
      const d = today();
      return { items: page.items.map((r) => presentHazardRow(r, d, abilitiesOf(actor, r))), nextCursor: page.nextCursor };
    },

    get,
    act,
    escalateDue,
    workFor,
    stats,

    /** Hazards raised from one source record (e.g. an inspection), for its own page. */
    async bySource(actor: Actor, source: string, sourceId: string) {
      const rows = await db.rows<{ id: string }>(sql`SELECT hazard_id AS id FROM hazard_sources WHERE source = ${source} AND source_id = ${sourceId} ORDER BY hazard_id`);
      const out: HazardDbRow[] = [];
      for (const r of rows) {
        const h = await repo.byId(db, r.id);
        if (h && inScope(actor, 'hazard.read', targetOf(h))) out.push(h);
      }
      return out;
    },

    /** The file owner resolver: hazard photos are read with hazard.read in the hazard's scope. */
    async fileTarget(ex: Executor, id: string): Promise<ScopeTarget | null> {
      const h = await ex.one<{ unit_path: string; industry_code: string | null; enterprise_id: string | null }>(sql`
        SELECT unit_path::text AS unit_path, industry_code, enterprise_id FROM hazards WHERE id = ${id}::bigint`);
      return h ? targetOf(h) : null;
    },

    async getSettings(actor: Actor): Promise<HazardSettings> {
      if (!can(actor, 'hazard.supervise') && !can(actor, 'config.manage')) throw new AppError('FORBIDDEN');
      return cfg.settings();
    },

    async setSettings(actor: Actor, value: HazardSettings): Promise<HazardSettings> {
      if (!can(actor, 'config.manage')) throw new AppError('FORBIDDEN', 'Missing permission config.manage');
      const before = await cfg.settings();
      await db.tx(async (tx) => {
        await cfg.setSettings(tx, value, actor.userId);
        await audit.write(tx, actor, { action: 'hazard.settings', objectType: 'settings', objectId: 'hazards', summary: { before, after: value } });
      });
      return cfg.settings();
    },

    calendar: calendarView,

    async saveCalendar(actor: Actor, body: CalendarBody) {
      if (!can(actor, 'config.manage')) throw new AppError('FORBIDDEN', 'Missing permission config.manage');
      const problems = validateHolidayCalendar({ ...(await cfg.calendar()), ...body });
      if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message.en).join('; '), { fields: problems.map((p) => ({ field: 'body', message: p.message.en, code: p.code })) });
      await db.tx(async (tx) => {
        const ok = await cfg.saveCalendar(tx, body, actor.userId, clock.now().toISOString());
        if (!ok) throw new AppError('CONFLICT', 'This calendar version exists already; give a new version', { fields: [{ field: 'body/version', message: 'exists already' }] });
        await audit.write(tx, actor, { action: 'hazard.calendar', objectType: 'calendar', objectId: body.version, summary: { holidays: body.holidays.length, workdays: body.workdays.length } });
      });
      return calendarView();
    },

    stateName: (s: HazardState) => STATE_NAMES[s],
    actionName: (a: string) => (ACTION_NAMES as Record<string, { zh: string; en: string }>)[a],
  };
}
export type HazardsService = ReturnType<typeof createHazardsService>;
