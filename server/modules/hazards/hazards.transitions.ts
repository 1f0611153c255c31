// Every change of a hazard's state goes through `act`: the transition table of
// common/modules/hazards/hazards.workflow.ts (permission in scope, guard), then the action's handler
// from the map below, which returns the patch of columns (written by the repository in one UPDATE)
// and adds what the step records — event data, evidence, notices. Event, files, notifications and
// the audit row are written in the same transaction.
import type { Actor } from '../../core/access.js';
import { can, pathWithin } from '../../core/access.js';
import { AppError, fieldError } from '../../core/errors.js';
import { toIso, type Executor } from '../../db/client.js';
import { isHazardCategory, RESPONSIBILITY_ROLES, type HazardActionBody, type HazardSettings } from '../../../common/modules/hazards/hazards.contract.js';
import { planComplete, TRANSITIONS, transitionFor, type HazardAction, type HazardState } from '../../../common/modules/hazards/hazards.workflow.js';
import type { Notice } from '../notifications/notifications.module.js';
import { actorLabel, factsOf, permitted, statKey, targetOf, type HazardsEnv } from './hazards.env.js';
import { hazardsRepository as repo, type HazardDbRow, type HazardPatch } from './hazards.repository.js';
import { bumpStats } from './hazards.stats.js';

/** One transition being applied: its inputs, and what the handler adds besides the patch. */
export interface ActStep {
  env: HazardsEnv;
  tx: Executor;
  actor: Actor;
  h: HazardDbRow;
  to: HazardState;
  body: HazardActionBody;
  at: string;
  day: string;
  settings: HazardSettings;
  data: Record<string, unknown>;
  notices: Array<{ users: string[]; notice: Notice }>;
  evidence: string[];
  evidencePhase: 'after' | 'evidence' | 'plan';
  comment: string | null;
  /** A 'delist' event follows the action's own. */
  delisted: boolean;
}

type Handler = (s: ActStep) => Promise<HazardPatch>;

function requireFields(body: HazardActionBody, fields: Array<keyof HazardActionBody>): void {
  for (const f of fields) {
    const v = body[f];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && v.length === 0)) {
      throw fieldError(`body/${f}`, 'is required for this action');
    }
  }
}

async function attachEvidence(s: ActStep, required: boolean): Promise<void> {
  if (required) requireFields(s.body, ['evidence']);
  if (s.body.evidence?.length) {
    s.evidence = (await s.env.deps.files.attach(s.tx, s.actor, s.body.evidence, { type: 'hazard', id: s.h.id }, 'body/evidence')).map((f) => f.id);
  }
}

/** A new deadline is a new episode of the hazard's clock: its own overdue notice and escalation steps. */
async function newDeadline(s: ActStep, reason: string, startedOn: string, days: number, field: string): Promise<HazardPatch> {
  const dl = await s.env.deps.deadlines.start(s.tx, { subjectType: 'hazard', subjectId: s.h.id, reason, startedOn, workingDays: days, at: s.at, field });
  s.data.episode = dl.episode;
  if (dl.provisional) s.data.provisionalYears = dl.provisionalYears;
  return { deadline: dl.date, calendar_version: dl.version, deadline_provisional: dl.provisional, escalation_level: 0, overdue_since: null };
}

function defaultDays(s: ActStep, grade: 'general' | 'major' = s.h.grade): number {
  return grade === 'major' ? s.settings.defaultMajorRectifyDays : s.settings.defaultRectifyDays;
}

/** The district (or higher) grant a waiver of listing needs. */
async function requireDistrictSupervisor(s: ActStep): Promise<void> {
  if (s.actor.kind === 'system') return;
  const district = await repo.ancestorAt(s.tx, s.h.unit_path, 'district');
  const ok = s.actor.grants.some((g) => g.permissions.includes('hazard.supervise') && g.industryCode === null && g.enterpriseId === null
    && (g.unitPath === 'root' || (district !== undefined && pathWithin(district.path, g.unitPath))));
  if (!ok) throw new AppError('LISTING_WAIVER_DISTRICT_ONLY');
}

