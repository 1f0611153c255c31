import { Type, type Static } from 'typebox';
import { Id, IsoTime, PageQuery, Page } from '../shared/shared.contract.js';

export const AuditRowView = Type.Object({
  id: Id,
  at: IsoTime,
  actorId: Type.Union([Id, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  summary: Type.Object({}, { additionalProperties: true }),
});
export type AuditRowView = Static<typeof AuditRowView>;
export const AuditPage = Page(AuditRowView);

export const AuditQuery = Type.Object({
  ...PageQuery,
  from: Type.Optional(IsoTime),
  to: Type.Optional(IsoTime),
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  objectType: Type.Optional(Type.String({ maxLength: 64 })),
  objectId: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('denied'), Type.Literal('failure')])),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditVerifyView = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  brokenAt: Type.Union([Type.Object({ id: Type.String(), reason: Type.String() }), Type.Null()]),
  missing: Type.Optional(Type.Union([Type.Object({ afterId: Type.String(), throughId: Type.Union([Type.String(), Type.Null()]), count: Type.String() }), Type.Null()])),
  checkpoint: Type.Optional(Type.Union([Type.Object({ lastId: Type.String(), count: Type.String(), at: Type.String() }), Type.Null()])),
});
