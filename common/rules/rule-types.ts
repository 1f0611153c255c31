// Shared shapes for the pure domain rules in common/rules.
// No Node APIs, no DOM, no I/O: everything here runs in the browser and on the server.

/** Text in both UI languages. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/** One line of the human-readable "working" a UI page can show under a computed result. */
export type WorkingStep = LocalizedText;

/** JSON-safe value allowed in error details (errors travel to the client unchanged). */
export type DetailValue = string | number | boolean | null | readonly (string | number)[];

/** A structured rule error: a stable code, a message in both languages, optional details. */
export interface RuleError<C extends string = string> {
  readonly code: C;
  readonly message: LocalizedText;
  readonly details?: Readonly<Record<string, DetailValue>>;
}

/** Result of a compute function: a value, or the list of everything wrong with the inputs. */
export type Outcome<T, C extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly RuleError<C>[] };

/**
 * How sure the reference (/work/shared/reference/domain-standards.md) is about a table.
 * Mirrors its tags: CONFIRMED, SECONDARY, CODE-DERIVED, LOCAL, UNCONFIRMED.
 */
export type Confidence = 'confirmed' | 'secondary' | 'code-derived' | 'local' | 'unconfirmed';

/** Metadata every versioned reference table carries. */
export interface ReferenceTableMeta {
  /** Stable identifier, e.g. 'lec.bands'. */
  readonly id: string;
  /** Version of this table's data; stored with every computed result. */
  readonly version: string;
  /** Where the data was read. */
  readonly source: string;
  readonly confidence: Confidence;
  readonly confidenceNote: LocalizedText;
  /** True when a deployment is expected to review or edit the rows (UNCONFIRMED / LOCAL data). */
  readonly configurable: boolean;
  /** True when the data is a local (per-city / per-deployment) rule rather than a national one. */
  readonly local?: boolean;
}

/** The part of a table stored with a result so the result can be recomputed later. */
export interface TableRef {
  readonly id: string;
  readonly version: string;
}

export function tableRef(table: ReferenceTableMeta): TableRef {
  return { id: table.id, version: table.version };
}

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<C extends string>(
  errors: readonly RuleError<C>[],
): { readonly ok: false; readonly errors: readonly RuleError<C>[] } {
  return { ok: false, errors };
}

export function ruleError<C extends string>(
  code: C,
  zh: string,
  en: string,
  details?: Readonly<Record<string, DetailValue>>,
): RuleError<C> {
  return details === undefined ? { code, message: { zh, en } } : { code, message: { zh, en }, details };
}

export function step(zh: string, en: string): WorkingStep {
  return { zh, en };
}

/**
 * Removes binary floating-point noise (0.1 + 0.2 → 0.3, 1.2 × 23.8 → 28.56) by rounding to
 * 12 significant digits. Used before comparing a computed value with a threshold and before
 * showing it, so that a sum which is exactly 1 on paper is not graded as 0.9999999999999999.
 */
export function clean(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n;
  return Number(n.toPrecision(12));
}

/** Formats a number for the working text without floating-point noise. */
export function fmt(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return '+∞';
  if (n === Number.NEGATIVE_INFINITY) return '−∞';
  return String(clean(n));
}

/** Checks that a value is a finite number ≥ 0 (and an integer when asked). */
export function isNonNegative(n: number, integer: boolean): boolean {
  return Number.isFinite(n) && n >= 0 && (!integer || Number.isInteger(n));
}
