import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextAccess } from '../../common/document.ts';
import { clampRange, planCheck } from './check-plan.ts';
import { utf16Range } from './harper-linter.ts';
import { LruCache } from './lru-cache.ts';
import { splitBlocks, splitUnits } from './paragraphs.ts';

const texts = (text: string) => splitBlocks(text).map((unit) => ({ text: text.slice(unit.start, unit.end), code: unit.code }));

describe('splitBlocks', () => {
  it('separates paragraphs at blank lines, whatever the line breaks', () => {
    const text = 'One\r\ntwo.\r\n\r\nThree.\n \t\nFour\rfive.\r\rSix.';
    expect(texts(text)).toEqual([
      { text: 'One\r\ntwo.', code: false },
      { text: 'Three.', code: false },
      { text: 'Four\rfive.', code: false },
      { text: 'Six.', code: false },
    ]);
  });

  it('keeps fenced code whole, blank lines included, and marks it as code', () => {
    const text = 'Intro.\n```ts\nconst a = 1;\n\nconst b = 2;\n```\nAfter.\n\n~~~~\nx\n~~~\n~~~~\nEnd.';
    expect(texts(text)).toEqual([
      { text: 'Intro.', code: false },
      { text: '```ts\nconst a = 1;\n\nconst b = 2;\n```', code: true },
      { text: 'After.', code: false },
      { text: '~~~~\nx\n~~~\n~~~~', code: true },
      { text: 'End.', code: false },
    ]);
  });

  it('runs an unclosed fence to the end of the document', () => {
    expect(texts('Prose.\n\n```\ncode\n\nmore code')).toEqual([
      { text: 'Prose.', code: false },
      { text: '```\ncode\n\nmore code', code: true },
    ]);
  });

  it('covers an empty document and one of blank lines with no units', () => {
    expect(splitBlocks('')).toEqual([]);
    expect(splitBlocks('\n\r\n \n')).toEqual([]);
  });

  it('never yields a unit that overlaps another or leaves the document', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '`', '~', '.', '\uD83D', '\uDE00') }), (text) => {
        let previousEnd = 0;
        for (const unit of splitUnits(text, 16)) {
          expect(unit.start).toBeGreaterThanOrEqual(previousEnd);
          expect(unit.end).toBeGreaterThanOrEqual(unit.start);
          expect(unit.end).toBeLessThanOrEqual(text.length);
          previousEnd = unit.end;
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('splitUnits', () => {
  it('cuts a long paragraph after sentences, into pieces no longer than the limit', () => {
    const sentence = 'This is a sentence. ';
    const text = sentence.repeat(50).trimEnd();
    const units = splitUnits(text, 100);
    expect(units.length).toBeGreaterThanOrEqual(10);
    expect(units.map((unit) => text.slice(unit.start, unit.end)).join('')).toBe(text);
    for (const unit of units) {
      expect(unit.end - unit.start).toBeLessThanOrEqual(100);
      expect(unit.paragraph).toEqual({ start: 0, end: text.length });
      if (unit.end < text.length) expect(text.slice(unit.start, unit.end)).toMatch(/\. $/);
    }
  });

  it('never cuts a surrogate pair when a token has no spaces', () => {
    const text = '😀'.repeat(100);
    for (const unit of splitUnits(text, 33)) {
      expect(text.slice(unit.start, unit.end)).toBe(text.slice(unit.start, unit.end).toWellFormed());
      expect(unit.end - unit.start).toBeLessThanOrEqual(33);
    }
  });

  // Counted, not timed (how long it takes is paragraphs.timing.test.ts). It reads each character
  // about 2.6 times (the line scan, then the search for a cut back over half of each chunk); a
  // split that went back over the whole paragraph for each chunk would read it hundreds of times.
  it('splits a 5 MB single line reading each character a bounded number of times', () => {
    const line = 'word '.repeat(1024 * 1024);
    let reads = 0;
    const counted: TextAccess = {
      length: line.length,
      charCodeAt: (offset) => {
        reads += 1;
        return line.charCodeAt(offset);
      },
      slice: (start, end) => {
        reads += Math.max(0, Math.min(end, line.length) - start);
        return line.slice(start, end);
      },
    };
    const units = splitUnits(counted);
    expect(units.length).toBeGreaterThan(1_000);
    expect(units.at(-1)?.end).toBe(line.length);
    expect(reads).toBeLessThanOrEqual(4 * line.length);
  });
});

describe('planCheck', () => {
  it('orders units by distance from the visible range', () => {
    const text = ['A one.', 'B two.', 'C three.', 'D four.', 'E five.'].join('\n\n');
    const visible = { start: text.indexOf('D'), end: text.indexOf('D') + 3 };
    const order = planCheck(text, visible).units.map((unit) => text[unit.start]);
    expect(order).toEqual(['D', 'C', 'E', 'B', 'A']);
    expect(planCheck(text, undefined).units.map((unit) => text[unit.start])).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('limits a huge paragraph to its visible part and says so', () => {
    const text = `Short one.\n\n${'word '.repeat(100_000)}`;
    const limits = { unitLength: 4_096, hugeParagraph: 65_536, hugeDocument: 4 * 1024 * 1024, nearVisible: 1_000 };
    const hidden = planCheck(text, undefined, limits);
    expect(hidden.units).toHaveLength(1);
    expect(hidden.degraded).toMatch(/not checked until a visible range/);
    const visible = planCheck(text, { start: 300_000, end: 301_000 }, limits);
    expect(visible.units.length).toBeGreaterThanOrEqual(1);
    expect(visible.units.length).toBeLessThanOrEqual(3);
    expect(visible.degraded).toMatch(/only their visible part/);
  });

  it('limits a huge document to the surroundings of the visible range', () => {
    const text = 'A short paragraph here.\n\n'.repeat(50_000);
    const limits = { unitLength: 4_096, hugeParagraph: 65_536, hugeDocument: 1024 * 1024, nearVisible: 1_000 };
    const plan = planCheck(text, { start: 600_000, end: 601_000 }, limits);
    expect(plan.units.length).toBeLessThan(200);
    expect(plan.units.every((unit) => unit.end >= 599_000 && unit.start <= 602_000)).toBe(true);
    expect(plan.degraded).toMatch(/only the visible part and its surroundings/);
  });

  it('clamps a visible range to the document', () => {
    expect(clampRange({ start: 5, end: 50 }, 10)).toEqual({ start: 5, end: 10 });
    expect(clampRange({ start: 50, end: 60 }, 10)).toEqual({ start: 10, end: 10 });
  });
});

describe('utf16Range', () => {
  it('takes UTF-16 spans as they are', () => {
    const text = '😀 an';
    expect(utf16Range(text, 3, 5, 'an')).toEqual({ start: 3, end: 5 });
  });

  it('maps code-point spans to UTF-16 when that is what fits', () => {
    const text = '😀😀 an test';
    expect(utf16Range(text, 3, 5, 'an')).toEqual({ start: 5, end: 7 });
  });

  it('drops a span that fits neither reading', () => {
    expect(utf16Range('abc', 0, 2, 'zz')).toBeUndefined();
    expect(utf16Range('abc', 2, 9, 'c')).toBeUndefined();
    expect(utf16Range('abc', -1, 1, 'a')).toBeUndefined();
  });

  it('matches harper’s U+FFFD for a lone surrogate', () => {
    expect(utf16Range('a\uD800b', 1, 2, '\uFFFD')).toEqual({ start: 1, end: 2 });
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry by count and by weight', () => {
    const cache = new LruCache<string, number>({ maxEntries: 2, maxWeight: 10, weigh: (key) => key.length });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    cache.set('dddddddddd', 4);
    expect(cache.size).toBe(1);
    cache.set('eleven-long', 5);
    expect(cache.has('eleven-long')).toBe(false);
  });
});
