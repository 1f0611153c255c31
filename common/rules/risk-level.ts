// The four safety-risk levels of the dual prevention mechanism (reference §3.1):
// 重大风险 red, 较大风险 orange, 一般风险 yellow, 低风险 blue.

import type { LocalizedText } from './rule-types.js';

export type RiskLevel = 1 | 2 | 3 | 4;
export type RiskColour = 'red' | 'orange' | 'yellow' | 'blue';

export interface RiskLevelInfo {
  readonly level: RiskLevel;
  readonly colour: RiskColour;
  readonly name: LocalizedText;
  readonly colourName: LocalizedText;
}

export const RISK_LEVELS: Readonly<Record<RiskLevel, RiskLevelInfo>> = {
  1: { level: 1, colour: 'red', name: { zh: '重大风险', en: 'major risk' }, colourName: { zh: '红', en: 'red' } },
  2: { level: 2, colour: 'orange', name: { zh: '较大风险', en: 'considerable risk' }, colourName: { zh: '橙', en: 'orange' } },
  3: { level: 3, colour: 'yellow', name: { zh: '一般风险', en: 'general risk' }, colourName: { zh: '黄', en: 'yellow' } },
  4: { level: 4, colour: 'blue', name: { zh: '低风险', en: 'low risk' }, colourName: { zh: '蓝', en: 'blue' } },
};

export function riskLevelInfo(level: RiskLevel): RiskLevelInfo {
  return RISK_LEVELS[level];
}

/** "1级 重大风险（红）" / "level 1 major risk (red)" */
export function describeRiskLevel(level: RiskLevel): LocalizedText {
  const info = RISK_LEVELS[level];
  return {
    zh: `${level}级 ${info.name.zh}（${info.colourName.zh}）`,
    en: `level ${level} ${info.name.en} (${info.colourName.en})`,
  };
}
