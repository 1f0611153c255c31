// How much data a scale means, and the rates that make it look like a real grid centre's
// records: volumes per resident, the mix of sources and categories, seasonality, and the
// outcome rates of the hazard workflow.
import { DAY_MS, dayNumber as dayNumberOf, dayOfNumber as isoOfDayNumber } from '../../../common/time.js';

export type ScaleName = 'tiny' | 'small' | 'city' | 'megacity';

export interface ScaleProfile {
  name: ScaleName | 'custom';
  residents: number;
}

export const SCALES: Record<ScaleName, ScaleProfile> = {
  /** Tests: a few thousand residents. */
  tiny: { name: 'tiny', residents: 3_000 },
  /** The benchmark's default: a county town. */
  small: { name: 'small', residents: 100_000 },
  /** Xining's size. */
  city: { name: 'city', residents: 2_500_000 },
  megacity: { name: 'megacity', residents: 10_000_000 },
};

export const RATES = {
  /** Cases (hazards in the ledger) per resident per year (Kunming ≈ 6,700 a day for 8.5 M). */
  casesPerResidentYear: 0.3,
  /** Registry sizes per resident. */
  placesPerResident: 1 / 45,
  enterprisesPerResident: 1 / 200,
  peoplePerResident: 1 / 35,
  /** Share of cases found on planned inspections (the rest comes from the other sources). */
  inspectionShare: 0.4,
  /** Hazards per inspection with a finding (Poisson mean). */
  hazardsPerInspection: 1.4,
  /** Of all public reports: turned into a hazard, rejected, merged into another report. */
  reportRejected: 0.22,
  reportMerged: 0.08,
  /** Hours from a resident's report to its triage (log-normal median). */
  reportTriageHours: 5,
  /** Yearly growth of the case load (adoption of the system). */
  yearlyGrowth: 0.08,
};

/** Sources of the cases that are not found on planned inspections. */
export const OTHER_SOURCES: ReadonlyArray<readonly ['patrol' | 'report' | 'self_inspection' | 'hotline' | 'drill' | 'manual', number]> = [
  ['patrol', 0.42],
  ['report', 0.25],
  ['self_inspection', 0.16],
  ['hotline', 0.12],
  ['drill', 0.015],
  ['manual', 0.035],
];

/** Base weights of hazard categories (before the season). */
export const CATEGORY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['fire', 20],
  ['evacuation', 11],
  ['electrical', 13],
  ['gas', 7],
  ['e_bike', 10],
  ['three_in_one', 4],
  ['building', 5],
  ['road_traffic', 4],
  ['crowded_place', 3],
  ['special_equipment', 3],
  ['hazardous_chemicals', 1.5],
  ['construction', 4],
  ['production_equipment', 3.5],
  ['occupational_health', 1.2],
  ['disaster', 2],
  ['environment', 2.5],
  ['safety_management', 4],
  ['other', 1.3],
];

/** Xining heats from mid-October to mid-April: fire, gas and electrical hazards rise. */
export function inHeatingSeason(month: number, day: number): boolean {
  return month >= 11 || month <= 3 || (month === 10 && day >= 15) || (month === 4 && day < 15);
}

/** Category weight multiplier for a date (month 1–12). */
export function categorySeason(category: string, month: number, day: number): number {
  const heating = inHeatingSeason(month, day);
  switch (category) {
    case 'fire':
    case 'gas':
      return heating ? 1.35 : 0.8;
    case 'electrical':
      return heating ? 1.2 : month >= 7 && month <= 8 ? 1.15 : 0.9;
    case 'disaster':
      return month >= 6 && month <= 9 ? 3.2 : 0.35;
    case 'construction':
      return month >= 4 && month <= 10 ? 1.45 : month === 12 || month <= 2 ? 0.3 : 0.8;
    case 'e_bike':
      return month >= 5 && month <= 9 ? 1.25 : 0.85;
    case 'road_traffic':
      return month === 12 || month <= 2 ? 1.3 : 1;
    default:
      return 1;
  }
}

