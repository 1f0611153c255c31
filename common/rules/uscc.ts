// Unified social credit code (统一社会信用代码), GB 32100-2015 (+ amendment No. 1, 2016).
//
// 18 characters from 0-9 A-H J-N P Q R T U W X Y (no I, O, Z, S, V):
//   1      registration-authority code (登记管理部门代码)
//   2      organisation type code (机构类别代码), per authority
//   3–8    region code of the registering authority (GB/T 2260; 100000 = national level)
//   9–17   subject identifier = 9-character organisation code (GB 11714, last char is its own check)
//   18     check character: 31 − (Σ value·weight mod 31), 31 → 0
//
// The authority/type table is not in the domain reference; it was read in secondary material quoting the
// standard (osuse.cn, ddrv.cn) → configurable.

import { checkRegionCode6, GB2260_PROVINCES, type ProvinceTable, type RegionCodeErrorCode } from './region-code.js';
import { ruleError, tableRef, type LocalizedText, type ReferenceTableMeta, type RuleError, type TableRef } from './rule-types.js';

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const USCC_LENGTH = 18;

/** GB 11714 organisation code weights for positions 1–8 of the 9-character code. */
const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

export interface UsccTypeRow {
  readonly code: string;
  readonly name: LocalizedText;
}

export interface UsccAuthorityRow {
  readonly code: string;
  readonly name: LocalizedText;
  readonly types: readonly UsccTypeRow[];
}

export interface UsccCodeTable extends ReferenceTableMeta {
  readonly authorities: readonly UsccAuthorityRow[];
  /** Whole region codes accepted besides GB/T 2260 province prefixes ('100000' = national registration). */
  readonly extraRegionCodes: readonly string[];
  /** Whether an authority/type code missing from this table is an error or only a warning. */
  readonly unknownCodeSeverity: 'error' | 'warning';
}

const t = (code: string, zh: string, en: string): UsccTypeRow => ({ code, name: { zh, en } });

export const USCC_CODES_GB32100: UsccCodeTable = {
  id: 'uscc.gb32100.authority-type',
  version: '2015+amd1-2016',
  source: 'GB 32100-2015 Table of 登记管理部门代码/机构类别代码 as quoted on osuse.cn and ddrv.cn (secondary)',
  confidence: 'secondary',
  confidenceNote: {
    zh: '登记管理部门与机构类别代码表来自二手资料转述，未读到标准原文；新增赋码部门时可在此表增补。',
    en: 'Authority/type codes from secondary material quoting the standard (not the text itself); add rows when new authorities start issuing codes.',
  },
  configurable: true,
  extraRegionCodes: ['100000'],
  unknownCodeSeverity: 'error',
  authorities: [
    {
      code: '1',
      name: { zh: '机构编制', en: 'institutional establishment' },
      types: [
        t('1', '机关', 'government organ'),
        t('2', '事业单位', 'public institution'),
        t('3', '中央编办直接管理机构编制的群众团体', 'mass organisation under the central establishment office'),
        t('9', '其他', 'other'),
      ],
    },
    {
      code: '2',
      name: { zh: '外交', en: 'foreign affairs' },
      types: [t('1', '外国常驻新闻机构', 'resident foreign news agency'), t('9', '其他', 'other')],
    },
    {
      code: '3',
      name: { zh: '司法行政', en: 'judicial administration' },
      types: [
        t('1', '律师执业机构', 'law firm'),
        t('2', '公证处', 'notary office'),
        t('3', '基层法律服务所', 'grassroots legal service office'),
        t('4', '司法鉴定机构', 'forensic appraisal institution'),
        t('5', '仲裁委员会', 'arbitration commission'),
        t('9', '其他', 'other'),
      ],
    },
    {
      code: '4',
      name: { zh: '文化', en: 'culture' },
      types: [t('1', '外国在华文化中心', 'foreign cultural centre in China'), t('9', '其他', 'other')],
    },
    {
      code: '5',
      name: { zh: '民政', en: 'civil affairs' },
      types: [
        t('1', '社会团体', 'social organisation'),
        t('2', '民办非企业单位', 'private non-enterprise unit'),
        t('3', '基金会', 'foundation'),
        t('9', '其他', 'other'),
      ],
    },
    {
      code: '6',
      name: { zh: '旅游', en: 'tourism' },
      types: [
        t('1', '外国旅游部门常驻代表机构', 'resident office of a foreign tourism authority'),
        t('2', '港澳台地区旅游部门常驻内地（大陆）代表机构', 'resident office of a Hong Kong/Macao/Taiwan tourism authority'),
        t('9', '其他', 'other'),
      ],
    },
    {
      code: '7',
      name: { zh: '宗教', en: 'religious affairs' },
      types: [t('1', '宗教活动场所', 'place of religious activity'), t('2', '宗教院校', 'religious college'), t('9', '其他', 'other')],
    },
    {
      code: '8',
      name: { zh: '工会', en: 'trade union' },
      types: [t('1', '基层工会', 'grassroots trade union'), t('9', '其他', 'other')],
    },
    {
      code: '9',
      name: { zh: '工商（市场监管）', en: 'market regulation (industry and commerce)' },
      types: [t('1', '企业', 'enterprise'), t('2', '个体工商户', 'individual business'), t('3', '农民专业合作社', 'farmers’ cooperative')],
    },
    {
      code: 'A',
      name: { zh: '中央军委改革和编制办公室', en: 'CMC reform and establishment office' },
      types: [t('1', '军队事业单位', 'military public institution'), t('9', '其他', 'other')],
    },
    {
      code: 'N',
      name: { zh: '农业', en: 'agriculture' },
      types: [
        t('1', '组级集体经济组织', 'group-level collective economic organisation'),
        t('2', '村级集体经济组织', 'village-level collective economic organisation'),
        t('3', '乡镇级集体经济组织', 'township-level collective economic organisation'),
        t('9', '其他', 'other'),
      ],
    },
    {
      code: 'Y',
      name: { zh: '其他', en: 'other' },
      types: [t('1', '其他（不再细分）', 'other (not subdivided)')],
    },
  ],
};

