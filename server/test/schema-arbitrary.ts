// fast-check arbitraries from a route's JSON Schema (TypeBox) contract: values the contract
// accepts, and "mixed" values in which any field may instead be something hostile — a NUL, a
// lone surrogate, an id past the bigint range, 1e309, an impossible date, a wrong type, a huge
// string. The property-based route test (server/core/routes.fuzz.test.ts) sends them.
import fc from 'fast-check';
import { ID_PATTERN, INT8_MAX } from '../../common/modules/shared/shared.contract.js';

export type Schema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  $ref?: string;
};

/** A JSON token written as is (JSON cannot say 1e309 otherwise: JSON.stringify(Infinity) is null). */
export class Raw {
  constructor(readonly token: string) {}
  toJSON(): string {
    return `\u0001RAW:${this.token}\u0001`;
  }
  toString(): string {
    return this.token;
  }
}

/** JSON text with Raw tokens written in place. */
export function toJsonText(v: unknown): string {
  return JSON.stringify(v).replace(/"\\u0001RAW:([^"\\]*)\\u0001"/g, '$1');
}

export const HOSTILE_STRINGS = [
  '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '',
  ' ', '9223372036854775808', '9999999999999999999', '-9223372036854775809', '18446744073709551616', '-1', '0', '1.5', '1e309', '-1e309',
  'Infinity', 'NaN', '9999-99-99', '2026-02-30', '0000-00-00', '2026-13-01', '10000-01-01', '99999999-01-01', '-1-01-01',
  '2026-01-01T25:61:61Z', "'; DROP TABLE users; --", '{"a":1}', '{', '[1,2', 'a,b,"c', '{a,"b\\"}', '\\', '%00', '%ZZ',
  '../../etc/passwd', '<x>&</x>', ']]>', '\u202e', '\ufeff', '😀', 'x'.repeat(5000), '1,2,3,4', 'null', 'true',
];

export const HOSTILE_NUMBERS: unknown[] = [
  new Raw('1e309'), new Raw('-1e309'), new Raw('1e308'), new Raw('-0'), 1e308, -1e308, 2 ** 63, -(2 ** 63), 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1,
  0.5, -1, 0, 5e-324, 1e21, 123456789012,
];

const UNSTORABLE = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800'),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '\udfff'), fc.string({ maxLength: 8 })).map((p) => p.join('')),
);

/** Something a contract does not expect: text PostgreSQL cannot store, a non-finite or huge number, a wrong type. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: UNSTORABLE, weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 3 },
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], ['\u0000'], { '\u0000': 1 }, [[[]]]), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
);

const idArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 40 }).map(String), weight: 6 },
  { arbitrary: fc.constantFrom('0', INT8_MAX, '9223372036854775806'), weight: 1 },
  { arbitrary: fc.bigInt({ min: 0n, max: BigInt(INT8_MAX) }).map(String), weight: 1 },
);

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

const dateArb = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true });

function stringArb(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? min + 24, min + 60));
  const fits = (v: string) => v.length >= min && (s.maxLength === undefined || v.length <= s.maxLength);
  if (s.pattern === ID_PATTERN) return idArb;
  if (s.format === 'date') return dateArb.map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`);
  if (s.format === 'date-time') return dateArb.map((d) => d.toISOString());
  if (s.format === 'email') return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254));
  if (s.pattern) {
    return fc.noShrink(fc.stringMatching(new RegExp(s.pattern)).filter(fits));
  }
  return fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'abc 网格隐患1-_.'.split('')) });
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  let min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6);
  let max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e6);
  if (max < min) [min, max] = [max, min];
  if (integer) return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
  return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

/**
 * mode 'valid': what the schema accepts (best effort: a pattern or format we do not model may
 * still be refused — that answers 400, which the route test accepts); 'mixed': any field may be
 * hostile instead.
 */
export function arbitraryFor(s: Schema | undefined, mode: 'valid' | 'mixed', depth = 0): fc.Arbitrary<unknown> {
  const inner = validFor(s ?? {}, mode, depth);
  if (mode === 'valid') return inner;
  return fc.oneof({ arbitrary: inner, weight: 2 }, { arbitrary: hostile, weight: 1 });
}

