/**
 * The session's side of the tasks: every change goes to the keystroke task at once (with its key
 * events) and, without keys, to the three checking tasks; checks run on an adaptive debounce and
 * their results go to the renderer. A task that refused a change is re-primed; while that runs,
 * its live changes are held back, since the re-priming catches it up anyway.
 */
import type { TextRange } from '../../../workers/common/document.ts';
import type { ForkpadError } from '../../../workers/common/errors.ts';
import type { HostEvents } from '../../../workers/common/host-api.ts';
import type { KeystrokeChange, OpenRequest } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { TaskStatus, TaskSupervisor } from '../supervisor/supervisor-api.ts';
import { CheckScheduler } from './check-scheduler.ts';
import { primeTask, type SyncSource } from './task-sync.ts';

export type EventSink = <K extends keyof HostEvents>(name: K, payload: HostEvents[K]) => void;

export interface RouterContext extends SyncSource {
  readonly emit: EventSink;
  log(line: string): void;
  /** The editor's visible range, clamped to the current text, if the renderer said. */
  visibleRange(): TextRange | undefined;
  /** The keystroke task made the document durable up to `version`. */
  onDurable(uri: string, version: number, at: number): void;
}

type CheckTask = 'render' | 'spellcheck' | 'grammar';
const CHECK_TASKS: readonly CheckTask[] = ['render', 'spellcheck', 'grammar'];
/** A check slower than this is abandoned (and cancelled at the task); a task that hangs is the supervisor's to kill. */
const CHECK_TIMEOUT_MS = 30_000;
const TYPING_STATS_EVERY_MS = 500;
/** Codes that mean the task's copy of the document is not the mirror's: re-prime it. */
const RESYNC_CODES = new Set(['OUT_OF_SYNC', 'INVALID_INPUT']);
/** Codes that mean the task is down: the supervisor primes it again when it comes back. */
const DOWN_CODES = new Set(['TASK_STOPPED', 'HOST_GONE', 'CLOSED', 'CANCELLED']);

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as ForkpadError).code === 'string' ? (error as ForkpadError).code : '';
}

export class TaskRouter {
  private readonly supervisor: TaskSupervisor;
  private readonly context: RouterContext;
  private readonly schedulers: Record<CheckTask, CheckScheduler>;
  private readonly repairing = new Map<TaskId, { again: boolean }>();
  /** The mirror's version when the latest repair of each task began. */
  private readonly repairedFrom = new Map<TaskId, number>();
  private readonly unsubscribe: (() => void)[] = [];
  private lastStatsAt = Number.NEGATIVE_INFINITY;
  private statsTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(supervisor: TaskSupervisor, context: RouterContext) {
    this.supervisor = supervisor;
    this.context = context;
    this.schedulers = {
      render: new CheckScheduler({ run: (signal) => this.check('render', signal) }),
      spellcheck: new CheckScheduler({ run: (signal) => this.check('spellcheck', signal) }),
      grammar: new CheckScheduler({ run: (signal) => this.check('grammar', signal) }),
    };
    this.unsubscribe.push(
      supervisor.on('keystroke', 'durable', ({ uri, version, at }) => {
        context.onDurable(uri, version, at);
        this.refreshTypingStats();
      }),
      supervisor.on('grammar', 'progress', (progress) => {
        if (progress.uri === context.position().uri) context.emit('grammarProgress', progress);
      }),
      supervisor.onStatus((status) => this.onStatus(status)),
    );
  }

  /** Sends one change to every task and schedules their checks. */
  forward(change: KeystrokeChange): void {
    if (!this.repairing.has('keystroke')) {
      this.supervisor.client('keystroke').change(change).catch((error: unknown) => this.changeFailed('keystroke', error, change.version));
    }
    const plain = { uri: change.uri, version: change.version, edits: change.edits };
    for (const task of CHECK_TASKS) {
      if (!this.repairing.has(task)) {
        this.supervisor.client(task).change(plain).catch((error: unknown) => this.changeFailed(task, error, change.version));
      }
      this.schedulers[task].schedule();
    }
  }

  /** Another document, or a resync: every task opens the mirror afresh. */
  reopenAll(): void {
    for (const task of ['keystroke', ...CHECK_TASKS] as const) this.repair(task);
  }

  /** A check is due now, e.g. after a dictionary or rule change. */
  recheck(task: CheckTask): void {
    this.schedulers[task].runSoon();
  }

