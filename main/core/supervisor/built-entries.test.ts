/**
 * The supervisor as the app configures it: the built entries (`npm run build` first; `npm test`
 * does it), the task registry, the `?asset` files, all four real tasks under the notes' mix, and
 * a live move of a real task.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../workers/common/rpc.ts';
import type { TaskApi } from '../../../workers/common/task-api.ts';
import { PRESETS, TASK_IDS, type TaskId } from '../../../workers/common/tasks.ts';
import { loadRegisteredTask } from '../../../workers/tasks/registry.ts';
import { builtEntryPaths, checkEntryPaths } from '../hosts/entry-paths.ts';
import { waitFor } from '../../../test/fixtures/probe-supervisor.ts';
import { taskAssets } from '../task-assets.ts';
import type { Primer, TaskSupervisor } from './supervisor-api.ts';
import { createTaskSupervisor } from './task-supervisor.ts';

const outMain = resolve(import.meta.dirname, '../../../out/main');
const uri = 'file:///built.md';
const text = '# Notes\n\nWe will recieve it tomorrow. This is a example of the the text.\n';

/** Opens the document in every fresh host, as the session's primer does. */
const primer: Primer = async <T extends TaskId>(_task: T, api: Client<TaskApi<T>>) => {
  await (api as unknown as Client<TaskApi<'render'>>).open({ uri, version: 1, text, path: null });
};

let supervisor: TaskSupervisor | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await supervisor?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  supervisor = undefined;
});

describe('the supervisor on the built entries', () => {
  it('runs the four real tasks under the notes’ mix and moves one live', async () => {
    expect(existsSync(join(outMain, 'task-thread.js')), `no build in ${outMain}: run npm run build`).toBe(true);
    dataDir = await mkdtemp(join(tmpdir(), 'forkpad-built-'));
    const logs: string[] = [];
    supervisor = createTaskSupervisor({
      entries: checkEntryPaths(builtEntryPaths(outMain)),
      loadInline: loadRegisteredTask,
      primer,
      dataDir,
      assets: taskAssets,
      log: (line) => logs.push(line),
    });
    const mix = PRESETS.find((preset) => preset.id === 'mix')!.model;
    await supervisor.start(mix);
    expect(supervisor.status().map((status) => [status.task, status.kind, status.state])).toEqual(TASK_IDS.map((task) => [task, mix[task], 'ready']));

    const spelling = await supervisor.client('spellcheck').check({ version: 1 });
    expect(spelling.issues.map((issue) => issue.word)).toEqual(['recieve']);
    const preview = await supervisor.client('render').render({ version: 1 });
    expect(preview.outline).toEqual([{ level: 1, text: 'Notes', line: 0 }]);
    const grammar = await supervisor.client('grammar').check({ version: 1 });
    expect(grammar.issues.length).toBeGreaterThan(0);

    await supervisor.move('spellcheck', 'thread');
    expect(supervisor.model.spellcheck).toBe('thread');
    expect((await supervisor.client('spellcheck').check({ version: 1 })).issues.map((issue) => issue.word)).toEqual(['recieve']);
    // The old process drains after the swap, in the background.
    await waitFor(() => logs.some((line) => /^\[spellcheck process pid=\d+\] moved to thread: drained; stopped gracefully$/.test(line)), 'the old host to stop');
  }, 60_000);
});