export type UsccErrorCode =
  | 'uscc.empty'
  | 'uscc.length'
  | 'uscc.illegal_char'
  | 'uscc.unknown_authority'
  | 'uscc.unknown_type'
  | 'uscc.check_mismatch'
  | RegionCodeErrorCode;

export type UsccWarningCode = 'uscc.org_code_check' | 'uscc.unknown_authority' | 'uscc.unknown_type' | 'uscc.normalized';

export interface UsccParts {
  readonly authority: string;
  readonly type: string;
  readonly region: string;
  readonly orgCode: string;
  readonly check: string;
  readonly authorityName?: LocalizedText;
  readonly typeName?: LocalizedText;
}

export interface UsccValidation {
  readonly valid: boolean;
  readonly input: string;
  /** Trimmed and upper-cased; positions in messages refer to this string. */
  readonly normalized: string;
  readonly errors: readonly RuleError<UsccErrorCode>[];
  readonly warnings: readonly RuleError<UsccWarningCode>[];
  /** The check character the first 17 characters call for (when they are all legal). */
  readonly expectedCheck?: string;
  /** Present when the code has 18 characters. */
  readonly parts?: UsccParts;
  readonly table: TableRef;
}

/** Check character for the first 17 characters, or undefined when one of them is not in the charset. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    const w = USCC_WEIGHTS[i];
    if (v < 0 || w === undefined) return undefined;
    sum += v * w;
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

/** GB 11714 check character of a 9-character organisation code body (first 8 chars). */
export function orgCodeCheckChar(first8: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(first8)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8.charAt(i);
    const v = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function normalizeUscc(raw: string): string {
  return raw.trim().toUpperCase();
}

export function validateUscc(
  raw: string,
  table: UsccCodeTable = USCC_CODES_GB32100,
  provinces: ProvinceTable = GB2260_PROVINCES,
): UsccValidation {
  const code = normalizeUscc(raw);
  const errors: RuleError<UsccErrorCode>[] = [];
  const warnings: RuleError<UsccWarningCode>[] = [];
  const ref = tableRef(table);
  if (code !== raw && code.length > 0) {
    warnings.push(ruleError('uscc.normalized', '已去除首尾空格并转换为大写', 'Trimmed surrounding spaces and converted to upper case', { normalized: code }));
  }
  if (code.length === 0) {
    return { valid: false, input: raw, normalized: code, errors: [ruleError('uscc.empty', '统一社会信用代码为空', 'The unified social credit code is empty')], warnings, table: ref };
  }
  if (code.length !== USCC_LENGTH) {
    errors.push(
      ruleError('uscc.length', `统一社会信用代码应为18位，实际为${code.length}位`, `The code must have 18 characters, got ${code.length}`, {
        expected: USCC_LENGTH,
        actual: code.length,
      }),
    );
  }
  [...code].forEach((ch, i) => {
    if (!USCC_CHARSET.includes(ch)) {
      const excluded = 'IOZSV'.includes(ch);
      errors.push(
        ruleError(
          'uscc.illegal_char',
          excluded
            ? `第${i + 1}位字符“${ch}”不合法：统一社会信用代码不使用 I、O、Z、S、V`
            : `第${i + 1}位字符“${ch}”不合法：只允许数字和除 I、O、Z、S、V 以外的大写字母`,
          excluded
            ? `Illegal character "${ch}" at position ${i + 1}: the letters I, O, Z, S, V are not used`
            : `Illegal character "${ch}" at position ${i + 1}: only digits and upper-case letters except I, O, Z, S, V are allowed`,
          { position: i + 1, char: ch },
        ),
      );
    }
  });

  // Registration authority and type (positions 1–2).
  const authorityCode = code.charAt(0);
  const typeCode = code.charAt(1);
  const authority = table.authorities.find((a) => a.code === authorityCode);
  const type = authority?.types.find((x) => x.code === typeCode);
  const unknownSink = (e: RuleError<'uscc.unknown_authority' | 'uscc.unknown_type'>): void => {
    if (table.unknownCodeSeverity === 'error') errors.push(e);
    else warnings.push(e);
  };
  if (USCC_CHARSET.includes(authorityCode) && authority === undefined) {
    unknownSink(
      ruleError(
        'uscc.unknown_authority',
        `第1位登记管理部门代码“${authorityCode}”不在代码表中（允许：${table.authorities.map((a) => a.code).join('、')}）`,
        `Position 1: registration-authority code "${authorityCode}" is not in the table (allowed: ${table.authorities.map((a) => a.code).join(', ')})`,
        { position: 1, char: authorityCode },
      ),
    );
  }
  if (authority !== undefined && code.length >= 2 && USCC_CHARSET.includes(typeCode) && type === undefined) {
    unknownSink(
      ruleError(
        'uscc.unknown_type',
        `第2位机构类别代码“${typeCode}”不是登记管理部门“${authority.name.zh}”的有效类别（允许：${authority.types.map((x) => x.code).join('、')}）`,
        `Position 2: type code "${typeCode}" is not valid for authority "${authority.name.en}" (allowed: ${authority.types.map((x) => x.code).join(', ')})`,
        { position: 2, char: typeCode },
      ),
    );
  }

  // Region code (positions 3–8).
  if (code.length >= 8) {
    errors.push(
      ...checkRegionCode6(code.slice(2, 8), provinces, table.extraRegionCodes, {
        zh: '第3–8位登记管理机关行政区划码',
        en: 'region code (positions 3–8)',
      }),
    );
  }

  // Check character (position 18).
  const expectedCheck = code.length === 17 || code.length === 18 ? usccCheckChar(code.slice(0, 17)) : undefined;
  if (code.length === 18 && expectedCheck !== undefined && code.charAt(17) !== expectedCheck) {
    errors.push(
      ruleError(
        'uscc.check_mismatch',
        `第18位校验码错误：应为“${expectedCheck}”，实际为“${code.charAt(17)}”`,
        `Bad check character at position 18: expected "${expectedCheck}", got "${code.charAt(17)}"`,
        { position: 18, expected: expectedCheck, actual: code.charAt(17) },
      ),
    );
  }

  // Organisation code check (positions 9–17, GB 11714) — a warning only: the USCC check already guards typos.
  if (code.length === 18) {
    const org = code.slice(8, 17);
    const orgExpected = orgCodeCheckChar(org.slice(0, 8));
    if (orgExpected !== undefined && org.charAt(8) !== orgExpected) {
      warnings.push(
        ruleError(
          'uscc.org_code_check',
          `第9–17位组织机构代码“${org}”的校验码应为“${orgExpected}”（GB 11714），实际为“${org.charAt(8)}”`,
          `The organisation code "${org}" (positions 9–17) should end with "${orgExpected}" under GB 11714, got "${org.charAt(8)}"`,
          { expected: orgExpected, actual: org.charAt(8) },
        ),
      );
    }
  }

  const parts: UsccParts | undefined =
    code.length === 18
      ? {
          authority: authorityCode,
          type: typeCode,
          region: code.slice(2, 8),
          orgCode: code.slice(8, 17),
          check: code.charAt(17),
          ...(authority === undefined ? {} : { authorityName: authority.name }),
          ...(type === undefined ? {} : { typeName: type.name }),
        }
      : undefined;
  return {
    valid: errors.length === 0,
    input: raw,
    normalized: code,
    errors,
    warnings,
    ...(expectedCheck === undefined ? {} : { expectedCheck }),
    ...(parts === undefined ? {} : { parts }),
    table: ref,
  };
}
