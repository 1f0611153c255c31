import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, USCC_CODES_GB32100, usccCheckChar, validateUscc } from './uscc.js';

/** Appends the correct check character so a test can isolate one structural problem. */
function withCheck(first17: string): string {
  const c = usccCheckChar(first17);
  if (c === undefined) throw new Error(`bad test data ${first17}`);
  return first17 + c;
}

describe('usccCheckChar — independently verified codes', () => {
  // Check characters verified by hand computation (Σ mod 31) and against published licences.
  it.each(['91350100M000100Y43', '91110000600037341L', '91110108551385082Q', '91440300708461136T', '914403001922038216', '91110000802100433B'])(
    '%s is valid',
    (code) => {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
      const r = validateUscc(code);
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.valid).toBe(true);
      expect(r.expectedCheck).toBe(code.charAt(17));
    },
  );

  it('maps 31 − 0 = 31 to check "0"', () => {
    // Weight 28 is coprime with 31, so varying position 17 over the charset reaches every remainder once.
    const bodies = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((ch) => `9144030019220382${ch}`);
    const zeros = bodies.filter((b) => usccCheckChar(b) === '0');
    expect(zeros).toHaveLength(1);
    const [zero] = zeros;
    if (zero !== undefined) expect(validateUscc(`${zero}0`).errors).toEqual([]);
  });

  it('returns undefined for bodies with illegal characters or wrong length', () => {
    expect(usccCheckChar('91350100M000100Y')).toBeUndefined();
    expect(usccCheckChar('91350100M000100I4')).toBeUndefined();
  });
});

describe('validateUscc — parts', () => {
  it('splits the code and names the authority and type', () => {
    const r = validateUscc('91350100M000100Y43');
    expect(r.parts).toEqual({
      authority: '9',
      type: '1',
      region: '350100',
      orgCode: 'M000100Y4',
      check: '3',
      authorityName: { zh: '工商（市场监管）', en: 'market regulation (industry and commerce)' },
      typeName: { zh: '企业', en: 'enterprise' },
    });
    expect(r.table).toEqual({ id: USCC_CODES_GB32100.id, version: USCC_CODES_GB32100.version });
  });

  it('accepts national-level registration region 100000 and other authorities', () => {
    expect(validateUscc(withCheck('91100000100000001')).errors).toEqual([]);
    expect(validateUscc(withCheck('51110000500000001')).errors).toEqual([]);
    expect(validateUscc(withCheck('Y1110000500000001')).errors).toEqual([]);
    expect(validateUscc(withCheck('N2330100500000001')).errors).toEqual([]);
  });
});

describe('validateUscc — broken codes say exactly what is wrong', () => {
  it('bad check character: expected X got Y', () => {
    const r = validateUscc('91350100M000100Y44');
    expect(r.valid).toBe(false);
    expect(r.expectedCheck).toBe('3');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.code).toBe('uscc.check_mismatch');
    expect(r.errors[0]?.details).toEqual({ position: 18, expected: '3', actual: '4' });
    expect(r.errors[0]?.message.zh).toBe('第18位校验码错误：应为“3”，实际为“4”');
    expect(r.errors[0]?.message.en).toBe('Bad check character at position 18: expected "3", got "4"');
  });

  it('too short: length error and the check character the 17 chars would need', () => {
    const r = validateUscc('91350100M000100Y4');
    expect(r.errors.map((e) => e.code)).toEqual(['uscc.length']);
    expect(r.errors[0]?.details).toEqual({ expected: 18, actual: 17 });
    expect(r.expectedCheck).toBe('3');
    expect(r.parts).toBeUndefined();
  });

  it('too long', () => {
    const r = validateUscc('91350100M000100Y431');
    expect(r.errors.map((e) => e.code)).toEqual(['uscc.length']);
    expect(r.expectedCheck).toBeUndefined();
  });

  it('illegal letter I at position 16 (no check comparison possible)', () => {
    const r = validateUscc('91350100M000100I43');
    expect(r.errors.map((e) => e.code)).toEqual(['uscc.illegal_char']);
    expect(r.errors[0]?.details).toEqual({ position: 16, char: 'I' });
    expect(r.errors[0]?.message.zh).toContain('第16位');
    expect(r.errors[0]?.message.zh).toContain('I、O、Z、S、V');
    expect(r.expectedCheck).toBeUndefined();
  });

  it.each(['O', 'Z', 'S', 'V'])('letter %s is illegal', (ch) => {
    const r = validateUscc(`91350100M000100${ch}43`);
    expect(r.errors.some((e) => e.code === 'uscc.illegal_char' && e.details?.['char'] === ch)).toBe(true);
  });

  it('punctuation is illegal and reported at its position', () => {
    const r = validateUscc('9135-0100M000100Y4');
    expect(r.errors.find((e) => e.code === 'uscc.illegal_char')?.details).toEqual({ position: 5, char: '-' });
  });

  it('lower case is normalised with a warning, not rejected', () => {
    const r = validateUscc(' 91350100m000100y43 ');
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('91350100M000100Y43');
    expect(r.warnings.map((w) => w.code)).toEqual(['uscc.normalized']);
  });

  it('empty', () => {
    expect(validateUscc('  ').errors.map((e) => e.code)).toEqual(['uscc.empty']);
  });

  it('unknown registration authority', () => {
    const r = validateUscc(withCheck('B1110000600037341'));
    expect(r.errors.map((e) => e.code)).toEqual(['uscc.unknown_authority']);
    expect(r.errors[0]?.details).toEqual({ position: 1, char: 'B' });
  });

  it('type code not valid for the authority (工商 has 1, 2, 3 only)', () => {
    const r = validateUscc(withCheck('94110000600037341'));
    expect(r.errors.map((e) => e.code)).toEqual(['uscc.unknown_type']);
    expect(r.errors[0]?.message.zh).toContain('1、2、3');
  });

  it('unknown codes can be downgraded to warnings by configuration', () => {
    const lenient = { ...USCC_CODES_GB32100, unknownCodeSeverity: 'warning' as const };
    const r = validateUscc(withCheck('B1110000600037341'), lenient);
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['uscc.unknown_authority']);
  });

  it('region: letters, unknown province, inconsistent prefix', () => {
    expect(validateUscc(withCheck('9111A000600037341')).errors.map((e) => e.code)).toEqual(['region.format']);
    expect(validateUscc(withCheck('91990000600037341')).errors.map((e) => e.code)).toEqual(['region.unknown_province']);
    expect(validateUscc(withCheck('91110005600037341')).errors.map((e) => e.code)).toEqual(['region.inconsistent']);
    expect(validateUscc(withCheck('91441900600037341')).errors).toEqual([]); // 东莞: no county level
  });

  it('reports several problems at once', () => {
    const r = validateUscc('9I990000600037341L');
    expect(r.errors.map((e) => e.code)).toEqual(['uscc.illegal_char', 'region.unknown_province']);
  });

  it('warns (only) when the embedded organisation code has a bad GB 11714 check', () => {
    const r = validateUscc(withCheck('91350100M000100Y5'));
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['uscc.org_code_check']);
    expect(r.warnings[0]?.details).toEqual({ expected: '4', actual: '5' });
  });
});

describe('orgCodeCheckChar (GB 11714)', () => {
  it.each([
    ['M000100Y', '4'],
    ['60003734', '1'],
    ['55138508', '2'],
    ['70846113', '6'],
  ])('%s → %s', (body, check) => {
    expect(orgCodeCheckChar(body)).toBe(check);
  });
});
