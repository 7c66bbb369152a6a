/**
 * Maps each task id to its module. The imports are dynamic and literal, so a bundle splits each
 * task into its own chunk, and a host loads only the task it runs.
 */
import type { TaskLoader } from '../entry/host-control.ts';
import type { TaskFactory } from '../common/task-api.ts';
import type { TaskId } from '../common/tasks.ts';

type TaskModules = { readonly [T in TaskId]: () => Promise<{ readonly createTask: TaskFactory<T> }> };

const modules: TaskModules = {
  keystroke: () => import('./keystroke/index.ts'),
  render: () => import('./render/index.ts'),
  spellcheck: () => import('./spellcheck/index.ts'),
  grammar: () => import('./grammar/index.ts'),
};

export const loadRegisteredTask: TaskLoader = async (task) => (await modules[task]()).createTask;
