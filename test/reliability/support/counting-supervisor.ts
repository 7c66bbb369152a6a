/**
 * A spy around a real supervisor: counts every call that would reach a task (through a task's
 * stable client) and every lifecycle request (move, restart, kill, fault, settings), and passes
 * each one on unchanged. Checks the session schedules by itself (render, check, stats) are
 * counted apart, since they follow task restarts rather than requests.
 */
import type { TaskSupervisor } from '../../../main/core/supervisor/supervisor-api.ts';
import type { TaskId } from '../../../workers/common/tasks.ts';

const LIFECYCLE = new Set(['setModel', 'move', 'restart', 'end', 'kill', 'injectFault', 'updateSettings']);
/** Calls the session makes by itself after a task (re)starts or typing stops. */
export const SCHEDULED = new Set(['render', 'check', 'stats']);

export interface CallCounts {
  /** "task.method" or "supervisor.method" → count. */
  readonly counts: Map<string, number>;
  /** Calls that only a request could have caused. */
  requested(): number;
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function countingSupervisor(inner: TaskSupervisor): { supervisor: TaskSupervisor; calls: CallCounts } {
  const counts = new Map<string, number>();
  const clients = new Map<TaskId, object>();
  const clientOf = (task: TaskId): object => {
    const existing = clients.get(task);
    if (existing) return existing;
    const client = inner.client(task) as unknown as Record<string, (...args: unknown[]) => unknown>;
    const spy = new Proxy(client, {
      get(target, method) {
        const real = Reflect.get(target, method) as unknown;
        if (typeof method !== 'string' || typeof real !== 'function') return real;
        return (...args: unknown[]) => {
          bump(counts, `${task}.${method}`);
          return (real as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    clients.set(task, spy);
    return spy;
  };
  const supervisor = new Proxy(inner, {
    get(target, property) {
      if (property === 'client') return clientOf;
      const real = Reflect.get(target, property, target) as unknown;
      if (typeof real !== 'function') return real;
      return (...args: unknown[]) => {
        if (typeof property === 'string' && LIFECYCLE.has(property)) bump(counts, `supervisor.${property}`);
        return (real as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    supervisor,
    calls: {
      counts,
      requested: () => [...counts].filter(([key]) => !SCHEDULED.has(key.split('.')[1] ?? '')).reduce((sum, [, count]) => sum + count, 0),
    },
  };
}
