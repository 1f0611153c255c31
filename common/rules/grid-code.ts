// Division and grid codes — reference §11.2 and §7.3.
//
// 12-digit statistical division code (统计用区划代码, 国统字〔2009〕91号):
//   1–6 GB/T 2260 county-level code · 7–9 township (GB/T 10114) · 10–12 village-level unit.
//   Township type by range: 001–099 街道, 100–199 镇, 200–399 乡, 400–599 政企合一/园区 [CONFIRMED].
//   Village type by range: 001–199 居委会/社区, 200–399 村委会 [UNCONFIRMED rule text, consistent with data].
//   Ranges are only a DEFAULT: the name wins (kindFromNameAndCode).
//
// 15-digit grid code (Beijing DB11 unit grid layout, believed to match CJ/T 213 / GB/T 30428.1):
//   county 6 + township 3 + community 3 + grid sequence 3 = the 12-digit village code + 3 digits.
//   Every grid belongs to a community/village, never directly to a township (Xi'an DB6101/T 3185-2024).

import { checkRegionCode6, GB2260_PROVINCES, splitRegionCode6, type ProvinceTable, type RegionCodeErrorCode } from './region-code.js';
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

export type TownshipKind = 'street' | 'town' | 'township' | 'park';
export type VillageKind = 'community' | 'village';
export type DivisionKind = TownshipKind | VillageKind;
export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

export const DIVISION_KIND_NAMES: Readonly<Record<DivisionKind, LocalizedText>> = {
  street: { zh: '街道', en: 'sub-district (street)' },
  town: { zh: '镇', en: 'town' },
  township: { zh: '乡', en: 'township' },
  park: { zh: '园区/政企合一单位', en: 'park / government-enterprise unit' },
  community: { zh: '社区（居委会）', en: 'urban community (residents’ committee)' },
  village: { zh: '村（村委会）', en: 'village (villagers’ committee)' },
};

export interface CodeRangeRow<K extends DivisionKind> {
  /** Inclusive numeric range of the 3-digit part. */
  readonly from: number;
  readonly to: number;
  readonly kind: K;
}

export interface DivisionCodeRules extends ReferenceTableMeta {
  readonly township: readonly CodeRangeRow<TownshipKind>[];
  readonly village: readonly CodeRangeRow<VillageKind>[];
}

export const STATS_DIVISION_CODE_RULES: DivisionCodeRules = {
  id: 'division-code.stats-12',
  version: '2009-91.1',
  source: '国家统计局 统计用区划代码编制规则（国统字〔2009〕91号），reproduced on suixincha.cn; reference §11.2',
  confidence: 'unconfirmed',
  confidenceNote: {
    zh: '乡级类型区段已确认；村级“001–199 居委会、200–399 村委会”未读到规则原文，仅与数据一致。仅作默认值，名称优先。',
    en: 'Township ranges confirmed; the village rule "001–199 residents’ committee, 200–399 villagers’ committee" was not read as text, only consistent with data. A default only; the name wins.',
  },
  configurable: true,
  township: [
    { from: 1, to: 99, kind: 'street' },
    { from: 100, to: 199, kind: 'town' },
    { from: 200, to: 399, kind: 'township' },
    { from: 400, to: 599, kind: 'park' },
  ],
  village: [
    { from: 1, to: 199, kind: 'community' },
    { from: 200, to: 399, kind: 'village' },
  ],
};

export interface NameSuffixRule {
  readonly suffix: string;
  readonly kind: DivisionKind;
}

export interface DivisionNameRules extends ReferenceTableMeta {
  readonly suffixes: readonly NameSuffixRule[];
}

export const DIVISION_NAME_RULES: DivisionNameRules = {
  id: 'division-name.suffixes',
  version: '1',
  source: 'Common naming of 街道/镇/乡/社区/村 units in 统计用区划代码 data',
  confidence: 'secondary',
  confidenceNote: {
    zh: '按名称后缀判断类型；最长后缀优先。可增补（如“苏木”“嘎查”）。',
    en: 'Kind by name suffix, longest suffix first. Extend as needed (e.g. 苏木, 嘎查).',
  },
  configurable: true,
  suffixes: [
    { suffix: '社区居民委员会', kind: 'community' },
    { suffix: '居民委员会', kind: 'community' },
    { suffix: '居委会', kind: 'community' },
    { suffix: '社区', kind: 'community' },
    { suffix: '村民委员会', kind: 'village' },
    { suffix: '村委会', kind: 'village' },
    { suffix: '街道办事处', kind: 'street' },
    { suffix: '街道', kind: 'street' },
    { suffix: '镇', kind: 'town' },
    { suffix: '乡', kind: 'township' },
    { suffix: '园区', kind: 'park' },
    { suffix: '开发区', kind: 'park' },
    { suffix: '工业园', kind: 'park' },
  ],
};

