// PostgreSQL arrays from JavaScript arrays, every element its own bound parameter — never an
// array literal built from text ('{a,b}'), which a comma, quote, brace or backslash in one
// element would split or break.
import { sql, type SQL } from './client.js';

function arrayOf(values: readonly unknown[], type: 'text' | 'bigint' | 'ltree'): SQL {
  if (values.length === 0) return sql.raw(`ARRAY[]::${type}[]`);
  return sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::${sql.raw(type)}[]`;
}

export const textArray = (values: readonly string[]): SQL => arrayOf(values, 'text');
export const bigintArray = (values: readonly (string | number)[]): SQL => arrayOf(values.map(String), 'bigint');
export const ltreeArray = (values: readonly string[]): SQL => arrayOf(values, 'ltree');
