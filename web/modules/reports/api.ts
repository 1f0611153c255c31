// Staff API of public reports, rewards and Open311 administration: typed by the contracts.
import type { Static } from 'typebox';
import type {
  ConfirmBody, MergeBody, MergeResponse, PortalSettings, RejectBody, ReportDetail, ReportListQuery, ReportPage, ReporterView,
  RewardApproveBody, RewardListQuery, RewardPage, RewardPayBody, RewardRow, RewardSettings, SimilarResponse, TransferBody,
} from '../../../common/modules/reports/reports.contract.js';
import type { ApiKeyList, ApiKeyRow, CreatedApiKey, Open311Settings } from '../../../common/modules/open311/open311.contract.js';
import { http } from '../../api/client.js';

export type ReportRowView = Static<typeof ReportPage>['items'][number];
export type ReportDetailView = Static<typeof ReportDetail>;
export type ReportFilter = Static<typeof ReportListQuery>;
export type RewardView = Static<typeof RewardRow>;
export type RewardFilter = Static<typeof RewardListQuery>;
export type SimilarItem = Static<typeof SimilarResponse>['items'][number];
export type ReporterContacts = Static<typeof ReporterView>;
export type ApiKeyView = Static<typeof ApiKeyRow>;

const sig = (signal?: AbortSignal) => (signal ? { signal } : {});

export const reportsApi = {
  list: (q: ReportFilter, signal?: AbortSignal) => http.get<Static<typeof ReportPage>>('/api/reports', q, sig(signal)),
  triage: (q: ReportFilter, signal?: AbortSignal) => http.get<Static<typeof ReportPage>>('/api/reports/triage', q, sig(signal)),
  get: (id: string) => http.get<ReportDetailView>(`/api/reports/${id}`),
  similar: (id: string) => http.get<Static<typeof SimilarResponse>>(`/api/reports/${id}/similar`),
  confirm: (id: string, body: Static<typeof ConfirmBody>) => http.post<ReportDetailView>(`/api/reports/${id}/confirm`, body),
  reject: (id: string, body: Static<typeof RejectBody>) => http.post<ReportDetailView>(`/api/reports/${id}/reject`, body),
  transfer: (id: string, body: Static<typeof TransferBody>) => http.post<{ report: ReportDetailView | null }>(`/api/reports/${id}/transfer`, body),
  merge: (body: Static<typeof MergeBody>) => http.post<Static<typeof MergeResponse>>('/api/reports/merge', body),
  reporter: (id: string) => http.post<ReporterContacts>(`/api/reports/${id}/reporter`),
  settings: () => http.get<Static<typeof PortalSettings>>('/api/reports/settings'),
  saveSettings: (body: Static<typeof PortalSettings>) => http.put<Static<typeof PortalSettings>>('/api/reports/settings', body),
};

export const rewardsApi = {
  list: (q: RewardFilter, signal?: AbortSignal) => http.get<Static<typeof RewardPage>>('/api/rewards', q, sig(signal)),
  approve: (id: string, body: Static<typeof RewardApproveBody>) => http.post<RewardView>(`/api/rewards/${id}/approve`, body),
  reject: (id: string, note: string) => http.post<RewardView>(`/api/rewards/${id}/reject`, { note }),
  pay: (id: string, body: Static<typeof RewardPayBody>) => http.post<RewardView>(`/api/rewards/${id}/pay`, body),
  settings: () => http.get<Static<typeof RewardSettings>>('/api/rewards/settings'),
  saveSettings: (body: Static<typeof RewardSettings>) => http.put<Static<typeof RewardSettings>>('/api/rewards/settings', body),
};

export const open311Api = {
  keys: () => http.get<Static<typeof ApiKeyList>>('/api/open311/keys'),
  createKey: (name: string) => http.post<Static<typeof CreatedApiKey>>('/api/open311/keys', { name }),
  revokeKey: (id: string) => http.del<ApiKeyView>(`/api/open311/keys/${id}`),
  settings: () => http.get<Static<typeof Open311Settings>>('/api/open311/settings'),
  saveSettings: (body: Static<typeof Open311Settings>) => http.put<Static<typeof Open311Settings>>('/api/open311/settings', body),
};
