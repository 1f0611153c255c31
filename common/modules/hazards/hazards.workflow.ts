// The hazard workflow as a transition table: (from, action) → to, the permission it needs, and a
// guard over the hazard's facts and the acting user. The server applies it; the client shows the
// abilities the server computes from it. Reference §4.3: 排查 → 登记 → 判定 → 下达整改 → 整改 →
// 验收 → 销号, with rejection, return, extension and reopening.
import type { ErrorCode } from '../../errors.js';
import type { Permission } from '../../permissions.js';

export const HAZARD_STATES = ['reported', 'confirmed', 'rejected', 'rectifying', 'submitted', 'closed'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

export const HAZARD_ACTIONS = [
  'confirm', 'reject', 'issue', 'submit', 'accept', 'return', 'request_extension', 'approve_extension', 'deny_extension',
  'reopen', 'assign', 'set_plan', 'list', 'waive_listing',
] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

export const HAZARD_SOURCES = ['inspection', 'patrol', 'report', 'self_inspection', 'hotline', 'drill', 'manual'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

export type HazardGrade = 'general' | 'major';

/**
 * Where a new hazard starts, by source. Found on an inspection, the three-party-signed record is the
 * rectification notice, so the hazard goes straight to rectification with the item's deadline; an
 * enterprise's own finding likewise. Everything else waits for an official to confirm it.
 */
export const ENTRY_STATE: Record<HazardSource, 'reported' | 'rectifying'> = {
  inspection: 'rectifying',
  self_inspection: 'rectifying',
  patrol: 'reported',
  report: 'reported',
  hotline: 'reported',
  drill: 'reported',
  manual: 'reported',
};

/** What the guards look at. */
export interface HazardFacts {
  state: HazardState;
  grade: HazardGrade;
  planComplete: boolean;
  listed: boolean;
  /** Listed for supervision at some time (a closed hazard was delisted on acceptance). */
  everListed: boolean;
  /** The district waived the listing, with a reason. */
  listingWaived: boolean;
  extensionPending: boolean;
  extensionRequestedBy: string | null;
  rectifiedBy: string | null;
}

export interface GuardFailure {
  code: ErrorCode;
  zh: string;
  en: string;
}

export type Guard = (h: HazardFacts, actorUserId: string | null) => GuardFailure | null;

export interface Transition {
  from: HazardState;
  action: HazardAction;
  to: HazardState;
  /** Any one of these permissions, in scope of the hazard. */
  permission: readonly Permission[];
  guard?: Guard;
}

const notTheRectifier: Guard = (h, uid) =>
  uid !== null && h.rectifiedBy !== null && uid === h.rectifiedBy
    ? { code: 'SEPARATION_OF_DUTIES', zh: '整改人不能验收自己的整改', en: 'The person who rectified cannot accept the rectification' }
    : null;

const majorNeedsPlan: Guard = (h) =>
  h.grade === 'major' && !h.planComplete
    ? { code: 'INVALID_TRANSITION', zh: '重大隐患须有完整的治理方案后方可验收销号', en: 'A major hazard needs its complete treatment plan before it can be accepted and closed' }
    : null;

const extensionPending: Guard = (h) =>
  h.extensionPending ? null : { code: 'INVALID_TRANSITION', zh: '没有待审批的延期申请', en: 'There is no pending extension request' };

const noExtensionPending: Guard = (h) =>
  h.extensionPending ? { code: 'INVALID_TRANSITION', zh: '已有待审批的延期申请', en: 'An extension request is already pending' } : null;

const notTheRequester: Guard = (h, uid) =>
  uid !== null && h.extensionRequestedBy === uid
    ? { code: 'SEPARATION_OF_DUTIES', zh: '不能审批自己提出的延期申请', en: 'You cannot decide your own extension request' }
    : null;

const majorNotListed: Guard = (h) =>
  h.grade !== 'major'
    ? { code: 'INVALID_TRANSITION', zh: '只有重大隐患挂牌督办', en: 'Only major hazards are listed for supervision' }
    : h.listed
      ? { code: 'INVALID_TRANSITION', zh: '该隐患已挂牌督办', en: 'The hazard is already listed for supervision' }
      : null;

const listingNeedsPlan: Guard = (h) =>
  h.planComplete
    ? null
    : { code: 'MAJOR_HAZARD_PLAN_REQUIRED', zh: '重大隐患须先制定完整的治理方案，方可挂牌督办', en: 'A major hazard is listed for supervision only with its complete treatment plan' };

/** A major hazard closes only when it was listed for supervision, or the district waived the listing. */
const majorListedOrWaived: Guard = (h) =>
  h.grade === 'major' && !h.everListed && !h.listingWaived
    ? { code: 'MAJOR_HAZARD_NOT_LISTED', zh: '重大隐患未挂牌督办（也未经区级批准免于挂牌），不能验收销号', en: 'A major hazard cannot be closed before it is listed for supervision or the district waives the listing' }
    : null;

const listingWaivable: Guard = (h) =>
  h.grade !== 'major'
    ? { code: 'INVALID_TRANSITION', zh: '只有重大隐患挂牌督办', en: 'Only major hazards are listed for supervision' }
    : h.everListed
      ? { code: 'INVALID_TRANSITION', zh: '该隐患已挂牌督办', en: 'The hazard is already listed for supervision' }
      : h.listingWaived
        ? { code: 'INVALID_TRANSITION', zh: '已批准免于挂牌', en: 'The listing is already waived' }
        : null;

const all = (...gs: Guard[]): Guard => (h, uid) => {
  for (const g of gs) {
    const r = g(h, uid);
    if (r) return r;
  }
  return null;
};

const OPEN: readonly HazardState[] = ['confirmed', 'rectifying', 'submitted'];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'reported', action: 'confirm', to: 'confirmed', permission: ['hazard.confirm'] },
  { from: 'reported', action: 'reject', to: 'rejected', permission: ['hazard.confirm'] },
  { from: 'confirmed', action: 'issue', to: 'rectifying', permission: ['hazard.confirm'] },
  { from: 'rectifying', action: 'submit', to: 'submitted', permission: ['hazard.rectify'], guard: noExtensionPending },
  { from: 'submitted', action: 'accept', to: 'closed', permission: ['hazard.accept'], guard: all(notTheRectifier, majorNeedsPlan, majorListedOrWaived) },
  { from: 'submitted', action: 'return', to: 'rectifying', permission: ['hazard.accept'], guard: notTheRectifier },
  { from: 'rectifying', action: 'request_extension', to: 'rectifying', permission: ['hazard.rectify'], guard: noExtensionPending },
  { from: 'rectifying', action: 'approve_extension', to: 'rectifying', permission: ['hazard.extend'], guard: all(extensionPending, notTheRequester) },
  { from: 'rectifying', action: 'deny_extension', to: 'rectifying', permission: ['hazard.extend'], guard: all(extensionPending, notTheRequester) },
  { from: 'closed', action: 'reopen', to: 'rectifying', permission: ['hazard.reopen'] },
  { from: 'rejected', action: 'reopen', to: 'reported', permission: ['hazard.reopen'] },
  ...(['reported', ...OPEN] as const).map((s): Transition => ({ from: s, action: 'assign', to: s, permission: ['hazard.confirm'] })),
  ...OPEN.map((s): Transition => ({ from: s, action: 'set_plan', to: s, permission: ['hazard.rectify', 'hazard.confirm'] })),
  ...OPEN.map((s): Transition => ({ from: s, action: 'list', to: s, permission: ['hazard.supervise'], guard: all(majorNotListed, listingNeedsPlan) })),
  // The service also checks the waiver comes from a district (or higher) grant.
  ...OPEN.map((s): Transition => ({ from: s, action: 'waive_listing', to: s, permission: ['hazard.supervise'], guard: listingWaivable })),
];

