import { toIso } from '../../db/client.js';
import { riskColourOf } from '../../../common/modules/registries/registries.contract.js';
import type { RiskPointView } from '../../../common/modules/registries/risk.contract.js';
import { describeRiskLevel } from '../../../common/rules/risk-level.js';
import type { RiskPointRow } from './registries.risk.js';

export function presentRiskPoint(r: RiskPointRow): RiskPointView {
  return {
    id: r.id,
    subject: r.place_id ? { type: 'place', id: r.place_id } : { type: 'enterprise', id: r.enterprise_id ?? '' },
    name: r.name,
    hazardFactors: r.hazard_factors,
    controls: r.controls,
    method: r.method,
    inputs: r.inputs,
    value: Number(r.value),
    level: r.level,
    colour: riskColourOf(r.level),
    levelName: r.result.levelName ?? describeRiskLevel(r.level),
    working: r.result.working ?? [],
    table: { id: r.rule_set_id, version: r.rule_set_version },
    assessedAt: toIso(r.assessed_at) ?? '',
    assessedBy: r.assessed_by_name,
    retired: r.retired_at !== null,
  };
}
