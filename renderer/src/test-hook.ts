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
  /** Markers painted in Monaco, as UTF-16 offsets of the model text. */
  markers(): readonly { owner: string; start: number; end: number; message: string; severity: number }[];
  /** The newest version the keystroke task said is on disk, or null before the first. */
  durableVersion(): number | null;
  /** How the preview's last update went: blocks built afresh, kept, removed. */
  previewPatch(): { readonly created: number; readonly kept: number; readonly removed: number };
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
