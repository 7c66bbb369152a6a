import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, type TextEdit } from '../../common/document.ts';
import type { ForkpadError } from '../../common/errors.ts';
import type { GrammarEvents, GrammarResult } from '../../common/task-api.ts';
import { GrammarChecker, type GrammarCheckerOptions } from './grammar-checker.ts';
import { HARPER_SPELLING_RULE, loadHarper, type ParagraphLinter } from './harper-linter.ts';
import { grammarApi } from './index.ts';
import { MAX_UNIT_LENGTH } from './paragraphs.ts';
import { HARPER_WASM } from './test-assets.ts';

let linter: ParagraphLinter;
const signal = new AbortController().signal;

// harper takes about a second to set up: one linter serves every test in this file.
beforeAll(async () => {
  linter = await loadHarper(HARPER_WASM, () => undefined);
}, 60_000);

function checkerWith(overrides: Partial<GrammarCheckerOptions> = {}): { checker: GrammarChecker; progress: GrammarEvents['progress'][] } {
  const progress: GrammarEvents['progress'][] = [];
  const checker = new GrammarChecker({ linter, ignoredRules: [], emitProgress: (event) => progress.push(event), log: () => undefined, ...overrides });
  return { checker, progress };
}

/** The shared linter, with the length of every text handed to harper written down. */
function countingLinter(): { linter: ParagraphLinter; lengths: number[] } {
  const lengths: number[] = [];
  const counted: ParagraphLinter = {
    lint: (text) => {
      lengths.push(text.length);
      return linter.lint(text);
    },
    get rules() {
      return linter.rules;
    },
    get droppedLints() {
      return linter.droppedLints;
    },
  };
  return { linter: counted, lengths };
}

async function checkText(text: string, overrides: Partial<GrammarCheckerOptions> = {}): Promise<GrammarResult> {
  const { checker } = checkerWith(overrides);
  checker.open({ uri: 'file:///test.md', version: 1, text, path: null });
  return checker.check({ version: 1 }, signal);
}

function expectAnA(result: GrammarResult, text: string, occurrences: number): void {
  const articles = result.issues.filter((issue) => issue.rule === 'AnA');
  expect(articles).toHaveLength(occurrences);
  let from = 0;
  for (const issue of articles) {
    const at = text.indexOf(' an ', from) + 1;
    expect({ start: issue.start, end: issue.end }).toEqual({ start: at, end: at + 2 });
    from = at + 2;
  }
}

describe('grammar with harper', () => {
  it('finds the article in "This is an test." and suggests "a"', async () => {
    const result = await checkText('This is an test.');
    expect(result).toMatchObject({ uri: 'file:///test.md', version: 1, paragraphs: { total: 1, linted: 1, cached: 0 } });
    expect(result.issues).toEqual([
      { start: 8, end: 10, message: 'Incorrect indefinite article.', kind: 'Miscellaneous', rule: 'AnA', suggestions: [{ kind: 'replace', text: 'a' }] },
    ]);
  });

  it('keeps offsets exact after emoji, skin tones and ZWJ sequences', async () => {
    const text = '😀👍🏽 This is an test.\n\n👨‍👩‍👧‍👦🏳️‍🌈 Here is an test, and 𝐀𝐁𝐂 is an test.\r\n\r\né and é: this is an test.';
    const result = await checkText(text);
    expectAnA(result, text, 4);
    for (const issue of result.issues) expect(text.slice(issue.start, issue.end)).toBe('an');
  });

  it('leaves spelling to the spellcheck task', async () => {
    const result = await checkText('I will recieve teh letter tomorow.');
    expect(result.issues.filter((issue) => issue.rule === HARPER_SPELLING_RULE)).toEqual([]);
    expect(linter.rules).toContain(HARPER_SPELLING_RULE);
  });

  it('ignores a rule from the settings and from setIgnoredRules, and lints nothing again for it', async () => {
    const text = 'This is an test.';
    expect((await checkText(text, { ignoredRules: ['AnA'] })).issues).toEqual([]);
    const { checker } = checkerWith();
    const api = grammarApi(checker);
    await api.open({ uri: 'u', version: 1, text, path: null }, signal);
    expect((await api.check({ version: 1 }, signal)).issues).toHaveLength(1);
    await api.setIgnoredRules({ rules: ['AnA'] }, signal);
    const ignored = await api.check({ version: 1 }, signal);
    expect(ignored.issues).toEqual([]);
    expect(ignored.paragraphs).toEqual({ total: 1, linted: 0, cached: 1 });
    await api.setIgnoredRules({ rules: [] }, signal);
    expect((await api.check({ version: 1 }, signal)).issues).toHaveLength(1);
  });

  it('skips fenced code', async () => {
    const result = await checkText('```\nThis is an test.\n\nThis is an test.\n```\n\nThis is an test.');
    expect(result.issues).toHaveLength(1);
    expect(result.paragraphs.total).toBe(1);
  });
});

