/**
 * Forks a lesson child (a runner or a scratch host) with an IPC channel that carries the RPC.
 * The child's output is logged under its label and the last error line it printed becomes part of
 * its exit reason, as for task processes (fork-spawner.ts). A child whose parent goes away ends
 * itself (lesson-host.ts), so killing a runner also ends every host it started.
 */
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Port } from '../../../workers/common/rpc-messages.ts';
import { describeChildExit } from '../hosts/fork-spawner.ts';
import type { ProcessExit } from '../hosts/process-spawner.ts';
import { LESSON_ROLE_ENV, type LessonRole } from './lesson-protocol.ts';

/** Lines of a child's stderr kept to explain its exit. */
const STDERR_TAIL_LINES = 50;

export interface LessonChild {
  readonly pid: number;
  readonly label: string;
  readonly port: Port;
  /** Settles once the child is gone, with how it ended. */
  readonly exited: Promise<ProcessExit>;
  /** SIGKILL; harmless once it has exited. */
  kill(): void;
}

export function forkLessonChild(entry: string, role: LessonRole, log: (line: string) => void, execArgv: readonly string[] = []): LessonChild {
  const child = fork(entry, [], {
    serialization: 'advanced',
    env: { ...process.env, [LESSON_ROLE_ENV]: role },
    // Explicit: a test runner's or bundler's flags must not leak into the child.
    execArgv: [...execArgv],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (child.pid === undefined) throw new Error(`[lesson ${role}] could not be started from ${entry}`);
  const label = `[lesson ${role} pid=${child.pid}]`;
  const tail: string[] = [];
  if (child.stdout) createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => log(`${label} ${line}`));
  if (child.stderr) {
    createInterface({ input: child.stderr, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      log(`${label} ${line}`);
    });
  }
  child.on('error', (error) => log(`${label} ${error.message}`));
  // 'close' comes after the output streams ended, so the exit reason sees the last line.
  const exited = new Promise<ProcessExit>((resolve) => child.on('close', (code, signal) => resolve(describeChildExit(code, signal, tail))));
  return {
    pid: child.pid,
    label,
    port: {
      post(message) {
        // A closed channel means the child is going; its exit rejects what is pending.
        if (child.connected) child.send(message, (error) => error && log(`${label} could not send a message: ${error.message}`));
      },
      listen(handler) {
        child.on('message', handler);
        return () => child.off('message', handler);
      },
    },
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
