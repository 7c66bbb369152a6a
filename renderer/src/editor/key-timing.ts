/**
 * Times key presses for the keystroke task: each keydown's kind and its epoch time, taken from the
 * event's own timestamp (`performance.timeOrigin + event.timeStamp`) so the keydown→ack latency
 * includes the time the page took to handle the key, not just the trip to the host.
 */
import type { KeyEvent, KeyKind } from '../../../workers/common/task-api.ts';

/** Keys that reach the host with an edit are those pressed at most this long before it. */
const KEY_TO_EDIT_WINDOW_MS = 1000;
/** A key-repeat storm without edits (e.g. holding an arrow) must not grow the queue unbounded. */
const MAX_PENDING_KEYS = 256;

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly timeStamp: number;
}

export function keyKind(event: KeyLike): KeyKind {
  const command = event.ctrlKey || event.metaKey;
  if (command && event.key.toLowerCase() === 'v') return 'paste';
  if (event.key === 'Backspace') return 'backspace';
  if (event.key === 'Delete') return 'delete';
  if (event.key === 'Enter') return 'enter';
  // A printable key is one code point ('a', 'é', '😀'); named keys ('Shift', 'ArrowLeft') are longer.
  const printable = [...event.key].length === 1;
  return printable && !command && !event.altKey ? 'character' : 'other';
}

/** Collects keydowns and hands them to the edit they produced. */
export class KeyTimer {
  private pending: KeyEvent[] = [];
  private readonly timeOrigin: number;

  constructor(timeOrigin: number = performance.timeOrigin) {
    this.timeOrigin = timeOrigin;
  }

  record(event: KeyLike): void {
    this.pending.push({ kind: keyKind(event), at: this.timeOrigin + event.timeStamp });
    if (this.pending.length > MAX_PENDING_KEYS) this.pending.splice(0, this.pending.length - MAX_PENDING_KEYS);
  }

  /** The keys behind an edit made at epoch ms `now`; keys older than the window were navigation. */
  take(now: number): KeyEvent[] {
    const keys = this.pending.filter((key) => now - key.at <= KEY_TO_EDIT_WINDOW_MS);
    this.pending = [];
    return keys;
  }
}
