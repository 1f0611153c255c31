import { toIso } from '../../db/client.js';
import type { PersonDetail, PersonView } from '../../../common/modules/people/people.contract.js';
import { presentPlacement } from '../registries/registries.module.js';
import type { PersonRow } from './people.repository.js';

/** Only masked forms of the ID number and phones ever leave here. */
export function presentPerson(r: PersonRow): PersonView {
  return {
    id: r.id,
    category: r.category,
    name: r.name,
    sex: r.sex,
    idNumber: r.id_number_masked,
    phone: r.phone_masked,
    address: r.address,
    helperName: r.helper_name,
    helperPhone: r.helper_phone_masked,
    status: r.status,
    ...presentPlacement(r),
    updatedAt: toIso(r.updated_at) ?? '',
  };
}

export function presentPersonDetail(r: PersonRow, abilities: Record<string, boolean>): PersonDetail {
  return { ...presentPerson(r), needs: r.needs, notes: r.notes, createdAt: toIso(r.created_at) ?? '', abilities };
}
