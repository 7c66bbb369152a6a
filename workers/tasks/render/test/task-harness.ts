/** Builds render tasks the way a host does, for tests. */
import type { RenderApi, TaskContext } from '../../../common/task-api.ts';
import { createTask } from '../index.ts';

export function renderContext(logs: string[] = []): TaskContext<'render'> {
  return {
    init: {
      task: 'render',
      dataDir: '/nonexistent',
      assets: { harperWasm: '', dictionaryAff: '', dictionaryDic: '' },
      settings: { ignoredRules: [] },
    },
    emit: () => undefined,
    log: (line) => logs.push(line),
  };
}

export function newRenderTask(): Promise<RenderApi> {
  return createTask(renderContext());
}

export const never = new AbortController().signal;

/** Opens `text` as version 1 of a fresh task and renders it. */
export async function renderOnce(text: string, uri = 'untitled:test') {
  const task = await newRenderTask();
  await task.open({ uri, version: 1, text, path: null }, never);
  return task.render({ version: 1 }, never);
}
