// My work, inbox, contacts and outbox: typed by common/modules/notifications/notifications.contract.ts.
import type { Static } from 'typebox';
import type { ContactsBody, ContactsView, InboxItem, MyWork, OutboxItem } from '../../../common/modules/notifications/notifications.contract.js';
import { http } from '../../api/client.js';

export type Work = Static<typeof MyWork>;
export type Notification = Static<typeof InboxItem>;
export type Outgoing = Static<typeof OutboxItem>;

export const notificationsApi = {
  myWork: () => http.get<Work>('/api/my-work'),
  inbox: (q: { cursor?: string; unread?: boolean }, signal?: AbortSignal) =>
    http.get<{ items: Notification[]; nextCursor: string | null; unread: number }>('/api/inbox', q, signal ? { signal } : {}),
  markRead: (body: { ids?: string[]; all?: boolean }) => http.post<{ marked: number; unread: number }>('/api/inbox/read', body),
  contacts: () => http.get<Static<typeof ContactsView>>('/api/me/contacts'),
  setContacts: (body: Static<typeof ContactsBody>) => http.put<Static<typeof ContactsView>>('/api/me/contacts', body),
  outbox: (q: { cursor?: string; status?: string; all?: boolean }, signal?: AbortSignal) =>
    http.get<{ items: Outgoing[]; nextCursor: string | null }>('/api/outbox', q, signal ? { signal } : {}),
};