export const TRANSITION_HANDLERS: { readonly [A in HazardAction]: Handler } = {
  async confirm(s) {
    const { h, body } = s;
    const category = body.category ?? h.category;
    if (!isHazardCategory(category)) throw fieldError('body/category', 'unknown hazard category');
    const grade = body.grade ?? h.grade;
    const basis = body.majorBasis ?? h.major_basis;
    if (grade === 'major' && !basis?.trim()) throw fieldError('body/majorBasis', 'a major hazard needs the basis of the judgment (判定依据)');
    const rectifyDays = body.rectifyDays ?? h.rectify_days ?? defaultDays(s, grade);
    const responsible = await s.env.checkResponsible(s.tx, body.responsible, 'body/responsible');
    if (category !== h.category || grade !== h.grade) {
      // The hazard is counted as found under its confirmed category and grade.
      const foundDay = s.env.dayOf(new Date(toIso(h.created_at) ?? s.at));
      await bumpStats(s.tx, statKey(h, foundDay), { found: -1 });
      await bumpStats(s.tx, { ...statKey(h, foundDay), category, grade }, { found: 1 });
      Object.assign(s.data, { category: [h.category, category], grade: [h.grade, grade] });
    }
    s.data.rectifyDays = rectifyDays;
    return {
      category, grade, major_basis: grade === 'major' ? basis : null, rectify_days: rectifyDays,
      ...(responsible ? { responsible: { ...h.responsible, ...responsible } } : {}),
    };
  },

  async reject(s) {
    requireFields(s.body, ['reason']);
    const reason = s.body.reason?.trim() ?? '';
    s.comment = reason || s.comment;
    await bumpStats(s.tx, statKey(s.h, s.day), { rejected: 1 });
    await s.env.deps.deadlines.close(s.tx, 'hazard', s.h.id, s.at, 'rejected');
    return { reject_reason: reason };
  },

  async issue(s) {
    const { h } = s;
    const rectifyDays = s.body.rectifyDays ?? h.rectify_days ?? defaultDays(s);
    const deadline = await newDeadline(s, 'issue', s.day, rectifyDays, 'body/rectifyDays');
    const responsible = await s.env.checkResponsible(s.tx, s.body.responsible, 'body/responsible');
    const merged = { ...h.responsible, ...(responsible ?? {}) };
    Object.assign(s.data, { deadline: deadline.deadline, rectifyDays, calendarVersion: deadline.calendar_version });
    s.notices.push({ users: await s.env.responsibleUsers(s.tx, { ...h, responsible: merged }), notice: {
      kind: 'hazard.issued', object: { type: 'hazard', id: h.id }, dedupeKey: `hazard:${h.id}:issued:${s.at}`,
      title: { zh: `隐患整改通知 ${h.code}`, en: `Rectification order ${h.code}` },
      body: { zh: `${h.description.slice(0, 200)}\n整改期限：${deadline.deadline ?? ''}`, en: `${h.description.slice(0, 200)}\nDeadline: ${deadline.deadline ?? ''}` },
    } });
    return { rectify_days: rectifyDays, ...deadline, responsible: merged };
  },

  async submit(s) {
    await attachEvidence(s, true);
    s.evidencePhase = 'after';
    return { rectified_by: s.actor.userId, submitted_at: s.at };
  },

  async accept(s) {
    await attachEvidence(s, false);
    const onTime = s.h.deadline === null || s.day <= s.h.deadline;
    s.data.onTime = onTime;
    const patch: HazardPatch = { accepted_by: s.actor.userId, closed_at: s.at, closed_on_time: onTime };
    if (s.h.listed_at && !s.h.delisted_at) {
      patch.delisted_at = s.at;
      s.data.delisted = true;
      s.delisted = true;
    }
    await bumpStats(s.tx, statKey(s.h, s.day), { rectified: 1, rectified_on_time: onTime ? 1 : 0 });
    await s.env.deps.deadlines.close(s.tx, 'hazard', s.h.id, s.at, 'closed');
    return patch;
  },

  async return(s) {
    requireFields(s.body, ['reason']);
    s.comment = s.body.reason?.trim() ?? s.comment;
    await attachEvidence(s, false);
    s.notices.push({ users: await s.env.responsibleUsers(s.tx, s.h), notice: {
      kind: 'hazard.returned', object: { type: 'hazard', id: s.h.id }, dedupeKey: `hazard:${s.h.id}:returned:${s.at}`,
      title: { zh: `隐患整改被退回 ${s.h.code}`, en: `Rectification returned ${s.h.code}` }, body: { zh: s.comment ?? '', en: s.comment ?? '' },
    } });
    return { submitted_at: null };
  },

  async request_extension(s) {
    requireFields(s.body, ['extensionDays', 'reason']);
    const max = s.settings.maxExtensions;
    if (s.h.extensions >= max) {
      throw new AppError('INVALID_TRANSITION', `At most ${max} extensions are allowed`, { reason: { zh: `最多可延期 ${max} 次`, en: `At most ${max} extensions` } });
    }
    const reason = s.body.reason?.trim();
    s.comment = reason ?? s.comment;
    s.data.days = s.body.extensionDays;
    return { extension_request: { days: s.body.extensionDays, reason, byId: s.actor.userId, byName: actorLabel(s.actor), at: s.at } };
  },

  async approve_extension(s) {
    const days = s.body.extensionDays ?? s.h.extension_request?.days ?? 0;
    const deadline = await newDeadline(s, 'extension', s.h.deadline ?? s.day, days, 'body/extensionDays');
    Object.assign(s.data, { days, deadline: [s.h.deadline, deadline.deadline] });
    return { ...deadline, extension_request: null, extensions: s.h.extensions + 1 };
  },

  async deny_extension(s) {
    s.comment = s.body.reason?.trim() || s.comment;
    return { extension_request: null };
  },

  async reopen(s) {
    requireFields(s.body, ['reason']);
    s.comment = s.body.reason?.trim() ?? s.comment;
    await bumpStats(s.tx, statKey(s.h, s.day), { reopened: 1 });
    if (s.to !== 'rectifying') return { reject_reason: null };
    const rectifyDays = s.body.rectifyDays ?? s.h.rectify_days ?? s.settings.defaultRectifyDays;
    const deadline = await newDeadline(s, 'reopen', s.day, rectifyDays, 'body/rectifyDays');
    s.data.deadline = deadline.deadline;
    return {
      closed_at: null, closed_on_time: null, accepted_by: null, rectified_by: null, submitted_at: null, rectify_days: rectifyDays, ...deadline,
    };
  },

  async assign(s) {
    requireFields(s.body, ['responsible']);
    const responsible = await s.env.checkResponsible(s.tx, s.body.responsible, 'body/responsible');
    const merged = { ...s.h.responsible, ...(responsible ?? {}) };
    s.data.responsible = Object.fromEntries(RESPONSIBILITY_ROLES.map((k) => [k, merged[k]?.name ?? null]));
    return { responsible: merged };
  },

  async set_plan(s) {
    requireFields(s.body, ['plan']);
    const plan = s.body.plan ?? {};
    s.data.complete = planComplete(plan);
    await attachEvidence(s, false);
    s.evidencePhase = 'plan';
    return { plan };
  },

  async list(s) {
    const { h } = s;
    const district = await repo.ancestorAt(s.tx, h.unit_path, 'district');
    const unitId = district?.id ?? s.actor.grants.find((g) => g.permissions.includes('hazard.supervise'))?.unitId ?? null;
    s.data.unit = district ? { code: district.code, name: district.name } : null;
    s.data.planComplete = planComplete(h.plan);
    s.notices.push({ users: await s.env.responsibleUsers(s.tx, h), notice: {
      kind: 'hazard.listed', object: { type: 'hazard', id: h.id }, dedupeKey: `hazard:${h.id}:listed`,
      title: { zh: `重大隐患挂牌督办 ${h.code}`, en: `Major hazard listed for supervision ${h.code}` },
      body: { zh: '请按治理方案（目标任务、方法措施、经费物资、机构人员、时限要求、安全措施和应急预案）落实整改。', en: 'Carry out the treatment plan (objective, methods, funds, organization, time limit, safety measures and contingency plan).' },
    } });
    return { listed_at: s.at, listed_by: s.actor.userId, listed_unit_id: unitId, delisted_at: null };
  },

  async waive_listing(s) {
    requireFields(s.body, ['reason']);
    await requireDistrictSupervisor(s);
    const reason = s.body.reason?.trim() ?? '';
    s.comment = reason;
    s.data.reason = reason;
    return { listing_waived_at: s.at, listing_waived_by: s.actor.userId, listing_waiver_reason: reason };
  },
};

