import { toIso } from '../../db/client.js';
import { riskColourOf } from '../../../common/modules/registries/registries.contract.js';
import { GRADABLE_KINDS, SMALL_KIND_TO_PLACE_KIND, type PlaceDetail, type PlaceKind, type PlaceView } from '../../../common/modules/places/places.contract.js';
import type { SmallPlaceSuggestion } from '../../../common/rules/small-places.js';
import { presentPlacement } from '../registries/registries.module.js';
import type { GradeRow, PlaceRow } from './places.repository.js';

export function presentPlace(r: PlaceRow): PlaceView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as PlaceKind,
    use: r.use,
    address: r.address,
    grade: r.grade,
    gradedOn: r.graded_on,
    riskLevel: r.risk_level,
    riskColour: r.risk_level === null ? null : riskColourOf(r.risk_level),
    threeInOne: r.three_in_one,
    tags: r.tags ?? [],
    enterprise: r.enterprise_id && r.enterprise_name ? { id: r.enterprise_id, name: r.enterprise_name } : null,
    operatorName: r.operator_name,
    operatorPhone: r.operator_phone_masked,
    responsibleName: r.responsible_name,
    responsiblePhone: r.responsible_phone_masked,
    status: r.status,
    ...presentPlacement(r),
    updatedAt: toIso(r.updated_at) ?? '',
  };
}

export function presentSuggestion(s: SmallPlaceSuggestion | null) {
  if (!s) return null;
  return {
    kinds: s.matches.map((m) => ({ kind: m.kind, placeKind: SMALL_KIND_TO_PLACE_KIND[m.kind] ?? null, name: m.name, clause: m.clause })),
    possible: s.possible.map((p) => ({ kind: p.kind, name: p.name, missing: [...p.missing] })),
    working: [...s.working],
    table: s.table,
  };
}

export function presentPlaceDetail(r: PlaceRow, suggestion: SmallPlaceSuggestion | null, abilities: Record<string, boolean>): PlaceDetail {
  return {
    ...presentPlace(r),
    areaM2: r.area_m2 === null ? null : Number(r.area_m2),
    floors: r.floors,
    floor: r.floor,
    topFloor: r.top_floor,
    beds: r.beds,
    seats: r.seats,
    persons: r.persons,
    staff: r.staff,
    dormStaff: r.dorm_staff,
    boarding: r.boarding,
    gradable: GRADABLE_KINDS.includes(r.kind),
    kindSuggestion: presentSuggestion(suggestion),
    createdAt: toIso(r.created_at) ?? '',
    abilities,
  };
}

export function presentGrade(g: GradeRow) {
  return {
    id: g.id,
    placeId: g.place_id,
    gradeFrom: g.grade_from,
    gradeTo: g.grade_to,
    rubricGrade: g.rubric_grade,
    gradedOn: g.graded_on,
    gradedAt: toIso(g.graded_at) ?? '',
    rubric: { id: g.rubric_id, version: g.rubric_version },
    total: g.total === null ? null : Number(g.total),
    scores: (g.scores as Array<Record<string, unknown>>).map((s) => ({
      id: String(s.id),
      label: s.label as { zh: string; en: string },
      weight: Number(s.weight),
      value: typeof s.value === 'number' ? s.value : String(s.value),
      fraction: Number(s.fraction),
      points: Number(s.points),
      ...(s.capGrade ? { capGrade: s.capGrade as 'A' | 'B' | 'C' | 'D' } : {}),
    })),
    reason: g.reason,
    gradedBy: g.graded_by_name,
  };
}
