import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id, Ok } from '../../../common/modules/shared/shared.contract.js';
import { LIMITS } from '../../../common/limits.js';
import {
  ImportJobDetail, ImportJobList, ImportJobView, ImportKind, ImportMode, TemplateQuery,
} from '../../../common/modules/registries/registries.contract.js';
import { CreateRiskPointBody, RiskPointList, RiskPointView } from '../../../common/modules/registries/risk.contract.js';
import { actorOf } from '../../core/http.js';
import { AppError } from '../../core/errors.js';
import { errors } from '../../core/responses.js';
import { writeXlsx } from '../../core/xlsx.js';
import type { RiskService } from './registries.risk.js';
import { presentRiskPoint } from './registries.presenter.js';
import { presentJob, type ImportRunner } from './registries.import.js';
import { sendFile } from './registries.export.js';

const Params = Type.Object({ id: Id });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

async function readUpload(req: FastifyRequest): Promise<{ data: Buffer; name: string }> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the workbook as multipart/form-data (field "file")', { fields: [{ field: 'body/file', message: 'multipart/form-data expected' }] });
  }
  const part = await req.file({ limits: { fileSize: LIMITS.importBytes, files: 1 } });
  if (!part) throw new AppError('VALIDATION_FAILED', 'body/file: no file', { fields: [{ field: 'body/file', message: 'no file in the request' }] });
  const data = await part.toBuffer();
  return { data, name: part.filename || 'upload' };
}

export function registriesRoutes(app: FastifyInstance, deps: { risk: RiskService; imports: ImportRunner; today: () => string }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { risk, imports } = deps;

  // Risk points -------------------------------------------------------------------------------
  for (const [type, readPerm] of [['place', 'place.read'], ['enterprise', 'enterprise.read']] as const) {
    const base = type === 'place' ? '/api/places/:id/risk-points' : '/api/enterprises/:id/risk-points';
    r.get(base, {
      config: { access: readPerm },
      schema: { tags: ['risk'], summary: `Risk points of the ${type} (LEC or LS) and its level`, params: Params, querystring: Type.Object({ retired: Type.Optional(Type.Boolean()) }), response: { 200: RiskPointList, ...errors(401, 403, 404) } },
    }, async (req) => {
      const l = await risk.list(actorOf(req), { type, id: req.params.id }, req.query.retired ?? false);
      return { items: l.items.map(presentRiskPoint), subjectLevel: l.subjectLevel };
    });
    r.post(base, {
      config: { access: 'risk.assess' },
      schema: { tags: ['risk'], summary: `Assess a risk point of the ${type} by LEC (D = L×E×C) or LS (R = L×S); inputs, result and band table are stored`, params: Params, body: CreateRiskPointBody, response: { 201: RiskPointView, ...errors(400, 401, 403, 404) } },
    }, async (req, reply) => reply.code(201).send(presentRiskPoint(await risk.assess(actorOf(req), { type, id: req.params.id }, req.body))));
  }

  r.delete('/api/risk-points/:id', {
    config: { access: 'risk.assess' },
    schema: { tags: ['risk'], summary: 'Retire a risk point (the subject\'s level is recomputed)', params: Params, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => {
    await risk.retire(actorOf(req), req.params.id);
    return { ok: true as const };
  });

  // Imports -----------------------------------------------------------------------------------
  const tags = ['imports'];
  const KindParams = Type.Object({ kind: ImportKind });

  r.get('/api/registries/imports/fields/:kind', {
    config: { access: 'registry.import' },
    schema: {
      tags, summary: 'The columns of an import (names in both languages, type, allowed values)', params: KindParams,
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            key: Type.String(), zh: Type.String(), en: Type.String(), required: Type.Boolean(), type: Type.String(),
            options: Type.Array(Type.Object({ value: Type.String(), zh: Type.String(), en: Type.String() })),
          })),
        }),
        ...errors(400, 401, 403),
      },
    },
  }, async (req) => ({
    items: imports.specs[req.params.kind].fields.map((f) => ({ key: f.key, zh: f.zh, en: f.en, required: f.required ?? false, type: f.type, options: f.options ?? [] })),
  }));

  r.get('/api/registries/templates/:kind', {
    config: { access: 'registry.import' },
    schema: { tags, summary: 'A template to fill in (.xlsx with instructions and drop-down lists, or .csv)', params: KindParams, querystring: TemplateQuery, response: { 200: Binary, ...errors(400, 401, 403) } },
  }, async (req, reply) => {
    const format = req.query.format ?? 'xlsx';
    const spec = imports.specs[req.params.kind];
    const data = await imports.template(actorOf(req), req.params.kind, format);
    return sendFile(reply, data, `${spec.title.zh}导入模板.${format}`, format === 'csv' ? 'text/csv; charset=utf-8' : undefined);
  });

  r.post('/api/registries/imports', {
    config: { access: 'registry.import' },
    schema: {
      tags, summary: 'Upload an .xlsx or .csv (multipart field "file"); the import runs in the background — poll the job',
      querystring: Type.Object({ kind: ImportKind, mode: ImportMode }), consumes: ['multipart/form-data'],
      response: { 202: ImportJobView, ...errors(400, 401, 403, 413, 415) },
    },
  }, async (req, reply) => {
    const up = await readUpload(req);
    const job = await imports.start(actorOf(req), req.query.kind, req.query.mode, { name: up.name, data: up.data });
    return reply.code(202).send(presentJob(job));
  });

  r.get('/api/registries/imports', {
    config: { access: 'registry.import' },
    schema: { tags, summary: 'My recent imports', response: { 200: ImportJobList, ...errors(401, 403) } },
  }, async (req) => ({ items: (await imports.list(actorOf(req))).map(presentJob) }));

  r.get('/api/registries/imports/:id', {
    config: { access: 'registry.import' },
    schema: {
      tags, summary: 'An import\'s progress and its report (row, field, problem)', params: Params,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 20_000, default: 1000 })) }),
      response: { 200: ImportJobDetail, ...errors(401, 403, 404) },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const job = await imports.job(actor, req.params.id);
    const limit = req.query.limit ?? 1000;
    const problems = limit > 0 && Number(job.problem_count) > 0 ? (await imports.problems(actor, req.params.id)).slice(0, limit) : [];
    return { job: presentJob(job), problems };
  });

  r.get('/api/registries/imports/:id/report', {
    config: { access: 'registry.import' },
    schema: { tags, summary: 'The import report as .xlsx (row, field, problem)', params: Params, response: { 200: Binary, ...errors(401, 403, 404) } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const job = await imports.job(actor, req.params.id);
    const problems = await imports.problems(actor, req.params.id);
    const spec = imports.specs[job.kind];
    const label = new Map(spec.fields.map((f) => [f.key, f.zh]));
    const data = await writeXlsx([
      {
        name: '导入报告 Report',
        columns: [{ header: '行 Row', width: 8 }, { header: '字段 Field', width: 20 }, { header: '问题', width: 60 }, { header: 'Problem', width: 60 }],
        rows: problems.map((p) => [p.row, label.get(p.field) ?? p.field, p.problemZh ?? null, p.problem]),
      },
    ]);
    return sendFile(reply, data, `import-${job.id}-report.xlsx`);
  });
}