export function levelOfKind(kind: DivisionKind): 'township' | 'village' {
  return kind === 'community' || kind === 'village' ? 'village' : 'township';
}

// ---------------------------------------------------------------------------------------------
// 12-digit division code

export type DivisionCodeErrorCode = 'division.format' | 'division.inconsistent' | RegionCodeErrorCode;

export interface DivisionCodeParts {
  readonly code: string;
  readonly province: string;
  readonly prefecture: string;
  readonly county: string;
  readonly township: string;
  readonly village: string;
  /** Positions 1–6. */
  readonly countyCode: string;
  /** Positions 1–9. */
  readonly townshipCode: string;
  readonly level: DivisionLevel;
  /** Default kind from the code ranges (undefined when the part is 000 or outside every range). */
  readonly townshipKind?: TownshipKind;
  readonly villageKind?: VillageKind;
  /** 12-digit codes of the enclosing units, from the province down. */
  readonly ancestors: readonly string[];
  readonly rules: TableRef;
}

function kindFromRanges<K extends DivisionKind>(part: string, rows: readonly CodeRangeRow<K>[]): K | undefined {
  const n = Number(part);
  return rows.find((r) => n >= r.from && n <= r.to)?.kind;
}

export function parseDivisionCode12(
  code: string,
  rules: DivisionCodeRules = STATS_DIVISION_CODE_RULES,
  provinces: ProvinceTable = GB2260_PROVINCES,
): Outcome<DivisionCodeParts, DivisionCodeErrorCode> {
  if (!/^\d{12}$/.test(code)) {
    return fail([ruleError('division.format', `区划代码应为12位数字，实际为“${code}”`, `A division code must be 12 digits, got "${code}"`, { value: code })]);
  }
  const countyCode = code.slice(0, 6);
  const township = code.slice(6, 9);
  const village = code.slice(9, 12);
  const errors: RuleError<DivisionCodeErrorCode>[] = [...checkRegionCode6(countyCode, provinces, [], { zh: '第1–6位县级代码', en: 'county part (positions 1–6)' })];
  const region = splitRegionCode6(countyCode);
  if (township === '000' && village !== '000') {
    errors.push(
      ruleError('division.inconsistent', `区划代码“${code}”：乡级部分为000时村级部分也应为000`, `Division code "${code}" has a village part under a "000" township part`, {
        value: code,
      }),
    );
  }
  if (region !== undefined && region.prefecture === '00' && township !== '000') {
    errors.push(
      ruleError('division.inconsistent', `区划代码“${code}”：省级代码下不能直接设乡级单位`, `Division code "${code}" puts a township directly under a province`, {
        value: code,
      }),
    );
  }
  if (errors.length > 0 || region === undefined) return fail(errors);
  const level: DivisionLevel = village !== '000' ? 'village' : township !== '000' ? 'township' : region.level;
  const depth: Readonly<Record<DivisionLevel, number>> = { province: 0, prefecture: 1, county: 2, township: 3, village: 4 };
  const d = depth[level];
  const pad = (prefix: string): string => prefix.padEnd(12, '0');
  const ancestors: string[] = [];
  if (d > 0) ancestors.push(pad(region.province));
  if (d > 1 && region.prefecture !== '00') ancestors.push(pad(code.slice(0, 4)));
  if (d > 2 && region.county !== '00') ancestors.push(pad(countyCode));
  if (d > 3) ancestors.push(pad(code.slice(0, 9)));
  const townshipKind = township === '000' ? undefined : kindFromRanges(township, rules.township);
  const villageKind = village === '000' ? undefined : kindFromRanges(village, rules.village);
  return ok({
    code,
    province: region.province,
    prefecture: region.prefecture,
    county: region.county,
    township,
    village,
    countyCode,
    townshipCode: code.slice(0, 9),
    level,
    ...(townshipKind === undefined ? {} : { townshipKind }),
    ...(villageKind === undefined ? {} : { villageKind }),
    ancestors,
    rules: tableRef(rules),
  });
}

