import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkPackage, columnName, excelSerialToDate, instantToWallClock, readXlsx, sheetNames, wallClockToInstant, writeXlsx, XlsxError } from './xlsx.js';
import { decodeCsv, parseCsv, writeCsv } from './csv.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

describe('package limits (zip bombs)', () => {
  it('refuses archives that declare more than the limit, and text that is no archive', () => {
    const zip = Buffer.from(zipSync({ 'a.xml': new Uint8Array(100_000) }));
    expect(() => checkPackage(zip, { maxTotalBytes: 50_000 })).toThrow(/size limit/);
    expect(() => checkPackage(zip, { maxTotalBytes: 200_000 })).not.toThrow();
    expect(() => checkPackage(Buffer.from(zipSync({ a: strToU8('x'), b: strToU8('y'), c: strToU8('z') })), { maxEntries: 2 })).toThrow(/too many entries/);
    expect(() => checkPackage(Buffer.from('not a zip at all, just some text'))).toThrow(/not a ZIP/);
  });

  it('catches an entry that inflates beyond the limit while its headers claim it is small', () => {
    const zip = Buffer.from(zipSync({ 'x.xml': new Uint8Array(2_000_000) }, { level: 9 }));
    // Forge the uncompressed size (local header offset 22, central directory offset 24) to 10 bytes.
    zip.writeUInt32LE(10, 22);
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, cd + 24);
    expect(() => checkPackage(zip, { maxTotalBytes: 1_000_000 })).toThrow(/size limit/);
  });
});

describe('xlsx reader on a workbook saved by LibreOffice Calc', () => {
  // places-libreoffice.xlsx was made once from places-libreoffice.csv (beside it) with
  // LibreOffice 7.4.7 from Debian 12 (`libreoffice-calc-nogui`):
  //   soffice --headless --infilter="CSV:44,34,76,1,,2052" --convert-to xlsx places-libreoffice.csv
  // Calc stores cells that mix Chinese with digits ("东关大街1号") as rich-text runs.
  const buf = readFileSync(path.join(fixtures, 'places-libreoffice.xlsx'));

  it('is a LibreOffice file with rich-text runs, and the reader gives plain strings, numbers and dates', async () => {
    const raw = Buffer.from(unzipSync(new Uint8Array(buf))['docProps/app.xml'] ?? new Uint8Array()).toString('utf8');
    expect(raw).toContain('LibreOffice');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]?.getCell('A2').value).toHaveProperty('richText');

    expect(await sheetNames(buf)).toEqual(['places-libreoffice']);
    const s = await readXlsx(buf);
    expect(s.rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(s.rows[0]?.cells).toEqual(['名称', '类型', '经度', '纬度', '地址', '建筑面积', '经营者电话', '登记日期', '上次检查时间']);
    const [, r2, r3] = s.rows;
    expect(r2?.cells.slice(0, 7)).toEqual(['东关大街1号小餐馆', '小餐饮场所', 101.705, 36.605, '城东区东关大街1号', 85.5, 13812345678]);
    expect(r3?.cells[4]).toBe('城中区南川西路12号院3单元');
    // Dates are the wall clock that was typed, carried in the UTC fields.
    expect((r2?.cells[7] as Date).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect((r2?.cells[8] as Date).toISOString()).toBe('2026-05-01T08:30:00.000Z');
    // …which is 00:30Z in Shanghai, and a New Year's quarter past midnight is still the old year in UTC.
    expect(wallClockToInstant(r2?.cells[8] as Date, 'Asia/Shanghai').toISOString()).toBe('2026-05-01T00:30:00.000Z');
    expect(wallClockToInstant(r3?.cells[8] as Date, 'Asia/Shanghai').toISOString()).toBe('2025-12-31T16:15:00.000Z');
  });
});

