/**
 * Dispose while a lifecycle operation is under way: the host that operation brings up must not
 * outlive the supervisor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProbeSupervisor, Mirror, waitFor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';
import { alive } from '../../../test/fixtures/process-alive.ts';
import type { ProbeClientApi } from '../../../test/fixtures/probe-task.ts';
import type { Client } from '../../../workers/common/rpc.ts';
import type { TaskApi } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

describe('dispose', () => {
  it('retires the new host of a live switch that finishes after dispose', async () => {
    const mirror = new Mirror();
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holdRender = false;
    let freshPid: number | null = null;
    current = createProbeSupervisor({
      // The move's priming waits for the gate, so that dispose comes while it is under way.
      primer: async <T extends TaskId>(task: T, api: Client<TaskApi<T>>) => {
        await mirror.primer(task, api);
        if (task !== 'render' || !holdRender) return;
        freshPid = (await (api as unknown as Client<ProbeClientApi>).whoami(null)).pid;
        await gate;
      },
    });
    const { supervisor } = current;
    await supervisor.start({ keystroke: 'inline', render: 'inline', spellcheck: 'inline', grammar: 'inline' });
    holdRender = true;
    const moving = supervisor.move('render', 'process').catch(() => undefined);
    await waitFor(() => freshPid !== null, 'the process host to be primed');
    const disposing = supervisor.dispose();
    current = undefined;
    release();
    await Promise.all([moving, disposing]);
    // Dispose waits for every host it retires to exit.
    expect(freshPid).toBeTypeOf('number');
    expect(alive(freshPid ?? 0)).toBe(false);
  });
});
