import { describe, expect, it } from 'vitest';
import { excerpt, formatTrackingCode, maskEmail, maskFreeText, maskName, normalizeTrackingCode, textProblem } from './reports.text.js';

describe('textProblem', () => {
  it('accepts what people write about hazards', () => {
    expect(textProblem('楼道里堆满了纸箱，堵住了安全出口')).toBeNull();
    expect(textProblem('仓库门口堆满杂物')).toBeNull();
    expect(textProblem('Fire exit blocked by boxes')).toBeNull();
    expect(textProblem('3号楼2单元每天晚上都有电动车在楼道里充电，照片见 https://example.com/p/1')).toBeNull();
  });
  it('names the problem of empty, short, repeated, letterless and link-only text', () => {
    expect(textProblem('   ')).toBe('empty');
    expect(textProblem('着火了')).toBe('too_short');
    expect(textProblem('哈哈哈哈哈哈哈哈')).toBe('repeated');
    expect(textProblem('abababababababab')).toBe('repeated');
    expect(textProblem('asdfasdfasdfasdf')).toBe('repeated');
    expect(textProblem('12345 67890 !!!')).toBe('no_letters');
    expect(textProblem('https://a.example.com/xxxxxxxxxxxxxxxx https://b.example.com/yyyyyyyyyyyyy see')).toBe('links');
    expect(textProblem('x'.repeat(2001))).toBe('too_long');
  });
});

describe('tracking codes', () => {
  it('normalizes what a resident types and formats for reading', () => {
    expect(normalizeTrackingCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normalizeTrackingCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
    expect(normalizeTrackingCode('ABCDEFGHJ0')).toBeNull();
    expect(normalizeTrackingCode('ABCDEFGHJ')).toBeNull();
    expect(formatTrackingCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });
});

describe('masking', () => {
  it('masks phone and ID numbers and e-mail addresses in free text but keeps dates', () => {
    expect(maskFreeText('联系我 13812345678 或 138 1234 5678')).toBe('联系我 138****78 或 138****78');
    expect(maskFreeText('身份证 63010219800101123X')).toBe('身份证 630****3X');
    expect(maskFreeText('座机 0971-6123456')).toBe('座机 097****56');
    expect(maskFreeText('2026-03-02 发现，门牌 12 号')).toBe('2026-03-02 发现，门牌 12 号');
    expect(maskFreeText('mail me at zhang.san@example.com')).toBe('mail me at ***@***');
    expect(excerpt('电话13812345678，楼道堵塞', 8)).toBe('电话138***…');
  });
  it('masks names and e-mail addresses for display', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('Alice Smith')).toBe('A***');
    expect(maskEmail('wang@example.com')).toBe('w***@example.com');
  });
});
