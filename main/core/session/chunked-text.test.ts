import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedText } from './chunked-text.ts';

const operation = fc.record({ a: fc.nat(), b: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 12 }) });

describe('ChunkedText', () => {
  it('reads and edits exactly like a string, across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(operation, { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), (initial, operations, size) => {
        const chunked = new ChunkedText(initial, size);
        let reference = initial;
        for (const { a, b, text } of operations) {
          const start = a % (reference.length + 1);
          const end = start + (b % (reference.length - start + 1));
          chunked.replace(start, end - start, text);
          reference = reference.slice(0, start) + text + reference.slice(end);
          expect(chunked.length).toBe(reference.length);
          expect(chunked.slice(end, start + 7)).toBe(reference.slice(end, start + 7));
          expect(chunked.charCodeAt(start)).toEqual(reference.charCodeAt(start));
        }
        expect(chunked.toString()).toBe(reference);
        expect(chunked.slice(-5, reference.length + 5)).toBe(reference);
        expect(chunked.charCodeAt(reference.length)).toBeNaN();
      }),
      { numRuns: 1_000 },
    );
  });

  it('edits from empty, and back to empty', () => {
    const chunked = new ChunkedText('', 4);
    chunked.replace(0, 0, 'hello world');
    chunked.replace(0, 11, '');
    expect(chunked.toString()).toBe('');
    chunked.replace(0, 0, 'again');
    expect(chunked.toString()).toBe('again');
  });
});
