// Reading the dates of a State Council holiday notice pasted or uploaded as text, one entry a line:
//   2027-02-05 休 春节            a day off
//   2027-02-05..2027-02-11 休 春节  a range of days off (also "2027-02-05 至 2027-02-11")
//   2027-02-13 班 春节            a weekend day worked (调休上班)
// 休 / off / holiday and 班 / work / workday; the festival name (元旦, 春节 … or new_year …) is
// optional; blank lines and lines starting with # are skipped; commas and tabs may separate.
import { addDays, compareDates, formatIsoDate, parseIsoDate, weekdayOf } from './civil-date.js';
import { HOLIDAY_NAMES, HOLIDAY_TEXT, type HolidayName } from './holiday-names.js';

export interface NoticeLineError {
  line: number;
  zh: string;
  en: string;
}

export interface ParsedNotice {
  holidays: Array<{ date: string; name: HolidayName | null }>;
  workdays: Array<{ date: string; name: HolidayName | null }>;
  errors: NoticeLineError[];
}

const OFF = new Set(['休', 'off', 'holiday', '放假']);
const WORK = new Set(['班', 'work', 'workday', '上班']);
const NAMES: Record<string, HolidayName> = Object.fromEntries(
  HOLIDAY_NAMES.flatMap((n) => [[n, n], [HOLIDAY_TEXT[n].zh, n], [HOLIDAY_TEXT[n].zh.replace(/节$/, ''), n]]),
);

export function parseNoticeText(text: string, year: number): ParsedNotice {
  const out: ParsedNotice = { holidays: [], workdays: [], errors: [] };
  const seen = new Map<string, 'holiday' | 'workday'>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const bad = (zh: string, en: string) => out.errors.push({ line: i + 1, zh: `第 ${i + 1} 行：${zh}`, en: `Line ${i + 1}: ${en}` });
    const parts = line.replace(/\s*(\.\.|至|~|–)\s*/g, '..').split(/[\s,，\t]+/).filter(Boolean);
    const [span, kindWord, nameWord] = parts;
    const [a, b] = (span ?? '').split('..');
    const from = parseIsoDate(a ?? '');
    const to = b === undefined ? from : parseIsoDate(b);
    if (!from || !to) return bad(`日期“${span ?? ''}”无效（应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）`, `invalid date "${span ?? ''}" (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)`);
    if (compareDates(from, to) > 0) return bad('日期范围的结束早于开始', 'the range ends before it starts');
    if (from.year !== year || to.year !== year) return bad(`日期不在 ${year} 年内`, `the date is not in ${year}`);
    const kind = kindWord && OFF.has(kindWord.toLowerCase()) ? 'holiday' : kindWord && WORK.has(kindWord.toLowerCase()) ? 'workday' : null;
    if (!kind) return bad(`“${kindWord ?? ''}”应为 休 或 班`, `"${kindWord ?? ''}" must be 休/off or 班/work`);
    const name = nameWord ? NAMES[nameWord] ?? NAMES[nameWord.toLowerCase()] ?? null : null;
    if (nameWord && !name) return bad(`节日名称“${nameWord}”无法识别`, `unknown festival name "${nameWord}"`);
    for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) {
      const date = formatIsoDate(d);
      if (kind === 'workday' && weekdayOf(d) !== 0 && weekdayOf(d) !== 6) return bad(`调休上班日 ${date} 不是周末`, `the working day ${date} is not a weekend day`);
      const prev = seen.get(date);
      if (prev && prev !== kind) return bad(`${date} 同时是放假日和上班日`, `${date} is both a day off and a working day`);
      if (prev) continue;
      seen.set(date, kind);
      (kind === 'holiday' ? out.holidays : out.workdays).push({ date, name });
    }
  });
  if (out.holidays.length === 0 && out.errors.length === 0) out.errors.push({ line: 0, zh: '通知中没有放假日期', en: 'The notice lists no days off' });
  return out;
}
