/**
 * The host core as the web host assembles it (settings, files, session, supervisor), started in
 * this process under one isolation model, for the scenarios that drive the core directly. Task
 * threads and processes run the built entries (the product's code); inline tasks load through
 * the task registry, as the built web host's inline tasks do.
 */
import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Workspace } from '../../main/core/files/workspace.ts';
import { builtEntryPaths, checkEntryPaths } from '../../main/core/hosts/entry-paths.ts';
import { forkSpawner } from '../../main/core/hosts/fork-spawner.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { SETTINGS_FILE } from '../../main/core/settings/settings-store.ts';
import { createTaskSupervisor } from '../../main/core/supervisor/task-supervisor.ts';
import type { HostEvents } from '../../workers/common/host-api.ts';
import type { TaskAssets } from '../../workers/common/task-api.ts';
import type { IsolationModel } from '../../workers/common/tasks.ts';
import { loadRegisteredTask } from '../../workers/tasks/registry.ts';
import { SOURCE_TASK_ASSETS } from '../../workers/node/source-assets.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The files tasks load, where the build's `?asset` imports find them: in node_modules. */
export const BENCH_ASSETS: TaskAssets = SOURCE_TASK_ASSETS;

/** The build under test: the run's private copy (FORKPAD_OUT_DIR, set by scripts/bench.mjs), else out/. */
export const OUT_DIR = resolve(REPO_ROOT, process.env.FORKPAD_OUT_DIR ?? 'out');

export function benchEntries() {
  return checkEntryPaths(builtEntryPaths(join(OUT_DIR, 'main')));
}

/** Appends log lines to a file, so a run's thousands of task lines stay out of the report. */
export function fileLog(path: string | undefined): (line: string) => void {
  if (!path) return () => undefined;
  return (line) => appendFileSync(path, `${new Date().toISOString()} ${line}\n`);
}

type HostEvent = { [K in keyof HostEvents]: { readonly name: K; readonly payload: HostEvents[K]; readonly at: number } }[keyof HostEvents];

/** How many events of each name are kept, so a wait can find one that arrived before it began. */
const HISTORY = 2_000;

/** The host's events as the bench sees them: kept with their arrival time, and waited for. */
export class EventWaiter {
  private readonly history = new Map<keyof HostEvents, HostEvent[]>();
  private readonly waiters = new Set<(event: HostEvent) => void>();

  readonly sink = <K extends keyof HostEvents>(name: K, payload: HostEvents[K]): void => {
    const event = { name, payload, at: performance.now() } as HostEvent;
    const kept = this.history.get(name) ?? [];
    kept.push(event);
    if (kept.length > HISTORY) kept.shift();
    this.history.set(name, kept);
    for (const waiter of [...this.waiters]) waiter(event);
  };

  /**
   * The first event named `name` at or after `since` (performance.now() ms) whose payload passes
   * `test`, with its arrival time; waits for it if it has not arrived yet.
   */
  when<K extends keyof HostEvents>(name: K, test: (payload: HostEvents[K]) => boolean, since: number, timeoutMs: number): Promise<{ payload: HostEvents[K]; at: number }> {
    const match = (event: HostEvent) => event.name === name && event.at >= since && test(event.payload as HostEvents[K]);
    const found = this.history.get(name)?.find(match);
    if (found) return Promise.resolve({ payload: found.payload as HostEvents[K], at: found.at });
    return new Promise((resolveEvent, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching ${name} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (event: HostEvent) => {
        if (!match(event)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolveEvent({ payload: event.payload as HostEvents[K], at: event.at });
      };
      this.waiters.add(waiter);
    });
  }

  /** Calls `handler` for every event named `name` until the returned function is called. */
  on<K extends keyof HostEvents>(name: K, handler: (payload: HostEvents[K], at: number) => void): () => void {
    const waiter = (event: HostEvent) => {
      if (event.name === name) handler(event.payload as HostEvents[K], event.at);
    };
    this.waiters.add(waiter);
    return () => this.waiters.delete(waiter);
  }
}

export interface BenchHost {
  readonly core: HostCore;
  readonly events: EventWaiter;
  readonly workspace: string;
  /** Writes `text` into the workspace as `name`, for `core.documents.open`. */
  addFile(name: string, text: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Starts the host core under `model` with fresh folders; resolves once every task is ready. */
export async function startBenchHost(model: IsolationModel, logFile?: string): Promise<BenchHost> {
  const root = await mkdtemp(join(tmpdir(), 'forkpad-bench-'));
  const dataDir = join(root, 'data');
  const workspace = join(root, 'workspace');
  await Promise.all([mkdir(dataDir), mkdir(workspace)]);
  // The model a host starts under comes from its settings, as when a user chose it last time.
  await writeFile(join(dataDir, SETTINGS_FILE), JSON.stringify({ model }));
  const log = fileLog(logFile);
  const entries = benchEntries();
  const core = await createHostCore({
    platform: 'web',
    dataDir,
    files: await Workspace.open(workspace, [dataDir]),
    log,
    createSupervisor: ({ primer, taskSettings }) =>
      createTaskSupervisor({ entries, loadInline: loadRegisteredTask, primer, dataDir, assets: BENCH_ASSETS, settings: taskSettings, spawner: forkSpawner({ log }), log }),
  });
  const events = new EventWaiter();
  core.attach(events.sink);
  await core.ready;
  const notReady = core.supervisor?.status().filter((status) => status.state !== 'ready') ?? [];
  if (notReady.length > 0) throw new Error(`tasks not ready after start: ${notReady.map((status) => `${status.task} ${status.state} ${status.lastError ?? ''}`).join(', ')}`);
  return {
    core,
    events,
    workspace,
    addFile: (name, text) => writeFile(join(workspace, name), text),
    async dispose() {
      await core.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}
