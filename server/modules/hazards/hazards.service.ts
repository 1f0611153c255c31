// The one hazard ledger, assembled from its use cases: registering (hazards.create.ts), the
// transitions (hazards.transitions.ts: action → handler → patch), the deadline clock and its
// escalation (hazards.escalation.ts, on server/modules/deadlines), and the reads below — the
// hazard with its timeline and deadline episodes, lists, my work, figures, the public status.
import type { Actor, ScopeTarget } from '../../core/access.js';
import { can, inScope, scopeSql } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { sql, toIso, type Executor } from '../../db/client.js';
import type { Permission } from '../../../common/permissions.js';
import { addCalendarDays } from '../../../common/rules/working-days.js';
import {
  HAZARD_CATEGORIES, isHazardCategory, type HazardActionBody, type HazardListQuery, type HazardSettings, type StatsQuery,
} from '../../../common/modules/hazards/hazards.contract.js';
import { ACTION_NAMES, CLOSED_STATES, HAZARD_STATES, STATE_NAMES, type HazardAction, type HazardState } from '../../../common/modules/hazards/hazards.workflow.js';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import { createRegister, type CreateHazardInput } from './hazards.create.js';
import { abilitiesOf, actorLabel, createHazardsEnv, factsOf, targetOf, type HazardsDeps } from './hazards.env.js';
import { hazardClockKind } from './hazards.escalation.js';
import { daysOverdue, isOverdue, presentHazardRow, type HazardBundle } from './hazards.presenter.js';
import { hazardsRepository as repo, type HazardDbRow, type HazardWorkKind } from './hazards.repository.js';
import { queryOpenCounts, queryStats, ROLLUP_DEPTH, type StatsGroupBy, type StatsRow } from './hazards.stats.js';
import { createAct } from './hazards.transitions.js';

export type { CreateHazardInput } from './hazards.create.js';
export type { HazardsDeps } from './hazards.env.js';
export { abilitiesOf, factsOf } from './hazards.env.js';

export interface PublicHazardStatus {
  state: string;
  publicState: 'open' | 'closed';
  closedAt: string | null;
  updatedAt: string;
  notes: Array<{ at: string; text: { zh: string; en: string } }>;
}

const GRADE_NAMES = { general: { zh: '一般隐患', en: 'General' }, major: { zh: '重大隐患', en: 'Major' } } as const;

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
  deadline_moved: { zh: '整改期限已按节假日安排调整', en: 'The deadline was adjusted to the holiday arrangement' },
};

