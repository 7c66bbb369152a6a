/**
 * What the supervisor runs a task with. A plain task has one slot (`TaskSlot`); grammar has a
 * pool of them (`GrammarPool`). The supervisor treats both alike through this contract, so no
 * operation of its own needs to know which one a task has.
 */
import type { Client } from '../../../workers/common/rpc.ts';
import type { TaskApi } from '../../../workers/common/task-api.ts';
import type { HostKind, TaskId } from '../../../workers/common/tasks.ts';
import type { TaskSlot } from './task-slot.ts';

export interface TaskRunner<T extends TaskId> {
  readonly task: T;
  /** The client the rest of the host calls the task through; it outlives every host. */
  readonly api: Client<TaskApi<T>>;
  /** The slot whose kind, status and host stand for the task's (a pool's replica 0). */
  readonly primary: TaskSlot<T>;
  /** Every slot that runs the task, the primary first (probes). */
  replicas(): readonly TaskSlot<T>[];
  start(kind: HostKind): Promise<void>;
  /** A live switch to `kind`: the task keeps serving while the new host is primed. */
  move(kind: HostKind): Promise<void>;
  restart(): Promise<void>;
  end(): Promise<void>;
  /** Kills the task's hosts now; it counts as a crash, so the restart policy decides what follows. */
  kill(): Promise<void>;
  dispose(): Promise<void>;
}

export type TaskRunners = { readonly [T in TaskId]: TaskRunner<T> };
