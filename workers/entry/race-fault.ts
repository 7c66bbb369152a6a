/**
 * The race fault, on the task's side: for a while the task reads the shared document twice over,
 * once without the seqlock (as a careless reader would) and once through it, while the host keeps
 * writing (main/core/session/race-writer.ts). An unlocked read is torn when the sum of the units it
 * saw disagrees with the checksum the writer published with the text: it caught a write half done.
 * The tally goes to the monitor live. Nothing is ever done with what a read saw: the task's real
 * work (checks, markers) reads only through the seqlock, so a torn read can never become a marker.
 *
 * Threads race for real: the reader and the writer run on two cores at once. An inline task runs on
 * the writer's own thread, so the two take turns and no read can be torn; that is shown, not hidden.
 * A process has no shared memory at all, so it has nothing to race on.
 */
import { Errors, type ForkpadError } from '../common/errors.ts';
import type { RaceCounts } from '../common/race-counts.ts';
import type { Fault } from '../common/task-api.ts';
import type { SharedDocumentReader } from '../common/shared-document/document-reader.ts';
import type { HostKind } from '../common/tasks.ts';

export const DEFAULT_RACE_MS = 5_000;
/** The task reads in slices this long, then yields a turn so its own work (and, inline, the writer) runs. */
const RACE_SLICE_MS = 4;
/** The monitor is told the tally this often. */
const REPORT_EVERY_MS = 250;

export interface RaceTarget {
  readonly kind: HostKind;
  /** The shared document, once the task is started on a thread or inline host. */
  document(): SharedDocumentReader | null;
  closed(): boolean;
  report(counts: RaceCounts): void;
  log(line: string): void;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function noSharedMemory(kind: HostKind): ForkpadError {
  return Errors.invalidInput('race fault', `a ${kind} host has no shared memory to race on: it holds its own copy of the document, sent to it in messages`);
}

export async function runRace(fault: Fault, target: RaceTarget): Promise<RaceCounts> {
  const reader = target.document();
  if (!reader) throw noSharedMemory(target.kind);
  const durationMs = fault.durationMs ?? DEFAULT_RACE_MS;
  const counts = { unlockedReads: 0, tornReads: 0, lockedReads: 0, lockedRetries: 0, lockedTorn: 0, documentLength: reader.read((view) => view.length), durationMs, running: true };
  target.log(`reads the shared document without the seqlock for ${durationMs} ms (${target.kind === 'inline' ? 'on the writer’s own thread: the two take turns' : 'on its own thread, beside the writer'})`);
  const endAt = performance.now() + durationMs;
  let reportAt = 0;
  while (!target.closed() && performance.now() < endAt) {
    const sliceEnd = Math.min(endAt, performance.now() + RACE_SLICE_MS);
    do {
      const unlocked = reader.unlockedSum();
      counts.unlockedReads += 1;
      if (unlocked.sum !== unlocked.checksum) counts.tornReads += 1;
      readLocked(reader, counts);
    } while (performance.now() < sliceEnd);
    if (performance.now() >= reportAt) {
      target.report({ ...counts });
      reportAt = performance.now() + REPORT_EVERY_MS;
    }
    await nextTurn();
  }
  const final = { ...counts, running: false };
  if (!target.closed()) {
    target.report(final);
    target.log(`race ended: ${counts.tornReads} of ${counts.unlockedReads} unlocked reads torn; ${counts.lockedReads} locked reads, ${counts.lockedTorn} torn, ${counts.lockedRetries} retried`);
  }
  return final;
}

function readLocked(reader: SharedDocumentReader, counts: { lockedReads: number; lockedRetries: number; lockedTorn: number }): void {
  try {
    const locked = reader.lockedSum();
    counts.lockedReads += 1;
    if (locked.sum !== locked.checksum) counts.lockedTorn += 1;
  } catch (error) {
    // The seqlock refused a read a write overlapped (superseded): a retry, the lock doing its job.
    if ((error as { code?: unknown }).code !== 'CANCELLED') throw error;
    counts.lockedRetries += 1;
  }
}
