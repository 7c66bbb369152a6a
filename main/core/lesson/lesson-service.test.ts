/**
 * The lesson's measurements at their quick scale, with real hosts: lesson runners and scratch
 * hosts forked from the TypeScript entry, task threads and processes from the task entries, the
 * four real tasks. The numbers depend on the machine; what is asserted is what must hold on any
 * machine: every claim measured with numbers and a verdict, the crash facts, the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_IDS, VERDICTS, type ClaimId, type ClaimResult, type LessonProgress, type LessonReport } from '../../../workers/common/lesson.ts';
import { hostRequestError } from '../boundary/validate-host-request.ts';
import { sourceEntryPaths } from '../hosts/entry-paths.ts';
import { taskAssets } from '../task-assets.ts';
import { LessonService } from './lesson-service.ts';
import { SOURCE_LESSON_ENTRY, type LessonSetup } from './lesson-setup.ts';
import { alive } from '../../../test/fixtures/process-alive.ts';

const logs: string[] = [];
const setup = (extra: Partial<LessonSetup> = {}): LessonSetup => ({
  entries: sourceEntryPaths(),
  lessonEntry: SOURCE_LESSON_ENTRY,
  assets: taskAssets,
  log: (line) => logs.push(line),
  scale: 'quick',
  ...extra,
});

function runnerPids(): number[] {
  return [...new Set(logs.map((line) => /\[lesson runner pid=(\d+)\]/.exec(line)?.[1]).filter((pid) => pid !== undefined).map(Number))];
}

function claim(report: LessonReport, id: ClaimId): ClaimResult {
  const found = report.claims.find((result) => result.claim === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

function figure(result: ClaimResult, label: RegExp): number {
  const found = result.figures.find((candidate) => label.test(candidate.label));
  if (!found) throw new Error(`${result.claim} has no figure matching ${String(label)}: ${result.figures.map((candidate) => candidate.label).join('; ')}`);
  return found.value;
}

describe('the lesson, measured with real hosts (quick)', () => {
  const progress: LessonProgress[] = [];
  let report: LessonReport;

  beforeAll(async () => {
    const service = new LessonService(setup(), (event) => progress.push(event));
    report = await service.measure({});
  }, 300_000);

  afterAll(() => {
    for (const pid of runnerPids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('measures every claim, in order, each with numbers and a verdict from them', () => {
    expect(report.claims.map((result) => result.claim)).toEqual(CLAIM_IDS);
    for (const result of report.claims) {
      expect(result.error, `${result.claim}: ${result.error}`).toBeUndefined();
      expect(VERDICTS).toContain(result.verdict);
      expect(result.explanation).toMatch(/\d/);
      expect(result.figures.length, result.claim).toBeGreaterThan(0);
      for (const { value, label } of result.figures) expect(Number.isFinite(value), `${result.claim}: ${label}`).toBe(true);
    }
    expect(report.machine.cores).toBeGreaterThan(0);
  });

  it('reports progress for each claim and each result as it is measured', () => {
    for (const id of CLAIM_IDS) {
      const own = progress.filter((event) => event.claim === id);
      expect(own.some((event) => event.fraction < 1 && !event.result), id).toBe(true);
      expect(own.at(-1)?.result).toEqual(claim(report, id));
    }
  });

  it('crash isolation: a process crash spares the other three, a crash on a shared main thread spares none', () => {
    const isolation = claim(report, 'isolation');
    expect(figure(isolation, /^processes/)).toBe(3);
    expect(figure(isolation, /^shared main thread/)).toBe(0);
    expect(isolation.figures.find((candidate) => /^shared main thread/.test(candidate.label))?.detail).toMatch(/scratch host ended: exited with code 1/);
    expect(isolation.verdict).not.toBe('does not hold');
  });

  it('measures positive times, sizes and round trips for the other claims', () => {
    expect(figure(claim(report, 'creation'), /^thread, no task/)).toBeGreaterThan(0);
    expect(figure(claim(report, 'creation'), /^process, spellcheck loaded/)).toBeGreaterThan(0);
    expect(figure(claim(report, 'memory'), /^2 process tasks: memory added/)).toBeGreaterThan(1);
    expect(figure(claim(report, 'communication'), /^process, 100 KB/)).toBeGreaterThan(0);
    expect(figure(claim(report, 'parallelism'), /^speedup/)).toBeGreaterThan(0);
    expect(figure(claim(report, 'blocking'), /^grammar inline .* p95/)).toBeGreaterThan(0);
  });

  it('shared memory: thread tasks are sent no document text and their heaps stay out of it; process tasks each get a copy', () => {
    const memory = claim(report, 'memory');
    const sharedMb = figure(memory, /^the document in shared memory/);
    expect(sharedMb).toBeGreaterThanOrEqual(8);
    expect(figure(memory, /^2 thread tasks: document text sent/)).toBe(0);
    // Two copies of the 4 M-unit text, 2 bytes a unit.
    expect(figure(memory, /^2 process tasks: document text sent/)).toBe(16);
    expect(figure(memory, /^one thread task: growth of its V8 heap/)).toBeLessThan(0.1 * sharedMb);
    const sharing = claim(report, 'sharing');
    expect(figure(sharing, /^thread: document bytes sent/)).toBe(0);
    expect(figure(sharing, /^process: document bytes sent/)).toBe(400);
    expect(figure(sharing, /^thread: time to give it/)).toBeGreaterThan(0);
  });

  it('debugging: the race tears reads only without the lock', () => {
    const debugging = claim(report, 'debugging');
    expect(figure(debugging, /^reads through the seqlock: torn/)).toBe(0);
    expect(debugging.figures.find((candidate) => /^reads without the lock/.test(candidate.label))?.detail).toMatch(/^of [1-9]\d* reads/);
    expect(debugging.verdict).not.toBe('does not hold');
  });

  it('switching, single-core and I/O: round trips, speedups and a timeline per pool', () => {
    expect(figure(claim(report, 'switching'), /^two threads.*median/)).toBeGreaterThan(0);
    expect(figure(claim(report, 'switching'), /^two processes.*p99/)).toBeGreaterThan(0);
    expect(figure(claim(report, 'io-bound'), /^speedup/)).toBeGreaterThan(0);
    const singleCore = claim(report, 'single-core');
    expect(figure(singleCore, /^free: speedup/)).toBeGreaterThan(0);
    const timelines = singleCore.timelines ?? [];
    // Pinned as well as free where the OS can pin (the verdict is null where it cannot).
    expect(timelines.length).toBe(singleCore.verdict === null ? 1 : 2);
    for (const timeline of timelines) {
      expect(timeline.series.length).toBe(2);
      expect(timeline.times.length).toBeGreaterThan(3);
      for (const series of timeline.series) expect(series.values.length).toBe(timeline.times.length);
    }
  });

  it('leaves no lesson runner behind', () => {
    expect(runnerPids().length).toBe(CLAIM_IDS.length);
    expect(runnerPids().filter(alive)).toEqual([]);
  });
});

describe('the lesson service', () => {
  it('reports a claim over its budget as not measured, and goes on with the next', async () => {
    const service = new LessonService(setup({ budgetsMs: { creation: 50 } }), () => undefined);
    const report = await service.measure({ claims: ['creation', 'communication'] });
    expect(report.claims[0]).toMatchObject({ claim: 'creation', verdict: null, figures: [] });
    expect(report.claims[0]?.error).toMatch(/budget of 0\.1 s/);
    expect(VERDICTS).toContain(report.claims[1]?.verdict);
  }, 60_000);

  it('refuses a second measurement while one runs, cancels at once ending its runner, then measures again', async () => {
    const before = runnerPids().length;
    const service = new LessonService(setup(), () => undefined);
    const controller = new AbortController();
    const running = service.measure({ claims: ['parallelism'] }, controller.signal);
    await expect(service.measure({})).rejects.toMatchObject({ code: 'BUSY' });
    await expect.poll(() => runnerPids().length, { timeout: 10_000 }).toBeGreaterThan(before);
    const runner = runnerPids().at(-1) ?? Number.NaN;
    expect(alive(runner)).toBe(true);
    const cancelledAt = performance.now();
    controller.abort('test');
    // Asked at once, as a reloaded page would: it waits for the cancelled one to tidy up, then runs.
    const again = service.measure({ claims: ['communication'] });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - cancelledAt).toBeLessThan(5_000);
    expect(alive(runner)).toBe(false);
    expect(VERDICTS).toContain((await again).claims[0]?.verdict);
  }, 60_000);
});

describe('measureLesson at the boundary', () => {
  it('accepts all claims or a list of distinct ones, and refuses anything else clearly', () => {
    expect(hostRequestError('measureLesson', {})).toBeUndefined();
    expect(hostRequestError('measureLesson', { claims: ['memory', 'blocking'] })).toBeUndefined();
    expect(hostRequestError('measureLesson', { claims: ['memory', 'memory'] })?.message).toMatch(/named twice/);
    expect(hostRequestError('measureLesson', { claims: ['speed'] })?.message).toMatch(/claims/);
    expect(hostRequestError('measureLesson', { claims: [], quick: true })?.message).toMatch(/unexpected field/);
    expect(hostRequestError('measureLesson', null)?.code).toBe('INVALID_INPUT');
  });
});
