/**
 * Which runner each task gets: grammar a pool of slots (issue 7, grammar-pool.ts), every other
 * task one slot. This is the one place that tells them apart; the supervisor sees runners only.
 */
import type { TaskId } from '../../../workers/common/tasks.ts';
import { GrammarPool } from './grammar-pool.ts';
import type { TaskRunners } from './task-runner.ts';
import type { TaskSlot } from './task-slot.ts';

type EventSink = (name: string, payload: unknown) => void;

export interface TaskRunnersOptions {
  /** A new slot for replica `replica` of `task`, whose events it passes to `onEvent`. */
  readonly makeSlot: <T extends TaskId>(task: T, replica: number, onEvent: EventSink) => TaskSlot<T>;
  /** Emits a task's event to the supervisor's subscribers. */
  readonly emitEvent: (task: TaskId, name: string, payload: unknown) => void;
  /** Largest grammar pool. */
  readonly maxGrammarPool: number;
  readonly log: (line: string) => void;
}

export function createTaskRunners(options: TaskRunnersOptions): { readonly runners: TaskRunners; readonly pool: GrammarPool } {
  const pool = new GrammarPool({
    makeSlot: (replica, onEvent) => options.makeSlot('grammar', replica, onEvent),
    emitEvent: (name, payload) => options.emitEvent('grammar', name, payload),
    maxSize: options.maxGrammarPool,
    log: options.log,
  });
  const slot = <T extends TaskId>(task: T): TaskSlot<T> => options.makeSlot(task, 0, (name, payload) => options.emitEvent(task, name, payload));
  return { runners: { keystroke: slot('keystroke'), render: slot('render'), spellcheck: slot('spellcheck'), grammar: pool }, pool };
}
