// Rule sets, risk points and imports: typed by the contracts in common/modules.
import type { Static } from 'typebox';
import type { RuleSetKind, RuleSetList, RuleSetView, UpdateRuleSetBody } from '../../../common/modules/calculators/calculators.contract.js';
import type { HistoryList, ImportJobDetail, ImportJobList, ImportJobView, ImportKind, ImportMode } from '../../../common/modules/registries/registries.contract.js';
import type { CreateRiskPointBody, RiskPointList, RiskPointView } from '../../../common/modules/registries/risk.contract.js';
import type { Ok } from '../../../common/modules/shared/shared.contract.js';
import { buildUrl, http, seg } from '../../api/client.js';

export type RiskPoint = Static<typeof RiskPointView>;
export type ImportJob = Static<typeof ImportJobView>;
export type HistoryItem = Static<typeof HistoryList>['items'][number];
export type RuleSet = Static<typeof RuleSetView> & { canEdit: boolean };
export type Subject = { type: 'place' | 'enterprise'; id: string };

const subjectPath = (s: Subject) => `/api/${s.type === 'place' ? 'places' : 'enterprises'}/${seg(s.id)}/risk-points`;

export const registryApi = {
  ruleSets: () => http.get<Static<typeof RuleSetList>>('/api/rule-sets'),
  ruleSet: (kind: RuleSetKind) => http.get<RuleSet>(`/api/rule-sets/${seg(kind)}`),
  saveRuleSet: (kind: RuleSetKind, body: Static<typeof UpdateRuleSetBody>) => http.put<{ version: string }>(`/api/rule-sets/${seg(kind)}`, body),

  riskPoints: (s: Subject) => http.get<Static<typeof RiskPointList>>(subjectPath(s)),
  assessRisk: (s: Subject, body: Static<typeof CreateRiskPointBody>) => http.post<RiskPoint>(subjectPath(s), body),
  retireRisk: (id: string) => http.del<Static<typeof Ok>>(`/api/risk-points/${seg(id)}`),

  history: (path: string) => http.get<Static<typeof HistoryList>>(path),

  imports: () => http.get<Static<typeof ImportJobList>>('/api/registries/imports'),
  importJob: (id: string, limit = 1000) => http.get<Static<typeof ImportJobDetail>>(`/api/registries/imports/${seg(id)}`, { limit }),
  startImport: (kind: Static<typeof ImportKind>, mode: Static<typeof ImportMode>, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.post<ImportJob>(buildUrl('/api/registries/imports', { kind, mode }), form);
  },
  templateUrl: (kind: Static<typeof ImportKind>, format: 'xlsx' | 'csv') => buildUrl(`/api/registries/templates/${seg(kind)}`, { format }),
  reportUrl: (id: string) => `/api/registries/imports/${seg(id)}/report`,
};