/** Month multipliers of the case load (mean ≈ 1): 安全生产月 in June, 119 fire-prevention month in November. */
const MONTH_FACTOR = [1.02, 0.82, 1.04, 1.0, 0.96, 1.12, 1.04, 0.98, 0.96, 0.9, 1.1, 1.06];
/** Sunday … Saturday. */
const WEEKDAY_FACTOR = [0.55, 1.14, 1.16, 1.15, 1.14, 1.12, 0.74];
/** Chinese New Year's day (the week around it is quiet). */
const SPRING_FESTIVAL: Record<number, string> = {
  2018: '2018-02-16', 2019: '2019-02-05', 2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22',
  2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03',
};

export { dayNumberOf, isoOfDayNumber };

/** The case-load multiplier of one day. */
export function dayFactor(dayNumber: number): number {
  const d = new Date(dayNumber * DAY_MS);
  const month = d.getUTCMonth();
  let f = (MONTH_FACTOR[month] ?? 1) * (WEEKDAY_FACTOR[d.getUTCDay()] ?? 1);
  const sf = SPRING_FESTIVAL[d.getUTCFullYear()] ?? SPRING_FESTIVAL[d.getUTCFullYear() + 1];
  if (sf) {
    const off = dayNumber - dayNumberOf(sf);
    if (off >= -2 && off <= 6) f *= 0.3;
  }
  return f;
}

/** Rectification periods in working days for general hazards, by category (the default is 10). */
export const RECTIFY_DAYS: Record<string, ReadonlyArray<readonly [number, number]>> = {
  evacuation: [[1, 3], [3, 5], [5, 2]],
  fire: [[3, 3], [5, 4], [7, 2], [10, 2]],
  gas: [[1, 2], [3, 4], [5, 2]],
  e_bike: [[3, 4], [5, 3], [7, 1]],
  electrical: [[5, 3], [7, 3], [10, 3]],
  building: [[10, 2], [15, 3], [30, 2]],
  construction: [[5, 3], [10, 3], [15, 1]],
  disaster: [[5, 2], [10, 3], [20, 2]],
};
export const DEFAULT_RECTIFY_DAYS: ReadonlyArray<readonly [number, number]> = [[5, 2], [7, 2], [10, 4], [15, 2], [20, 1]];

/** Industries of generated enterprises (GB/T 4754 sections and divisions) with weights. */
export const INDUSTRIES: ReadonlyArray<readonly [string, number]> = [
  ['C13', 4], ['C14', 3], ['C17', 1], ['C18', 1.5], ['C20', 1], ['C22', 1], ['C26', 2], ['C29', 1.5], ['C30', 3], ['C31', 1.5],
  ['C32', 1.2], ['C33', 3], ['C34', 1.5], ['C36', 1], ['C38', 1.5], ['B06', 0.6], ['B10', 0.8], ['D44', 1], ['D45', 0.8],
  ['E47', 5], ['E48', 3], ['E50', 2], ['F51', 6], ['F52', 12], ['G54', 4], ['G59', 2], ['H61', 4], ['H62', 10], ['K70', 3],
  ['L72', 2], ['M74', 1], ['N78', 1], ['O80', 3], ['P83', 2], ['Q84', 2], ['R88', 1.5],
];

/** Place kinds with weights (how common each is in a Chinese city's registry). */
export const PLACE_KIND_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['small_shopping', 18], ['small_catering', 16], ['small_lodging', 4], ['small_entertainment', 2], ['small_leisure', 2.5],
  ['small_medical', 2.5], ['small_teaching', 2], ['small_production', 3], ['small_flammable', 1], ['three_small_stall', 6],
  ['three_small_workshop', 3], ['three_small_entertainment', 1], ['three_in_one', 3.5], ['crowded', 2], ['rental_housing', 14],
  ['group_rental', 2.5], ['high_rise', 4], ['underground', 1.5], ['plant', 2.5], ['hazmat_site', 0.6], ['construction_site', 2],
  ['school', 1.5], ['market', 1.2], ['other', 2],
];

export const PEOPLE_CATEGORIES: ReadonlyArray<readonly ['elderly_alone' | 'disabled' | 'low_income' | 'left_behind_child' | 'key_person', number]> = [
  ['elderly_alone', 45], ['disabled', 20], ['low_income', 20], ['left_behind_child', 10], ['key_person', 5],
];
