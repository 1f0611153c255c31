// A/B/C/D grading of small places (三小 / 九小场所) — reference §10: no public criteria were found
// (UNCONFIRMED), so this is a LOCAL default rubric meant to be edited per deployment:
// criteria → weighted score 0–100 → grade band → caps (e.g. an open major hazard forces D) →
// the "消灭D、整改C、保持B、争创A" action and a suggested inspection interval.
// Inputs documented in the reference: checklist hazard counts (§8.2, §8.7), 三合一 status (§8.3),
// open 重大隐患 (§4).

import { checkPartition, findBand, formatInterval, type Interval, type PartitionErrorCode } from './interval.js';
import {
  fail,
  fmt,
  ok,
  ruleError,
  step,
  tableRef,
  type LocalizedText,
  type Outcome,
  type ReferenceTableMeta,
  type RuleError,
  type TableRef,
  type WorkingStep,
} from './rule-types.js';

export type PlaceGrade = 'A' | 'B' | 'C' | 'D';
export const PLACE_GRADES: readonly PlaceGrade[] = ['A', 'B', 'C', 'D'];

export interface CountStep {
  readonly interval: Interval;
  /** Share of the criterion's weight earned (0–1). */
  readonly fraction: number;
  /** Worst-case grade cap triggered by this step. */
  readonly capGrade?: PlaceGrade;
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: LocalizedText;
  readonly fraction: number;
  readonly capGrade?: PlaceGrade;
}

interface CriterionBase {
  readonly id: string;
  /** Key of the input record. */
  readonly field: string;
  readonly label: LocalizedText;
  readonly weight: number;
}

export type GradingCriterion =
  | (CriterionBase & { readonly type: 'count'; readonly steps: readonly CountStep[] })
  | (CriterionBase & { readonly type: 'choice'; readonly options: readonly ChoiceOption[] });

export interface GradeBand {
  readonly grade: PlaceGrade;
  /** Score interval on 0–100. */
  readonly interval: Interval;
  readonly action: LocalizedText;
  /** Suggested days between inspections. */
  readonly inspectionIntervalDays: number;
}

export interface PlaceGradingRubric extends ReferenceTableMeta {
  readonly criteria: readonly GradingCriterion[];
  readonly bands: readonly GradeBand[];
}

const closedOpen = (min: number, max: number | null): Interval => ({ min, minInclusive: true, max, maxInclusive: false });

