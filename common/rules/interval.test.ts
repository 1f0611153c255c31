import { describe, expect, it } from 'vitest';
import { atLeast, between, checkPartition, findBand, formatInterval, inInterval, type Interval } from './interval.js';

const domain: Interval = { min: 0, minInclusive: true, max: null, maxInclusive: false };

describe('inInterval', () => {
  it('honours inclusive and exclusive ends', () => {
    const i = between(20, 70, false, true); // (20, 70]
    expect([19.99, 20, 20.01, 70, 70.01].map((x) => inInterval(x, i))).toEqual([false, false, true, true, false]);
    const j = between(20, 70); // [20, 70)
    expect([20, 70].map((x) => inInterval(x, j))).toEqual([true, false]);
  });

  it('handles unbounded ends and NaN', () => {
    expect(inInterval(1e12, atLeast(100))).toBe(true);
    expect(inInterval(100, atLeast(100, false))).toBe(false);
    expect(inInterval(-1e12, { min: null, minInclusive: false, max: 0, maxInclusive: true })).toBe(true);
    expect(inInterval(Number.NaN, atLeast(0))).toBe(false);
  });
});

describe('formatInterval', () => {
  it('uses mathematical notation', () => {
    expect(formatInterval(between(0, 20, true, true))).toBe('[0, 20]');
    expect(formatInterval(between(160, 320, false, true))).toBe('(160, 320]');
    expect(formatInterval(atLeast(320, false))).toBe('(320, +∞)');
    expect(formatInterval({ min: null, minInclusive: false, max: 5, maxInclusive: false })).toBe('(−∞, 5)');
  });
});

describe('findBand', () => {
  it('returns the first band containing the value', () => {
    const bands = [
      { id: 'a', interval: between(0, 10) },
      { id: 'b', interval: atLeast(10) },
    ];
    expect(findBand(9.999, bands)?.id).toBe('a');
    expect(findBand(10, bands)?.id).toBe('b');
    expect(findBand(-1, bands)).toBeUndefined();
  });
});

describe('checkPartition', () => {
  const ok = [{ interval: between(0, 20, true, true) }, { interval: between(20, 70, false, true) }, { interval: atLeast(70, false) }];

  it('accepts a partition in any order', () => {
    expect(checkPartition(ok, domain)).toEqual([]);
    expect(checkPartition([...ok].reverse(), domain)).toEqual([]);
  });

  it('finds a boundary owned by both sides (overlap) or by neither (gap)', () => {
    const both = [{ interval: between(0, 20, true, true) }, { interval: between(20, 70, true, true) }, { interval: atLeast(70, false) }];
    expect(checkPartition(both, domain).map((e) => e.code)).toEqual(['interval.overlap']);
    const neither = [{ interval: between(0, 20, true, false) }, { interval: between(20, 70, false, true) }, { interval: atLeast(70, false) }];
    expect(checkPartition(neither, domain).map((e) => e.code)).toEqual(['interval.gap']);
  });

  it('finds missing ends and empty intervals', () => {
    expect(checkPartition([{ interval: between(0, 20, true, true) }], domain).map((e) => e.code)).toEqual(['interval.gap']);
    expect(checkPartition([{ interval: between(5, 20) }, { interval: atLeast(20) }], domain).map((e) => e.code)).toEqual(['interval.gap']);
    expect(checkPartition([], domain).map((e) => e.code)).toEqual(['interval.gap']);
    expect(checkPartition([...ok, { interval: between(5, 5) }], domain).map((e) => e.code)).toEqual(['interval.empty']);
  });

  it('flags a band after an unbounded one as overlapping', () => {
    expect(checkPartition([...ok, { interval: atLeast(100) }], domain).map((e) => e.code)).toEqual(['interval.overlap']);
  });

  it('checks a bounded domain such as scores 0–100', () => {
    const score: Interval = { min: 0, minInclusive: true, max: 100, maxInclusive: true };
    expect(checkPartition([{ interval: between(0, 60) }, { interval: between(60, 100, true, true) }], score)).toEqual([]);
    expect(checkPartition([{ interval: between(0, 60) }, { interval: between(60, 100) }], score).map((e) => e.code)).toEqual(['interval.gap']);
  });

  it('allows the first band to start below the domain', () => {
    expect(checkPartition([{ interval: { min: null, minInclusive: false, max: 20, maxInclusive: true } }, { interval: atLeast(20, false) }], domain)).toEqual([]);
  });
});
