/**
 * A scratch host: a sacrificial process that runs tasks the way a host does, for a lesson runner
 * to crash and to block without touching the user's host. Its inline tasks share its main
 * thread with no guard: the app's inline host (hosts/inline-host.ts) turns an injected crash into
 * the end of one task's channel, but nothing can catch every failure on a main thread (an
 * uncaught error in a callback, a native abort, the heap running out). Here an injected crash is
 * exactly such an uncaught exception, so the runner sees what it does to everything else there.
 */
import { MessageChannel } from 'node:worker_threads';
import { Errors } from '../../../workers/common/errors.ts';
import { decodeRpcMessage, type Port } from '../../../workers/common/rpc-messages.ts';
import { createRpcClient, serveRpc, type Client, type RpcClient } from '../../../workers/common/rpc.ts';
import { isTaskId, type TaskId } from '../../../workers/common/tasks.ts';
import { LOG_EVENT, type HostControlApi } from '../../../workers/entry/host-control.ts';
import { serveTask } from '../../../workers/entry/serve-task.ts';
import { loadRegisteredTask } from '../../../workers/tasks/registry.ts';
import { defaultLimits } from '../hosts/host-factory.ts';
import { portOf } from '../../../workers/node/message-port.ts';
import { spawnThreadHost } from '../hosts/thread-host.ts';
import type { ScratchApi, ScratchStart, ScratchTask } from './lesson-protocol.ts';

/** Grammar over a large document inline can take a while on a busy machine. */
const CALL_TIMEOUT_MS = 120_000;

type TaskClient = RpcClient<Record<string, (request: unknown, signal: AbortSignal) => unknown>, Record<string, unknown>>;

const log = (line: string) => console.error(line);

/** A task on this process's main thread whose injected crash escapes as an uncaught exception. */
function unguardedInlinePort(): Port {
  const { port1, port2 } = new MessageChannel();
  serveTask(portOf(port2), {
    loadTask: loadRegisteredTask,
    runtime: {
      kind: 'inline',
      startedAt: performance.now(),
      exit: () => {
        port1.close();
        port2.close();
      },
      crash: (error) => {
        // Thrown from a fresh callback, where nothing catches it: Node ends the whole process,
        // as it does for any uncaught exception on a main thread.
        setImmediate(() => {
          throw error;
        });
      },
    },
  });
  return portOf(port1);
}

function taskPort(spec: ScratchTask, start: ScratchStart): Port {
  if (spec.kind === 'inline') return unguardedInlinePort();
  const host = spawnThreadHost(spec.task, start.entries.thread, defaultLimits(spec.task), log);
  return host.port;
}

function checkStart(request: ScratchStart): ScratchStart {
  const tasks: unknown = (request as Partial<ScratchStart> | null)?.tasks;
  const valid = Array.isArray(tasks) && tasks.every((spec: Partial<ScratchTask>) => isTaskId(spec.task) && (spec.kind === 'inline' || spec.kind === 'thread'));
  if (!valid) throw Errors.invalidInput('scratch start', 'tasks must be a list of { task, kind: inline | thread }');
  return request;
}

export function serveScratch(port: Port): void {
  const label = `[lesson scratch pid=${process.pid}]`;
  const clients = new Map<TaskId, TaskClient>();

  async function startTask(spec: ScratchTask, request: ScratchStart): Promise<void> {
    const taskLabel = `[${spec.task} ${spec.kind} in lesson scratch pid=${process.pid}]`;
    const channel = taskPort(spec, request);
    channel.listen((raw) => {
      const message = decodeRpcMessage(raw);
      if (!('invalid' in message) && message.type === 'event' && message.name === LOG_EVENT) log(`${taskLabel} ${String(message.payload)}`);
    });
    const client: TaskClient = createRpcClient(channel, { label: taskLabel, log, defaultTimeoutMs: CALL_TIMEOUT_MS });
    const control = client.api as unknown as Client<HostControlApi>;
    await control.start({ task: spec.task, dataDir: request.dataDir, assets: request.assets, settings: { ignoredRules: [] } });
    clients.set(spec.task, client);
  }

  const api: ScratchApi = {
    async start(request) {
      const checked = checkStart(request);
      await Promise.all(checked.tasks.map((spec) => startTask(spec, checked)));
      log(`runs ${checked.tasks.map((spec) => `${spec.task} ${spec.kind}`).join(', ')}`);
      return null;
    },
    call({ task, method, request }, signal) {
      const client = clients.get(task);
      if (!client) throw Errors.invalidInput('scratch call', `${String(task)} is not running here`);
      if (typeof method !== 'string') throw Errors.invalidInput('scratch call', 'method must be a string');
      const target = client.api[method];
      if (!target) throw Errors.invalidInput('scratch call', `${task} has no method ${method}`);
      return target(request, { signal });
    },
  };
  serveRpc(port, api, { label, log });
}
