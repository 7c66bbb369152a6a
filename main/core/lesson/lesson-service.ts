/**
 * The host's side of The Lesson: `measureLesson` measures each claim asked for in a fresh lesson
 * runner (a child process), one claim at a time, each within its time budget, and reports each
 * result as soon as it is in. A claim that fails or runs over its budget is reported with its
 * error and the next one goes on; cancelling kills the runner, which ends every host it started.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, platform, arch, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Errors, ForkpadError } from '../../../workers/common/errors.ts';
import { CLAIM_IDS, LESSON_CLAIMS, type ClaimId, type ClaimResult, type LessonMachine, type LessonProgress, type LessonReport, type LessonRequest } from '../../../workers/common/lesson.ts';
import { createRpcClient } from '../../../workers/common/rpc.ts';
import { forkLessonChild, type LessonChild } from './lesson-child.ts';
import type { ClaimMeasurement, LessonScale, RunnerApi, RunnerEvents } from './lesson-protocol.ts';
import type { LessonSetup } from './lesson-setup.ts';
import { describeExit } from './measured-hosts.ts';

/** Upper bounds per claim on a busy two-core machine (LESSON_CLAIMS); a typical run takes a third of these. */
export const CLAIM_BUDGETS_MS: Readonly<Record<ClaimId, number>> = Object.fromEntries(LESSON_CLAIMS.map((claim) => [claim.id, claim.budgetMs])) as Record<ClaimId, number>;

export function describeMachine(): LessonMachine {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    platform: `${platform()} ${arch()}`,
    runtime: process.versions.electron ? `Electron ${process.versions.electron} (Node ${process.versions.node})` : `Node ${process.versions.node}`,
    loadAverage: loadavg()[0] ?? 0,
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
  };
}

function failed(claim: ClaimId, measuredAt: number, started: number, error: unknown): ClaimResult {
  const message = error instanceof Error ? error.message : String(error);
  return { claim, verdict: null, explanation: `Not measured: ${message}`, figures: [], error: message, measuredAt, durationMs: performance.now() - started };
}

export class LessonService {
  private readonly setup: LessonSetup;
  private readonly emit: (progress: LessonProgress) => void;
  private readonly scale: LessonScale;
  private running: { readonly controller: AbortController; readonly done: Promise<unknown> } | null = null;

  constructor(setup: LessonSetup, emit: (progress: LessonProgress) => void) {
    this.setup = setup;
    this.emit = emit;
    this.scale = setup.scale ?? 'full';
  }

  async measure(request: LessonRequest, signal?: AbortSignal): Promise<LessonReport> {
    // A cancelled measurement is only tidying up (its runner is being killed): wait for it, so a
    // page that reloads mid-measurement can start again at once.
    while (this.running?.controller.signal.aborted) await this.running.done.catch(() => undefined);
    if (this.running) throw new ForkpadError('BusyError', 'BUSY', 'The lesson is already being measured: wait for it to finish or cancel it.');
    const controller = new AbortController();
    const done = this.run(request, controller, signal);
    this.running = { controller, done };
    try {
      return await done;
    } finally {
      if (this.running?.done === done) this.running = null;
    }
  }

  /** Cancels a measurement in progress (the host is closing); settles once its runner is gone. */
  async dispose(): Promise<void> {
    const running = this.running;
    running?.controller.abort('the host is closing');
    await running?.done.catch(() => undefined);
  }

  private async run(request: LessonRequest, controller: AbortController, signal?: AbortSignal): Promise<LessonReport> {
    const onAbort = () => controller.abort(signal?.reason ?? 'cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const startedAt = Date.now();
    const started = performance.now();
    const machine = describeMachine();
    try {
      const claims: ClaimResult[] = [];
      for (const claim of request.claims ?? CLAIM_IDS) {
        if (controller.signal.aborted) throw Errors.cancelled('measureLesson', String(controller.signal.reason ?? ''));
        const result = await this.measureClaim(claim, controller.signal);
        claims.push(result);
        this.emit({ claim, fraction: 1, label: result.verdict ? 'measured' : 'not measured', result });
      }
      return { startedAt, durationMs: performance.now() - started, machine, claims };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async measureClaim(claim: ClaimId, signal: AbortSignal): Promise<ClaimResult> {
    const measuredAt = Date.now();
    const started = performance.now();
    const budgetMs = this.setup.budgetsMs?.[claim] ?? CLAIM_BUDGETS_MS[claim];
    this.emit({ claim, fraction: 0, label: 'starting a lesson runner' });
    try {
      const measurement = await this.runClaim(claim, budgetMs, signal);
      // A claim that could not be judged here says why; its figures stay.
      const unjudged = measurement.verdict === null ? { error: measurement.explanation } : {};
      return { claim, ...measurement, ...unjudged, measuredAt, durationMs: performance.now() - started };
    } catch (error) {
      if (signal.aborted) throw Errors.cancelled('measureLesson', String(signal.reason ?? ''));
      this.setup.log(`[lesson] ${claim} not measured: ${error instanceof Error ? error.message : String(error)}`);
      return failed(claim, measuredAt, started, error);
    }
  }

  /** One claim in a fresh runner; the runner is killed and its folder removed afterwards, whatever happened. */
  private async runClaim(claim: ClaimId, budgetMs: number, signal: AbortSignal): Promise<ClaimMeasurement> {
    const dataDir = await mkdtemp(join(tmpdir(), 'forkpad-lesson-'));
    let child: LessonChild | undefined;
    try {
      child = forkLessonChild(this.setup.lessonEntry, 'runner', this.setup.log, ['--expose-gc']);
      return await this.askRunner(child, claim, dataDir, budgetMs, signal);
    } finally {
      child?.kill();
      await child?.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  private async askRunner(child: LessonChild, claim: ClaimId, dataDir: string, budgetMs: number, signal: AbortSignal): Promise<ClaimMeasurement> {
    const { setup } = this;
    const rpc = createRpcClient<RunnerApi, RunnerEvents>(child.port, { label: child.label, log: setup.log });
    void child.exited.then((exit) => rpc.close(Errors.hostGone(child.label, describeExit(exit))));
    rpc.on('progress', (progress) => this.emit({ claim, ...progress }));
    try {
      return await rpc.api.measure(
        { claim, scale: this.scale, entries: setup.entries, lessonEntry: setup.lessonEntry, assets: setup.assets, dataDir },
        { timeoutMs: budgetMs, signal },
      );
    } catch (error) {
      if ((error as { code?: unknown }).code === 'TIMEOUT') throw new Error(`it did not finish within its budget of ${(budgetMs / 1000).toFixed(budgetMs < 10_000 ? 1 : 0)} s (is the machine busy?)`);
      throw error;
    } finally {
      rpc.close();
    }
  }
}
