/**
 * Why a utility process ended. Its own 'exit' event has only an exit code; Electron reports the
 * reason (crashed, killed, out of memory…) separately, through `app`'s 'child-process-gone'
 * event, named by the process's serviceName. `GoneReports` pairs the two, whichever comes first.
 */
import type { Details } from 'electron';
import type { ProcessExit } from '../core/hosts/process-spawner.ts';
import { lastErrorLine } from '../core/hosts/fork-spawner.ts';

export type GoneReport = Pick<Details, 'type' | 'reason' | 'exitCode' | 'name'>;

const REASONS: Readonly<Record<Details['reason'], string>> = {
  'clean-exit': 'exited',
  'abnormal-exit': 'exited abnormally',
  killed: 'was killed by a signal',
  crashed: 'crashed',
  oom: 'ran out of memory',
  'launch-failed': 'failed to launch',
  'integrity-failure': 'failed a code integrity check',
  'memory-eviction': 'was evicted to free memory',
};

/** Maps an exit code and, if Electron gave one, its gone-report to clean or crash. */
export function describeUtilityExit(code: number, gone: GoneReport | undefined, stderrTail: readonly string[] = []): ProcessExit {
  if (code === 0 && (gone === undefined || gone.reason === 'clean-exit')) return { kind: 'clean', code: 0 };
  const why = `${gone === undefined ? 'exited' : REASONS[gone.reason]} with code ${code}`;
  const line = lastErrorLine(stderrTail);
  return {
    kind: 'crash',
    reason: line === undefined ? why : `${why}: ${line}`,
    code,
    // Electron says that a process was killed, but not by which signal.
    signal: null,
  };
}

interface Waiter {
  readonly name: string;
  readonly resolve: (report: GoneReport | undefined) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Holds recent 'child-process-gone' reports of utility processes until their exit claims them. */
export class GoneReports {
  private readonly reports: { readonly report: GoneReport; readonly at: number }[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly keepMs: number;
  private readonly now: () => number;

  constructor(options: { keepMs?: number; now?: () => number } = {}) {
    this.keepMs = options.keepMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Pass every `app.on('child-process-gone')` report here; others than utility processes are ignored. */
  record(report: GoneReport): void {
    if (report.type !== 'Utility' || report.name === undefined) return;
    for (const waiter of this.waiters) {
      if (waiter.name !== report.name) continue;
      this.waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(report);
      return;
    }
    this.prune();
    this.reports.push({ report, at: this.now() });
  }

  /** Removes and returns the oldest report for `name`, if one arrived. */
  take(name: string): GoneReport | undefined {
    this.prune();
    const index = this.reports.findIndex((entry) => entry.report.name === name);
    return index < 0 ? undefined : this.reports.splice(index, 1)[0]?.report;
  }

  /** A report for `name`: one already here, or the next within `timeoutMs`, else undefined. */
  claim(name: string, timeoutMs: number): Promise<GoneReport | undefined> {
    const ready = this.take(name);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        name,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(undefined);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private prune(): void {
    const oldest = this.now() - this.keepMs;
    while (this.reports.length > 0 && (this.reports[0]?.at ?? 0) < oldest) this.reports.shift();
  }
}
