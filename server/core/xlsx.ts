// A small .xlsx (Office Open XML spreadsheet) reader and writer: an .xlsx is a ZIP of XML parts.
// Reads shared strings (incl. rich text, without phonetic runs), inline strings, formula string
// results, numbers, booleans, errors and dates (by the cell's number format, 1900 and 1904 date
// systems); writes shared strings, numbers, booleans and dates with a frozen bold header row,
// column widths and list validations.
import { readZip, writeZip, ZipError, type ZipReadLimits } from './zip.js';

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

// ------------------------------------------------------------------------------------------
// A minimal XML tokenizer for the parts of a workbook (no DTDs; entities and CDATA handled).

interface Tag {
  kind: 'open' | 'close' | 'empty';
  name: string;
  attrs: string;
}
type Token = Tag | { kind: 'text'; text: string };

const TOKEN_RE = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

function* tokens(xml: string): Generator<Token> {
  let last = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(xml); m !== null; m = TOKEN_RE.exec(xml)) {
    if (m.index > last) yield { kind: 'text', text: decodeEntities(xml.slice(last, m.index)) };
    last = TOKEN_RE.lastIndex;
    if (m[1] !== undefined) {
      yield { kind: 'text', text: m[1] };
      continue;
    }
    const name = m[3];
    if (name === undefined) continue;
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    yield { kind: m[2] === '/' ? 'close' : m[5] === '/' ? 'empty' : 'open', name: local, attrs: m[4] ?? '' };
  }
  if (last < xml.length) yield { kind: 'text', text: decodeEntities(xml.slice(last)) };
}

const ATTR_RE = /([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR_RE.lastIndex = 0;
  for (let m = ATTR_RE.exec(s); m !== null; m = ATTR_RE.exec(s)) {
    const key = m[1] ?? '';
    const local = key.startsWith('xmlns') ? key : key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    // Keep the prefixed form too (r:id), the local form wins for unprefixed lookups.
    out[key] = decodeEntities(m[3] ?? m[4] ?? '');
    if (!(local in out)) out[local] = out[key] ?? '';
  }
  return out;
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : '';
  });
}

// ------------------------------------------------------------------------------------------
// Reading

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format shows a date or time (y, m, d, h, s outside quotes and brackets). */
export function isDateFormat(code: string): boolean {
  const stripped = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  const firstSection = stripped.split(';')[0] ?? '';
  return /[ymdhse]/i.test(firstSection.replace(/General/gi, '')) && !/^[#0.,%E+\-\s]*$/i.test(firstSection);
}

/** Excel serial day number → Date (UTC). */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const ms = 86_400_000;
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + Math.round(serial * ms));
  // 1900 system: serial 60 is the non-existent 1900-02-29; serials after it are offset by one.
  const base = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.round(serial * ms));
}

export function dateToExcelSerial(d: Date): number {
  const ms = 86_400_000;
  const serial = (d.getTime() - Date.UTC(1899, 11, 30)) / ms;
  return serial < 61 ? serial - 1 : serial;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

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

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (baseDir ? baseDir.split('/') : []).concat(target.split('/'));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function relationships(files: Map<string, Buffer>, relsPath: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  const xml = files.get(relsPath)?.toString('utf8');
  if (!xml) return out;
  for (const t of tokens(xml)) {
    if (t.kind !== 'text' && t.kind !== 'close' && t.name === 'Relationship') {
      const a = attrs(t.attrs);
      if (a.Id && a.Target) out.set(a.Id, { target: a.Target, type: a.Type ?? '' });
    }
  }
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = '';
  for (const t of tokens(xml)) {
    if (t.kind === 'text') {
      if (inSi && inT && phonetic === 0) cur += t.text;
      continue;
    }
    if (t.name === 'si') {
      if (t.kind === 'open') {
        inSi = true;
        cur = '';
      } else if (t.kind === 'close') {
        inSi = false;
        out.push(cur);
      } else out.push('');
    } else if (t.name === 'rPh') {
      if (t.kind === 'open') phonetic++;
      else if (t.kind === 'close') phonetic--;
    } else if (t.name === 't') {
      inT = t.kind === 'open';
    }
  }
  return out;
}

function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  for (const t of tokens(xml)) {
    if (t.kind === 'text') continue;
    if (t.name === 'numFmt' && t.kind !== 'close') {
      const a = attrs(t.attrs);
      custom.set(Number(a.numFmtId), a.formatCode ?? '');
    } else if (t.name === 'cellXfs') {
      inCellXfs = t.kind === 'open';
    } else if (t.name === 'xf' && inCellXfs && t.kind !== 'close') {
      const id = Number(attrs(t.attrs).numFmtId ?? 0);
      const code = custom.get(id);
      styles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
    }
  }
  return styles;
}

