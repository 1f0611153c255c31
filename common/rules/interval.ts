// Intervals with explicit inclusive/exclusive ends, used by every band table.
// `null` means unbounded so tables stay JSON-serialisable (Infinity is not valid JSON).

import { fmt, ruleError, type RuleError } from './rule-types.js';

export interface Interval {
  /** Lower bound; null = −∞. */
  readonly min: number | null;
  readonly minInclusive: boolean;
  /** Upper bound; null = +∞. */
  readonly max: number | null;
  readonly maxInclusive: boolean;
}

/** [min, +∞) or (min, +∞) */
export function atLeast(min: number, inclusive = true): Interval {
  return { min, minInclusive: inclusive, max: null, maxInclusive: false };
}

/** Closed/open interval between two bounds; defaults to [min, max). */
export function between(min: number, max: number, minInclusive = true, maxInclusive = false): Interval {
  return { min, minInclusive, max, maxInclusive };
}

export function inInterval(x: number, i: Interval): boolean {
  if (Number.isNaN(x)) return false;
  if (i.min !== null && (i.minInclusive ? x < i.min : x <= i.min)) return false;
  if (i.max !== null && (i.maxInclusive ? x > i.max : x >= i.max)) return false;
  return true;
}

/** Mathematical notation: "[0, 20]", "(20, 70]", "(320, +∞)". */
export function formatInterval(i: Interval): string {
  const lo = i.min === null ? '(−∞' : `${i.minInclusive ? '[' : '('}${fmt(i.min)}`;
  const hi = i.max === null ? '+∞)' : `${fmt(i.max)}${i.maxInclusive ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}

/** First band whose interval contains x (tables are expected to be a partition, see checkPartition). */
export function findBand<B extends { readonly interval: Interval }>(x: number, bands: readonly B[]): B | undefined {
  return bands.find((b) => inInterval(x, b.interval));
}

export type PartitionErrorCode = 'interval.gap' | 'interval.overlap' | 'interval.empty';

/**
 * Checks that the bands partition a continuous domain (every x in the domain is in exactly one band).
 * Use it to validate an edited, configurable band table before saving it.
 */
export function checkPartition(
  bands: readonly { readonly interval: Interval }[],
  domain: Interval,
): RuleError<PartitionErrorCode>[] {
  const errors: RuleError<PartitionErrorCode>[] = [];
  const sorted = bands
    .map((b) => b.interval)
    .slice()
    .sort((a, b) => lowerKey(a) - lowerKey(b) || Number(b.minInclusive) - Number(a.minInclusive));
  for (const i of sorted) {
    if (isEmpty(i)) {
      errors.push(
        ruleError('interval.empty', `区间 ${formatInterval(i)} 为空`, `Interval ${formatInterval(i)} is empty`, {
          interval: formatInterval(i),
        }),
      );
    }
  }
  const nonEmpty = sorted.filter((i) => !isEmpty(i));
  if (nonEmpty.length === 0) {
    errors.push(
      ruleError('interval.gap', `区间表为空，未覆盖 ${formatInterval(domain)}`, `No bands cover ${formatInterval(domain)}`, {
        domain: formatInterval(domain),
      }),
    );
    return errors;
  }
  // Walk from the domain's lower end; `cursor` is the boundary reached so far.
  let cursor: { value: number | null; covered: boolean } = { value: domain.min, covered: !domain.minInclusive };
  let reachedInfinity = false;
  for (const i of nonEmpty) {
    const raw = reachedInfinity ? -1 : compareStart(i, cursor);
    // The first band may start below the domain (e.g. (−∞, 20] over [0, +∞)); only a gap matters there.
    const gap = i === nonEmpty[0] ? Math.max(raw, 0) : raw;
    if (gap > 0) {
      errors.push(
        ruleError('interval.gap', `区间 ${formatInterval(i)} 之前存在未覆盖的取值`, `Values just below ${formatInterval(i)} are not covered`, {
          interval: formatInterval(i),
        }),
      );
    } else if (gap < 0) {
      errors.push(
        ruleError('interval.overlap', `区间 ${formatInterval(i)} 与前一区间重叠`, `Interval ${formatInterval(i)} overlaps the previous one`, {
          interval: formatInterval(i),
        }),
      );
    }
    if (reachedInfinity) continue;
    if (i.max === null) reachedInfinity = true;
    else cursor = { value: i.max, covered: i.maxInclusive };
  }
  const reachedEnd =
    domain.max === null
      ? reachedInfinity
      : reachedInfinity ||
        (cursor.value !== null && (cursor.value > domain.max || (cursor.value === domain.max && (cursor.covered || !domain.maxInclusive))));
  if (!reachedEnd) {
    errors.push(
      ruleError('interval.gap', `区间表没有覆盖到上限 ${formatInterval(domain)}`, `The bands do not reach the end of ${formatInterval(domain)}`, {
        domain: formatInterval(domain),
      }),
    );
  }
  return errors;
}

function lowerKey(i: Interval): number {
  return i.min === null ? Number.NEGATIVE_INFINITY : i.min;
}

function isEmpty(i: Interval): boolean {
  if (i.min === null || i.max === null) return false;
  return i.min > i.max || (i.min === i.max && !(i.minInclusive && i.maxInclusive));
}

/**
 * Compares the start of `i` with the covered boundary: 0 = starts exactly where the previous band ended,
 * > 0 = leaves a gap, < 0 = overlaps.
 */
function compareStart(i: Interval, cursor: { value: number | null; covered: boolean }): number {
  if (cursor.value === null) return i.min === null ? 0 : 1;
  if (i.min === null) return -1;
  if (i.min !== cursor.value) return i.min > cursor.value ? 1 : -1;
  // Same boundary value: exactly one side must include it.
  if (cursor.covered && i.minInclusive) return -1;
  if (!cursor.covered && !i.minInclusive) return 1;
  return 0;
}
