/** What a task reports while the race fault runs (workers/entry/race-fault.ts), for the monitor and The Lesson. */

/**
 * The race fault's tally, sent live as the task's `RACE_EVENT`: reads of the shared document made
 * without the seqlock while the host keeps writing, and the torn ones among them (their sum of
 * code units disagrees with the checksum the writer published with the text); beside them, the
 * same reads made through the seqlock, which a write in flight makes retry and never tears.
 */
export interface RaceCounts {
  readonly unlockedReads: number;
  readonly tornReads: number;
  readonly lockedReads: number;
  /** Locked reads a write overlapped: refused by the seqlock and made again. */
  readonly lockedRetries: number;
  /** Locked reads whose sum disagreed with their checksum: always 0, or the seqlock is broken. */
  readonly lockedTorn: number;
  /** The document's length in UTF-16 units when the race began. */
  readonly documentLength: number;
  readonly durationMs: number;
  readonly running: boolean;
}

/** The event name of a task's live `RaceCounts`. */
export const RACE_EVENT = 'race';
