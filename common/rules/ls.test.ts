import { describe, expect, it } from 'vitest';
import { assessLs, LS_BANDS_A, LS_BANDS_B, LS_BANDS_DEFAULT, lsBandFor, lsProducts, validateLsBands, type LsBandTable } from './ls.js';

function levelOf(L: number, S: number, table: LsBandTable = LS_BANDS_DEFAULT) {
  const r = assessLs({ L, S }, table);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('LS matrix — reference §3.3', () => {
  it('lists the possible products', () => {
    expect(lsProducts()).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]);
  });

  it('both shipped tables cover every product exactly once', () => {
    expect(validateLsBands(LS_BANDS_A)).toEqual([]);
    expect(validateLsBands(LS_BANDS_B)).toEqual([]);
  });

  it('variant A is the default', () => {
    expect(LS_BANDS_DEFAULT).toBe(LS_BANDS_A);
    expect(LS_BANDS_A.configurable).toBe(true);
    expect(LS_BANDS_B.configurable).toBe(true);
  });

  it('R = 9 differs: A → orange (较大), B → yellow (一般)', () => {
    const a = levelOf(3, 3, LS_BANDS_A);
    const b = levelOf(3, 3, LS_BANDS_B);
    expect(a.R).toBe(9);
    expect([a.level, a.colour]).toEqual([2, 'orange']);
    expect([b.level, b.colour]).toEqual([3, 'yellow']);
    expect(a.table.id).not.toBe(b.table.id);
  });

  it('the variants agree on every other product', () => {
    for (const r of lsProducts().filter((x) => x !== 9)) {
      expect(lsBandFor(r, LS_BANDS_A)?.level).toBe(lsBandFor(r, LS_BANDS_B)?.level);
    }
  });

  it.each([
    [1, 4, 'blue'],
    [3, 4, 'blue'],
    [4, 3, 'yellow'],
    [8, 3, 'yellow'],
    [9, 2, 'orange'],
    [10, 2, 'orange'],
    [16, 2, 'orange'],
    [20, 1, 'red'],
    [25, 1, 'red'],
  ] as const)('variant A: R = %s → level %s (%s)', (R, level, colour) => {
    expect(lsBandFor(R, LS_BANDS_A)?.level).toBe(level);
    expect(lsBandFor(R, LS_BANDS_A)?.colour).toBe(colour);
  });

  it.each([
    [3, 4],
    [4, 3],
    [9, 3],
    [10, 2],
    [16, 2],
    [20, 1],
  ] as const)('variant B: R = %s → level %s', (R, level) => {
    expect(lsBandFor(R, LS_BANDS_B)?.level).toBe(level);
  });

  it('returns inputs, table version and working', () => {
    const v = levelOf(4, 5);
    expect(v.inputs).toEqual({ L: 4, S: 5 });
    expect(v.R).toBe(20);
    expect(v.levelName.zh).toBe('重大风险');
    expect(v.table).toEqual({ id: LS_BANDS_A.id, version: LS_BANDS_A.version });
    expect(v.working[0]?.zh).toBe('R = L × S = 4 × 5 = 20');
    expect(v.working[1]?.zh).toBe('R = 20 落在分档 [20, 25]');
    expect(v.working[2]?.zh).toBe('风险等级：Ⅰ 1级 重大风险（红）');
  });
});

describe('LS validation', () => {
  it.each([
    [0, 3, 'L'],
    [6, 3, 'L'],
    [2.5, 3, 'L'],
    [3, 0, 'S'],
    [3, Number.NaN, 'S'],
  ])('rejects L=%s S=%s', (L, S, factor) => {
    const r = assessLs({ L, S });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.code).toBe('ls.invalid_factor');
    expect(r.errors[0]?.details?.['factor']).toBe(factor);
  });

  it('detects an edited table with a gap or an overlap', () => {
    const gap: LsBandTable = { ...LS_BANDS_A, bands: LS_BANDS_A.bands.filter((b) => b.id !== 'general') };
    expect(validateLsBands(gap).map((e) => e.details?.['R'])).toEqual([4, 5, 6, 8]);
    const r = assessLs({ L: 2, S: 2 }, gap);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('ls.no_band');
    const overlap: LsBandTable = {
      ...LS_BANDS_A,
      bands: LS_BANDS_A.bands.map((b) => (b.id === 'general' ? { ...b, interval: { ...b.interval, max: 9 } } : b)),
    };
    expect(validateLsBands(overlap).map((e) => e.code)).toEqual(['ls.band_overlap']);
  });
});
