// Reading the public division files ("Administrative-divisions-of-China" CSVs and a district
// GeoJSON) into rows and polygons. Nothing here throws on bad data: every row or feature that
// cannot be used is returned as a problem with its file and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { kindFromNameAndCode, levelOfCode, shortUnitName, type ImportLevel } from '../../../common/modules/units/units.rules.js';

export interface DivisionFile {
  name: string;
  text: string;
}

export interface DivisionSource {
  provinces?: DivisionFile;
  cities?: DivisionFile;
  areas?: DivisionFile;
  streets?: DivisionFile;
  villages?: DivisionFile;
  geojson: DivisionFile[];
  mapping?: DivisionFile;
}

export interface SourceRow {
  code: string;
  name: string;
  shortName: string;
  level: ImportLevel;
  kind: string;
  kindByCode: string | undefined;
  kindByName: boolean;
  parentCode: string;
  file: string;
  line: number;
}

export interface SourcePolygon {
  index: number;
  file: string;
  id: string | null;
  name: string | null;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface SourceProblem {
  file: string;
  line: number;
  reason: string;
}

export interface ParsedSource {
  rows: SourceRow[];
  polygons: SourcePolygon[];
  /** Polygon name or id → unit code, from the mapping file. */
  mapping: Map<string, string>;
  problems: SourceProblem[];
  cities: string[];
  files: Array<{ name: string; rows: number }>;
}

/** The file names of the public dataset, by role. */
export const SOURCE_FILE_NAMES = {
  provinces: 'provinces.csv',
  cities: 'cities.csv',
  areas: 'areas.csv',
  streets: 'streets.csv',
  villages: 'villages.csv',
} as const;

/** Sorts uploaded or listed files into their roles by name. */
export function classifyFiles(files: DivisionFile[], mappingName?: string): DivisionSource {
  const src: DivisionSource = { geojson: [] };
  for (const f of files) {
    const base = f.name.split(/[\\/]/).pop()?.toLowerCase() ?? '';
    if (mappingName && f.name === mappingName) src.mapping = f;
    else if (base === 'provinces.csv') src.provinces = f;
    else if (base === 'cities.csv') src.cities = f;
    else if (base === 'areas.csv') src.areas = f;
    else if (base === 'streets.csv') src.streets = f;
    else if (base === 'villages.csv') src.villages = f;
    else if (base.endsWith('.geojson') || (base.endsWith('.json') && !base.includes('mapping'))) src.geojson.push(f);
    else if (base.includes('mapping')) src.mapping = f;
  }
  return src;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF, a leading BOM. Returns rows with line numbers. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const out: Array<{ line: number; cells: string[] }> = [];
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) out.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) out.push({ line: rowLine, cells });
  return out;
}

interface CsvSpec {
  level: ImportLevel;
  /** Column naming the parent, in order of preference. */
  parentColumns: string[];
  codeLength: number;
}

const SPECS: Record<'provinces' | 'cities' | 'areas' | 'streets' | 'villages', CsvSpec> = {
  provinces: { level: 'province', parentColumns: [], codeLength: 2 },
  cities: { level: 'city', parentColumns: ['provinceCode'], codeLength: 4 },
  areas: { level: 'district', parentColumns: ['cityCode'], codeLength: 6 },
  streets: { level: 'street', parentColumns: ['areaCode'], codeLength: 9 },
  villages: { level: 'community', parentColumns: ['streetCode'], codeLength: 12 },
};

/**
 * Reads the division files, keeping one city (or every city in cities.csv). Codes must have
 * the length of their level; a row whose parent is not among the kept rows is skipped and
 * reported. Provinces are kept only when provinces.csv is given.
 */
