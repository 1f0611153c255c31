import { describe, expect, it } from 'vitest';
import {
  assessLec,
  LEC_BANDS_DEFAULT,
  LEC_FACTORS_CLASSIC,
  lecBandFor,
  validateLecBands,
  type LecBandTable,
  type LecInput,
} from './lec.js';

function assess(L: number, E: number, C: number) {
  const r = assessLec({ L, E, C });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('assessLec — reference §3.2 test vectors (aqrzj.com 加油站 table)', () => {
  it.each([
    [3, 10, 15, 450, 'extreme', 1, 'red'],
    [6, 6, 3, 108, 'significant', 3, 'yellow'],
    [1, 6, 15, 90, 'significant', 3, 'yellow'],
    [1, 10, 1, 10, 'slight', 4, 'blue'],
    [1, 1, 15, 15, 'slight', 4, 'blue'],
    [1, 0.5, 40, 20, 'slight', 4, 'blue'],
  ] as const)('%s × %s × %s = %s → %s', (L, E, C, D, band, level, colour) => {
    const v = assess(L, E, C);
    expect(v.D).toBe(D);
    expect(v.band.id).toBe(band);
    expect(v.level).toBe(level);
    expect(v.colour).toBe(colour);
  });

  it('reachable boundary D = 70 (1 × 10 × 7) is in (20, 70], still blue', () => {
    const v = assess(1, 10, 7);
    expect(v.D).toBe(70);
    expect(v.band.id).toBe('possible');
    expect(v.level).toBe(4);
  });

  it('fractional factors give clean products (0.1 × 0.5 × 1 = 0.05)', () => {
    expect(assess(0.1, 0.5, 1).D).toBe(0.05);
    expect(assess(0.2, 6, 7).D).toBe(8.4);
  });
});

describe('lecBandFor — both sides of every default boundary', () => {
  it.each([
    [0, 'slight'],
    [20, 'slight'],
    [20.001, 'possible'],
    [70, 'possible'],
    [70.001, 'significant'],
    [160, 'significant'],
    [160.001, 'high'],
    [320, 'high'],
    [320.001, 'extreme'],
    [10_000, 'extreme'],
  ] as const)('D = %s → %s', (D, id) => {
    expect(lecBandFor(D)?.id).toBe(id);
  });

  it('maps the five bands onto four colours', () => {
    expect(LEC_BANDS_DEFAULT.bands.map((b) => b.colour)).toEqual(['red', 'orange', 'yellow', 'blue', 'blue']);
  });

  it('negative D has no band', () => {
    expect(lecBandFor(-1)).toBeUndefined();
  });
});

describe('configurable boundaries', () => {
  const lowerInclusive: LecBandTable = {
    ...LEC_BANDS_DEFAULT,
    version: 'test-lower-inclusive',
    bands: LEC_BANDS_DEFAULT.bands.map((b) => ({
      ...b,
      interval: { ...b.interval, minInclusive: b.interval.min !== null, maxInclusive: false },
    })),
  };

  it('the shipped table is a partition of [0, +∞) and flagged configurable', () => {
    expect(validateLecBands(LEC_BANDS_DEFAULT)).toEqual([]);
    expect(LEC_BANDS_DEFAULT.configurable).toBe(true);
    expect(LEC_BANDS_DEFAULT.confidence).toBe('unconfirmed');
  });

  it('a lower-inclusive variant moves D = 20 and D = 320 up one band', () => {
    expect(validateLecBands(lowerInclusive)).toEqual([]);
    expect(lecBandFor(20, lowerInclusive)?.id).toBe('possible');
    expect(lecBandFor(320, lowerInclusive)?.id).toBe('extreme');
    const r = assessLec({ L: 1, E: 0.5, C: 40 }, lowerInclusive);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.band.id).toBe('possible');
    expect(r.value.tables.bands.version).toBe('test-lower-inclusive');
  });

  it('detects overlaps and gaps in an edited table', () => {
    const overlapping: LecBandTable = {
      ...LEC_BANDS_DEFAULT,
      bands: LEC_BANDS_DEFAULT.bands.map((b) => (b.id === 'possible' ? { ...b, interval: { ...b.interval, minInclusive: true } } : b)),
    };
    expect(validateLecBands(overlapping).map((e) => e.code)).toEqual(['interval.overlap']);
    const gap: LecBandTable = { ...LEC_BANDS_DEFAULT, bands: LEC_BANDS_DEFAULT.bands.filter((b) => b.id !== 'high') };
    expect(validateLecBands(gap).map((e) => e.code)).toEqual(['interval.gap']);
  });

  it('reports D outside every band as a structured error', () => {
    const gap: LecBandTable = { ...LEC_BANDS_DEFAULT, bands: LEC_BANDS_DEFAULT.bands.filter((b) => b.id !== 'extreme') };
    const r = assessLec({ L: 3, E: 10, C: 15 }, gap);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('lec.no_band');
  });
});

describe('factor validation', () => {
  it.each<[string, LecInput, string]>([
    ['L = 2', { L: 2, E: 6, C: 15 }, 'L'],
    ['E = 7', { L: 3, E: 7, C: 15 }, 'E'],
    ['C = 10', { L: 3, E: 6, C: 10 }, 'C'],
    ['C = NaN', { L: 3, E: 6, C: Number.NaN }, 'C'],
  ])('rejects %s naming the factor and the allowed values', (_n, input, factor) => {
    const r = assessLec(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.code).toBe('lec.invalid_factor');
    expect(r.errors[0]?.details?.['factor']).toBe(factor);
    expect(r.errors[0]?.message.zh).toContain('允许值');
    expect(r.errors[0]?.message.en).toContain('not one of');
  });

  it('reports every bad factor at once', () => {
    const r = assessLec({ L: 2, E: 7, C: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.details?.['factor'])).toEqual(['L', 'E', 'C']);
  });

  it('an enterprise factor table can add values', () => {
    const custom = { ...LEC_FACTORS_CLASSIC, version: 'ent-1', C: [...LEC_FACTORS_CLASSIC.C, { value: 10, meaning: { zh: '自定义', en: 'custom' } }] };
    const r = assessLec({ L: 3, E: 6, C: 10 }, LEC_BANDS_DEFAULT, custom);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.D).toBe(180);
    expect(r.value.band.id).toBe('high');
    expect(r.value.tables.factors.version).toBe('ent-1');
  });
});

describe('result working', () => {
  it('shows the factors, the product, the band and the level', () => {
    const v = assess(3, 10, 15);
    expect(v.inputs).toEqual({ L: 3, E: 10, C: 15 });
    expect(v.working.map((s) => s.zh)).toEqual([
      'L = 3（可能，但不经常）',
      'E = 10（连续暴露）',
      'C = 15（非常严重，一人死亡）',
      'D = L × E × C = 3 × 10 × 15 = 450',
      'D = 450 落在区间 (320, +∞)：极其危险，不能继续作业',
      '风险等级：1级 重大风险（红）',
      `依据：lec.factors v${LEC_FACTORS_CLASSIC.version}；lec.bands v${LEC_BANDS_DEFAULT.version}`,
    ]);
    expect(v.working[4]?.en).toBe('D = 450 is in (320, +∞): extremely dangerous, stop work');
  });
});
