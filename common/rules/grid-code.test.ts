import { describe, expect, it } from 'vitest';
import {
  buildGridCode,
  DIVISION_NAME_RULES,
  gridCodeUnder,
  kindFromName,
  kindFromNameAndCode,
  parseDivisionCode12,
  parseGridCode,
  STATS_DIVISION_CODE_RULES,
  validateGridCode,
  type DivisionCodeRules,
} from './grid-code.js';

function parse(code: string) {
  const r = parseDivisionCode12(code);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('parseDivisionCode12', () => {
  it('splits a village-level code and lists its ancestors', () => {
    const v = parse('110105001001');
    expect(v).toMatchObject({
      province: '11',
      prefecture: '01',
      county: '05',
      township: '001',
      village: '001',
      countyCode: '110105',
      townshipCode: '110105001',
      level: 'village',
      townshipKind: 'street',
      villageKind: 'community',
    });
    expect(v.ancestors).toEqual(['110000000000', '110100000000', '110105000000', '110105001000']);
    expect(v.rules).toEqual({ id: STATS_DIVISION_CODE_RULES.id, version: STATS_DIVISION_CODE_RULES.version });
  });

  it('detects the level from trailing zeros', () => {
    expect(parse('110000000000').level).toBe('province');
    expect(parse('110100000000').level).toBe('prefecture');
    expect(parse('110105000000').level).toBe('county');
    expect(parse('110105001000').level).toBe('township');
  });

  it('accepts prefecture-level cities without counties (东莞 441900)', () => {
    const v = parse('441900003001');
    expect(v.level).toBe('village');
    expect(v.ancestors).toEqual(['440000000000', '441900000000', '441900003000']);
  });

  it.each([
    ['001', 'street'],
    ['099', 'street'],
    ['100', 'town'],
    ['199', 'town'],
    ['200', 'township'],
    ['399', 'township'],
    ['400', 'park'],
    ['599', 'park'],
    ['600', undefined],
  ] as const)('township part %s → %s', (part, kind) => {
    expect(parse(`130102${part}000`).townshipKind).toBe(kind);
  });

  it.each([
    ['001', 'community'],
    ['199', 'community'],
    ['200', 'village'],
    ['399', 'village'],
    ['400', undefined],
    ['500', undefined],
  ] as const)('village part %s → %s', (part, kind) => {
    expect(parse(`130102100${part}`).villageKind).toBe(kind);
  });

  it('rejects malformed and inconsistent codes', () => {
    const codes = (c: string) => {
      const r = parseDivisionCode12(c);
      return r.ok ? [] : r.errors.map((e) => e.code);
    };
    expect(codes('11010500100')).toEqual(['division.format']);
    expect(codes('11010500100A')).toEqual(['division.format']);
    expect(codes('110105000001')).toEqual(['division.inconsistent']);
    expect(codes('110000001000')).toEqual(['division.inconsistent']);
    expect(codes('990105001001')).toEqual(['region.unknown_province']);
  });

  it('ranges are configurable', () => {
    const rules: DivisionCodeRules = { ...STATS_DIVISION_CODE_RULES, village: [...STATS_DIVISION_CODE_RULES.village, { from: 500, to: 599, kind: 'village' }] };
    const r = parseDivisionCode12('659001501501', rules);
    expect(r.ok && r.value.villageKind).toBe('village');
  });
});

describe('kindFromNameAndCode — the name wins', () => {
  it.each([
    ['朝阳门社区', 'community'],
    ['和平里社区居民委员会', 'community'],
    ['东四居委会', 'community'],
    ['东坝村村民委员会', 'village'],
    ['张庄村委会', 'village'],
    ['建国门街道', 'street'],
    ['建国门街道办事处', 'street'],
    ['石碣镇', 'town'],
    ['大营乡', 'township'],
    ['长白朝鲜族乡', 'township'],
    ['松山湖园区', 'park'],
    ['经济技术开发区', 'park'],
    ['星沙工业园', 'park'],
  ] as const)('%s → %s', (name, kind) => {
    const d = kindFromNameAndCode(name);
    expect(d.kind).toBe(kind);
    expect(d.source).toBe('name');
  });

  it('uses the longest matching suffix', () => {
    expect(kindFromName('某某社区居民委员会')?.suffix).toBe('社区居民委员会');
    expect(kindFromName('镇江路社区')?.kind).toBe('community');
  });

  it('a community numbered in the village range keeps its name-derived kind and reports the conflict', () => {
    const d = kindFromNameAndCode('城中社区', '130102100201');
    expect(d.kind).toBe('community');
    expect(d.codeKind).toBe('village');
    expect(d.conflict).toBe(true);
    expect(d.working.map((s) => s.zh)).toEqual(['名称“城中社区”以“社区”结尾 → 社区（居委会）', '代码区段默认为村（村委会），与名称不一致，以名称为准']);
  });

  it('a town-level name checks the township part of the code', () => {
    const d = kindFromNameAndCode('某某镇', '130102100201');
    expect(d.kind).toBe('town');
    expect(d.codeKind).toBe('town');
    expect(d.conflict).toBe(false);
  });

  it('falls back to the code when the name has no known suffix', () => {
    const d = kindFromNameAndCode('兵团第一连', '659001201201');
    expect(d.source).toBe('code');
    expect(d.kind).toBe('village');
    expect(d.level).toBe('village');
    const t = kindFromNameAndCode('某地', '130102205000');
    expect(t.kind).toBe('township');
    expect(t.level).toBe('township');
  });

  it('gives up when neither tells', () => {
    expect(kindFromNameAndCode('某地').source).toBe('none');
    expect(kindFromNameAndCode('某地', '130102100501').kind).toBeUndefined();
    const bad = kindFromNameAndCode('某地', 'xyz');
    expect(bad.source).toBe('none');
    expect(bad.working[0]?.zh).toContain('不是有效的12位区划代码');
  });

  it('name rules are configurable data', () => {
    const rules = { ...DIVISION_NAME_RULES, suffixes: [...DIVISION_NAME_RULES.suffixes, { suffix: '嘎查', kind: 'village' as const }] };
    expect(kindFromNameAndCode('巴彦嘎查', undefined, rules).kind).toBe('village');
    expect(kindFromNameAndCode('巴彦嘎查').kind).toBeUndefined();
  });
});

describe('15-digit grid code', () => {
  it('builds, parses and validates county 6 + township 3 + community 3 + seq 3', () => {
    const built = buildGridCode({ countyCode: '110105', township: '001', community: '002', seq: 7 });
    expect(built).toEqual({ ok: true, value: '110105001002007' });
    const parsed = parseGridCode('110105001002007');
    expect(parsed).toEqual({
      ok: true,
      value: { code: '110105001002007', countyCode: '110105', township: '001', community: '002', seq: 7, divisionCode: '110105001002' },
    });
    expect(validateGridCode('110105001002007')).toEqual({ valid: true, errors: [] });
  });

  it('derives a grid code from the community division code', () => {
    expect(gridCodeUnder('441900003001', 12)).toEqual({ ok: true, value: '441900003001012' });
    expect(gridCodeUnder('44190000300', 1).ok).toBe(false);
  });

  it('sequence 1 and 999 are valid, 0 and 1000 are not', () => {
    expect(buildGridCode({ countyCode: '110105', township: '001', community: '002', seq: 1 }).ok).toBe(true);
    expect(buildGridCode({ countyCode: '110105', township: '001', community: '002', seq: 999 }).ok).toBe(true);
    for (const seq of [0, 1000, 2.5]) {
      const r = buildGridCode({ countyCode: '110105', township: '001', community: '002', seq });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['grid_code.invalid_seq']);
    }
    expect(validateGridCode('110105001002000').errors.map((e) => e.code)).toEqual(['grid_code.invalid_seq']);
  });

  it('a grid must belong to a community or village, never directly to a township', () => {
    expect(validateGridCode('110105001000001').errors.map((e) => e.code)).toEqual(['grid_code.no_community']);
    expect(validateGridCode('110105000002001').errors.map((e) => e.code)).toEqual(['grid_code.no_township']);
  });

  it('reports format and region problems', () => {
    expect(validateGridCode('11010500100200').errors.map((e) => e.code)).toEqual(['grid_code.format']);
    expect(validateGridCode('990105001002001').errors.map((e) => e.code)).toEqual(['region.unknown_province']);
    const r = buildGridCode({ countyCode: '1101', township: '1', community: 'abc', seq: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['region.format', 'grid_code.no_township', 'grid_code.no_community']);
  });
});
