/**
 * The task side of every host kind. One function serves `ControlApi` plus the task's own API on
 * a Port, so the same task module runs unchanged inline, in a thread or in a process; only the
 * small runtime adapter (how to post, how to exit, how to crash) differs per kind.
 */
import { threadId } from 'node:worker_threads';
import { Errors } from '../common/errors.ts';
import type { Port } from '../common/rpc-messages.ts';
import { serveRpc, type Method } from '../common/rpc.ts';
import { SharedDocumentReader } from '../common/shared-document/document-reader.ts';
import { RACE_EVENT } from '../common/race-counts.ts';
import { ASSET_EVENT } from '../common/asset-loads.ts';
import type { Fault, ReadyInfo, TaskContext, TaskInit } from '../common/task-api.ts';
import { hostLabel, type TaskId } from '../common/tasks.ts';
import { runFault, validateFault, type FaultTarget } from './faults.ts';
import { LOG_EVENT, type EntryRuntime, type HostControlApi, type TaskLoader } from './host-control.ts';
import { validateInit } from './validate-init.ts';
import { gatePort } from './task-port-gate.ts';

export interface ServeTaskOptions {
  readonly runtime: EntryRuntime;
  /** Loads a task's factory: the registry in the app, a fixture in tests. */
  readonly loadTask: TaskLoader;
}

export interface TaskServer {
  /**
   * CPU ms this thread spent in the task's jobs and injected faults: the inline hosts' CPU source.
   * Jobs are counted for inline hosts only: a thread or process is measured from outside.
   */
  cpuMs(): number;
  /** Stops serving: aborts running jobs, ends an inline hang, frees an inline leak. */
  close(): void;
}

/** Largest `echo` payload, in UTF-16 code units. */
const MAX_ECHO_LENGTH = 16 * 1024 * 1024;

function threadCpuMs(): number {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The names of `api`'s methods, own and inherited, never those of Object.prototype. */
function methodNames(api: object): string[] {
  const names = new Set<string>();
  for (let owner: object | null = api; owner && owner !== Object.prototype; owner = Object.getPrototypeOf(owner) as object | null) {
    for (const name of Object.getOwnPropertyNames(owner)) {
      if (name !== 'constructor' && typeof (api as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

/** Adds the task's methods to `handlers`, each called on the task object; none may shadow a control method. */
function bindTaskMethods(api: object, handlers: Record<string, Method<unknown, unknown>>): void {
  for (const name of methodNames(api)) {
    if (Object.hasOwn(handlers, name)) continue;
    const method = (api as Record<string, Method<unknown, unknown>>)[name];
    if (method) handlers[name] = (request, signal) => method.call(api, request, signal);
  }
}

function controlHandlers(start: (init: TaskInit) => Promise<ReadyInfo>, faults: FaultTarget, runtime: EntryRuntime): HostControlApi {
  return {
    start: (request) => start(validateInit(request)),
    injectFault: (request: Fault) => runFault(validateFault(request), faults),
    noop: () => null,
    echo: (request: string) => {
      if (typeof request !== 'string' || request.length > MAX_ECHO_LENGTH) throw Errors.invalidInput('echo', 'expected a string of at most 16 Mi units');
      return request;
    },
    shutdown: () => {
      // Answer first, then end on a later turn so the answer can leave.
      setImmediate(() => runtime.exit());
    },
  };
}

export function serveTask(port: Port, options: ServeTaskOptions): TaskServer {
  const { runtime, loadTask } = options;
  // Until `start` names the task, the label names only the host.
  let label = `[unstarted ${runtime.kind} pid=${process.pid} tid=${threadId}]`;
  let phase: 'new' | 'starting' | 'started' = 'new';
  let closed = false;
  let cpuMs = 0;
  const retained: unknown[] = [];
  const stopHandlers: (() => Promise<void>)[] = [];
  const gate = gatePort(port, () => label);
  const log = (line: string) => gate.port.post({ type: 'event', name: LOG_EVENT, payload: line });

  // Set once `start` has loaded the task: what a race reads is what the task reads.
  let context: TaskContext<TaskId> | null = null;
  const faultTarget: FaultTarget = {
    kind: runtime.kind,
    crash: (error) => runtime.crash(error),
    closed: () => closed,
    hold: () => gate.hold(),
    release: () => gate.release(),
    addCpuMs: (ms) => (cpuMs += ms),
    threadCpuMs,
    retained,
    log,
    document: () => context?.document ?? null,
    report: (counts) => gate.port.post({ type: 'event', name: RACE_EVENT, payload: counts }),
  };

  // Typed per method where they are written; the RPC dispatcher sees them by name.
  const handlers: Record<string, Method<unknown, unknown>> = {};
  Object.assign(handlers, controlHandlers((init) => start(init), faultTarget, runtime));

  async function start(init: TaskInit): Promise<ReadyInfo> {
    if (phase !== 'new') throw Errors.invalidInput('start', `${label} was already started`);
    phase = 'starting';
    label = hostLabel(init.task, runtime.kind, { pid: process.pid, threadId });
    const factory = await loadTask(init.task);
    const taskContext: TaskContext<typeof init.task> = {
      init,
      ...(init.document ? { document: new SharedDocumentReader(init.document) } : {}),
      emit: (name, payload) => server.emit(name, payload),
      log,
      reportAsset: (load) => gate.port.post({ type: 'event', name: ASSET_EVENT, payload: load }),
      onStop: (dispose) => {
        stopHandlers.push(dispose);
      },
    };
    context = taskContext;
    bindTaskMethods(await factory(taskContext), handlers);
    phase = 'started';
    gate.open();
    return { pid: process.pid, threadId, loadMs: performance.now() - runtime.startedAt };
  }

  const server = serveRpc<Record<string, Method<unknown, unknown>>, Record<string, unknown>>(gate.port, handlers, {
    label: 'task server',
    // Only an inline task's CPU must be counted job by job (it shares the host's main thread); a
    // thread or process is measured from outside, so its jobs skip the two clock reads.
    ...(runtime.kind === 'inline' ? { threadCpuMs } : {}),
    log,
    onJob: (event) => {
      if (event.phase === 'end' && event.timing?.cpuMs !== undefined) cpuMs += event.timing.cpuMs;
    },
  });

  return {
    cpuMs: () => cpuMs,
    close() {
      if (closed) return;
      closed = true;
      retained.length = 0;
      server.close();
      gate.close();
      // The port is closed, so a failure can only go to the host's console.
      for (const dispose of stopHandlers.splice(0)) {
        dispose().catch((error: unknown) => console.warn(`${label} stopping the task failed: ${String(error)}`));
      }
    },
  };
}
