import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber, maskPhone, validateIdNumber } from './id-number.js';

const today = '2025-06-30';

function withCheck(first17: string): string {
  const c = idNumberCheckChar(first17);
  if (c === undefined) throw new Error(`bad test data ${first17}`);
  return first17 + c;
}

describe('validateIdNumber — GB 11643-1999', () => {
  it('11010519491231002X is valid (the standard’s own example)', () => {
    const r = validateIdNumber('11010519491231002X', { today });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.expectedCheck).toBe('X');
    expect(r.regionCode).toBe('110105');
    expect(r.birthDate).toBe('1949-12-31');
    expect(r.sex).toBe('female');
  });

  it.each([
    ['440308199901010012', 'male'],
    ['110101199003072316', 'male'],
    ['11010119900307803X', 'male'],
    [withCheck('11010519491231004'), 'female'],
  ])('%s is valid (%s)', (id, sex) => {
    const r = validateIdNumber(id, { today });
    expect(r.valid).toBe(true);
    expect(r.sex).toBe(sex);
  });

  it('accepts a lower-case x', () => {
    const r = validateIdNumber('11010519491231002x', { today });
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('11010519491231002X');
  });

  it('110105194912310021: bad check character, expected X got 1', () => {
    const r = validateIdNumber('110105194912310021', { today });
    expect(r.valid).toBe(false);
    expect(r.expectedCheck).toBe('X');
    expect(r.errors.map((e) => e.code)).toEqual(['id.check_mismatch']);
    expect(r.errors[0]?.details).toEqual({ position: 18, expected: 'X', actual: '1' });
    expect(r.errors[0]?.message.zh).toBe('第18位校验码错误：应为“X”，实际为“1”');
  });

  it('wrong length, with the expected check for 17 digits', () => {
    const r = validateIdNumber('11010519491231002', { today });
    expect(r.errors.map((e) => e.code)).toEqual(['id.length']);
    expect(r.expectedCheck).toBe('X');
  });

  it('old 15-digit numbers are rejected as wrong length', () => {
    expect(validateIdNumber('110105491231002', { today }).errors.map((e) => e.code)).toEqual(['id.length']);
  });

  it('illegal characters name their position', () => {
    const r = validateIdNumber('1101051949123100XX', { today });
    expect(r.errors.map((e) => e.code)).toEqual(['id.illegal_char']);
    expect(r.errors[0]?.details).toEqual({ position: 17, char: 'X' });
    const r2 = validateIdNumber('11010519491231002Y', { today });
    expect(r2.errors[0]?.details).toEqual({ position: 18, char: 'Y' });
  });

  it('birth date must be a real calendar date', () => {
    const feb29NonLeap = withCheck('11010519490229002');
    expect(validateIdNumber(feb29NonLeap, { today }).errors.map((e) => e.code)).toEqual(['id.invalid_birth_date']);
    const feb29Leap = withCheck('11010520000229002');
    expect(validateIdNumber(feb29Leap, { today }).valid).toBe(true);
    expect(validateIdNumber(withCheck('11010519491301002'), { today }).errors.map((e) => e.code)).toEqual(['id.invalid_birth_date']);
    expect(validateIdNumber(withCheck('11010519490100002'), { today }).errors.map((e) => e.code)).toEqual(['id.invalid_birth_date']);
  });

  it('birth date may be today but not tomorrow', () => {
    expect(validateIdNumber(withCheck('11010520250630002'), { today }).valid).toBe(true);
    const r = validateIdNumber(withCheck('11010520250701002'), { today });
    expect(r.errors.map((e) => e.code)).toEqual(['id.future_birth_date']);
    expect(r.errors[0]?.details).toEqual({ birthDate: '2025-07-01', today });
  });

  it('rejects an invalid reference date', () => {
    expect(validateIdNumber('11010519491231002X', { today: '2025-02-30' }).errors.map((e) => e.code)).toEqual(['id.invalid_today']);
  });

  it('address code is checked structurally', () => {
    expect(validateIdNumber(withCheck('99010519491231002'), { today }).errors.map((e) => e.code)).toEqual(['region.unknown_province']);
    expect(validateIdNumber(withCheck('11000519491231002'), { today }).errors.map((e) => e.code)).toEqual(['region.inconsistent']);
    expect(validateIdNumber(withCheck('83000019900101002'), { today }).valid).toBe(true); // Taiwan residence permit
    expect(validateIdNumber(withCheck('81000019900101002'), { today }).valid).toBe(true); // Hong Kong
  });

  it('empty input', () => {
    expect(validateIdNumber(' ', { today }).errors.map((e) => e.code)).toEqual(['id.empty']);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('mobile numbers keep the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86 138****5678');
  });
  it('other numbers keep only their last 4 digits', () => {
    expect(maskPhone('0571-88889999')).toBe('****-****9999');
    expect(maskPhone('12345')).toBe('*2345');
    expect(maskPhone('1234')).toBe('****');
  });
});