export function readDivisionSource(src: DivisionSource, opts: { city?: string } = {}): ParsedSource {
  const problems: SourceProblem[] = [];
  const files: Array<{ name: string; rows: number }> = [];
  const byCode = new Map<string, SourceRow>();
  const withProvinces = src.provinces !== undefined;

  const cityOf = (level: ImportLevel, code: string, cols: Record<string, string>): string | undefined => {
    if (level === 'city') return code;
    if (level === 'province') return undefined;
    return cols.cityCode || code.slice(0, 4);
  };

  for (const key of ['provinces', 'cities', 'areas', 'streets', 'villages'] as const) {
    const file = src[key];
    if (!file) continue;
    const spec = SPECS[key];
    const table = parseCsv(file.text);
    const header = table.shift();
    if (!header) {
      problems.push({ file: file.name, line: 1, reason: 'empty file' });
      continue;
    }
    const cols = header.cells.map((c) => c.trim());
    const ci = (n: string) => cols.findIndex((c) => c.toLowerCase() === n.toLowerCase());
    const codeAt = ci('code');
    const nameAt = ci('name');
    if (codeAt < 0 || nameAt < 0) {
      problems.push({ file: file.name, line: header.line, reason: 'header needs the columns code and name' });
      continue;
    }
    let kept = 0;
    for (const row of table) {
      const get = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
      const code = get(codeAt);
      const name = get(nameAt);
      const named: Record<string, string> = {};
      cols.forEach((c, i) => (named[c] = get(i)));
      if (!/^\d+$/.test(code) || code.length !== spec.codeLength) {
        problems.push({ file: file.name, line: row.line, reason: `code "${code}" is not a ${spec.codeLength}-digit ${spec.level} code` });
        continue;
      }
      if (!name) {
        problems.push({ file: file.name, line: row.line, reason: `code ${code} has no name` });
        continue;
      }
      if (opts.city) {
        const c = cityOf(spec.level, code, named);
        if (spec.level === 'province' ? !opts.city.startsWith(code) : c !== opts.city) continue;
      }
      let parentCode = 'root';
      if (spec.level === 'city') parentCode = withProvinces ? named.provinceCode || code.slice(0, 2) : 'root';
      else if (spec.level !== 'province') parentCode = spec.parentColumns.map((p) => named[p]).find((v) => v) ?? code.slice(0, spec.codeLength === 6 ? 4 : spec.codeLength - 3);
      if (spec.level !== 'province' && spec.level !== 'city' && !code.startsWith(parentCode)) {
        problems.push({ file: file.name, line: row.line, reason: `code ${code} does not start with its parent's code ${parentCode}` });
      }
      if (byCode.has(code)) {
        problems.push({ file: file.name, line: row.line, reason: `duplicate code ${code} (the first row is kept)` });
        continue;
      }
      const lvl = levelOfCode(code) as ImportLevel;
      const k = kindFromNameAndCode(lvl, name, code);
      byCode.set(code, {
        code, name, shortName: shortUnitName(lvl, name), level: spec.level, kind: k.kind, kindByCode: k.byCode, kindByName: k.byName,
        parentCode, file: file.name, line: row.line,
      });
      kept++;
    }
    files.push({ name: file.name, rows: kept });
  }

  // Keep only rows whose parent chain is present (in the order of the levels).
  const rows: SourceRow[] = [];
  const present = new Set<string>(['root']);
  for (const level of ['province', 'city', 'district', 'street', 'community'] as const) {
    for (const r of byCode.values()) {
      if (r.level !== level) continue;
      if (!present.has(r.parentCode)) {
        problems.push({ file: r.file, line: r.line, reason: `${r.code} ${r.name}: parent ${r.parentCode} is not in the files` });
        continue;
      }
      present.add(r.code);
      rows.push(r);
    }
  }
  const cities = rows.filter((r) => r.level === 'city').map((r) => r.code);

  const polygons: SourcePolygon[] = [];
  for (const f of src.geojson) readPolygons(f, polygons, problems);

  const mapping = new Map<string, string>();
  if (src.mapping) readMapping(src.mapping, mapping, problems);

  return { rows, polygons, mapping, problems, cities, files };
}

