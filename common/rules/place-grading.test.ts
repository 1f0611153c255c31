import { describe, expect, it } from 'vitest';
import { findBand } from './interval.js';
import {
  gradePlace,
  PLACE_GRADING_DEFAULT,
  validatePlaceGradingRubric,
  type DefaultPlaceGradingInput,
  type PlaceGradingRubric,
} from './place-grading.js';

const best: DefaultPlaceGradingInput = {
  openMajorHazards: 0,
  failedChecklistItems: 0,
  threeInOne: 'none',
  fireFacilities: 'complete',
  escapeRoutes: 'clear',
  training: 'all',
};

function grade(overrides: Partial<DefaultPlaceGradingInput>) {
  const r = gradePlace({ ...best, ...overrides });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('default rubric', () => {
  it('is valid, local and configurable; weights sum to 100', () => {
    expect(validatePlaceGradingRubric(PLACE_GRADING_DEFAULT)).toEqual([]);
    expect(PLACE_GRADING_DEFAULT.local).toBe(true);
    expect(PLACE_GRADING_DEFAULT.configurable).toBe(true);
    expect(PLACE_GRADING_DEFAULT.criteria.reduce((a, c) => a + c.weight, 0)).toBe(100);
  });

  it('a clean place scores 100 → A, inspect every 90 days', () => {
    const v = grade({});
    expect(v.total).toBe(100);
    expect(v.grade).toBe('A');
    expect(v.inspectionIntervalDays).toBe(90);
    expect(v.action.zh).toContain('争创A类');
    expect(v.rubric).toEqual({ id: PLACE_GRADING_DEFAULT.id, version: PLACE_GRADING_DEFAULT.version });
  });

  it('returns per-criterion scores', () => {
    const v = grade({ failedChecklistItems: 2, threeInOne: 'separated', fireFacilities: 'partial' });
    expect(v.criteria.map((c) => [c.id, c.points])).toEqual([
      ['openMajorHazards', 30],
      ['failedChecklistItems', 17.5],
      ['threeInOne', 12],
      ['fireFacilities', 5],
      ['escapeRoutes', 10],
      ['training', 5],
    ]);
    expect(v.total).toBe(79.5);
    expect(v.grade).toBe('B');
    expect(v.working.find((s) => s.zh.startsWith('总分'))?.zh).toBe('总分 = 30 + 17.5 + 12 + 5 + 10 + 5 = 79.5');
  });
});

describe('grade bands — both sides of each boundary', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89.99, 'B'],
    [75, 'B'],
    [74.99, 'C'],
    [60, 'C'],
    [59.99, 'D'],
    [0, 'D'],
  ] as const)('score %s → %s', (score, g) => {
    expect(findBand(score, PLACE_GRADING_DEFAULT.bands)?.grade).toBe(g);
  });

  it.each<[Partial<DefaultPlaceGradingInput>, number, string]>([
    [{ failedChecklistItems: 1, training: 'partial' }, 90, 'A'],
    [{ escapeRoutes: 'partly_blocked', training: 'none' }, 89, 'B'],
    [{ failedChecklistItems: 6 }, 75, 'B'],
    [{ failedChecklistItems: 1, threeInOne: 'separated', fireFacilities: 'partial', training: 'none' }, 74.5, 'C'],
    [{ failedChecklistItems: 6, fireFacilities: 'missing', training: 'none' }, 60, 'C'],
    [{ failedChecklistItems: 6, threeInOne: 'separated', fireFacilities: 'partial', training: 'partial' }, 59.5, 'D'],
  ])('end to end %j → %s (%s)', (overrides, total, g) => {
    const v = grade(overrides);
    expect(v.total).toBe(total);
    expect(v.grade).toBe(g);
  });

  it('failed-item steps: 0 | 1–2 | 3–5 | ≥6', () => {
    expect([0, 1, 2, 3, 5, 6, 20].map((n) => grade({ failedChecklistItems: n }).criteria[1]?.points)).toEqual([25, 17.5, 17.5, 10, 10, 0, 0]);
  });
});