// ---------------------------------------------------------------------------------------------
// Name wins over code

export interface DivisionKindDecision {
  readonly name: string;
  readonly code?: string;
  /** Decided kind; undefined when neither the name nor the code tells. */
  readonly kind?: DivisionKind;
  readonly level?: 'township' | 'village';
  readonly source: 'name' | 'code' | 'none';
  /** Kind the code ranges alone suggest (for the unit level the name or the code points at). */
  readonly codeKind?: DivisionKind;
  /** The name and the code ranges disagree; the name was used. */
  readonly conflict: boolean;
  readonly tables: { readonly names: TableRef; readonly codes: TableRef };
  readonly working: readonly WorkingStep[];
}

export function kindFromName(name: string, rules: DivisionNameRules = DIVISION_NAME_RULES): NameSuffixRule | undefined {
  const n = name.trim();
  return [...rules.suffixes].sort((a, b) => b.suffix.length - a.suffix.length).find((r) => n.endsWith(r.suffix));
}

/**
 * Kind of a township- or village-level unit. The name decides when it ends with a known suffix
 * (社区/居委会/社区居民委员会 → community, 村委会/村民委员会 → village, 街道/街道办事处 → street, 镇 → town,
 * 乡 → township, 园区/开发区/工业园 → park); otherwise the default code ranges are used.
 */
export function kindFromNameAndCode(
  name: string,
  code?: string,
  nameRules: DivisionNameRules = DIVISION_NAME_RULES,
  codeRules: DivisionCodeRules = STATS_DIVISION_CODE_RULES,
): DivisionKindDecision {
  const tables = { names: tableRef(nameRules), codes: tableRef(codeRules) };
  const working: WorkingStep[] = [];
  const byName = kindFromName(name, nameRules);
  const parsed = code === undefined ? undefined : parseDivisionCode12(code, codeRules);
  const parts = parsed?.ok === true ? parsed.value : undefined;
  if (code !== undefined && parts === undefined) {
    working.push(step(`代码“${code}”不是有效的12位区划代码，忽略`, `Code "${code}" is not a valid 12-digit division code; ignored`));
  }
  const codeKindAt = (level: 'township' | 'village' | undefined): DivisionKind | undefined => {
    if (parts === undefined) return undefined;
    if (level === 'village') return parts.villageKind;
    if (level === 'township') return parts.townshipKind;
    return parts.level === 'village' ? parts.villageKind : parts.level === 'township' ? parts.townshipKind : undefined;
  };
  const base = { name, ...(code === undefined ? {} : { code }), tables };
  if (byName !== undefined) {
    const level = levelOfKind(byName.kind);
    const codeKind = codeKindAt(level);
    const conflict = codeKind !== undefined && codeKind !== byName.kind;
    working.push(
      step(`名称“${name}”以“${byName.suffix}”结尾 → ${DIVISION_KIND_NAMES[byName.kind].zh}`, `Name "${name}" ends with "${byName.suffix}" → ${DIVISION_KIND_NAMES[byName.kind].en}`),
    );
    if (conflict) {
      working.push(
        step(
          `代码区段默认为${DIVISION_KIND_NAMES[codeKind].zh}，与名称不一致，以名称为准`,
          `The code range suggests ${DIVISION_KIND_NAMES[codeKind].en}; the name wins`,
        ),
      );
    }
    return { ...base, kind: byName.kind, level, source: 'name', ...(codeKind === undefined ? {} : { codeKind }), conflict, working };
  }
  const codeKind = codeKindAt(undefined);
  if (codeKind !== undefined && parts !== undefined) {
    const part = parts.level === 'village' ? parts.village : parts.township;
    working.push(
      step(
        `名称无可识别后缀；代码第${parts.level === 'village' ? '10–12' : '7–9'}位“${part}”默认对应${DIVISION_KIND_NAMES[codeKind].zh}`,
        `No known name suffix; code part "${part}" defaults to ${DIVISION_KIND_NAMES[codeKind].en}`,
      ),
    );
    return { ...base, kind: codeKind, level: levelOfKind(codeKind), source: 'code', codeKind, conflict: false, working };
  }
  working.push(step('名称与代码均无法判断类型', 'Neither the name nor the code tells the kind'));
  return { ...base, source: 'none', conflict: false, working };
}

// ---------------------------------------------------------------------------------------------
// 15-digit grid code

