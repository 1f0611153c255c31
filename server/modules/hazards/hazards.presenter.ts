import { toIso } from '../../db/client.js';
import { calendarDaysBetween } from '../../../common/rules/working-days.js';
import type { FileRef, HazardDetail, HazardEventView, HazardRow } from '../../../common/modules/hazards/hazards.contract.js';
import type { DeadlineEpisodeView } from '../../../common/modules/deadlines/deadlines.contract.js';
import { ACTION_NAMES, DEADLINE_STATES, planComplete, type HazardAction } from '../../../common/modules/hazards/hazards.workflow.js';
import { fileUrl } from '../files/files.module.js';
import type { EventDbRow, HazardDbRow } from './hazards.repository.js';

export function isOverdue(h: Pick<HazardDbRow, 'state' | 'deadline'>, today: string): boolean {
  return h.deadline !== null && DEADLINE_STATES.includes(h.state) && h.deadline < today;
}

export function daysOverdue(h: Pick<HazardDbRow, 'state' | 'deadline'>, today: string): number {
  if (!isOverdue(h, today) || h.deadline === null) return 0;
  return calendarDaysBetween(h.deadline, today) ?? 0;
}

export function presentHazardRow(h: HazardDbRow, today: string, abilities: HazardAction[] = []): HazardRow {
  return {
    id: h.id,
    code: h.code,
    state: h.state,
    source: h.source as HazardRow['source'],
    category: h.category,
    grade: h.grade,
    description: h.description,
    place: h.place_id ? { id: h.place_id, name: h.place_name ?? '' } : null,
    enterprise: h.enterprise_id ? { id: h.enterprise_id, name: h.enterprise_name ?? '' } : null,
    grid: h.grid_id ? { id: h.grid_id, code: h.grid_code ?? '', name: h.grid_name ?? '' } : null,
    location: { lng: Number(h.lng), lat: Number(h.lat) },
    deadline: h.deadline,
    deadlineProvisional: h.deadline !== null && h.deadline_provisional,
    overdue: isOverdue(h, today),
    escalationLevel: Number(h.escalation_level),
    listed: h.listed_at !== null && h.delisted_at === null,
    createdAt: toIso(h.created_at) ?? '',
    updatedAt: toIso(h.updated_at) ?? '',
    abilities,
  };
}

export function fileRef(f: { file_id: string; mime: string; taken_at: string | null }): FileRef {
  return { id: f.file_id, mime: f.mime, takenAt: toIso(f.taken_at), url: fileUrl(f.file_id) };
}

const person = (p: { userId?: string | null; name: string } | null | undefined) => (p ? { userId: p.userId ?? null, name: p.name } : null);

export interface HazardBundle {
  row: HazardDbRow;
  events: EventDbRow[];
  files: Array<{ file_id: string; phase: string; mime: string; taken_at: string | null }>;
  sources: Array<{ source: string; source_id: string; linked_at: string }>;
  escalations: Array<{ level: number; unit_id: string | null; unit_code: string | null; unit_name: string | null; due_on: string; at: string }>;
  signatures: Array<{ inspection_id: string; role: string; signer_name: string; signed_at: string; file_id: string; mime: string }>;
  /** Every deadline episode, oldest first (the current one last). */
  episodes: DeadlineEpisodeView[];
  abilities: HazardAction[];
}

export function presentEvent(e: EventDbRow, files: Map<string, { file_id: string; mime: string; taken_at: string | null }>): HazardEventView {
  const name = (ACTION_NAMES as Record<string, { zh: string; en: string }>)[e.action] ?? { zh: e.action, en: e.action };
  return {
    id: e.id,
    at: toIso(e.at) ?? '',
    action: e.action,
    actionName: name,
    actor: e.actor_name,
    fromState: e.from_state,
    toState: e.to_state,
    comment: e.comment,
    evidence: (e.evidence ?? []).map((id) => files.get(String(id))).filter((f): f is NonNullable<typeof f> => !!f).map(fileRef),
    data: e.data ?? {},
  };
}

export function presentHazardDetail(b: HazardBundle, today: string): HazardDetail {
  const h = b.row;
  const byPhase = (p: string) => b.files.filter((f) => f.phase === p).map(fileRef);
  const fileMap = new Map(b.files.map((f) => [f.file_id, f]));
  const r = h.responsible ?? {};
  const ext = h.extension_request;
  return {
    ...presentHazardRow(h, today, b.abilities),
    majorBasis: h.major_basis,
    rectifyDays: h.rectify_days,
    calendarVersion: h.calendar_version,
    daysOverdue: daysOverdue(h, today),
    gridOverride: h.grid_override ? { reason: h.grid_override_reason ?? '' } : null,
    sources: b.sources.map((s) => ({ source: s.source, sourceId: s.source_id, linkedAt: toIso(s.linked_at) ?? '' })),
    responsible: { checks: person(r.checks), followsUp: person(r.followsUp), implements: person(r.implements), supervises: person(r.supervises) },
    plan: h.plan
      ? {
          objective: h.plan.objective ?? '', methods: h.plan.methods ?? '', funds: h.plan.funds ?? '', organization: h.plan.organization ?? '',
          timeLimit: h.plan.timeLimit ?? '', safetyMeasures: h.plan.safetyMeasures ?? '',
        }
      : null,
    planComplete: planComplete(h.plan),
    supervision: h.listed_at
      ? {
          listedAt: toIso(h.listed_at) ?? '',
          unit: h.listed_unit_id ? { id: h.listed_unit_id, code: h.listed_unit_code ?? '', name: h.listed_unit_name ?? '' } : null,
          delistedAt: toIso(h.delisted_at),
        }
      : null,
    listingWaiver: h.listing_waived_at
      ? { at: toIso(h.listing_waived_at) ?? '', by: h.listing_waived_by_name ?? '', reason: h.listing_waiver_reason ?? '' }
      : null,
    overdueSince: h.overdue_since,
    deadlineHistory: b.episodes,
    extensionRequest: ext ? { days: ext.days, reason: ext.reason, by: ext.byName, at: toIso(ext.at) ?? '' } : null,
    escalations: b.escalations.map((x) => ({
      level: Number(x.level), unit: x.unit_id ? { id: x.unit_id, code: x.unit_code ?? '', name: x.unit_name ?? '' } : null, dueOn: x.due_on, at: toIso(x.at) ?? '',
    })),
    photos: { before: byPhase('before'), after: byPhase('after'), evidence: byPhase('evidence') },
    rejectReason: h.reject_reason,
    rectifiedBy: h.rectified_by_name,
    acceptedBy: h.accepted_by_name,
    closedAt: toIso(h.closed_at),
    closedOnTime: h.closed_on_time,
    timeline: b.events.map((e) => presentEvent(e, fileMap)),
    signatures: b.signatures.map((s) => ({
      role: s.role, signerName: s.signer_name, signedAt: toIso(s.signed_at) ?? '', file: fileRef({ file_id: s.file_id, mime: s.mime, taken_at: null }),
    })),
  };
}
