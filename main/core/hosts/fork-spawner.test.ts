import { describe, expect, it } from 'vitest';
import { describeChildExit, lastErrorLine } from './fork-spawner.ts';

describe('fork spawner exit mapping', () => {
  it('tells a clean exit from a crash, and keeps the reason', () => {
    expect(describeChildExit(0, null, [])).toEqual({ kind: 'clean', code: 0 });
    expect(describeChildExit(1, null, ['Error: Injected crash (process)'])).toEqual({
      kind: 'crash',
      reason: 'exited with code 1: Error: Injected crash (process)',
      code: 1,
      signal: null,
    });
    expect(describeChildExit(null, 'SIGKILL', [])).toEqual({ kind: 'crash', reason: 'killed by SIGKILL', code: null, signal: 'SIGKILL' });
  });

  it('finds the line that says why in a V8 out-of-memory report', () => {
    const report = [
      '<--- Last few GCs --->',
      '[123:0x5]  1000 ms: Mark-Compact 47.9 (50.1) -> 47.8 (50.1) MB',
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      '----- Native stack trace -----',
      ' 1: 0xb8a0 node::OOMErrorHandler',
    ];
    expect(lastErrorLine(report)).toBe('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory');
    expect(lastErrorLine(['', 'just a line', '  '])).toBe('just a line');
    expect(lastErrorLine([])).toBeUndefined();
  });
});
