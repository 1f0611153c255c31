import { describe, expect, it } from 'vitest';
import { checkPartition } from './interval.js';
import {
  alphaFor,
  GB18218_2018,
  GB18218_LEVELS,
  GB18218_TABLE1,
  GB18218_TABLE2,
  GB18218_TABLE3,
  GB18218_TABLE4,
  GB18218_TABLE5_ALPHA,
  identifyMajorHazard,
  majorHazardLevelFor,
  type Gb18218Tables,
  type MajorHazardInput,
} from './major-hazard.js';

function run(input: MajorHazardInput, tables: Gb18218Tables = GB18218_2018) {
  const r = identifyMajorHazard(input, tables);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('GB 18218-2018 — reference §5.4 worked vectors', () => {
  it('LPG 100 t, 60 people: S = 2, R = 1.5 × 1.5 × 2 = 4.5 → 四级', () => {
    const v = run({ items: [{ chemicalId: 'lpg', quantityT: 100 }], exposedPeople: 60 });
    expect(v.S).toBe(2);
    expect(v.isMajorHazard).toBe(true);
    expect(v.items[0]?.beta).toBe(1.5);
    expect(v.items[0]?.betaSource).toBe('table4');
    expect(v.grading?.alpha).toBe(1.5);
    expect(v.grading?.R).toBe(4.5);
    expect(v.grading?.level).toBe(4);
    expect(v.grading?.levelName.zh).toBe('四级重大危险源');
  });

  it('chlorine 20 t, 120 people: S = 4, R = 2.0 × 4 × 4 = 32 → 三级', () => {
    const v = run({ items: [{ chemicalId: 'chlorine', quantityT: 20 }], exposedPeople: 120 });
    expect(v.S).toBe(4);
    expect(v.items[0]?.beta).toBe(4);
    expect(v.items[0]?.betaSource).toBe('table3');
    expect(v.grading?.alpha).toBe(2);
    expect(v.grading?.R).toBe(32);
    expect(v.grading?.level).toBe(3);
  });

  it('ammonia 200 t, 60 people: S = 20, R = 1.5 × 2 × 20 = 60 → 二级', () => {
    const v = run({ items: [{ chemicalId: 'ammonia', quantityT: 200 }], exposedPeople: 60 });
    expect(v.S).toBe(20);
    expect(v.grading?.R).toBe(60);
    expect(v.grading?.level).toBe(2);
  });

  it('mixed unit Cl₂ 20 t + NH₃ 30 t + LPG 60 t, 45 people: S = 8.2, R = 1.2 × 23.8 = 28.56 → 三级', () => {
    const v = run({
      items: [
        { chemicalId: 'chlorine', quantityT: 20 },
        { chemicalId: 'ammonia', quantityT: 30 },
        { chemicalId: 'lpg', quantityT: 60 },
      ],
      exposedPeople: 45,
    });
    expect(v.items.map((i) => i.ratio)).toEqual([4, 3, 1.2]);
    expect(v.S).toBe(8.2);
    expect(v.items.map((i) => i.weighted)).toEqual([16, 6, 1.8]);
    expect(v.grading?.weightedSum).toBe(23.8);
    expect(v.grading?.alpha).toBe(1.2);
    expect(v.grading?.R).toBe(28.56);
    expect(v.grading?.level).toBe(3);
    const formula = v.working.find((s) => s.zh.startsWith('R = α'));
    expect(formula?.zh).toBe('R = α × Σ(β·q/Q) = 1.2 × (4 × 4 + 2 × 3 + 1.5 × 1.2) = 1.2 × 23.8 = 28.56');
  });

  it('methanol 400 t: S = 0.8 < 1 → not a major hazard, no grading (and no category needed)', () => {
    const v = run({ items: [{ chemicalId: 'methanol', quantityT: 400 }], exposedPeople: 200 });
    expect(v.S).toBe(0.8);
    expect(v.isMajorHazard).toBe(false);
    expect(v.grading).toBeNull();
    expect(v.items[0]?.beta).toBeUndefined();
    expect(v.working.some((s) => s.zh.includes('不构成重大危险源'))).toBe(true);
  });
});

describe('identification threshold S ≥ 1', () => {
  it('q = Q exactly is a major hazard; just below is not', () => {
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 5 }], exposedPeople: 0 }).isMajorHazard).toBe(true);
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 4.999 }], exposedPeople: 0 }).isMajorHazard).toBe(false);
  });

  it('a sum that is exactly 1 on paper is not lost to floating-point noise (0.1 + 0.2 + 0.7)', () => {
    const v = run({
      items: [
        { chemicalId: 'hydrogen', quantityT: 0.5 }, // 0.1
        { chemicalId: 'chlorine', quantityT: 1 }, // 0.2
        { chemicalId: 'lpg', quantityT: 35 }, // 0.7
      ],
      exposedPeople: 0,
    });
    expect(v.S).toBe(1);
    expect(v.isMajorHazard).toBe(true);
  });

  it('unnamed chemicals use Table 2 Q by category', () => {
    const v = run({ items: [{ category: 'W5.3', quantityT: 1000, label: 'T-101' }], exposedPeople: 10 });
    expect(v.items[0]?.Q).toBe(1000);
    expect(v.items[0]?.QSource).toBe('table2');
    expect(v.items[0]?.name.zh).toContain('T-101');
    expect(v.grading?.R).toBe(1); // α 1.0 × β 1 × 1
  });
});

