/**
 * Types into a real core while the keystroke task is moved live to each of `kinds` in turn, and
 * returns how many keys were typed with the task's statistics afterwards. Shared by the unit test
 * (every key counted once) and the timing test (the burst never broke, a wall-clock claim).
 */
import type { TypingStats } from '../../../workers/common/task-api.ts';
import type { HostKind } from '../../../workers/common/tasks.ts';
import { NEVER, sleep, until, type RealCore } from './real-core.ts';

/** The moves, in order: each kind is left and reached more than once. */
export const MOVE_KINDS: readonly HostKind[] = ['thread', 'process', 'inline', 'thread', 'inline', 'process'];

export async function typeDuringMoves(real: RealCore, kinds: readonly HostKind[] = MOVE_KINDS): Promise<{ readonly typed: number; readonly stats: TypingStats }> {
  await real.core.ready;
  const uri = real.core.session.uri;
  let typed = 0;
  let typing = true;
  const typist = (async () => {
    for (let offset = 0; typing; ) {
      for (let key = 0; key < 4; key += 1, offset += 1) {
        await real.core.api.change({ uri, version: real.core.session.version + 1, edits: [{ offset, length: 0, text: 'x' }], keys: [{ kind: 'character', at: Date.now() }] }, NEVER);
        typed += 1;
      }
      await sleep(5);
    }
  })();
  // Counted keys, not fixed sleeps, put typing before, between and after the moves: a loaded
  // machine may type few keys in 200 ms.
  const keysMore = async (count: number, what: string) => {
    const from = typed;
    await until(() => typed >= from + count, what, 30_000);
  };
  await keysMore(30, 'typing before the first move');
  for (const kind of kinds) {
    await real.core.api.setIsolation({ task: 'keystroke', kind }, NEVER);
    await keysMore(4, `typing after the move to ${kind}`);
  }
  typing = false;
  await typist;
  const stats = await real.supervisor.client('keystroke').stats(null, { timeoutMs: 10_000 });
  return { typed, stats };
}
