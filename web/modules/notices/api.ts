// Notices: typed by common/modules/notices/notices.contract.ts.
import type { Static } from 'typebox';
import type {
  CreateNoticeBody, NoticeDetail, NoticeListQuery, NoticePage, NoticeReceipts,
} from '../../../common/modules/notices/notices.contract.js';
import type { FileView } from '../../../common/modules/files/files.contract.js';
import { http, seg } from '../../api/client.js';

export type Notice = Static<typeof NoticePage>['items'][number];
export type NoticeFull = Static<typeof NoticeDetail>;
export type Receipts = Static<typeof NoticeReceipts>;

export const noticesApi = {
  list: (q: Static<typeof NoticeListQuery>) => http.get<Static<typeof NoticePage>>('/api/notices', q),
  get: (id: string) => http.get<NoticeFull>(`/api/notices/${seg(id)}`),
  create: (body: Static<typeof CreateNoticeBody>) => http.post<NoticeFull>('/api/notices', body),
  publish: (id: string) => http.post<NoticeFull>(`/api/notices/${seg(id)}/publish`),
  withdraw: (id: string, reason: string) => http.post<NoticeFull>(`/api/notices/${seg(id)}/withdraw`, { reason }),
  receipts: (id: string) => http.get<Receipts>(`/api/notices/${seg(id)}/receipts`),
  upload: (file: Blob) => {
    const fd = new FormData();
    fd.append('file', file, file instanceof File ? file.name : 'attachment.jpg');
    return http.post<Static<typeof FileView>>('/api/files?purpose=attachment', fd);
  },
};
