import { describe, expect, it } from 'vitest';
import { parseNoticeText } from './holiday-notice.js';

describe('reading a holiday notice pasted as text', () => {
  it('reads single days, ranges, 休/班 and festival names, skipping comments', () => {
    const r = parseNoticeText(['# 2027', '2027-01-01 休 元旦', '2027-02-05..2027-02-07 off spring_festival', '2027-02-20\t班\t春节', '', '2027-10-01 至 2027-10-02 休 国庆'].join('\n'), 2027);
    expect(r.errors).toEqual([]);
    expect(r.holidays.map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 new_year', '2027-02-05 spring_festival', '2027-02-06 spring_festival', '2027-02-07 spring_festival', '2027-10-01 national_day', '2027-10-02 national_day',
    ]);
    expect(r.workdays).toEqual([{ date: '2027-02-20', name: 'spring_festival' }]);
  });

  it('names the line at fault: a bad date, another year, a weekday worked, a day both off and worked, an unknown word', () => {
    const r = parseNoticeText(['2027-02-30 休', '2026-12-31 休', '2027-02-18 班', '2027-01-01 休', '2027-01-02 班', '2027-01-01 班', '2027-03-01 rest'].join('\n'), 2027);
    expect(r.errors.map((e) => e.line)).toEqual([1, 2, 3, 6, 7]);
    expect(r.errors[2]?.zh).toContain('不是周末');
    expect(parseNoticeText('# nothing', 2027).errors[0]?.en).toBe('The notice lists no days off');
  });
});