  /** After a save the journal restarts from the saved text. */
  compact(base: OpenRequest): void {
    this.supervisor.client('keystroke').compact(base).catch((error: unknown) => {
      if (!DOWN_CODES.has(codeOf(error))) this.context.log(`[session] could not compact the journal of ${base.uri}: ${String(error)}`);
    });
  }

  /** The journal of a document closed on purpose is removed. */
  discard(uri: string): void {
    this.supervisor.client('keystroke').discard({ uri }).catch((error: unknown) => {
      this.context.log(`[session] could not discard the journal of ${uri}: ${String(error)}`);
    });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.statsTimer);
    for (const scheduler of Object.values(this.schedulers)) scheduler.dispose();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private onStatus(status: TaskStatus): void {
    if (status.state === 'ready' && status.task !== 'keystroke') this.recheck(status.task);
  }

  private changeFailed(task: TaskId, error: unknown, version: number): void {
    const code = codeOf(error);
    // Changes sent before a repair began fail too once one is lost; that repair already covers them.
    if (version <= (this.repairedFrom.get(task) ?? Number.NEGATIVE_INFINITY)) return;
    if (RESYNC_CODES.has(code)) {
      this.context.log(`[session] ${task} refused a change (${String(error)}); re-priming it`);
      this.repair(task);
    } else if (!DOWN_CODES.has(code)) {
      this.context.log(`[session] ${task} failed a change: ${String(error)}`);
    }
  }

  /** Re-primes `task` through the supervisor's client; one repair at a time per task. */
  private repair(task: TaskId): void {
    if (this.disposed) return;
    const running = this.repairing.get(task);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.repairing.set(task, state);
    this.repairedFrom.set(task, this.context.position().version);
    primeTask(task, this.supervisor.client(task), this.context).then(
      () => {
        this.repairing.delete(task);
        if (state.again) this.repair(task);
        else if (task !== 'keystroke') this.recheck(task);
      },
      (error: unknown) => {
        this.repairing.delete(task);
        // A task that is down is primed by the supervisor when it comes back; anything else is worth a line.
        if (!DOWN_CODES.has(codeOf(error))) this.context.log(`[session] re-priming ${task} failed: ${String(error)}`);
        if (state.again) this.repair(task);
      },
    );
  }

  private async check(task: CheckTask, signal: AbortSignal): Promise<void> {
    if (this.repairing.has(task)) return; // The repair schedules a check when it is done.
    const { uri, version } = this.context.position();
    const options = { signal, timeoutMs: CHECK_TIMEOUT_MS };
    try {
      if (task === 'render') {
        const result = await this.supervisor.client('render').render({ version }, options);
        if (result.uri === this.context.position().uri) this.context.emit('preview', result);
      } else if (task === 'spellcheck') {
        const result = await this.supervisor.client('spellcheck').check({ version }, options);
        if (result.uri === this.context.position().uri) this.context.emit('spelling', result);
      } else {
        const visible = this.context.visibleRange();
        const result = await this.supervisor.client('grammar').check({ version, ...(visible ? { visible } : {}) }, options);
        if (result.uri === this.context.position().uri) this.context.emit('grammar', result);
      }
    } catch (error) {
      if (signal.aborted) return;
      if (RESYNC_CODES.has(codeOf(error))) {
        if (version > (this.repairedFrom.get(task) ?? Number.NEGATIVE_INFINITY)) this.repair(task);
      }
      else if (!DOWN_CODES.has(codeOf(error))) this.context.log(`[session] ${task} check of ${uri} v${version} failed: ${String(error)}`);
    }
  }

  /** Fetches typing stats at most every TYPING_STATS_EVERY_MS, with a trailing fetch so the last burst shows. */
  private refreshTypingStats(): void {
    if (this.disposed || this.statsTimer) return;
    const wait = this.lastStatsAt + TYPING_STATS_EVERY_MS - performance.now();
    if (wait > 0) {
      this.statsTimer = setTimeout(() => {
        this.statsTimer = undefined;
        this.refreshTypingStats();
      }, wait);
      return;
    }
    this.lastStatsAt = performance.now();
    this.supervisor
      .client('keystroke')
      .stats(null)
      .then(
        (stats) => this.context.emit('typing', stats),
        (error: unknown) => {
          if (!DOWN_CODES.has(codeOf(error))) this.context.log(`[session] keystroke stats failed: ${String(error)}`);
        },
      );
  }
}
