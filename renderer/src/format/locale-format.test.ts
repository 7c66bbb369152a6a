import { describe, expect, it } from 'vitest';
import { formatFigure } from '../monitor/lesson-format.ts';
import { createLocaleFormat } from './locale-format.ts';

// Intl writes some separators as (narrow) no-break spaces; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting follows the locale', () => {
  const english = createLocaleFormat('en-US');
  const german = createLocaleFormat('de-DE');

  it('writes counts with the locale’s grouping', () => {
    expect(english.count(1234567)).toBe('1,234,567');
    expect(german.count(1234567)).toBe('1.234.567');
  });

  it('writes decimals, milliseconds and seconds with the locale’s decimal mark', () => {
    expect(english.decimal(12.5, 1)).toBe('12.5');
    expect(german.decimal(12.5, 1)).toBe('12,5');
    expect(english.milliseconds(12.25, 1)).toBe('12.3 ms');
    expect(german.milliseconds(12.25, 1)).toBe('12,3 ms');
    expect(english.milliseconds(12.4)).toBe('12 ms');
    expect(german.seconds(1500)).toBe('1,5 s');
  });

  it('writes percentages as the locale does', () => {
    expect(english.percent(0.42)).toBe('42%');
    expect(plain(german.percent(0.42))).toBe('42 %');
  });

  it('writes sizes in B, KB and MB', () => {
    expect(english.bytes(512)).toBe('512 B');
    expect(english.bytes(1536)).toBe('1.5 KB');
    expect(german.bytes(1536)).toBe('1,5 KB');
    expect(german.bytes(5.25 * 1024 * 1024)).toBe('5,3 MB');
  });

  it('writes measured figures to three significant digits, and times of day', () => {
    expect(english.significant(24.123, 3)).toBe('24.1');
    expect(german.significant(24.123, 3)).toBe('24,1');
    const at = new Date(2026, 11, 7, 15, 4, 5);
    expect(plain(english.time(at))).toBe('3:04:05 PM');
    expect(german.time(at)).toBe('15:04:05');
  });

  it('formats The Lesson’s figures through it, counts exactly', () => {
    expect(formatFigure(3775, 'reads', english)).toBe('3,775 reads');
    expect(formatFigure(3775, 'reads', german)).toBe('3.775 reads');
    expect(formatFigure(1.386, '×', german)).toBe('1,39×');
    expect(formatFigure(24.123, 'ms', english)).toBe('24.1 ms');
  });
});
