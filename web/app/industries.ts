// Sections of the national industry classification (GB/T 4754-2017), so an industry code shows
// as its name: "C" → 制造业 / Manufacturing; "C13" → 制造业（C13）.
import type { Locale } from './i18n.js';

export const INDUSTRY_SECTIONS: Readonly<Record<string, { zh: string; en: string }>> = {
  A: { zh: '农、林、牧、渔业', en: 'Agriculture, forestry, animal husbandry and fishery' },
  B: { zh: '采矿业', en: 'Mining' },
  C: { zh: '制造业', en: 'Manufacturing' },
  D: { zh: '电力、热力、燃气及水生产和供应业', en: 'Electricity, heat, gas and water supply' },
  E: { zh: '建筑业', en: 'Construction' },
  F: { zh: '批发和零售业', en: 'Wholesale and retail trade' },
  G: { zh: '交通运输、仓储和邮政业', en: 'Transport, storage and postal services' },
  H: { zh: '住宿和餐饮业', en: 'Accommodation and catering' },
  I: { zh: '信息传输、软件和信息技术服务业', en: 'Information transmission, software and IT services' },
  J: { zh: '金融业', en: 'Finance' },
  K: { zh: '房地产业', en: 'Real estate' },
  L: { zh: '租赁和商务服务业', en: 'Leasing and business services' },
  M: { zh: '科学研究和技术服务业', en: 'Scientific research and technical services' },
  N: { zh: '水利、环境和公共设施管理业', en: 'Water, environment and public facilities management' },
  O: { zh: '居民服务、修理和其他服务业', en: 'Residential, repair and other services' },
  P: { zh: '教育', en: 'Education' },
  Q: { zh: '卫生和社会工作', en: 'Health and social work' },
  R: { zh: '文化、体育和娱乐业', en: 'Culture, sports and entertainment' },
  S: { zh: '公共管理、社会保障和社会组织', en: 'Public administration, social security and social organizations' },
  T: { zh: '国际组织', en: 'International organizations' },
};

/** An industry code in words: the section's name, with the code when it is a finer class. */
export function industryName(code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const section = INDUSTRY_SECTIONS[code.charAt(0).toUpperCase()];
  if (!section) return code;
  const name = locale === 'en' ? section.en : section.zh;
  return code.length === 1 ? name : locale === 'en' ? `${name} (${code})` : `${name}（${code}）`;
}