describe('grammar on bad input', () => {
  it('answers NUL, lone surrogates, CRLF mixes, RTL and ZWJ with exact offsets', async () => {
    const text = [
      'a\u0000b This is an test.',
      '\uD800 lone \uDFFF This is an test.',
      'Mixed\r\nline\rbreaks\nThis is an test.',
      'مرحبا بالعالم This is an test. שלום עולם',
      '\u200D\u200D\u200D This is an test.',
    ].join('\r\n\n');
    const result = await checkText(text);
    expectAnA(result, text, 5);
    for (const issue of result.issues) {
      expect(issue.start).toBeGreaterThanOrEqual(0);
      expect(issue.end).toBeLessThanOrEqual(text.length);
      expect(issue.start).toBeLessThanOrEqual(issue.end);
    }
  });

  // Bounded by what harper is given, not by a clock (how long it takes is grammar.timing.test.ts).
  it('limits a 5 MB single line openly instead of hanging', async () => {
    const text = 'This is an test of a very long line. '.repeat(Math.ceil((5 * 1024 * 1024) / 37));
    const hiddenCalls = countingLinter();
    const hidden = await checkText(text, { linter: hiddenCalls.linter });
    expect(hidden.degraded).toMatch(/Grammar is limited/);
    expect(hidden.paragraphs.linted).toBe(0);
    expect(hiddenCalls.lengths).toEqual([]);
    const visibleCalls = countingLinter();
    const { checker } = checkerWith({ linter: visibleCalls.linter });
    checker.open({ uri: 'big', version: 1, text, path: null });
    const visible = await checker.check({ version: 1, visible: { start: 2_000_000, end: 2_003_000 } }, signal);
    expect(visible.paragraphs.linted).toBeGreaterThanOrEqual(1);
    expect(visible.paragraphs.linted).toBeLessThanOrEqual(3);
    expect(visibleCalls.lengths.length).toBeLessThanOrEqual(3);
    for (const length of visibleCalls.lengths) expect(length).toBeLessThanOrEqual(MAX_UNIT_LENGTH);
    expect(visible.issues.length).toBeGreaterThan(0);
    for (const issue of visible.issues) expect(text.slice(issue.start, issue.end)).toBe('an');
  }, 30_000);

  it('refuses malformed requests, unknown documents and skipped versions clearly', async () => {
    const api = grammarApi(checkerWith().checker);
    await expect(api.check({ version: 1 }, signal)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(Promise.resolve().then(() => api.open({ uri: 'u', version: -1, text: '', path: null }, signal))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await api.open({ uri: 'u', version: 1, text: 'Hello.', path: null }, signal);
    await expect(api.check({ version: 2 }, signal)).rejects.toMatchObject({ code: 'OUT_OF_SYNC' });
    const skip = () => api.change({ uri: 'u', version: 3, edits: [] }, signal);
    expect(skip).toThrow(expect.objectContaining({ code: 'OUT_OF_SYNC' }) as ForkpadError);
    const badEdit = () => api.change({ uri: 'u', version: 2, edits: [{ offset: 99, length: 0, text: 'x' }] }, signal);
    expect(badEdit).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as ForkpadError);
    const badRange = () => api.check({ version: 1, visible: { start: 5, end: 1 } }, signal);
    expect(badRange).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as ForkpadError);
    const notRules = () => api.setIgnoredRules({ rules: [42] } as unknown as { rules: string[] }, signal);
    expect(notRules).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as ForkpadError);
  });

  it('fails to load with a clear error for a missing or foreign WASM file, without an unhandled rejection', async () => {
    await expect(loadHarper('/nonexistent/harper.wasm', () => undefined)).rejects.toMatchObject({ code: 'GRAMMAR_LOAD_FAILED' });
    const directory = await mkdtemp(join(tmpdir(), 'forkpad grammar ')); // a space, as in "Application Support"
    const foreign = join(directory, 'harper_wasm_bg.wasm');
    await writeFile(foreign, 'not wasm at all');
    await expect(loadHarper(foreign, () => undefined)).rejects.toThrow(/not WebAssembly/);
  });

  it('fails to load a damaged WASM file in a fresh thread with a clear error, and the thread survives', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'forkpad-grammar-'));
    const damaged = join(directory, 'harper_wasm_bg.wasm');
    await writeFile(damaged, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff]));
    const worker = new Worker(new URL('./fixtures/load-harper-thread.ts', import.meta.url), { workerData: damaged });
    const outcome = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(outcome).toMatchObject({ ok: false, code: 'GRAMMAR_LOAD_FAILED' });
    await worker.terminate();
  });
});

/** Pieces of text that make harper speak, and the characters that break naive offset code. */
const piece = fc.constantFrom(
  'This is an test. ',
  'I has a apple. ',
  'Their is alot of it. ',
  'fine words here ',
  '\n\n',
  '\r\n',
  '\r',
  '```\n',
  '😀 ',
  '👨‍👩‍👧 ',
  'שלום ',
  '\u0000',
  '\uD800',
  '\uDC00',
  'é ',
);
const documentText = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));
const editSeed = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), span: fc.double({ min: 0, max: 1, noNaN: true }), text: documentText });

function seededEdit(text: string, seed: { at: number; span: number; text: string }): TextEdit {
  const offset = Math.floor(seed.at * text.length);
  return { offset, length: Math.floor(seed.span * (text.length - offset) * 0.3), text: seed.text };
}

describe('grammar, incremental against from scratch', () => {
  it('gives the same issues after any edits as a fresh check of the final text, all inside the document', async () => {
    await fc.assert(
      fc.asyncProperty(documentText, fc.array(editSeed, { maxLength: 4 }), async (initial, seeds) => {
        const { checker } = checkerWith();
        checker.open({ uri: 'u', version: 1, text: initial, path: null });
        await checker.check({ version: 1 }, signal);
        let text = initial;
        for (const [index, seed] of seeds.entries()) {
          const edit = seededEdit(text, seed);
          text = applyEdits(text, [edit]);
          checker.change({ uri: 'u', version: index + 2, edits: [edit] });
        }
        const incremental = await checker.check({ version: seeds.length + 1 }, signal);
        const fresh = await checkText(text);
        expect(incremental.issues).toEqual(fresh.issues);
        for (const issue of incremental.issues) {
          expect(0 <= issue.start && issue.start <= issue.end && issue.end <= text.length).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    // Every span harper reported matched its text: none had to be dropped.
    expect(linter.droppedLints).toBe(0);
  }, 120_000);
});
