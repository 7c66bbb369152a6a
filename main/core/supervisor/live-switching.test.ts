import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../workers/common/rpc.ts';
import type { TaskApi } from '../../../workers/common/task-api.ts';
import { HOST_KINDS, type HostKind, type TaskId } from '../../../workers/common/tasks.ts';
import { createProbeSupervisor, Mirror, waitFor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';
import { alive } from '../../../test/fixtures/process-alive.ts';
import type { ProbeClientApi } from '../../../test/fixtures/probe-task.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

const ALL_INLINE = { keystroke: 'inline', render: 'inline', spellcheck: 'inline', grammar: 'inline' } as const;
const SWITCHES = 50;
const CALLS = 1_000;

describe('live switching', () => {
  it(`loses and duplicates no call across ${SWITCHES} switches while ${CALLS} calls are in flight`, async () => {
    // A short drain makes some switches cut slow calls off, so both paths run: calls that finish
    // on the old host and calls re-sent to the new one.
    current = createProbeSupervisor({ timings: { drainMs: 30 } });
    const { supervisor, mirror, probe, logs } = current;
    await supervisor.start(ALL_INLINE);
    const api = probe('render');

    const settled = new Array<number>(CALLS).fill(0);
    const wrong: string[] = [];
    const pending: Promise<void>[] = [];
    let issued = 0;
    const issue = () => {
      const index = issued++;
      const track = (check: (value: unknown) => boolean) => (value: unknown) => {
        settled[index] = (settled[index] ?? 0) + 1;
        if (!check(value)) wrong.push(`call ${index} resolved with ${JSON.stringify(value)}`);
      };
      const failed = (error: unknown) => {
        settled[index] = (settled[index] ?? 0) + 1;
        wrong.push(`call ${index} failed: ${String(error)}`);
      };
      if (index % 4 === 3) {
        pending.push(api.change(mirror.edit([{ offset: mirror.text.length, length: 0, text: String(index % 10) }])).then(track((value) => value === undefined), failed));
      } else {
        // Every fifth call outlasts the drain, so a cut-off switch must re-send it.
        const delayMs = index % 5 === 0 ? 60 : index % 7;
        pending.push(api.add({ a: index, b: 2 * index, delayMs }).then(track((value) => value === 3 * index), failed));
      }
    };

    // Half of each batch goes out before a switch starts, half while it runs (some while the
    // new host is primed, when calls must wait).
    const half = CALLS / SWITCHES / 2;
    const inFlightAtSwitch: number[] = [];
    for (let move = 0; move < SWITCHES; move += 1) {
      for (let call = 0; call < half; call += 1) issue();
      inFlightAtSwitch.push(issued - settled.filter((count) => count > 0).length);
      const kind: HostKind = HOST_KINDS[(move + 1) % HOST_KINDS.length] ?? 'inline';
      const switching = supervisor.move('render', kind);
      await new Promise((resolve) => setTimeout(resolve, move % 10));
      for (let call = 0; call < half; call += 1) issue();
      await switching;
    }
    await Promise.all(pending);

    expect(issued).toBe(CALLS);
    expect(Math.min(...inFlightAtSwitch)).toBeGreaterThanOrEqual(half);
    expect(wrong).toEqual([]);
    expect(settled.every((count) => count === 1)).toBe(true);
    const summary = await api.summary(null);
    expect(summary.text).toBe(mirror.text);
    expect(summary.version).toBe(mirror.version);
    expect(mirror.primes).toBeGreaterThanOrEqual(SWITCHES);
    expect(supervisor.status().find((status) => status.task === 'render')).toMatchObject({ restarts: 0, lastError: null });
    // Some switches drained everything, and some re-sent calls the old host still held.
    expect(logs.some((line) => /moved to \w+: drained; stopped gracefully/.test(line))).toBe(true);
    expect(logs.some((line) => /call\(s\) unanswered after 30 ms, re-sent/.test(line))).toBe(true);
  });

  it('retires the new host of a switch that finishes after dispose', async () => {
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
    await supervisor.start(ALL_INLINE);
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
