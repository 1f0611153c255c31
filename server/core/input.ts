// One place that refuses what PostgreSQL cannot store or compute with, before any handler sees it:
// NUL characters and unpaired UTF-16 surrogates in any string (or object key) of the body, the
// query, the path parameters and the request headers, and numbers that are not finite (JSON
// `1e309`, or a query string `"1e309"` coerced by the validator). Each answers 400
// VALIDATION_FAILED naming the field (`querystring/q`, `body/items/0/name`, `headers/user-agent`).
import type { FastifyInstance } from 'fastify';
import type { FieldProblem } from '../../common/errors.js';
import { fieldErrors } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL could not store this string, or null when it can. */
export function unstorableText(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate';
  return null;
}

const MAX_DEPTH = 64;

/** Walks a parsed value; calls `problem` for each unstorable string or key and each non-finite number. */
export function findUnstorable(value: unknown, at: string, out: FieldProblem[], depth = 0): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    const why = unstorableText(value);
    if (why) out.push({ field: at, message: why, code: 'unstorable' });
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push({ field: at, message: 'must be a finite number', code: 'finite' });
  } else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH && !Buffer.isBuffer(value)) {
    if (Array.isArray(value)) {
      value.forEach((v, i) => findUnstorable(v, `${at}/${i}`, out, depth + 1));
    } else {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const why = unstorableText(k);
        if (why) out.push({ field: `${at}/${k.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDFFF]/g, '\uFFFD')}`, message: `name ${why}`, code: 'unstorable' });
        findUnstorable(v, `${at}/${k}`, out, depth + 1);
      }
    }
  }
}

export function registerInputGuard(app: FastifyInstance): void {
  // Before validation: strings as they arrived (the validator may coerce them).
  app.addHook('preValidation', async (req) => {
    const problems: FieldProblem[] = [];
    findUnstorable(req.params, 'params', problems);
    findUnstorable(req.query, 'querystring', problems);
    findUnstorable(req.body, 'body', problems);
    for (const [name, v] of Object.entries(req.headers)) {
      for (const s of Array.isArray(v) ? v : [v]) {
        if (typeof s !== 'string') continue;
        const why = unstorableText(s);
        if (why) problems.push({ field: `headers/${name}`, message: why, code: 'unstorable' });
      }
    }
    if (problems.length > 0) throw fieldErrors(problems);
  });
  // After validation: numbers the validator coerced from text ("1e309" → Infinity).
  app.addHook('preHandler', async (req) => {
    const problems: FieldProblem[] = [];
    findUnstorable(req.params, 'params', problems);
    findUnstorable(req.query, 'querystring', problems);
    findUnstorable(req.body, 'body', problems);
    if (problems.length > 0) throw fieldErrors(problems);
  });
}
