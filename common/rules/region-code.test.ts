import { describe, expect, it } from 'vitest';
import { checkRegionCode6, GB2260_PROVINCES, provinceName, splitRegionCode6 } from './region-code.js';

describe('checkRegionCode6', () => {
  it('accepts structurally valid codes at every level', () => {
    for (const c of ['110000', '110100', '110105', '441900', '429004', '820000']) expect(checkRegionCode6(c)).toEqual([]);
  });

  it('rejects non-digits, unknown provinces and a county under a 00 prefecture', () => {
    expect(checkRegionCode6('11010').map((e) => e.code)).toEqual(['region.format']);
    expect(checkRegionCode6('11010A').map((e) => e.code)).toEqual(['region.format']);
    expect(checkRegionCode6('100000').map((e) => e.code)).toEqual(['region.unknown_province']);
    expect(checkRegionCode6('990101').map((e) => e.code)).toEqual(['region.unknown_province']);
    expect(checkRegionCode6('110005').map((e) => e.code)).toEqual(['region.inconsistent']);
  });

  it('accepts extra whole codes when asked', () => {
    expect(checkRegionCode6('100000', GB2260_PROVINCES, ['100000'])).toEqual([]);
  });

  it('uses the field label in messages', () => {
    const [e] = checkRegionCode6('99', GB2260_PROVINCES, [], { zh: '地址码', en: 'address code' });
    expect(e?.message.zh).toContain('地址码');
    expect(e?.message.en).toContain('address code');
  });
});

describe('splitRegionCode6 / provinceName', () => {
  it('splits and names', () => {
    expect(splitRegionCode6('110105')).toEqual({ province: '11', prefecture: '01', county: '05', level: 'county' });
    expect(splitRegionCode6('441900')?.level).toBe('prefecture');
    expect(splitRegionCode6('440000')?.level).toBe('province');
    expect(splitRegionCode6('4400')).toBeUndefined();
    expect(provinceName('350100')?.zh).toBe('福建省');
    expect(GB2260_PROVINCES.rows).toHaveLength(34);
  });
});
