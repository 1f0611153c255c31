import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id, Ok } from '../../../common/modules/shared/shared.contract.js';
import {
  CreateEnterpriseBody, CreateProjectBody, ENTERPRISE_LABELS, EnterpriseDetail, EnterpriseListQuery, EnterprisePage, MajorHazardBody, MajorHazardList,
  MajorHazardView, ProjectList, ProjectView, UpdateEnterpriseBody, UpdateOwnEnterpriseBody, UpdateProjectBody, type EnterpriseView,
} from '../../../common/modules/enterprises/enterprises.contract.js';
import { HistoryList, RISK_COLOURS } from '../../../common/modules/registries/registries.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { exportSheet, presentRows, sendWorkbook, statusLabel, type ExportColumn } from '../registries/registries.module.js';
import type { EnterprisesService } from './enterprises.service.js';
import { presentEnterprise, presentEnterpriseDetail, presentMajorHazardRow, presentProject } from './enterprises.presenter.js';

const Params = Type.Object({ id: Id });

export function enterpriseExportColumns(lang: 'zh-CN' | 'en'): ExportColumn<EnterpriseView>[] {
  const t = (x: { zh: string; en: string } | undefined) => (x ? (lang === 'en' ? x.en : x.zh) : null);
  return [
    { zh: '编号', en: 'ID', value: (e) => e.id },
    { zh: '统一社会信用代码', en: 'USCC', width: 22, value: (e) => e.uscc },
    { zh: '名称', en: 'Name', width: 30, value: (e) => e.name },
    { zh: '行业代码', en: 'Industry code', value: (e) => e.industryCode },
    { zh: '规模', en: 'Scale', value: (e) => (e.scale ? t(ENTERPRISE_LABELS.scale[e.scale]) : null) },
    { zh: '地址', en: 'Address', width: 36, value: (e) => e.address },
    { zh: '网格', en: 'Grid', width: 24, value: (e) => e.grid?.name ?? null },
    { zh: '网格编码', en: 'Grid code', width: 20, value: (e) => e.grid?.code ?? null },
    { zh: '经度', en: 'Longitude', value: (e) => e.location?.lng ?? null },
    { zh: '纬度', en: 'Latitude', value: (e) => e.location?.lat ?? null },
    { zh: '主要负责人', en: 'Principal', value: (e) => e.principalName },
    { zh: '主要负责人电话', en: 'Principal phone', value: (e) => e.principalPhone },
    { zh: '从业人员', en: 'Employees', value: (e) => e.employees },
    { zh: '行业主管部门', en: 'Supervising department', value: (e) => e.supervisingDepartment },
    { zh: '标准化等级', en: 'Standardization', value: (e) => (e.standardizationLevel ? t(ENTERPRISE_LABELS.standardization[e.standardizationLevel]) : null) },
    { zh: '风险等级', en: 'Risk level', value: (e) => (e.riskLevel === null ? null : `${e.riskLevel} ${RISK_COLOURS[e.riskLevel - 1] ?? ''}`) },
    { zh: '重大危险源等级', en: 'Major hazard level', value: (e) => e.majorHazardLevel },
    { zh: '状态', en: 'Status', value: (e) => statusLabel(e.status, lang) },
    { zh: '更新时间', en: 'Updated', width: 22, value: (e) => e.updatedAt },
  ];
}

