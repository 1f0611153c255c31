// The unit tree's code and kind rules (cases carried over from the former common/rules/grid-code.ts,
// which duplicated these rules and was used by nothing).
import { describe, expect, it } from 'vitest';
import {
  childLevel, gridCode, gridName, isGridCode, kindFromNameAndCode, levelOfCode, levelOfDivisionCode12, normalizeDivisionName, parentCodeOf,
  shortUnitName,
} from './units.rules.js';

describe('statistical division codes', () => {
  it('names the level by the code length and the parent by its prefix', () => {
    expect(['11', '1101', '110105', '110105001', '110105001001', '110105001001007'].map(levelOfCode))
      .toEqual(['province', 'city', 'district', 'street', 'community', 'grid']);
    expect(levelOfCode('11010500100')).toBeUndefined();
    expect(levelOfCode('11010500100A')).toBeUndefined();
    expect(parentCodeOf('110105001001')).toBe('110105001');
    expect(parentCodeOf('441900003001')).toBe('441900003');
    expect(parentCodeOf('11')).toBeUndefined();
    expect(childLevel('community')).toBe('grid');
    expect(childLevel('grid')).toBeUndefined();
  });

  it('reads the level of a zero-padded 12-digit code from its trailing zeros', () => {
    expect(levelOfDivisionCode12('110000000000')).toBe('province');
    expect(levelOfDivisionCode12('110100000000')).toBe('city');
    expect(levelOfDivisionCode12('110105000000')).toBe('district');
    expect(levelOfDivisionCode12('110105001000')).toBe('street');
    expect(levelOfDivisionCode12('110105001001')).toBe('community');
    expect(levelOfDivisionCode12('441900003001')).toBe('community');
    expect(levelOfDivisionCode12('441900003000')).toBe('street');
    expect(levelOfDivisionCode12('110105000001')).toBeUndefined();
    expect(levelOfDivisionCode12('000000000000')).toBeUndefined();
    expect(levelOfDivisionCode12('110000001000')).toBeUndefined();
    expect(levelOfDivisionCode12('11010500100')).toBeUndefined();
  });
});

describe('kindFromNameAndCode — the name wins, the code range is the default', () => {
  it.each([
    ['001', '街道'], ['099', '街道'], ['100', '镇'], ['199', '镇'], ['200', '乡'], ['399', '乡'], ['400', '园区'], ['599', '园区'], ['600', undefined],
  ] as const)('township part %s → %s', (part, kind) => {
    expect(kindFromNameAndCode('street', '某地', `130102${part}`).byCode).toBe(kind);
  });

  it.each([
    ['001', '社区'], ['199', '社区'], ['200', '村'], ['399', '村'], ['400', undefined], ['500', undefined],
  ] as const)('village part %s → %s', (part, kind) => {
    expect(kindFromNameAndCode('community', '某地', `130102100${part}`).byCode).toBe(kind);
  });

  it.each([
    ['community', '朝阳门社区', '社区'],
    ['community', '和平里社区居民委员会', '社区'],
    ['community', '东四居委会', '社区'],
    ['community', '东坝村村民委员会', '村'],
    ['community', '张庄村委会', '村'],
    ['street', '建国门街道', '街道'],
    ['street', '建国门街道办事处', '街道'],
    ['street', '石碣镇', '镇'],
    ['street', '大营乡', '乡'],
    ['street', '长白朝鲜族乡', '乡'],
    ['street', '松山湖园区', '园区'],
    ['street', '经济技术开发区', '园区'],
    ['street', '星沙工业园', '园区'],
  ] as const)('%s %s → %s', (level, name, kind) => {
    const d = kindFromNameAndCode(level, name, '');
    expect(d.kind).toBe(kind);
    expect(d.byName).toBe(true);
  });

  it('a community numbered in the village range keeps the kind its name gives', () => {
    const d = kindFromNameAndCode('community', '城中社区', '130102100201');
    expect(d).toEqual({ kind: '社区', byCode: '村', byName: true });
  });

  it('a town-level name agrees with the township part of the code', () => {
    expect(kindFromNameAndCode('street', '某某镇', '130102100')).toEqual({ kind: '镇', byCode: '镇', byName: true });
  });

  it('falls back to the code when the name has no known suffix, and to the commonest kind when neither tells', () => {
    expect(kindFromNameAndCode('community', '兵团第一连', '659001201201')).toEqual({ kind: '村', byCode: '村', byName: false });
    expect(kindFromNameAndCode('street', '某地', '130102205')).toEqual({ kind: '乡', byCode: '乡', byName: false });
    expect(kindFromNameAndCode('community', '某地', '130102100501')).toEqual({ kind: '社区', byCode: undefined, byName: false });
    expect(kindFromNameAndCode('street', '某地', 'xyz')).toEqual({ kind: '街道', byCode: undefined, byName: false });
  });
});

describe('names', () => {
  it('shortens committee names and reduces division names for matching', () => {
    expect(shortUnitName('community', '北关社区居民委员会')).toBe('北关社区');
    expect(shortUnitName('community', '杨家村村民委员会')).toBe('杨家村');
    expect(shortUnitName('street', '建国门街道办事处')).toBe('建国门街道');
    expect(normalizeDivisionName('大通回族土族自治县')).toBe('大通');
    expect(normalizeDivisionName('湟中县')).toBe(normalizeDivisionName('湟中区'));
    expect(normalizeDivisionName('易县')).toBe('易');
  });
});

describe('15-digit grid code', () => {
  it('is the community division code and a 3-digit sequence', () => {
    expect(gridCode('110105001002', 7)).toBe('110105001002007');
    expect(gridCode('441900003001', 12)).toBe('441900003001012');
    expect(isGridCode('110105001002007')).toBe(true);
    expect(() => gridCode('44190000300', 1)).toThrow();
  });

  it('sequence 1 and 999 are valid, 0 and 1000 are not', () => {
    expect(gridCode('110105001002', 1)).toBe('110105001002001');
    expect(gridCode('110105001002', 999)).toBe('110105001002999');
    for (const seq of [0, 1000, 2.5]) expect(() => gridCode('110105001002', seq)).toThrow(/sequence/);
    expect(isGridCode('110105001002000')).toBe(false);
  });

  it('a grid belongs to a community or village, never directly to a township', () => {
    expect(isGridCode('110105001000001')).toBe(false);
    expect(isGridCode('110105000002001')).toBe(false);
    expect(() => gridCode('110105001000', 1)).toThrow(/community/);
    expect(isGridCode('11010500100200')).toBe(false);
  });

  it('names grids after their community', () => {
    expect(gridName('北关社区', 1, 3, false)).toBe('北关社区第1网格');
    expect(gridName('北关社区', 1, 1, false)).toBe('北关社区网格');
    expect(gridName('北关社区', 2, 2, true)).toBe('北关社区专属网格2');
  });
});
