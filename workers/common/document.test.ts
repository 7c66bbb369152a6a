import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, documentStats, mapRange, VersionedDocument, type TextEdit } from './document.ts';

/** Text that stresses UTF-16 handling: CRLF mixes, emoji and ZWJ sequences, combining marks, lone surrogates, RTL, NUL. */
const trickyPiece = fc.constantFrom(
  'a', 'word ', '\r\n', '\n', '\r', '😀', '👩‍👩‍👧', 'é', 'e\u0301', '\ud800', '\udfff', 'שלום', '\u0000', '\t', ' ',
);
const trickyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.array(trickyPiece).map((parts) => parts.join('')));

/** Non-overlapping edits against `text`, as one Monaco content-change event produces them. */
function editsFor(text: string): fc.Arbitrary<TextEdit[]> {
  return fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length }), trickyText), { maxLength: 4 })
    .map((raw) => {
      const cuts = raw.map(([a, b, insert]) => ({ start: Math.min(a, b), end: Math.max(a, b), insert }));
      cuts.sort((x, y) => x.start - y.start);
      const edits: TextEdit[] = [];
      let floor = 0;
      for (const cut of cuts) {
        if (cut.start < floor) continue;
        edits.push({ offset: cut.start, length: cut.end - cut.start, text: cut.insert });
        floor = cut.end + 1;
      }
      return edits.reverse();
    });
}

/** An independent reference: splice an array of UTF-16 code units, last edit first. */
function reference(text: string, edits: readonly TextEdit[]): string {
  const units = Array.from({ length: text.length }, (_, index) => text[index] ?? '');
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    units.splice(edit.offset, edit.length, ...Array.from({ length: edit.text.length }, (_, index) => edit.text[index] ?? ''));
  }
  return units.join('');
}

/** A starting text and one seed per step; each step draws its edits against the text so far. */
const editSequence = fc.record({ initial: trickyText, seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }) });

describe('applyEdits and VersionedDocument', () => {
  it('mirrors any sequence of Monaco-style edits exactly', () => {
    fc.assert(
      fc.property(editSequence, ({ initial, seeds }) => {
        const mirror = new VersionedDocument({ uri: 'untitled:1', version: 0, text: initial });
        let expected = initial;
        for (let step = 0; step < seeds.length; step += 1) {
          const edits = fc.sample(editsFor(expected), { numRuns: 1, seed: seeds[step] ?? 0 })[0] ?? [];
          expected = reference(expected, edits);
          expect(mirror.apply({ uri: 'untitled:1', version: step + 1, edits })).toBe(true);
        }
        expect(mirror.text).toBe(expected);
        expect(mirror.version).toBe(seeds.length);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores a repeated change and refuses a skipped or foreign one without changing the text', () => {
    const mirror = new VersionedDocument({ uri: 'untitled:1', version: 3, text: 'abc' });
    expect(mirror.apply({ uri: 'untitled:1', version: 3, edits: [{ offset: 0, length: 0, text: 'x' }] })).toBe(false);
    expect(() => mirror.apply({ uri: 'untitled:1', version: 5, edits: [] })).toThrow(/version 3/);
    expect(() => mirror.apply({ uri: 'untitled:2', version: 4, edits: [] })).toThrow(/untitled:2/);
    expect(mirror.text).toBe('abc');
  });

  it('rejects edits out of range or overlapping, leaving nothing half-applied', () => {
    expect(() => applyEdits('abc', [{ offset: 2, length: 5, text: '' }])).toThrow(/past the end/);
    expect(() => applyEdits('abc', [{ offset: -1, length: 0, text: '' }])).toThrow(/non-negative/);
    expect(() => applyEdits('abcdef', [{ offset: 0, length: 3, text: '' }, { offset: 2, length: 2, text: '' }])).toThrow(/overlap/);
  });
});

describe('mapRange', () => {
  it('shifts a range past earlier edits and drops it when an edit touches it', () => {
    fc.assert(
      fc.property(trickyText, fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.min(text.length, start + (Math.max(a, b) % 5));
        const range = { start, end };
        const edits = fc.sample(editsFor(text), { numRuns: 1, seed: a ^ b })[0] ?? [];
        const mapped = mapRange(range, edits);
        const after = reference(text, edits);
        if (mapped) expect(after.slice(mapped.start, mapped.end)).toBe(text.slice(start, end));
        else expect(edits.some((edit) => edit.offset <= end && edit.offset + edit.length >= start)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('documentStats', () => {
  it('counts words as the pattern [letters/digits]+ joined by single apostrophes or hyphens', () => {
    const reference = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;
    const piece = fc.constantFrom('a', 'Z', '7', 'é', '😀', "'", '’', '-', ' ', '\n', '--', 'ß', '中', '\u0301');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(documentStats(text).words).toBe([...text.matchAll(reference)].length);
      }),
      { numRuns: 5_000 },
    );
  });

  it('counts a word of millions of letters in non-Latin-1 text without overflowing', () => {
    expect(documentStats(`€ ${'a'.repeat(4_300_000)}`)).toEqual({ lines: 1, words: 1, characters: 4_300_002 });
  });

  it('counts lines, words and characters (code points)', () => {
    expect(documentStats('')).toEqual({ lines: 1, words: 0, characters: 0 });
    expect(documentStats("Don't stop—the well-known 2 cats\n😀 ok\r\n")).toEqual({ lines: 3, words: 7, characters: 39 });
  });
});
