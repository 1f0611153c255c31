import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { readXlsx, sheetNames, writeXlsx, type CellValue } from '../../core/xlsx.js';
import { decodeCsv, parseCsv } from '../../core/csv.js';
import { GRID_1, GRID_2, IN_GRID_1, IN_GRID_2, IN_GRID_3, idNumber, seedRegistryUnits, uscc } from '../../test/fixtures/registries.factories.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures');

let t: TestApp;
let c: Client;

interface Job {
  id: string;
  status: string;
  phase: string;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  errorRows: number;
  problemCount: number;
  message: string | null;
}
interface Problem {
  row: number;
  field: string;
  problem: string;
  problemZh?: string;
}

function multipart(name: string, data: Buffer, type: string) {
  const boundary = `----sg${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(kind: string, mode: string, name: string, data: Buffer) {
  const m = multipart(name, data, name.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return c.request('POST', `/api/registries/imports?kind=${kind}&mode=${mode}`, m.body, m.headers);
}

async function finished(id: string): Promise<{ job: Job; problems: Problem[] }> {
  for (let i = 0; i < 1200; i++) {
    const res = await c.get(`/api/registries/imports/${id}?limit=20000`);
    const body = res.json<{ job: Job; problems: Problem[] }>();
    if (['done', 'rejected', 'failed'].includes(body.job.status)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistryUnits(t.db);
  await t.user('comm', 'community_official', '630102001001');
  await t.user('gw', 'grid_worker', GRID_1);
  c = await t.login('comm');
});
afterAll(async () => t.close());

/** 10,000 places over two grids, with known bad rows. */
async function bigWorkbook(): Promise<{ data: Buffer; expected: Array<{ row: number; field: string }>; bad: number }> {
  const header = ['名称', '类型', '经度', '纬度', '建筑面积(㎡)', 'Operator phone'];
  const rows: CellValue[][] = [];
  for (let i = 0; i < 10_000; i++) {
    const at = i % 2 === 0 ? IN_GRID_1 : IN_GRID_2;
    rows.push([`场所${i}`, i % 3 === 0 ? '小餐饮场所' : 'rental_housing', at.lng, at.lat, 20 + (i % 50), `1380000${String(i).padStart(4, '0')}`]);
  }
  const set = (i: number, col: number, v: CellValue) => {
    const r = rows[i];
    if (r) r[col] = v;
  };
  set(99, 1, '城堡');
  set(2500, 0, '');
  set(4000, 1, 'castle');
  set(4000, 4, -5);
  set(5001, 2, 100.5);
  set(5001, 3, 30.5);
  set(7775, 4, 'abc');
  set(9997, 5, 'call me');
  set(9999, 2, IN_GRID_3.lng);
  set(9999, 3, IN_GRID_3.lat);
  const expected = [
    { row: 101, field: 'kind' },
    { row: 2502, field: 'name' },
    { row: 4002, field: 'kind' },
    { row: 4002, field: 'areaM2' },
    { row: 5003, field: 'lng' },
    { row: 7777, field: 'areaM2' },
    { row: 9999, field: 'operatorPhone' },
    { row: 10001, field: 'lng' },
  ];
  return { data: await writeXlsx([{ name: '场所', columns: header.map((h) => ({ header: h })), rows }]), expected, bad: 7 };
}

describe('imports', () => {
  it('gives the template with instructions and drop-down lists, as xlsx and csv', async () => {
    const x = await c.get('/api/registries/templates/places');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain("filename*=UTF-8''%E5%9C%BA%E6%89%80");
    expect(await sheetNames(x.rawPayload)).toEqual(['场所', '说明 Instructions', '选项 Options']);
    const head = (await readXlsx(x.rawPayload)).rows[0]?.cells ?? [];
    expect(head.slice(0, 5)).toEqual(['名称*', '类型*', '用途', '地址', '经度*']);
    const opts = (await readXlsx(x.rawPayload, { sheet: '选项 Options' })).rows.map((r) => r.cells[0]);
    expect(opts).toContain('小餐饮场所');
    const csv = await c.get('/api/registries/templates/people?format=csv');
    expect(parseCsv(decodeCsv(csv.rawPayload).text)[0]?.cells.slice(0, 4)).toEqual(['类别*', '姓名*', '性别', '身份证号']);
    expect((await (await t.login('gw')).get('/api/registries/templates/places')).statusCode).toBe(403);
  });

  it('imports 10,000 rows keeping the valid ones, with an exact row report, while the server keeps answering', async () => {
    const wb = await bigWorkbook();
    const res = await upload('places', 'keep_valid', '场所导入.xlsx', wb.data);
    expect(res.statusCode).toBe(202);
    const jobId = res.json<Job>().id;
    const me = await c.get('/api/me');
    const during = await c.get(`/api/registries/imports/${jobId}`);
    expect(me.statusCode).toBe(200);
    expect(during.json<{ job: Job }>().job.status).not.toBe('done');

    const { job, problems } = await finished(jobId);
    expect(job.status).toBe('done');
    expect(job.totalRows).toBe(10_000);
    expect(job.processedRows).toBe(10_000);
    expect(job.errorRows).toBe(wb.bad);
    expect(job.insertedRows).toBe(10_000 - wb.bad);
    expect(problems.map((p) => ({ row: p.row, field: p.field }))).toEqual(wb.expected);
    expect(problems.find((p) => p.row === 10001)?.problem).toBe('grid 630103001001001 is outside your area');
    expect(problems.find((p) => p.row === 2502)?.problemZh).toBe('名称：必填');
    expect(problems.find((p) => p.row === 7777)?.problem).toBe('Floor area: "abc" is not a number');
    const n = await t.db.one<{ n: number; g1: number; g2: number }>(sql`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE unit_path::text LIKE ${'%' + GRID_1})::int AS g1, count(*) FILTER (WHERE unit_path::text LIKE ${'%' + GRID_2})::int AS g2
      FROM places WHERE import_job_id = ${jobId}::bigint`);
    expect(n).toEqual({ n: 9_993, g1: 4_998, g2: 4_995 });
    const raw = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM places WHERE operator_phone_masked = '138****0012' AND operator_phone_enc IS NOT NULL`);
    expect(raw?.n).toBe(1);
    const audit = await t.db.one<{ n: number; rows: number }>(sql`SELECT count(*)::int AS n, sum((summary->>'rows')::int)::int AS rows FROM audit_log WHERE action = 'registry.import' AND object_id = ${jobId}`);
    expect(audit?.rows).toBe(9_993);

    const report = await c.get(`/api/registries/imports/${jobId}/report`);
    const sheet = await readXlsx(report.rawPayload);
    expect(sheet.rows.slice(1).map((r) => [r.cells[0], r.cells[1]])).toEqual(wb.expected.map((e) => [e.row, { kind: '类型', name: '名称', areaM2: '建筑面积', lng: '经度', operatorPhone: '经营者电话' }[e.field]]));
  }, 180_000);

  it('all-or-nothing writes nothing when any row is bad, and everything when none is', async () => {
    const before = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM places`);
    const wb = await bigWorkbook();
    const res = await upload('places', 'all_or_nothing', 'all.xlsx', wb.data);
    const { job, problems } = await finished(res.json<Job>().id);
    expect(job.status).toBe('rejected');
    expect(job.insertedRows).toBe(0);
    expect(job.errorRows).toBe(wb.bad);
    expect(problems.map((p) => ({ row: p.row, field: p.field }))).toEqual(wb.expected);
    expect((await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM places`))?.n).toBe(before?.n);

    const clean = await writeXlsx([{ name: 's', columns: [{ header: 'name' }, { header: 'kind' }, { header: 'lng' }, { header: 'lat' }, { header: '标签' }], rows: Array.from({ length: 1500 }, (_v, i) => [`干净${i}`, 'market', IN_GRID_2.lng, IN_GRID_2.lat, '夜市,临街']) }]);
    const ok = await finished((await upload('places', 'all_or_nothing', 'clean.xlsx', clean)).json<Job>().id);
    expect(ok.job).toMatchObject({ status: 'done', insertedRows: 1500, errorRows: 0 });
    const tags = await t.db.one<{ tags: string[] }>(sql`SELECT tags FROM places WHERE name = '干净7'`);
    expect(tags?.tags).toEqual(['夜市', '临街']);
  }, 180_000);

  it('imports people from a GBK CSV, checking ID numbers and duplicates, never storing them in clear', async () => {
    const a = idNumber('630102', '19400101', '022');
    const b = idNumber('630102', '19380505', '041');
    const badId = a.slice(0, 17) + (a.endsWith('0') ? '1' : '0');
    const lines = [
      '类别,姓名,身份证号,联系电话,网格编码,经度,纬度',
      `独居老人,张大爷,${a},13900000001,${GRID_1},,`,
      `残疾人,李阿姨,${badId},,${GRID_1},,`,
      `独居老人,张大爷重复,${a},,,${IN_GRID_1.lng},${IN_GRID_1.lat}`,
      `"低收入人员","王""小""二",${b},0971-1234567,,${IN_GRID_2.lng},${IN_GRID_2.lat}`,
      `留守儿童,小明,,,,,`,
      `外星人,某某,,,${GRID_1},,`,
      `残疾人,赵某,${idNumber('630102', '19450230', '123')},,${GRID_1},,`,
    ];
    const encoded = await gbkEncode(lines.join('\r\n'));
    expect(decodeCsv(encoded).encoding).toBe('gb18030');
    const { job, problems } = await finished((await upload('people', 'keep_valid', 'people.csv', encoded)).json<Job>().id);
    expect(job).toMatchObject({ status: 'done', totalRows: 7, insertedRows: 2, errorRows: 5 });
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'idNumber'],
      [4, 'idNumber'],
      [6, 'lng'],
      [7, 'category'],
      [8, 'idNumber'],
    ]);
    expect(problems[4]?.problemZh).toContain('第7–14位出生日期“1945****”不是有效日期');
    expect(problems[0]?.problemZh).toContain('第18位校验码错误');
    const stored = await t.db.one<{ problems: unknown }>(sql`SELECT problems FROM import_jobs WHERE id = ${job.id}::bigint`);
    expect(JSON.stringify(stored?.problems)).not.toMatch(/19400101|19380505|19450230/);
    expect(problems[1]?.problem).toBe('the same person and category as row 2');
    const rows = await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM people_at_risk ORDER BY id`);
    expect(rows.map((r) => r.name)).toEqual(['张大爷', '王"小"二']);
    const text = JSON.stringify(rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))));
    for (const clear of [a, b, '13900000001', '1234567']) expect(text).not.toContain(clear);
  });

  it('imports enterprises, reporting bad and duplicate credit codes by row', async () => {
    const ok1 = uscc('91630102MA7IMP001'.replace('I', 'J'));
    const ok2 = uscc('91630102MA7JMP002');
    const rows: CellValue[][] = [
      [ok1, '甲公司', 'C2614', IN_GRID_1.lng, IN_GRID_1.lat],
      [ok1, '甲公司重复', 'C2614', IN_GRID_1.lng, IN_GRID_1.lat],
      [ok2.slice(0, 17) + (ok2.endsWith('0') ? '1' : '0'), '乙公司', 'C2614', IN_GRID_1.lng, IN_GRID_1.lat],
      [ok2, '乙公司', 'X99', IN_GRID_2.lng, IN_GRID_2.lat],
    ];
    const data = await writeXlsx([{ name: 'e', columns: ['统一社会信用代码', '企业名称', '行业代码', '经度', '纬度'].map((h) => ({ header: h })), rows }]);
    const { job, problems } = await finished((await upload('enterprises', 'keep_valid', 'e.xlsx', data)).json<Job>().id);
    expect(job).toMatchObject({ status: 'done', insertedRows: 1, errorRows: 3 });
    expect(problems.map((p) => [p.row, p.field, p.problem])).toEqual([
      [3, 'uscc', 'the same credit code as row 2'],
      [4, 'uscc', `Bad check character at position 18: expected "${ok2.charAt(17)}", got "${ok2.endsWith('0') ? '1' : '0'}"`],
      [5, 'industryCode', 'industry code "X99" is not a GB/T 4754 code (e.g. C2614)'],
    ]);
    const again = await finished((await upload('enterprises', 'keep_valid', 'e.xlsx', data)).json<Job>().id);
    expect(again.problems.filter((p) => p.row === 2).map((p) => p.problem)).toEqual([`credit code ${ok1} is already registered`]);
  });

  it('imports a workbook saved by LibreOffice Calc and a CSV saved in GBK, with the same rows', async () => {
    // Both fixtures hold the rows of server/test/fixtures/places-libreoffice.csv: the .xlsx was
    // saved by LibreOffice 7.4 (rich-text runs for "东关大街1号"), the .csv converted to GBK.
    const names = ['东关大街1号小餐馆', '南川西路12号便利店', '七一路88号出租屋'];
    const expected = [
      { name: '东关大街1号小餐馆', kind: 'small_catering', address: '城东区东关大街1号', area: '85.5', phone: '138****5678', grid: GRID_1 },
      { name: '南川西路12号便利店', kind: 'small_shopping', address: '城中区南川西路12号院3单元', area: '40', phone: '139****1111', grid: GRID_2 },
      { name: '七一路88号出租屋', kind: 'rental_housing', address: '城东区七一路88号2楼', area: '120', phone: '137****2222', grid: GRID_1 },
    ];
    for (const [file, type] of [['places-libreoffice.xlsx', 'xlsx'], ['places-gbk.csv', 'csv']] as const) {
      for (const n of names) await t.db.rows(sql`DELETE FROM places WHERE name = ${n}`);
      const data = readFileSync(path.join(fixtures, file));
      const { job, problems } = await finished((await upload('places', 'all_or_nothing', `fixture.${type}`, data)).json<Job>().id);
      expect(problems).toEqual([]);
      expect(job).toMatchObject({ status: 'done', insertedRows: 3, errorRows: 0 });
      const rows = await t.db.rows<{ name: string; kind: string; address: string; area: string; phone: string; grid: string }>(sql`SELECT p.name, p.kind, p.address,
        p.area_m2::text AS area, p.operator_phone_masked AS phone, g.code AS grid
        FROM places p JOIN units g ON g.id = p.grid_id WHERE p.import_job_id = ${job.id}::bigint ORDER BY p.id`);
      expect(rows).toEqual(expected);
    }
  });

  it('says what is wrong with a file it cannot read, and keeps jobs to their owner', async () => {
    const missing = await writeXlsx([{ name: 's', columns: [{ header: '名称' }], rows: [['x']] }]);
    const r1 = await finished((await upload('places', 'keep_valid', 'm.xlsx', missing)).json<Job>().id);
    expect(r1.job.status).toBe('rejected');
    expect(r1.problems.map((p) => p.field)).toEqual(['kind', 'lng', 'lat']);
    const xls = await upload('places', 'keep_valid', 'old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)]));
    expect(xls.statusCode).toBe(415);
    const broken = await finished((await upload('places', 'keep_valid', 'b.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(50)]))).json<Job>().id);
    expect(broken.job.status).toBe('rejected');
    expect(broken.job.message).toContain('not a readable .xlsx file');
    const notMultipart = await c.post('/api/registries/imports?kind=places&mode=keep_valid', { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
    const other = await t.login('gw');
    expect((await other.get(`/api/registries/imports/${r1.job.id}`)).statusCode).toBe(403);
    await t.user('comm2', 'community_official', '630102001001');
    const c2 = await t.login('comm2');
    expect((await c2.get(`/api/registries/imports/${r1.job.id}`)).statusCode).toBe(404);
    expect((await c.get('/api/registries/imports')).json<{ items: Job[] }>().items.length).toBeGreaterThan(5);
  });
});

/** GBK bytes of a string, via iconv-free mapping: encode with TextDecoder's inverse by brute force over the GB18030 decoder. */
async function gbkEncode(s: string): Promise<Buffer> {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const b = Buffer.from([hi, lo]);
      const ch = dec.decode(b);
      if (ch.length === 1 && !table.has(ch)) table.set(ch, b);
    }
  }
  const out: Buffer[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(Buffer.from(ch, 'latin1'));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(b);
    }
  }
  return Buffer.concat(out);
}
