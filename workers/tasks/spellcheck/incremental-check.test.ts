import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpellcheckApi } from '../../common/task-api.ts';
import { checkOneWordEdits } from './test/one-word-edits.ts';
import { checkOnce, never, newSpellcheckTask } from './test/task-harness.ts';

const uri = 'untitled:incremental';
let incremental: SpellcheckApi;
let scratch: SpellcheckApi;

beforeAll(async () => {
  [incremental, scratch] = await Promise.all([newSpellcheckTask(), newSpellcheckTask()]);
});

const LINES = ['', 'The quick brown fox.', 'tomorow we recieve', '```', '~~~', '    indented recieve', '- a tyop here', '> quoted wrod',
  'see `recieve` and https://x.example/wrod', '---', 'well-knwon', '\tcode tyop', 'ok\r', '👩‍👩‍👧 tomorow'];
const INSERTS = ['', 'a', 'e', ' ', '\n', '`', '```', '-', '    ', 'tyop', 'the', '\r\n', '~~~', "'"];
const documentArbitrary = fc.array(fc.constantFrom(...LINES), { maxLength: 20 }).map((lines) => lines.join('\n'));
const editArbitrary = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 10 }),
  text: fc.array(fc.constantFrom(...INSERTS), { maxLength: 3 }).map((parts) => parts.join('')),
});

describe('incremental spellcheck', () => {
  it('equals checking from scratch after every one of a series of random edits', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(documentArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), async (initial, edits) => {
        const runUri = `${uri}-${++run}`;
        let text = initial;
        await incremental.open({ uri: runUri, version: 1, text, path: null }, never);
        await incremental.check({ version: 1 }, never);
        let version = 1;
        for (const { at, length, text: inserted } of edits) {
          const offset = at % (text.length + 1);
          const removed = Math.min(length, text.length - offset);
          version += 1;
          await incremental.change({ uri: runUri, version, edits: [{ offset, length: removed, text: inserted }] }, never);
          text = text.slice(0, offset) + inserted + text.slice(offset + removed);
          const result = await incremental.check({ version }, never);
          const expected = await checkOnce(scratch, text, runUri);
          expect(result.issues).toEqual(expected.issues);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('re-checks exactly one line after a one-word edit in a 200 KB document', async () => {
    const { first, edits } = await checkOneWordEdits(incremental, uri);
    expect(first.issues).toEqual([]);
    for (const { replacement, result } of edits) {
      expect(result.checkedLines).toBe(1);
      expect(result.issues.map((issue) => issue.word)).toEqual(replacement === 'peeple' ? ['peeple'] : []);
    }
  });
});

describe('spellcheck on bad input', () => {
  // How long it takes is incremental-check.timing.test.ts.
  it('skips a 5 MB single line and says so', async () => {
    const result = await checkOnce(incremental, 'tomorow '.repeat(655_360), uri);
    expect(result.issues).toEqual([]);
    expect(result.degraded).toBe('1 line longer than 50000 characters not checked');
  });

  it('caps the number of issues it returns and says how many there were', async () => {
    const result = await checkOnce(incremental, 'tyop wrod\n'.repeat(6_000), uri);
    expect(result.issues).toHaveLength(10_000);
    expect(result.degraded).toBe('showing the first 10000 of 12000 misspellings');
  });

  it.each([
    ['NUL bytes', 'tomorow\u0000recieve \u0000\u0000 fine'],
    ['lone surrogates', 'half\ud800tomorow \udfff recieve\ud800'],
    ['mixed CRLF', 'tomorow\r\nfine\rrecieve\n\r\ngood\r\n'],
    ['right-to-left text', 'שלום tomorow مرحبا \u202erecieve\u202c'],
    ['emoji ZWJ sequences', '👩‍👩‍👧‍👦tomorow 🏳️‍🌈 recieve🧑🏽‍💻'],
  ])('%s: exact offsets of both misspellings', async (_name, text) => {
    const result = await checkOnce(incremental, text, uri);
    expect(result.issues.map(({ start, end, word }) => [text.slice(start, end), word])).toEqual([
      ['tomorow', 'tomorow'],
      ['recieve', 'recieve'],
    ]);
    expect(result.degraded).toBeUndefined();
  });
});
