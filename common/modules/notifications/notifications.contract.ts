// My work, the in-app inbox, contact details for other channels, and the outbox.
import { Type, type Static } from 'typebox';
import { Id, IsoTime, LocalDate, PageQuery, Page, I18nText } from '../shared/shared.contract.js';
import { LIMITS } from '../../limits.js';

export const WORK_KINDS = [
  'inspection_task', 'inspection_draft', 'hazard_confirm', 'hazard_rectify', 'hazard_accept', 'hazard_extension', 'hazard_supervise', 'hazard_list', 'report_triage', 'notice_unread',
  'calendar_notice',
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export const WorkItem = Type.Object({
  kind: Type.Enum(WORK_KINDS),
  id: Id,
  code: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  state: Type.Union([Type.String(), Type.Null()]),
  dueDate: Type.Union([LocalDate, Type.Null()]),
  overdue: Type.Boolean(),
  daysOverdue: Type.Integer(),
  link: Type.Object({ type: Type.String(), id: Id }),
});
export type WorkItem = Static<typeof WorkItem>;

export const MyWork = Type.Object({
  today: LocalDate,
  items: Type.Array(WorkItem),
  counts: Type.Record(Type.String(), Type.Integer()),
});
export type MyWork = Static<typeof MyWork>;

export const InboxItem = Type.Object({
  id: Id,
  kind: Type.String(),
  title: I18nText,
  body: I18nText,
  object: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  createdAt: IsoTime,
  readAt: Type.Union([IsoTime, Type.Null()]),
});
export type InboxItem = Static<typeof InboxItem>;
export const InboxPage = Type.Object({ ...Page(InboxItem).properties, unread: Type.Integer() });
export const InboxQuery = Type.Object({ ...PageQuery, unread: Type.Optional(Type.Boolean()) });

export const MarkReadBody = Type.Object(
  { ids: Type.Optional(Type.Array(Id, { maxItems: 500 })), all: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const MarkReadResult = Type.Object({ marked: Type.Integer(), unread: Type.Integer() });

export const ContactsView = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  notifyEmail: Type.Boolean(),
  notifySms: Type.Boolean(),
});
export type ContactsView = Static<typeof ContactsView>;

export const ContactsBody = Type.Object(
  {
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254, format: 'email' }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^1[3-9][0-9]{9}$' }), Type.Null()])),
    notifyEmail: Type.Optional(Type.Boolean()),
    notifySms: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ContactsBody = Static<typeof ContactsBody>;

export const OutboxItem = Type.Object({
  id: Id,
  user: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String(),
  recipient: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: IsoTime,
  sentAt: Type.Union([IsoTime, Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
});
export const OutboxPage = Page(OutboxItem);
export const OutboxQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')])),
  all: Type.Optional(Type.Boolean({ description: 'every user (config.manage)' })),
});

export const NOTE_MAX = LIMITS.commentMax;