export function enterprisesRoutes(app: FastifyInstance, timeZone: string, svc: EnterprisesService, today: () => string): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['enterprises'];

  r.get('/api/enterprises', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Enterprises in my area (industry departments: of their industry; enterprise users: their own)', querystring: EnterpriseListQuery, response: { 200: EnterprisePage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const page = await svc.list(actorOf(req), req.query);
    return { items: page.items.map(presentEnterprise), nextCursor: page.nextCursor };
  });

  r.get('/api/enterprises/export', {
    config: { access: 'registry.export' },
    schema: {
      tags, summary: 'The filtered list as .xlsx (personal data masked)',
      querystring: Type.Object({ ...EnterpriseListQuery.properties, lang: Type.Optional(Type.Enum(['zh-CN', 'en'])) }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403) },
    },
  }, async (req, reply) => {
    const rows = await svc.exportRows(actorOf(req), req.query);
    const lang = req.query.lang ?? 'zh-CN';
    return sendWorkbook(reply, `${lang === 'en' ? 'enterprises' : '企业'}-${today()}.xlsx`, [exportSheet({ zh: '企业', en: 'Enterprises' }, enterpriseExportColumns(lang), presentRows(rows, presentEnterprise), lang, timeZone)]);
  });

  r.post('/api/enterprises', {
    config: { access: 'enterprise.write' },
    schema: { tags, summary: 'Register an enterprise (the credit code is checked; the grid comes from the location)', body: CreateEnterpriseBody, response: { 201: EnterpriseDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await svc.create(actor, req.body);
    return reply.code(201).send(presentEnterpriseDetail(row, svc.abilities(actor, row)));
  });

  r.get('/api/enterprises/:id', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'An enterprise', params: Params, response: { 200: EnterpriseDetail, ...errors(401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.get(actor, req.params.id);
    return presentEnterpriseDetail(row, svc.abilities(actor, row));
  });

  r.patch('/api/enterprises/:id', {
    config: { access: 'enterprise.write' },
    schema: { tags, summary: 'Change an enterprise (departments)', params: Params, body: UpdateEnterpriseBody, response: { 200: EnterpriseDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.update(actor, req.params.id, req.body);
    return presentEnterpriseDetail(row, svc.abilities(actor, row));
  });

  r.patch('/api/enterprises/:id/own', {
    config: { access: 'enterprise.self' },
    schema: { tags, summary: 'An enterprise user maintains their own enterprise (people, contacts, duties)', params: Params, body: UpdateOwnEnterpriseBody, response: { 200: EnterpriseDetail, ...errors(400, 401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.updateOwn(actor, req.params.id, req.body);
    return presentEnterpriseDetail(row, svc.abilities(actor, row));
  });

  r.get('/api/enterprises/:id/history', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Changes to the enterprise from the audit log', params: Params, response: { 200: HistoryList, ...errors(401, 403, 404) } },
  }, async (req) => ({ items: await svc.history(actorOf(req), req.params.id) }));

  r.get('/api/enterprises/:id/projects', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: '三同时 projects with their stage and warnings', params: Params, response: { 200: ProjectList, ...errors(401, 403, 404) } },
  }, async (req) => ({ items: (await svc.projects(actorOf(req), req.params.id)).map(presentProject) }));

  r.post('/api/enterprises/:id/projects', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Add a 三同时 project (departments or the enterprise itself)', params: Params, body: CreateProjectBody, response: { 201: ProjectView, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.code(201).send(presentProject(await svc.createProject(actorOf(req), req.params.id, req.body))));

  r.patch('/api/enterprise-projects/:id', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Change a 三同时 project', params: Params, body: UpdateProjectBody, response: { 200: ProjectView, ...errors(400, 401, 403, 404) } },
  }, async (req) => presentProject(await svc.updateProject(actorOf(req), req.params.id, req.body)));

  r.delete('/api/enterprise-projects/:id', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Remove a 三同时 project', params: Params, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => {
    await svc.deleteProject(actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.get('/api/enterprises/:id/major-hazards', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Major hazard sources (GB 18218) of the enterprise and its highest level', params: Params, response: { 200: MajorHazardList, ...errors(401, 403, 404) } },
  }, async (req) => {
    const m = await svc.majorHazards(actorOf(req), req.params.id);
    return { items: m.items.map(presentMajorHazardRow), enterpriseLevel: m.level };
  });

  r.post('/api/enterprises/:id/major-hazards', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Identify and grade a production or storage unit; inputs, result and table versions are stored together', params: Params, body: MajorHazardBody, response: { 201: MajorHazardView, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.code(201).send(presentMajorHazardRow(await svc.saveMajorHazard(actorOf(req), req.params.id, req.body))));

  r.put('/api/major-hazards/:id', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Re-assess a major hazard source with new inputs', params: Params, body: MajorHazardBody, response: { 200: MajorHazardView, ...errors(400, 401, 403, 404) } },
  }, async (req) => presentMajorHazardRow(await svc.updateMajorHazard(actorOf(req), req.params.id, req.body)));

  r.delete('/api/major-hazards/:id', {
    config: { access: 'enterprise.read' },
    schema: { tags, summary: 'Retire a major hazard source', params: Params, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => {
    await svc.retireMajorHazard(actorOf(req), req.params.id);
    return { ok: true as const };
  });
}