export function transitionFor(state: HazardState, action: HazardAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === state && t.action === action);
}

/** States in which the rectification deadline runs (a submitted rectification waits on the acceptor, not the rectifier). */
export const DEADLINE_STATES: readonly HazardState[] = ['confirmed', 'rectifying'];
/** States a resident sees as finished. */
export const CLOSED_STATES: readonly HazardState[] = ['closed', 'rejected'];

/** The six items of a major hazard's treatment plan (reference §4.2). */
export const PLAN_ITEMS = ['objective', 'methods', 'funds', 'organization', 'timeLimit', 'safetyMeasures'] as const;
export type PlanItem = (typeof PLAN_ITEMS)[number];

export const PLAN_ITEM_NAMES: Record<PlanItem, { zh: string; en: string }> = {
  objective: { zh: '治理的目标和任务', en: 'Objective and tasks' },
  methods: { zh: '采取的方法和措施', en: 'Methods and measures' },
  funds: { zh: '经费和物资的落实', en: 'Funds and materials' },
  organization: { zh: '负责治理的机构和人员', en: 'Responsible organization and persons' },
  timeLimit: { zh: '治理的时限和要求', en: 'Time limit and requirements' },
  safetyMeasures: { zh: '安全措施和应急预案', en: 'Safety measures and contingency plan' },
};

