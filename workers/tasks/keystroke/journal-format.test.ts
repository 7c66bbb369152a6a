import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '../../common/document.ts';
import { encodeJournal, encodeRecord, JOURNAL_MAGIC, readJournal, stateAt, type BaseRecord, type ChangeRecord } from './journal-format.ts';

/** Text with the characters that break naive code: NUL, lone surrogates, CRLF, RTL, ZWJ, emoji. */
const nastyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\r\n', '\r', '\n', 'ש', 'م', '\u200D', '👨‍👩‍👧', '😀', '"', '\\', 'é'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

/** An edit described by fractions, so any text length gives a valid edit and shrinking works. */
const editSeed = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), span: fc.double({ min: 0, max: 1, noNaN: true }), text: nastyText });

const journalCase = fc.record({
  base: nastyText,
  path: fc.option(fc.constantFrom('/tmp/a.md', 'C:\\Users\\é\\b.md'), { nil: null }),
  dirty: fc.boolean(),
  version: fc.nat({ max: 1_000_000 }),
  seeds: fc.array(fc.array(editSeed, { minLength: 1, maxLength: 2 }), { maxLength: 12 }),
});

interface Built {
  readonly bytes: Buffer;
  /** `states[i]` is the text after `i` changes; `ends[i]` the file length when it was written. */
  readonly states: readonly string[];
  readonly ends: readonly number[];
  readonly firstVersion: number;
}

function toEdits(text: string, seeds: readonly { at: number; span: number; text: string }[]): TextEdit[] {
  // Edits of one change do not overlap: cut the text into ordered, disjoint windows.
  const edits: TextEdit[] = [];
  let from = 0;
  for (const seed of seeds) {
    const offset = from + Math.floor(seed.at * (text.length - from));
    const length = Math.floor(seed.span * (text.length - offset) * 0.5);
    edits.push({ offset, length, text: seed.text });
    from = offset + length;
  }
  return edits;
}

type JournalCase = typeof journalCase extends fc.Arbitrary<infer T> ? T : never;

function build(input: JournalCase): Built {
  const base: BaseRecord = { t: 'base', uri: 'file:///doc.md', path: input.path, version: input.version, text: input.base, dirty: input.dirty };
  const changes: ChangeRecord[] = [];
  const states = [input.base];
  let text = input.base;
  for (const [index, seeds] of input.seeds.entries()) {
    const edits = toEdits(text, seeds);
    text = applyEdits(text, edits);
    states.push(text);
    changes.push({ t: 'change', version: input.version + index + 1, edits });
  }
  const ends = [JOURNAL_MAGIC.length + encodeRecord(base).length];
  for (const change of changes) ends.push((ends.at(-1) ?? 0) + encodeRecord(change).length);
  return { bytes: encodeJournal(base, changes), states, ends, firstVersion: input.version };
}

describe('journal reader', () => {
  it('reads back exactly what was written: text, version, path and dirtiness', () => {
    fc.assert(
      fc.property(journalCase, (input) => {
        const built = build(input);
        const read = readJournal(built.bytes);
        expect(read.state.text).toBe(built.states.at(-1));
        expect(read.state.version).toBe(input.version + input.seeds.length);
        expect(read.state.path).toBe(input.path);
        expect(read.state.dirty).toBe(input.dirty || input.seeds.length > 0);
        expect(read.tornBytes).toBe(0);
        for (const [count, state] of built.states.entries()) expect(stateAt(read.base, read.changes, input.version + count)).toBe(state);
      }),
      { numRuns: 2_000 },
    );
  });

  it('cut anywhere, gives exactly the state of the last whole record, or a clear error before the base', () => {
    fc.assert(
      fc.property(journalCase, fc.double({ min: 0, max: 1, noNaN: true }), (input, where) => {
        const built = build(input);
        const cut = Math.floor(where * built.bytes.length);
        const torn = built.bytes.subarray(0, cut);
        const whole = built.ends.filter((end) => end <= cut).length;
        if (whole === 0) {
          expect(() => readJournal(torn)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
          return;
        }
        const read = readJournal(torn);
        expect(read.state.text).toBe(built.states[whole - 1]);
        expect(read.state.version).toBe(built.firstVersion + whole - 1);
        expect(read.validBytes).toBe(built.ends[whole - 1]);
        expect(read.tornBytes).toBe(cut - (built.ends[whole - 1] ?? 0));
      }),
      { numRuns: 10_000 },
    );
  });

  it('with damaged bytes, gives one of the states that were written, or a clear error: never a wrong document', () => {
    fc.assert(
      fc.property(journalCase, fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }), (input, damage) => {
        const built = build(input);
        const bytes = Buffer.from(built.bytes);
        for (const { at, value } of damage) bytes[Math.min(bytes.length - 1, Math.floor(at * bytes.length))] = value;
        let read;
        try {
          read = readJournal(bytes);
        } catch (error) {
          expect(error).toMatchObject({ code: 'INVALID_INPUT' });
          return;
        }
        const count = read.state.version - built.firstVersion;
        expect(built.states[count]).toBe(read.state.text);
      }),
      { numRuns: 10_000 },
    );
  });

  it('rejects arbitrary bytes with a clear error or reads them as a well-formed journal', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 300 }), (withMagic, tail) => {
        const bytes = withMagic ? Buffer.concat([JOURNAL_MAGIC, tail]) : Buffer.from(tail);
        try {
          const read = readJournal(bytes);
          expect(read.validBytes + read.tornBytes).toBe(bytes.length);
        } catch (error) {
          expect(error).toMatchObject({ code: 'INVALID_INPUT' });
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('stops at records that are well-formed but out of order', () => {
    const base: BaseRecord = { t: 'base', uri: 'u', path: null, version: 5, text: 'abc', dirty: false };
    const skip = encodeJournal(base, [{ t: 'change', version: 7, edits: [] }]);
    expect(readJournal(skip)).toMatchObject({ state: { version: 5, text: 'abc' }, tornReason: expect.stringMatching(/does not follow/) as string });
    const outOfRange = encodeJournal(base, [{ t: 'change', version: 6, edits: [{ offset: 9, length: 0, text: 'x' }] }]);
    expect(readJournal(outOfRange)).toMatchObject({ state: { version: 5, text: 'abc' }, tornReason: expect.stringMatching(/does not apply/) as string });
    const twoBases = Buffer.concat([encodeJournal(base), encodeRecord({ ...base, version: 6 })]);
    expect(readJournal(twoBases).tornReason).toMatch(/second base/);
  });
});
