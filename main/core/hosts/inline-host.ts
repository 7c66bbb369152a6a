/**
 * An inline host: the task runs on the host's main thread, behind a MessageChannel, so the same
 * `serveTask` code and the same RPC run as for the other kinds. Nothing isolates it: a long job
 * blocks the host's event loop, which is the lesson inline mode exists to show.
 */
import { MessageChannel, threadId } from 'node:worker_threads';
import type { TaskId } from '../../../workers/common/tasks.ts';
import type { TaskLoader } from '../../../workers/entry/host-control.ts';
import { serveTask } from '../../../workers/entry/serve-task.ts';
import { portOf } from '../../../workers/node/message-port.ts';
import { crashExit, ExitSignal, type HostExit, type TaskHost } from './task-host.ts';

export function spawnInlineHost(task: TaskId, loadTask: TaskLoader): TaskHost {
  const { port1, port2 } = new MessageChannel();
  const exit = new ExitSignal();
  const finish = (how: HostExit) => {
    if (exit.exited) return;
    server.close();
    port1.close();
    port2.close();
    exit.fire(how);
  };
  const server = serveTask(portOf(port2), {
    loadTask,
    runtime: {
      kind: 'inline',
      startedAt: performance.now(),
      exit: () => finish({ kind: 'clean', code: 0 }),
      // An uncaught exception here would end the whole host, so an inline crash is reported
      // to this host instead, which ends only the task's channel and server.
      crash: (error) => finish(crashExit(`${error.name}: ${error.message}`)),
    },
  });
  return {
    task,
    kind: 'inline',
    port: portOf(port1),
    pid: process.pid,
    threadId: threadId === 0 ? null : threadId,
    onExit: (handler) => exit.subscribe(handler),
    kill: () => finish(crashExit('killed', null, 'SIGKILL')),
    // Inline CPU is the task's own jobs' thread CPU time; its memory is the host's heap, which
    // cannot be split per task, so it is not reported here (the host row shows it).
    usage: () => Promise.resolve({ cpuTimeMs: server.cpuMs(), memory: null }),
  };
}
