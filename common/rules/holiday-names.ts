// The seven statutory festivals (《全国年节及纪念日放假办法》 Art. 2), without the lunar calendar (safe for the web).
export const HOLIDAY_NAMES = ['new_year', 'spring_festival', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

export const HOLIDAY_TEXT: Readonly<Record<HolidayName, { zh: string; en: string }>> = {
  new_year: { zh: '元旦', en: "New Year's Day" },
  spring_festival: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  labour_day: { zh: '劳动节', en: 'Labour Day' },
  dragon_boat: { zh: '端午节', en: 'Dragon Boat Festival' },
  mid_autumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  national_day: { zh: '国庆节', en: 'National Day' },
};
