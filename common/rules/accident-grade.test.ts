import { describe, expect, it } from 'vitest';
import {
  DECREE_493_GRADES,
  gradeAccident,
  levelForCriterion,
  type AccidentGradeInput,
  type AccidentGradeTable,
  type AccidentLevel,
} from './accident-grade.js';

function level(deaths: number, seriousInjuries: number, directLossYuan: number): AccidentLevel {
  const r = gradeAccident({ deaths, seriousInjuries, directLossYuan });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.level;
}

describe('gradeAccident — reference §1.1 test vectors', () => {
  const vectors: [number, number, number, AccidentLevel][] = [
    [2, 9, 9_999_999, 4],
    [3, 0, 0, 3],
    [0, 10, 0, 3],
    [0, 0, 10_000_000, 3],
    [9, 49, 49_999_999, 3],
    [10, 0, 0, 2],
    [0, 50, 0, 2],
    [29, 99, 99_999_999, 2],
    [30, 0, 0, 1],
    [0, 100, 0, 1],
    [0, 0, 100_000_000, 1],
  ];
  it.each(vectors)('(%i deaths, %i serious, %i yuan) → level %i', (d, s, loss, expected) => {
    expect(level(d, s, loss)).toBe(expected);
  });
});

describe('gradeAccident — both sides of every threshold', () => {
  it('deaths 2|3, 9|10, 29|30', () => {
    expect([2, 3, 9, 10, 29, 30].map((d) => level(d, 0, 0))).toEqual([4, 3, 3, 2, 2, 1]);
  });
  it('serious injuries 9|10, 49|50, 99|100', () => {
    expect([9, 10, 49, 50, 99, 100].map((s) => level(0, s, 0))).toEqual([4, 3, 3, 2, 2, 1]);
  });
  it('loss 1000万, 5000万, 1亿 (exactly the number is the higher level: "以上" includes it)', () => {
    expect([9_999_999.99, 10_000_000, 49_999_999.99, 50_000_000, 99_999_999.99, 100_000_000].map((l) => level(0, 0, l))).toEqual([
      4, 3, 3, 2, 2, 1,
    ]);
  });
});

describe('gradeAccident — result shape', () => {
  it('takes the highest level of the three criteria and names the decisive ones', () => {
    const r = gradeAccident({ deaths: 1, seriousInjuries: 55, directLossYuan: 12_000_000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.level).toBe(2);
    expect(r.value.roman).toBe('II');
    expect(r.value.name.zh).toBe('重大事故');
    expect(r.value.byCriterion).toEqual({ deaths: 4, seriousInjuries: 2, directLossYuan: 3 });
    expect(r.value.decisive).toEqual(['seriousInjuries']);
    expect(r.value.largerOrAbove).toBe(true);
    expect(r.value.table).toEqual({ id: DECREE_493_GRADES.id, version: DECREE_493_GRADES.version });
    expect(r.value.inputs).toEqual({ deaths: 1, seriousInjuries: 55, directLossYuan: 12_000_000 });
    expect(r.value.investigatedBy.zh).toContain('省级');
  });

  it('writes a working in both languages ending with the rule set', () => {
    const r = gradeAccident({ deaths: 3, seriousInjuries: 0, directLossYuan: 0 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.working).toHaveLength(5);
    expect(r.value.working[0]?.zh).toContain('≥ 3');
    expect(r.value.working[0]?.zh).toContain('较大事故');
    expect(r.value.working[1]?.zh).toContain('< 10');
    expect(r.value.working[4]?.en).toContain(DECREE_493_GRADES.version);
    for (const s of r.value.working) {
      expect(s.zh.length).toBeGreaterThan(0);
      expect(s.en.length).toBeGreaterThan(0);
    }
  });

  it('一般事故 is not 较大及以上', () => {
    const r = gradeAccident({ deaths: 0, seriousInjuries: 0, directLossYuan: 0 });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.level).toBe(4);
    expect(r.value.largerOrAbove).toBe(false);
    expect(r.value.decisive).toEqual(['deaths', 'seriousInjuries', 'directLossYuan']);
  });
});

describe('gradeAccident — invalid inputs', () => {
  it.each<[string, AccidentGradeInput]>([
    ['negative deaths', { deaths: -1, seriousInjuries: 0, directLossYuan: 0 }],
    ['fractional injuries', { deaths: 0, seriousInjuries: 1.5, directLossYuan: 0 }],
    ['NaN loss', { deaths: 0, seriousInjuries: 0, directLossYuan: Number.NaN }],
  ])('rejects %s with a structured error', (_name, input) => {
    const r = gradeAccident(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.code).toBe('accident.invalid_input');
    expect(r.errors[0]?.message.zh.length).toBeGreaterThan(0);
    expect(r.errors[0]?.message.en.length).toBeGreaterThan(0);
  });

  it('accepts a fractional loss in yuan', () => {
    expect(level(0, 0, 1234.56)).toBe(4);
  });
});

describe('accident grade table as data', () => {
  it('a supplementary rule set can change a threshold without code changes', () => {
    const custom: AccidentGradeTable = {
      ...DECREE_493_GRADES,
      version: 'test-exclusive',
      rows: DECREE_493_GRADES.rows.map((r) =>
        r.level === 3 && r.thresholds !== null
          ? { ...r, thresholds: { ...r.thresholds, deaths: { value: 3, inclusive: false } } }
          : r,
      ),
    };
    expect(levelForCriterion('deaths', 3, custom)?.level).toBe(4);
    expect(levelForCriterion('deaths', 4, custom)?.level).toBe(3);
    const r = gradeAccident({ deaths: 3, seriousInjuries: 0, directLossYuan: 0 }, custom);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.level).toBe(4);
    expect(r.value.table.version).toBe('test-exclusive');
  });

  it('rejects a table without a fallback level', () => {
    const broken: AccidentGradeTable = { ...DECREE_493_GRADES, rows: DECREE_493_GRADES.rows.slice(0, 3) };
    const r = gradeAccident({ deaths: 0, seriousInjuries: 0, directLossYuan: 0 }, broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('accident.invalid_table');
  });

  it('rejects a table whose rows are out of order', () => {
    const [a, b, c, d] = DECREE_493_GRADES.rows;
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('table');
    const r = gradeAccident({ deaths: 0, seriousInjuries: 0, directLossYuan: 0 }, { ...DECREE_493_GRADES, rows: [c, b, a, d] });
    expect(r.ok).toBe(false);
  });
});
