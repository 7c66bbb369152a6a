import { describe, expect, it } from 'vitest';
import { formatFigure } from './lesson-format.ts';

describe('lesson figures', () => {
  it('writes a value with its unit, at most three significant digits', () => {
    expect(formatFigure(24.1234, 'ms')).toBe('24.1 ms');
    expect(formatFigure(2270.4, 'ms')).toBe('2,270 ms');
    expect(formatFigure(44.7, 'µs')).toBe('44.7 µs');
    expect(formatFigure(9.654, 'MB')).toBe('9.65 MB');
    expect(formatFigure(1.394, '×')).toBe('1.39×');
  });

  it('counts tasks and cores in words', () => {
    expect(formatFigure(0, 'tasks')).toBe('0 tasks');
    expect(formatFigure(1, 'tasks')).toBe('1 task');
    expect(formatFigure(2, 'cores')).toBe('2 cores');
    expect(formatFigure(1, 'cores')).toBe('1 core');
  });

  it('writes counts of reads exactly', () => {
    expect(formatFigure(12_345, 'reads')).toBe('12,345 reads');
    expect(formatFigure(0, 'reads')).toBe('0 reads');
  });
});
