// Spreadsheet columns of an import: how a header is recognized, how a cell becomes a typed
// value, and what the problem is (in both languages) when it cannot.
import type { CellValue } from '../../core/xlsx.js';
import { excelSerialToDate } from '../../core/xlsx.js';
import { isValidCivilDate } from '../../../common/rules/civil-date.js';

export interface FieldOption {
  value: string;
  zh: string;
  en: string;
}

export interface FieldSpec {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  type: 'text' | 'int' | 'number' | 'bool' | 'date' | 'enum' | 'list' | 'code';
  options?: FieldOption[];
  min?: number;
  max?: number;
  maxLength?: number;
  example?: string | number | boolean;
  note?: { zh: string; en: string };
}

export type FieldValue = string | number | boolean | string[] | null;
export type ParsedValues = Record<string, FieldValue>;

export interface CellProblem {
  field: string;
  en: string;
  zh: string;
}

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：_\-/]/g, '');
}

/** Header cell → field key (by key, Chinese label, English label; marks like * and (units) ignored). */
export function headerIndex(fields: FieldSpec[], header: CellValue[]): { map: Map<number, FieldSpec>; unknown: string[]; missing: FieldSpec[] } {
  const byName = new Map<string, FieldSpec>();
  for (const f of fields) {
    byName.set(norm(f.key), f);
    byName.set(norm(f.zh), f);
    byName.set(norm(f.en), f);
  }
  const map = new Map<number, FieldSpec>();
  const unknown: string[] = [];
  const seen = new Set<string>();
  header.forEach((cell, i) => {
    if (cell === null || String(cell).trim() === '') return;
    const text = String(cell).trim();
    // "名称 Name" style bilingual headers: try the whole text, then each word.
    const f = byName.get(norm(text)) ?? text.split(/\s+|\//).map((p) => byName.get(norm(p))).find((x) => x !== undefined);
    if (f && !seen.has(f.key)) {
      map.set(i, f);
      seen.add(f.key);
    } else unknown.push(text);
  });
  const missing = fields.filter((f) => f.required && !seen.has(f.key));
  return { map, unknown, missing };
}

const TRUE = new Set(['1', 'true', 'yes', 'y', '是', '有', '√', '✓']);
const FALSE = new Set(['0', 'false', 'no', 'n', '否', '无', '×', '✗']);

function isoOf(y: number, m: number, d: number): string | null {
  if (!isValidCivilDate(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** One cell → typed value, or the problem with it. */
export function parseCell(f: FieldSpec, cell: CellValue): { value: FieldValue } | { problem: CellProblem } {
  const bad = (zh: string, en: string) => ({ problem: { field: f.key, zh: `${f.zh}：${zh}`, en: `${f.en}: ${en}` } });
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
    return f.required ? bad('必填', 'is required') : { value: null };
  }
  switch (f.type) {
    case 'text':
    case 'code': {
      let s: string;
      if (cell instanceof Date) s = cell.toISOString().slice(0, 10);
      else if (typeof cell === 'number') {
        if (f.type === 'code' && (!Number.isSafeInteger(cell) || String(cell).includes('e'))) {
          return bad('被 Excel 存成了数字，位数已丢失；请将该列设为“文本”后重新填写', 'was stored by Excel as a number and lost digits; format the column as text and enter it again');
        }
        s = String(cell);
      } else s = String(cell);
      s = s.trim();
      if (f.maxLength !== undefined && s.length > f.maxLength) return bad(`超过 ${f.maxLength} 个字符`, `is longer than ${f.maxLength} characters`);
      return { value: s };
    }
    case 'int':
    case 'number': {
      const n = typeof cell === 'number' ? cell : typeof cell === 'string' ? Number(cell.trim().replace(/,/g, '')) : Number.NaN;
      if (typeof cell === 'boolean' || cell instanceof Date || !Number.isFinite(n)) return bad(`“${String(cell)}”不是数字`, `"${String(cell)}" is not a number`);
      if (f.type === 'int' && !Number.isInteger(n)) return bad(`应为整数，实际为 ${n}`, `must be a whole number, got ${n}`);
      if (f.min !== undefined && n < f.min) return bad(`不能小于 ${f.min}`, `must be at least ${f.min}`);
      if (f.max !== undefined && n > f.max) return bad(`不能大于 ${f.max}`, `must be at most ${f.max}`);
      return { value: n };
    }
    case 'bool': {
      if (typeof cell === 'boolean') return { value: cell };
      const s = String(cell).trim().toLowerCase();
      if (TRUE.has(s)) return { value: true };
      if (FALSE.has(s)) return { value: false };
      return bad(`“${String(cell)}”应为 是/否`, `"${String(cell)}" must be yes/no`);
    }
    case 'date': {
      if (cell instanceof Date) return { value: cell.toISOString().slice(0, 10) };
      if (typeof cell === 'number') return { value: excelSerialToDate(cell).toISOString().slice(0, 10) };
      const s = String(cell).trim();
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
      const iso = m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
      return iso ? { value: iso } : bad(`“${s}”不是有效日期（如 2026-03-02）`, `"${s}" is not a valid date (e.g. 2026-03-02)`);
    }
    case 'enum': {
      const s = String(cell).trim();
      const low = s.toLowerCase();
      const o = (f.options ?? []).find((x) => x.value.toLowerCase() === low || x.zh === s || x.en.toLowerCase() === low);
      if (!o) {
        const allowed = (f.options ?? []).map((x) => x.zh);
        return bad(`“${s}”不是可选值（可选：${allowed.slice(0, 30).join('、')}）`, `"${s}" is not one of the allowed values (${(f.options ?? []).map((x) => x.en).slice(0, 30).join(', ')})`);
      }
      return { value: o.value };
    }
    case 'list': {
      const parts = String(cell).split(/[,，;；、|]/).map((p) => p.trim()).filter((p) => p !== '');
      return { value: parts };
    }
  }
}

/** A row's cells → values and problems. */
export function parseRow(map: Map<number, FieldSpec>, fields: FieldSpec[], cells: CellValue[]): { values: ParsedValues; problems: CellProblem[] } {
  const values: ParsedValues = {};
  const problems: CellProblem[] = [];
  const present = new Set<string>();
  for (const [i, f] of map) {
    present.add(f.key);
    const r = parseCell(f, cells[i] ?? null);
    if ('problem' in r) problems.push(r.problem);
    else values[f.key] = r.value;
  }
  for (const f of fields) if (!present.has(f.key)) values[f.key] = null;
  return { values, problems };
}

export function isBlankRow(cells: CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

export const str = (v: FieldValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const num = (v: FieldValue | undefined): number | null => (typeof v === 'number' ? v : null);
export const bool = (v: FieldValue | undefined): boolean | null => (typeof v === 'boolean' ? v : null);
