// The hazard's deadline clock (server/modules/deadlines): the rectification period runs while the
// hazard is confirmed or rectifying; step 0 is the overdue notice to the grid, steps 1–3 escalate
// to the community, the street and the district. Each step of each episode is taken once; what the
// hazard shows (overdue date, escalation level) is its current episode's.
import type { Executor } from '../../db/client.js';
import { DEADLINE_STATES, ESCALATION_LEVELS } from '../../../common/modules/hazards/hazards.workflow.js';
import type { ClockKind } from '../deadlines/deadlines.module.js';
import { statKey, type HazardsEnv } from './hazards.env.js';
import { hazardsRepository as repo } from './hazards.repository.js';
import { bumpStats } from './hazards.stats.js';

const SYSTEM = { userId: null, username: 'scheduler' };

async function unitOfStep(tx: Executor, id: string, step: number) {
  const h = await repo.byId(tx, id);
  const spec = ESCALATION_LEVELS[step];
  if (!h || !spec) return null;
  if (step === 0) return h.grid_id ? { id: h.grid_id, code: h.grid_code ?? '', name: h.grid_name ?? '' } : null;
  const u = await repo.ancestorAt(tx, h.unit_path, spec.unitLevel);
  return u ? { id: u.id, code: u.code, name: u.name } : null;
}

export function hazardClockKind(env: HazardsEnv): ClockKind {
  const { audit } = env.ctx;
  return {
    type: 'hazard',

    async policy(ex) {
      const s = await env.cfg.settings(ex);
      return { maxStep: Math.min(s.maxEscalationLevel, ESCALATION_LEVELS.length - 1), everyWorkingDays: s.escalateAfterWorkingDays };
    },

    async lock(tx, id) {
      const r = await repo.lockState(tx, id);
      return r !== undefined && DEADLINE_STATES.includes(r.state);
    },

    stepUnit: unitOfStep,

    async onStep(tx, { clock, step, dueOn, unit, at }) {
      const h = await repo.byId(tx, clock.subject_id);
      const spec = ESCALATION_LEVELS[step];
      if (!h || !spec) return;
      const id = h.id;
      await repo.insertEvent(tx, {
        hazardId: id, at, actorId: null, actorName: '系统 / system', action: step === 0 ? 'overdue' : 'escalate', from: h.state, to: h.state,
        comment: null, evidence: [], data: { level: step, dueOn, unit: unit ? { code: unit.code, name: unit.name } : null, deadline: clock.due_on, episode: Number(clock.episode) },
      });
      await repo.applyPatch(tx, id, step === 0 ? { overdue_since: dueOn } : { escalation_level: Math.max(Number(h.escalation_level), step) }, at);
      if (step === 0) await bumpStats(tx, statKey(h, dueOn), { overdue: 1 });
      if (step === 1) await bumpStats(tx, statKey(h, dueOn), { escalated: 1 });
      const users = new Set(await env.responsibleUsers(tx, h));
      if (step > 0 && unit) for (const u of await env.officialsAt(tx, unit.id, ['hazard.supervise', 'hazard.confirm'])) users.add(u);
      await env.notifyIfAny(tx, [...users], {
        kind: step === 0 ? 'hazard.overdue' : 'hazard.escalated', object: { type: 'hazard', id },
        dedupeKey: `hazard:${id}:deadline:${clock.episode}:step:${step}`,
        title: step === 0
          ? { zh: `隐患逾期未整改 ${h.code}`, en: `Hazard overdue ${h.code}` }
          : { zh: `隐患逾期上报至${spec.zh}级 ${h.code}`, en: `Overdue hazard escalated to the ${spec.en} ${h.code}` },
        body: { zh: `整改期限 ${clock.due_on}；${h.description.slice(0, 200)}`, en: `Deadline ${clock.due_on}; ${h.description.slice(0, 200)}` },
      });
      await audit.write(tx, SYSTEM, {
        action: step === 0 ? 'hazard.overdue' : 'hazard.escalate', objectType: 'hazard', objectId: id, summary: { code: h.code, level: step, dueOn, episode: Number(clock.episode) },
      });
    },

    async onMoved(tx, { clock, dueOn, provisional, at }) {
      const h = await repo.byId(tx, clock.subject_id);
      if (!h) return;
      await repo.applyPatch(tx, h.id, { deadline: dueOn, deadline_provisional: provisional }, at);
      if (dueOn === clock.due_on && provisional === clock.provisional) return;
      await repo.insertEvent(tx, {
        hazardId: h.id, at, actorId: null, actorName: '系统 / system', action: 'deadline_moved', from: h.state, to: h.state, comment: null, evidence: [],
        data: { deadline: [clock.due_on, dueOn], provisional, episode: Number(clock.episode) },
      });
      await audit.write(tx, SYSTEM, { action: 'hazard.deadline_moved', objectType: 'hazard', objectId: h.id, summary: { code: h.code, from: clock.due_on, to: dueOn, provisional } });
    },
  };
}
