import { describe, expect, it } from 'vitest';
import { clean, fail, fmt, isNonNegative, ok, ruleError, step, tableRef } from './rule-types.js';

describe('rule-types helpers', () => {
  it('clean removes floating-point noise only', () => {
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(clean(1.2 * 23.8)).toBe(28.56);
    expect(clean(1.5 * 1.2)).toBe(1.8);
    expect(clean(0.999)).toBe(0.999);
    expect(clean(100_000_000)).toBe(100_000_000);
    expect(clean(0)).toBe(0);
  });

  it('fmt prints clean numbers and infinities', () => {
    expect(fmt(0.1 + 0.2)).toBe('0.3');
    expect(fmt(Number.POSITIVE_INFINITY)).toBe('+∞');
    expect(fmt(450)).toBe('450');
  });

  it('isNonNegative', () => {
    expect(isNonNegative(0, true)).toBe(true);
    expect(isNonNegative(1.5, true)).toBe(false);
    expect(isNonNegative(1.5, false)).toBe(true);
    expect(isNonNegative(-1, false)).toBe(false);
    expect(isNonNegative(Number.POSITIVE_INFINITY, false)).toBe(false);
  });

  it('builds errors, steps, outcomes and table refs', () => {
    expect(ruleError('x.y', '中', 'en')).toEqual({ code: 'x.y', message: { zh: '中', en: 'en' } });
    expect(ruleError('x.y', '中', 'en', { a: 1 }).details).toEqual({ a: 1 });
    expect(step('中', 'en')).toEqual({ zh: '中', en: 'en' });
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(fail([])).toEqual({ ok: false, errors: [] });
    expect(
      tableRef({ id: 't', version: '1', source: 's', confidence: 'confirmed', confidenceNote: { zh: '', en: '' }, configurable: false }),
    ).toEqual({ id: 't', version: '1' });
  });
});