describe('α — both sides of each people boundary', () => {
  it.each([
    [0, 0.5],
    [1, 1.0],
    [29, 1.0],
    [30, 1.2],
    [49, 1.2],
    [50, 1.5],
    [99, 1.5],
    [100, 2.0],
    [5000, 2.0],
  ])('%i people → α = %s', (people, alpha) => {
    expect(alphaFor(people)?.alpha).toBe(alpha);
  });
});

describe('R → level — both sides of each boundary', () => {
  it.each([
    [0, 4],
    [9.999, 4],
    [10, 3],
    [49.999, 3],
    [50, 2],
    [99.999, 2],
    [100, 1],
    [1e6, 1],
  ] as const)('R = %s → level %s', (R, level) => {
    expect(majorHazardLevelFor(R)?.level).toBe(level);
  });

  it('end-to-end at the boundaries with chlorine (β 4, Q 5)', () => {
    // α 2.0 (≥100 people): R = 2 × 4 × q/5 = 1.6 q
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 62.5 }], exposedPeople: 100 }).grading?.level).toBe(1); // R = 100
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 62.4 }], exposedPeople: 100 }).grading?.level).toBe(2);
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 31.25 }], exposedPeople: 100 }).grading?.level).toBe(2); // R = 50
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 31.2 }], exposedPeople: 100 }).grading?.level).toBe(3);
    // α 1.0 (1–29 people): R = 0.8 q
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 12.5 }], exposedPeople: 29 }).grading?.level).toBe(3); // R = 10
    expect(run({ items: [{ chemicalId: 'chlorine', quantityT: 12.4 }], exposedPeople: 29 }).grading?.level).toBe(4);
  });
});

describe('β resolution', () => {
  it('Table-3 gases take β from Table 3 even when a category is given', () => {
    const v = run({ items: [{ chemicalId: 'ammonia', category: 'J3', quantityT: 10 }], exposedPeople: 0 });
    expect(v.items[0]?.beta).toBe(2);
    expect(v.items[0]?.betaSource).toBe('table3');
  });

  it('an unnamed Table-3 gas can be graded with toxicGasId (β from Table 3, Q from Table 2)', () => {
    const v = run({ items: [{ category: 'J3', toxicGasId: 'carbon-monoxide', quantityT: 100 }], exposedPeople: 0 });
    expect(v.items[0]?.Q).toBe(50);
    expect(v.items[0]?.beta).toBe(2);
    expect(v.grading?.R).toBe(2); // 0.5 × 2 × 2
  });

  it('a named chemical without a default category needs one when grading is required', () => {
    const r = identifyMajorHazard({ items: [{ chemicalId: 'gasoline', quantityT: 400 }], exposedPeople: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.code)).toEqual(['major_hazard.beta_undetermined']);
      expect(r.errors[0]?.message.zh).toContain('SDS');
    }
    const v = run({ items: [{ chemicalId: 'gasoline', category: 'W5.1', quantityT: 400 }], exposedPeople: 10 });
    expect(v.grading?.R).toBe(3); // 1.0 × 1.5 × 2
  });

  it('Table 4 has a β for every Table 2 category and uses J2 = 1', () => {
    expect(GB18218_TABLE4.rows.map((r) => r.symbol)).toEqual(GB18218_TABLE2.rows.map((r) => r.symbol));
    expect(GB18218_TABLE4.rows.find((r) => r.symbol === 'J2')?.beta).toBe(1);
  });

  it('every Table-1 toxicGasId exists in Table 3 and every default category in Table 4', () => {
    for (const row of GB18218_TABLE1.rows) {
      if (row.toxicGasId !== undefined) expect(GB18218_TABLE3.rows.some((g) => g.id === row.toxicGasId)).toBe(true);
      if (row.hazardCategory !== undefined) expect(GB18218_TABLE4.rows.some((c) => c.symbol === row.hazardCategory)).toBe(true);
    }
  });
});

