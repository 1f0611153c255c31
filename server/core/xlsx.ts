// Workbooks (.xlsx) through exceljs, behind the limits an upload needs.
//
// Reading: the ZIP package is checked first with fflate — entry count, the sizes the package
// declares, and then the bytes each entry really inflates to, stopping at the limit — so a zip
// bomb is refused before exceljs inflates anything. Cells come back as plain values: rich text
// (LibreOffice and WPS store "东关大街1号" as runs) is joined, formulas give their result,
// hyperlinks their text, errors their code.
//
// Dates: an .xlsx date has no time zone; it is the wall clock the person typed. Read dates come
// back as a `Date` whose UTC fields are that wall clock (2026-05-01 08:30 → 2026-05-01T08:30Z);
// `wallClockToInstant` turns one into the real instant in the deployment's zone. Written `Date`s
// are shown with their UTC fields too, so pass `instantToWallClock(d, zone)` for instants.
//
// Writing goes through exceljs's streaming writer: `writeXlsx` collects the bytes for small
// workbooks, `streamXlsx` writes rows from an (async) iterable straight to a stream (exports).
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  cells: CellValue[];
}

export interface ReadSheet {
  name: string;
  rows: SheetRow[];
}

export class XlsxError extends Error {}

export interface ZipReadLimits {
  /** Largest total of uncompressed bytes accepted (guards against zip bombs). */
  maxTotalBytes: number;
  maxEntries: number;
}

const DEFAULT_LIMITS: ZipReadLimits = { maxTotalBytes: 512 * 1024 * 1024, maxEntries: 10_000 };

/**
 * Refuses a package that is not a ZIP, has too many entries, or expands beyond the limit — by
 * what it declares and by what it really inflates to (a forged size is caught while inflating).
 */
export function checkPackage(buf: Buffer, limits: Partial<ZipReadLimits> = {}): void {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new XlsxError('not a readable .xlsx file: not a ZIP archive');
  let entries = 0;
  let declared = 0;
  let inflated = 0;
  const uz = new Unzip((file) => {
    entries++;
    if (entries > lim.maxEntries) throw new XlsxError(`not a readable .xlsx file: too many entries (more than ${lim.maxEntries})`);
    if (file.compression !== 0 && file.compression !== 8) throw new XlsxError(`not a readable .xlsx file: entry ${file.name} uses compression method ${file.compression}`);
    declared += file.originalSize ?? 0;
    if (declared > lim.maxTotalBytes) throw new XlsxError('not a readable .xlsx file: archive expands beyond the size limit');
    file.ondata = (err, chunk) => {
      if (err) throw new XlsxError(`not a readable .xlsx file: entry ${file.name} cannot be inflated: ${err.message}`);
      inflated += chunk.length;
      if (inflated > lim.maxTotalBytes) throw new XlsxError('not a readable .xlsx file: archive expands beyond the size limit');
    };
    file.start();
  });
  uz.register(UnzipInflate);
  try {
    // In slices, so an entry is stopped soon after it passes the limit.
    for (let off = 0; off < buf.length; off += 64 * 1024) uz.push(buf.subarray(off, Math.min(buf.length, off + 64 * 1024)), off + 64 * 1024 >= buf.length);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError(`not a readable .xlsx file: ${(e as Error).message}`);
  }
  if (entries === 0) throw new XlsxError('not a readable .xlsx file: the archive is empty');
}

// ------------------------------------------------------------------------------------------
// Dates

/** Excel serial day number → Date with the wall clock in its UTC fields (1900 or 1904 system). */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const ms = 86_400_000;
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + Math.round(serial * ms));
  // 1900 system: serial 60 is the non-existent 1900-02-29; serials after it are offset by one.
  const base = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.round(serial * ms));
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
  const g = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second')) - Math.floor(instant / 1000) * 1000;
}

/** A wall clock read from a workbook (UTC fields) → the instant it names in `timeZone`. */
export function wallClockToInstant(wall: Date, timeZone: string): Date {
  const guess = wall.getTime() - zoneOffsetMs(wall.getTime(), timeZone);
  return new Date(wall.getTime() - zoneOffsetMs(guess, timeZone));
}

/** An instant → a Date whose UTC fields show its wall clock in `timeZone`, for writing. */
export function instantToWallClock(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
}

// ------------------------------------------------------------------------------------------
// Reading

export interface ReadOptions extends Partial<ZipReadLimits> {
  /** Read only this sheet (by name); default the first. */
  sheet?: string;
  /** Stop after this many rows (guards memory). */
  maxRows?: number;
  maxColumns?: number;
}

