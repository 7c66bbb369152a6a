/**
 * The race fault's tally per task, as the task's host last reported it (RACE_EVENT), for the
 * monitor's samples. It belongs to the host that raced: once that host is gone (a move, a crash,
 * an end) the tally stays on show, marked finished, until the next race.
 */
import type { RaceCounts } from '../../../workers/common/race-counts.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';

const COUNT_FIELDS = ['unlockedReads', 'tornReads', 'lockedReads', 'lockedRetries', 'lockedTorn', 'documentLength', 'durationMs'] as const;

/** A task host's report, checked field by field: it crossed a thread boundary as plain data. */
export function isRaceCounts(value: unknown): value is RaceCounts {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.running === 'boolean' && COUNT_FIELDS.every((field) => Number.isSafeInteger(record[field]) && (record[field] as number) >= 0);
}

export class RaceTally {
  private readonly latest = new Map<TaskId, { readonly host: object; readonly counts: RaceCounts }>();

  /** A race starts on `host`: the tally starts from zero. */
  begin(task: TaskId, host: object, documentLength: number, durationMs: number): void {
    const counts: RaceCounts = { unlockedReads: 0, tornReads: 0, lockedReads: 0, lockedRetries: 0, lockedTorn: 0, documentLength, durationMs, running: true };
    this.latest.set(task, { host, counts });
  }

  /** `host` reported `payload`; a report from another host than the racing one is ignored. */
  record(task: TaskId, host: object | null, payload: unknown): void {
    const entry = this.latest.get(task);
    if (!entry || entry.host !== host || !isRaceCounts(payload)) return;
    this.latest.set(task, { host, counts: { ...payload, running: entry.counts.running && payload.running } });
  }

  /** The tally to show while `current` serves the task. */
  of(task: TaskId, current: object | null): RaceCounts | null {
    const entry = this.latest.get(task);
    if (!entry) return null;
    return entry.host === current || !entry.counts.running ? entry.counts : { ...entry.counts, running: false };
  }
}