describe('tables as data', () => {
  it('carries the reference Q values', () => {
    const q = Object.fromEntries(GB18218_TABLE1.rows.map((r) => [r.id, r.criticalQuantityT]));
    expect(q).toMatchObject({
      lpg: 50,
      chlorine: 5,
      ammonia: 10,
      gasoline: 200,
      methane: 50,
      hydrogen: 5,
      acetylene: 1,
      ethylene: 50,
      'hydrogen-sulfide': 5,
      'sulfur-dioxide': 20,
      'hydrogen-chloride': 20,
      oxygen: 200,
      methanol: 500,
      ethanol: 500,
      benzene: 50,
      toluene: 500,
      acetone: 500,
      'ethyl-acetate': 500,
      'n-hexane': 500,
      'diethyl-ether': 10,
      'ethylene-oxide': 10,
      phosgene: 0.3,
      'hydrogen-cyanide': 1,
      'ammonium-nitrate-combustible-gt-0.2': 5,
      'ammonium-nitrate-combustible-le-0.2': 50,
      'ammonium-nitrate-fertiliser': 200,
      'calcium-carbide': 100,
    });
    expect(GB18218_TABLE1.rows).toHaveLength(27);
    expect(GB18218_TABLE3.rows).toHaveLength(14);
  });

  it('the α table and level bands partition their domains', () => {
    const domain = { min: 0, minInclusive: true, max: null, maxInclusive: false };
    expect(checkPartition(GB18218_TABLE5_ALPHA.rows, domain)).toEqual([]);
    expect(checkPartition(GB18218_LEVELS.bands, domain)).toEqual([]);
  });

  it('marks transcribed tables configurable', () => {
    expect(GB18218_TABLE1.configurable).toBe(true);
    expect(GB18218_TABLE2.configurable).toBe(true);
    expect(GB18218_TABLE4.configurable).toBe(true);
  });

  it('an edited Table 1 changes Q and is reported by version', () => {
    const tables: Gb18218Tables = {
      ...GB18218_2018,
      named: { ...GB18218_TABLE1, version: 'local-1', rows: [...GB18218_TABLE1.rows, { id: 'co', name: { zh: '一氧化碳', en: 'CO' }, cas: ['630-08-0'], criticalQuantityT: 10, toxicGasId: 'carbon-monoxide' }] },
    };
    const v = run({ items: [{ chemicalId: 'co', quantityT: 20 }], exposedPeople: 0 }, tables);
    expect(v.S).toBe(2);
    expect(v.grading?.R).toBe(2); // 0.5 × 2 × 2
    expect(v.tables.named).toEqual({ id: GB18218_TABLE1.id, version: 'local-1' });
  });
});

describe('invalid input', () => {
  it('reports every problem with structured errors', () => {
    const r = identifyMajorHazard({
      items: [
        { chemicalId: 'unobtainium', quantityT: 1 },
        { category: 'W99', quantityT: 1 },
        { quantityT: 1 },
        { chemicalId: 'lpg', quantityT: -3 },
        { category: 'J1', toxicGasId: 'nope', quantityT: 1 },
      ],
      exposedPeople: -1,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual([
      'major_hazard.invalid_people',
      'major_hazard.unknown_chemical',
      'major_hazard.unknown_category',
      'major_hazard.category_required',
      'major_hazard.invalid_quantity',
      'major_hazard.unknown_toxic_gas',
    ]);
  });

  it('rejects an empty unit', () => {
    const r = identifyMajorHazard({ items: [], exposedPeople: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('major_hazard.no_items');
  });
});

describe('result', () => {
  it('keeps the inputs and every table version', () => {
    const input = { items: [{ chemicalId: 'lpg', quantityT: 100 }], exposedPeople: 60 };
    const v = run(input);
    expect(v.inputs).toEqual(input);
    expect(v.inputs).not.toBe(input);
    expect(Object.keys(v.tables).sort()).toEqual(['alpha', 'categoryBeta', 'categoryQ', 'levels', 'named', 'toxicGasBeta']);
    expect(v.working.at(-1)?.zh).toContain(GB18218_TABLE1.version);
    expect(v.working.map((s) => s.zh)).toContain('500米范围内暴露人员 60 人，落在 [50, 100) → α = 1.5');
  });
});
