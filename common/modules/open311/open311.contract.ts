// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the resources as the
// specification names them, plus the settings and API keys behind them.
import { Type, type Static } from 'typebox';
import { Id, IsoTime } from '../shared/shared.contract.js';

export const GEOREPORT_V2_SPEC = 'http://wiki.open311.org/GeoReport_v2';

export const Open311Error = Type.Object({ code: Type.Integer(), description: Type.String() });
export const Open311Errors = Type.Array(Open311Error);
export type Open311Errors = Static<typeof Open311Errors>;

/** XML documents are sent as text/xml; their shape is checked by the conformance tests. */
export const XmlDocument = Type.String({ description: 'XML document (text/xml; charset=utf-8)' });

export const Discovery = Type.Object({
  changeset: IsoTime,
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(Type.Object({
    specification: Type.String(),
    url: Type.String(),
    changeset: IsoTime,
    type: Type.Enum(['production', 'test'] as const),
    formats: Type.Array(Type.String()),
  })),
});
export type Discovery = Static<typeof Discovery>;

export const Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.Enum(['realtime', 'batch', 'blackbox'] as const),
  keywords: Type.String(),
  group: Type.String(),
});
export type Service = Static<typeof Service>;
export const ServiceList = Type.Array(Service);

export const ServiceAttribute = Type.Object({
  variable: Type.Boolean(),
  code: Type.String(),
  datatype: Type.Enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const),
  required: Type.Boolean(),
  datatype_description: Type.Union([Type.String(), Type.Null()]),
  order: Type.Integer(),
  description: Type.String(),
  values: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: Type.String() }))),
});
export const ServiceDefinition = Type.Object({ service_code: Type.String(), attributes: Type.Array(ServiceAttribute) });
export type ServiceDefinition = Static<typeof ServiceDefinition>;

export const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Enum(['open', 'closed'] as const),
  status_notes: Type.Union([Type.String(), Type.Null()]),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Type.String(),
  service_notice: Type.Union([Type.String(), Type.Null()]),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
  address_id: Type.Union([Type.String(), Type.Null()]),
  zipcode: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Number(),
  long: Type.Number(),
  media_url: Type.Union([Type.String(), Type.Null()]),
});
export type ServiceRequest = Static<typeof ServiceRequest>;
export const ServiceRequests = Type.Array(ServiceRequest);

export const PostRequestResult = Type.Array(Type.Object({
  service_request_id: Type.Optional(Type.String()),
  token: Type.Optional(Type.String()),
  service_notice: Type.String(),
  account_id: Type.Union([Type.String(), Type.Null()]),
}));
export type PostRequestResult = Static<typeof PostRequestResult>;

export const TokenResult = Type.Array(Type.Object({ service_request_id: Type.String(), token: Type.String() }));

export const JurisdictionQuery = Type.Object({ jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })) });

export const RequestsQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
  service_request_id: Type.Optional(Type.String({ maxLength: 2000, description: 'comma-separated; overrides the other filters' })),
  service_code: Type.Optional(Type.String({ maxLength: 500, description: 'comma-separated' })),
  start_date: Type.Optional(Type.String({ maxLength: 40 })),
  end_date: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed or both, comma-separated' })),
});
export type RequestsQuery = Static<typeof RequestsQuery>;

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
/** POST requests: form-encoded as the specification says (or JSON); `attribute[CODE]` fields. */
export const PostRequestBody = Type.Object(
  {
    api_key: Str(200),
    jurisdiction_id: Str(100),
    service_code: Type.String({ minLength: 1, maxLength: 40 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address_string: Str(200),
    address_id: Str(40),
    email: Str(120),
    device_id: Str(64),
    account_id: Str(64),
    first_name: Str(40),
    last_name: Str(40),
    phone: Str(20),
    description: Str(4000),
    media_url: Str(2000),
    attribute: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })]), { maxProperties: 20 })),
  },
  { additionalProperties: true },
);
export type PostRequestBody = Static<typeof PostRequestBody>;

// ---- administration ----

export const Open311Settings = Type.Object(
  {
    jurisdictionId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$' }),
    requireApiKey: Type.Boolean(),
    contact: Type.String({ maxLength: 500 }),
    keyService: Type.String({ maxLength: 500 }),
    /** What POST answers with: the request id at once, or a token to exchange later. */
    postResponse: Type.Enum(['id', 'token'] as const),
    postsPer10MinPerKey: Type.Integer({ minimum: 1, maximum: 100000 }),
    readsPerMinute: Type.Integer({ minimum: 1, maximum: 100000 }),
  },
  { additionalProperties: false },
);
export type Open311Settings = Static<typeof Open311Settings>;

export const DEFAULT_OPEN311_SETTINGS: Open311Settings = {
  jurisdictionId: 'safegrid',
  requireApiKey: true,
  contact: 'SafeGrid public reporting — 12350',
  keyService: 'Ask the system administrator of this jurisdiction for an API key',
  postResponse: 'id',
  postsPer10MinPerKey: 60,
  readsPerMinute: 300,
};

export const ApiKeyRow = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: IsoTime,
  lastUsedAt: Type.Union([IsoTime, Type.Null()]),
  revokedAt: Type.Union([IsoTime, Type.Null()]),
});
export type ApiKeyRow = Static<typeof ApiKeyRow>;
export const ApiKeyList = Type.Object({ items: Type.Array(ApiKeyRow) });
export const CreateApiKeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const CreatedApiKey = Type.Object({ ...ApiKeyRow.properties, key: Type.String({ description: 'shown once; only a hash is kept' }) });
