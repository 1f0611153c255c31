import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import {
  CreateThingBody, DueList, DueQuery, THING_KIND_LABELS, ThingDetail, ThingListQuery, ThingPage, UpdateThingBody, type ThingView,
} from '../../../common/modules/things/things.contract.js';
import { HistoryList } from '../../../common/modules/registries/registries.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { exportSheet, presentRows, sendWorkbook, statusLabel, type ExportColumn } from '../registries/registries.module.js';
import type { ThingsService } from './things.service.js';
import { presentThing, presentThingDetail } from './things.presenter.js';

const Params = Type.Object({ id: Id });

export function thingExportColumns(lang: 'zh-CN' | 'en'): ExportColumn<ThingView>[] {
  return [
    { zh: '编号', en: 'ID', value: (x) => x.id },
    { zh: '类别', en: 'Kind', width: 16, value: (x) => (lang === 'en' ? THING_KIND_LABELS[x.kind].en : THING_KIND_LABELS[x.kind].zh) },
    { zh: '名称', en: 'Name', width: 28, value: (x) => x.name },
    { zh: '编码', en: 'Code', value: (x) => x.code },
    { zh: '所在场所', en: 'Place', width: 24, value: (x) => x.place?.name ?? null },
    { zh: '所属企业', en: 'Enterprise', width: 24, value: (x) => x.enterprise?.name ?? null },
    { zh: '数量', en: 'Quantity', value: (x) => x.quantity },
    { zh: '单位', en: 'Unit', value: (x) => x.unitOfMeasure },
    { zh: '有效期至', en: 'Expires on', value: (x) => x.expiresOn },
    { zh: '上次检验', en: 'Last inspected', value: (x) => x.lastInspectedOn },
    { zh: '下次检验', en: 'Next inspection', value: (x) => x.nextInspectionOn },
    { zh: '状态', en: 'Status', value: (x) => statusLabel(x.status, lang) },
    { zh: '网格', en: 'Grid', width: 24, value: (x) => x.grid?.name ?? null },
    { zh: '经度', en: 'Longitude', value: (x) => x.location?.lng ?? null },
    { zh: '纬度', en: 'Latitude', value: (x) => x.location?.lat ?? null },
  ];
}

export function thingsRoutes(app: FastifyInstance, timeZone: string, svc: ThingsService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['things'];

  r.get('/api/things', {
    config: { access: 'facility.read' },
    schema: { tags, summary: 'Facilities, equipment, supplies and cameras in my area', querystring: ThingListQuery, response: { 200: ThingPage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const page = await svc.list(actorOf(req), req.query);
    return { items: page.items.map(presentThing), nextCursor: page.nextCursor };
  });

  r.get('/api/things/due', {
    config: { access: 'facility.read' },
    schema: { tags, summary: 'What expires or is due for inspection within N days (and what is overdue)', querystring: DueQuery, response: { 200: DueList, ...errors(400, 401, 403) } },
  }, async (req) => {
    const d = await svc.due(actorOf(req), req.query);
    return { today: d.today, days: d.days, truncated: d.truncated, items: d.items.map((i) => ({ ...i, thing: presentThing(i.thing) })) };
  });

  r.get('/api/things/export', {
    config: { access: 'registry.export' },
    schema: {
      tags, summary: 'The filtered list as .xlsx',
      querystring: Type.Object({ ...ThingListQuery.properties, lang: Type.Optional(Type.Enum(['zh-CN', 'en'])) }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403) },
    },
  }, async (req, reply) => {
    const rows = await svc.exportRows(actorOf(req), req.query);
    const lang = req.query.lang ?? 'zh-CN';
    return sendWorkbook(reply, `${lang === 'en' ? 'things' : '设施物资'}-${svc.today()}.xlsx`, [exportSheet({ zh: '物', en: 'Things' }, thingExportColumns(lang), presentRows(rows, presentThing), lang, timeZone)]);
  });

  r.post('/api/things', {
    config: { access: 'facility.write' },
    schema: { tags, summary: 'Register a facility, equipment, supplies or a camera (placed by location, or with its place)', body: CreateThingBody, response: { 201: ThingDetail, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await svc.create(actor, req.body);
    return reply.code(201).send(presentThingDetail(row, svc.abilities(actor, row)));
  });

  r.get('/api/things/:id', {
    config: { access: 'facility.read' },
    schema: { tags, summary: 'One thing', params: Params, response: { 200: ThingDetail, ...errors(401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.get(actor, req.params.id);
    return presentThingDetail(row, svc.abilities(actor, row));
  });

  r.patch('/api/things/:id', {
    config: { access: 'facility.write' },
    schema: { tags, summary: 'Change a thing (e.g. record an inspection and the next date)', params: Params, body: UpdateThingBody, response: { 200: ThingDetail, ...errors(400, 401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.update(actor, req.params.id, req.body);
    return presentThingDetail(row, svc.abilities(actor, row));
  });

  r.get('/api/things/:id/history', {
    config: { access: 'facility.read' },
    schema: { tags, summary: 'Changes from the audit log', params: Params, response: { 200: HistoryList, ...errors(401, 403, 404) } },
  }, async (req) => ({ items: await svc.history(actorOf(req), req.params.id) }));
}
