/**
 * The host core as the web host builds it, in this process: the real EditorSession and host
 * service, the real supervisor with the four real tasks (threads and forked processes from
 * source, inline through the registry). Suites pass supervisor options to shape faults and
 * restarts, and can watch which process runs each task.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../../main/core/files/workspace.ts';
import { sourceEntryPaths, type EntryPaths } from '../../../main/core/hosts/entry-paths.ts';
import { forkSpawner } from '../../../main/core/hosts/fork-spawner.ts';
import type { ProcessSpawner } from '../../../main/core/hosts/process-spawner.ts';
import { createHostCore, type HostCore } from '../../../main/core/host-service/host-core.ts';
import type { Primer, TaskSupervisor } from '../../../main/core/supervisor/supervisor-api.ts';
import type { SupervisorOptions } from '../../../main/core/supervisor/supervisor-options.ts';
import { createTaskSupervisor } from '../../../main/core/supervisor/task-supervisor.ts';
import type { HostEvents } from '../../../workers/common/host-api.ts';
import type { TaskAssets } from '../../../workers/common/task-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';
import { loadRegisteredTask } from '../../../workers/tasks/registry.ts';
import { SOURCE_TASK_ASSETS } from '../../../workers/node/source-assets.ts';


/** The task files in node_modules, where the built host's `?asset` imports would copy them from. */
export const SOURCE_ASSETS: TaskAssets = SOURCE_TASK_ASSETS;

export const NEVER = new AbortController().signal;

export interface HostEvent {
  readonly name: keyof HostEvents;
  readonly payload: unknown;
  /** performance.now() when it was emitted. */
  readonly at: number;
}

export interface RealCore {
  readonly core: HostCore;
  readonly supervisor: TaskSupervisor;
  readonly root: string;
  readonly dataDir: string;
  readonly workspace: string;
  readonly events: HostEvent[];
  readonly logs: string[];
  /**
   * The pid of the process now serving `task`, if it runs in one, from the next metrics sample
   * (not the last pid spawned for it: that may be its warm standby).
   */
  processPid(task: TaskId): Promise<number | undefined>;
  /** Every task process pid this core spawned. */
  readonly spawnedPids: number[];
  /** Disposes the core (tasks stopped gracefully) and removes the folder, unless it was given. */
  close(): Promise<void>;
}

export interface RealCoreOptions {
  /** Reuse a folder (data and workspace) from an earlier core: hot exit restores from it. */
  readonly root?: string;
  readonly supervisor?: Partial<SupervisorOptions>;
  /** Keep at most this many events (oldest dropped); default 20,000. */
  readonly keepEvents?: number;
  /** Keep at most this many log lines; default 5,000. */
  readonly keepLogs?: number;
  /** Task entries; default: the TypeScript sources. */
  readonly entries?: EntryPaths;
  /** Wraps the session's primer (e.g. to look at the disk right after a new keystroke host opened its journal). */
  readonly wrapPrimer?: (primer: Primer) => Primer;
  /** Wraps the supervisor the core gets (e.g. to count what reaches the tasks). */
  readonly wrapSupervisor?: (supervisor: TaskSupervisor) => TaskSupervisor;
}

/** Wraps the fork spawner to remember every pid it spawned. */
function recordingSpawner(log: (line: string) => void, all: number[]): ProcessSpawner {
  const base = forkSpawner({ log });
  return {
    spawn(task, options) {
      const spawned = base.spawn(task, options);
      all.push(spawned.pid);
      return spawned;
    },
  };
}

function nextProcessPid(supervisor: TaskSupervisor, task: TaskId): Promise<number | undefined> {
  return new Promise((resolve) => {
    const off = supervisor.onMetrics((snapshot) => {
      off();
      const row = snapshot.tasks.find((sample) => sample.task === task);
      resolve(row?.kind === 'process' && row.pid !== null ? row.pid : undefined);
    });
  });
}

export async function startRealCore(options: RealCoreOptions = {}): Promise<RealCore> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'forkpad-reliability-')));
  const dataDir = join(root, 'data');
  const workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  const logs: string[] = [];
  const keepLogs = options.keepLogs ?? 5_000;
  const log = (line: string) => {
    logs.push(line);
    if (logs.length > keepLogs) logs.splice(0, logs.length - keepLogs);
  };
  const spawnedPids: number[] = [];
  let supervisor: TaskSupervisor | undefined;
  const core = await createHostCore({
    platform: 'web',
    dataDir,
    files: await Workspace.open(workspace, [dataDir]),
    log,
    createSupervisor: ({ primer, taskSettings, document }) => {
      supervisor = createTaskSupervisor({
        document,
        entries: options.entries ?? sourceEntryPaths(),
        loadInline: loadRegisteredTask,
        primer: options.wrapPrimer ? options.wrapPrimer(primer) : primer,
        dataDir,
        assets: SOURCE_ASSETS,
        settings: taskSettings,
        spawner: recordingSpawner(log, spawnedPids),
        log,
        ...options.supervisor,
      });
      return options.wrapSupervisor ? options.wrapSupervisor(supervisor) : supervisor;
    },
  });
  const events: HostEvent[] = [];
  const keep = options.keepEvents ?? 20_000;
  core.attach((name, payload) => {
    events.push({ name, payload, at: performance.now() });
    if (events.length > keep) events.splice(0, events.length - keep);
  });
  if (!supervisor) throw new Error('the host core did not create its supervisor');
  const created = supervisor;
  return {
    core,
    supervisor,
    root,
    dataDir,
    workspace,
    events,
    logs,
    processPid: (task) => nextProcessPid(created, task),
    spawnedPids,
    async close() {
      await core.dispose();
      if (options.root === undefined) await rm(root, { recursive: true, force: true });
    },
  };
}

/** Resolves once `check` holds, polling every 10 ms; rejects naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** A small seeded PRNG (mulberry32), so a run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed for a run: FORKPAD_RELIABILITY_SEED when set (to repeat a run), else a fresh one. */
export function runSeed(): number {
  const fixed = Number(process.env.FORKPAD_RELIABILITY_SEED);
  return Number.isSafeInteger(fixed) && fixed > 0 ? fixed : Math.floor(Math.random() * 2 ** 31) + 1;
}
