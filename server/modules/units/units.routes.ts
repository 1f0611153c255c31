import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AsOfQuery, AssignWorkerBody, BoundaryFeature, BoundaryHistory, ChildrenGeoJsonQuery, CodeParams, CoverageQuery, CoverageReport,
  CoverageTreeReport, GenerateBody, GenerateReport, ImportList, ImportQuery, ImportReport, LocateQuery, LocateResponse, ReplaceBoundaryBody,
  ReplaceBoundaryResponse, ResponsibleResponse, SearchQuery, SearchResponse, TreeQuery, TreeResponse, UnitDetail, UnitFeatureCollection,
  UpdateUnitBody, WorkerParams, WorkersResponse,
} from '../../../common/modules/units/units.contract.js';
import { actorOf } from '../../core/http.js';
import { fieldError } from '../../core/errors.js';
import type { UnitsService } from './units.service.js';
import { classifyFiles, type DivisionFile } from './units.source.js';

const GEOMETRY_BODY_LIMIT = 20 * 1024 * 1024;

export function unitsRoutes(app: FastifyInstance, svc: UnitsService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['units'];

  r.get('/api/units/tree', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'Children of a unit (lazy tree); without parent, the top of my area', querystring: TreeQuery, response: { 200: TreeResponse } },
  }, async (req) => svc.tree(actorOf(req), req.query));

  r.get('/api/units/search', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'Units in my area by name or code', querystring: SearchQuery, response: { 200: SearchResponse } },
  }, async (req) => svc.search(actorOf(req), req.query));

  r.get('/api/units/locate', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'The grid covering a point, with its ancestors (404 OUTSIDE_JURISDICTION outside my area)', querystring: LocateQuery, response: { 200: LocateResponse } },
  }, async (req) => svc.locate(actorOf(req), req.query.lng, req.query.lat));

  r.get('/api/units/responsible', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'Who is responsible at a point: the grid, its workers, the responsible persons up the tree', querystring: LocateQuery, response: { 200: ResponsibleResponse } },
  }, async (req) => svc.responsible(actorOf(req), req.query.lng, req.query.lat));

  r.post('/api/units/import', {
    config: { access: 'unit.import' },
    schema: {
      tags, summary: 'Import division files (multipart: cities.csv, areas.csv, streets.csv, villages.csv, *.geojson, optional mapping)',
      consumes: ['multipart/form-data'], querystring: ImportQuery, response: { 200: ImportReport },
    },
  }, async (req) => {
    if (!req.isMultipart()) throw fieldError('body', 'upload the files as multipart/form-data');
    const files: DivisionFile[] = [];
    let city = req.query.city;
    let mappingName: string | undefined;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buf = await part.toBuffer();
        if (part.fieldname === 'mapping') mappingName = part.filename;
        files.push({ name: part.filename, text: buf.toString('utf8') });
      } else if (part.fieldname === 'city' && typeof part.value === 'string' && part.value.trim()) {
        city = part.value.trim();
      }
    }
    if (city !== undefined && !/^\d{4}$/.test(city)) throw fieldError('body/city', 'a city code has 4 digits');
    return svc.importDivisions(actorOf(req), classifyFiles(files, mappingName), city ? { city } : {});
  });

  r.get('/api/units/imports', {
    config: { access: 'unit.import' },
    schema: { tags, summary: 'The latest division imports and their reports', response: { 200: ImportList } },
  }, async (req) => svc.lastImports(actorOf(req)));

  r.post('/api/units/grids/generate', {
    config: { access: 'grid.generate' },
    schema: { tags, summary: 'Generate provisional boundaries of the streets, communities and grids below a unit (seeded)', body: GenerateBody, response: { 200: GenerateReport } },
  }, async (req) => svc.generate(actorOf(req), req.body));

  r.get('/api/units/:code', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'A unit with its ancestors, boundary version, responsible persons, workers and counts (optionally as of a time)', params: CodeParams, querystring: AsOfQuery, response: { 200: UnitDetail } },
  }, async (req) => svc.detail(actorOf(req), req.params.code, req.query.asOf));

  r.patch('/api/units/:code', {
    config: { access: 'unit.manage' },
    schema: { tags, summary: 'Correct kind, households, population or responsible persons', params: CodeParams, body: UpdateUnitBody, response: { 200: UnitDetail } },
  }, async (req) => svc.update(actorOf(req), req.params.code, req.body));

  r.get('/api/units/:code/boundary', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'The boundary as a GeoJSON Feature (optionally as of a time)', params: CodeParams, querystring: AsOfQuery, response: { 200: BoundaryFeature } },
  }, async (req) => svc.boundaryFeature(actorOf(req), req.params.code, req.query.asOf));

  r.put('/api/units/:code/boundary', {
    config: { access: 'unit.manage' },
    bodyLimit: GEOMETRY_BODY_LIMIT,
    schema: { tags, summary: 'Replace the boundary (uploaded or edited GeoJSON geometry, with a reason); keeps history, re-assigns located records', params: CodeParams, body: ReplaceBoundaryBody, response: { 200: ReplaceBoundaryResponse } },
  }, async (req) => svc.replaceBoundary(actorOf(req), req.params.code, req.body));

  r.get('/api/units/:code/boundaries', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'Every boundary version with its validity period', params: CodeParams, response: { 200: BoundaryHistory } },
  }, async (req) => svc.boundaryHistory(actorOf(req), req.params.code));

  r.get('/api/units/:code/children/geojson', {
    config: { access: 'unit.read' },
    schema: { tags, summary: "The children's polygons (simplified for the zoom) with label points", params: CodeParams, querystring: ChildrenGeoJsonQuery, response: { 200: UnitFeatureCollection } },
  }, async (req) => svc.childrenGeoJson(actorOf(req), req.params.code, req.query));

  r.get('/api/units/:code/coverage', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'Gaps, overlaps and spill-outs of the children (m², GeoJSON), slivers below the tolerance ignored', params: CodeParams, querystring: CoverageQuery, response: { 200: CoverageReport } },
  }, async (req) => svc.coverage(actorOf(req), req.params.code, req.query.toleranceM2));

  r.get('/api/units/:code/coverage/tree', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'Coverage of every unit of the subtree, in summary', params: CodeParams, querystring: CoverageQuery, response: { 200: CoverageTreeReport } },
  }, async (req) => svc.coverageTree(actorOf(req), req.params.code, req.query.toleranceM2));

  r.post('/api/units/:code/workers', {
    config: { access: 'grid.assign' },
    schema: { tags, summary: 'Assign a grid worker account to the grid', params: CodeParams, body: AssignWorkerBody, response: { 200: WorkersResponse } },
  }, async (req) => svc.assignWorker(actorOf(req), req.params.code, req.body.username));

  r.delete('/api/units/:code/workers/:userId', {
    config: { access: 'grid.assign' },
    schema: { tags, summary: 'End a grid worker assignment', params: WorkerParams, response: { 200: WorkersResponse } },
  }, async (req) => svc.unassignWorker(actorOf(req), req.params.code, req.params.userId));
}
