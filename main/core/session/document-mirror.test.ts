import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, documentStats, type TextEdit } from '../../../workers/common/document.ts';
import { DocumentMirror } from './document-mirror.ts';

/** Pieces that sit right at the edges of the hard-boundary rule: apostrophes, hyphens, ’, surrogates, CRLF. */
const piece = fc.constantFrom(
  'a', 'Word', ' ', '\n', '\r\n', "'", '-', '’', "don't", 'well-known', '😀', '\ud83d', '\ude00', 'é', 'e\u0301', '42', '.', 'שלום', '\u0000', '--',
);
const text = fc.oneof(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), fc.string({ unit: 'binary', maxLength: 40 }));

/** Non-overlapping edits against `base`, as one Monaco content-change event produces them. */
function editsFor(base: string, seed: number): TextEdit[] {
  const raw = fc.sample(fc.array(fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: base.length }), text), { maxLength: 3 }), {
    numRuns: 1,
    seed,
  })[0] ?? [];
  const cuts = raw.map(([a, b, insert]) => ({ start: Math.min(a, b), end: Math.max(a, b), insert })).sort((x, y) => x.start - y.start);
  const edits: TextEdit[] = [];
  let floor = 0;
  for (const cut of cuts) {
    if (cut.start < floor) continue;
    edits.push({ offset: cut.start, length: cut.end - cut.start, text: cut.insert });
    floor = cut.end;
  }
  return edits;
}

describe('DocumentMirror', () => {
  it('keeps stats equal to a full recount after any edit sequence', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { minLength: 1, maxLength: 15 }), (initial, seeds) => {
        const mirror = new DocumentMirror({ uri: 'doc:1', version: 0, text: initial });
        seeds.forEach((seed, step) => {
          mirror.apply({ uri: 'doc:1', version: step + 1, edits: editsFor(mirror.text, seed) });
          expect(mirror.stats).toEqual(documentStats(mirror.text));
        });
      }),
      { numRuns: 400 },
    );
  });

  it('accepts and refuses exactly what applyEdits does, and ends with the same text', () => {
    const anyEdit = fc.record({ offset: fc.integer({ min: -2, max: 50 }), length: fc.integer({ min: -1, max: 20 }), text: fc.string({ maxLength: 5 }) });
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.array(anyEdit, { maxLength: 3 }), { maxLength: 10 }), (initial, changes) => {
        const mirror = new DocumentMirror({ uri: 'doc:1', version: 0, text: initial });
        let reference = initial;
        for (const edits of changes) {
          let expected: string | Error;
          try {
            expected = applyEdits(reference, edits);
          } catch (error) {
            expected = error as Error;
          }
          const version = mirror.version + 1;
          if (expected instanceof Error) {
            expect(() => mirror.apply({ uri: 'doc:1', version, edits })).toThrow(expected.message);
            expect(mirror.version).toBe(version - 1);
          } else {
            mirror.apply({ uri: 'doc:1', version, edits });
            reference = expected;
          }
          expect(mirror.text).toBe(reference);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('answers a repeated identical change as a repeat, and refuses a different one for an old version', () => {
    const mirror = new DocumentMirror({ uri: 'doc:1', version: 0, text: '' });
    const change = { uri: 'doc:1', version: 1, edits: [{ offset: 0, length: 0, text: 'hi' }] };
    expect(mirror.apply(change)).toBe('applied');
    expect(mirror.apply(change)).toBe('repeat');
    expect(() => mirror.apply({ ...change, edits: [{ offset: 0, length: 0, text: 'ho' }] })).toThrow(/version 1/);
    expect(() => mirror.apply({ uri: 'doc:1', version: 3, edits: [] })).toThrow(expect.objectContaining({ code: 'OUT_OF_SYNC' }));
    expect(() => mirror.apply({ uri: 'doc:2', version: 2, edits: [] })).toThrow(/doc:2.*doc:1/);
    expect(mirror.text).toBe('hi');
  });

  it('returns the changes since a version while it still has them', () => {
    const mirror = new DocumentMirror({ uri: 'doc:1', version: 5, text: '' });
    for (let version = 6; version <= 9; version += 1) {
      mirror.apply({ uri: 'doc:1', version, edits: [{ offset: 0, length: 0, text: String(version) }] });
    }
    expect(mirror.changesSince(7)?.map((change) => change.version)).toEqual([8, 9]);
    expect(mirror.changesSince(9)).toEqual([]);
    expect(mirror.changesSince(4)).toBeUndefined();
    mirror.reset({ uri: 'doc:1', version: 12, text: 'x' });
    expect(mirror.changesSince(9)).toBeUndefined();
  });

  it('answers a keystroke in a 5 MB single-line document quickly', () => {
    const line = 'lorem ipsum dolor '.repeat(300_000);
    const mirror = new DocumentMirror({ uri: 'doc:big', version: 0, text: line });
    const startedAt = performance.now();
    for (let version = 1; version <= 200; version += 1) {
      mirror.apply({ uri: 'doc:big', version, edits: [{ offset: 2_000_000 + version, length: 0, text: 'x' }] });
    }
    const perKeystroke = (performance.now() - startedAt) / 200;
    expect(mirror.stats).toEqual(documentStats(mirror.text));
    expect(perKeystroke).toBeLessThan(2);
  });
});
