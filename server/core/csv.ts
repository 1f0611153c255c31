// CSV per RFC 4180 (quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes).
// Decoding: a UTF-8 byte-order mark is dropped; bytes that are not valid UTF-8 are read as
// GB18030 (Excel on Chinese Windows saves "CSV" in the ANSI code page, i.e. GBK).

export interface CsvDecoded {
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

export function decodeCsv(buf: Uint8Array): CsvDecoded {
  let bytes = buf;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export interface CsvRow {
  /** 1-based line-of-record number (the record's index as a spreadsheet would number it). */
  row: number;
  cells: string[];
}

export class CsvError extends Error {}

/** Parses CSV text into records. An unterminated quoted field is an error naming its row. */
export function parseCsv(text: string, opts: { delimiter?: string; maxRows?: number } = {}): CsvRow[] {
  const d = opts.delimiter ?? detectDelimiter(text);
  const maxRows = opts.maxRows ?? 1_000_000;
  const rows: CsvRow[] = [];
  let field = '';
  let cells: string[] = [];
  let inQuotes = false;
  let quotedStart = 0;
  let i = 0;
  const n = text.length;
  const pushRow = () => {
    cells.push(field);
    field = '';
    if (!(cells.length === 1 && cells[0] === '')) {
      if (rows.length >= maxRows) throw new CsvError(`the file has more than ${maxRows} rows`);
      rows.push({ row: rows.length + 1, cells });
    } else rows.push({ row: rows.length + 1, cells: [] });
    cells = [];
  };
  while (i < n) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quotedStart = rows.length + 1;
      i++;
    } else if (ch === d) {
      cells.push(field);
      field = '';
      i++;
    } else if (ch === '\r') {
      pushRow();
      i += text[i + 1] === '\n' ? 2 : 1;
    } else if (ch === '\n') {
      pushRow();
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (inQuotes) throw new CsvError(`row ${quotedStart}: a quoted field is not closed`);
  if (field !== '' || cells.length > 0) pushRow();
  // Trailing empty records (blank last lines) carry no data.
  while (rows.length > 0 && (rows[rows.length - 1]?.cells.length ?? 0) === 0) rows.pop();
  return rows;
}

/** Comma unless the header line has more semicolons or tabs (regional Excel settings). */
function detectDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.search(/\r|\n/)) || text.length);
  const count = (c: string) => first.split(c).length - 1;
  const comma = count(',');
  const semi = count(';');
  const tab = count('\t');
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma) return ';';
  return ',';
}

function quote(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Writes CSV with CRLF line ends and a UTF-8 BOM (so Excel opens it as UTF-8). */
export function writeCsv(rows: Array<Array<string | number | boolean | null | undefined>>): Buffer {
  const text = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : quote(String(v)))).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
