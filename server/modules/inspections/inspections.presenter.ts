import { toIso } from '../../db/client.js';
import type { InspectionRow, InspectionView, SpotCheckView, TaskView } from '../../../common/modules/inspections/inspections.contract.js';
import { fileUrl, type FileRow } from '../files/files.module.js';
import { presentItem } from '../checklists/checklists.module.js';
import type { ItemRow } from '../checklists/checklists.module.js';
import { answerFails } from './inspections.service.js';
import type { AnswerDbRow, InspectionDbRow, TaskDbRow } from './inspections.repository.js';

export function presentInspectionRow(i: InspectionDbRow): InspectionRow {
  return {
    id: i.id,
    code: i.code,
    status: i.status,
    template: { id: i.template_id, code: i.template_code, version: Number(i.template_version), name: { zh: i.template_name_zh, en: i.template_name_en } },
    target: { type: i.place_id ? 'place' : i.enterprise_id ? 'enterprise' : 'community', id: i.place_id ?? i.enterprise_id ?? null, name: i.target_name },
    grid: i.grid_code ? { code: i.grid_code, name: i.grid_name ?? '' } : null,
    inspector: { id: i.inspector_id, name: i.inspector_name },
    failedCount: Number(i.failed_count),
    startedAt: toIso(i.started_at) ?? '',
    submittedAt: toIso(i.submitted_at),
    supersededBy: i.superseded_by,
  };
}

export function presentInspection(d: {
  row: InspectionDbRow; items: ItemRow[]; answers: AnswerDbRow[]; files: Map<string, FileRow>;
  signatures: Array<{ role: string; signer_name: string; file_id: string; signed_at: string; mime: string }>;
  hazards: Array<{ id: string; code: string; state: string }>; abilities: Array<'answer' | 'sign' | 'submit' | 'correct'>;
}): InspectionView {
  const i = d.row;
  const answers = new Map(d.answers.map((a) => [String(a.item_id), a]));
  return {
    ...presentInspectionRow(i),
    taskId: i.task_id,
    location: i.lng !== null && i.lat !== null ? { lng: Number(i.lng), lat: Number(i.lat) } : null,
    inspectorPosition: i.pos_lng !== null && i.pos_lat !== null ? { lng: Number(i.pos_lng), lat: Number(i.pos_lat), accuracy: i.position_accuracy_m === null ? null : Number(i.position_accuracy_m) } : null,
    distanceM: i.distance_m === null ? null : Math.round(Number(i.distance_m) * 10) / 10,
    summary: i.summary,
    corrects: i.corrects_id ? { id: i.corrects_id, code: i.corrects_code ?? '', reason: i.correction_reason ?? '' } : null,
    items: d.items.map((it) => {
      const a = answers.get(it.id);
      return {
        ...presentItem(it),
        answer: a
          ? {
              result: a.result,
              numberValue: a.number_value === null ? null : Number(a.number_value),
              textValue: a.text_value,
              comment: a.comment,
              photos: (a.photo_ids ?? []).map(String).map((id) => {
                const f = d.files.get(id);
                return { id, mime: f?.mime ?? 'image/jpeg', takenAt: toIso(f?.taken_at ?? null), url: fileUrl(id) };
              }),
              failed: answerFails(it, a),
              hazard: a.hazard_id ? { id: String(a.hazard_id), code: a.hazard_code ?? '' } : null,
            }
          : null,
      };
    }),
    signatures: d.signatures.map((s) => ({ role: s.role, signerName: s.signer_name, signedAt: toIso(s.signed_at) ?? '', file: { id: s.file_id, mime: s.mime, takenAt: null, url: fileUrl(s.file_id) } })),
    hazards: d.hazards,
    abilities: d.abilities,
  };
}

export function presentTask(t: TaskDbRow, names: Map<string, string>, today: string): TaskView {
  return {
    id: t.id,
    kind: t.kind,
    period: t.period,
    target: t.place_id ? { type: 'place', id: t.place_id, name: t.target_name } : { type: 'enterprise', id: t.enterprise_id ?? '0', name: t.target_name },
    templateCode: t.template_code,
    grid: t.grid_code ? { code: t.grid_code, name: t.grid_name ?? '' } : null,
    assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name ?? '' } : null,
    coAssignees: (t.co_assignee_ids ?? []).map(String).map((id) => ({ id, name: names.get(id) ?? '' })),
    dueDate: t.due_date,
    status: t.status,
    overdue: t.status === 'open' && t.due_date < today,
    inspectionId: t.inspection_id,
    spotCheckId: t.spot_check_id,
  };
}

export function presentSpotCheck(x: {
  s: { id: string; unit_code: string; unit_name: string; period: string; seed: string; place_count: number; inspectors_per_place: number; candidate_places: string[];
    candidate_inspectors: string[]; selection: Array<{ placeId: string; inspectorIds: string[]; taskId: string | null }>; created_by_name: string | null; created_at: string };
  places: Map<string, string>; users: Map<string, string>;
}): SpotCheckView {
  const s = x.s;
  return {
    id: s.id,
    unit: { code: s.unit_code, name: s.unit_name },
    period: s.period,
    seed: s.seed,
    placeCount: Number(s.place_count),
    inspectorsPerPlace: Number(s.inspectors_per_place),
    candidates: { places: s.candidate_places.length, inspectors: s.candidate_inspectors.length },
    selection: s.selection.map((d) => ({
      place: { id: String(d.placeId), name: x.places.get(String(d.placeId)) ?? '' },
      inspectors: d.inspectorIds.map(String).map((id) => ({ id, name: x.users.get(id) ?? '' })),
      taskId: d.taskId === null ? null : String(d.taskId),
    })),
    createdBy: s.created_by_name ?? 'system',
    createdAt: toIso(s.created_at) ?? '',
  };
}
