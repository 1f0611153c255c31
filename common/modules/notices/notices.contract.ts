// Notices (通知公告): a unit issues a notice to its whole subtree or to chosen units below it, with
// image attachments; it is published (the recipients are fixed then: every user whose grant lies
// in the audience) and may be withdrawn. Each recipient's reading is kept, so the issuer sees who
// has not read it yet, unit by unit.
import { Type, type Static } from 'typebox';
import { Id, IsoTime, Page, PageQuery } from '../shared/shared.contract.js';

export const NOTICE_LIMITS = { titleMax: 120, bodyMax: 20_000, unitsMax: 200, filesMax: 9, reasonMin: 2, reasonMax: 500 } as const;

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const NoticeStatus = Type.Enum(NOTICE_STATUSES);
export type NoticeStatus = Static<typeof NoticeStatus>;
export const NOTICE_AUDIENCES = ['subtree', 'units'] as const;
export const NoticeAudience = Type.Enum(NOTICE_AUDIENCES);

export const CreateNoticeBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: NOTICE_LIMITS.titleMax }),
    /** Plain text; blank lines separate paragraphs. */
    body: Type.String({ minLength: 1, maxLength: NOTICE_LIMITS.bodyMax }),
    /** The issuing unit (one of the actor's units); defaults to the actor's own. */
    issuerUnit: Type.Optional(Type.String({ maxLength: 32 })),
    audience: NoticeAudience,
    /** For audience 'units': codes of units below the issuer (each with its subtree). */
    units: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: NOTICE_LIMITS.unitsMax })),
    /** Uploaded files (POST /api/files?purpose=attachment) to attach. */
    fileIds: Type.Optional(Type.Array(Id, { maxItems: NOTICE_LIMITS.filesMax })),
    /** Publish at once (otherwise it stays a draft). */
    publish: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateNoticeBody = Static<typeof CreateNoticeBody>;

export const WithdrawNoticeBody = Type.Object(
  { reason: Type.String({ minLength: NOTICE_LIMITS.reasonMin, maxLength: NOTICE_LIMITS.reasonMax }) },
  { additionalProperties: false },
);

export const NoticeListQuery = Type.Object({
  ...PageQuery,
  /** inbox: notices sent to me; issued: notices issued in my area. */
  box: Type.Optional(Type.Union([Type.Literal('inbox'), Type.Literal('issued')])),
  unread: Type.Optional(Type.Boolean()),
});
export type NoticeListQuery = Static<typeof NoticeListQuery>;

const UnitRef = Type.Object({ code: Type.String(), name: Type.String() });

export const NoticeView = Type.Object({
  id: Id,
  title: Type.String(),
  issuer: UnitRef,
  status: NoticeStatus,
  audience: NoticeAudience,
  publishedAt: Type.Union([IsoTime, Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  /** For a recipient: when I read it (null: unread); null for others. */
  readAt: Type.Union([IsoTime, Type.Null()]),
  isRecipient: Type.Boolean(),
  recipients: Type.Integer(),
  read: Type.Integer(),
  attachments: Type.Integer(),
});
export type NoticeView = Static<typeof NoticeView>;
export const NoticePage = Page(NoticeView);

export const NoticeAttachment = Type.Object({ id: Id, mime: Type.String(), sizeBytes: Type.Integer(), name: Type.Union([Type.String(), Type.Null()]), url: Type.String() });

export const NoticeDetail = Type.Object({
  ...NoticeView.properties,
  body: Type.String(),
  units: Type.Array(UnitRef),
  files: Type.Array(NoticeAttachment),
  withdrawnAt: Type.Union([IsoTime, Type.Null()]),
  withdrawReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
  abilities: Type.Object({ publish: Type.Boolean(), withdraw: Type.Boolean(), receipts: Type.Boolean() }),
});
export type NoticeDetail = Static<typeof NoticeDetail>;

/** Read receipts per recipient unit, with the users who have not read it yet. */
export const NoticeReceipts = Type.Object({
  recipients: Type.Integer(),
  read: Type.Integer(),
  units: Type.Array(Type.Object({
    code: Type.String(),
    name: Type.String(),
    recipients: Type.Integer(),
    read: Type.Integer(),
    unread: Type.Array(Type.Object({ username: Type.String(), displayName: Type.String() })),
  })),
});
export type NoticeReceipts = Static<typeof NoticeReceipts>;
