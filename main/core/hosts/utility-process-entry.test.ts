import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkSpawner } from './fork-spawner.ts';
import type { SpawnedProcess } from './process-spawner.ts';
import { probeInit } from '../../../test/fixtures/probe-hosts.ts';
import type { ProbeApi } from '../../../test/fixtures/probe-task.ts';
import type { Port } from '../../../workers/common/rpc-messages.ts';
import { createRpcClient } from '../../../workers/common/rpc.ts';
import type { HostControlApi } from '../../../workers/entry/host-control.ts';

const children: SpawnedProcess[] = [];
afterEach(async () => {
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          child.onExit(() => resolve());
          child.kill();
        }),
    ),
  );
});

describe('the process entry as an Electron utility process', () => {
  it('detects process.parentPort at run time and unwraps its { data } messages', async () => {
    const child = forkSpawner({ log: () => undefined }).spawn('render', { entry: join(import.meta.dirname, '../../../test/fixtures/fake-utility-process-entry.ts') });
    children.push(child);
    // Everything the task sends must come through the utility port, none through process.send.
    const replies: unknown[] = [];
    const port: Port = {
      post: (message) => child.port.post(message),
      listen: (handler) =>
        child.port.listen((raw) => {
          replies.push(raw);
          const { viaParentPort, message } = raw as { viaParentPort?: unknown; message?: unknown };
          if (viaParentPort === true) handler(message);
        }),
    };
    const { api } = createRpcClient<ProbeApi & HostControlApi>(port, { label: '[render process fake-utility]', defaultTimeoutMs: 10_000 });
    const ready = await api.start(probeInit('render'));
    expect(ready.pid).toBe(child.pid);
    await expect(api.add({ a: 20, b: 22 })).resolves.toBe(42);
    expect(replies.every((reply) => (reply as { viaParentPort?: unknown }).viaParentPort === true)).toBe(true);
  });
});
