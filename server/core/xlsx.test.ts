import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnName, excelSerialToDate, isDateFormat, readXlsx, sheetNames, writeXlsx, XlsxError } from './xlsx.js';
import { readZip, writeZip } from './zip.js';
import { decodeCsv, parseCsv, writeCsv } from './csv.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'hand-built.xlsx');

describe('zip', () => {
  it('round-trips stored and deflated entries with UTF-8 names', () => {
    const big = Buffer.from('网格'.repeat(5000));
    const tiny = Buffer.from('x');
    const zip = writeZip([{ name: '目录/大.txt', data: big }, { name: 'tiny', data: tiny }]);
    const back = readZip(zip);
    expect(back.get('目录/大.txt')?.equals(big)).toBe(true);
    expect(back.get('tiny')?.toString()).toBe('x');
    expect(zip.length).toBeLessThan(big.length / 10);
  });

  it('refuses archives that expand beyond the limit and corrupt data', () => {
    const zip = writeZip([{ name: 'a', data: Buffer.alloc(100_000) }]);
    expect(() => readZip(zip, { maxTotalBytes: 50_000 })).toThrow(/size limit/);
    const bad = Buffer.from(zip);
    bad[40] = (bad[40] ?? 0) ^ 0xff;
    expect(() => readZip(bad)).toThrow();
    expect(() => readZip(Buffer.from('not a zip at all, just some text'))).toThrow(/not a ZIP/);
  });
});

describe('xlsx reader on a hand-built workbook', () => {
  const buf = readFileSync(fixture);

  it('lists sheets and reads shared, rich, phonetic, inline and formula strings, numbers, dates, booleans, errors', () => {
    expect(sheetNames(buf)).toEqual(['场所', 'Notes & more']);
    const s = readXlsx(buf);
    expect(s.name).toBe('场所');
    expect(s.rows.map((r) => r.row)).toEqual([1, 2, 3, 5, 6]);
    const [h, r2, r3, r5, r6] = s.rows;
    expect(h?.cells).toEqual(['名称', '面积', '开业日期', '备注']);
    expect(r2?.cells[0]).toBe('老王 小吃店');
    expect(r2?.cells[1]).toBe(85.5);
    expect((r2?.cells[2] as Date).toISOString()).toBe('2024-03-15T00:00:00.000Z');
    expect(r2?.cells[3]).toBe('内联文本');
    expect(r3?.cells[0]).toBe('東京');
    expect(r3?.cells[1]).toBe(171);
    expect((r3?.cells[2] as Date).toISOString()).toBe('2023-01-01T00:00:00.000Z');
    expect(r3?.cells[3]).toBe('東京!');
    expect(r5?.cells).toEqual(['  leading & trailing  ', null, true, null, '#N/A']);
    expect(r6?.cells[0]).toBe('Tom <"A"> 5中');
    expect((r6?.cells[1] as Date).toISOString()).toBe('2024-03-15T12:00:00.000Z');
    expect(r6?.cells[3]).toBe('名称');
  });

  it('reads a sheet with prefixed element names and no cell references', () => {
    const s = readXlsx(buf, { sheet: 'Notes & more' });
    expect(s.rows).toEqual([
      { row: 1, cells: ['second', -3] },
      { row: 2, cells: [false] },
    ]);
  });

  it('says what is wrong with a file that is not a workbook', () => {
    expect(() => readXlsx(Buffer.from('名称,面积\n'))).toThrow(XlsxError);
    expect(() => readXlsx(writeZip([{ name: 'hello.txt', data: Buffer.from('hi') }]))).toThrow(/workbook part is missing/);
    expect(() => readXlsx(buf, { sheet: 'nope' })).toThrow(/no sheet named nope/);
    expect(() => readXlsx(buf, { maxRows: 2 })).toThrow(/more than 2 rows/);
  });
});

describe('xlsx writer', () => {
  it('writes what the reader reads back, including dates, booleans, escapes and gaps', () => {
    const when = new Date(Date.UTC(2026, 2, 2));
    const stamp = new Date(Date.UTC(2026, 2, 2, 9, 30, 15));
    const buf = writeXlsx([
      {
        name: '场所 [list]',
        columns: [{ header: '名称', width: 30 }, { header: 'n' }, { header: 'date' }, { header: 'ok' }, { header: 'when' }],
        rows: [
          ['A & <B> "c"', 1.25, when, true, stamp],
          [' spaced ', null, null, false, null],
          ['line\nbreak', -7, null, null, null],
        ],
        validations: [{ column: 3, values: ['是', '否'] }],
      },
      { name: 'Other', rows: [['x']] },
    ]);
    expect(sheetNames(buf)).toEqual(['场所 _list_', 'Other']);
    const s = readXlsx(buf);
    expect(s.rows[0]?.cells).toEqual(['名称', 'n', 'date', 'ok', 'when']);
    expect(s.rows[1]?.cells.slice(0, 4)).toEqual(['A & <B> "c"', 1.25, when, true]);
    expect((s.rows[1]?.cells[4] as Date).toISOString()).toBe(stamp.toISOString());
    expect(s.rows[2]?.cells).toEqual([' spaced ', null, null, false]);
    expect(s.rows[3]?.cells).toEqual(['line\nbreak', -7]);
    const parts = readZip(buf);
    const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString() ?? '';
    expect(sheet).toContain('<formula1>&quot;是,否&quot;</formula1>');
    expect(sheet).toContain('state="frozen"');
  });

  it('writes and reads 10,000 rows', () => {
    const rows = Array.from({ length: 10_000 }, (_v, i) => [`场所${i}`, i, i % 2 === 0]);
    const buf = writeXlsx([{ name: 'big', columns: [{ header: 'name' }, { header: 'i' }, { header: 'even' }], rows }]);
    const s = readXlsx(buf);
    expect(s.rows).toHaveLength(10_001);
    expect(s.rows[10_000]?.cells).toEqual(['场所9999', 9999, false]);
  });

  it('handles column names, serial dates and number formats', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(excelSerialToDate(1).toISOString().slice(0, 10)).toBe('1900-01-01');
    expect(excelSerialToDate(59).toISOString().slice(0, 10)).toBe('1900-02-28');
    expect(excelSerialToDate(61).toISOString().slice(0, 10)).toBe('1900-03-01');
    expect(excelSerialToDate(0, true).toISOString().slice(0, 10)).toBe('1904-01-01');
    expect(isDateFormat('yyyy"年"m"月"d"日";@')).toBe(true);
    expect(isDateFormat('[$-F800]dddd, mmmm dd, yyyy')).toBe(true);
    expect(isDateFormat('0.00_);[Red]\\(0.00\\)')).toBe(false);
    expect(isDateFormat('0.00E+00')).toBe(false);
    expect(isDateFormat('"总计"0')).toBe(false);
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
