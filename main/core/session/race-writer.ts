/**
 * The race fault's writer. For a while the session keeps rewriting the shared document: it moves
 * the text's gap back and forth (`SharedDocumentWriter.moveGap`), the very write every edit away
 * from the cursor makes. No content and no version changes, so every task's results stay right;
 * but the units are in flight, and a reader that skips the seqlock can catch them half moved.
 *
 * It is the one writer's own work, on the session's thread, between edits: never a second writer.
 * It yields to open read sections (it waits while a locked reader is inside, up to a limit), so
 * that a long locked read is not starved; a read that still overlaps one is refused by its seqlock
 * and retried, never torn.
 */
import type { SharedDocumentWriter } from '../../../workers/common/shared-document/document-writer.ts';

/** Writes per tick, and the tick: a few writes a millisecond while the race lasts. */
const WRITES_PER_TICK = 4;
const TICK_MS = 1;
/** The window the gap moves in, UTF-16 units: each write moves at most this many (tens of µs). */
const WINDOW = 16 * 1024;
/** Ticks the writer waits for open read sections before it writes anyway. */
const MAX_WAIT_TICKS = 20;

export function raceWriter(writer: SharedDocumentWriter, durationMs: number, random: () => number = Math.random): Promise<number> {
  return new Promise((resolve) => {
    const endAt = performance.now() + durationMs;
    let writes = 0;
    let waited = 0;
    // One window, somewhere in the document: the gap's first move there is the only long one.
    let anchor = -1;
    const timer = setInterval(() => {
      if (performance.now() >= endAt) {
        clearInterval(timer);
        resolve(writes);
        return;
      }
      if (writer.lockedReaders() > 0 && waited < MAX_WAIT_TICKS) {
        waited += 1;
        return;
      }
      waited = 0;
      const length = writer.length;
      if (length === 0) return;
      const reach = Math.min(length, WINDOW);
      if (anchor < 0 || anchor + reach > length) anchor = Math.floor(random() * (length - reach + 1));
      for (let index = 0; index < WRITES_PER_TICK; index += 1) {
        writer.moveGap(anchor + Math.floor(random() * (reach + 1)));
        writes += 1;
      }
    }, TICK_MS);
    timer.unref();
  });
}
