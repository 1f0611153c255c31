// Names of states, actions, categories and grades in the user's language, from the common tables.
import { HAZARD_CATEGORIES } from '../../../../common/modules/hazards/hazards.contract.js';
import { ACTION_NAMES, STATE_NAMES, type HazardState } from '../../../../common/modules/hazards/hazards.workflow.js';
import type { Locale } from '../../../app/i18n.js';

export const pick = (x: { zh: string; en: string } | undefined, locale: Locale): string => (x ? (locale === 'en' ? x.en : x.zh) : '');

export function stateName(s: string, locale: Locale): string {
  return pick(STATE_NAMES[s as HazardState], locale) || s;
}

export function actionName(a: string, locale: Locale): string {
  return pick((ACTION_NAMES as Record<string, { zh: string; en: string }>)[a], locale) || a;
}

export function categoryName(code: string, locale: Locale): string {
  return pick(HAZARD_CATEGORIES.find((c) => c.code === code), locale) || code;
}

export const GRADE_NAMES = { general: { zh: '一般隐患', en: 'General' }, major: { zh: '重大隐患', en: 'Major' } } as const;
export const gradeName = (g: string, locale: Locale) => pick(GRADE_NAMES[g as 'general'], locale) || g;

export const STATE_COLORS: Record<string, string> = {
  reported: 'default', confirmed: 'blue', rejected: 'default', rectifying: 'orange', submitted: 'purple', closed: 'green',
};

export const SOURCE_NAMES: Record<string, { zh: string; en: string }> = {
  inspection: { zh: '检查', en: 'Inspection' },
  patrol: { zh: '巡查', en: 'Patrol' },
  report: { zh: '群众举报', en: 'Resident report' },
  self_inspection: { zh: '企业自查', en: 'Self-inspection' },
  hotline: { zh: '热线', en: 'Hotline' },
  drill: { zh: '演练', en: 'Drill' },
  manual: { zh: '录入', en: 'Manual entry' },
};
