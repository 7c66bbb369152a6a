/**
 * Moving the keystroke task live (Isolation menu) keeps the user's typing statistics: the new
 * host takes over the replaced host's history while it is primed, so the count of keystrokes
 * goes on from where it was instead of starting again at zero, and keys typed during the move
 * count once. That the burst survives the moves too is a wall-clock claim (no pause of 2 s):
 * typing-stats-moves.timing.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startRealCore, type RealCore } from './support/real-core.ts';
import { MOVE_KINDS, typeDuringMoves } from './support/typing-during-moves.ts';

let real: RealCore | undefined;

afterAll(async () => {
  await real?.close();
}, 60_000);

describe('typing statistics across live moves of the keystroke task', () => {
  it(`count every key typed once, over ${MOVE_KINDS.length} moves while typing`, async () => {
    real = await startRealCore();
    const { typed, stats } = await typeDuringMoves(real);
    expect(stats.keystrokes).toBe(typed);
  }, 120_000);
});