export function createAct(env: HazardsEnv, get: (actor: Actor, id: string) => Promise<unknown>) {
  const { db, clock, audit } = env.ctx;
  return async function act<R>(actor: Actor, id: string, action: HazardAction, body: HazardActionBody): Promise<R> {
    // Permission first: a user who may never take this action is refused whatever the state.
    const perms = [...new Set(TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.permission))];
    if (!perms.some((p) => can(actor, p))) throw new AppError('FORBIDDEN', `Missing permission ${perms.join(' or ')}`);

    await db.tx(async (tx) => {
      const h = await env.loadVisible(actor, id, tx, true);
      const t = transitionFor(h.state, action);
      if (!t) throw new AppError('INVALID_TRANSITION', `Cannot ${action} a hazard that is ${h.state}`, { state: h.state, action });
      if (!permitted(actor, t, targetOf(h))) throw new AppError('OUT_OF_SCOPE');
      const failed = t.guard?.(factsOf(h), actor.userId);
      if (failed) throw new AppError(failed.code, failed.en, { reason: { zh: failed.zh, en: failed.en } });
      if (body.expectedUpdatedAt && new Date(body.expectedUpdatedAt).getTime() !== new Date(toIso(h.updated_at) ?? 0).getTime()) {
        throw new AppError('CONFLICT', 'The hazard was changed by someone else; reload it');
      }
      const now = clock.now();
      const s: ActStep = {
        env, tx, actor, h, to: t.to, body, at: now.toISOString(), day: env.dayOf(now), settings: await env.cfg.settings(tx),
        data: {}, notices: [], evidence: [], evidencePhase: 'evidence', comment: body.comment?.trim() || null, delisted: false,
      };
      const patch = await TRANSITION_HANDLERS[action](s);
      await repo.applyPatch(tx, id, { state: t.to, ...patch }, s.at);
      const eventId = await repo.insertEvent(tx, {
        hazardId: id, at: s.at, actorId: actor.userId, actorName: actorLabel(actor), action, from: h.state, to: t.to, comment: s.comment, evidence: s.evidence, data: s.data,
      });
      if (s.evidence.length) await repo.addFiles(tx, id, s.evidence, s.evidencePhase, eventId);
      if (s.delisted) {
        await repo.insertEvent(tx, { hazardId: id, at: s.at, actorId: actor.userId, actorName: actorLabel(actor), action: 'delist', from: t.to, to: t.to, comment: null, evidence: [], data: {} });
      }
      if (action === 'submit') {
        const acceptors = h.grid_id ? await env.acceptorsFor(tx, h) : [];
        s.notices.push({ users: acceptors.filter((u) => u !== actor.userId), notice: {
          kind: 'hazard.submitted', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:submitted:${s.at}`,
          title: { zh: `隐患整改待验收 ${h.code}`, en: `Rectification awaiting acceptance ${h.code}` }, body: { zh: s.comment ?? '', en: s.comment ?? '' },
        } });
      }
      for (const n of s.notices) await env.notifyIfAny(tx, n.users, n.notice);
      await audit.write(tx, actor, { action: `hazard.${action}`, objectType: 'hazard', objectId: id, summary: { code: h.code, from: h.state, to: t.to, ...s.data } });
    });
    return get(actor, id) as Promise<R>;
  };
}
