// LS risk matrix: R = L × S with L, S ∈ {1..5} — reference §3.3.
// No national standard fixes the bands; two published variants differ only at R = 9.
// Both are shipped as configurable tables; variant A is the default.

import { findBand, formatInterval, type Interval } from './interval.js';
import { describeRiskLevel, RISK_LEVELS, type RiskColour, type RiskLevel } from './risk-level.js';
import {
  fail,
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

export interface LsBand {
  readonly id: string;
  readonly interval: Interval;
  readonly level: RiskLevel;
  readonly colour: RiskColour;
  readonly roman: 'Ⅰ' | 'Ⅱ' | 'Ⅲ' | 'Ⅳ';
}

export interface LsBandTable extends ReferenceTableMeta {
  /** Allowed integer range of L and of S. */
  readonly scale: { readonly min: number; readonly max: number };
  readonly bands: readonly LsBand[];
}

const closed = (min: number, max: number): Interval => ({ min, minInclusive: true, max, maxInclusive: true });

export const LS_BANDS_A: LsBandTable = {
  id: 'ls.bands.variant-a',
  version: 'zgmkw-1',
  source: 'zgmkw.com LS matrix table; reference §3.3 variant A',
  confidence: 'unconfirmed',
  confidenceNote: {
    zh: '二手资料；无国家标准规定 LS 分档，两种公开变体在 R = 9 处不同（A：较大/橙）。可配置。',
    en: 'Secondary; no national standard fixes the LS bands and the two published variants differ at R = 9 (A: considerable/orange). Configurable.',
  },
  configurable: true,
  scale: { min: 1, max: 5 },
  bands: [
    { id: 'major', interval: closed(20, 25), level: 1, colour: 'red', roman: 'Ⅰ' },
    { id: 'considerable', interval: closed(9, 16), level: 2, colour: 'orange', roman: 'Ⅱ' },
    { id: 'general', interval: closed(4, 8), level: 3, colour: 'yellow', roman: 'Ⅲ' },
    { id: 'low', interval: closed(1, 3), level: 4, colour: 'blue', roman: 'Ⅳ' },
  ],
};

export const LS_BANDS_B: LsBandTable = {
  id: 'ls.bands.variant-b',
  version: 'mtoou-1',
  source: 'mtoou.info citing the four-colour rule; reference §3.3 variant B',
  confidence: 'unconfirmed',
  confidenceNote: {
    zh: '二手资料；与变体 A 仅在 R = 9 处不同（B：一般/黄）。可配置。',
    en: 'Secondary; differs from variant A only at R = 9 (B: general/yellow). Configurable.',
  },
  configurable: true,
  scale: { min: 1, max: 5 },
  bands: [
    { id: 'major', interval: closed(20, 25), level: 1, colour: 'red', roman: 'Ⅰ' },
    { id: 'considerable', interval: closed(10, 16), level: 2, colour: 'orange', roman: 'Ⅱ' },
    { id: 'general', interval: closed(4, 9), level: 3, colour: 'yellow', roman: 'Ⅲ' },
    { id: 'low', interval: closed(1, 3), level: 4, colour: 'blue', roman: 'Ⅳ' },
  ],
};

export const LS_BANDS_DEFAULT: LsBandTable = LS_BANDS_A;

export interface LsInput {
  /** 可能性 L. */
  readonly L: number;
  /** 严重性 S. */
  readonly S: number;
}

export interface LsResult {
  readonly inputs: LsInput;
  readonly table: TableRef;
  readonly R: number;
  readonly band: LsBand;
  readonly level: RiskLevel;
  readonly colour: RiskColour;
  readonly levelName: LocalizedText;
  readonly working: readonly WorkingStep[];
}

export type LsErrorCode = 'ls.invalid_factor' | 'ls.no_band' | 'ls.band_overlap';

/** Every product L × S can take on the table's scale (1,2,3,4,5,6,8,9,10,12,15,16,20,25 for 1..5). */
export function lsProducts(table: LsBandTable = LS_BANDS_DEFAULT): number[] {
  const set = new Set<number>();
  for (let l = table.scale.min; l <= table.scale.max; l++) {
    for (let s = table.scale.min; s <= table.scale.max; s++) set.add(l * s);
  }
  return [...set].sort((a, b) => a - b);
}

/** Checks that every reachable product falls in exactly one band (run it before saving an edited table). */
export function validateLsBands(table: LsBandTable): RuleError<LsErrorCode>[] {
  const errors: RuleError<LsErrorCode>[] = [];
  for (const r of lsProducts(table)) {
    const n = table.bands.filter((b) => findBand(r, [b]) !== undefined).length;
    if (n === 0) {
      errors.push(ruleError('ls.no_band', `R = ${r} 不在任何分档中`, `R = ${r} falls in no band`, { R: r }));
    } else if (n > 1) {
      errors.push(ruleError('ls.band_overlap', `R = ${r} 同时落在 ${n} 个分档中`, `R = ${r} falls in ${n} bands`, { R: r }));
    }
  }
  return errors;
}

export function lsBandFor(R: number, table: LsBandTable = LS_BANDS_DEFAULT): LsBand | undefined {
  return findBand(R, table.bands);
}

export function assessLs(input: LsInput, table: LsBandTable = LS_BANDS_DEFAULT): Outcome<LsResult, LsErrorCode> {
  const errors: RuleError<LsErrorCode>[] = [];
  const names = { L: { zh: '可能性', en: 'likelihood' }, S: { zh: '严重性', en: 'severity' } } as const;
  for (const f of ['L', 'S'] as const) {
    const v = input[f];
    if (!Number.isInteger(v) || v < table.scale.min || v > table.scale.max) {
      errors.push(
        ruleError(
          'ls.invalid_factor',
          `${f}（${names[f].zh}）必须是 ${table.scale.min}–${table.scale.max} 的整数，实际为 ${String(v)}`,
          `${f} (${names[f].en}) must be an integer ${table.scale.min}–${table.scale.max}, got ${String(v)}`,
          { factor: f, value: Number.isFinite(v) ? v : String(v), min: table.scale.min, max: table.scale.max },
        ),
      );
    }
  }
  if (errors.length > 0) return fail(errors);
  const R = input.L * input.S;
  const band = lsBandFor(R, table);
  if (band === undefined) {
    return fail([ruleError('ls.no_band', `R = ${R} 不在分级表 ${table.id} 的任何分档中`, `R = ${R} falls in no band of ${table.id}`, { R })]);
  }
  const levelText = describeRiskLevel(band.level);
  return ok({
    inputs: { L: input.L, S: input.S },
    table: tableRef(table),
    R,
    band,
    level: band.level,
    colour: band.colour,
    levelName: RISK_LEVELS[band.level].name,
    working: [
      step(`R = L × S = ${input.L} × ${input.S} = ${R}`, `R = L × S = ${input.L} × ${input.S} = ${R}`),
      step(`R = ${R} 落在分档 ${formatInterval(band.interval)}`, `R = ${R} is in band ${formatInterval(band.interval)}`),
      step(`风险等级：${band.roman} ${levelText.zh}`, `Risk level: ${band.roman} ${levelText.en}`),
      step(`依据：${table.id} v${table.version}`, `Rule set: ${table.id} v${table.version}`),
    ],
  });
}
