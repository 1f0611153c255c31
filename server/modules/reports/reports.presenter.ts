import { toIso } from '../../db/client.js';
import type { ReportDetail, ReportRow, RewardRow } from '../../../common/modules/reports/reports.contract.js';
import { excerpt } from '../../../common/modules/reports/reports.text.js';
import { presentCategory } from './reports.portal.js';
import type { EventRowDb, ReportRowDb, RewardRowDb } from './reports.repository.js';
import type { Resolved } from './reports.status.js';

type Masked = { name: string | null; phone: string | null; email: string | null } | null;

export function presentReportRow(r: ReportRowDb, st: Resolved): ReportRow {
  return {
    id: r.id,
    code: r.code,
    ref: r.ref,
    channel: r.channel,
    category: presentCategory(r.category),
    excerpt: excerpt(r.description, 120),
    state: r.state,
    stage: st.stage,
    unit: { code: r.unit_code, name: r.unit_name },
    gridOverride: r.grid_override,
    createdAt: toIso(r.created_at) ?? '',
    updatedAt: toIso(r.updated_at) ?? '',
    supporters: r.supporter_count,
    photos: r.photo_count,
    hasContact: r.contact_name_enc !== null || r.contact_phone_enc !== null || r.contact_email_enc !== null,
    hazardId: r.hazard_id,
    mergedInto: r.merged_into,
    lng: r.lng,
    lat: r.lat,
  };
}

export function presentEvent(e: EventRowDb) {
  return {
    at: toIso(e.at) ?? '',
    kind: e.kind,
    actor: e.actor,
    publicNote: e.public_note,
    internalNote: e.internal_note,
    fromUnit: e.from_code ? { code: e.from_code, name: e.from_name ?? '' } : null,
    toUnit: e.to_code ? { code: e.to_code, name: e.to_name ?? '' } : null,
  };
}

export function presentReportDetail(
  r: ReportRowDb,
  st: Resolved,
  extra: {
    contact: Masked;
    supporters: Array<{ at: string; contact: Masked }>;
    events: EventRowDb[];
    photos: Array<{ id: string; mime: string; size_bytes: number }>;
    linked: ReportRowDb[];
    reward: RewardRowDb | undefined;
    can: { triage: boolean; merge: boolean; reporter: boolean };
  },
): ReportDetail {
  return {
    ...presentReportRow(r, st),
    description: r.description,
    attributes: r.attributes,
    address: r.address,
    locationSource: r.location_source,
    contact: extra.contact,
    supporterList: extra.supporters.map((s) => ({ at: toIso(s.at) ?? '', contact: s.contact })),
    events: extra.events.map(presentEvent),
    photoList: extra.photos.map((p) => ({ id: p.id, mime: p.mime, bytes: Number(p.size_bytes) })),
    rejectReason: r.reject_reason,
    hazardGrade: r.hazard_grade,
    linked: extra.linked.map((l) => ({ id: l.id, code: l.code, state: l.state, createdAt: toIso(l.created_at) ?? '' })),
    reward: extra.reward ? { id: extra.reward.id, state: extra.reward.state, amount: extra.reward.amount } : null,
    can: extra.can,
  };
}

export function presentReward(w: RewardRowDb, reporter: Masked): RewardRow {
  return {
    id: w.id,
    report: { id: w.report_id, code: w.report_code, category: presentCategory(w.report_category), createdAt: toIso(w.report_created_at) ?? '' },
    hazardId: w.hazard_id,
    grade: w.grade,
    band: { min: w.band_min, max: w.band_max },
    currency: w.currency,
    state: w.state,
    amount: w.amount,
    unit: { code: w.unit_code, name: w.unit_name },
    reporter,
    decidedBy: w.decided_by_name,
    decidedAt: toIso(w.decided_at),
    decisionNote: w.decision_note,
    paidAt: toIso(w.paid_at),
    paidBy: w.paid_by_name,
    payoutMethod: w.payout_method,
    payoutReference: w.payout_reference,
    createdAt: toIso(w.created_at) ?? '',
  };
}
