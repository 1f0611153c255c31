// Conformance of /open311/v2 with GeoReport v2: responses validated against JSON Schemas written
// from the specification, XML parsed strictly and checked for the specification's element names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { HAZARD_CATEGORIES } from '../../../common/modules/hazards/hazards.contract.js';
import { GENEROUS, seedReportsWorld } from '../../test/fixtures/reports.fixtures.js';
import {
  discoverySchema, errorsSchema, postResponseSchema, serviceDefinitionSchema, serviceRequestsSchema, servicesSchema, tokenResponseSchema, XML_SHAPES,
} from './conformance/georeport-v2.schemas.js';
import { childText, parseXml, XmlError, type XmlElement } from './conformance/xml.js';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
(ajvFormats as unknown as { default: (a: Ajv) => Ajv }).default(ajv);
const validators: Record<string, ValidateFunction> = {
  discovery: ajv.compile(discoverySchema),
  services: ajv.compile(servicesSchema),
  definition: ajv.compile(serviceDefinitionSchema),
  requests: ajv.compile(serviceRequestsSchema),
  post: ajv.compile(postResponseSchema),
  token: ajv.compile(tokenResponseSchema),
  errors: ajv.compile(errorsSchema),
};

function valid(kind: keyof typeof validators, res: LightMyRequestResponse): unknown {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<unknown>();
  const v = validators[kind]!;
  if (!v(body)) throw new Error(`${kind} does not conform: ${ajv.errorsText(v.errors)}\n${res.body.slice(0, 500)}`);
  return body;
}

