/**
 * Data-file reports through the supervisor, with real hosts of every kind running the probe task:
 * what a host reports reaches the task's samples, a malformed report is ignored at the boundary,
 * and a host that replaced another (a move, a restart) starts with nothing of its predecessor's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AssetLoad } from '../../../workers/common/asset-loads.ts';
import type { TaskSample } from '../../../workers/common/metrics.ts';
import { HOST_KINDS } from '../../../workers/common/tasks.ts';
import { createProbeSupervisor, waitFor, type ProbeSupervisor } from '../../../test/fixtures/probe-supervisor.ts';

let current: ProbeSupervisor | undefined;
afterEach(async () => {
  await current?.supervisor.dispose();
  current = undefined;
});

const ALL_INLINE = { keystroke: 'inline', render: 'inline', spellcheck: 'inline', grammar: 'inline' } as const;
const PENDING: AssetLoad = { name: 'word list', state: 'pending', when: 'loads on first use' };
const LOADED: AssetLoad = { name: 'word list', state: 'loaded', loadMs: 12.5, fileBytes: 4_096, memory: { bytes: 65_536, measure: 'heap-growth' }, reused: false };

describe('asset reports through the supervisor', () => {
  it('show the serving host’s reports in every host kind, and a replacing host’s only', async () => {
    current = createProbeSupervisor({ probeIntervalMs: 250 });
    const { supervisor, probe } = current;
    await supervisor.start(ALL_INLINE);
    const render = (): TaskSample | undefined => supervisor.latestMetrics()?.tasks.find((sample) => sample.task === 'render');
    let samplesSeen = 0;
    const unsubscribe = supervisor.onMetrics(() => (samplesSeen += 1));
    for (const kind of HOST_KINDS) {
      if (kind === supervisor.model.render) await supervisor.restart('render');
      else await supervisor.move('render', kind);
      // A sample taken after the swap: the new host has reported nothing, whatever the old one did.
      const after = samplesSeen;
      await waitFor(() => samplesSeen > after + 1, `a sample of the ${kind} host`);
      expect(render()?.kind).toBe(kind);
      expect(render()?.assets, kind).toBeUndefined();

      await probe().reportAsset(PENDING);
      await probe().reportAsset({ ...LOADED, loadMs: 'soon' });
      await waitFor(() => render()?.assets !== undefined, `the ${kind} host's pending report`);
      expect(render()?.assets, kind).toEqual([PENDING]);
      await probe().reportAsset({ ...LOADED, extra: 'dropped' });
      await waitFor(() => render()?.assets?.[0]?.state === 'loaded', `the ${kind} host's loaded report`);
      expect(render()?.assets, kind).toEqual([LOADED]);
    }
    unsubscribe();
  }, 60_000);
});
