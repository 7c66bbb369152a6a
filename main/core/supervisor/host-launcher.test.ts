import { afterEach, describe, expect, it } from 'vitest';
import { probeHostFactory, probeInit } from '../../../test/fixtures/probe-hosts.ts';
import type { ProbeClientApi } from '../../../test/fixtures/probe-task.ts';
import type { Client } from '../../../workers/common/rpc.ts';
import { CopyMeter } from './document-link.ts';
import { DEFAULT_HEARTBEAT } from './heartbeat.ts';
import { launchSilentHost, type SlotOptions } from './host-launcher.ts';
import type { LiveHost, LiveHostEvents } from './live-host.ts';
import { RestartPolicy } from './restart-policy.ts';

let launched: LiveHost<'render'> | undefined;
afterEach(async () => {
  launched?.kill('the test ended');
  await launched?.whenExited();
  launched = undefined;
});

function slotOptions(log: (line: string) => void): SlotOptions<'render'> {
  return {
    task: 'render',
    kind: 'inline',
    spawn: probeHostFactory(log),
    init: (task) => probeInit(task),
    copies: new CopyMeter(),
    primer: () => Promise.resolve(),
    policy: new RestartPolicy(),
    timings: { startMs: 10_000, drainMs: 200, stopMs: 300, callTimeoutMs: 5_000, maxCrashResends: 1, heartbeat: DEFAULT_HEARTBEAT },
    now: () => Date.now(),
    log,
    onStatus: () => undefined,
    onEvent: () => undefined,
  };
}

// Holding and opening are HeldQueue's (workers/common/held-queue.test.ts); this is the launcher's
// choice: a spare's events before promotion are dropped, not replayed once it serves.
describe('launchSilentHost', () => {
  it('drops what a spare says before it is promoted, and passes what it says after', async () => {
    const heard: unknown[] = [];
    const events: LiveHostEvents<'render'> = {
      onSettled: () => undefined,
      onEvent: (name, payload) => heard.push({ name, payload }),
      onAsset: () => undefined,
      onBeat: () => undefined,
      onExit: () => undefined,
    };
    const { live, promote } = await launchSilentHost(slotOptions(() => undefined), events, 'inline');
    launched = live;
    const probe = live.api as unknown as Client<ProbeClientApi>;
    await probe.shout({ text: 'as a spare' });
    promote();
    await probe.shout({ text: 'serving' });
    await expect.poll(() => heard).toEqual([{ name: 'shout', payload: 'serving' }]);
  });
});