describe('caps and inspection intervals', () => {
  it('an open major hazard forces D (eliminate, weekly)', () => {
    const v = grade({ openMajorHazards: 1 });
    expect(v.total).toBe(70);
    expect(v.scoreGrade).toBe('C');
    expect(v.grade).toBe('D');
    expect(v.cappedBy).toEqual(['openMajorHazards']);
    expect(v.inspectionIntervalDays).toBe(7);
    expect(v.action.zh).toContain('消灭D类');
  });

  it('unseparated 三合一 forces D even with a B score', () => {
    const v = grade({ threeInOne: 'not_separated' });
    expect(v.total).toBe(80);
    expect(v.grade).toBe('D');
    expect(v.cappedBy).toEqual(['threeInOne']);
  });

  it('blocked exits cap an A score at C (rectify, fortnightly)', () => {
    const v = grade({ escapeRoutes: 'blocked' });
    expect(v.total).toBe(90);
    expect(v.scoreGrade).toBe('A');
    expect(v.grade).toBe('C');
    expect(v.inspectionIntervalDays).toBe(14);
    expect(v.working.some((s) => s.zh.includes('等级降为C级'))).toBe(true);
  });

  it('a cap never raises a grade', () => {
    const v = grade({ escapeRoutes: 'blocked', failedChecklistItems: 6, fireFacilities: 'missing', training: 'none', threeInOne: 'separated' });
    expect(v.total).toBe(42); // 30 + 0 + 12 + 0 + 0 + 0
    expect(v.grade).toBe('D');
    expect(v.cappedBy).toEqual([]);
  });

  it('B is maintained monthly', () => {
    const v = grade({ fireFacilities: 'missing', training: 'partial' });
    expect(v.total).toBe(87.5);
    expect(v.inspectionIntervalDays).toBe(30);
  });
});

describe('invalid input and rubric', () => {
  it('reports missing and invalid values', () => {
    const r = gradePlace({ openMajorHazards: -1, failedChecklistItems: 1.5, threeInOne: 'maybe', fireFacilities: 'complete', escapeRoutes: 'clear' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.details?.['field']])).toEqual([
      ['place_grading.invalid_input', 'openMajorHazards'],
      ['place_grading.invalid_input', 'failedChecklistItems'],
      ['place_grading.invalid_input', 'threeInOne'],
      ['place_grading.missing_input', 'training'],
    ]);
  });

  it('rejects a rubric whose bands leave a gap', () => {
    const broken: PlaceGradingRubric = { ...PLACE_GRADING_DEFAULT, bands: PLACE_GRADING_DEFAULT.bands.filter((b) => b.grade !== 'C') };
    expect(validatePlaceGradingRubric(broken).map((e) => e.code)).toEqual(['interval.gap']);
    const r = gradePlace(best, broken);
    expect(r.ok).toBe(false);
  });

  it('normalises a rubric whose weights do not sum to 100', () => {
    const halfWeights: PlaceGradingRubric = {
      ...PLACE_GRADING_DEFAULT,
      version: 'half',
      criteria: PLACE_GRADING_DEFAULT.criteria.map((c) => ({ ...c, weight: c.weight / 2 })),
    };
    const r = gradePlace({ ...best, failedChecklistItems: 2 }, halfWeights);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.total).toBe(92.5);
    expect(r.value.rubric.version).toBe('half');
  });

  it('custom rubrics can add criteria read from any input key', () => {
    const custom: PlaceGradingRubric = {
      ...PLACE_GRADING_DEFAULT,
      criteria: [
        ...PLACE_GRADING_DEFAULT.criteria,
        {
          id: 'evBikes',
          field: 'evBikesIndoors',
          label: { zh: '电动自行车室内停放充电', en: 'e-bikes parked/charged indoors' },
          weight: 10,
          type: 'choice',
          options: [
            { value: 'no', label: { zh: '无', en: 'no' }, fraction: 1 },
            { value: 'yes', label: { zh: '有', en: 'yes' }, fraction: 0, capGrade: 'C' },
          ],
        },
      ],
    };
    const r = gradePlace({ ...best, evBikesIndoors: 'yes' }, custom);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.total).toBe(90.91);
    expect(r.value.grade).toBe('C');
  });
});