export interface ReadOptions extends Partial<ZipReadLimits> {
  /** Read only this sheet (by name); default the first. */
  sheet?: string;
  /** Stop after this many rows (guards memory). */
  maxRows?: number;
  maxColumns?: number;
}

/** Lists the sheet names of a workbook. */
export function sheetNames(buf: Buffer): string[] {
  return workbookSheets(openPackage(buf)).map((s) => s.name);
}

function openPackage(buf: Buffer, limits: Partial<ZipReadLimits> = {}): Map<string, Buffer> {
  try {
    return readZip(buf, limits);
  } catch (e) {
    if (e instanceof ZipError) throw new XlsxError(`not a readable .xlsx file: ${e.message}`);
    throw e;
  }
}

function workbookPath(files: Map<string, Buffer>): string {
  for (const r of relationships(files, '_rels/.rels').values()) {
    if (r.type.endsWith('/officeDocument')) return resolveTarget('', r.target);
  }
  return 'xl/workbook.xml';
}

function workbookSheets(files: Map<string, Buffer>): Array<{ name: string; path: string; date1904: boolean }> {
  const wbPath = workbookPath(files);
  const xml = files.get(wbPath)?.toString('utf8');
  if (!xml) throw new XlsxError('not a spreadsheet: the workbook part is missing');
  const dir = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/')) : '';
  const rels = relationships(files, `${dir ? dir + '/' : ''}_rels/${wbPath.slice(dir ? dir.length + 1 : 0)}.rels`);
  let date1904 = false;
  const out: Array<{ name: string; path: string; date1904: boolean }> = [];
  for (const t of tokens(xml)) {
    if (t.kind === 'text' || t.kind === 'close') continue;
    if (t.name === 'workbookPr') {
      const v = attrs(t.attrs).date1904;
      date1904 = v === '1' || v === 'true';
    } else if (t.name === 'sheet') {
      const a = attrs(t.attrs);
      const rid = a['r:id'] ?? a.id ?? '';
      const rel = rels.get(rid);
      if (rel) out.push({ name: a.name ?? '', path: resolveTarget(dir, rel.target), date1904 });
    }
  }
  return out.map((s) => ({ ...s, date1904 }));
}

