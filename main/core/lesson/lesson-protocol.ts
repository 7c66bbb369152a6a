/**
 * What the host core says to a lesson runner, and what a runner says to a scratch host. Both are
 * child processes of lesson-host.ts (built as out/main/lesson-host.js); the role comes from the
 * environment. These are host-side contracts: the renderer sees only workers/common/lesson.ts.
 */
import type { ClaimId, LessonFigure, LessonTimeline, Verdict } from '../../../workers/common/lesson.ts';
import type { Method } from '../../../workers/common/rpc.ts';
import type { TaskAssets } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { EntryPaths } from '../hosts/entry-paths.ts';

/** The environment variable naming a lesson child's role. */
export const LESSON_ROLE_ENV = 'FORKPAD_LESSON_ROLE';
export type LessonRole = 'runner' | 'scratch';

/** How thorough a run is: `full` for the app, `quick` for tests (fewer samples, smaller documents). */
export type LessonScale = 'full' | 'quick';

/** Where a lesson child finds the task entries, the lesson entry itself and the task assets. */
export interface LessonPlaces {
  readonly entries: EntryPaths;
  /** lesson-host.js (or .ts from source): forked again for scratch hosts. */
  readonly lessonEntry: string;
  readonly assets: TaskAssets;
  /** A fresh folder for the measuring tasks' journals and dictionaries; removed afterwards. */
  readonly dataDir: string;
}

export interface RunnerRequest extends LessonPlaces {
  readonly claim: ClaimId;
  readonly scale: LessonScale;
}

/**
 * What a runner answers for a claim. A claim that cannot be measured here (no way to pin a
 * process to a core, say) answers `verdict: null`, its explanation saying why, with whatever
 * figures it could still measure.
 */
export interface ClaimMeasurement {
  readonly verdict: Verdict | null;
  readonly explanation: string;
  readonly figures: readonly LessonFigure[];
  readonly timelines?: readonly LessonTimeline[];
}

/** A runner measures one claim, then is ended. */
export interface RunnerApi {
  measure: Method<RunnerRequest, ClaimMeasurement>;
}

export interface RunnerEvents {
  progress: { readonly fraction: number; readonly label: string };
}

/** A task in a scratch host: on its main thread without the inline host's guard, or in a thread. */
export interface ScratchTask {
  readonly task: TaskId;
  readonly kind: 'inline' | 'thread';
}

export interface ScratchStart extends LessonPlaces {
  readonly tasks: readonly ScratchTask[];
}

/**
 * A sacrificial host: the tasks it runs inline share its main thread with nothing to catch their
 * crashes, which is what the lesson shows; the runner watches it from outside.
 */
export interface ScratchApi {
  /** Starts the tasks; resolves once every one is ready. */
  start: Method<ScratchStart, null>;
  /** Calls `method` of a started task and answers with its result. */
  call: Method<{ readonly task: TaskId; readonly method: string; readonly request: unknown }, unknown>;
}
