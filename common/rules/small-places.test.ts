import { describe, expect, it } from 'vitest';
import { NINE_SMALL_PLACES_QILU_2018, suggestPlaceKind, type SmallPlaceInput, type SmallPlaceTable } from './small-places.js';

function kinds(input: SmallPlaceInput, table: SmallPlaceTable = NINE_SMALL_PLACES_QILU_2018): string[] {
  const r = suggestPlaceKind(input, table);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.matches.map((m) => m.kind);
}

describe('nine small places — both sides of every threshold (以下 inclusive by default)', () => {
  it.each<[string, SmallPlaceInput, SmallPlaceInput, string]>([
    ['shop 300 m²', { use: 'shop', areaM2: 300 }, { use: 'shop', areaM2: 300.5 }, 'shopping'],
    ['restaurant 100 diners', { use: 'restaurant', seats: 100 }, { use: 'restaurant', seats: 101 }, 'catering'],
    ['hotel 50 beds', { use: 'hotel', beds: 50 }, { use: 'hotel', beds: 51 }, 'lodging'],
    ['KTV 200 m² on floor 3', { use: 'ktv', areaM2: 200, floor: 3 }, { use: 'ktv', areaM2: 201, floor: 3 }, 'entertainment'],
    ['KTV on floor 3 vs 4', { use: 'ktv', areaM2: 150, floor: 3 }, { use: 'ktv', areaM2: 150, floor: 4 }, 'entertainment'],
    ['KTV ground floor vs basement', { use: 'internet_cafe', areaM2: 150, floor: 1 }, { use: 'internet_cafe', areaM2: 150, floor: -1 }, 'entertainment'],
    ['KTV spanning floors 2–3 vs 3–4', { use: 'ktv', areaM2: 150, floor: 2, topFloor: 3 }, { use: 'ktv', areaM2: 150, floor: 3, topFloor: 4 }, 'entertainment'],
    ['foot massage 200 m²', { use: 'foot_massage', areaM2: 200 }, { use: 'foot_massage', areaM2: 200.1 }, 'leisure'],
    ['clinic 30 beds', { use: 'clinic', beds: 30 }, { use: 'clinic', beds: 31 }, 'medical'],
    ['elderly home 30 beds', { use: 'elderly_home', beds: 30 }, { use: 'elderly_home', beds: 31 }, 'medical'],
    ['boarding school 50 beds', { use: 'school', boarding: true, beds: 50 }, { use: 'school', boarding: true, beds: 51 }, 'teaching'],
    ['day school 500 pupils', { use: 'school', boarding: false, persons: 500 }, { use: 'school', boarding: false, persons: 501 }, 'teaching'],
    ['day kindergarten 100 children', { use: 'kindergarten', boarding: false, persons: 100 }, { use: 'kindergarten', boarding: false, persons: 101 }, 'teaching'],
    ['workshop 50 staff', { use: 'manufacturing', staff: 50, dormStaff: 0 }, { use: 'manufacturing', staff: 51, dormStaff: 0 }, 'production'],
    ['workshop dorm 30 people', { use: 'manufacturing', staff: 80, dormStaff: 30 }, { use: 'manufacturing', staff: 80, dormStaff: 31 }, 'production'],
    ['hazmat store 100 m²', { use: 'hazmat_storage', areaM2: 100 }, { use: 'hazmat_storage', areaM2: 101 }, 'flammable'],
  ])('%s', (_name, inside, outside, kind) => {
    expect(kinds(inside)).toEqual([kind]);
    expect(kinds(outside)).toEqual([]);
  });

  it('health centres qualify without a threshold', () => {
    const r = suggestPlaceKind({ use: 'community_health_centre' });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.matches.map((m) => m.kind)).toEqual(['medical']);
    expect(r.value.matches[0]?.clauseId).toBe('medical.health-centre');
  });

  it('a boarding kindergarten is judged by beds, not children', () => {
    expect(kinds({ use: 'kindergarten', boarding: true, beds: 40, persons: 300 })).toEqual(['teaching']);
    expect(kinds({ use: 'kindergarten', boarding: false, beds: 40, persons: 300 })).toEqual([]);
  });
});

