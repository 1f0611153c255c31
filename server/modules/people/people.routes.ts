import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import {
  CreatePersonBody, PERSON_CATEGORY_LABELS, PersonDetail, PersonListQuery, PersonLookupBody, PersonPage, UnmaskBody, UnmaskedPerson, UpdatePersonBody, type PersonView,
} from '../../../common/modules/people/people.contract.js';
import { HistoryList } from '../../../common/modules/registries/registries.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { exportSheet, presentRows, sendWorkbook, statusLabel, type ExportColumn } from '../registries/registries.module.js';
import type { PeopleService } from './people.service.js';
import { presentPerson, presentPersonDetail } from './people.presenter.js';

const Params = Type.Object({ id: Id });

export function personExportColumns(lang: 'zh-CN' | 'en'): ExportColumn<PersonView>[] {
  const l = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  return [
    { zh: '编号', en: 'ID', value: (p) => p.id },
    { zh: '类别', en: 'Category', width: 16, value: (p) => l(PERSON_CATEGORY_LABELS[p.category]) },
    { zh: '姓名', en: 'Name', value: (p) => p.name },
    { zh: '性别', en: 'Sex', value: (p) => (p.sex === null ? null : lang === 'en' ? p.sex : p.sex === 'male' ? '男' : '女') },
    { zh: '身份证号', en: 'ID number', width: 22, value: (p) => p.idNumber },
    { zh: '联系电话', en: 'Phone', width: 16, value: (p) => p.phone },
    { zh: '住址', en: 'Address', width: 36, value: (p) => p.address },
    { zh: '网格', en: 'Grid', width: 24, value: (p) => p.grid?.name ?? null },
    { zh: '网格编码', en: 'Grid code', width: 20, value: (p) => p.grid?.code ?? null },
    { zh: '帮扶人', en: 'Helper', value: (p) => p.helperName },
    { zh: '帮扶人电话', en: 'Helper phone', width: 16, value: (p) => p.helperPhone },
    { zh: '状态', en: 'Status', value: (p) => statusLabel(p.status, lang) },
    { zh: '更新时间', en: 'Updated', width: 22, value: (p) => p.updatedAt },
  ];
}

export function peopleRoutes(app: FastifyInstance, timeZone: string, svc: PeopleService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['people'];

  r.get('/api/people', {
    config: { access: 'person.read' },
    schema: { tags, summary: 'People at risk in my area (ID numbers and phones masked)', querystring: PersonListQuery, response: { 200: PersonPage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const page = await svc.list(actorOf(req), req.query);
    return { items: page.items.map(presentPerson), nextCursor: page.nextCursor };
  });

  r.post('/api/people/lookup', {
    config: { access: 'person.read' },
    schema: { tags, summary: 'People in my area with exactly this ID number (sent in the body, never in a URL)', body: PersonLookupBody, response: { 200: PersonPage, ...errors(400, 401, 403) } },
  }, async (req) => ({ items: (await svc.lookup(actorOf(req), req.body.idNumber)).map(presentPerson), nextCursor: null }));

  r.get('/api/people/export', {
    config: { access: 'registry.export' },
    schema: {
      tags, summary: 'The filtered list as .xlsx (ID numbers and phones masked)',
      querystring: Type.Object({ ...PersonListQuery.properties, lang: Type.Optional(Type.Enum(['zh-CN', 'en'])) }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403) },
    },
  }, async (req, reply) => {
    const rows = await svc.exportRows(actorOf(req), req.query);
    const lang = req.query.lang ?? 'zh-CN';
    return sendWorkbook(reply, `${lang === 'en' ? 'people' : '重点人员'}-${svc.today()}.xlsx`, [exportSheet({ zh: '重点人员', en: 'People at risk' }, personExportColumns(lang), presentRows(rows, presentPerson), lang, timeZone)]);
  });

  r.post('/api/people', {
    config: { access: 'person.write' },
    schema: { tags, summary: 'Register a person at risk (the ID number is checked; stored encrypted)', body: CreatePersonBody, response: { 201: PersonDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await svc.create(actor, req.body);
    return reply.code(201).send(presentPersonDetail(row, svc.abilities(actor, row)));
  });

  r.get('/api/people/:id', {
    config: { access: 'person.read' },
    schema: { tags, summary: 'A person at risk (masked)', params: Params, response: { 200: PersonDetail, ...errors(401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.get(actor, req.params.id);
    return presentPersonDetail(row, svc.abilities(actor, row));
  });

  r.patch('/api/people/:id', {
    config: { access: 'person.write' },
    schema: { tags, summary: 'Change a person at risk', params: Params, body: UpdatePersonBody, response: { 200: PersonDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.update(actor, req.params.id, req.body);
    return presentPersonDetail(row, svc.abilities(actor, row));
  });

  r.post('/api/people/:id/unmask', {
    config: { access: 'person.unmask' },
    schema: { tags, summary: 'The clear ID number and phones, with a reason; written to the audit log', params: Params, body: UnmaskBody, response: { 200: UnmaskedPerson, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const out = await svc.unmask(actorOf(req), req.params.id, req.body.reason);
    return reply.header('cache-control', 'no-store').send(out);
  });

  r.get('/api/people/:id/history', {
    config: { access: 'person.read' },
    schema: { tags, summary: 'Changes and unmaskings of the person from the audit log', params: Params, response: { 200: HistoryList, ...errors(401, 403, 404) } },
  }, async (req) => ({ items: await svc.history(actorOf(req), req.params.id) }));
}
