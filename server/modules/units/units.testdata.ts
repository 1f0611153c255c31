// Test data for the units tests: a small synthetic city in the public file formats (with the
// quirks an importer meets: a district without any polygon, a polygon named by an older name, an
// unknown polygon, a self-intersecting polygon, bad rows), and a multipart body builder.
import { cpSync, mkdtempSync, readFileSync, writeFileSync as writeFile } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_SOURCE_DIR } from '../../demo/demo.js';

export const XINING_DIR = DEMO_SOURCE_DIR;

const square = (x0: number, y0: number, w: number, h: number) => [[[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]]];

/** Writes a synthetic city (9901 测试市 by default) into a new temporary directory and returns it. */
export function writeSyntheticCity(opts: { mapping?: boolean; city?: string } = {}): { dir: string; mapping: string | undefined } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-units-'));
  const city = opts.city ?? '9901';
  const writeFileSync = (f: string, text: string) => writeFile(f, text.replaceAll('9901', city));
  writeFileSync(path.join(dir, 'cities.csv'), 'code,name,provinceCode\n9901,测试市,99\n');
  writeFileSync(path.join(dir, 'areas.csv'), 'code,name,cityCode,provinceCode\n990101,甲区,9901,99\n990102,乙区,9901,99\n990103,丙县,9901,99\n');
  writeFileSync(path.join(dir, 'streets.csv'), [
    'code,name,areaCode,provinceCode,cityCode',
    '990101001,一街道,990101,99,9901',
    '990101002,二街道,990101,99,9901',
    '990101100,三镇,990101,99,9901',
    '990102001,四街道,990102,99,9901',
    '990103200,五乡,990103,99,9901',
  ].join('\r\n') + '\r\n');
  writeFileSync(path.join(dir, 'villages.csv'), [
    'code,name,streetCode,provinceCode,cityCode,areaCode',
    '990101001001,东社区居民委员会,990101001,99,9901,990101',
    '990101001002,"西社区居民委员会",990101001,99,9901,990101',
    '990101002001,南社区居委会,990101002,99,9901,990101',
    '990101100201,李家村村民委员会,990101100,99,9901,990101',
    '990101100202,王家村委会,990101100,99,9901,990101',
    '990102001001,北社区居民委员会,990102001,99,9901,990102',
    '990103200201,张家村委会,990103200,99,9901,990103',
    '12345,坏行,990101001,99,9901,990101',
    '990199999001,孤儿社区居民委员会,990199999,99,9901,990199',
  ].join('\n') + '\n');
  const features = [
    { type: 'Feature', id: '990101', properties: { name: '甲区' }, geometry: { type: 'Polygon', coordinates: square(100, 30, 0.1, 0.1) } },
    // An older name, no code, and a self-intersecting ring with a repeated point.
    { type: 'Feature', properties: { name: '乙县' }, geometry: { type: 'Polygon', coordinates: [[[100.1, 30], [100.2, 30.1], [100.2, 30.1], [100.2, 30], [100.1, 30.1], [100.1, 30]]] } },
    { type: 'Feature', properties: { name: '未知区' }, geometry: { type: 'Polygon', coordinates: square(100.2, 30, 0.1, 0.1) } },
    { type: 'Feature', properties: { name: '线' }, geometry: { type: 'LineString', coordinates: [[100, 30], [101, 31]] } },
  ];
  writeFileSync(path.join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  let mapping: string | undefined;
  if (opts.mapping) {
    mapping = path.join(dir, 'names-mapping.json');
    writeFileSync(mapping, JSON.stringify({ 未知区: `${city}03` }));
  }
  return { dir, mapping };
}

/** A copy of the Xining files in a temporary directory, with villages.csv rewritten by `edit`. */
export function xiningCopy(edit: (villagesCsv: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-xining-'));
  cpSync(XINING_DIR, dir, { recursive: true });
  const f = path.join(dir, 'villages.csv');
  writeFile(f, edit(readFileSync(f, 'utf8')));
  return dir;
}

/** A multipart/form-data body with the given files (and text fields). */
export function multipartBody(files: Array<{ field: string; name: string; content: string }>, fields: Record<string, string> = {}) {
  const boundary = '----safegrid-test-boundary';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  for (const f of files) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${f.content}\r\n`);
  }
  parts.push(`--${boundary}--\r\n`);
  return { payload: Buffer.from(parts.join(''), 'utf8'), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
