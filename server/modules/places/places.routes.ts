import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import {
  CreatePlaceBody, GradeBody, GradeHistory, GradeResultView, GradingStats, GradingStatsQuery, MapQuery, PLACE_KIND_INFO, PlaceDetail, PlaceListQuery,
  PlaceMap, PlacePage, UpdatePlaceBody,
} from '../../../common/modules/places/places.contract.js';
import { HistoryList, RISK_COLOURS } from '../../../common/modules/registries/registries.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { exportSheet, presentRows, sendWorkbook, yesNo, statusLabel, type ExportColumn } from '../registries/registries.module.js';
import type { PlacesService } from './places.service.js';
import { presentGrade, presentPlace, presentPlaceDetail } from './places.presenter.js';
import type { PlaceView } from '../../../common/modules/places/places.contract.js';

const Params = Type.Object({ id: Id });

export function placeExportColumns(lang: 'zh-CN' | 'en', useNames: ReadonlyMap<string, { zh: string; en: string }> = new Map()): ExportColumn<PlaceView>[] {
  const kind = (k: string) => {
    const i = PLACE_KIND_INFO.find((x) => x.code === k);
    return i ? (lang === 'en' ? i.en : i.zh) : k;
  };
  const RISK = [['重大风险', 'major (red)'], ['较大风险', 'considerable (orange)'], ['一般风险', 'moderate (yellow)'], ['低风险', 'low (blue)']] as const;
  const risk = (l: number | null) => (l === null ? null : (RISK[l - 1]?.[lang === 'en' ? 1 : 0] ?? `${l} ${RISK_COLOURS[l - 1] ?? ''}`));
  const use = (u: string | null) => (u === null ? null : ((n) => (n ? (lang === 'en' ? n.en : n.zh) : u))(useNames.get(u)));
  return [
    { zh: '编号', en: 'ID', value: (p) => p.id },
    { zh: '名称', en: 'Name', width: 30, value: (p) => p.name },
    { zh: '类型', en: 'Kind', width: 20, value: (p) => kind(p.kind) },
    { zh: '用途', en: 'Use', value: (p) => use(p.use) },
    { zh: '地址', en: 'Address', width: 36, value: (p) => p.address },
    { zh: '网格', en: 'Grid', width: 24, value: (p) => p.grid?.name ?? null },
    { zh: '网格编码', en: 'Grid code', width: 20, value: (p) => p.grid?.code ?? null },
    { zh: '经度', en: 'Longitude', value: (p) => p.location?.lng ?? null },
    { zh: '纬度', en: 'Latitude', value: (p) => p.location?.lat ?? null },
    { zh: '等级', en: 'Grade', value: (p) => p.grade },
    { zh: '定级日期', en: 'Graded on', value: (p) => p.gradedOn },
    { zh: '风险等级', en: 'Risk level', value: (p) => risk(p.riskLevel) },
    { zh: '三合一', en: 'Three-in-one', value: (p) => yesNo(p.threeInOne, lang) },
    { zh: '经营者', en: 'Operator', value: (p) => p.operatorName },
    { zh: '经营者电话', en: 'Operator phone', value: (p) => p.operatorPhone },
    { zh: '负责人', en: 'Responsible person', value: (p) => p.responsibleName },
    { zh: '负责人电话', en: 'Responsible phone', value: (p) => p.responsiblePhone },
    { zh: '所属企业', en: 'Enterprise', width: 30, value: (p) => p.enterprise?.name ?? null },
    { zh: '标签', en: 'Tags', value: (p) => p.tags.join(',') },
    { zh: '状态', en: 'Status', value: (p) => statusLabel(p.status, lang) },
    { zh: '更新时间', en: 'Updated', width: 22, value: (p) => p.updatedAt },
  ];
}

