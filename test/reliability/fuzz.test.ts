/**
 * Fuzzing (issue 8): every task API through its task module, edit application, the journal
 * reader with torn tails and the file reader, each with at least 10,000 fast-check cases of
 * hostile Unicode (lone surrogates, NUL, CRLF mixes, RTL, ZWJ) and broken requests, plus 5 MB
 * lines. No crash, no case over 2 s (a case that never returns is stopped from outside its
 * thread), and bad input gets a clear error. Targets run in worker threads, two at a time.
 *
 * The protocol decoder's 10,000-case properties live beside it (workers/common/rpc-messages.test.ts)
 * and the journal reader's cut and damaged-byte properties beside it (journal-format.test.ts);
 * the page counts them with these.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CASE_LIMIT_MS } from './fuzz/case-clock.ts';
import { runFuzz, type FuzzOutcome } from './fuzz/run-fuzz.ts';
import { WATCHDOG_SELF_TEST } from './fuzz/targets.ts';
import { ranWhole, recordFigures } from './support/figures.ts';
import { runSeed } from './support/real-core.ts';

const CASES = 10_000;
const SEED = runSeed();
const startedAt = performance.now();

/** [target, cases, threads]: a slow target is split over two threads with different seeds. */
const PLAN: readonly (readonly [string, number, number])[] = [
  ['grammar API', CASES, 2],
  ['spellcheck API', CASES, 1],
  ['keystroke API', CASES, 1],
  ['render API', CASES, 1],
  ['edit application', CASES, 1],
  ['journal reader, torn tails', CASES, 1],
  ['file reader', CASES, 1],
  ['keystroke API, 5 MB lines', 3, 1],
  ['render API, 5 MB lines', 3, 1],
  ['spellcheck API, 5 MB lines', 3, 1],
  ['grammar API, 5 MB lines', 3, 1],
];

/** Cases of the 10,000-run properties that other suites keep beside their code, counted on the page. */
const ELSEWHERE: readonly (readonly [string, number, string])[] = [
  ['protocol decoder: arbitrary values', 10_000, 'workers/common/rpc-messages.test.ts'],
  ['protocol decoder: well-formed messages', 10_000, 'workers/common/rpc-messages.test.ts'],
  ['journal reader: cut anywhere', 10_000, 'workers/tasks/keystroke/journal-format.test.ts'],
  ['journal reader: damaged bytes', 10_000, 'workers/tasks/keystroke/journal-format.test.ts'],
  ['journal reader: arbitrary bytes', 10_000, 'workers/tasks/keystroke/journal-format.test.ts'],
  ['file decoder: arbitrary bytes', 10_000, 'main/core/files/text-file.test.ts'],
];

/** At most two fuzz threads at once: two cores. */
const THREADS = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withThread<T>(work: () => Promise<T>): Promise<T> {
  while (running >= THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const outcomes: FuzzOutcome[] = [];

async function fuzz(target: string, cases: number, threads: number): Promise<FuzzOutcome[]> {
  const share = Math.ceil(cases / threads);
  const parts = await Promise.all(Array.from({ length: threads }, (_, index) => withThread(() => runFuzz(target, share, SEED + index))));
  outcomes.push(...parts);
  return parts;
}

afterAll(async ({}, file) => {
  if (!ranWhole(file)) return;
  const rows = PLAN.map(([target]) => {
    const parts = outcomes.filter((outcome) => outcome.target === target);
    const cases = parts.reduce((sum, part) => sum + part.numRuns, 0);
    const runMs = parts.reduce((sum, part) => sum + part.runMs, 0);
    const failed = parts.some((part) => part.failed);
    return [target, cases, failed ? 'FAILED' : 'passed', cases === 0 ? 0 : Math.round((runMs / cases) * 100) / 100, parts.map((part) => part.seed).join(', ')] as const;
  });
  const ours = rows.filter(([target]) => !target.includes('5 MB')).reduce((sum, [, cases]) => sum + cases, 0);
  const elsewhere = ELSEWHERE.reduce((sum, [, cases]) => sum + cases, 0);
  await recordFigures(
    {
      suite: '3-fuzzing',
      title: 'Fuzzing',
      file: 'test/reliability/fuzz.test.ts',
      summary:
        'fast-check properties over every task API (through each task module\'s `createTask`, as every host kind loads it), edit application, ' +
        'the journal reader given torn tails of arbitrary bytes, and the file reader on arbitrary bytes from disk. Inputs mix the task tests\' ' +
        'hostile fragments with lone surrogates, NUL, CR/LF/CRLF, U+2028/2029, BOMs, bidi overrides, ZWJ sequences, raw UTF-16, and requests broken in ' +
        'every field. A task must answer or refuse with INVALID_INPUT, OUT_OF_SYNC or TOO_LARGE, keep its document equal to the model, and finish each ' +
        `case within ${CASE_LIMIT_MS} ms; a case that never returns is stopped from outside its worker thread (a self-test proves it). Shrunk ` +
        'failures stay as regression cases in test/reliability/fuzz-regressions.test.ts: so far, a word of millions of letters in a text beyond ' +
        'Latin-1, which overflowed V8\'s regexp stack in the word counts of the session and the render task (found by the 5 MB render target, now fixed).',
      seed: SEED,
      figures: [
        { label: 'fuzz cases run here', value: ours, bound: `≥ ${CASES.toLocaleString('en-US')} per target` },
        { label: 'fuzz cases in the code owners\' suites', value: elsewhere },
        { label: 'failing targets', value: rows.filter(([, , result]) => result !== 'passed').length, bound: '0' },
        { label: 'case time bound', value: CASE_LIMIT_MS, unit: 'ms' },
      ],
      tables: [
        { title: 'Targets run here', columns: ['target', 'cases', 'result', 'ms per case', 'seeds'], rows },
        { title: 'Properties kept beside their code', columns: ['property', 'cases', 'file'], rows: ELSEWHERE },
      ],
    },
    startedAt,
  );
}, 30_000);

describe('the fuzzers\' time bound', () => {
  it('stops a case that never returns from outside its thread, and says which case it was', async () => {
    const started = performance.now();
    const outcome = await runFuzz(WATCHDOG_SELF_TEST, 10, SEED);
    expect(outcome.failed).toBe(true);
    expect(outcome.hung).toMatch(/case 3 of watchdog self-test .* was stopped/);
    expect(performance.now() - started).toBeLessThan(CASE_LIMIT_MS + 5_000);
  }, 20_000);
});

describe('fuzzing', () => {
  it.concurrent.each(PLAN)('%s: %i cases, each refused clearly or answered right within the bound', async (target, cases, threads) => {
    const parts = await fuzz(target, cases, threads);
    for (const part of parts) expect(part.failed, part.message).toBe(false);
    expect(parts.reduce((sum, part) => sum + part.numRuns, 0)).toBeGreaterThanOrEqual(cases);
  }, 240_000);
});
