import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy.ts';

describe('restart policy (VS Code: 3 crashes in 5 minutes)', () => {
  it('restarts the first three crashes with growing backoff, and gives up on the fourth', () => {
    const policy = new RestartPolicy();
    expect(policy.recordCrash(1_000)).toBe(100);
    expect(policy.recordCrash(2_000)).toBe(200);
    expect(policy.recordCrash(3_000)).toBe(400);
    expect(policy.state(3_000)).toMatchObject({ crashesInWindow: 3, nextRestartAt: 3_400, gaveUp: false });
    expect(policy.recordCrash(4_000)).toBeNull();
    expect(policy.state(4_000)).toEqual({ crashesInWindow: 4, windowMs: 300_000, maxCrashes: 3, nextRestartAt: null, gaveUp: true });
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy();
    for (const at of [0, 1_000, 2_000]) policy.recordCrash(at);
    expect(policy.recordCrash(300_500)).toBe(400); // The first left the window: this is the third in it.
    expect(policy.crashesInWindow(300_500)).toBe(3);
    expect(policy.crashesInWindow(301_500)).toBe(2);
    expect(policy.crashesInWindow(15 * 60_000)).toBe(0);
  });

  it('caps the backoff, and a manual restart starts afresh', () => {
    const policy = new RestartPolicy({ maxCrashes: 10, backoffBaseMs: 500, backoffMaxMs: 1_500 });
    expect([1, 2, 3, 4].map((at) => policy.recordCrash(at))).toEqual([500, 1_000, 1_500, 1_500]);
    policy.reset();
    expect(policy.state(5)).toMatchObject({ crashesInWindow: 0, gaveUp: false, nextRestartAt: null });
    expect(policy.recordCrash(6)).toBe(500);
  });
});
