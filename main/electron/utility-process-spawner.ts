/**
 * The `ProcessSpawner` of the Electron app: each task process is a utility process
 * (`utilityProcess.fork`, serviceName `forkpad-<task>`), talking through its `process.parentPort`
 * (see workers/entry/process-port.ts). Its output is logged under its label, and a crash carries
 * Electron's reason from 'child-process-gone' plus the last error line it printed.
 */
import type { ForkOptions, UtilityProcess } from 'electron';
import { createInterface } from 'node:readline';
import type { RpcMessage } from '../../workers/common/rpc-messages.ts';
import { hostLabel, type TaskId } from '../../workers/common/tasks.ts';
import type { ProcessExit, ProcessSpawner, SpawnedProcess, SpawnOptions } from '../core/hosts/process-spawner.ts';
import { describeUtilityExit, type GoneReports } from './utility-exit.ts';

/** How long an exit waits for Electron's gone-report before it settles for the exit code. */
export const GONE_REPORT_WAIT_MS = 500;

/** The name a task's utility process has in `app.getAppMetrics()` and 'child-process-gone'. */
export function serviceNameOf(task: TaskId): string {
  return `forkpad-${task}`;
}

/** The options of `utilityProcess.fork` for `task`. Pure. */
export function utilityForkOptions(task: TaskId, options: SpawnOptions, baseEnv: Readonly<Record<string, string | undefined>>): ForkOptions {
  const heap = options.resourceLimits?.maxOldGenerationSizeMb;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...baseEnv, ...options.env })) if (value !== undefined) env[name] = value;
  return {
    serviceName: serviceNameOf(task),
    // Piped, so every line is logged under the task's label and a crash can quote its last error.
    stdio: 'pipe',
    env,
    execArgv: heap === undefined ? [] : [`--max-old-space-size=${heap}`],
  };
}

/** The parts of `utilityProcess` the spawner uses (a seam for tests). */
export interface UtilitySpawnerDeps {
  readonly fork: (modulePath: string, args: string[], options: ForkOptions) => UtilityProcess;
  readonly gone: GoneReports;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `process.kill`. */
  readonly killPid: (pid: number, signal: 'SIGKILL') => void;
  readonly log: (line: string) => void;
}

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
}

function spawnUtility(task: TaskId, options: SpawnOptions, deps: UtilitySpawnerDeps): SpawnedProcess {
  const name = serviceNameOf(task);
  const child = deps.fork(options.entry, [], utilityForkOptions(task, options, deps.env));
  // A utility process has no pid until Electron launched it ('spawn').
  const label = () => hostLabel(task, 'process', child.pid === undefined ? {} : { pid: child.pid });
  let exited: ProcessExit | null = null;
  let exiting = false;
  const handlers: ((exit: ProcessExit) => void)[] = [];
  const finish = (exit: ProcessExit) => {
    if (exited) return;
    exited = exit;
    deps.log(`${label()} ${exit.kind === 'clean' ? 'exited cleanly' : exit.reason}`);
    for (const handler of handlers.splice(0)) handler(exit);
  };
  const stderrTail: string[] = [];
  forwardLines(child.stdout, (line) => deps.log(`${label()} ${line}`));
  forwardLines(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    deps.log(`${label()} ${line}`);
  });
  child.on('error', (type, location) => stderrTail.push(`${type} at ${location}`));
  child.on('exit', (code) => {
    exiting = true;
    if (code === 0) {
      finish(describeUtilityExit(code, deps.gone.take(name), stderrTail));
      return;
    }
    void deps.gone.claim(name, GONE_REPORT_WAIT_MS).then((report) => finish(describeUtilityExit(code, report, stderrTail)));
  });

  return {
    get pid() {
      return child.pid ?? -1;
    },
    port: {
      post(message: RpcMessage) {
        // After 'exit' the process is gone; its exit rejects whatever is pending.
        if (!exiting) child.postMessage(message);
      },
      listen(handler) {
        child.on('message', handler);
        return () => child.off('message', handler);
      },
    },
    onExit(handler) {
      if (exited) handler(exited);
      else handlers.push(handler);
    },
    terminate: () => {
      if (!exiting) child.kill();
    },
    kill: () => {
      if (exiting) return;
      if (child.pid === undefined) child.kill();
      else deps.killPid(child.pid, 'SIGKILL');
    },
  };
}

export function utilityProcessSpawner(deps: UtilitySpawnerDeps): ProcessSpawner {
  return { spawn: (task, options) => spawnUtility(task, options, deps) };
}
