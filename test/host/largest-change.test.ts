/**
 * The largest change the host's boundary allows (workers/common/limits.ts) goes through a real
 * host, and every task takes it as it is: no task refuses it, so none is re-primed. When the
 * limits disagreed, the keystroke task refused more than 10,000 edits and was quietly repaired by
 * a full re-prime. Run with every task in threads (the shared document's notices) and in processes
 * (the copies).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateHostRequest } from '../../main/core/boundary/validate-host-request.ts';
import type { TaskSupervisor } from '../../main/core/supervisor/supervisor-api.ts';
import { CHANGE_LIMITS } from '../../workers/common/limits.ts';
import { TASK_IDS, type PresetId, type TaskId } from '../../workers/common/tasks.ts';
import { NEVER, startRealCore, type RealCore } from '../reliability/support/real-core.ts';

const LINES = CHANGE_LIMITS.maxEditsPerChange;

/** Wraps the supervisor so every task's `change` answer is kept, to see which task took it. */
function recordChanges(supervisor: TaskSupervisor, answers: Map<TaskId, Promise<unknown>[]>): TaskSupervisor {
  return new Proxy(supervisor, {
    get(target, property, receiver) {
      if (property !== 'client') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (task: TaskId) => {
        const client = target.client(task);
        return new Proxy(client, {
          get(inner, name, innerReceiver) {
            const value = Reflect.get(inner, name, innerReceiver) as unknown;
            if (name !== 'change' || typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              const answer = (value as (...rest: unknown[]) => Promise<unknown>).apply(inner, args);
              answer.catch(() => undefined); // Kept and awaited by the test, which reports it.
              answers.set(task, [...(answers.get(task) ?? []), answer]);
              return answer;
            };
          },
        });
      };
    },
  });
}

let real: RealCore | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
}, 60_000);

describe('the largest change the host allows', () => {
  it.each<PresetId>(['threads', 'processes'])('is accepted by every task, with no re-prime (%s)', async (preset) => {
    const answers = new Map<TaskId, Promise<unknown>[]>();
    real = await startRealCore({ supervisor: { warmStandby: [] }, wrapSupervisor: (supervisor) => recordChanges(supervisor, answers) });
    const current = real;
    await current.core.ready;
    await current.core.api.setIsolation({ preset }, NEVER);
    await writeFile(join(current.workspace, 'lines.md'), 'a\n'.repeat(LINES));
    await current.core.api.open({ path: 'lines.md' }, NEVER);
    // The open re-primes every task, and a task being re-primed is sent no changes (the re-prime
    // covers them): type at the end until one small change reaches all four, so the large one can.
    let typed = 0;
    for (const deadline = Date.now() + 60_000; ; typed += 1) {
      answers.clear();
      const { uri, version } = current.core.session;
      await current.core.api.change({ uri, version: version + 1, edits: [{ offset: LINES * 2 + typed, length: 0, text: 'z' }], keys: [] }, NEVER);
      if (answers.size === TASK_IDS.length) break;
      if (Date.now() > deadline) throw new Error('the tasks were still being primed after the open');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    typed += 1;
    await Promise.all([...answers.values()].flat());
    answers.clear();

    const { uri, version } = current.core.session;
    // One edit on every line (a "replace all" of a → an), and as many key events as a change may carry.
    const change = {
      uri,
      version: version + 1,
      edits: Array.from({ length: LINES }, (_, line) => ({ offset: line * 2 + 1, length: 0, text: 'n' })),
      keys: Array.from({ length: CHANGE_LIMITS.maxKeysPerChange }, () => ({ kind: 'paste' as const, at: Date.now() })),
    };
    validateHostRequest('change', change);
    await current.core.api.change(change, NEVER);

    expect([...answers.keys()].sort()).toEqual([...TASK_IDS].sort());
    for (const [task, sent] of answers) {
      expect(sent, task).toHaveLength(1);
      await sent[0]; // Rejects, and fails the test, if the task refused the change.
    }
    expect(current.core.session.text).toBe('an\n'.repeat(LINES) + 'z'.repeat(typed));
    const stats = await current.supervisor.client('keystroke').stats(null, { timeoutMs: 10_000 });
    expect(stats.keystrokes).toBe(CHANGE_LIMITS.maxKeysPerChange);
    expect(current.logs.filter((line) => /refused a change|re-priming/.test(line))).toEqual([]);
  }, 120_000);
});
