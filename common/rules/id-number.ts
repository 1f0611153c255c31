// 18-digit citizen identity number (公民身份号码), GB 11643-1999:
//   1–6   address code (GB/T 2260 county-level code where the person was first registered)
//   7–14  birth date YYYYMMDD
//   15–17 sequence code (17th digit odd = male, even = female)
//   18    check character: '10X98765432'[Σ digit·weight mod 11]
// Plus the display masks used across the platform (personal data is masked in presenters).

import { compareDates, formatIsoDate, isValidCivilDate, parseIsoDate } from './civil-date.js';
import { checkRegionCode6, GB2260_PROVINCES, type ProvinceTable, type RegionCodeErrorCode } from './region-code.js';
import { ruleError, type RuleError } from './rule-types.js';

export const ID_NUMBER_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const ID_NUMBER_CHECK_CHARS = '10X98765432';
export const ID_NUMBER_LENGTH = 18;

/**
 * Whole address codes accepted besides GB/T 2260 province prefixes: 830000 is used by residence permits of
 * Taiwan residents (Hong Kong 810000 and Macao 820000 already have province prefixes 81/82).
 */
export const ID_NUMBER_EXTRA_REGION_CODES: readonly string[] = ['830000'];

export type IdNumberErrorCode =
  | 'id.empty'
  | 'id.length'
  | 'id.illegal_char'
  | 'id.invalid_birth_date'
  | 'id.future_birth_date'
  | 'id.invalid_today'
  | 'id.check_mismatch'
  | RegionCodeErrorCode;

export interface IdNumberValidation {
  readonly valid: boolean;
  readonly input: string;
  /** Trimmed, lower-case x upper-cased; positions in messages refer to this string. */
  readonly normalized: string;
  readonly errors: readonly RuleError<IdNumberErrorCode>[];
  /** The check character the first 17 digits call for (when they are all digits). */
  readonly expectedCheck?: string;
  readonly regionCode?: string;
  /** 'YYYY-MM-DD' when positions 7–14 are a real date. */
  readonly birthDate?: string;
  readonly sex?: 'male' | 'female';
}

export interface IdNumberOptions {
  /** Today's date 'YYYY-MM-DD' in the deployment's zone; birth dates after it are rejected. */
  readonly today: string;
  readonly provinces?: ProvinceTable;
  readonly extraRegionCodes?: readonly string[];
}

