import { toIso } from '../../db/client.js';
import { riskColourOf } from '../../../common/modules/registries/registries.contract.js';
import type { EnterpriseDetail, EnterpriseView, MajorHazardView, ProjectView } from '../../../common/modules/enterprises/enterprises.contract.js';
import { validateUscc } from '../../../common/rules/uscc.js';
import { presentPlacement } from '../registries/registries.module.js';
import type { EnterpriseRow, MajorHazardRow, ProjectRow } from './enterprises.repository.js';
import { projectStage } from './enterprises.service.js';

export function presentEnterprise(r: EnterpriseRow): EnterpriseView {
  return {
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    industryCode: r.industry_code,
    scale: r.scale,
    address: r.address,
    principalName: r.principal_name,
    principalPhone: r.principal_phone_masked,
    employees: r.employees,
    supervisingDepartment: r.supervising_department,
    standardizationLevel: r.standardization_level,
    riskLevel: r.risk_level,
    riskColour: r.risk_level === null ? null : riskColourOf(r.risk_level),
    majorHazardLevel: r.major_hazard_level,
    status: r.status,
    ...presentPlacement(r),
    updatedAt: toIso(r.updated_at) ?? '',
  };
}

export function presentEnterpriseDetail(r: EnterpriseRow, abilities: Record<string, boolean>): EnterpriseDetail {
  const v = validateUscc(r.uscc);
  return {
    ...presentEnterprise(r),
    legalRepName: r.legal_rep_name,
    legalRepPhone: r.legal_rep_phone_masked,
    safetyManagerName: r.safety_manager_name,
    safetyManagerPhone: r.safety_manager_phone_masked,
    selfInspectionCycle: r.self_inspection_cycle,
    selfInspectionItems: r.self_inspection_items,
    usccParts:
      v.parts && v.parts.authorityName && v.parts.typeName
        ? { authority: v.parts.authorityName, type: v.parts.typeName, region: v.parts.region, orgCode: v.parts.orgCode }
        : null,
    createdAt: toIso(r.created_at) ?? '',
    abilities,
  };
}

export function presentProject(p: ProjectRow): ProjectView {
  const { stage, warnings } = projectStage(p);
  return {
    id: p.id,
    enterpriseId: p.enterprise_id,
    name: p.name,
    designReviewOn: p.design_review_on,
    designApprovalNo: p.design_approval_no,
    constructionStartedOn: p.construction_started_on,
    completedOn: p.completed_on,
    putIntoUseOn: p.put_into_use_on,
    acceptanceOn: p.acceptance_on,
    acceptanceNo: p.acceptance_no,
    notes: p.notes,
    stage,
    warnings,
  };
}

export function presentMajorHazardRow(h: MajorHazardRow): MajorHazardView {
  const res = h.result;
  const grading = res.grading as { alpha: number; weightedSum: number; R: number; level: 1 | 2 | 3 | 4; levelName: { zh: string; en: string } } | null;
  return {
    id: h.id,
    enterpriseId: h.enterprise_id,
    name: h.name,
    unitKind: h.unit_kind,
    exposedPeople: h.exposed_people,
    items: h.items as MajorHazardView['items'],
    result: {
      S: Number(res.S),
      isMajorHazard: Boolean(res.isMajorHazard),
      items: (res.items as MajorHazardView['result']['items']) ?? [],
      grading: grading ? { alpha: grading.alpha, weightedSum: grading.weightedSum, R: grading.R, level: grading.level, levelName: grading.levelName } : null,
      working: (res.working as MajorHazardView['result']['working']) ?? [],
      tables: (res.tables as MajorHazardView['result']['tables']) ?? {},
    },
    ruleSetVersion: h.rule_set_version,
    assessedAt: toIso(h.assessed_at) ?? '',
    assessedBy: h.assessed_by_name,
  };
}
