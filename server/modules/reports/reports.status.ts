// What the public sees of a report: its stage, open/closed, and the timeline in both languages.
// A merged report follows the report it was merged into; a confirmed one follows its hazard.
import { toIso, type Executor } from '../../db/client.js';
import type { Actor } from '../../core/access.js';
import type { PublicStage } from '../../../common/modules/reports/reports.contract.js';
import { reportsRepository as repo, type EventRowDb, type ReportRowDb } from './reports.repository.js';

export interface HazardPublicStatus {
  state: string;
  publicState: 'open' | 'closed';
  closedAt: string | Date | null;
  updatedAt: string | Date;
  notes: ReadonlyArray<{ at: string | Date; text: { zh: string; en: string } }>;
}

export interface HazardCreateInput {
  source: 'report';
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
  gridOverride?: { gridCode: string; reason: string };
}

/** What this module uses of the hazard ledger. */
export interface HazardsPort {
  create(actor: Actor, input: HazardCreateInput, tx?: Executor): Promise<{ id: string; code: string }>;
  linkSource(actor: Actor, hazardId: string, link: { source: 'report'; sourceId: string }, tx?: Executor): Promise<unknown>;
  publicStatus(hazardId: string): Promise<HazardPublicStatus | null>;
}

export interface Resolved {
  root: ReportRowDb;
  stage: PublicStage;
  publicState: 'open' | 'closed';
  closedAt: string | null;
  updatedAt: string;
  rejectReason: string | null;
  hazard: HazardPublicStatus | null;
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return new Date(a).getTime() >= new Date(b).getTime() ? a : b;
}

/** Resolves many rows with one lookup per distinct root and hazard. */
export function statusResolver(db: Executor, hazards: HazardsPort) {
  const roots = new Map<string, Promise<ReportRowDb | undefined>>();
  const hz = new Map<string, Promise<HazardPublicStatus | null>>();
  const rootOf = (row: ReportRowDb) => {
    if (row.state !== 'merged' || row.merged_into === null) return Promise.resolve(row);
    const id = row.merged_into;
    if (!roots.has(id)) roots.set(id, repo.reportById(db, id));
    return roots.get(id)!.then((r) => r ?? row);
  };
  const hazardOf = (id: string) => {
    if (!hz.has(id)) hz.set(id, hazards.publicStatus(id).catch(() => null));
    return hz.get(id)!;
  };

  return async function resolve(row: ReportRowDb): Promise<Resolved> {
    const root = await rootOf(row);
    const own = later(toIso(row.updated_at), toIso(root.updated_at)) ?? '';
    if (root.state === 'rejected') {
      return { root, stage: 'rejected', publicState: 'closed', closedAt: toIso(root.updated_at), updatedAt: own, rejectReason: root.reject_reason, hazard: null };
    }
    const hazardId = root.hazard_id ?? row.hazard_id;
    if ((root.state === 'confirmed' || root.state === 'merged') && hazardId) {
      const h = await hazardOf(hazardId);
      const updatedAt = later(own, h ? toIso(h.updatedAt) : null) ?? own;
      if (h && h.publicState === 'closed') {
        return { root, stage: 'closed', publicState: 'closed', closedAt: toIso(h.closedAt) ?? updatedAt, updatedAt, rejectReason: null, hazard: h };
      }
      return { root, stage: 'rectifying', publicState: 'open', closedAt: null, updatedAt, rejectReason: null, hazard: h };
    }
    return { root, stage: 'received', publicState: 'open', closedAt: null, updatedAt: own, rejectReason: null, hazard: null };
  };
}

export interface PublicTimelineEntry {
  at: string;
  kind: string;
  text: { zh: string; en: string };
}

const REWARD_TEXT: Record<string, { zh: string; en: string }> = {
  proposed: { zh: '您的举报符合奖励条件，正在审核', en: 'Your report qualifies for a reward; it is being reviewed' },
  approved: { zh: '举报奖励已批准，工作人员将与您联系', en: 'A reward was approved; staff will contact you' },
  rejected: { zh: '举报奖励未获批准', en: 'No reward was granted' },
  paid: { zh: '举报奖励已发放', en: 'The reward has been paid' },
};

/** One event as the reporter reads it; null for events the public does not see. */
export function publicEventText(e: EventRowDb): { zh: string; en: string } | null {
  switch (e.kind) {
    case 'submitted':
      return { zh: '已收到您的举报，网格员将尽快核实', en: 'Report received; a grid worker will check it soon' };
    case 'transferred':
      return { zh: `已转交${e.to_name ?? '其他单位'}处理`, en: `Passed on to ${e.to_name ?? 'another unit'}` };
    case 'confirmed':
      return { zh: '经核实属于安全隐患，已登记并安排整改', en: 'Confirmed as a hazard; it has been registered for rectification' };
    case 'rejected':
      return { zh: `经核实不属于安全隐患：${e.public_note ?? ''}`, en: `Checked and found not to be a hazard: ${e.public_note ?? ''}` };
    case 'merged':
      return { zh: '已与反映同一隐患的其他举报合并处理', en: 'Handled together with other reports of the same hazard' };
    case 'reward':
      return e.public_note ? (REWARD_TEXT[e.public_note] ?? null) : null;
    default:
      return null;
  }
}

/** Timeline of a report for the public: its own events, its root's, then the hazard's notes. */
export function publicTimeline(ownEvents: EventRowDb[], rootEvents: EventRowDb[], r: Resolved, opts: { supporterSince?: string } = {}): PublicTimelineEntry[] {
  const out: PublicTimelineEntry[] = [];
  const push = (e: EventRowDb) => {
    const text = publicEventText(e);
    if (text) out.push({ at: toIso(e.at) ?? '', kind: e.kind, text });
  };
  for (const e of ownEvents) {
    if (opts.supporterSince && e.kind === 'submitted') continue;
    if (opts.supporterSince && e.kind === 'reward') continue;
    push(e);
  }
  if (opts.supporterSince) {
    out.push({ at: opts.supporterSince, kind: 'supported', text: { zh: '您已补充反映此情况', en: 'You added yourself to this report' } });
  }
  for (const e of rootEvents) if (e.kind !== 'submitted' && e.kind !== 'reward' && e.kind !== 'merged') push(e);
  for (const n of r.hazard?.notes ?? []) out.push({ at: toIso(n.at) ?? '', kind: 'progress', text: { zh: n.text.zh, en: n.text.en } });
  if (r.stage === 'closed' && !out.some((e) => e.kind === 'closed')) {
    out.push({ at: r.closedAt ?? r.updatedAt, kind: 'closed', text: { zh: '隐患已整改完毕并销号', en: 'The hazard has been fixed and closed' } });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
