// Building blocks shared by every module's contracts.
import { Type, type Static, type TSchema } from 'typebox';

/** The largest PostgreSQL bigint. */
export const INT8_MAX = '9223372036854775807';

/** A regular expression source for decimal strings of at most 19 digits whose value is ≤ max (19 digits). */
function notAbove(max: string): string {
  const alts = [`[0-9]{1,${max.length - 1}}`];
  for (let i = 0; i < max.length; i++) {
    const d = Number(max[i]);
    const rest = max.length - 1 - i;
    if (d > 0) alts.push(`${max.slice(0, i)}[0-${d - 1}]${rest > 0 ? `[0-9]{${rest}}` : ''}`);
  }
  alts.push(max);
  return `^(?:${alts.join('|')})$`;
}

/** A record id: a decimal string within PostgreSQL's bigint range (0 … 9223372036854775807). */
export const ID_PATTERN = notAbove(INT8_MAX);
export const Id = Type.String({ pattern: ID_PATTERN, maxLength: 19, description: 'numeric id (64-bit, as a string)' });
/** Years the system accepts in any date: wide enough for founding dates and far deadlines, narrow enough for date arithmetic. */
export const YEAR_RANGE = { min: 1900, max: 2099 } as const;
/** A timestamp (RFC 3339) with a year in YEAR_RANGE. */
export const IsoTime = Type.String({ format: 'date-time', pattern: '^(?:19|20)[0-9]{2}-', maxLength: 40 });
/** A real calendar date (the format checks the month's length and leap years) in YEAR_RANGE. */
export const LocalDate = Type.String({
  format: 'date',
  pattern: '^(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$',
  description: 'calendar date YYYY-MM-DD (1900-01-01 … 2099-12-31)',
});
export const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
export const I18nText = Type.Object({ zh: Type.String(), en: Type.String() });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      requestId: Type.Optional(Type.String()),
      details: Type.Optional(Type.Object({}, { additionalProperties: true })),
    }),
  },
  { $id: 'ErrorResponse' },
);

/** Keyset pagination: a list answers `nextCursor` (null on the last page). */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export const Ok = Type.Object({ ok: Type.Literal(true) });
export type Ok = Static<typeof Ok>;