export const PLACE_GRADING_DEFAULT: PlaceGradingRubric = {
  id: 'place-grading.abcd',
  version: 'local-default-1',
  source: 'SafeGrid default rubric (no public A/B/C/D criteria found; reference §10)',
  confidence: 'unconfirmed',
  confidenceNote: {
    zh: '未找到宝安或其他地区 A/B/C/D 分级的公开标准及巡查频次，本表为平台默认值，须由各部署按当地规定修改。',
    en: 'No public A/B/C/D criteria or patrol frequencies were found; this is a platform default each deployment must adapt.',
  },
  configurable: true,
  local: true,
  criteria: [
    {
      id: 'openMajorHazards',
      field: 'openMajorHazards',
      label: { zh: '未销号的重大事故隐患', en: 'open major hazards' },
      weight: 30,
      type: 'count',
      steps: [
        { interval: closedOpen(0, 1), fraction: 1 },
        { interval: closedOpen(1, null), fraction: 0, capGrade: 'D' },
      ],
    },
    {
      id: 'failedChecklistItems',
      field: 'failedChecklistItems',
      label: { zh: '检查不合格项数', en: 'failed checklist items' },
      weight: 25,
      type: 'count',
      steps: [
        { interval: closedOpen(0, 1), fraction: 1 },
        { interval: closedOpen(1, 3), fraction: 0.7 },
        { interval: closedOpen(3, 6), fraction: 0.4 },
        { interval: closedOpen(6, null), fraction: 0 },
      ],
    },
    {
      id: 'threeInOne',
      field: 'threeInOne',
      label: { zh: '“三合一”情况', en: '"three-in-one" (sleeping mixed with business)' },
      weight: 20,
      type: 'choice',
      options: [
        { value: 'none', label: { zh: '无住人', en: 'nobody sleeps on site' }, fraction: 1 },
        { value: 'separated', label: { zh: '住宿部分已有效防火分隔并有独立疏散', en: 'sleeping part fire-separated with its own exit' }, fraction: 0.6 },
        { value: 'not_separated', label: { zh: '住宿与经营等混合、未有效分隔', en: 'sleeping part not separated' }, fraction: 0, capGrade: 'D' },
      ],
    },
    {
      id: 'fireFacilities',
      field: 'fireFacilities',
      label: { zh: '消防设施器材', en: 'fire-fighting equipment' },
      weight: 10,
      type: 'choice',
      options: [
        { value: 'complete', label: { zh: '配置齐全、完好有效', en: 'complete and working' }, fraction: 1 },
        { value: 'partial', label: { zh: '部分缺失或失效', en: 'partly missing or faulty' }, fraction: 0.5 },
        { value: 'missing', label: { zh: '未配置', en: 'none' }, fraction: 0 },
      ],
    },
    {
      id: 'escapeRoutes',
      field: 'escapeRoutes',
      label: { zh: '疏散通道、安全出口', en: 'escape routes and exits' },
      weight: 10,
      type: 'choice',
      options: [
        { value: 'clear', label: { zh: '畅通', en: 'clear' }, fraction: 1 },
        { value: 'partly_blocked', label: { zh: '部分占用', en: 'partly obstructed' }, fraction: 0.4 },
        { value: 'blocked', label: { zh: '锁闭、堵塞或封闭', en: 'locked or blocked' }, fraction: 0, capGrade: 'C' },
      ],
    },
    {
      id: 'training',
      field: 'training',
      label: { zh: '消防培训（四懂四会）', en: 'fire-safety training' },
      weight: 5,
      type: 'choice',
      options: [
        { value: 'all', label: { zh: '全员培训', en: 'all staff trained' }, fraction: 1 },
        { value: 'partial', label: { zh: '部分培训', en: 'some staff trained' }, fraction: 0.5 },
        { value: 'none', label: { zh: '未培训', en: 'no training' }, fraction: 0 },
      ],
    },
  ],
  bands: [
    {
      grade: 'A',
      interval: { min: 90, minInclusive: true, max: 100, maxInclusive: true },
      action: { zh: '争创A类：保持并示范', en: 'Approach A: keep up and set the example' },
      inspectionIntervalDays: 90,
    },
    {
      grade: 'B',
      interval: closedOpen(75, 90),
      action: { zh: '保持B类：巩固并向A类提升', en: 'Maintain B: consolidate and move towards A' },
      inspectionIntervalDays: 30,
    },
    {
      grade: 'C',
      interval: closedOpen(60, 75),
      action: { zh: '整改C类：限期整改并复查', en: 'Rectify C: rectify by a deadline and re-inspect' },
      inspectionIntervalDays: 14,
    },
    {
      grade: 'D',
      interval: closedOpen(0, 60),
      action: { zh: '消灭D类：立即整治，必要时停业整改', en: 'Eliminate D: act at once, suspend business if needed' },
      inspectionIntervalDays: 7,
    },
  ],
};

/** Typed input for the default rubric (custom rubrics take any record of numbers/strings). */
export interface DefaultPlaceGradingInput {
  readonly openMajorHazards: number;
  readonly failedChecklistItems: number;
  readonly threeInOne: 'none' | 'separated' | 'not_separated';
  readonly fireFacilities: 'complete' | 'partial' | 'missing';
  readonly escapeRoutes: 'clear' | 'partly_blocked' | 'blocked';
  readonly training: 'all' | 'partial' | 'none';
}

export type PlaceGradingInput = Readonly<Record<string, number | string | undefined>>;

export interface CriterionScore {
  readonly id: string;
  readonly label: LocalizedText;
  readonly weight: number;
  readonly value: number | string;
  readonly fraction: number;
  readonly points: number;
  readonly capGrade?: PlaceGrade;
}

export interface PlaceGradingResult {
  readonly inputs: PlaceGradingInput;
  readonly rubric: TableRef;
  readonly criteria: readonly CriterionScore[];
  /** Normalised to 0–100, two decimals. */
  readonly total: number;
  /** Grade from the score alone. */
  readonly scoreGrade: PlaceGrade;
  /** Final grade after caps. */
  readonly grade: PlaceGrade;
  /** Criteria whose cap lowered the grade. */
  readonly cappedBy: readonly string[];
  readonly action: LocalizedText;
  readonly inspectionIntervalDays: number;
  readonly working: readonly WorkingStep[];
}

export type PlaceGradingErrorCode =
  | 'place_grading.missing_input'
  | 'place_grading.invalid_input'
  | 'place_grading.invalid_rubric'
  | PartitionErrorCode;