/** Reads one sheet of a workbook into rows of typed cell values. */
export function readXlsx(buf: Buffer, opts: ReadOptions = {}): ReadSheet {
  const files = openPackage(buf, opts);
  const sheets = workbookSheets(files);
  const target = opts.sheet === undefined ? sheets[0] : sheets.find((s) => s.name === opts.sheet);
  if (!target) throw new XlsxError(opts.sheet === undefined ? 'the workbook has no sheets' : `the workbook has no sheet named ${opts.sheet}`);
  const wbDir = workbookPath(files).split('/').slice(0, -1).join('/');
  const wbRels = relationships(files, `${wbDir ? wbDir + '/' : ''}_rels/workbook.xml.rels`);
  let ssPath = `${wbDir ? wbDir + '/' : ''}sharedStrings.xml`;
  let stylesPath = `${wbDir ? wbDir + '/' : ''}styles.xml`;
  for (const r of wbRels.values()) {
    if (r.type.endsWith('/sharedStrings')) ssPath = resolveTarget(wbDir, r.target);
    if (r.type.endsWith('/styles')) stylesPath = resolveTarget(wbDir, r.target);
  }
  const strings = sharedStrings(files.get(ssPath)?.toString('utf8'));
  const isDate = dateStyles(files.get(stylesPath)?.toString('utf8'));
  const xml = files.get(target.path)?.toString('utf8');
  if (xml === undefined) throw new XlsxError(`sheet ${target.name} is missing from the package`);
  const maxRows = opts.maxRows ?? 1_000_000;
  const maxCols = opts.maxColumns ?? 16_384;

  const rows: SheetRow[] = [];
  let row: SheetRow | null = null;
  let nextRow = 1;
  let nextCol = 0;
  let cell: { col: number; type: string; style: number } | null = null;
  let text: string | null = null;
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  for (const t of tokens(xml)) {
    if (t.kind === 'text') {
      if (cell && ((inV && !inIs) || (inIs && inT && phonetic === 0))) text = (text ?? '') + t.text;
      continue;
    }
    switch (t.name) {
      case 'row': {
        if (t.kind === 'close') {
          if (row) rows.push(row);
          row = null;
          break;
        }
        const a = attrs(t.attrs);
        const r = a.r ? Number(a.r) : nextRow;
        nextRow = r + 1;
        nextCol = 0;
        if (rows.length >= maxRows) throw new XlsxError(`the sheet has more than ${maxRows} rows`);
        const fresh: SheetRow = { row: r, cells: [] };
        if (t.kind === 'empty') rows.push(fresh);
        else row = fresh;
        break;
      }
      case 'c': {
        if (t.kind === 'close') {
          if (row && cell) setCell(row, cell, text);
          cell = null;
          break;
        }
        const a = attrs(t.attrs);
        const col = a.r ? columnIndex(a.r) : nextCol;
        nextCol = col + 1;
        if (col >= maxCols) throw new XlsxError(`the sheet has more than ${maxCols} columns`);
        cell = { col, type: a.t ?? 'n', style: a.s ? Number(a.s) : 0 };
        text = null;
        if (t.kind === 'empty') cell = null;
        break;
      }
      case 'v':
        inV = t.kind === 'open';
        break;
      case 'is':
        inIs = t.kind === 'open';
        break;
      case 't':
        inT = t.kind === 'open';
        break;
      case 'rPh':
        if (t.kind === 'open') phonetic++;
        else if (t.kind === 'close') phonetic--;
        break;
      default:
        break;
    }
  }
  return { name: target.name, rows };

  function setCell(r: SheetRow, c: { col: number; type: string; style: number }, raw: string | null): void {
    let v: CellValue = null;
    if (raw !== null) {
      switch (c.type) {
        case 's': {
          const idx = Number(raw);
          v = strings[idx] ?? null;
          break;
        }
        case 'inlineStr':
        case 'str':
          v = raw;
          break;
        case 'b':
          v = raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
          break;
        case 'e':
          v = raw;
          break;
        case 'd': {
          const d = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
          v = Number.isNaN(d.getTime()) ? raw : d;
          break;
        }
        default: {
          const n = Number(raw);
          if (raw.trim() === '' || !Number.isFinite(n)) v = raw;
          else v = isDate[c.style] ? excelSerialToDate(n, target?.date1904 ?? false) : n;
        }
      }
    }
    while (r.cells.length < c.col) r.cells.push(null);
    r.cells[c.col] = v;
  }
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
  rows: CellValue[][];
  validations?: ListValidation[];
  /** Freeze the first row (default true when columns are given). */
  freezeHeader?: boolean;
  hidden?: boolean;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function safeSheetName(name: string, used: Set<string>): string {
  let n = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let i = 2;
  while (used.has(n.toLowerCase())) n = `${name.slice(0, 28)}_${i++}`;
  used.add(n.toLowerCase());
  return n;
}

const STYLE_DEFAULT = 0;
const STYLE_DATE = 1;
const STYLE_DATETIME = 2;
const STYLE_HEADER = 3;

/** Writes a workbook. Strings go to the shared-string table. */
export function writeXlsx(sheets: WriteSheet[]): Buffer {
  if (sheets.length === 0) throw new XlsxError('a workbook needs at least one sheet');
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  let stringRefs = 0;
  const si = (s: string): number => {
    stringRefs++;
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const used = new Set<string>();
  const names = sheets.map((s) => safeSheetName(s.name, used));
  const sheetXml = sheets.map((s) => sheetPart(s, si));

  const files: Array<{ name: string; data: Buffer }> = [];
  const add = (name: string, xml: string) => files.push({ name, data: Buffer.from(XML_HEAD + xml, 'utf8') });
  add(
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      `</Types>`,
  );
  add(
    '_rels/.rels',
    `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  add(
    'xl/workbook.xml',
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>` +
      names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}"${sheets[i]?.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('') +
      `</sheets></workbook>`,
  );
  add(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${NS_PKG_REL}">` +
      names.map((_n, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${names.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${names.length + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      `</Relationships>`,
  );
  add(
    'xl/styles.xml',
    `<styleSheet xmlns="${NS_MAIN}">` +
      `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd hh:mm:ss"/></numFmts>` +
      `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
      `<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
      `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `</styleSheet>`,
  );
  sheetXml.forEach((xml, i) => add(`xl/worksheets/sheet${i + 1}.xml`, xml));
  add(
    'xl/sharedStrings.xml',
    `<sst xmlns="${NS_MAIN}" count="${stringRefs}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t></si>`).join('') +
      `</sst>`,
  );
  return writeZip(files);
}

function sheetPart(s: WriteSheet, si: (s: string) => number): string {
  const parts: string[] = [];
  const header = s.columns?.map((c) => c.header);
  const allRows: Array<{ cells: CellValue[]; header: boolean }> = [];
  if (header) allRows.push({ cells: header, header: true });
  for (const r of s.rows) allRows.push({ cells: r, header: false });
  const width = Math.max(1, ...allRows.map((r) => r.cells.length));
  const freeze = s.freezeHeader ?? header !== undefined;
  parts.push(`<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  parts.push(`<dimension ref="A1:${columnName(width - 1)}${Math.max(1, allRows.length)}"/>`);
  parts.push(
    freeze
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
      : `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`,
  );
  if (s.columns?.some((c) => c.width !== undefined)) {
    parts.push(
      `<cols>${s.columns
        .map((c, i) => (c.width === undefined ? '' : `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`))
        .join('')}</cols>`,
    );
  }
  parts.push('<sheetData>');
  allRows.forEach((r, ri) => {
    const rowNo = ri + 1;
    const cells: string[] = [];
    r.cells.forEach((v, ci) => {
      if (v === null || v === undefined || (typeof v === 'string' && v === '')) return;
      const ref = `${columnName(ci)}${rowNo}`;
      const hs = r.header ? ` s="${STYLE_HEADER}"` : '';
      if (typeof v === 'string') cells.push(`<c r="${ref}" t="s"${hs}><v>${si(v)}</v></c>`);
      else if (typeof v === 'number') {
        if (Number.isFinite(v)) cells.push(`<c r="${ref}"${hs}><v>${v}</v></c>`);
      } else if (typeof v === 'boolean') cells.push(`<c r="${ref}" t="b"${hs}><v>${v ? 1 : 0}</v></c>`);
      else if (v instanceof Date && !Number.isNaN(v.getTime())) {
        const serial = dateToExcelSerial(v);
        const style = Number.isInteger(serial) ? STYLE_DATE : STYLE_DATETIME;
        cells.push(`<c r="${ref}" s="${style}"><v>${serial}</v></c>`);
      }
    });
    parts.push(`<row r="${rowNo}">${cells.join('')}</row>`);
  });
  parts.push('</sheetData>');
  const vals = s.validations ?? [];
  if (vals.length > 0) {
    parts.push(`<dataValidations count="${vals.length}">`);
    for (const v of vals) {
      const col = columnName(v.column);
      const last = v.lastRow ?? 10_001;
      const formula = v.range ?? `"${(v.values ?? []).join(',')}"`;
      parts.push(
        `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${col}2:${col}${last}"><formula1>${escapeXml(formula)}</formula1></dataValidation>`,
      );
    }
    parts.push('</dataValidations>');
  }
  parts.push(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`);
  parts.push('</worksheet>');
  void STYLE_DEFAULT;
  return parts.join('');
}
