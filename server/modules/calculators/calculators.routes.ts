import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  IdNumberBody, IdNumberResultView, LecBody, LecResultView, LsBody, LsResultView, MajorHazardCalcBody, MajorHazardCalcView, PlaceGradeBody,
  PlaceGradeResultView, RuleSetKind, RuleSetList, RuleSetView, SmallPlaceBody, SmallPlaceResultView, UpdateRuleSetBody, UsccBody, UsccResultView,
} from '../../../common/modules/calculators/calculators.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import { toIso } from '../../db/client.js';
import type { CalculatorsService } from './calculators.service.js';
import {
  presentIdNumber, presentLec, presentLs, presentMajorHazard, presentPlaceGrade, presentSmallPlace, presentUscc, presentVersion,
} from './calculators.presenter.js';

export function calculatorsRoutes(app: FastifyInstance, svc: CalculatorsService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calculators'];
  const e = errors(400, 401, 403);

  r.post('/api/calculators/lec', {
    config: { access: 'calculator.use' },
    schema: { tags, summary: 'LEC: D = L × E × C, level and colour, with the working', body: LecBody, response: { 200: LecResultView, ...e } },
  }, async (req) => presentLec(await svc.lec(actorOf(req), req.body)));

  r.post('/api/calculators/ls', {
    config: { access: 'calculator.use' },
    schema: { tags, summary: 'LS matrix: R = L × S, level and colour, with the working', body: LsBody, response: { 200: LsResultView, ...e } },
  }, async (req) => presentLs(await svc.ls(actorOf(req), req.body)));

  r.post('/api/calculators/major-hazard', {
    config: { access: 'calculator.use' },
    schema: { tags, summary: 'GB 18218-2018: S = Σq/Q and, when S ≥ 1, R = α·Σβq/Q and level 1–4, with the working', body: MajorHazardCalcBody, response: { 200: MajorHazardCalcView, ...e } },
  }, async (req) => presentMajorHazard(await svc.majorHazard(actorOf(req), req.body)));

  r.post('/api/calculators/uscc', {
    config: { access: 'calculator.use' },
    schema: { tags, summary: 'Check a unified social credit code (GB 32100), with the check-character working', body: UsccBody, response: { 200: UsccResultView, ...e } },
  }, async (req) => {
    const { v, working } = await svc.uscc(actorOf(req), req.body.code);
    return presentUscc(v, working);
  });

  r.post('/api/calculators/id-number', {
    config: { access: 'calculator.use' },
    schema: { tags, summary: 'Check a citizen ID number (GB 11643), with the check-digit working; nothing is stored', body: IdNumberBody, response: { 200: IdNumberResultView, ...e } },
  }, async (req) => {
    const { v, working } = await svc.idNumber(actorOf(req), req.body.idNumber);
    return presentIdNumber(v, working);
  });

  r.post('/api/calculators/small-place-kind', {
    config: { access: 'calculator.use' },
    schema: { tags, summary: 'Which of the nine small-place kinds a place falls under (local thresholds)', body: SmallPlaceBody, response: { 200: SmallPlaceResultView, ...e } },
  }, async (req) => presentSmallPlace(await svc.smallPlace(actorOf(req), req.body)));

  r.post('/api/calculators/place-grade', {
    config: { access: 'calculator.use' },
    schema: { tags, summary: 'A/B/C/D grade of a small place by the current rubric, with the working', body: PlaceGradeBody, response: { 200: PlaceGradeResultView, ...e } },
  }, async (req) => presentPlaceGrade(await svc.placeGrade(actorOf(req), req.body.inputs)));

  r.get('/api/rule-sets', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'The reference tables in use (default or locally edited) and how sure their sources are', response: { 200: RuleSetList, ...errors(401, 403) } },
  }, async (req) => ({ items: (await svc.listRuleSets(actorOf(req))).map((s) => ({ ...s, updatedAt: toIso(s.updatedAt) })) }));

  r.get('/api/rule-sets/:kind', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One reference table with its versions', params: Type.Object({ kind: RuleSetKind }), response: { 200: Type.Object({ ...RuleSetView.properties, canEdit: Type.Boolean() }), ...errors(400, 401, 403) } },
  }, async (req) => {
    const rs = await svc.getRuleSet(actorOf(req), req.params.kind);
    return { summary: { ...rs.summary, updatedAt: toIso(rs.summary.updatedAt) }, data: rs.data as unknown as Record<string, unknown>, versions: rs.versions.map(presentVersion), canEdit: rs.canEdit };
  });

  r.put('/api/rule-sets/:kind', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Replace a reference table with an edited version (risk.assess or place.grade at district level and above); earlier results keep their version',
      params: Type.Object({ kind: RuleSetKind }),
      body: UpdateRuleSetBody,
      response: { 200: Type.Object({ version: Type.String() }), ...errors(400, 401, 403) },
    },
  }, async (req) => ({ version: await svc.updateRuleSet(actorOf(req), req.params.kind, req.body) }));
}