function validFor(s: Schema, mode: 'valid' | 'mixed', depth: number): fc.Arbitrary<unknown> {
  if (depth > 8 || s.$ref) return fc.constant({});
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts && alts.length > 0) return fc.oneof(...alts.map((a) => validFor(a, mode, depth + 1)));
  if (s.allOf && s.allOf.length > 0) return validFor(Object.assign({}, ...s.allOf) as Schema, mode, depth + 1);
  const types = typesOf(s);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((t) => byType(s, t, mode, depth)));
}

function byType(s: Schema, t: string, mode: 'valid' | 'mixed', depth: number): fc.Arbitrary<unknown> {
  switch (t) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? minLength + 4, minLength + 4));
      return fc.array(arbitraryFor(s.items, mode, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      const required = (s.required ?? []).filter((k) => k in props);
      const model = Object.fromEntries(keys.map((k) => [k, arbitraryFor(props[k], mode, depth + 1)]));
      let rec: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: required });
      const pp = s.patternProperties ? Object.values(s.patternProperties)[0] : typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
      if (pp) {
        rec = fc.tuple(rec, fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), arbitraryFor(pp, mode, depth + 1), { maxKeys: 4 })).map(([a, b]) => ({ ...b, ...a }));
      }
      if (mode === 'mixed') {
        // Sometimes drop a required field, sometimes add one nobody asked for.
        rec = fc.tuple(rec, fc.nat(9), fc.constantFrom<unknown>('\u0000', 1, 'x')).map(([r, n, extra]) => {
          const out = { ...r };
          if (n === 0 && required.length > 0) delete out[required[0]!];
          if (n === 1) out['\u0000k'] = extra;
          if (n === 2) out.unexpected = extra;
          return out;
        });
      }
      return rec;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Path = Array<string | number>;

function leafPaths(v: unknown, at: Path, out: Path[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(v)) {
    if (v.length === 0) out.push(at);
    v.forEach((x, i) => leafPaths(x, [...at, i], out, depth + 1));
  } else if (v !== null && typeof v === 'object' && !(v instanceof Raw)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) out.push(at);
    for (const [k, x] of entries) leafPaths(x, [...at, k], out, depth + 1);
  } else {
    out.push(at);
  }
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: Record<string | number, unknown> = Array.isArray(root) ? [...(root as unknown[])] as unknown as Record<number, unknown> : { ...(root as Record<string, unknown>) };
  copy[head!] = setAt(copy[head!], rest, value);
  return copy;
}

/**
 * A value the schema accepts with exactly one field (a leaf, or a top-level property the value
 * left out) replaced by something hostile: it passes everything but that one field, so the
 * hostile value travels as deep as the contract lets it.
 */
export function oneHostileField(s: Schema | undefined): fc.Arbitrary<unknown> {
  return fc.tuple(arbitraryFor(s, 'valid'), hostile, fc.nat()).map(([v, h, n]) => {
    const paths: Path[] = [];
    leafPaths(v, [], paths);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const k of Object.keys(s?.properties ?? {})) if (!(k in v)) paths.push([k]);
    }
    if (paths.length === 0) return h;
    const target = paths[Math.floor(n / 2) % paths.length]!;
    let base = v;
    if (n % 2 === 0 && v !== null && typeof v === 'object' && !Array.isArray(v) && target.length > 0) {
      // Half the time only the required fields beside it, so nothing else stops the request early.
      const keep = new Set([...(s?.required ?? []), String(target[0])]);
      base = Object.fromEntries(Object.entries(v).filter(([k]) => keep.has(k)));
    }
    return setAt(base, target, h);
  });
}

/** What the route test sends: valid values, one hostile field, or hostility anywhere. */
export function requestValue(s: Schema | undefined): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: arbitraryFor(s, 'valid'), weight: 2 },
    { arbitrary: oneHostileField(s), weight: 5 },
    { arbitrary: arbitraryFor(s, 'mixed'), weight: 2 },
  );
}
