// Registering a hazard: every source (inspection, patrol, resident report, enterprise
// self-inspection, hotline, drill, manual entry) comes through here.
import type { Actor, ScopeTarget } from '../../core/access.js';
import { can, inScope } from '../../core/access.js';
import { AppError, fieldError } from '../../core/errors.js';
import type { Executor } from '../../db/client.js';
import { locatePoint } from '../units/units.module.js';
import { isHazardCategory, type Responsibilities } from '../../../common/modules/hazards/hazards.contract.js';
import { ENTRY_STATE, type HazardSource } from '../../../common/modules/hazards/hazards.workflow.js';
import { actorLabel, type HazardsEnv } from './hazards.env.js';
import { hazardsRepository as repo } from './hazards.repository.js';
import { bumpStats } from './hazards.stats.js';

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

async function placeAndEnterprise(tx: Executor, input: CreateHazardInput) {
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
  return { enterpriseId, placeId, industryCode };
}

async function gridOf(tx: Executor, input: CreateHazardInput) {
  const located = await locatePoint(tx, input.lng, input.lat);
  let grid = located ? { id: located.gridId, path: located.path } : null;
  if (input.gridOverride) {
    const g = await repo.gridByCode(tx, input.gridOverride.gridCode);
    if (!g) throw fieldError('body/gridOverride/gridCode', 'unknown grid');
    if (!input.gridOverride.reason.trim()) throw fieldError('body/gridOverride/reason', 'a grid override needs a reason');
    grid = { id: g.id, path: g.path };
  }
  if (!grid) throw new AppError('OUTSIDE_JURISDICTION');
  return grid;
}

export function createRegister(env: HazardsEnv) {
  const { clock, audit } = env.ctx;
  return async function register(tx: Executor, actor: Actor, input: CreateHazardInput): Promise<{ id: string; code: string }> {
    if (!isHazardCategory(input.category)) throw fieldError('body/category', 'unknown hazard category');
    const grade = input.grade ?? 'general';
    if (grade === 'major' && !input.majorBasis?.trim()) throw fieldError('body/majorBasis', 'a major hazard needs the basis of the judgment (判定依据)');
    if (!input.description.trim()) throw fieldError('body/description', 'must not be empty');
    const { enterpriseId, placeId, industryCode } = await placeAndEnterprise(tx, input);
    const grid = await gridOf(tx, input);
    const target: ScopeTarget = { path: grid.path, industryCode, enterpriseId };
    if (!can(actor, 'hazard.report')) throw new AppError('FORBIDDEN', 'Missing permission hazard.report');
    if (!inScope(actor, 'hazard.report', target)) throw new AppError('OUT_OF_SCOPE');
    const responsible = await env.checkResponsible(tx, input.responsible, 'body/responsible');

    const now = clock.now();
    const day = env.dayOf(now);
    const at = now.toISOString();
    const settings = await env.cfg.settings(tx);
    const state = ENTRY_STATE[input.source];
    let rectifyDays: number | null = input.rectifyDays ?? null;
    if (state === 'rectifying') rectifyDays ??= grade === 'major' ? settings.defaultMajorRectifyDays : settings.defaultRectifyDays;
    const resp: Responsibilities = responsible ?? {};
    if (!resp.checks && actor.kind === 'user') resp.checks = { userId: actor.userId, name: actor.displayName || actor.username };

    const code = await repo.nextCode(tx, day);
    const id = await repo.insert(tx, {
      code, state, source: input.source, placeId, enterpriseId, industryCode, lng: input.lng, lat: input.lat, gridId: grid.id, unitPath: grid.path,
      gridOverride: !!input.gridOverride, gridOverrideReason: input.gridOverride?.reason ?? null, category: input.category, grade,
      majorBasis: grade === 'major' ? input.majorBasis ?? null : null, description: input.description.trim(),
      reportedBy: actor.kind === 'user' ? actor.userId : null, rectifyDays, deadline: null, calendarVersion: null, responsible: resp, at,
    });
    // A hazard that starts in rectification starts its first deadline episode.
    let deadline: { date: string; provisional: boolean } | null = null;
    if (state === 'rectifying' && rectifyDays !== null) {
      const dl = await env.deps.deadlines.start(tx, { subjectType: 'hazard', subjectId: id, reason: 'create', startedOn: day, workingDays: rectifyDays, at, field: 'body/rectifyDays' });
      deadline = dl;
      await repo.applyPatch(tx, id, { deadline: dl.date, calendar_version: dl.version, deadline_provisional: dl.provisional }, at);
    }
    if (input.sourceId) await repo.linkSource(tx, id, input.source, input.sourceId, at, actor.userId);
    const photos = input.photoIds?.length ? await env.deps.files.attach(tx, actor, input.photoIds, { type: 'hazard', id }) : [];
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
        await env.notifyIfAny(tx, (await env.responsibleUsers(tx, h)).filter((u) => u !== actor.userId), {
          kind: 'hazard.issued', object: { type: 'hazard', id }, dedupeKey: `hazard:${id}:issued:0`,
          title: { zh: `隐患整改通知 ${code}`, en: `Rectification order ${code}` },
          body: { zh: `${input.description.slice(0, 200)}\n整改期限：${deadline?.date ?? ''}`, en: `${input.description.slice(0, 200)}\nDeadline: ${deadline?.date ?? ''}` },
        });
      }
    }
    return { id, code };
  };
}
