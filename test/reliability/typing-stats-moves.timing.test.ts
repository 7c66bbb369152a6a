/**
 * The typing burst survives live moves of the keystroke task: the keys come milliseconds apart
 * across every move, so none of them is 2 s (the burst gap) after the one before, and the
 * statistics are read within 2 s of the last. Wall-clock claims, so they run in the `timing`
 * project; typing-stats-moves.test.ts checks that every key is counted once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startRealCore, type RealCore } from './support/real-core.ts';
import { MOVE_KINDS, typeDuringMoves } from './support/typing-during-moves.ts';

let real: RealCore | undefined;

afterAll(async () => {
  await real?.close();
}, 60_000);

describe('the typing burst across live moves of the keystroke task', () => {
  it(`never breaks over ${MOVE_KINDS.length} moves while typing`, async () => {
    real = await startRealCore();
    const { typed, stats } = await typeDuringMoves(real);
    expect(stats.keystrokes).toBe(typed);
    expect(stats.burst).toBe(typed);
  }, 120_000);
});
