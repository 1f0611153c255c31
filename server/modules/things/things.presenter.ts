import { toIso } from '../../db/client.js';
import type { ThingKind, ThingView } from '../../../common/modules/things/things.contract.js';
import { presentPlacement } from '../registries/registries.module.js';
import type { ThingRow } from './things.repository.js';

export function presentThing(r: ThingRow): ThingView {
  return {
    id: r.id,
    kind: r.kind as ThingKind,
    name: r.name,
    code: r.code,
    place: r.place_id && r.place_name ? { id: r.place_id, name: r.place_name } : null,
    enterprise: r.enterprise_id && r.enterprise_name ? { id: r.enterprise_id, name: r.enterprise_name } : null,
    quantity: r.quantity,
    unitOfMeasure: r.unit_of_measure,
    spec: r.spec,
    expiresOn: r.expires_on,
    lastInspectedOn: r.last_inspected_on,
    nextInspectionOn: r.next_inspection_on,
    status: r.status,
    ...presentPlacement(r),
    updatedAt: toIso(r.updated_at) ?? '',
  };
}

export function presentThingDetail(r: ThingRow, abilities: Record<string, boolean>) {
  return { ...presentThing(r), notes: r.notes, createdAt: toIso(r.created_at) ?? '', abilities };
}
