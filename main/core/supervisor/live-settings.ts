/**
 * Settings a running task is told of as soon as they change. A host gets all settings in its
 * init; only those listed here also reach a host that is already running.
 */
import type { Client } from '../../../workers/common/rpc.ts';
import type { TaskApi, TaskSettings } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { TaskRunner } from './task-runner.ts';

type Tell<T extends TaskId> = (api: Client<TaskApi<T>>, settings: TaskSettings) => Promise<unknown>;

const LIVE_SETTINGS: { readonly [T in TaskId]?: Tell<T> } = {
  grammar: (api, settings) => api.setIgnoredRules({ rules: settings.ignoredRules }),
};

/** Tells a running task the settings it applies live; a stopped one reads them when it next starts. */
export async function tellLiveSettings<T extends TaskId>(runner: TaskRunner<T>, settings: TaskSettings): Promise<void> {
  const tell = LIVE_SETTINGS[runner.task];
  if (tell && runner.primary.state() !== 'stopped') await tell(runner.api, settings);
}
