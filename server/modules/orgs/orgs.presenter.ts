import { toIso } from '../../db/client.js';
import type { MemberView, OrgView } from '../../../common/modules/orgs/orgs.contract.js';
import { presentPlacement } from '../registries/registries.module.js';
import type { MemberRow, OrgRow } from './orgs.repository.js';
import { orgWarnings } from './orgs.service.js';

export function presentOrg(r: OrgRow): OrgView {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    uscc: r.uscc,
    safeCommunity: r.safe_community,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone_masked,
    status: r.status,
    unit: { code: r.unit_code, name: r.unit_name },
    memberCount: r.member_count,
    departmentCount: r.department_count,
    serviceHours: Number(r.service_hours),
    warnings: orgWarnings(r),
    ...presentPlacement(r),
    updatedAt: toIso(r.updated_at) ?? '',
  };
}

export function presentMember(m: MemberRow): MemberView {
  return {
    id: m.id,
    name: m.name,
    title: m.title,
    department: m.department,
    phone: m.phone_masked,
    joinedOn: m.joined_on,
    leftOn: m.left_on,
    serviceHours: Number(m.service_hours),
  };
}

export function presentOrgDetail(r: OrgRow, members: MemberRow[], abilities: Record<string, boolean>) {
  return { ...presentOrg(r), description: r.description, members: members.map(presentMember), createdAt: toIso(r.created_at) ?? '', abilities };
}
