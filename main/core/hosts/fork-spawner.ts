/**
 * The `ProcessSpawner` of the web host and the tests: `child_process.fork` with advanced
 * serialization (structured clone, as threads and utility processes use). The process's output
 * is logged under its label, and the last error line it printed becomes part of a crash reason.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { RpcMessage } from '../../../workers/common/rpc-messages.ts';
import { hostLabel, type TaskId } from '../../../workers/common/tasks.ts';
import type { ProcessExit, ProcessSpawner, SpawnedProcess, SpawnOptions } from './process-spawner.ts';

/** How many of a process's last stderr lines are kept to explain its exit. */
const STDERR_TAIL_LINES = 200;

export interface ForkSpawnerOptions {
  readonly log?: (line: string) => void;
  /** Extra Node flags for every task process. */
  readonly execArgv?: readonly string[];
}

/** The line of a process's stderr most likely to say why it died. */
export function lastErrorLine(lines: readonly string[]): string | undefined {
  const trimmed = lines.map((line) => line.trim()).filter((line) => line.length > 0);
  return trimmed.findLast((line) => /^(FATAL ERROR|[A-Za-z]*Error\b|Uncaught\b)/.test(line)) ?? trimmed.at(-1);
}

/** Maps a child's exit to clean or crash, with a reason a person can read. */
export function describeChildExit(code: number | null, signal: string | null, stderr: readonly string[]): ProcessExit {
  if (code === 0 && signal === null) return { kind: 'clean', code: 0 };
  const why = signal === null ? `exited with code ${code}` : `killed by ${signal}`;
  const line = lastErrorLine(stderr);
  return { kind: 'crash', reason: line === undefined ? why : `${why}: ${line}`, code, signal };
}

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
}

function execArgvFor(options: SpawnOptions, extra: readonly string[]): string[] {
  const heap = options.resourceLimits?.maxOldGenerationSizeMb;
  // Flags are explicit rather than inherited: a test runner's or bundler's flags must not leak in.
  return [...extra, ...(heap === undefined ? [] : [`--max-old-space-size=${heap}`])];
}

function spawnChild(task: TaskId, options: SpawnOptions, extraArgv: readonly string[], log: (line: string) => void): SpawnedProcess {
  const child: ChildProcess = fork(options.entry, [], {
    serialization: 'advanced',
    env: { ...process.env, ...options.env },
    execArgv: execArgvFor(options, extraArgv),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let exited: ProcessExit | null = null;
  const handlers: ((exit: ProcessExit) => void)[] = [];
  const finish = (exit: ProcessExit) => {
    if (exited) return;
    exited = exit;
    for (const handler of handlers.splice(0)) handler(exit);
  };
  const label = hostLabel(task, 'process', child.pid === undefined ? {} : { pid: child.pid });
  child.on('error', (error) => {
    log(`${label} ${error.message}`);
    if (child.pid === undefined) finish({ kind: 'crash', reason: `failed to start: ${error.message}`, code: null, signal: null });
  });
  const stderrTail: string[] = [];
  forwardLines(child.stdout, (line) => log(`${label} ${line}`));
  forwardLines(child.stderr, (line) => {
    stderrTail.push(line);
    // Long enough to reach back past a V8 fatal error's native stack trace to its message.
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    log(`${label} ${line}`);
  });
  // 'close' comes after the output streams ended, so the crash reason sees the last line.
  child.on('close', (code, signal) => finish(describeChildExit(code, signal, stderrTail)));
  if (child.pid === undefined) throw new Error(`${label} could not be started from ${options.entry}`);
  const pid = child.pid;

  return {
    pid,
    port: {
      post(message: RpcMessage) {
        // A closed channel means the process is going; its exit rejects what is pending.
        if (!child.connected) return;
        child.send(message, (error) => {
          if (error) log(`${label} could not send a message: ${error.message}`);
        });
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
    terminate: () => child.kill('SIGTERM'),
    kill: () => child.kill('SIGKILL'),
  };
}

export function forkSpawner(options: ForkSpawnerOptions = {}): ProcessSpawner {
  const log = options.log ?? ((line: string) => console.warn(line));
  return { spawn: (task, spawnOptions) => spawnChild(task, spawnOptions, options.execArgv ?? [], log) };
}