const SCORE_DOMAIN: Interval = { min: 0, minInclusive: true, max: 100, maxInclusive: true };

function worse(a: PlaceGrade, b: PlaceGrade): PlaceGrade {
  return PLACE_GRADES.indexOf(a) >= PLACE_GRADES.indexOf(b) ? a : b;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Checks an edited rubric: positive weights, unique ids, fractions in 0–1, bands partition 0–100 with unique grades. */
export function validatePlaceGradingRubric(rubric: PlaceGradingRubric): RuleError<PlaceGradingErrorCode>[] {
  const errors: RuleError<PlaceGradingErrorCode>[] = [];
  const bad = (zh: string, en: string): void => {
    errors.push(ruleError('place_grading.invalid_rubric', zh, en));
  };
  const ids = new Set<string>();
  for (const c of rubric.criteria) {
    if (ids.has(c.id)) bad(`评分项 ${c.id} 重复`, `Criterion ${c.id} is duplicated`);
    ids.add(c.id);
    if (!(Number.isFinite(c.weight) && c.weight > 0)) bad(`评分项 ${c.id} 的权重必须为正数`, `Criterion ${c.id} needs a positive weight`);
    const fractions = c.type === 'count' ? c.steps.map((s) => s.fraction) : c.options.map((o) => o.fraction);
    if (fractions.some((f) => !(f >= 0 && f <= 1))) bad(`评分项 ${c.id} 的得分比例必须在 0–1 之间`, `Criterion ${c.id} has a fraction outside 0–1`);
    if (c.type === 'count') {
      errors.push(...checkPartition(c.steps, { min: 0, minInclusive: true, max: null, maxInclusive: false }));
    }
  }
  if (rubric.criteria.length === 0) bad('评分表没有评分项', 'The rubric has no criteria');
  const grades = rubric.bands.map((b) => b.grade);
  if (new Set(grades).size !== grades.length) bad('等级区间中有重复等级', 'A grade appears in more than one band');
  errors.push(...checkPartition(rubric.bands, SCORE_DOMAIN));
  return errors;
}

function scoreCriterion(
  c: GradingCriterion,
  value: number | string | undefined,
): { ok: true; score: CriterionScore; step: WorkingStep } | { ok: false; error: RuleError<PlaceGradingErrorCode> } {
  if (value === undefined) {
    return {
      ok: false,
      error: ruleError('place_grading.missing_input', `缺少评分项“${c.label.zh}”的取值`, `Missing a value for "${c.label.en}"`, { field: c.field }),
    };
  }
  if (c.type === 'count') {
    const s = typeof value === 'number' && Number.isInteger(value) ? findBand(value, c.steps) : undefined;
    if (typeof value !== 'number' || s === undefined) {
      return {
        ok: false,
        error: ruleError('place_grading.invalid_input', `“${c.label.zh}”应为非负整数，实际为 ${String(value)}`, `"${c.label.en}" must be a non-negative integer, got ${String(value)}`, {
          field: c.field,
        }),
      };
    }
    const points = round2(c.weight * s.fraction);
    const cap = s.capGrade === undefined ? { zh: '', en: '' } : { zh: `，最高评为${s.capGrade}级`, en: `, grade capped at ${s.capGrade}` };
    return {
      ok: true,
      score: { id: c.id, label: c.label, weight: c.weight, value, fraction: s.fraction, points, ...(s.capGrade === undefined ? {} : { capGrade: s.capGrade }) },
      step: step(
        `${c.label.zh}：${value}（区间 ${formatInterval(s.interval)}）→ ${fmt(s.fraction * 100)}% × ${fmt(c.weight)} = ${fmt(points)} 分${cap.zh}`,
        `${c.label.en}: ${value} (in ${formatInterval(s.interval)}) → ${fmt(s.fraction * 100)}% × ${fmt(c.weight)} = ${fmt(points)}${cap.en}`,
      ),
    };
  }
  const o = c.options.find((x) => x.value === value);
  if (o === undefined) {
    return {
      ok: false,
      error: ruleError(
        'place_grading.invalid_input',
        `“${c.label.zh}”的取值“${String(value)}”无效（允许：${c.options.map((x) => x.value).join('、')}）`,
        `"${c.label.en}" value "${String(value)}" is not one of ${c.options.map((x) => x.value).join(', ')}`,
        { field: c.field, allowed: c.options.map((x) => x.value) },
      ),
    };
  }
  const points = round2(c.weight * o.fraction);
  const cap = o.capGrade === undefined ? { zh: '', en: '' } : { zh: `，最高评为${o.capGrade}级`, en: `, grade capped at ${o.capGrade}` };
  return {
    ok: true,
    score: { id: c.id, label: c.label, weight: c.weight, value: o.value, fraction: o.fraction, points, ...(o.capGrade === undefined ? {} : { capGrade: o.capGrade }) },
    step: step(
      `${c.label.zh}：${o.label.zh} → ${fmt(o.fraction * 100)}% × ${fmt(c.weight)} = ${fmt(points)} 分${cap.zh}`,
      `${c.label.en}: ${o.label.en} → ${fmt(o.fraction * 100)}% × ${fmt(c.weight)} = ${fmt(points)}${cap.en}`,
    ),
  };
}

export function gradePlace(
  input: PlaceGradingInput | DefaultPlaceGradingInput,
  rubric: PlaceGradingRubric = PLACE_GRADING_DEFAULT,
): Outcome<PlaceGradingResult, PlaceGradingErrorCode> {
  const rubricErrors = validatePlaceGradingRubric(rubric);
  if (rubricErrors.length > 0) return fail(rubricErrors);
  const record: PlaceGradingInput = { ...input };
  const errors: RuleError<PlaceGradingErrorCode>[] = [];
  const scores: CriterionScore[] = [];
  const working: WorkingStep[] = [];
  for (const c of rubric.criteria) {
    const r = scoreCriterion(c, record[c.field]);
    if (r.ok) {
      scores.push(r.score);
      working.push(r.step);
    } else {
      errors.push(r.error);
    }
  }
  if (errors.length > 0) return fail(errors);

  const weightSum = rubric.criteria.reduce((a, c) => a + c.weight, 0);
  const pointSum = scores.reduce((a, s) => a + s.points, 0);
  const total = round2((pointSum / weightSum) * 100);
  working.push(
    weightSum === 100
      ? step(`总分 = ${scores.map((s) => fmt(s.points)).join(' + ')} = ${fmt(total)}`, `Total = ${scores.map((s) => fmt(s.points)).join(' + ')} = ${fmt(total)}`)
      : step(
          `总分 = (${scores.map((s) => fmt(s.points)).join(' + ')}) ÷ ${fmt(weightSum)} × 100 = ${fmt(total)}`,
          `Total = (${scores.map((s) => fmt(s.points)).join(' + ')}) ÷ ${fmt(weightSum)} × 100 = ${fmt(total)}`,
        ),
  );
  const band = findBand(total, rubric.bands);
  if (band === undefined) {
    // validatePlaceGradingRubric guarantees a partition of 0–100, and total is within 0–100.
    return fail([ruleError('place_grading.invalid_rubric', `总分 ${fmt(total)} 不在任何等级区间内`, `Score ${fmt(total)} falls in no grade band`)]);
  }
  working.push(step(`${fmt(total)} 分落在 ${formatInterval(band.interval)} → ${band.grade}级`, `${fmt(total)} is in ${formatInterval(band.interval)} → grade ${band.grade}`));
  let grade = band.grade;
  const cappedBy: string[] = [];
  for (const s of scores) {
    if (s.capGrade !== undefined && worse(grade, s.capGrade) !== grade) {
      grade = s.capGrade;
    }
  }
  for (const s of scores) {
    if (s.capGrade !== undefined && s.capGrade === grade && grade !== band.grade) cappedBy.push(s.id);
  }
  if (grade !== band.grade) {
    const labels = scores.filter((s) => cappedBy.includes(s.id)).map((s) => s.label);
    working.push(
      step(`因${labels.map((l) => l.zh).join('、')}，等级降为${grade}级`, `Capped by ${labels.map((l) => l.en).join(', ')}: grade ${grade}`),
    );
  }
  const finalBand = rubric.bands.find((b) => b.grade === grade) ?? band;
  working.push(
    step(`${finalBand.action.zh}；建议每 ${finalBand.inspectionIntervalDays} 天检查一次`, `${finalBand.action.en}; inspect every ${finalBand.inspectionIntervalDays} days`),
    step(`依据：${rubric.id} v${rubric.version}（地方默认规则，可配置）`, `Rubric: ${rubric.id} v${rubric.version} (local default, configurable)`),
  );
  return ok({
    inputs: record,
    rubric: tableRef(rubric),
    criteria: scores,
    total,
    scoreGrade: band.grade,
    grade,
    cappedBy,
    action: finalBand.action,
    inspectionIntervalDays: finalBand.inspectionIntervalDays,
    working,
  });
}
