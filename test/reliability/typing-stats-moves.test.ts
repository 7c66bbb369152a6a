/**
 * Moving the keystroke task live (Isolation menu) keeps the user's typing statistics: the new
 * host takes over the replaced host's history while it is primed, so the count of keystrokes
 * goes on from where it was instead of starting again at zero, and keys typed during the move
 * count once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { HostKind } from '../../workers/common/tasks.ts';
import { NEVER, sleep, startRealCore, until, type RealCore } from './support/real-core.ts';

const KINDS: readonly HostKind[] = ['thread', 'process', 'inline', 'thread', 'inline', 'process'];
let real: RealCore | undefined;

afterAll(async () => {
  await real?.close();
}, 60_000);

describe('typing statistics across live moves of the keystroke task', () => {
  it(`count every key typed once, over ${KINDS.length} moves while typing`, async () => {
    real = await startRealCore();
    const current = real;
    await current.core.ready;
    const uri = current.core.session.uri;
    let typed = 0;
    let typing = true;
    const typist = (async () => {
      for (let offset = 0; typing; ) {
        for (let key = 0; key < 4; key += 1, offset += 1) {
          await current.core.api.change({ uri, version: current.core.session.version + 1, edits: [{ offset, length: 0, text: 'x' }], keys: [{ kind: 'character', at: Date.now() }] }, NEVER);
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
    for (const kind of KINDS) {
      await current.core.api.setIsolation({ task: 'keystroke', kind }, NEVER);
      await keysMore(4, `typing after the move to ${kind}`);
    }
    typing = false;
    await typist;
    const stats = await current.supervisor.client('keystroke').stats(null, { timeoutMs: 10_000 });
    expect(stats.keystrokes).toBe(typed);
    // The burst never broke: the keys came milliseconds apart across every move.
    expect(stats.burst).toBe(typed);
  }, 120_000);
});
