/**
 * A task's stop hook runs when its host stops serving it: an inline host has no thread or
 * process exit that would close the task's files (the keystroke journal's) for it.
 */
import { describe, expect, it } from 'vitest';
import { spawnInlineHost } from './inline-host.ts';
import { probeInit } from '../../../test/fixtures/probe-hosts.ts';
import { createRpcClient } from '../../../workers/common/rpc.ts';
import type { TaskFactory } from '../../../workers/common/task-api.ts';
import type { HostControlApi, TaskLoader } from '../../../workers/entry/host-control.ts';

function hostWithStopHook(stopped: string[], fail = false) {
  const factory: TaskFactory<'render'> = (context) => {
    context.onStop?.(async () => {
      await Promise.resolve();
      stopped.push(context.init.task);
      if (fail) throw new Error('the files were already gone');
    });
    return Promise.resolve({ open: () => undefined, change: () => undefined, render: () => Promise.reject(new Error('unused')) });
  };
  const host = spawnInlineHost('render', (() => Promise.resolve(factory)) as unknown as TaskLoader);
  const rpc = createRpcClient<HostControlApi>(host.port, { label: '[render inline]', defaultTimeoutMs: 5_000 });
  host.onExit(() => rpc.close());
  return { host, api: rpc.api };
}

describe('a task stop hook', () => {
  it('runs once when an inline host is killed', async () => {
    const stopped: string[] = [];
    const { host, api } = hostWithStopHook(stopped);
    await api.start(probeInit('render'));
    expect(stopped).toEqual([]);
    host.kill();
    host.kill();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toEqual(['render']);
  });

  it('runs when an inline host shuts down, and a failing hook is only logged', async () => {
    const stopped: string[] = [];
    const { host, api } = hostWithStopHook(stopped, true);
    const exited = new Promise((resolve) => host.onExit(resolve));
    await api.start(probeInit('render'));
    // The inline host ends on the turn after answering, and may close the channel before the answer
    // is read: the exit below is what this test waits for.
    await api.shutdown(null).catch(() => undefined);
    await expect(exited).resolves.toMatchObject({ kind: 'clean' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toEqual(['render']);
  });
});
