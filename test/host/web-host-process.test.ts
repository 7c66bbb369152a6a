/**
 * The whole web host process, run from source with the real tasks: it prints its URL, restores
 * acknowledged typing after a SIGKILL (hot exit), leaves no task process behind, and stops
 * cleanly on SIGTERM.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../../workers/common/metrics.ts';
import { connectHost, waitFor } from './web-client.ts';
import { SOURCE_ENTRY, startHostProcess, type HostProcess } from '../reliability/support/web-host-process.ts';
import { alive } from '../fixtures/process-alive.ts';

let root: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-web-process-'));
  await mkdir(join(root, 'renderer'));
  await mkdir(join(root, 'workspace'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>Forkpad</title>');
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

function startHost(): Promise<HostProcess> {
  return startHostProcess({ workspace: join(root, 'workspace'), dataDir: join(root, 'data'), renderer: join(root, 'renderer') }, children, SOURCE_ENTRY);
}

describe('web host process', () => {
  it('restores acknowledged typing after SIGKILL, leaves no task process behind, and stops cleanly on SIGTERM', async () => {
    const first = await startHost();
    const host = await connectHost(first.port, first.token);
    const hello = await host.client.api.hello(null);
    const { uri } = hello.document;
    const typed = 'Unsaved words survive a kill. ';
    for (let index = 0; index < typed.length; index += 1) {
      await host.client.api.change({ uri, version: index + 1, edits: [{ offset: index, length: 0, text: typed[index] ?? '' }], keys: [{ kind: 'character', at: Date.now() }] });
    }
    const durable = () => Math.max(0, ...host.events.filter((event) => event.name === 'durable').map((event) => (event.payload as { version: number }).version));
    await waitFor(() => durable() === typed.length, 15_000, 'every change durable');
    await waitFor(() => host.events.some((event) => event.name === 'metrics' && (event.payload as MetricsSnapshot).tasks.some((task) => task.kind === 'process' && task.pid !== null)), 15_000, 'task process pids');
    const pids = host.events
      .filter((event) => event.name === 'metrics')
      .flatMap((event) => (event.payload as MetricsSnapshot).tasks.filter((task) => task.kind === 'process').map((task) => task.pid))
      .filter((pid): pid is number => pid !== null && pid !== first.child.pid);
    first.child.kill('SIGKILL');
    await first.exited;
    host.close();
    await waitFor(() => pids.every((pid) => !alive(pid)), 10_000, `task processes ${pids.join(', ')} to exit with their host`);

    const second = await startHost();
    const again = await connectHost(second.port, second.token);
    const restored = await again.client.api.hello(null);
    expect(restored.restored).toMatch(/Restored unsaved changes/);
    expect(restored.document).toMatchObject({ uri, version: typed.length, text: typed, dirty: true });
    again.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output()).toMatch(/SIGTERM: stopping[\s\S]*stopped cleanly/);
  }, 90_000);
});
