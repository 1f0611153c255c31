// JSON Schemas (draft-07) of the GeoReport v2 responses, written from the specification
// (http://wiki.open311.org/GeoReport_v2), independent of our own contract, to check our answers
// the way a client or validator reads them.

const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableString = { type: ['string', 'null'] } as const;

export const discoverySchema = {
  $id: 'georeport-v2/discovery',
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  properties: {
    changeset: dateTime,
    contact: { type: 'string', minLength: 1 },
    key_service: { type: 'string', minLength: 1 },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: dateTime,
          type: { enum: ['production', 'test'] },
          // A v2 endpoint must offer XML; JSON is optional.
          formats: { type: 'array', minItems: 1, items: { enum: ['text/xml', 'application/json'] }, contains: { const: 'text/xml' } },
        },
      },
    },
  },
} as const;

export const serviceSchema = {
  type: 'object',
  required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  properties: {
    service_code: { type: 'string', minLength: 1 },
    service_name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    metadata: { type: 'boolean' },
    type: { enum: ['realtime', 'batch', 'blackbox'] },
    keywords: { type: 'string' },
    group: { type: 'string' },
  },
} as const;

export const servicesSchema = { $id: 'georeport-v2/services', type: 'array', items: serviceSchema } as const;

const listTypes = ['singlevaluelist', 'multivaluelist'];

export const serviceDefinitionSchema = {
  $id: 'georeport-v2/service-definition',
  type: 'object',
  required: ['service_code', 'attributes'],
  properties: {
    service_code: { type: 'string', minLength: 1 },
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description'],
        properties: {
          variable: { type: 'boolean' },
          code: { type: 'string', minLength: 1 },
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: nullableString,
          order: { type: 'integer', minimum: 0 },
          description: { type: 'string', minLength: 1 },
          values: {
            type: 'array',
            items: { type: 'object', required: ['key', 'name'], properties: { key: { type: ['string', 'number'] }, name: { type: 'string' } } },
          },
        },
        // The list types carry their values.
        if: { properties: { datatype: { enum: listTypes } } },
        then: { required: ['values'], properties: { values: { type: 'array', minItems: 1 } } },
      },
    },
  },
} as const;

export const serviceRequestSchema = {
  type: 'object',
  required: [
    'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
    'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode',
    'lat', 'long', 'media_url',
  ],
  properties: {
    service_request_id: { type: 'string', minLength: 1 },
    status: { enum: ['open', 'closed'] },
    status_notes: nullableString,
    service_name: { type: 'string' },
    service_code: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    agency_responsible: nullableString,
    service_notice: nullableString,
    requested_datetime: dateTime,
    updated_datetime: { anyOf: [dateTime, { type: 'null' }] },
    expected_datetime: { anyOf: [dateTime, { type: 'null' }] },
    address: nullableString,
    address_id: nullableString,
    zipcode: nullableString,
    lat: { type: 'number', minimum: -90, maximum: 90 },
    long: { type: 'number', minimum: -180, maximum: 180 },
    media_url: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
  },
} as const;

export const serviceRequestsSchema = { $id: 'georeport-v2/requests', type: 'array', items: serviceRequestSchema } as const;

export const postResponseSchema = {
  $id: 'georeport-v2/post-response',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    // Either the id at once or a token to exchange for it later.
    anyOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
    properties: {
      service_request_id: { type: 'string', minLength: 1 },
      token: { type: 'string', minLength: 1 },
      service_notice: nullableString,
      account_id: nullableString,
    },
  },
} as const;

export const tokenResponseSchema = {
  $id: 'georeport-v2/token',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['service_request_id', 'token'],
    properties: { service_request_id: { type: 'string', minLength: 1 }, token: { type: 'string', minLength: 1 } },
  },
} as const;

export const errorsSchema = {
  $id: 'georeport-v2/errors',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
} as const;

/** Element names of XML documents: root → item element and the item's required children. */
export const XML_SHAPES = {
  services: { item: 'service', required: serviceSchema.required },
  service_requests: { item: 'request', required: serviceRequestSchema.required },
  errors: { item: 'error', required: errorsSchema.items.required },
} as const;
