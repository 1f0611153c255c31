import { describe, expect, it } from 'vitest';
import { describeRiskLevel, RISK_LEVELS, riskLevelInfo } from './risk-level.js';

describe('risk levels (reference §3.1)', () => {
  it('maps 1–4 to red, orange, yellow, blue', () => {
    expect([1, 2, 3, 4].map((l) => RISK_LEVELS[l as 1 | 2 | 3 | 4].colour)).toEqual(['red', 'orange', 'yellow', 'blue']);
    expect(riskLevelInfo(1).name.zh).toBe('重大风险');
    expect(riskLevelInfo(4).name.zh).toBe('低风险');
  });

  it('describes a level in both languages', () => {
    expect(describeRiskLevel(2)).toEqual({ zh: '2级 较大风险（橙）', en: 'level 2 considerable risk (orange)' });
  });
});
