// The audit log: typed by common/modules/audit/audit.contract.ts.
import type { Static } from 'typebox';
import type { AuditPage, AuditQuery, AuditRowView, AuditVerifyView } from '../../../common/modules/audit/audit.contract.js';
import { http } from '../../api/client.js';

export type AuditItem = Static<typeof AuditRowView>;
export type AuditFilter = Static<typeof AuditQuery>;
export type AuditVerifyResult = Static<typeof AuditVerifyView>;

export const auditApi = {
  list: (q: AuditFilter, signal?: AbortSignal) => http.get<Static<typeof AuditPage>>('/api/audit', q, signal ? { signal } : {}),
  verify: () => http.post<AuditVerifyResult>('/api/audit/verify'),
};
