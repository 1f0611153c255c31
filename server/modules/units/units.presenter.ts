// Units as the API shows them: explicit fields, phones of responsible persons masked, and only
// code and name for units the caller sees as ancestors of their area.
import { toIso } from '../../db/client.js';
import type { FieldCipher } from '../../core/crypto.js';
import { maskPhone } from '../../../common/rules/id-number.js';
import type { BoundaryVersion, PersonView, UnitDetail, UnitNode, UnitRef, WorkerView } from '../../../common/modules/units/units.contract.js';
import type { BoundaryRow, UnitRefRow, UnitRow, WorkerRow } from './units.repository.js';

export function presentRef(r: Pick<UnitRefRow, 'code' | 'name' | 'short_name' | 'level'>): UnitRef {
  return { code: r.code, name: r.name, shortName: r.short_name, level: r.level };
}

export function presentNode(r: UnitRow, restricted: boolean): UnitNode {
  return {
    ...presentRef(r),
    kind: r.kind,
    kindSource: r.kind_source,
    gridType: r.grid_type,
    restricted,
    retired: r.retired_at !== null,
    childCount: r.child_count,
    households: restricted ? null : r.households,
    householdsEstimated: restricted ? false : r.households_estimated,
    population: restricted ? null : r.population,
    areaM2: restricted ? null : r.area_m2,
    hasBoundary: !restricted && r.has_geom,
    boundarySource: restricted ? null : r.boundary_source,
    labelPoint: restricted || r.label_lng === null || r.label_lat === null ? null : [r.label_lng, r.label_lat],
  };
}

export function presentPerson(cipher: FieldCipher, name: string | null, phone: Buffer | null): PersonView | null {
  if (!name) return null;
  let masked: string | null = null;
  if (phone) {
    try {
      masked = maskPhone(cipher.decrypt(phone));
    } catch {
      masked = '****';
    }
  }
  return { name, phone: masked };
}

export function presentBoundary(b: BoundaryRow | undefined): BoundaryVersion | null {
  if (!b) return null;
  return {
    version: b.version,
    source: b.source,
    validFrom: toIso(b.valid_from) ?? '',
    validTo: toIso(b.valid_to),
    areaM2: Number(b.area_m2),
    changedBy: b.changed_by,
    reason: b.reason,
  };
}

export function presentWorker(w: WorkerRow): WorkerView {
  return { userId: w.user_id, username: w.username, displayName: w.display_name, assignedAt: toIso(w.assigned_at) ?? '' };
}

export interface DetailParts {
  row: UnitRow;
  restricted: boolean;
  ancestors: UnitRefRow[];
  boundary: BoundaryRow | undefined;
  asOf: string | null;
  bbox: [number, number, number, number] | null;
  workers: WorkerRow[];
  counts: Record<string, number>;
  abilities: UnitDetail['abilities'];
  retiredAsOf: boolean;
}

export function presentDetail(cipher: FieldCipher, p: DetailParts): UnitDetail {
  const r = p.row;
  const node = presentNode(r, p.restricted);
  return {
    ...node,
    retired: p.retiredAsOf,
    ancestors: p.ancestors.map(presentRef),
    validFrom: p.restricted ? null : toIso(r.valid_from),
    retiredAt: p.retiredAsOf ? toIso(r.retired_at) : null,
    boundary: p.restricted ? null : presentBoundary(p.boundary),
    asOf: p.asOf,
    bbox: p.restricted ? null : p.bbox,
    leader: p.restricted ? null : presentPerson(cipher, r.leader_name, r.leader_phone_enc),
    safetyOfficer: p.restricted ? null : presentPerson(cipher, r.safety_officer_name, r.safety_officer_phone_enc),
    workers: p.restricted ? [] : p.workers.map(presentWorker),
    counts: p.restricted ? {} : p.counts,
    abilities: p.abilities,
  };
}