export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_NUMBER_WEIGHTS[i] ?? 0);
  return ID_NUMBER_CHECK_CHARS.charAt(sum % 11);
}

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function validateIdNumber(raw: string, options: IdNumberOptions): IdNumberValidation {
  const id = normalizeIdNumber(raw);
  const errors: RuleError<IdNumberErrorCode>[] = [];
  const base = { input: raw, normalized: id };
  if (id.length === 0) {
    return { ...base, valid: false, errors: [ruleError('id.empty', '公民身份号码为空', 'The ID number is empty')] };
  }
  const today = parseIsoDate(options.today);
  if (today === undefined) {
    errors.push(ruleError('id.invalid_today', `参考日期“${options.today}”不是有效的 YYYY-MM-DD 日期`, `Reference date "${options.today}" is not a valid YYYY-MM-DD date`));
  }
  if (id.length !== ID_NUMBER_LENGTH) {
    errors.push(
      ruleError(
        'id.length',
        `公民身份号码应为18位，实际为${id.length}位${id.length === 15 ? '（15位旧号码需升位为18位）' : ''}`,
        `The ID number must have 18 characters, got ${id.length}${id.length === 15 ? ' (a 15-digit legacy number must be upgraded to 18 digits)' : ''}`,
        {
        expected: ID_NUMBER_LENGTH,
        actual: id.length,
      }),
    );
  }
  [...id].forEach((ch, i) => {
    const isLast = i === ID_NUMBER_LENGTH - 1;
    const legal = /\d/.test(ch) || (isLast && ch === 'X');
    if (!legal) {
      errors.push(
        ruleError(
          'id.illegal_char',
          isLast ? `第18位字符“${ch}”不合法：只能是数字或 X` : `第${i + 1}位字符“${ch}”不合法：前17位只能是数字`,
          isLast ? `Illegal character "${ch}" at position 18: must be a digit or X` : `Illegal character "${ch}" at position ${i + 1}: the first 17 characters must be digits`,
          { position: i + 1, char: ch },
        ),
      );
    }
  });

  // Address code (positions 1–6), structural only.
  let regionCode: string | undefined;
  if (id.length >= 6) {
    regionCode = id.slice(0, 6);
    errors.push(
      ...checkRegionCode6(regionCode, options.provinces ?? GB2260_PROVINCES, options.extraRegionCodes ?? ID_NUMBER_EXTRA_REGION_CODES, {
        zh: '第1–6位地址码',
        en: 'address code (positions 1–6)',
      }),
    );
  }

  // Birth date (positions 7–14).
  let birthDate: string | undefined;
  // Only when the layout lines up (17 or 18 characters); a 15-digit legacy number has a 6-digit birth date.
  if ((id.length === 17 || id.length === 18) && /^\d{8}$/.test(id.slice(6, 14))) {
    const y = Number(id.slice(6, 10));
    const m = Number(id.slice(10, 12));
    const d = Number(id.slice(12, 14));
    if (!isValidCivilDate(y, m, d)) {
      errors.push(
        ruleError('id.invalid_birth_date', `第7–14位出生日期“${id.slice(6, 14)}”不是有效日期`, `Birth date "${id.slice(6, 14)}" (positions 7–14) is not a real calendar date`, {
          value: id.slice(6, 14),
        }),
      );
    } else {
      const birth = { year: y, month: m, day: d };
      birthDate = formatIsoDate(birth);
      if (today !== undefined && compareDates(birth, today) > 0) {
        errors.push(
          ruleError('id.future_birth_date', `出生日期 ${birthDate} 晚于今天 ${options.today}`, `Birth date ${birthDate} is after today (${options.today})`, {
            birthDate,
            today: options.today,
          }),
        );
      }
    }
  }

  // Check character (position 18).
  const expectedCheck = id.length === 17 || id.length === 18 ? idNumberCheckChar(id.slice(0, 17)) : undefined;
  if (id.length === 18 && expectedCheck !== undefined && /^[\dX]$/.test(id.charAt(17)) && id.charAt(17) !== expectedCheck) {
    errors.push(
      ruleError(
        'id.check_mismatch',
        `第18位校验码错误：应为“${expectedCheck}”，实际为“${id.charAt(17)}”`,
        `Bad check character at position 18: expected "${expectedCheck}", got "${id.charAt(17)}"`,
        { position: 18, expected: expectedCheck, actual: id.charAt(17) },
      ),
    );
  }

  const seventeenth = id.length >= 17 ? id.charAt(16) : '';
  const sex = /^\d$/.test(seventeenth) ? (Number(seventeenth) % 2 === 1 ? 'male' : 'female') : undefined;
  return {
    ...base,
    valid: errors.length === 0,
    errors,
    ...(expectedCheck === undefined ? {} : { expectedCheck }),
    ...(regionCode === undefined ? {} : { regionCode }),
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(sex === undefined ? {} : { sex }),
  };
}

/**
 * Masks an identity number keeping the first 3 and last 4 characters: 11010519491231002X → 110***********002X.
 * Strings of 7 characters or fewer are masked entirely.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/**
 * Masks a phone number. Mainland mobile numbers (optionally +86/86-prefixed, spaces/hyphens allowed) keep
 * the first 3 and last 4 digits: 13812345678 → 138****5678. Other numbers keep only their last 4 digits,
 * with separators preserved: 0571-88889999 → ****-****9999.
 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  const compact = s.replace(/[\s-]/g, '');
  const mobile = /^(\+?86)?(1\d{10})$/.exec(compact);
  if (mobile !== null) {
    const prefix = mobile[1] ?? '';
    const n = mobile[2] ?? '';
    return `${prefix === '' ? '' : `${prefix} `}${n.slice(0, 3)}****${n.slice(-4)}`;
  }
  const digitCount = (s.match(/\d/g) ?? []).length;
  let seen = 0;
  return [...s]
    .map((ch) => {
      if (!/\d/.test(ch)) return ch;
      seen += 1;
      return seen > digitCount - 4 && digitCount > 4 ? ch : '*';
    })
    .join('');
}