describe('xlsx writer', () => {
  it('writes what the reader reads back, including dates, booleans, escapes, gaps, validations and a frozen header', async () => {
    const when = new Date(Date.UTC(2026, 2, 2));
    const stamp = new Date(Date.UTC(2026, 2, 2, 9, 30, 15));
    const buf = await writeXlsx([
      {
        name: '场所 [list]',
        columns: [{ header: '名称', width: 30 }, { header: 'n' }, { header: 'date' }, { header: 'ok' }, { header: 'when' }],
        rows: [
          ['A & <B> "c"', 1.25, when, true, stamp],
          [' spaced ', null, null, false, null],
          ['line\nbreak\u0001', -7, null, null, null],
        ],
        validations: [{ column: 3, values: ['是', '否'] }],
      },
      { name: 'Other', rows: [['x']], hidden: true },
    ]);
    expect(await sheetNames(buf)).toEqual(['场所 _list_', 'Other']);
    const s = await readXlsx(buf);
    expect(s.rows[0]?.cells).toEqual(['名称', 'n', 'date', 'ok', 'when']);
    expect(s.rows[1]?.cells.slice(0, 4)).toEqual(['A & <B> "c"', 1.25, when, true]);
    expect((s.rows[1]?.cells[4] as Date).toISOString()).toBe(stamp.toISOString());
    expect(s.rows[2]?.cells).toEqual([' spaced ', null, null, false]);
    expect(s.rows[3]?.cells).toEqual(['line\nbreak', -7]);
    const sheet = Buffer.from(unzipSync(new Uint8Array(buf))['xl/worksheets/sheet1.xml'] ?? new Uint8Array()).toString('utf8');
    expect(sheet).toContain('<formula1>&quot;是,否&quot;</formula1>');
    expect(sheet).toContain('state="frozen"');
    expect((await readXlsx(buf, { sheet: 'Other' })).rows).toEqual([{ row: 1, cells: ['x'] }]);
    await expect(readXlsx(buf, { sheet: 'nope' })).rejects.toThrow(/no sheet named nope/);
    await expect(readXlsx(Buffer.from('名称,面积\n'))).rejects.toThrow(XlsxError);
  });

  it('reads formulas by their result, hyperlinks by their text and errors by their code', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow([{ formula: 'A2*2', result: 42 }, { text: '链接', hyperlink: 'https://example.org' }, { error: '#N/A' }, { richText: [{ text: '七一路' }, { text: '88', font: { bold: true } }, { text: '号' }] }]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await readXlsx(buf)).rows[0]?.cells).toEqual([42, '链接', '#N/A', '七一路88号']);
  });

  it('writes and reads 10,000 rows; rows may come from an async source', async () => {
    async function* rows() {
      for (let i = 0; i < 10_000; i++) yield [`场所${i}`, i, i % 2 === 0];
    }
    const buf = await writeXlsx([{ name: 'big', columns: [{ header: 'name' }, { header: 'i' }, { header: 'even' }], rows: rows() }]);
    const s = await readXlsx(buf);
    expect(s.rows).toHaveLength(10_001);
    expect(s.rows[10_000]?.cells).toEqual(['场所9999', 9999, false]);
    expect((await readXlsx(buf, { maxRows: 10 })).rows).toHaveLength(10);
  });

  it('handles column names, serial dates and wall clocks', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(excelSerialToDate(1).toISOString().slice(0, 10)).toBe('1900-01-01');
    expect(excelSerialToDate(59).toISOString().slice(0, 10)).toBe('1900-02-28');
    expect(excelSerialToDate(61).toISOString().slice(0, 10)).toBe('1900-03-01');
    expect(excelSerialToDate(0, true).toISOString().slice(0, 10)).toBe('1904-01-01');
    const instant = new Date('2026-04-30T16:00:00Z');
    expect(instantToWallClock(instant, 'Asia/Shanghai').toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(wallClockToInstant(instantToWallClock(instant, 'Asia/Shanghai'), 'Asia/Shanghai').toISOString()).toBe(instant.toISOString());
  });
});

describe('csv', () => {
  it('parses RFC 4180 quoting, CRLF, embedded line breaks and a BOM', () => {
    const text = decodeCsv(Buffer.from('\uFEFF名称,备注\r\n"A, B","say ""hi""\nsecond line"\r\n\r\nC,\r\n', 'utf8'));
    expect(text.encoding).toBe('utf-8');
    expect(text.text.startsWith('名称')).toBe(true);
    const rows = parseCsv(text.text);
    expect(rows).toEqual([
      { row: 1, cells: ['名称', '备注'] },
      { row: 2, cells: ['A, B', 'say "hi"\nsecond line'] },
      { row: 3, cells: [] },
      { row: 4, cells: ['C', ''] },
    ]);
  });

  it('decodes GBK bytes as GB18030 when they are not valid UTF-8', () => {
    // "名称,面积\r\n小吃店,30\r\n" in GBK
    const gbk = Buffer.from('c3fbb3c62cc3e6bbfd0d0ad0a1b3d4b5ea2c33300d0a', 'hex');
    const d = decodeCsv(gbk);
    expect(d.encoding).toBe('gb18030');
    expect(parseCsv(d.text)).toEqual([
      { row: 1, cells: ['名称', '面积'] },
      { row: 2, cells: ['小吃店', '30'] },
    ]);
  });

  it('reads the GBK fixture (as Excel on Chinese Windows saves CSV) like its UTF-8 original', () => {
    // places-gbk.csv: the first seven columns of places-libreoffice.csv, CRLF, converted with `iconv -t GBK`.
    const gbk = readFileSync(path.join(fixtures, 'places-gbk.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const d = decodeCsv(gbk);
    expect(d.encoding).toBe('gb18030');
    const utf8 = parseCsv(decodeCsv(readFileSync(path.join(fixtures, 'places-libreoffice.csv'))).text).map((r) => r.cells.slice(0, 7));
    expect(parseCsv(d.text).map((r) => r.cells)).toEqual(utf8);
    expect(utf8[1]?.[0]).toBe('东关大街1号小餐馆');
  });

  it('detects semicolons, names an unclosed quote, and writes what it reads', () => {
    expect(parseCsv('a;b\n1;2')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
    ]);
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/row 2/);
    const out = writeCsv([['名称', 'x'], ['a,b', 'q"uote'], [null, 3]]);
    expect(out.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(parseCsv(decodeCsv(out).text).map((r) => r.cells)).toEqual([['名称', 'x'], ['a,b', 'q"uote'], ['', '3']]);
  });
});