/** A string or number as text; anything else (objects, empty strings) as undefined. */
function scalar(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

function readMapping(f: DivisionFile, out: Map<string, string>, problems: SourceProblem[]): void {
  const text = f.text.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      const j = JSON.parse(text) as unknown;
      if (Array.isArray(j)) {
        for (const e of j as Array<Record<string, unknown>>) {
          const key = scalar(e.name) ?? scalar(e.id) ?? scalar(e.polygon) ?? '';
          const code = scalar(e.code) ?? '';
          if (key && /^\d+$/.test(code)) out.set(key, code);
        }
      } else if (j && typeof j === 'object') {
        for (const [k, v] of Object.entries(j as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') out.set(k, String(v));
      }
    } catch (e) {
      problems.push({ file: f.name, line: 1, reason: `mapping file is not valid JSON: ${(e as Error).message}` });
    }
    return;
  }
  for (const row of parseCsv(text)) {
    const [key, code] = row.cells.map((c) => c.trim());
    if (!key || !code) continue;
    if (!/^\d+$/.test(code)) {
      if (row.line !== 1) problems.push({ file: f.name, line: row.line, reason: `mapping "${key}" → "${code}" is not a code` });
      continue;
    }
    out.set(key, code);
  }
}

/** ECharts' compressed map format (UTF8Encoding): zig-zag deltas in characters. */
function decodeRing(s: string, offsets: [number, number], scale: number): number[][] {
  const out: number[][] = [];
  let px = offsets[0];
  let py = offsets[1];
  for (let i = 0; i + 1 < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64;
    let y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += px;
    y += py;
    px = x;
    py = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

function decodeGeometry(g: Record<string, unknown>, scale: number): void {
  const offsets = g.encodeOffsets;
  if (!Array.isArray(offsets)) return;
  if (g.type === 'Polygon') {
    g.coordinates = (g.coordinates as string[]).map((r, i) => decodeRing(r, offsets[i] as [number, number], scale));
  } else if (g.type === 'MultiPolygon') {
    g.coordinates = (g.coordinates as string[][]).map((p, i) => p.map((r, j) => decodeRing(r, (offsets[i] as Array<[number, number]>)[j] as [number, number], scale)));
  }
  delete g.encodeOffsets;
}

function validRing(r: unknown): boolean {
  return Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90);
}

/** Structural check of Polygon / MultiPolygon coordinates (what ST_GeomFromGeoJSON would refuse). */
export function polygonalCoordinatesOk(type: string, coordinates: unknown): boolean {
  if (type === 'Polygon') return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(validRing);
  if (type === 'MultiPolygon') return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every((p) => Array.isArray(p) && p.length > 0 && p.every(validRing));
  return false;
}

function readPolygons(f: DivisionFile, out: SourcePolygon[], problems: SourceProblem[]): void {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text) as Record<string, unknown>;
  } catch (e) {
    problems.push({ file: f.name, line: 1, reason: `not valid JSON: ${(e as Error).message}` });
    return;
  }
  const encoded = j.UTF8Encoding === true;
  const scale = typeof j.UTF8Scale === 'number' ? j.UTF8Scale : 1024;
  const features: Array<Record<string, unknown>> =
    j.type === 'FeatureCollection' && Array.isArray(j.features) ? (j.features as Array<Record<string, unknown>>) : j.type === 'Feature' ? [j] : [];
  if (features.length === 0) problems.push({ file: f.name, line: 1, reason: 'no features (expected a GeoJSON FeatureCollection)' });
  features.forEach((feat, i) => {
    const props = (feat.properties ?? {}) as Record<string, unknown>;
    const g = feat.geometry as Record<string, unknown> | null | undefined;
    const id = scalar(feat.id) ?? scalar(props.adcode) ?? scalar(props.code) ?? scalar(props.id) ?? null;
    const name = typeof props.name === 'string' && props.name.trim() ? props.name.trim() : null;
    const label = name ?? id ?? `#${i + 1}`;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      problems.push({ file: f.name, line: i + 1, reason: `feature ${label}: geometry ${g ? String(g.type) : 'missing'} is not a polygon` });
      return;
    }
    if (encoded) decodeGeometry(g, scale);
    if (!polygonalCoordinatesOk(g.type, g.coordinates)) {
      problems.push({ file: f.name, line: i + 1, reason: `feature ${label}: coordinates are not valid ${g.type} coordinates in degrees` });
      return;
    }
    out.push({ index: out.length, file: f.name, id, name, geometry: { type: g.type, coordinates: g.coordinates } });
  });
}

export class SourceDirError extends Error {}

/** The division files of a directory (CSV, GeoJSON) and an optional mapping file, as the importer reads them. */
export function readDivisionDir(dir: string, mapping?: string): DivisionFile[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new SourceDirError(`${dir} is not a directory`);
    names = readdirSync(dir);
  } catch (e) {
    if (e instanceof SourceDirError) throw e;
    throw new SourceDirError(`cannot read ${dir}: ${(e as Error).message}`);
  }
  const files: DivisionFile[] = names
    .filter((n) => /\.(csv|geojson|json)$/i.test(n) && !/mapping/i.test(n))
    .sort()
    .map((n) => ({ name: n, text: readFileSync(path.join(dir, n), 'utf8') }));
  if (mapping) {
    try {
      files.push({ name: `mapping:${path.basename(mapping)}`, text: readFileSync(mapping, 'utf8') });
    } catch (e) {
      throw new SourceDirError(`cannot read the mapping file ${mapping}: ${(e as Error).message}`);
    }
  }
  return files;
}
