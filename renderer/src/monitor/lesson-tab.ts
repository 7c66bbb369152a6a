/**
 * "The Lesson": each claim of the OS notes beside evidence measured live on this machine. The
 * claims are fixed text; the host measures on request (`measureLesson`, in fresh hosts of its
 * own, never the running tasks) and reports each claim as it finishes (`lessonProgress`, passed
 * in through `progress`). The first time the tab is shown it measures everything; each claim, and
 * the whole lesson, can be measured again, and a measurement under way can be cancelled.
 */
import { LESSON_CLAIMS, type ClaimId, type LessonProgress, type LessonReport, type LessonRequest } from '../../../workers/common/lesson.ts';
import { localeFormat } from '../format/locale-format.ts';
import { ClaimView, type Claim } from './lesson-claim-view.ts';

export type { Claim };

/** Asks the host to measure (HostApi `measureLesson`); aborting `signal` cancels it there. */
export type Measure = (request: LessonRequest, signal: AbortSignal) => Promise<LessonReport>;

/** The claims in the order shown: the shared catalog (workers/common/lesson.ts). */
export const CLAIMS: readonly Claim[] = LESSON_CLAIMS;

function describeMachine(report: LessonReport): string {
  const { machine } = report;
  return (
    `Measured at ${localeFormat.time(new Date(report.startedAt))} in ${localeFormat.decimal(report.durationMs / 1000, 0)} s on ${localeFormat.count(machine.cores)} core${machine.cores === 1 ? '' : 's'} ` +
    `(${machine.cpuModel}, ${machine.platform}, ${localeFormat.count(Math.round(machine.totalMemoryMb / 1024))} GB), ${machine.runtime}; ` +
    `load average ${localeFormat.decimal(machine.loadAverage, 1)} when it began (other work on the machine competes with the measuring).`
  );
}

function button(text: string, className: string): HTMLButtonElement {
  return Object.assign(document.createElement('button'), { type: 'button', className, textContent: text });
}

export class LessonTab {
  private readonly measure: Measure;
  private readonly status: HTMLElement;
  private readonly machine: HTMLElement;
  private readonly measureAll: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly views = new Map<ClaimId, ClaimView>();
  private running: AbortController | null = null;
  private started = false;

  constructor(parent: HTMLElement, measure: Measure) {
    this.measure = measure;
    const intro = Object.assign(document.createElement('p'), {
      className: 'lesson-intro',
      textContent:
        'The notes say: threads are cheap and share memory; processes cost more but isolate faults and use more cores. Each claim below stands beside what this machine measures, in fresh hosts started for the purpose: your tasks are not touched.',
    });
    const toolbar = Object.assign(document.createElement('div'), { className: 'lesson-toolbar' });
    this.measureAll = button('Measure all again', 'lesson-measure-all');
    this.cancelButton = button('Cancel', 'lesson-cancel');
    this.status = Object.assign(document.createElement('p'), { className: 'lesson-status' });
    this.status.setAttribute('role', 'status');
    toolbar.append(this.measureAll, this.cancelButton, this.status);
    this.measureAll.addEventListener('click', () => void this.run());
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.machine = Object.assign(document.createElement('p'), { className: 'lesson-machine' });
    const list = Object.assign(document.createElement('div'), { className: 'lesson-claims' });
    for (const claim of CLAIMS) this.views.set(claim.id, new ClaimView(list, claim, (id) => void this.run([id])));
    parent.append(intro, toolbar, this.machine, list);
    this.setRunning(false);
  }

  /** The tab was shown: the first time, every claim is measured. */
  shown(): void {
    if (!this.started) void this.run();
  }

  /** From the host's `lessonProgress` event: a claim's progress, or its result once measured. */
  progress(progress: LessonProgress): void {
    const view = this.views.get(progress.claim);
    if (!view) return;
    if (progress.result) view.show(progress.result);
    else view.progress(progress.fraction, progress.label);
  }

  /** Measures `claims` (all when absent); settles when the host has answered or failed. */
  async run(claims?: readonly ClaimId[]): Promise<void> {
    if (this.running) return;
    const controller = new AbortController();
    this.running = controller;
    this.started = true;
    this.setRunning(true);
    const asked = claims ?? CLAIMS.map((claim) => claim.id);
    this.say(`Measuring ${asked.length === 1 ? `"${this.views.get(asked[0] as ClaimId)?.claim.title}"` : 'every claim'}, one claim at a time…`);
    for (const id of asked) this.views.get(id)?.progress(0, 'waiting for its turn');
    try {
      this.show(await this.measure(claims ? { claims } : {}, controller.signal));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const note = controller.signal.aborted ? 'Cancelled before it was measured.' : `Not measured: ${message}`;
      for (const id of asked) this.views.get(id)?.settle(note);
      if (controller.signal.aborted) this.say('Cancelled: each claim keeps what was measured before.');
      else this.unavailable(`The lesson could not be measured: ${message}`);
    } finally {
      this.running = null;
      this.setRunning(false);
    }
  }

  /** Shows a report: every claim it holds, and the machine it was measured on. */
  show(report: LessonReport): void {
    for (const result of report.claims) this.views.get(result.claim)?.show(result);
    const failed = report.claims.filter((claim) => claim.verdict === null).length;
    this.say(failed === 0 ? 'Every claim asked for was measured.' : `${failed} claim${failed === 1 ? '' : 's'} could not be measured (see below).`);
    this.machine.textContent = describeMachine(report);
  }

  cancel(): void {
    this.running?.abort('cancelled by the user');
  }

  /** Says why there is no (new) evidence to show. */
  unavailable(reason: string): void {
    this.say(reason, 'warning');
  }

  dispose(): void {
    this.cancel();
  }

  private setRunning(running: boolean): void {
    this.measureAll.disabled = running;
    this.cancelButton.disabled = !running;
    for (const view of this.views.values()) view.againButton.disabled = running;
  }

  private say(text: string, tone?: 'warning'): void {
    this.status.textContent = text;
    if (tone) this.status.dataset.tone = tone;
    else delete this.status.dataset.tone;
  }
}