export function planComplete(plan: Partial<Record<PlanItem, string>> | null | undefined): boolean {
  return !!plan && PLAN_ITEMS.every((k) => typeof plan[k] === 'string' && (plan[k] ?? '').trim().length > 0);
}

export const STATE_NAMES: Record<HazardState, { zh: string; en: string }> = {
  reported: { zh: '待核实', en: 'Reported' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  rejected: { zh: '不予立案', en: 'Rejected' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  submitted: { zh: '待验收', en: 'Awaiting acceptance' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const ACTION_NAMES: Record<HazardAction | 'create' | 'overdue' | 'escalate' | 'delist' | 'link_source' | 'regrid' | 'deadline_moved', { zh: string; en: string }> = {
  create: { zh: '登记', en: 'Registered' },
  confirm: { zh: '核实确认', en: 'Confirmed' },
  reject: { zh: '不予立案', en: 'Rejected' },
  issue: { zh: '下达整改', en: 'Rectification ordered' },
  submit: { zh: '提交验收', en: 'Submitted for acceptance' },
  accept: { zh: '验收销号', en: 'Accepted and closed' },
  return: { zh: '退回整改', en: 'Returned for rectification' },
  request_extension: { zh: '申请延期', en: 'Extension requested' },
  approve_extension: { zh: '批准延期', en: 'Extension approved' },
  deny_extension: { zh: '驳回延期', en: 'Extension denied' },
  reopen: { zh: '重新打开', en: 'Reopened' },
  assign: { zh: '明确责任人', en: 'Responsibilities assigned' },
  set_plan: { zh: '治理方案', en: 'Treatment plan' },
  list: { zh: '挂牌督办', en: 'Listed for supervision' },
  waive_listing: { zh: '批准免于挂牌', en: 'Listing waived' },
  delist: { zh: '摘牌', en: 'Delisted' },
  overdue: { zh: '逾期提醒', en: 'Overdue notice' },
  escalate: { zh: '逐级上报', en: 'Escalated' },
  link_source: { zh: '关联来源', en: 'Source linked' },
  regrid: { zh: '调整网格', en: 'Grid changed' },
  deadline_moved: { zh: '按节假日通知重算期限', en: 'Deadline recomputed by the holiday notice' },
};

/** Escalation levels: 0 = overdue notice to the responsible people, then one level up each step. */
export const ESCALATION_LEVELS = [
  { level: 0, unitLevel: 'grid', zh: '网格', en: 'grid' },
  { level: 1, unitLevel: 'community', zh: '社区', en: 'community' },
  { level: 2, unitLevel: 'street', zh: '街道', en: 'street' },
  { level: 3, unitLevel: 'district', zh: '区', en: 'district' },
] as const;
