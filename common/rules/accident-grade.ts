// Accident grading under 《生产安全事故报告和调查处理条例》(国务院令第493号) Art. 3 — reference §1.1.
// Four levels; the three criteria are joined by "或者", so the grade is the highest level reached by
// any criterion. "以上" includes the number itself, "以下" excludes it (Art. 3 ¶3).

import {
  fail,
  fmt,
  isNonNegative,
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

export type AccidentLevel = 1 | 2 | 3 | 4;
export type AccidentCriterion = 'deaths' | 'seriousInjuries' | 'directLossYuan';

export const ACCIDENT_CRITERIA: readonly AccidentCriterion[] = ['deaths', 'seriousInjuries', 'directLossYuan'];

/** A criterion reaches a level when value ≥ value (inclusive) or value > value (exclusive). */
export interface Threshold {
  readonly value: number;
  readonly inclusive: boolean;
}

export interface AccidentGradeRow {
  readonly level: AccidentLevel;
  readonly roman: 'I' | 'II' | 'III' | 'IV';
  readonly name: LocalizedText;
  /** Lower thresholds per criterion; null marks the fallback level reached when no threshold is. */
  readonly thresholds: Readonly<Record<AccidentCriterion, Threshold>> | null;
  /** Who investigates (Art. 19). */
  readonly investigatedBy: LocalizedText;
  /** Where the safety authority escalates the report (Art. 10). */
  readonly reportedTo: LocalizedText;
}

export interface AccidentGradeTable extends ReferenceTableMeta {
  /** Ordered from the highest level (1) to the fallback level (4). */
  readonly rows: readonly AccidentGradeRow[];
}

export const DECREE_493_GRADES: AccidentGradeTable = {
  id: 'accident-grade.decree-493',
  version: '2007-06-01',
  source: '《生产安全事故报告和调查处理条例》(国务院令第493号) Art. 3, 10, 19; reference §1.1–1.3',
  confidence: 'confirmed',
  confidenceNote: {
    zh: '条例第三条原文；“以上”含本数、“以下”不含本数。国务院安全生产监督管理部门可会同有关部门制定补充性规定，故作为版本化数据保存。',
    en: 'Art. 3 text; "以上" includes the number, "以下" excludes it. Supplementary grading rules may be issued, hence kept as versioned data.',
  },
  configurable: false,
  rows: [
    {
      level: 1,
      roman: 'I',
      name: { zh: '特别重大事故', en: 'especially serious accident' },
      thresholds: {
        deaths: { value: 30, inclusive: true },
        seriousInjuries: { value: 100, inclusive: true },
        directLossYuan: { value: 100_000_000, inclusive: true },
      },
      investigatedBy: { zh: '国务院或者国务院授权有关部门', en: 'the State Council or a department it authorises' },
      reportedTo: { zh: '国务院安全生产监督管理部门', en: 'the State Council work-safety department' },
    },
    {
      level: 2,
      roman: 'II',
      name: { zh: '重大事故', en: 'serious accident' },
      thresholds: {
        deaths: { value: 10, inclusive: true },
        seriousInjuries: { value: 50, inclusive: true },
        directLossYuan: { value: 50_000_000, inclusive: true },
      },
      investigatedBy: { zh: '事故发生地省级人民政府', en: 'the provincial government' },
      reportedTo: { zh: '国务院安全生产监督管理部门', en: 'the State Council work-safety department' },
    },
    {
      level: 3,
      roman: 'III',
      name: { zh: '较大事故', en: 'relatively serious accident' },
      thresholds: {
        deaths: { value: 3, inclusive: true },
        seriousInjuries: { value: 10, inclusive: true },
        directLossYuan: { value: 10_000_000, inclusive: true },
      },
      investigatedBy: { zh: '事故发生地设区的市级人民政府', en: 'the city (with districts) government' },
      reportedTo: { zh: '省级安全生产监督管理部门', en: 'the provincial work-safety department' },
    },
    {
      level: 4,
      roman: 'IV',
      name: { zh: '一般事故', en: 'ordinary accident' },
      thresholds: null,
      investigatedBy: {
        zh: '事故发生地县级人民政府（未造成人员伤亡的可委托事故发生单位调查）',
        en: 'the county government (may delegate to the unit when there are no casualties)',
      },
      reportedTo: { zh: '设区的市级安全生产监督管理部门', en: 'the city-level work-safety department' },
    },
  ],
};

export interface AccidentGradeInput {
  /** 死亡人数 (including missing persons counted as dead). */
  readonly deaths: number;
  /** 重伤人数, including acute industrial poisoning. */
  readonly seriousInjuries: number;
  /** 直接经济损失 in yuan (CNY). */
  readonly directLossYuan: number;
}

export interface AccidentGradeResult {
  readonly inputs: AccidentGradeInput;
  readonly table: TableRef;
  readonly level: AccidentLevel;
  readonly roman: AccidentGradeRow['roman'];
  readonly name: LocalizedText;
  readonly investigatedBy: LocalizedText;
  readonly reportedTo: LocalizedText;
  /** Level reached by each criterion on its own. */
  readonly byCriterion: Readonly<Record<AccidentCriterion, AccidentLevel>>;
  /** Criteria that reach the final level (the ones that decided it). */
  readonly decisive: readonly AccidentCriterion[];
  /** 较大及以上事故 (level 1, 2 or 3). */
  readonly largerOrAbove: boolean;
  readonly working: readonly WorkingStep[];
}

export type AccidentGradeErrorCode = 'accident.invalid_input' | 'accident.invalid_table';

const CRITERION_LABEL: Readonly<Record<AccidentCriterion, LocalizedText>> = {
  deaths: { zh: '死亡人数', en: 'Deaths' },
  seriousInjuries: { zh: '重伤人数（含急性工业中毒）', en: 'Serious injuries (incl. acute industrial poisoning)' },
  directLossYuan: { zh: '直接经济损失', en: 'Direct economic loss' },
};

function describeValue(criterion: AccidentCriterion, value: number): LocalizedText {
  if (criterion === 'directLossYuan') {
    return { zh: `${fmt(value)} 元（${fmt(value / 10_000)} 万元）`, en: `CNY ${fmt(value)}` };
  }
  return { zh: `${fmt(value)} 人`, en: `${fmt(value)}` };
}

function reaches(value: number, t: Threshold): boolean {
  return t.inclusive ? value >= t.value : value > t.value;
}

function validateTable(table: AccidentGradeTable): RuleError<AccidentGradeErrorCode>[] {
  const fallbacks = table.rows.filter((r) => r.thresholds === null);
  if (fallbacks.length !== 1 || table.rows[table.rows.length - 1]?.thresholds !== null) {
    return [
      ruleError(
        'accident.invalid_table',
        `事故分级表 ${table.id} 必须且只能在最后一行有一个兜底等级`,
        `Accident grade table ${table.id} must end with exactly one fallback level`,
      ),
    ];
  }
  const ordered = table.rows.every((r, i) => i === 0 || (table.rows[i - 1]?.level ?? 0) < r.level);
  if (!ordered) {
    return [
      ruleError(
        'accident.invalid_table',
        `事故分级表 ${table.id} 的行必须按等级从高（1）到低排列`,
        `Accident grade table ${table.id} rows must be ordered from level 1 downwards`,
      ),
    ];
  }
  return [];
}

/** Level reached by one criterion alone, with the row that decided it. */
export function levelForCriterion(
  criterion: AccidentCriterion,
  value: number,
  table: AccidentGradeTable = DECREE_493_GRADES,
): AccidentGradeRow | undefined {
  return table.rows.find((r) => r.thresholds === null || reaches(value, r.thresholds[criterion]));
}

export function gradeAccident(
  input: AccidentGradeInput,
  table: AccidentGradeTable = DECREE_493_GRADES,
): Outcome<AccidentGradeResult, AccidentGradeErrorCode> {
  const errors: RuleError<AccidentGradeErrorCode>[] = [...validateTable(table)];
  for (const c of ACCIDENT_CRITERIA) {
    const integer = c !== 'directLossYuan';
    if (!isNonNegative(input[c], integer)) {
      errors.push(
        ruleError(
          'accident.invalid_input',
          `${CRITERION_LABEL[c].zh}必须是${integer ? '非负整数' : '非负数'}，实际为 ${String(input[c])}`,
          `${CRITERION_LABEL[c].en} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got ${String(input[c])}`,
          { field: c, value: Number.isFinite(input[c]) ? input[c] : String(input[c]) },
        ),
      );
    }
  }
  if (errors.length > 0) return fail(errors);

  const rowFor = (c: AccidentCriterion): AccidentGradeRow | undefined => levelForCriterion(c, input[c], table);
  const deaths = rowFor('deaths');
  const injuries = rowFor('seriousInjuries');
  const loss = rowFor('directLossYuan');
  // validateTable guarantees a fallback row, so a row is always found.
  if (deaths === undefined || injuries === undefined || loss === undefined) {
    return fail([ruleError('accident.invalid_table', '事故分级表无兜底等级', 'No fallback level in the table')]);
  }
  const rowsByCriterion: Readonly<Record<AccidentCriterion, AccidentGradeRow>> = {
    deaths,
    seriousInjuries: injuries,
    directLossYuan: loss,
  };
  const working: WorkingStep[] = ACCIDENT_CRITERIA.map((c) => explainCriterion(c, input[c], rowsByCriterion[c], table));
  const final = ACCIDENT_CRITERIA.map((c) => rowsByCriterion[c]).reduce((a, b) => (b.level < a.level ? b : a));
  const decisive = ACCIDENT_CRITERIA.filter((c) => rowsByCriterion[c].level === final.level);
  working.push(
    step(
      `三项标准为“或者”关系，取最高等级：${final.name.zh}（${final.roman}级）`,
      `The criteria are alternatives ("或者"); the highest level applies: ${final.name.en} (level ${final.roman})`,
    ),
    step(`依据：${table.id} v${table.version}`, `Rule set: ${table.id} v${table.version}`),
  );
  return ok({
    inputs: { deaths: input.deaths, seriousInjuries: input.seriousInjuries, directLossYuan: input.directLossYuan },
    table: tableRef(table),
    level: final.level,
    roman: final.roman,
    name: final.name,
    investigatedBy: final.investigatedBy,
    reportedTo: final.reportedTo,
    byCriterion: {
      deaths: rowsByCriterion.deaths.level,
      seriousInjuries: rowsByCriterion.seriousInjuries.level,
      directLossYuan: rowsByCriterion.directLossYuan.level,
    },
    decisive,
    largerOrAbove: final.level <= 3,
    working,
  });
}

function explainCriterion(
  c: AccidentCriterion,
  value: number,
  row: AccidentGradeRow,
  table: AccidentGradeTable,
): WorkingStep {
  const v = describeValue(c, value);
  if (row.thresholds !== null) {
    const t = row.thresholds[c];
    const tv = describeValue(c, t.value);
    const op = t.inclusive ? '≥' : '>';
    return step(
      `${CRITERION_LABEL[c].zh} ${v.zh} ${op} ${tv.zh}（${t.inclusive ? '“以上”含本数' : '不含本数'}）→ ${row.name.zh}`,
      `${CRITERION_LABEL[c].en} ${v.en} ${op} ${tv.en} → ${row.name.en}`,
    );
  }
  // Fallback: below the lowest graded threshold.
  const lowest = [...table.rows].reverse().find((r) => r.thresholds !== null);
  if (lowest?.thresholds == null) {
    return step(`${CRITERION_LABEL[c].zh} ${v.zh} → ${row.name.zh}`, `${CRITERION_LABEL[c].en} ${v.en} → ${row.name.en}`);
  }
  const t = lowest.thresholds[c];
  const tv = describeValue(c, t.value);
  const op = t.inclusive ? '<' : '≤';
  return step(
    `${CRITERION_LABEL[c].zh} ${v.zh} ${op} ${tv.zh} → ${row.name.zh}`,
    `${CRITERION_LABEL[c].en} ${v.en} ${op} ${tv.en} → ${row.name.en}`,
  );
}