export type GridCodeErrorCode =
  | 'grid_code.format'
  | 'grid_code.no_township'
  | 'grid_code.no_community'
  | 'grid_code.invalid_seq'
  | RegionCodeErrorCode;

export interface GridCodeParts {
  readonly code: string;
  /** Positions 1–6: county-level code (GB/T 2260). */
  readonly countyCode: string;
  /** Positions 7–9. */
  readonly township: string;
  /** Positions 10–12. */
  readonly community: string;
  /** Positions 13–15 as a number (1–999). */
  readonly seq: number;
  /** Positions 1–12: the community/village's statistical division code. */
  readonly divisionCode: string;
}

export interface GridCodeInput {
  readonly countyCode: string;
  readonly township: string;
  readonly community: string;
  readonly seq: number;
}

function gridErrors(countyCode: string, township: string, community: string, seq: number, provinces: ProvinceTable): RuleError<GridCodeErrorCode>[] {
  const errors: RuleError<GridCodeErrorCode>[] = [];
  errors.push(...checkRegionCode6(countyCode, provinces, [], { zh: '第1–6位县级代码', en: 'county part (positions 1–6)' }));
  if (!/^\d{3}$/.test(township) || township === '000') {
    errors.push(
      ruleError('grid_code.no_township', `第7–9位街道（乡镇）代码应为001–999，实际为“${township}”`, `Township part (positions 7–9) must be 001–999, got "${township}"`, {
        value: township,
      }),
    );
  }
  if (!/^\d{3}$/.test(community) || community === '000') {
    errors.push(
      ruleError(
        'grid_code.no_community',
        `第10–12位社区（村）代码应为001–999，实际为“${community}”：网格必须属于社区或行政村`,
        `Community part (positions 10–12) must be 001–999, got "${community}": a grid must belong to a community or village`,
        { value: community },
      ),
    );
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > 999) {
    errors.push(
      ruleError('grid_code.invalid_seq', `第13–15位网格顺序码应为1–999，实际为 ${String(seq)}`, `Grid sequence (positions 13–15) must be 1–999, got ${String(seq)}`, {
        value: Number.isFinite(seq) ? seq : String(seq),
      }),
    );
  }
  return errors;
}

export function parseGridCode(code: string, provinces: ProvinceTable = GB2260_PROVINCES): Outcome<GridCodeParts, GridCodeErrorCode> {
  if (!/^\d{15}$/.test(code)) {
    return fail([ruleError('grid_code.format', `网格编码应为15位数字，实际为“${code}”`, `A grid code must be 15 digits, got "${code}"`, { value: code })]);
  }
  const countyCode = code.slice(0, 6);
  const township = code.slice(6, 9);
  const community = code.slice(9, 12);
  const seq = Number(code.slice(12, 15));
  const errors = gridErrors(countyCode, township, community, seq, provinces);
  if (errors.length > 0) return fail(errors);
  return ok({ code, countyCode, township, community, seq, divisionCode: code.slice(0, 12) });
}

export function validateGridCode(code: string, provinces: ProvinceTable = GB2260_PROVINCES): { valid: boolean; errors: readonly RuleError<GridCodeErrorCode>[] } {
  const r = parseGridCode(code, provinces);
  return r.ok ? { valid: true, errors: [] } : { valid: false, errors: r.errors };
}

export function buildGridCode(parts: GridCodeInput, provinces: ProvinceTable = GB2260_PROVINCES): Outcome<string, GridCodeErrorCode> {
  const errors = gridErrors(parts.countyCode, parts.township, parts.community, parts.seq, provinces);
  if (errors.length > 0) return fail(errors);
  return ok(`${parts.countyCode}${parts.township}${parts.community}${String(parts.seq).padStart(3, '0')}`);
}

/** Grid code for the n-th grid under a 12-digit community/village division code. */
export function gridCodeUnder(divisionCode: string, seq: number, provinces: ProvinceTable = GB2260_PROVINCES): Outcome<string, GridCodeErrorCode> {
  if (!/^\d{12}$/.test(divisionCode)) {
    return fail([
      ruleError('grid_code.format', `社区（村）区划代码应为12位数字，实际为“${divisionCode}”`, `The community division code must be 12 digits, got "${divisionCode}"`, {
        value: divisionCode,
      }),
    ]);
  }
  return buildGridCode({ countyCode: divisionCode.slice(0, 6), township: divisionCode.slice(6, 9), community: divisionCode.slice(9, 12), seq }, provinces);
}
