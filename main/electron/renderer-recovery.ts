/**
 * What to do when the window's page dies (`render-process-gone`) or hangs (`unresponsive`). The
 * text lives in the host, so a reload loses nothing: the new page's `hello` gets the document
 * back. A page that dies again and again would reload forever, though, so reloads are limited to
 * `maxReloads` within `windowMs`; past that, the user is asked instead.
 *
 * A hung page cannot be reloaded as it is (its process never answers), so it is crashed first
 * (`forcefullyCrashRenderer`, as Electron's documentation recommends) and reloaded into a new
 * process; the `render-process-gone` that the crash itself causes is then not a second failure.
 */
export interface RecoveryLimits {
  readonly maxReloads: number;
  readonly windowMs: number;
}

export const DEFAULT_RECOVERY_LIMITS: RecoveryLimits = { maxReloads: 3, windowMs: 60_000 };

export type RecoveryAction =
  /** Reload the page; `notice` is shown once the new page has said hello. */
  | { readonly action: 'reload'; readonly notice: string }
  /** Crash the hung page's process, then reload as above. */
  | { readonly action: 'crash-and-reload'; readonly notice: string }
  /** Too many reloads: stop and ask the user (`message`). */
  | { readonly action: 'give-up'; readonly message: string }
  | { readonly action: 'ignore' };

/** Reasons of `render-process-gone` that are not a failure of the page. */
const NOT_A_FAILURE = new Set(['clean-exit']);

export class RendererRecovery {
  private readonly limits: RecoveryLimits;
  private reloads: number[] = [];
  /** Set while the page's process is being crashed on purpose, until its `render-process-gone`. */
  private crashing = false;

  constructor(limits: RecoveryLimits = DEFAULT_RECOVERY_LIMITS) {
    this.limits = limits;
  }

  /** The page's process ended for `reason` (Electron's `details.reason`). */
  gone(reason: string, now: number): RecoveryAction {
    if (this.crashing) {
      this.crashing = false;
      return { action: 'ignore' }; // Our own crash of a hung page: its reload is under way.
    }
    if (NOT_A_FAILURE.has(reason)) return { action: 'ignore' };
    return this.reloadOr(now, 'reload', `The editor’s page stopped (${reason}) and was reloaded. Your text was kept by the host and is restored.`);
  }

  /** The page stopped answering. */
  unresponsive(now: number): RecoveryAction {
    if (this.crashing) return { action: 'ignore' }; // Already being replaced.
    const action = this.reloadOr(now, 'crash-and-reload', 'The editor’s page stopped responding and was reloaded. Your text was kept by the host and is restored.');
    if (action.action === 'crash-and-reload') this.crashing = true;
    return action;
  }

  /** The user chose to try again after giving up: the count starts afresh. */
  reset(): void {
    this.reloads = [];
    this.crashing = false;
  }

  private reloadOr(now: number, action: 'reload' | 'crash-and-reload', notice: string): RecoveryAction {
    this.reloads = this.reloads.filter((at) => now - at < this.limits.windowMs);
    if (this.reloads.length >= this.limits.maxReloads) {
      const seconds = Math.round(this.limits.windowMs / 1000);
      return { action: 'give-up', message: `The editor’s page failed ${this.reloads.length + 1} times within ${seconds} seconds, so Forkpad stopped reloading it. Your text is still kept by the host.` };
    }
    this.reloads.push(now);
    return { action, notice };
  }
}
