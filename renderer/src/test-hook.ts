/**
 * A read-only window into the page for the browser tests (`window.__forkpad`): what the editor
 * holds and what the host last answered. It exposes no way to change anything; tests act through
 * the keyboard and the menus, as a person would.
 */
import type { ChangeAnswer } from '../../workers/common/host-api.ts';

export interface ForkpadTestHook {
  readonly ready: boolean;
  /** Monaco's model text. */
  modelText(): string;
  /** The newest document version sent to the host. */
  version(): number;
  /** The host's answer for the newest version, or null before the first. */
  lastAnswer(): ChangeAnswer | null;
  /** Answers ignored because a newer version had been sent. */
  staleAnswers(): number;
}

declare global {
  interface Window {
    __forkpad?: ForkpadTestHook;
  }
}

export function installTestHook(hook: Omit<ForkpadTestHook, 'ready'>): void {
  Object.defineProperty(window, '__forkpad', {
    value: Object.freeze({ ...hook, ready: true }),
    writable: false,
    configurable: false,
  });
}
