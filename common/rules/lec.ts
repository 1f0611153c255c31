// LEC (作业条件危险性评价法, Graham–Kinney): D = L × E × C — reference §3.2.
// Factor values and the five classic D bands are [SECONDARY]; the mapping of the five bands onto the
// four risk colours and the boundary handling at 20/70/160/320 are UNCONFIRMED → configurable data.

import { checkPartition, findBand, formatInterval, type Interval, type PartitionErrorCode } from './interval.js';
import { describeRiskLevel, RISK_LEVELS, type RiskColour, type RiskLevel } from './risk-level.js';
import {
  clean,
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

export type LecFactor = 'L' | 'E' | 'C';
export const LEC_FACTORS: readonly LecFactor[] = ['L', 'E', 'C'];

export interface LecFactorValue {
  readonly value: number;
  readonly meaning: LocalizedText;
}

export interface LecFactorTable extends ReferenceTableMeta {
  readonly L: readonly LecFactorValue[];
  readonly E: readonly LecFactorValue[];
  readonly C: readonly LecFactorValue[];
}

export const LEC_FACTORS_CLASSIC: LecFactorTable = {
  id: 'lec.factors',
  version: 'classic-1',
  source: 'Graham–Kinney classic values as quoted on aqrzj.com, xiaomilidoc.com; reference §3.2',
  confidence: 'secondary',
  confidenceNote: {
    zh: '经典取值，多个来源一致；部分企业为 C 增加金额/伤亡栏目，可按企业配置。',
    en: 'Classic values, consistent across sources; some enterprises add money/casualty columns to C, so this is configurable.',
  },
  configurable: true,
  L: [
    { value: 10, meaning: { zh: '完全可以预料', en: 'fully expected' } },
    { value: 6, meaning: { zh: '相当可能', en: 'quite possible' } },
    { value: 3, meaning: { zh: '可能，但不经常', en: 'possible but unusual' } },
    { value: 1, meaning: { zh: '可能性小，完全意外', en: 'unlikely, a complete accident' } },
    { value: 0.5, meaning: { zh: '很不可能，可以设想', en: 'very unlikely but conceivable' } },
    { value: 0.2, meaning: { zh: '极不可能', en: 'extremely unlikely' } },
    { value: 0.1, meaning: { zh: '实际不可能', en: 'practically impossible' } },
  ],
  E: [
    { value: 10, meaning: { zh: '连续暴露', en: 'continuous exposure' } },
    { value: 6, meaning: { zh: '每天工作时间内暴露', en: 'daily during working hours' } },
    { value: 3, meaning: { zh: '每周一次或偶然暴露', en: 'weekly or occasionally' } },
    { value: 2, meaning: { zh: '每月一次暴露', en: 'monthly' } },
    { value: 1, meaning: { zh: '每年几次暴露', en: 'a few times a year' } },
    { value: 0.5, meaning: { zh: '非常罕见地暴露', en: 'very rarely' } },
  ],
  C: [
    { value: 100, meaning: { zh: '大灾难，许多人死亡', en: 'catastrophe, many deaths' } },
    { value: 40, meaning: { zh: '灾难，数人死亡', en: 'disaster, several deaths' } },
    { value: 15, meaning: { zh: '非常严重，一人死亡', en: 'very serious, one death' } },
    { value: 7, meaning: { zh: '严重，重伤', en: 'serious, serious injury' } },
    { value: 3, meaning: { zh: '重大，致残', en: 'important, disability' } },
    { value: 1, meaning: { zh: '引人注目，需要救护', en: 'noticeable, needs first aid' } },
  ],
};

export interface LecBand {
  readonly id: string;
  readonly interval: Interval;
  /** Classic Graham–Kinney wording. */
  readonly meaning: LocalizedText;
  readonly level: RiskLevel;
  readonly colour: RiskColour;
}

export interface LecBandTable extends ReferenceTableMeta {
  readonly bands: readonly LecBand[];
}

/**
 * Default bands: lower bounds exclusive, as in the aqrzj.com 加油站 worked table that grades D = 20 as
 * 稍有危险: (320,∞) (160,320] (70,160] (20,70] [0,20]. Both lowest bands map to blue.
 */
export const LEC_BANDS_DEFAULT: LecBandTable = {
  id: 'lec.bands',
  version: 'classic-5-bands-lower-exclusive-1',
  source: 'Graham–Kinney five bands (aqrzj.com, xiaomilidoc.com); boundary handling from the aqrzj.com 加油站 table; reference §3.2',
  confidence: 'unconfirmed',
  confidenceNote: {
    zh: '五档划分为二手资料；五档到四色的对应（最低两档均为蓝色）为通行做法，未找到国家文本；20/70/160/320 边界归属来源不一，按“下限不含”默认，可配置。',
    en: 'Five bands are secondary; mapping onto four colours (both lowest bands blue) is common practice without a national text; boundary ownership at 20/70/160/320 is ambiguous — default lower-exclusive, configurable.',
  },
  configurable: true,
  bands: [
    {
      id: 'extreme',
      interval: { min: 320, minInclusive: false, max: null, maxInclusive: false },
      meaning: { zh: '极其危险，不能继续作业', en: 'extremely dangerous, stop work' },
      level: 1,
      colour: 'red',
    },
    {
      id: 'high',
      interval: { min: 160, minInclusive: false, max: 320, maxInclusive: true },
      meaning: { zh: '高度危险，需立即整改', en: 'highly dangerous, rectify immediately' },
      level: 2,
      colour: 'orange',
    },
    {
      id: 'significant',
      interval: { min: 70, minInclusive: false, max: 160, maxInclusive: true },
      meaning: { zh: '显著危险，需要整改', en: 'significantly dangerous, needs rectification' },
      level: 3,
      colour: 'yellow',
    },
    {
      id: 'possible',
      interval: { min: 20, minInclusive: false, max: 70, maxInclusive: true },
      meaning: { zh: '一般危险（可能危险），需要注意', en: 'possibly dangerous, needs attention' },
      level: 4,
      colour: 'blue',
    },
    {
      id: 'slight',
      interval: { min: 0, minInclusive: true, max: 20, maxInclusive: true },
      meaning: { zh: '稍有危险，可以接受', en: 'slightly dangerous, acceptable' },
      level: 4,
      colour: 'blue',
    },
  ],
};

/** Domain of D for partition checks. */
export const LEC_DOMAIN: Interval = { min: 0, minInclusive: true, max: null, maxInclusive: false };

export type LecInput = Readonly<Record<LecFactor, number>>;

export interface LecResult {
  readonly inputs: LecInput;
  readonly tables: { readonly factors: TableRef; readonly bands: TableRef };
  readonly D: number;
  readonly band: LecBand;
  readonly level: RiskLevel;
  readonly colour: RiskColour;
  readonly levelName: LocalizedText;
  readonly working: readonly WorkingStep[];
}

export type LecErrorCode = 'lec.invalid_factor' | 'lec.no_band' | PartitionErrorCode;

const FACTOR_NAME: Readonly<Record<LecFactor, LocalizedText>> = {
  L: { zh: '事故发生的可能性', en: 'likelihood' },
  E: { zh: '暴露于危险环境的频繁程度', en: 'exposure frequency' },
  C: { zh: '发生事故产生的后果', en: 'consequence' },
};

/** Checks that an edited band table still partitions D ∈ [0, +∞). */
export function validateLecBands(bands: LecBandTable): RuleError<PartitionErrorCode>[] {
  return checkPartition(bands.bands, LEC_DOMAIN);
}

/** Band for a given D (exposed so boundary behaviour can be shown and tested directly). */
export function lecBandFor(D: number, bands: LecBandTable = LEC_BANDS_DEFAULT): LecBand | undefined {
  return findBand(clean(D), bands.bands);
}

export function assessLec(
  input: LecInput,
  bands: LecBandTable = LEC_BANDS_DEFAULT,
  factors: LecFactorTable = LEC_FACTORS_CLASSIC,
): Outcome<LecResult, LecErrorCode> {
  const errors: RuleError<LecErrorCode>[] = [];
  const chosen: Partial<Record<LecFactor, LecFactorValue>> = {};
  for (const f of LEC_FACTORS) {
    const v = input[f];
    const match = factors[f].find((row) => row.value === v);
    if (match === undefined) {
      const allowed = factors[f].map((r) => r.value);
      errors.push(
        ruleError(
          'lec.invalid_factor',
          `${f}（${FACTOR_NAME[f].zh}）取值 ${String(v)} 不在允许值 ${allowed.join('、')} 中`,
          `${f} (${FACTOR_NAME[f].en}) value ${String(v)} is not one of ${allowed.join(', ')}`,
          { factor: f, value: Number.isFinite(v) ? v : String(v), allowed },
        ),
      );
    } else {
      chosen[f] = match;
    }
  }
  const { L, E, C } = chosen;
  if (errors.length > 0 || L === undefined || E === undefined || C === undefined) return fail(errors);

  const D = clean(L.value * E.value * C.value);
  const band = lecBandFor(D, bands);
  if (band === undefined) {
    return fail([
      ruleError('lec.no_band', `D = ${fmt(D)} 不在分级表 ${bands.id} v${bands.version} 的任何区间内`, `D = ${fmt(D)} falls in no band of ${bands.id} v${bands.version}`, {
        D,
      }),
    ]);
  }
  const levelText = describeRiskLevel(band.level);
  const working: WorkingStep[] = [
    ...LEC_FACTORS.map((f) => {
      const row = chosen[f];
      const meaning = row?.meaning ?? { zh: '', en: '' };
      return step(`${f} = ${fmt(input[f])}（${meaning.zh}）`, `${f} = ${fmt(input[f])} (${meaning.en})`);
    }),
    step(
      `D = L × E × C = ${fmt(L.value)} × ${fmt(E.value)} × ${fmt(C.value)} = ${fmt(D)}`,
      `D = L × E × C = ${fmt(L.value)} × ${fmt(E.value)} × ${fmt(C.value)} = ${fmt(D)}`,
    ),
    step(
      `D = ${fmt(D)} 落在区间 ${formatInterval(band.interval)}：${band.meaning.zh}`,
      `D = ${fmt(D)} is in ${formatInterval(band.interval)}: ${band.meaning.en}`,
    ),
    step(`风险等级：${levelText.zh}`, `Risk level: ${levelText.en}`),
    step(
      `依据：${factors.id} v${factors.version}；${bands.id} v${bands.version}`,
      `Rule sets: ${factors.id} v${factors.version}; ${bands.id} v${bands.version}`,
    ),
  ];
  return ok({
    inputs: { L: input.L, E: input.E, C: input.C },
    tables: { factors: tableRef(factors), bands: tableRef(bands) },
    D,
    band,
    level: band.level,
    colour: band.colour,
    levelName: RISK_LEVELS[band.level].name,
    working,
  });
}