describe('reasons and missing inputs', () => {
  it('returns the reason for a match', () => {
    const r = suggestPlaceKind({ use: 'shop', areaM2: 250 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.matches).toHaveLength(1);
    expect(r.value.matches[0]?.reasons.map((s) => s.zh)).toEqual(['建筑面积 250 m²，要求 ≤ 300 m²（含本数）✓']);
    expect(r.value.table).toEqual({ id: NINE_SMALL_PLACES_QILU_2018.id, version: NINE_SMALL_PLACES_QILU_2018.version });
    expect(r.value.inputs).toEqual({ use: 'shop', areaM2: 250 });
  });

  it('lists kinds that need more data', () => {
    const r = suggestPlaceKind({ use: 'ktv', areaM2: 120 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.matches).toEqual([]);
    expect(r.value.possible).toEqual([
      { kind: 'entertainment', name: { zh: '小公共娱乐场所', en: 'small public entertainment place' }, clauseId: 'entertainment', missing: ['floor', 'topFloor'] },
    ]);
  });

  it('a known failing input rules a kind out even when others are missing', () => {
    const r = suggestPlaceKind({ use: 'ktv', areaM2: 500 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.possible).toEqual([]);
    expect(r.value.working.some((s) => s.zh.startsWith('不属于小公共娱乐场所'))).toBe(true);
  });

  it('production: one satisfied alternative is enough even if the other input is missing', () => {
    const r = suggestPlaceKind({ use: 'manufacturing', dormStaff: 12 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.matches.map((m) => m.clauseId)).toEqual(['production.dormitory']);
  });
});

describe('configurable thresholds', () => {
  it('an exclusive "以下" moves the boundary value out', () => {
    const exclusive: SmallPlaceTable = {
      ...NINE_SMALL_PLACES_QILU_2018,
      version: 'exclusive-test',
      kinds: NINE_SMALL_PLACES_QILU_2018.kinds.map((k) => ({
        ...k,
        clauses: k.clauses.map((c) => ({
          ...c,
          conditions: c.conditions.map((cond) =>
            cond.kind === 'range' && cond.interval.min === 0 ? { ...cond, interval: { ...cond.interval, maxInclusive: false } } : cond,
          ),
        })),
      })),
    };
    expect(kinds({ use: 'shop', areaM2: 300 }, exclusive)).toEqual([]);
    expect(kinds({ use: 'shop', areaM2: 299.9 }, exclusive)).toEqual(['shopping']);
    expect(kinds({ use: 'hotel', beds: 50 }, exclusive)).toEqual([]);
  });

  it('the shipped table is flagged local and configurable, and every clause use exists', () => {
    expect(NINE_SMALL_PLACES_QILU_2018.configurable).toBe(true);
    expect(NINE_SMALL_PLACES_QILU_2018.local).toBe(true);
    expect(NINE_SMALL_PLACES_QILU_2018.kinds).toHaveLength(9);
    const uses = new Set(NINE_SMALL_PLACES_QILU_2018.uses.map((x) => x.id));
    for (const k of NINE_SMALL_PLACES_QILU_2018.kinds) for (const c of k.clauses) for (const x of c.uses) expect(uses.has(x)).toBe(true);
  });
});

describe('invalid input', () => {
  it('rejects unknown uses and bad numbers', () => {
    const r = suggestPlaceKind({ use: 'spaceport', areaM2: -5, beds: 2.5, floor: 0 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.details?.['field'] ?? e.details?.['use']])).toEqual([
      ['small_places.unknown_use', 'spaceport'],
      ['small_places.invalid_number', 'areaM2'],
      ['small_places.invalid_number', 'beds'],
      ['small_places.invalid_number', 'floor'],
    ]);
  });
});
