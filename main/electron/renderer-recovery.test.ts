import { describe, expect, it } from 'vitest';
import { RendererRecovery } from './renderer-recovery.ts';

describe('recovering from a dead or hung page', () => {
  it('reloads a crashed page and says why in the notice', () => {
    const action = new RendererRecovery().gone('crashed', 0);
    expect(action.action).toBe('reload');
    expect(action).toHaveProperty('notice', expect.stringMatching(/stopped \(crashed\).*restored/));
  });

  it('ignores a clean exit', () => {
    expect(new RendererRecovery().gone('clean-exit', 0)).toEqual({ action: 'ignore' });
  });

  it('gives up after maxReloads within the window, and reloads again once they age out', () => {
    const recovery = new RendererRecovery({ maxReloads: 2, windowMs: 10_000 });
    expect(recovery.gone('crashed', 0).action).toBe('reload');
    expect(recovery.gone('oom', 4000).action).toBe('reload');
    const third = recovery.gone('crashed', 9000);
    expect(third.action).toBe('give-up');
    expect(third).toHaveProperty('message', expect.stringMatching(/3 times within 10 seconds/));
    // The first reload (at 0) is older than 10 s at 10 001; one slot is free again.
    expect(recovery.gone('crashed', 10_001).action).toBe('reload');
    expect(recovery.gone('crashed', 10_002).action).toBe('give-up');
  });

  it('starts counting afresh after reset', () => {
    const recovery = new RendererRecovery({ maxReloads: 1, windowMs: 10_000 });
    recovery.gone('crashed', 0);
    expect(recovery.gone('crashed', 1).action).toBe('give-up');
    recovery.reset();
    expect(recovery.gone('crashed', 2).action).toBe('reload');
  });

  it('crashes a hung page before reloading it, and does not count that crash again', () => {
    const recovery = new RendererRecovery({ maxReloads: 1, windowMs: 10_000 });
    expect(recovery.unresponsive(0).action).toBe('crash-and-reload');
    expect(recovery.unresponsive(10)).toEqual({ action: 'ignore' });
    expect(recovery.gone('killed', 20)).toEqual({ action: 'ignore' });
    // A later real crash counts, and the hang already used the one reload allowed.
    expect(recovery.gone('crashed', 30).action).toBe('give-up');
  });

  it('does not wait for a crash it did not cause when it gave up on a hang', () => {
    const recovery = new RendererRecovery({ maxReloads: 0, windowMs: 10_000 });
    expect(recovery.unresponsive(0).action).toBe('give-up');
    expect(recovery.gone('crashed', 1).action).toBe('give-up');
  });
});
