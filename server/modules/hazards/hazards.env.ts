// What the hazard use cases share: the module's context and dependencies, the configuration store,
// today's date, and the small look-ups every use case needs (visible hazard, responsible users,
// officials at a unit, notifications).
import type { Actor, ScopeTarget } from '../../core/access.js';
import { inScope } from '../../core/access.js';
import { fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { effectiveRole } from '../../core/roles.js';
import type { Executor } from '../../db/client.js';
import type { Permission } from '../../../common/permissions.js';
import { RESPONSIBILITY_ROLES, type Responsibilities } from '../../../common/modules/hazards/hazards.contract.js';
import { planComplete, TRANSITIONS, type HazardAction, type HazardFacts, type Transition } from '../../../common/modules/hazards/hazards.workflow.js';
import type { DeadlinesService } from '../deadlines/deadlines.module.js';
import type { FilesService } from '../files/files.module.js';
import type { NotificationsService, Notice } from '../notifications/notifications.module.js';
import { hazardConfigStore } from './hazards.config.js';
import { localDay } from '../../../common/time.js';
import { hazardsRepository as repo, type HazardDbRow } from './hazards.repository.js';
import type { StatKey } from './hazards.stats.js';

export interface HazardsDeps {
  files: FilesService;
  notifications: NotificationsService;
  deadlines: DeadlinesService;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? '系统 / system' : actor.displayName || actor.username;
}

export function targetOf(h: Pick<HazardDbRow, 'unit_path' | 'industry_code' | 'enterprise_id'>): ScopeTarget {
  return { path: h.unit_path, industryCode: h.industry_code, enterpriseId: h.enterprise_id };
}

export function factsOf(h: HazardDbRow): HazardFacts {
  return {
    state: h.state,
    grade: h.grade,
    planComplete: planComplete(h.plan),
    listed: h.listed_at !== null && h.delisted_at === null,
    everListed: h.listed_at !== null,
    listingWaived: h.listing_waived_at !== null,
    extensionPending: h.extension_request !== null,
    extensionRequestedBy: h.extension_request?.byId ?? null,
    rectifiedBy: h.rectified_by,
  };
}

export function permitted(actor: Actor, t: Transition, target: ScopeTarget): boolean {
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

export function statKey(h: Pick<HazardDbRow, 'unit_path' | 'industry_code' | 'category' | 'grade'>, day: string): StatKey {
  return { unitPath: h.unit_path, industryCode: h.industry_code, day, category: h.category, grade: h.grade };
}

export function createHazardsEnv(ctx: ModuleContext, deps: HazardsDeps) {
  const { db, clock, config } = ctx;
  const cfg = hazardConfigStore(db);
  const dayOf = (d: Date) => localDay(d, config.timeZone);

  async function officialsAt(ex: Executor, unitId: string, perms: Permission[]): Promise<string[]> {
    const rows = await repo.grantHoldersAt(ex, unitId);
    return [...new Set(rows.filter((r) => {
      const role = effectiveRole(r.role_code, r.permissions ? { permissions: r.permissions, name_zh: r.name_zh, name_en: r.name_en } : null);
      return role !== null && role.permissions.some((p) => perms.includes(p));
    }).map((r) => r.user_id))];
  }

  return {
    ctx,
    deps,
    cfg,
    dayOf,
    today: () => dayOf(clock.now()),

    async loadVisible(actor: Actor, id: string, ex: Executor = db, lock = false): Promise<HazardDbRow> {
      const h = await repo.byId(ex, id, lock);
      if (!h || !inScope(actor, 'hazard.read', targetOf(h))) throw notFound('hazard');
      return h;
    },

    async checkResponsible(ex: Executor, r: Responsibilities | undefined, field: string): Promise<Responsibilities | undefined> {
      if (!r) return undefined;
      const ids = RESPONSIBILITY_ROLES.map((k) => r[k]?.userId).filter((v): v is string => typeof v === 'string');
      const found = new Set((await repo.userNames(ex, ids)).map((u) => u.id));
      for (const k of RESPONSIBILITY_ROLES) {
        const uid = r[k]?.userId;
        if (uid && !found.has(uid)) throw fieldError(`${field}/${k}/userId`, 'unknown user');
      }
      return r;
    },

    /** Users who should hear about the hazard's rectification: named responsible users, the enterprise's users, the grid's workers. */
    async responsibleUsers(ex: Executor, h: HazardDbRow): Promise<string[]> {
      const ids = new Set<string>();
      for (const k of RESPONSIBILITY_ROLES) {
        const uid = h.responsible?.[k]?.userId;
        if (uid) ids.add(uid);
      }
      if (h.enterprise_id) for (const u of await repo.enterpriseUsers(ex, h.enterprise_id)) ids.add(u.user_id);
      if (h.grid_id) for (const u of await repo.gridWorkers(ex, h.grid_id)) ids.add(u.user_id);
      return [...ids];
    },

    /** Active users with a grant at the unit whose role holds one of the permissions. */
    officialsAt,

    /** Who accepts: the named checker and follow-up person, and the community's officials who may accept. */
    async acceptorsFor(ex: Executor, h: HazardDbRow): Promise<string[]> {
      const ids = new Set<string>();
      for (const k of ['checks', 'followsUp'] as const) {
        const uid = h.responsible?.[k]?.userId;
        if (uid) ids.add(uid);
      }
      const community = await repo.ancestorAt(ex, h.unit_path, 'community');
      if (community) for (const u of await officialsAt(ex, community.id, ['hazard.accept'])) ids.add(u);
      return [...ids];
    },

    async notifyIfAny(ex: Executor, users: string[], n: Notice): Promise<void> {
      if (users.length) await deps.notifications.notify(ex, users, n);
    },
  };
}
export type HazardsEnv = ReturnType<typeof createHazardsEnv>;
