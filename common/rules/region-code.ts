// GB/T 2260 six-digit administrative division codes — structural checks only (reference §11.1):
// 6 digits, a known province prefix, prefix consistency. The ranges of positions 3–6 are never
// validated because their meaning changed between editions and codes are retired over time.

import { ruleError, type LocalizedText, type ReferenceTableMeta, type RuleError } from './rule-types.js';

export interface ProvinceRow {
  /** Two-digit province-level code (positions 1–2). */
  readonly code: string;
  readonly name: LocalizedText;
}

export interface ProvinceTable extends ReferenceTableMeta {
  readonly rows: readonly ProvinceRow[];
}

export const GB2260_PROVINCES: ProvinceTable = {
  id: 'gb2260.provinces',
  version: '2017-amendment-1',
  source: 'GB/T 2260-2007 + amendment No. 1 (province-level codes); reference §11.1',
  confidence: 'confirmed',
  confidenceNote: {
    zh: '省级代码为国家标准公开代码，仅用于结构校验（前两位）。',
    en: 'Province-level codes of GB/T 2260; used only for the structural check of positions 1–2.',
  },
  configurable: false,
  rows: [
    { code: '11', name: { zh: '北京市', en: 'Beijing' } },
    { code: '12', name: { zh: '天津市', en: 'Tianjin' } },
    { code: '13', name: { zh: '河北省', en: 'Hebei' } },
    { code: '14', name: { zh: '山西省', en: 'Shanxi' } },
    { code: '15', name: { zh: '内蒙古自治区', en: 'Inner Mongolia' } },
    { code: '21', name: { zh: '辽宁省', en: 'Liaoning' } },
    { code: '22', name: { zh: '吉林省', en: 'Jilin' } },
    { code: '23', name: { zh: '黑龙江省', en: 'Heilongjiang' } },
    { code: '31', name: { zh: '上海市', en: 'Shanghai' } },
    { code: '32', name: { zh: '江苏省', en: 'Jiangsu' } },
    { code: '33', name: { zh: '浙江省', en: 'Zhejiang' } },
    { code: '34', name: { zh: '安徽省', en: 'Anhui' } },
    { code: '35', name: { zh: '福建省', en: 'Fujian' } },
    { code: '36', name: { zh: '江西省', en: 'Jiangxi' } },
    { code: '37', name: { zh: '山东省', en: 'Shandong' } },
    { code: '41', name: { zh: '河南省', en: 'Henan' } },
    { code: '42', name: { zh: '湖北省', en: 'Hubei' } },
    { code: '43', name: { zh: '湖南省', en: 'Hunan' } },
    { code: '44', name: { zh: '广东省', en: 'Guangdong' } },
    { code: '45', name: { zh: '广西壮族自治区', en: 'Guangxi' } },
    { code: '46', name: { zh: '海南省', en: 'Hainan' } },
    { code: '50', name: { zh: '重庆市', en: 'Chongqing' } },
    { code: '51', name: { zh: '四川省', en: 'Sichuan' } },
    { code: '52', name: { zh: '贵州省', en: 'Guizhou' } },
    { code: '53', name: { zh: '云南省', en: 'Yunnan' } },
    { code: '54', name: { zh: '西藏自治区', en: 'Tibet' } },
    { code: '61', name: { zh: '陕西省', en: 'Shaanxi' } },
    { code: '62', name: { zh: '甘肃省', en: 'Gansu' } },
    { code: '63', name: { zh: '青海省', en: 'Qinghai' } },
    { code: '64', name: { zh: '宁夏回族自治区', en: 'Ningxia' } },
    { code: '65', name: { zh: '新疆维吾尔自治区', en: 'Xinjiang' } },
    { code: '71', name: { zh: '台湾省', en: 'Taiwan' } },
    { code: '81', name: { zh: '香港特别行政区', en: 'Hong Kong SAR' } },
    { code: '82', name: { zh: '澳门特别行政区', en: 'Macao SAR' } },
  ],
};

export type RegionCodeErrorCode = 'region.format' | 'region.unknown_province' | 'region.inconsistent';

export interface RegionCodeParts {
  readonly province: string;
  readonly prefecture: string;
  readonly county: string;
  /** Deepest level the code names. */
  readonly level: 'province' | 'prefecture' | 'county';
}

/**
 * Structural check of a 6-digit GB/T 2260 code.
 * `extraCodes` are whole codes accepted outside the province list (e.g. '100000' for national-level
 * registration in a USCC, '830000' for Taiwan residents' residence permits in an ID number).
 * `label` names the field in messages (e.g. 'positions 3–8').
 */
export function checkRegionCode6(
  code: string,
  table: ProvinceTable = GB2260_PROVINCES,
  extraCodes: readonly string[] = [],
  label: LocalizedText = { zh: '行政区划代码', en: 'division code' },
): RuleError<RegionCodeErrorCode>[] {
  if (!/^\d{6}$/.test(code)) {
    return [
      ruleError('region.format', `${label.zh}应为6位数字，实际为“${code}”`, `The ${label.en} must be 6 digits, got "${code}"`, { value: code }),
    ];
  }
  if (extraCodes.includes(code)) return [];
  const province = code.slice(0, 2);
  const errors: RuleError<RegionCodeErrorCode>[] = [];
  if (!table.rows.some((r) => r.code === province)) {
    errors.push(
      ruleError(
        'region.unknown_province',
        `${label.zh}前两位“${province}”不是有效的省级代码`,
        `The first two digits "${province}" of the ${label.en} are not a province-level code`,
        { value: province },
      ),
    );
  }
  if (code.slice(2, 4) === '00' && code.slice(4, 6) !== '00') {
    errors.push(
      ruleError(
        'region.inconsistent',
        `${label.zh}“${code}”：地级部分为00时县级部分也应为00`,
        `The ${label.en} "${code}" has a county part under a "00" prefecture part`,
        { value: code },
      ),
    );
  }
  return errors;
}

/** Splits a structurally valid 6-digit code; returns undefined when it is not 6 digits. */
export function splitRegionCode6(code: string): RegionCodeParts | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const province = code.slice(0, 2);
  const prefecture = code.slice(2, 4);
  const county = code.slice(4, 6);
  const level = county !== '00' ? 'county' : prefecture !== '00' ? 'prefecture' : 'province';
  return { province, prefecture, county, level };
}

export function provinceName(code: string, table: ProvinceTable = GB2260_PROVINCES): LocalizedText | undefined {
  return table.rows.find((r) => r.code === code.slice(0, 2))?.name;
}