export function placesRoutes(app: FastifyInstance, svc: PlacesService, timeZone: string): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['places'];

  r.get('/api/places', {
    config: { access: 'place.read' },
    schema: { tags, summary: 'Places in my area, filtered by unit subtree, kind, grade and risk colour', querystring: PlaceListQuery, response: { 200: PlacePage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const page = await svc.list(actorOf(req), req.query);
    return { items: page.items.map(presentPlace), nextCursor: page.nextCursor };
  });

  r.get('/api/places/map', {
    config: { access: 'place.read' },
    schema: { tags, summary: 'Places as GeoJSON points with grade and risk colour (for the map layer)', querystring: MapQuery, response: { 200: PlaceMap, ...errors(400, 401, 403) } },
  }, async (req) => {
    const m = await svc.map(actorOf(req), req.query);
    return {
      type: 'FeatureCollection' as const,
      truncated: m.truncated,
      features: m.rows.map((p) => ({
        type: 'Feature' as const,
        id: p.id,
        geometry: { type: 'Point' as const, coordinates: [Number(p.lng), Number(p.lat)] },
        properties: {
          name: p.name,
          kind: p.kind as PlaceView['kind'],
          grade: p.grade as PlaceView['grade'],
          riskLevel: p.risk_level,
          riskColour: p.risk_level === null ? null : RISK_COLOURS[p.risk_level - 1] ?? null,
        },
      })),
    };
  });

  r.get('/api/places/export', {
    config: { access: 'registry.export' },
    schema: {
      tags, summary: 'The filtered list as .xlsx (personal data masked)',
      querystring: Type.Object({ ...PlaceListQuery.properties, lang: Type.Optional(Type.Enum(['zh-CN', 'en'])) }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 403) },
    },
  }, async (req, reply) => {
    const rows = await svc.exportRows(actorOf(req), req.query);
    const lang = req.query.lang ?? 'zh-CN';
    return sendWorkbook(reply, `${lang === 'en' ? 'places' : '场所'}-${svc.today()}.xlsx`, [exportSheet({ zh: '场所', en: 'Places' }, placeExportColumns(lang, await svc.useNames()), presentRows(rows, presentPlace), lang, timeZone)]);
  });

  r.get('/api/places/grading/stats', {
    config: { access: 'place.read' },
    schema: { tags, summary: 'A/B/C/D: counts at the start and end of a period, transitions (D→C …) and the remaining D places', querystring: GradingStatsQuery, response: { 200: GradingStats, ...errors(400, 401, 403) } },
  }, async (req) => svc.stats(actorOf(req), req.query) as Promise<GradingStats>);

  r.post('/api/places', {
    config: { access: 'place.write' },
    schema: { tags, summary: 'Register a place; its grid comes from the location (choosing another grid needs a reason)', body: CreatePlaceBody, response: { 201: PlaceDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const row = await svc.create(actor, req.body);
    return reply.code(201).send(presentPlaceDetail(row, await svc.kindSuggestion(row), svc.abilities(actor, row)));
  });

  r.get('/api/places/:id', {
    config: { access: 'place.read' },
    schema: { tags, summary: 'A place with its kind suggestion and what I may do with it', params: Params, response: { 200: PlaceDetail, ...errors(401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.get(actor, req.params.id);
    return presentPlaceDetail(row, await svc.kindSuggestion(row), svc.abilities(actor, row));
  });

  r.patch('/api/places/:id', {
    config: { access: 'place.write' },
    schema: { tags, summary: 'Change a place; a new location moves it to the grid there', params: Params, body: UpdatePlaceBody, response: { 200: PlaceDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await svc.update(actor, req.params.id, req.body);
    return presentPlaceDetail(row, await svc.kindSuggestion(row), svc.abilities(actor, row));
  });

  r.get('/api/places/:id/history', {
    config: { access: 'place.read' },
    schema: { tags, summary: 'Changes to the place from the audit log', params: Params, response: { 200: HistoryList, ...errors(401, 403, 404) } },
  }, async (req) => ({ items: await svc.history(actorOf(req), req.params.id) }));

  r.post('/api/places/:id/grade', {
    config: { access: 'place.grade' },
    schema: { tags, summary: 'Grade a small place A/B/C/D by the rubric (a different grade needs the reason to say why)', params: Params, body: GradeBody, response: { 201: GradeResultView, ...errors(400, 401, 403, 404, 422) } },
  }, async (req, reply) => {
    const { record, result } = await svc.grade(actorOf(req), req.params.id, req.body);
    return reply.code(201).send({ record: presentGrade(record), working: [...result.working], action: result.action, inspectionIntervalDays: result.inspectionIntervalDays });
  });

  r.get('/api/places/:id/grades', {
    config: { access: 'place.read' },
    schema: { tags, summary: 'Every grade the place was given (date, rubric version, scores, reason)', params: Params, response: { 200: GradeHistory, ...errors(401, 403, 404) } },
  }, async (req) => ({ items: (await svc.grades(actorOf(req), req.params.id)).map(presentGrade) }));
}
