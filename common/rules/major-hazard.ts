// Major hazard sources of hazardous chemicals — GB 18218-2018 《危险化学品重大危险源辨识》, reference §5.
//
// Identification (per production or storage unit): S = Σ qᵢ/Qᵢ; the unit is a major hazard source when S ≥ 1
// (for a single chemical this is q ≥ Q).
// Grading: R = α × Σ βᵢ·qᵢ/Qᵢ → 一级 R ≥ 100, 二级 50 ≤ R < 100, 三级 10 ≤ R < 50, 四级 R < 10.
//
// Q (Table 1 named chemicals, Table 2 hazard categories) and Table 4 β are CODE-DERIVED transcriptions in the
// reference → configurable. Table 3 β, the α values and the R bands are CONFIRMED (identical in Order 40).

import { findBand, formatInterval, type Interval } from './interval.js';
import {
  clean,
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

// ---------------------------------------------------------------------------------------------
// Hazard-category symbols (Table 2 / Table 4 share them)

export const GB18218_CATEGORY_NAMES: Readonly<Record<string, LocalizedText>> = {
  J1: { zh: '急性毒性-类别1，所有暴露途径，气体', en: 'Acute toxicity cat. 1, all exposure routes, gases' },
  J2: { zh: '急性毒性-类别1，所有暴露途径，固体、液体', en: 'Acute toxicity cat. 1, all exposure routes, solids and liquids' },
  J3: { zh: '急性毒性-类别2、类别3，所有暴露途径，气体', en: 'Acute toxicity cat. 2 and 3, all exposure routes, gases' },
  J4: { zh: '急性毒性-类别2、类别3，吸入途径，液体（沸点≤35℃）', en: 'Acute toxicity cat. 2 and 3, inhalation, liquids (boiling point ≤ 35 °C)' },
  J5: { zh: '急性毒性-类别2，所有暴露途径，液体（除J4外）、固体', en: 'Acute toxicity cat. 2, all exposure routes, liquids (other than J4) and solids' },
  'W1.1': { zh: '爆炸物：不稳定爆炸物及1.1项爆炸物', en: 'Explosives: unstable explosives and division 1.1' },
  'W1.2': { zh: '爆炸物：1.2、1.3、1.5、1.6项爆炸物', en: 'Explosives: divisions 1.2, 1.3, 1.5, 1.6' },
  'W1.3': { zh: '爆炸物：1.4项爆炸物', en: 'Explosives: division 1.4' },
  W2: { zh: '易燃气体：类别1和类别2', en: 'Flammable gases cat. 1 and 2' },
  W3: { zh: '气溶胶', en: 'Aerosols' },
  W4: { zh: '氧化性气体', en: 'Oxidising gases' },
  'W5.1': {
    zh: '易燃液体：类别1；类别2和3且工作温度高于沸点',
    en: 'Flammable liquids cat. 1; cat. 2 and 3 handled above their boiling point',
  },
  'W5.2': {
    zh: '易燃液体：类别2和3，具有引发重大事故的特殊工艺条件',
    en: 'Flammable liquids cat. 2 and 3 under special process conditions that can cause a major accident',
  },
  'W5.3': { zh: '不属于W5.1或W5.2的其他类别2易燃液体', en: 'Other flammable liquids cat. 2 (not W5.1/W5.2)' },
  'W5.4': { zh: '不属于W5.1或W5.2的其他类别3易燃液体', en: 'Other flammable liquids cat. 3 (not W5.1/W5.2)' },
  'W6.1': { zh: '自反应物质和混合物：A型和B型', en: 'Self-reactive substances types A and B' },
  'W6.2': { zh: '自反应物质和混合物：C型、D型、E型', en: 'Self-reactive substances types C, D, E' },
  'W7.1': { zh: '有机过氧化物：A型和B型', en: 'Organic peroxides types A and B' },
  'W7.2': { zh: '有机过氧化物：C型、D型、E型、F型', en: 'Organic peroxides types C to F' },
  W8: { zh: '自燃液体和自燃固体', en: 'Pyrophoric liquids and solids' },
  'W9.1': { zh: '氧化性固体和液体：类别1', en: 'Oxidising solids and liquids cat. 1' },
  'W9.2': { zh: '氧化性固体和液体：类别2、类别3', en: 'Oxidising solids and liquids cat. 2 and 3' },
  W10: { zh: '易燃固体', en: 'Flammable solids' },
  W11: { zh: '遇水放出易燃气体的物质和混合物', en: 'Substances which, in contact with water, emit flammable gases' },
};

function categoryName(symbol: string): LocalizedText {
  return GB18218_CATEGORY_NAMES[symbol] ?? { zh: symbol, en: symbol };
}

// ---------------------------------------------------------------------------------------------
// Table 1 — named chemicals with critical quantity Q (tonnes)

export interface NamedChemicalRow {
  readonly id: string;
  readonly name: LocalizedText;
  readonly cas: readonly string[];
  /** Critical quantity Q in tonnes. */
  readonly criticalQuantityT: number;
  /** Set when the chemical is one of the Table-3 toxic gases (β comes from Table 3). */
  readonly toxicGasId?: string;
  /**
   * Default hazard-category symbol for β from Table 4. Absent when the category depends on the SDS or on
   * process conditions (e.g. gasoline category 1 vs 2; flammable liquids W5.1/W5.2/W5.3) — then the
   * caller must supply it.
   */
  readonly hazardCategory?: string;
  readonly note?: LocalizedText;
}

export interface NamedChemicalTable extends ReferenceTableMeta {
  readonly rows: readonly NamedChemicalRow[];
}

export const GB18218_TABLE1: NamedChemicalTable = {
  id: 'gb18218.table1.named-chemicals',
  version: '2018-ref-5.3',
  source: 'GB 18218-2018 Table 1, rows transcribed in reference §5.3 (each Q agrees in ≥ 2 independent transcriptions)',
  confidence: 'code-derived',
  confidenceNote: {
    zh: '仅收录参考资料 §5.3 给出的行；Q 值来自第三方转录，需与标准原文核对。默认危险性类别：液化石油气 W2 来自参考资料；甲烷/天然气、氢、乙炔、乙烯 W2，氧 W4，乙醚 W5.1，电石 W11 为按 GHS 分类的推定，应以 SDS 为准。可增补行。',
    en: 'Only the rows given in reference §5.3; Q values are third-party transcriptions to verify against the standard. Default categories: LPG → W2 is from the reference; methane/natural gas, hydrogen, acetylene, ethylene → W2, oxygen → W4, diethyl ether → W5.1, calcium carbide → W11 are our GHS-based assumptions to confirm with the SDS. Rows may be added.',
  },
  configurable: true,
  rows: [
    { id: 'lpg', name: { zh: '液化石油气', en: 'Liquefied petroleum gas' }, cas: ['68476-85-7'], criticalQuantityT: 50, hazardCategory: 'W2' },
    { id: 'chlorine', name: { zh: '氯', en: 'Chlorine' }, cas: ['7782-50-5'], criticalQuantityT: 5, toxicGasId: 'chlorine' },
    { id: 'ammonia', name: { zh: '氨', en: 'Ammonia' }, cas: ['7664-41-7'], criticalQuantityT: 10, toxicGasId: 'ammonia' },
    {
      id: 'gasoline',
      name: { zh: '汽油（含乙醇汽油、甲醇汽油）', en: 'Gasoline (incl. ethanol and methanol gasoline)' },
      cas: ['86290-81-5'],
      criticalQuantityT: 200,
      note: { zh: 'β 需按 SDS 确定易燃液体类别（W5.x）', en: 'β needs the flammable-liquid category (W5.x) from the SDS' },
    },
    {
      id: 'methane',
      name: { zh: '甲烷、天然气', en: 'Methane, natural gas' },
      cas: ['74-82-8', '8006-14-2'],
      criticalQuantityT: 50,
      hazardCategory: 'W2',
    },
    { id: 'hydrogen', name: { zh: '氢', en: 'Hydrogen' }, cas: ['1333-74-0'], criticalQuantityT: 5, hazardCategory: 'W2' },
    { id: 'acetylene', name: { zh: '乙炔', en: 'Acetylene' }, cas: ['74-86-2'], criticalQuantityT: 1, hazardCategory: 'W2' },
    { id: 'ethylene', name: { zh: '乙烯', en: 'Ethylene' }, cas: ['74-85-1'], criticalQuantityT: 50, hazardCategory: 'W2' },
    { id: 'hydrogen-sulfide', name: { zh: '硫化氢', en: 'Hydrogen sulfide' }, cas: ['7783-06-4'], criticalQuantityT: 5, toxicGasId: 'hydrogen-sulfide' },
    { id: 'sulfur-dioxide', name: { zh: '二氧化硫', en: 'Sulfur dioxide' }, cas: ['7446-09-5'], criticalQuantityT: 20, toxicGasId: 'sulfur-dioxide' },
    {
      id: 'hydrogen-chloride',
      name: { zh: '氯化氢（无水）', en: 'Hydrogen chloride (anhydrous)' },
      cas: ['7647-01-0'],
      criticalQuantityT: 20,
      toxicGasId: 'hydrogen-chloride',
    },
    { id: 'oxygen', name: { zh: '氧（压缩的或液化的）', en: 'Oxygen (compressed or liquefied)' }, cas: ['7782-44-7'], criticalQuantityT: 200, hazardCategory: 'W4' },
    { id: 'methanol', name: { zh: '甲醇', en: 'Methanol' }, cas: ['67-56-1'], criticalQuantityT: 500 },
    { id: 'ethanol', name: { zh: '乙醇', en: 'Ethanol' }, cas: ['64-17-5'], criticalQuantityT: 500 },
    { id: 'benzene', name: { zh: '苯', en: 'Benzene' }, cas: ['71-43-2'], criticalQuantityT: 50 },
    { id: 'toluene', name: { zh: '甲苯', en: 'Toluene' }, cas: ['108-88-3'], criticalQuantityT: 500 },
    { id: 'acetone', name: { zh: '丙酮', en: 'Acetone' }, cas: ['67-64-1'], criticalQuantityT: 500 },
    { id: 'ethyl-acetate', name: { zh: '乙酸乙酯', en: 'Ethyl acetate' }, cas: ['141-78-6'], criticalQuantityT: 500 },
    { id: 'n-hexane', name: { zh: '正己烷', en: 'n-Hexane' }, cas: ['110-54-3'], criticalQuantityT: 500 },
    { id: 'diethyl-ether', name: { zh: '乙醚', en: 'Diethyl ether' }, cas: ['60-29-7'], criticalQuantityT: 10, hazardCategory: 'W5.1' },
    { id: 'ethylene-oxide', name: { zh: '环氧乙烷', en: 'Ethylene oxide' }, cas: ['75-21-8'], criticalQuantityT: 10, toxicGasId: 'ethylene-oxide' },
    { id: 'phosgene', name: { zh: '碳酰氯（光气）', en: 'Carbonyl chloride (phosgene)' }, cas: ['75-44-5'], criticalQuantityT: 0.3, toxicGasId: 'phosgene' },
    { id: 'hydrogen-cyanide', name: { zh: '氰化氢', en: 'Hydrogen cyanide' }, cas: ['74-90-8'], criticalQuantityT: 1, toxicGasId: 'hydrogen-cyanide' },
    {
      id: 'ammonium-nitrate-combustible-gt-0.2',
      name: { zh: '硝酸铵（含可燃物>0.2%）', en: 'Ammonium nitrate (combustible content > 0.2 %)' },
      cas: ['6484-52-2'],
      criticalQuantityT: 5,
    },
    {
      id: 'ammonium-nitrate-combustible-le-0.2',
      name: { zh: '硝酸铵（含可燃物≤0.2%）', en: 'Ammonium nitrate (combustible content ≤ 0.2 %)' },
      cas: ['6484-52-2'],
      criticalQuantityT: 50,
    },
    {
      id: 'ammonium-nitrate-fertiliser',
      name: { zh: '硝酸铵基化肥（含可燃物≤0.4%）', en: 'Ammonium nitrate fertiliser (combustible content ≤ 0.4 %)' },
      cas: [],
      criticalQuantityT: 200,
    },
    { id: 'calcium-carbide', name: { zh: '电石（碳化钙）', en: 'Calcium carbide' }, cas: ['75-20-7'], criticalQuantityT: 100, hazardCategory: 'W11' },
  ],
};

// ---------------------------------------------------------------------------------------------
// Table 2 — critical quantity Q by hazard category (chemicals not named in Table 1)

export interface CategoryQuantityRow {
  readonly symbol: string;
  readonly criticalQuantityT: number;
  readonly note?: LocalizedText;
}

export interface CategoryQuantityTable extends ReferenceTableMeta {
  readonly rows: readonly CategoryQuantityRow[];
}

export const GB18218_TABLE2: CategoryQuantityTable = {
  id: 'gb18218.table2.category-q',
  version: '2018-ref-5.3',
  source: 'GB 18218-2018 Table 2 as transcribed in reference §5.3 (partly confirmed on siyuancloud.com)',
  confidence: 'code-derived',
  confidenceNote: {
    zh: '第三方转录，部分经二手资料印证；需与标准原文核对。',
    en: 'Third-party transcription, partly confirmed in secondary material; verify against the standard.',
  },
  configurable: true,
  rows: [
    { symbol: 'J1', criticalQuantityT: 5 },
    { symbol: 'J2', criticalQuantityT: 50 },
    { symbol: 'J3', criticalQuantityT: 50 },
    { symbol: 'J4', criticalQuantityT: 50 },
    { symbol: 'J5', criticalQuantityT: 500 },
    { symbol: 'W1.1', criticalQuantityT: 1 },
    { symbol: 'W1.2', criticalQuantityT: 10 },
    { symbol: 'W1.3', criticalQuantityT: 50 },
    { symbol: 'W2', criticalQuantityT: 10 },
    { symbol: 'W3', criticalQuantityT: 150, note: { zh: '按净重计', en: 'net weight' } },
    { symbol: 'W4', criticalQuantityT: 50 },
    { symbol: 'W5.1', criticalQuantityT: 10 },
    { symbol: 'W5.2', criticalQuantityT: 50 },
    { symbol: 'W5.3', criticalQuantityT: 1000 },
    { symbol: 'W5.4', criticalQuantityT: 5000 },
    { symbol: 'W6.1', criticalQuantityT: 10 },
    { symbol: 'W6.2', criticalQuantityT: 50 },
    { symbol: 'W7.1', criticalQuantityT: 10 },
    { symbol: 'W7.2', criticalQuantityT: 50 },
    { symbol: 'W8', criticalQuantityT: 50 },
    { symbol: 'W9.1', criticalQuantityT: 50 },
    { symbol: 'W9.2', criticalQuantityT: 200 },
    { symbol: 'W10', criticalQuantityT: 200 },
    { symbol: 'W11', criticalQuantityT: 200 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Table 3 — β for named toxic gases

export interface ToxicGasBetaRow {
  readonly id: string;
  readonly name: LocalizedText;
  readonly beta: number;
}

export interface ToxicGasBetaTable extends ReferenceTableMeta {
  readonly rows: readonly ToxicGasBetaRow[];
}

export const GB18218_TABLE3: ToxicGasBetaTable = {
  id: 'gb18218.table3.toxic-gas-beta',
  version: '2018',
  source: 'GB 18218-2018 Table 3; identical in Order 40 (2011) attachment table 2; reference §5.2',
  confidence: 'confirmed',
  confidenceNote: { zh: '与原安监总局令第40号附件一致。', en: 'Identical to the Order 40 attachment.' },
  configurable: false,
  rows: [
    { id: 'carbon-monoxide', name: { zh: '一氧化碳', en: 'Carbon monoxide' }, beta: 2 },
    { id: 'sulfur-dioxide', name: { zh: '二氧化硫', en: 'Sulfur dioxide' }, beta: 2 },
    { id: 'ammonia', name: { zh: '氨', en: 'Ammonia' }, beta: 2 },
    { id: 'ethylene-oxide', name: { zh: '环氧乙烷', en: 'Ethylene oxide' }, beta: 2 },
    { id: 'hydrogen-chloride', name: { zh: '氯化氢', en: 'Hydrogen chloride' }, beta: 3 },
    { id: 'methyl-bromide', name: { zh: '溴甲烷', en: 'Methyl bromide' }, beta: 3 },
    { id: 'chlorine', name: { zh: '氯', en: 'Chlorine' }, beta: 4 },
    { id: 'hydrogen-sulfide', name: { zh: '硫化氢', en: 'Hydrogen sulfide' }, beta: 5 },
    { id: 'hydrogen-fluoride', name: { zh: '氟化氢', en: 'Hydrogen fluoride' }, beta: 5 },
    { id: 'nitrogen-dioxide', name: { zh: '二氧化氮', en: 'Nitrogen dioxide' }, beta: 10 },
    { id: 'hydrogen-cyanide', name: { zh: '氰化氢', en: 'Hydrogen cyanide' }, beta: 10 },
    { id: 'phosgene', name: { zh: '碳酰氯（光气）', en: 'Carbonyl chloride (phosgene)' }, beta: 20 },
    { id: 'phosphine', name: { zh: '磷化氢', en: 'Phosphine' }, beta: 20 },
    { id: 'methyl-isocyanate', name: { zh: '异氰酸甲酯', en: 'Methyl isocyanate' }, beta: 20 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Table 4 — β by hazard category (everything not in Table 3)

export interface CategoryBetaRow {
  readonly symbol: string;
  readonly beta: number;
}

export interface CategoryBetaTable extends ReferenceTableMeta {
  readonly rows: readonly CategoryBetaRow[];
}

export const GB18218_TABLE4: CategoryBetaTable = {
  id: 'gb18218.table4.category-beta',
  version: '2018-ref-5.2',
  source: 'GB 18218-2018 Table 4 as transcribed in reference §5.2 (PDF-extracted seed + second transcription)',
  confidence: 'code-derived',
  confidenceNote: {
    zh: '第三方转录；J2 有一份转录为 2，PDF 提取数据及另一份转录为 1，采用 1，需与标准原文核对。',
    en: 'Third-party transcription; one source gives J2 = 2, the PDF-extracted seed and another give 1 — we use 1; verify against the standard.',
  },
  configurable: true,
  rows: [
    { symbol: 'J1', beta: 4 },
    { symbol: 'J2', beta: 1 },
    { symbol: 'J3', beta: 2 },
    { symbol: 'J4', beta: 2 },
    { symbol: 'J5', beta: 1 },
    { symbol: 'W1.1', beta: 2 },
    { symbol: 'W1.2', beta: 2 },
    { symbol: 'W1.3', beta: 2 },
    { symbol: 'W2', beta: 1.5 },
    { symbol: 'W3', beta: 1 },
    { symbol: 'W4', beta: 1 },
    { symbol: 'W5.1', beta: 1.5 },
    { symbol: 'W5.2', beta: 1 },
    { symbol: 'W5.3', beta: 1 },
    { symbol: 'W5.4', beta: 1 },
    { symbol: 'W6.1', beta: 1.5 },
    { symbol: 'W6.2', beta: 1 },
    { symbol: 'W7.1', beta: 1.5 },
    { symbol: 'W7.2', beta: 1 },
    { symbol: 'W8', beta: 1 },
    { symbol: 'W9.1', beta: 1 },
    { symbol: 'W9.2', beta: 1 },
    { symbol: 'W10', beta: 1 },
    { symbol: 'W11', beta: 1 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Table 5 — α by the number of people within 500 m of the plant boundary

export interface AlphaRow {
  /** People count interval (integers). */
  readonly interval: Interval;
  readonly alpha: number;
}

export interface AlphaTable extends ReferenceTableMeta {
  readonly rows: readonly AlphaRow[];
}

export const GB18218_TABLE5_ALPHA: AlphaTable = {
  id: 'gb18218.table5.alpha',
  version: '2018',
  source: 'GB 18218-2018 Table 5 (values identical to Order 40 attachment, 500 m wording confirmed there); reference §5.2',
  confidence: 'confirmed',
  confidenceNote: {
    zh: '数值与第40号令附件一致；2018 版“500 米”表述未读到原文，故可配置。',
    en: 'Values identical to Order 40; the 2018 wording of the 500 m rule was not read, hence configurable.',
  },
  configurable: true,
  rows: [
    { interval: { min: 100, minInclusive: true, max: null, maxInclusive: false }, alpha: 2.0 },
    { interval: { min: 50, minInclusive: true, max: 100, maxInclusive: false }, alpha: 1.5 },
    { interval: { min: 30, minInclusive: true, max: 50, maxInclusive: false }, alpha: 1.2 },
    { interval: { min: 1, minInclusive: true, max: 30, maxInclusive: false }, alpha: 1.0 },
    { interval: { min: 0, minInclusive: true, max: 1, maxInclusive: false }, alpha: 0.5 },
  ],
};

// ---------------------------------------------------------------------------------------------
// R → level

export type MajorHazardLevel = 1 | 2 | 3 | 4;

export interface MajorHazardLevelBand {
  readonly interval: Interval;
  readonly level: MajorHazardLevel;
  readonly name: LocalizedText;
}

export interface MajorHazardLevelTable extends ReferenceTableMeta {
  readonly bands: readonly MajorHazardLevelBand[];
}

export const GB18218_LEVELS: MajorHazardLevelTable = {
  id: 'gb18218.levels',
  version: '2018',
  source: 'Order 40 (2011) grading table, identical in the GB 18218-2018 seed; reference §5.2',
  confidence: 'confirmed',
  confidenceNote: { zh: '第40号令原文与2018版数据一致。', en: 'Order 40 text and the 2018 data agree.' },
  configurable: false,
  bands: [
    { interval: { min: 100, minInclusive: true, max: null, maxInclusive: false }, level: 1, name: { zh: '一级重大危险源', en: 'level 1 major hazard source' } },
    { interval: { min: 50, minInclusive: true, max: 100, maxInclusive: false }, level: 2, name: { zh: '二级重大危险源', en: 'level 2 major hazard source' } },
    { interval: { min: 10, minInclusive: true, max: 50, maxInclusive: false }, level: 3, name: { zh: '三级重大危险源', en: 'level 3 major hazard source' } },
    { interval: { min: 0, minInclusive: true, max: 10, maxInclusive: false }, level: 4, name: { zh: '四级重大危险源', en: 'level 4 major hazard source' } },
  ],
};

export interface Gb18218Tables {
  readonly named: NamedChemicalTable;
  readonly categoryQ: CategoryQuantityTable;
  readonly toxicGasBeta: ToxicGasBetaTable;
  readonly categoryBeta: CategoryBetaTable;
  readonly alpha: AlphaTable;
  readonly levels: MajorHazardLevelTable;
}

export const GB18218_2018: Gb18218Tables = {
  named: GB18218_TABLE1,
  categoryQ: GB18218_TABLE2,
  toxicGasBeta: GB18218_TABLE3,
  categoryBeta: GB18218_TABLE4,
  alpha: GB18218_TABLE5_ALPHA,
  levels: GB18218_LEVELS,
};

// ---------------------------------------------------------------------------------------------
// Computation

export interface HazardItemInput {
  /** Row id in Table 1 (named chemicals). */
  readonly chemicalId?: string;
  /**
   * Hazard-category symbol (e.g. 'W5.3'). Required when chemicalId is absent (Q then comes from Table 2);
   * for a named chemical it supplies or overrides the category used for β (Table 4).
   */
  readonly category?: string;
  /** Table-3 toxic gas id for an unnamed item that is one of the Table-3 gases (β from Table 3). */
  readonly toxicGasId?: string;
  /** Free text shown in the working (e.g. the tank number). */
  readonly label?: string;
  /** Actual quantity q in tonnes: the design maximum quantity in the unit. */
  readonly quantityT: number;
}

export interface MajorHazardInput {
  readonly items: readonly HazardItemInput[];
  /** People within 500 m of the plant boundary. */
  readonly exposedPeople: number;
}

export interface HazardItemResult {
  readonly index: number;
  readonly name: LocalizedText;
  readonly chemicalId?: string;
  readonly category?: string;
  readonly q: number;
  readonly Q: number;
  readonly QSource: 'table1' | 'table2';
  /** q / Q */
  readonly ratio: number;
  /** Present only when grading was needed (S ≥ 1). */
  readonly beta?: number;
  readonly betaSource?: 'table3' | 'table4';
  /** β · q / Q */
  readonly weighted?: number;
}

export interface MajorHazardGrading {
  readonly alpha: number;
  readonly alphaInterval: Interval;
  /** Σ β·q/Q */
  readonly weightedSum: number;
  readonly R: number;
  readonly level: MajorHazardLevel;
  readonly levelName: LocalizedText;
}

export interface MajorHazardResult {
  readonly inputs: MajorHazardInput;
  readonly tables: Readonly<Record<keyof Gb18218Tables, TableRef>>;
  readonly items: readonly HazardItemResult[];
  readonly S: number;
  readonly isMajorHazard: boolean;
  /** null when S < 1 (not a major hazard source, no grading). */
  readonly grading: MajorHazardGrading | null;
  readonly working: readonly WorkingStep[];
}

export type MajorHazardErrorCode =
  | 'major_hazard.no_items'
  | 'major_hazard.invalid_quantity'
  | 'major_hazard.invalid_people'
  | 'major_hazard.unknown_chemical'
  | 'major_hazard.unknown_category'
  | 'major_hazard.unknown_toxic_gas'
  | 'major_hazard.category_required'
  | 'major_hazard.beta_undetermined'
  | 'major_hazard.no_band';

interface ResolvedItem {
  readonly index: number;
  readonly name: LocalizedText;
  readonly chemical?: NamedChemicalRow;
  readonly category?: string;
  readonly toxicGasId?: string;
  readonly q: number;
  readonly Q: number;
  readonly QSource: 'table1' | 'table2';
}

function copyInput(input: MajorHazardInput): MajorHazardInput {
  return { items: input.items.map((i) => ({ ...i })), exposedPeople: input.exposedPeople };
}

/** α for a number of exposed people (undefined when the count is outside the table). */
export function alphaFor(people: number, table: AlphaTable = GB18218_TABLE5_ALPHA): AlphaRow | undefined {
  return findBand(people, table.rows);
}

/** Level band for a given R. */
export function majorHazardLevelFor(R: number, table: MajorHazardLevelTable = GB18218_LEVELS): MajorHazardLevelBand | undefined {
  return findBand(clean(R), table.bands);
}

function itemLabel(i: number, text: LocalizedText, label: string | undefined): LocalizedText {
  const suffix = label === undefined || label === '' ? '' : `（${label}）`;
  const suffixEn = label === undefined || label === '' ? '' : ` (${label})`;
  return { zh: `#${i + 1} ${text.zh}${suffix}`, en: `#${i + 1} ${text.en}${suffixEn}` };
}

function resolveItem(
  item: HazardItemInput,
  index: number,
  tables: Gb18218Tables,
): { item?: ResolvedItem; errors: RuleError<MajorHazardErrorCode>[] } {
  const errors: RuleError<MajorHazardErrorCode>[] = [];
  const n = index + 1;
  if (!isNonNegative(item.quantityT, false)) {
    errors.push(
      ruleError('major_hazard.invalid_quantity', `第${n}项的实际存在量 q 必须是非负数（吨），实际为 ${String(item.quantityT)}`, `Item ${n}: q must be a non-negative number of tonnes, got ${String(item.quantityT)}`, {
        index,
      }),
    );
  }
  if (item.category !== undefined && !tables.categoryQ.rows.some((r) => r.symbol === item.category) && !tables.categoryBeta.rows.some((r) => r.symbol === item.category)) {
    errors.push(
      ruleError('major_hazard.unknown_category', `第${n}项的危险性类别“${item.category}”不在表2/表4中`, `Item ${n}: hazard category "${item.category}" is not in Table 2/Table 4`, {
        index,
        category: item.category,
      }),
    );
  }
  if (item.toxicGasId !== undefined && !tables.toxicGasBeta.rows.some((r) => r.id === item.toxicGasId)) {
    errors.push(
      ruleError('major_hazard.unknown_toxic_gas', `第${n}项的毒性气体“${item.toxicGasId}”不在表3中`, `Item ${n}: toxic gas "${item.toxicGasId}" is not in Table 3`, {
        index,
        toxicGasId: item.toxicGasId,
      }),
    );
  }
  if (item.chemicalId !== undefined) {
    const chemical = tables.named.rows.find((r) => r.id === item.chemicalId);
    if (chemical === undefined) {
      errors.push(
        ruleError('major_hazard.unknown_chemical', `第${n}项的危险化学品“${item.chemicalId}”不在表1中`, `Item ${n}: chemical "${item.chemicalId}" is not in Table 1`, {
          index,
          chemicalId: item.chemicalId,
        }),
      );
      return { errors };
    }
    if (errors.length > 0) return { errors };
    const category = item.category ?? chemical.hazardCategory;
    const toxicGasId = chemical.toxicGasId ?? item.toxicGasId;
    return {
      errors,
      item: {
        index,
        name: itemLabel(index, chemical.name, item.label),
        chemical,
        ...(category === undefined ? {} : { category }),
        ...(toxicGasId === undefined ? {} : { toxicGasId }),
        q: item.quantityT,
        Q: chemical.criticalQuantityT,
        QSource: 'table1',
      },
    };
  }
  if (item.category === undefined) {
    errors.push(
      ruleError(
        'major_hazard.category_required',
        `第${n}项既未选择表1中的危险化学品，也未给出危险性类别（表2）`,
        `Item ${n}: give either a Table-1 chemical or a hazard category (Table 2)`,
        { index },
      ),
    );
    return { errors };
  }
  const row = tables.categoryQ.rows.find((r) => r.symbol === item.category);
  if (row === undefined) {
    if (!errors.some((e) => e.code === 'major_hazard.unknown_category')) {
      errors.push(
        ruleError('major_hazard.unknown_category', `第${n}项的危险性类别“${item.category}”不在表2中`, `Item ${n}: hazard category "${item.category}" is not in Table 2`, {
          index,
          category: item.category,
        }),
      );
    }
    return { errors };
  }
  if (errors.length > 0) return { errors };
  return {
    errors,
    item: {
      index,
      name: itemLabel(index, { zh: `${row.symbol} ${categoryName(row.symbol).zh}`, en: `${row.symbol} ${categoryName(row.symbol).en}` }, item.label),
      category: row.symbol,
      ...(item.toxicGasId === undefined ? {} : { toxicGasId: item.toxicGasId }),
      q: item.quantityT,
      Q: row.criticalQuantityT,
      QSource: 'table2',
    },
  };
}

function resolveBeta(
  item: ResolvedItem,
  tables: Gb18218Tables,
): { beta: number; source: 'table3' | 'table4'; text: LocalizedText } | undefined {
  if (item.toxicGasId !== undefined) {
    const gas = tables.toxicGasBeta.rows.find((r) => r.id === item.toxicGasId);
    if (gas !== undefined) {
      return {
        beta: gas.beta,
        source: 'table3',
        text: { zh: `表3 毒性气体 ${gas.name.zh}`, en: `Table 3 toxic gas ${gas.name.en}` },
      };
    }
  }
  if (item.category !== undefined) {
    const symbol = item.category;
    const row = tables.categoryBeta.rows.find((r) => r.symbol === symbol);
    if (row !== undefined) {
      const name = categoryName(symbol);
      return { beta: row.beta, source: 'table4', text: { zh: `表4 ${symbol} ${name.zh}`, en: `Table 4 ${symbol} ${name.en}` } };
    }
  }
  return undefined;
}

/**
 * Identifies (S = Σ q/Q ≥ 1) and, when it is one, grades (R = α Σ β q/Q) a major hazard source for one
 * production or storage unit.
 */
export function identifyMajorHazard(
  input: MajorHazardInput,
  tables: Gb18218Tables = GB18218_2018,
): Outcome<MajorHazardResult, MajorHazardErrorCode> {
  const errors: RuleError<MajorHazardErrorCode>[] = [];
  if (input.items.length === 0) {
    errors.push(ruleError('major_hazard.no_items', '至少需要一种危险化学品', 'At least one hazardous chemical is required'));
  }
  if (!isNonNegative(input.exposedPeople, true)) {
    errors.push(
      ruleError(
        'major_hazard.invalid_people',
        `500米范围内暴露人员数必须是非负整数，实际为 ${String(input.exposedPeople)}`,
        `People within 500 m must be a non-negative integer, got ${String(input.exposedPeople)}`,
      ),
    );
  }
  const resolved: ResolvedItem[] = [];
  input.items.forEach((item, i) => {
    const r = resolveItem(item, i, tables);
    errors.push(...r.errors);
    if (r.item !== undefined) resolved.push(r.item);
  });
  if (errors.length > 0) return fail(errors);

  const working: WorkingStep[] = [];
  const ratios = resolved.map((it) => clean(it.q / it.Q));
  resolved.forEach((it, i) => {
    const src = it.QSource === 'table1' ? { zh: '表1', en: 'Table 1' } : { zh: `表2 ${it.category ?? ''}`, en: `Table 2 ${it.category ?? ''}` };
    working.push(
      step(
        `${it.name.zh}：q = ${fmt(it.q)} t，Q = ${fmt(it.Q)} t（${src.zh}）→ q/Q = ${fmt(ratios[i] ?? 0)}`,
        `${it.name.en}: q = ${fmt(it.q)} t, Q = ${fmt(it.Q)} t (${src.en}) → q/Q = ${fmt(ratios[i] ?? 0)}`,
      ),
    );
  });
  const S = clean(ratios.reduce((a, b) => a + b, 0));
  const isMajorHazard = S >= 1;
  const sumText = ratios.map(fmt).join(' + ');
  working.push(
    isMajorHazard
      ? step(`S = Σ q/Q = ${sumText} = ${fmt(S)} ≥ 1 → 构成危险化学品重大危险源`, `S = Σ q/Q = ${sumText} = ${fmt(S)} ≥ 1 → a major hazard source`)
      : step(`S = Σ q/Q = ${sumText} = ${fmt(S)} < 1 → 不构成重大危险源，无需分级`, `S = Σ q/Q = ${sumText} = ${fmt(S)} < 1 → not a major hazard source; no grading`),
  );
  const refs = {
    named: tableRef(tables.named),
    categoryQ: tableRef(tables.categoryQ),
    toxicGasBeta: tableRef(tables.toxicGasBeta),
    categoryBeta: tableRef(tables.categoryBeta),
    alpha: tableRef(tables.alpha),
    levels: tableRef(tables.levels),
  };
  const rulesStep = step(
    `依据：${Object.values(refs)
      .map((r) => `${r.id} v${r.version}`)
      .join('；')}`,
    `Rule sets: ${Object.values(refs)
      .map((r) => `${r.id} v${r.version}`)
      .join('; ')}`,
  );
  const baseItems: HazardItemResult[] = resolved.map((it, i) => ({
    index: it.index,
    name: it.name,
    ...(it.chemical === undefined ? {} : { chemicalId: it.chemical.id }),
    ...(it.category === undefined ? {} : { category: it.category }),
    q: it.q,
    Q: it.Q,
    QSource: it.QSource,
    ratio: ratios[i] ?? 0,
  }));
  if (!isMajorHazard) {
    working.push(rulesStep);
    return ok({ inputs: copyInput(input), tables: refs, items: baseItems, S, isMajorHazard, grading: null, working });
  }

  // Grading.
  const betas = resolved.map((it) => resolveBeta(it, tables));
  const betaErrors: RuleError<MajorHazardErrorCode>[] = [];
  betas.forEach((b, i) => {
    const it = resolved[i];
    if (b === undefined && it !== undefined) {
      betaErrors.push(
        ruleError(
          'major_hazard.beta_undetermined',
          `${it.name.zh}：无法确定校正系数 β，请按 SDS 选择危险性类别（表4，如 W5.1/W5.2/W5.3）`,
          `${it.name.en}: β cannot be determined; choose the hazard category from the SDS (Table 4, e.g. W5.1/W5.2/W5.3)`,
          { index: it.index },
        ),
      );
    }
  });
  const alphaRow = alphaFor(input.exposedPeople, tables.alpha);
  if (alphaRow === undefined) {
    betaErrors.push(
      ruleError('major_hazard.no_band', `暴露人员 ${input.exposedPeople} 人不在 α 表的任何区间内`, `${input.exposedPeople} people fall in no α row`),
    );
  }
  if (betaErrors.length > 0 || alphaRow === undefined) return fail(betaErrors);

  const items: HazardItemResult[] = baseItems.map((it, i) => {
    const b = betas[i];
    if (b === undefined) return it;
    return { ...it, beta: b.beta, betaSource: b.source, weighted: clean(b.beta * it.ratio) };
  });
  items.forEach((it, i) => {
    const b = betas[i];
    if (b !== undefined) working.push(step(`${it.name.zh}：β = ${fmt(b.beta)}（${b.text.zh}）`, `${it.name.en}: β = ${fmt(b.beta)} (${b.text.en})`));
  });
  working.push(
    step(
      `500米范围内暴露人员 ${input.exposedPeople} 人，落在 ${formatInterval(alphaRow.interval)} → α = ${fmt(alphaRow.alpha)}`,
      `${input.exposedPeople} people within 500 m, in ${formatInterval(alphaRow.interval)} → α = ${fmt(alphaRow.alpha)}`,
    ),
  );
  const weightedSum = clean(items.reduce((a, it) => a + (it.weighted ?? 0), 0));
  const R = clean(alphaRow.alpha * weightedSum);
  const terms = items.map((it) => `${fmt(it.beta ?? 0)} × ${fmt(it.ratio)}`).join(' + ');
  const formula = `R = α × Σ(β·q/Q) = ${fmt(alphaRow.alpha)} × (${terms}) = ${fmt(alphaRow.alpha)} × ${fmt(weightedSum)} = ${fmt(R)}`;
  working.push(step(formula, formula));
  const band = majorHazardLevelFor(R, tables.levels);
  if (band === undefined) {
    return fail([ruleError('major_hazard.no_band', `R = ${fmt(R)} 不在分级表的任何区间内`, `R = ${fmt(R)} falls in no level band`, { R })]);
  }
  working.push(
    step(`R = ${fmt(R)} 落在 ${formatInterval(band.interval)} → ${band.name.zh}`, `R = ${fmt(R)} is in ${formatInterval(band.interval)} → ${band.name.en}`),
    rulesStep,
  );
  return ok({
    inputs: copyInput(input),
    tables: refs,
    items,
    S,
    isMajorHazard,
    grading: {
      alpha: alphaRow.alpha,
      alphaInterval: alphaRow.interval,
      weightedSum,
      R,
      level: band.level,
      levelName: band.name,
    },
    working,
  });
}