/** `required`: the children every item must have, when not those of the root's usual items (POST and token answers). */
function xml(res: LightMyRequestResponse, root: string, required?: readonly string[]): XmlElement {
  expect(res.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
  const doc = parseXml(res.body);
  expect(doc.declaration).toMatchObject({ version: '1.0', encoding: 'utf-8' });
  expect(doc.root.name).toBe(root);
  const shape = XML_SHAPES[root as keyof typeof XML_SHAPES];
  if (shape) {
    for (const item of doc.root.children) {
      expect(item.name).toBe(shape.item);
      for (const r of required ?? shape.required) expect(item.children.map((c) => c.name), `<${shape.item}> lacks <${r}>`).toContain(r);
    }
  }
  return doc.root;
}

let t: TestApp;
let sys: Client;
let apiKey: string;
const EN = { 'accept-language': 'en' };

function form(fields: Array<[string, string]>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
function post(path: string, fields: Array<[string, string]>, headers: Record<string, string> = {}, ip = '10.60.0.1') {
  const f = form(fields);
  return t.app.inject({ method: 'POST', url: `/open311/v2/${path}`, payload: f.body, headers: { ...f.headers, ...headers }, remoteAddress: ip });
}
const get = (path: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/open311/v2/${path}`, headers, remoteAddress: '10.60.0.2' });

const REQUEST: Array<[string, string]> = [
  ['service_code', 'evacuation'],
  ['lat', '36.00512345'],
  ['long', '101.00498765'],
  ['description', 'The fire exit of the night market is locked with a chain every evening.'],
  ['email', 'reporter@example.com'],
  ['first_name', 'Mei'],
  ['last_name', 'Chen'],
  ['phone', '13912345678'],
  ['device_id', 'dev-311-abc'],
  ['attribute[PLACE_TYPE]', 'public'],
  ['attribute[FEATURES][]', 'blocked_exit'],
  ['attribute[FEATURES][]', 'flammables'],
];

beforeAll(async () => {
  t = await createTestApp();
  await seedReportsWorld(t);
  sys = await t.login('sys');
  expect((await sys.put('/api/reports/settings', GENEROUS)).statusCode).toBe(200);
  const k = await sys.post('/api/open311/keys', { name: 'City hotline' });
  expect(k.statusCode).toBe(201);
  apiKey = k.json<{ key: string }>().key;
});
afterAll(async () => t.close());

describe('the test\'s XML parser', () => {
  it('refuses documents that are not well-formed', () => {
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a>1</a><b/>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a>', 'text']) {
      expect(() => parseXml(bad), bad).toThrow(XmlError);
    }
    expect(parseXml('<?xml version="1.0" encoding="utf-8"?>\n<a><b>x &amp; y</b><c/></a>').root.children.map((c) => [c.name, c.text])).toEqual([['b', 'x & y'], ['c', '']]);
  });
});

describe('GeoReport v2 discovery and services', () => {
  it('answers discovery in JSON and XML, offering XML', async () => {
    const j = valid('discovery', await get('discovery.json')) as { endpoints: Array<{ url: string; specification: string }> };
    expect(j.endpoints[0]?.url).toMatch(/^http:\/\/localhost(:80)?\/open311\/v2$/);
    expect(j.endpoints[0]?.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    const x = xml(await get('discovery.xml'), 'discovery');
    expect(x.children.map((c) => c.name)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    const endpoint = x.children.find((c) => c.name === 'endpoints')?.children[0];
    expect(endpoint?.name).toBe('endpoint');
    expect(endpoint?.children.find((c) => c.name === 'formats')?.children.map((f) => [f.name, f.text])).toEqual([['format', 'text/xml'], ['format', 'application/json']]);
  });

  it('lists one service per hazard category, in the client\'s language', async () => {
    const zh = valid('services', await get('services.json')) as Array<{ service_code: string; service_name: string; metadata: boolean }>;
    expect(zh.map((s) => s.service_code)).toEqual(HAZARD_CATEGORIES.map((c) => c.code));
    expect(zh.find((s) => s.service_code === 'fire')).toMatchObject({ service_name: '消防安全', metadata: true });
    const en = valid('services', await get('services.json', EN)) as Array<{ service_code: string; service_name: string }>;
    expect(en.find((s) => s.service_code === 'fire')?.service_name).toBe('Fire safety');
    const x = xml(await get('services.xml'), 'services');
    expect(x.children).toHaveLength(HAZARD_CATEGORIES.length);
    expect(childText(x.children[0]!, 'metadata')).toBe('true');
    expect(childText(x.children[0]!, 'type')).toBe('realtime');
  });

  it('reads a service definition with its attributes, and answers an unknown service with a 404 error', async () => {
    const d = valid('definition', await get('services/fire.json', EN)) as { service_code: string; attributes: Array<{ code: string; datatype: string; values?: Array<{ key: string }> }> };
    expect(d.service_code).toBe('fire');
    expect(d.attributes.map((a) => a.datatype).sort()).toEqual(['datetime', 'multivaluelist', 'number', 'singlevaluelist', 'singlevaluelist', 'string']);
    expect(d.attributes.find((a) => a.code === 'PLACE_TYPE')?.values?.map((v) => v.key)).toContain('small_place');
    const x = xml(await get('services/fire.xml'), 'service_definition');
    const attrs = x.children.find((c) => c.name === 'attributes');
    expect(attrs?.children.every((a) => a.name === 'attribute')).toBe(true);
    const place = attrs?.children.find((a) => childText(a, 'code') === 'PLACE_TYPE');
    expect(place?.children.find((c) => c.name === 'values')?.children[0]?.children.map((c) => c.name)).toEqual(['key', 'name']);
    const missing = await get('services/nope.json');
    expect(missing.statusCode).toBe(404);
    valid('errors', missing);
    const missingXml = await get('services/nope.xml');
    expect(missingXml.statusCode).toBe(404);
    expect(childText(xml(missingXml, 'errors').children[0]!, 'code')).toBe('404');
  });

  it('accepts the configured jurisdiction_id and answers an unknown one with 404', async () => {
    expect((await get('services.json?jurisdiction_id=safegrid')).statusCode).toBe(200);
    const res = await get('services.json?jurisdiction_id=elsewhere.example');
    expect(res.statusCode).toBe(404);
    expect((valid('errors', res) as Array<{ description: string }>)[0]?.description).toMatch(/jurisdiction_id/);
    expect((await get('discovery.xml?jurisdiction_id=elsewhere.example')).statusCode).toBe(404);
  });
});

describe('GeoReport v2 service requests', () => {
  it('needs an API key to post; refuses a wrong or revoked one with 403', async () => {
    const none = await post('requests.json', REQUEST);
    expect(none.statusCode).toBe(403);
    valid('errors', none);
    const wrong = await post('requests.xml', [['api_key', 'sg311_nope'], ...REQUEST]);
    expect(wrong.statusCode).toBe(403);
    expect(childText(xml(wrong, 'errors').children[0]!, 'code')).toBe('403');
    const k = await sys.post('/api/open311/keys', { name: 'to revoke' });
    const { id, key } = k.json<{ id: string; key: string }>();
    expect((await sys.delete(`/api/open311/keys/${id}`)).statusCode).toBe(200);
    expect((await post('requests.json', [['api_key', key], ...REQUEST])).statusCode).toBe(403);
    const stored = await t.db.rows<{ key_hash: string }>(sql`SELECT key_hash FROM open311_keys`);
    expect(JSON.stringify(stored)).not.toContain(key);
  });

  it('posts a request (form-encoded) and reads it back in JSON and XML with public fields only', async () => {
    const res = await post('requests.json', [['api_key', apiKey], ['jurisdiction_id', 'safegrid'], ...REQUEST], EN);
    expect(res.statusCode).toBe(201);
    const created = valid('post', res) as Array<{ service_request_id: string; service_notice: string; account_id: null }>;
    const id = created[0]!.service_request_id;
    expect(created[0]!.service_notice).toMatch(/tracking code [2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}/);

    const one = valid('requests', await get(`requests/${id}.json`, EN)) as Array<Record<string, unknown>>;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      service_request_id: id, status: 'open', service_code: 'evacuation', service_name: 'Escape routes and exits',
      agency_responsible: '北关社区第1网格', address_id: '630102001001001', lat: 36.0051, long: 101.005, media_url: null,
      status_notes: 'Received; a grid worker will check it',
    });
    expect(String(one[0]!.requested_datetime)).toMatch(/\+08:00$/);
    const x = xml(await get(`requests/${id}.xml`), 'service_requests');
    expect(x.children).toHaveLength(1);
    expect(childText(x.children[0]!, 'service_request_id')).toBe(id);
    expect(childText(x.children[0]!, 'status')).toBe('open');
    for (const body of [JSON.stringify(one), (await get(`requests/${id}.xml`)).body, (await get('requests.json')).body]) {
      for (const secret of ['reporter@example.com', '13912345678', 'Chen', 'Mei', 'dev-311-abc']) expect(body).not.toContain(secret);
    }
    const row = await t.db.one<{ channel: string; attributes: Record<string, unknown>; open311_key_id: string | null }>(sql`SELECT channel, attributes, open311_key_id::text AS open311_key_id FROM public_reports WHERE ref = ${id}`);
    expect(row).toMatchObject({ channel: 'open311', attributes: { PLACE_TYPE: 'public', FEATURES: ['blocked_exit', 'flammables'] } });
    expect(row?.open311_key_id).not.toBeNull();

    // The same in XML, with a JSON body.
    const viaJson = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', remoteAddress: '10.60.0.3', payload: {
      api_key: apiKey, service_code: 'gas', lat: 36.0055, long: 101.0155, description: '燃气管道在楼道里有明显的泄漏气味，已经持续两天。', attribute: { DANGER_NOW: 'no' },
    } });
    expect(viaJson.statusCode).toBe(201);
    const px = xml(viaJson, 'service_requests', ['service_request_id', 'service_notice', 'account_id']);
    expect(px.children[0]!.children.map((c) => c.name)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const ref2 = childText(px.children[0]!, 'service_request_id')!;
    expect((valid('requests', await get(`requests/${ref2}.json`)) as Array<{ agency_responsible: string }>)[0]?.agency_responsible).toBe('北关社区第2网格');
  });

  it('checks the attributes and location and answers 400 with the specification\'s field names', async () => {
    const bad = await post('requests.json', [['api_key', apiKey], ...REQUEST.filter(([k]) => k !== 'attribute[PLACE_TYPE]'), ['attribute[PLACE_TYPE]', 'castle']]);
    expect(bad.statusCode).toBe(400);
    expect((valid('errors', bad) as Array<{ description: string }>)[0]?.description).toMatch(/^attribute\[PLACE_TYPE\]: must be one of/);
    const unknownAttr = await post('requests.json', [['api_key', apiKey], ...REQUEST, ['attribute[COLOUR]', 'red']]);
    expect(unknownAttr.statusCode).toBe(400);
    const noService = await post('requests.json', [['api_key', apiKey], ['lat', '36.005'], ['long', '101.005'], ['description', 'Somebody dumped gas cylinders next to the school gate.']]);
    expect(noService.statusCode).toBe(400);
    expect((valid('errors', noService) as Array<{ description: string }>)[0]?.description).toMatch(/service_code/);
    const outside = await post('requests.json', [['api_key', apiKey], ...REQUEST.filter(([k]) => k !== 'lat' && k !== 'long'), ['lat', '30.2'], ['long', '120.5']]);
    expect(outside.statusCode).toBe(400);
    expect((valid('errors', outside) as Array<{ description: string }>)[0]?.description).toMatch(/outside/);
    const garbage = await post('requests.xml', [['api_key', apiKey], ['service_code', 'fire'], ['lat', '36.005'], ['long', '101.005'], ['description', 'aaaaaaaaaaaa']]);
    expect(garbage.statusCode).toBe(400);
    expect(childText(xml(garbage, 'errors').children[0]!, 'description')).toMatch(/^description:/);
    // By address: a unit name in address_string, or a unit code as address_id.
    const byAddress = await post('requests.json', [['api_key', apiKey], ['service_code', 'fire'], ['address_string', '北关社区第2网格 老菜市场'], ['description', '菜市场里的液化气罐堆在通道上。']]);
    expect(byAddress.statusCode).toBe(201);
    const byId = await post('requests.json', [['api_key', apiKey], ['service_code', 'fire'], ['address_id', '630102001001001'], ['description', '菜市场里的液化气罐堆在通道上。']]);
    expect(byId.statusCode).toBe(201);
    const ref = (valid('post', byId) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    expect((valid('requests', await get(`requests/${ref}.json`)) as Array<{ address_id: string }>)[0]?.address_id).toBe('630102001001001');
  });

  it('filters requests by id list, service, status and period (default the last 90 days, at most 90)', async () => {
    const mk = async (code: string) => {
      const r = await post('requests.json', [['api_key', apiKey], ['service_code', code], ['lat', '36.005'], ['long', '101.005'], ['description', '小区门口的消防通道被私家车长期占用。']]);
      return (r.json<Array<{ service_request_id: string }>>())[0]!.service_request_id;
    };
    const a = await mk('road_traffic');
    const b = await mk('road_traffic');
    const c = await mk('construction');
    const byIds = valid('requests', await get(`requests.json?service_request_id=${a},${c},ffffffffffff`)) as Array<{ service_request_id: string }>;
    expect(byIds.map((r) => r.service_request_id).sort()).toEqual([a, c].sort());
    const byService = valid('requests', await get('requests.json?service_code=road_traffic')) as Array<{ service_request_id: string }>;
    expect(byService.map((r) => r.service_request_id).sort()).toEqual([a, b].sort());

    // Rejected by the grid worker: closed, with the reason as status_notes.
    const id = (await t.db.one<{ id: string }>(sql`SELECT id::text AS id FROM public_reports WHERE ref = ${b}`))!.id;
    const gw1 = await t.login('gw1');
    expect((await gw1.post(`/api/reports/${id}/reject`, { reason: '车辆已挪走，通道畅通' })).statusCode).toBe(200);
    const closed = valid('requests', await get('requests.json?service_code=road_traffic&status=closed')) as Array<{ service_request_id: string; status: string; status_notes: string }>;
    expect(closed).toEqual([expect.objectContaining({ service_request_id: b, status: 'closed', status_notes: '经核实不属于安全隐患：车辆已挪走，通道畅通' })]);
    const open = valid('requests', await get('requests.json?service_code=road_traffic&status=open')) as Array<{ service_request_id: string }>;
    expect(open.map((r) => r.service_request_id)).toEqual([a]);
    const closedXml = xml(await get('requests.xml?service_code=road_traffic&status=closed'), 'service_requests');
    expect(childText(closedXml.children[0]!, 'status')).toBe('closed');

    const tooLong = await get('requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z');
    expect(tooLong.statusCode).toBe(400);
    expect((valid('errors', tooLong) as Array<{ description: string }>)[0]?.description).toMatch(/90 days/);
    expect((await get('requests.json?start_date=yesterday')).statusCode).toBe(400);
    expect((await get('requests.json?status=pending')).statusCode).toBe(400);
    const earlier = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const inRange = valid('requests', await get(`requests.json?start_date=${encodeURIComponent(earlier)}&service_code=construction`)) as Array<{ service_request_id: string }>;
    expect(inRange.map((r) => r.service_request_id)).toEqual([c]);
    // 91 days later the default window no longer holds them; an explicit period still does.
    t.clock.advance(91 * 86_400_000);
    expect((valid('requests', await get('requests.json?service_code=construction')) as unknown[]).length).toBe(0);
    expect((valid('requests', await get(`requests.json?start_date=${encodeURIComponent(earlier)}&service_code=construction`)) as unknown[]).length).toBe(1);
    t.clock.advance(-91 * 86_400_000);
  });

  it('answers with a token when configured, and the token leads to the id', async () => {
    const s = (await sys.get('/api/open311/settings')).json<Record<string, unknown>>();
    expect((await sys.put('/api/open311/settings', { ...s, postResponse: 'token' })).statusCode).toBe(200);
    const res = await post('requests.xml', [['api_key', apiKey], ...REQUEST]);
    expect(res.statusCode).toBe(201);
    const item = xml(res, 'service_requests', ['token', 'service_notice', 'account_id']).children[0]!;
    expect(item.children.map((c) => c.name)).toEqual(['token', 'service_notice', 'account_id']);
    const token = childText(item, 'token')!;
    const j = valid('token', await get(`tokens/${token}.json`)) as Array<{ service_request_id: string; token: string }>;
    expect(j[0]?.token).toBe(token);
    expect((valid('requests', await get(`requests/${j[0]!.service_request_id}.json`)) as unknown[]).length).toBe(1);
    const tx = xml(await get(`tokens/${token}.xml`), 'service_requests', ['service_request_id', 'token']);
    expect(childText(tx.children[0]!, 'service_request_id')).toBe(j[0]!.service_request_id);
    const unknown = await get('tokens/00000000-0000-0000-0000-000000000000.json');
    expect(unknown.statusCode).toBe(404);
    valid('errors', unknown);
    expect((await sys.put('/api/open311/settings', { ...s, postResponse: 'id', requireApiKey: false })).statusCode).toBe(200);
    const keyless = await post('requests.json', REQUEST.filter(([k]) => k !== 'device_id'), {}, '10.60.0.9');
    expect(keyless.statusCode).toBe(201);
    expect((await sys.put('/api/open311/settings', s)).statusCode).toBe(200);
  });

  it('answers unknown requests and resources with the specification\'s errors', async () => {
    const r = await get('requests/ffffffffffff.json');
    expect(r.statusCode).toBe(404);
    valid('errors', r);
    const nope = await get('nothing-here.xml');
    expect(nope.statusCode).toBe(404);
    xml(nope, 'errors');
    const json = await get('nothing-here.json');
    expect(json.statusCode).toBe(404);
    valid('errors', json);
  });

  it('lets only open311.manage manage keys and settings', async () => {
    const gw1 = await t.login('gw1');
    expect((await gw1.get('/api/open311/keys')).statusCode).toBe(403);
    expect((await gw1.post('/api/open311/keys', { name: 'x' })).statusCode).toBe(403);
    const list = await sys.get('/api/open311/keys');
    expect(list.json<{ items: Array<{ name: string; prefix: string }> }>().items.map((k) => k.name)).toContain('City hotline');
    expect(list.body).not.toContain(apiKey);
    const audit = await t.db.rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE action LIKE 'open311.%' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['open311.key.create', 'open311.key.revoke', 'open311.settings']));
  });
});
