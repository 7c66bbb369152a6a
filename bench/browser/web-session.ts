/**
 * The built web host for the browser scenarios, started through the browser-test harness with
 * fresh folders: its settings name the model to start under, its workspace holds the documents
 * to open. The host's log lines are timestamped as they arrive, so the moment each task host
 * reports ready is known from outside.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS_FILE } from '../../main/core/settings/settings-store.ts';
import type { HostKind, IsolationModel, TaskId } from '../../workers/common/tasks.ts';
import { startWebHost, type WebHost } from '../../test/browser/harness.ts';
import type { PlacedTask } from '../host/priority.ts';

const READY_LINE = /\[(keystroke|render|spellcheck|grammar) (inline|thread|process)(?: pid=(\d+))?[^\]]*\] ready in \d+ ms/;

export interface BenchWebHost {
  readonly host: WebHost;
  /** performance.now() just before the host process was spawned. */
  readonly spawnedAt: number;
  /** performance.now() when the host printed its URL. */
  readonly urlAt: number;
  /** When each task's host logged that it is ready; ones logged before the URL count at `urlAt`. */
  readonly readyAt: Map<TaskId, number>;
  /** Where each task runs, from the same log lines (a thread's pid is the host's). */
  readonly placed: Map<TaskId, PlacedTask>;
  stop(): Promise<void>;
}

export async function startBenchWebHost(model: IsolationModel, files: readonly { name: string; text: string }[], args: readonly string[] = []): Promise<BenchWebHost> {
  const root = await mkdtemp(join(tmpdir(), 'forkpad-bench-web-'));
  const workspace = join(root, 'workspace');
  const dataDir = join(root, 'data');
  await Promise.all([mkdir(workspace), mkdir(dataDir)]);
  await writeFile(join(dataDir, SETTINGS_FILE), JSON.stringify({ model }));
  await Promise.all(files.map((file) => writeFile(join(workspace, file.name), file.text)));
  const spawnedAt = performance.now();
  const host = await startWebHost({ workspace, dataDir, args });
  const urlAt = performance.now();
  const readyAt = new Map<TaskId, number>();
  const placed = new Map<TaskId, PlacedTask>();
  const hostPid = host.process.pid ?? 0;
  const record = (line: string, at: number) => {
    const match = READY_LINE.exec(line);
    if (!match) return;
    const [task, kind, pid] = [match[1] as TaskId, match[2] as HostKind, match[3]];
    if (!readyAt.has(task)) readyAt.set(task, at);
    // The newest line wins: after a switch or restart the task runs elsewhere.
    placed.set(task, { task, kind, pid: kind === 'process' && pid !== undefined ? Number(pid) : hostPid });
  };
  for (const line of host.output().split('\n')) record(line, urlAt);
  let partial = '';
  host.process.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    const at = performance.now();
    for (const line of lines) record(line, at);
  });
  return {
    host,
    spawnedAt,
    urlAt,
    readyAt,
    placed,
    async stop() {
      await host.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Resolves once all four tasks logged ready (or rejects after `timeoutMs`). */
export async function allTasksReady(web: BenchWebHost, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (web.readyAt.size < 4) {
    if (performance.now() > deadline) throw new Error(`only ${[...web.readyAt.keys()].join(', ') || 'no task'} ready after ${timeoutMs} ms:\n${web.host.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Math.max(...web.readyAt.values());
}