export function createHazardsService(ctx: ModuleContext, deps: HazardsDeps) {
  const { db, audit, clock } = ctx;
  const env = createHazardsEnv(ctx, deps);
  const { cfg, today } = env;
  const register = createRegister(env);
  deps.deadlines.registerKind(hazardClockKind(env));

  async function get(actor: Actor, id: string): Promise<HazardBundle> {
    const row = await env.loadVisible(actor, id);
    const [events, files, sources, escalations, signatures, episodes] = await Promise.all([
      repo.events(db, id), repo.files(db, id), repo.sources(db, id), repo.escalations(db, id), repo.sourceSignatures(db, id),
      deps.deadlines.episodes(db, 'hazard', id),
    ]);
    return { row, events, files, sources, escalations, signatures, episodes, abilities: abilitiesOf(actor, row) };
  }

  const act = createAct(env, get);

  /**
   * The scheduler's sweep over the hazards' deadline episodes (the deadlines module takes each
   * step once). Hazards loaded in bulk without an episode get one first.
   */
  async function escalateDue(now: Date = clock.now(), instance = 'local'): Promise<{ hazards: number; steps: number }> {
    await db.tx((tx) => repo.adoptDeadlines(tx, now.toISOString()));
    const r = await deps.deadlines.sweep('hazard', now, instance);
    return { hazards: r.subjects, steps: r.steps };
  }

  // ---- my work ----

  async function workFor(actor: Actor, todayStr: string): Promise<WorkItem[]> {
    const out: WorkItem[] = [];
    const cols = { path: sql`h.unit_path`, industry: sql`h.industry_code`, enterprise: sql`h.enterprise_id` };
    const me = actor.userId ?? '0';
    const lists: Array<[HazardWorkKind, Permission]> = [
      ['hazard_confirm', 'hazard.confirm'], ['hazard_rectify', 'hazard.rectify'], ['hazard_accept', 'hazard.accept'], ['hazard_extension', 'hazard.extend'],
      ['hazard_list', 'hazard.supervise'], ['hazard_supervise', 'hazard.supervise'],
    ];
    for (const [kind, perm] of lists) {
      if (!can(actor, perm)) continue;
      for (const r of await repo.workList(db, scopeSql(actor, perm, cols), kind, me)) {
        out.push({
          kind, id: r.id, code: r.code, title: r.description.slice(0, 80), state: r.state, dueDate: r.deadline,
          overdue: isOverdue(r, todayStr), daysOverdue: daysOverdue(r, todayStr), link: { type: 'hazard', id: r.id },
        });
      }
    }
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
      const rows = await repo.unitNamesByPath(db, groupRows.map((g) => g.key));
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
      : await repo.openCountsInScope(db, hscope, { unitPath: unit.path, today: today(), ...(q.category ? { category: q.category } : {}), ...(q.grade ? { grade: q.grade } : {}) });
    return {
      unit: { code: unit.code, name: unit.name },
      from: q.from,
      to: q.to,
      totals: figures(totalRows[0]),
      groups: groupRows.map((g) => ({ key: by === 'unit' ? g.key.split('.').pop() ?? g.key : g.key, label: label(g.key), ...figures(g) })),
      openNow: open ?? { open: 0, overdue: 0, listed: 0 },
    };
  }

  return {
    factsOf,
    abilitiesOf,
    today,
    config: cfg,

    /** Registers a hazard from any source; in the caller's transaction when `tx` is given. */
    create(actor: Actor, input: CreateHazardInput, tx?: Executor): Promise<{ id: string; code: string }> {
      return tx ? register(tx, actor, input) : db.tx((t) => register(t, actor, input));
    },

    /** Points another source (e.g. a duplicate resident report) at an existing hazard. */
    async linkSource(actor: Actor, hazardId: string, link: { source: string; sourceId: string }, tx?: Executor): Promise<void> {
      const run = async (ex: Executor) => {
        const h = await env.loadVisible(actor, hazardId, ex, true);
        if (!link.sourceId.trim() || link.sourceId.length > 64) throw fieldError('body/sourceId', 'must be 1 to 64 characters');
        const at = clock.now().toISOString();
        const added = await repo.linkSource(ex, h.id, link.source, link.sourceId, at, actor.userId);
        if (!added) return;
        await repo.insertEvent(ex, {
          hazardId: h.id, at, actorId: actor.userId, actorName: actorLabel(actor), action: 'link_source', from: h.state, to: h.state,
          comment: null, evidence: [], data: { source: link.source, sourceId: link.sourceId },
        });
        await repo.applyPatch(ex, h.id, {}, at);
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
    act: act as (actor: Actor, id: string, action: HazardAction, body: HazardActionBody) => Promise<HazardBundle>,
    escalateDue,
    workFor,
    stats,

    /** Hazards raised from one source record (e.g. an inspection), for its own page. */
    async bySource(actor: Actor, source: string, sourceId: string) {
      const rows = await repo.idsBySource(db, source, sourceId);
      const out: HazardDbRow[] = [];
      for (const r of rows) {
        const h = await repo.byId(db, r.id);
        if (h && inScope(actor, 'hazard.read', targetOf(h))) out.push(h);
      }
      return out;
    },

    /** The file owner resolver: hazard photos are read with hazard.read in the hazard's scope. */
    async fileTarget(ex: Executor, id: string): Promise<ScopeTarget | null> {
      const h = await repo.scopeRef(ex, id);
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

    stateName: (s: HazardState) => STATE_NAMES[s],
    actionName: (a: string) => (ACTION_NAMES as Record<string, { zh: string; en: string }>)[a],
  };
}
export type HazardsService = ReturnType<typeof createHazardsService>;