/** One exceljs cell value → a plain value. */
export function plainCell(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('error' in v) return String(v.error);
    if ('hyperlink' in v) return plainCell(v.text);
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      return r === undefined ? null : plainCell(r);
    }
  }
  return null;
}

async function load(buf: Buffer, limits: Partial<ZipReadLimits>): Promise<ExcelJS.Workbook> {
  checkPackage(buf, limits);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings name an older Buffer type.
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new XlsxError(`not a readable .xlsx file: ${(e as Error).message}`);
  }
  return wb;
}

/** Lists the sheet names of a workbook. */
export async function sheetNames(buf: Buffer): Promise<string[]> {
  return (await load(buf, {})).worksheets.map((w) => w.name);
}

/** Reads one sheet of a workbook into rows of plain cell values. */
export async function readXlsx(buf: Buffer, opts: ReadOptions = {}): Promise<ReadSheet> {
  const wb = await load(buf, opts);
  const ws = opts.sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(opts.sheet);
  if (!ws) throw new XlsxError(opts.sheet === undefined ? 'the workbook has no sheets' : `the workbook has no sheet named ${opts.sheet}`);
  const maxRows = opts.maxRows ?? 1_000_000;
  const maxCols = opts.maxColumns ?? 16_384;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length >= maxRows) return;
    const values = row.values as ExcelJS.CellValue[];
    const cells: CellValue[] = [];
    for (let c = 1; c < Math.min(values.length, maxCols + 1); c++) cells.push(plainCell(values[c]));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    rows.push({ row: rowNumber, cells });
  });
  return { name: ws.name, rows };
}

// ------------------------------------------------------------------------------------------
// Writing

export interface WriteColumn {
  header: string;
  /** Width in characters. */
  width?: number;
}

export interface ListValidation {
  /** 0-based column index the list applies to (rows 2 … lastRow). */
  column: number;
  /** Either literal values (joined length ≤ 255) or a range on another sheet, e.g. `'选项'!$A$2:$A$20`. */
  values?: string[];
  range?: string;
  lastRow?: number;
}

export interface WriteSheet {
  name: string;
  columns?: WriteColumn[];
  rows: Iterable<CellValue[]> | AsyncIterable<CellValue[]>;
  validations?: ListValidation[];
  /** Freeze the first row (default true when columns are given). */
  freezeHeader?: boolean;
  hidden?: boolean;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function safeSheetName(name: string, used: Set<string>): string {
  let n = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let i = 2;
  while (used.has(n.toLowerCase())) n = `${name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28)}_${i++}`;
  used.add(n.toLowerCase());
  return n;
}

// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function writable(v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v.replace(XML_UNSAFE, '');
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  return v;
}

/** The streaming sheet's list of validations (present at run time, missing from the typings). */
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

const isMidnight = (d: Date) => d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;

/** Writes the sheets through exceljs's streaming writer into `stream`; resolves when the workbook is complete. */
export async function streamXlsx(stream: Writable, sheets: WriteSheet[]): Promise<void> {
  if (sheets.length === 0) throw new XlsxError('a workbook needs at least one sheet');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'SafeGrid';
  const used = new Set<string>();
  for (const s of sheets) {
    const freeze = s.freezeHeader ?? s.columns !== undefined;
    const ws = wb.addWorksheet(safeSheetName(s.name, used), {
      state: s.hidden ? 'hidden' : 'visible',
      views: freeze ? [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] : [],
    });
    if (s.columns) {
      ws.columns = s.columns.map((c) => ({ header: c.header, ...(c.width !== undefined ? { width: c.width } : {}) }));
      const header = ws.getRow(1);
      header.font = { bold: true };
      header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      header.commit();
    }
    for (const v of s.validations ?? []) {
      const col = columnName(v.column);
      const formula = v.range ?? `"${(v.values ?? []).join(',')}"`;
      validations(ws).add(`${col}2:${col}${v.lastRow ?? 10_001}`, { type: 'list', allowBlank: true, showErrorMessage: true, formulae: [formula] });
    }
    for await (const cells of s.rows) {
      const row = ws.addRow(cells.map(writable));
      cells.forEach((v, i) => {
        if (v instanceof Date && !Number.isNaN(v.getTime())) row.getCell(i + 1).numFmt = isMidnight(v) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
      });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/** A whole workbook in memory (templates, reports, tests). */
export async function writeXlsx(sheets: WriteSheet[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await streamXlsx(sink, sheets);
  await ended;
  return Buffer.concat(chunks);
}
