// Checklist templates: typed by common/modules/checklists/checklists.contract.ts.
import type { Static } from 'typebox';
import type { CreateTemplateBody, TemplateBody, TemplateSummary, TemplateView } from '../../../common/modules/checklists/checklists.contract.js';
import { http, seg } from '../../api/client.js';

export type TemplateItem = Static<typeof TemplateSummary>;
export type Template = Static<typeof TemplateView>;

export const checklistsApi = {
  list: (q: { target?: string; history?: boolean; code?: string } = {}) => http.get<{ items: TemplateItem[] }>('/api/checklists', q),
  get: (id: string) => http.get<Template>(`/api/checklists/${seg(id)}`),
  create: (body: Static<typeof CreateTemplateBody>) => http.post<Template>('/api/checklists', body),
  revise: (code: string, body: Static<typeof TemplateBody>) => http.put<Template>(`/api/checklists/by-code/${seg(code)}`, body),
  retire: (code: string) => http.post<Template>(`/api/checklists/by-code/${seg(code)}/retire`, {}),
};
