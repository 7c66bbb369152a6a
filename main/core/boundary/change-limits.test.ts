/**
 * The host's boundary and every task's own check agree on the largest change (workers/common/limits.ts):
 * whatever the host lets through, each task takes, and one more edit or key is refused by both.
 */
import { describe, expect, it } from 'vitest';
import { CHANGE_LIMITS } from '../../../workers/common/limits.ts';
import { parseKeystrokeChange } from '../../../workers/tasks/keystroke/requests.ts';
import { parseChange } from '../../../workers/tasks/text/requests.ts';
import { HOST_REQUEST_LIMITS } from './host-api-schemas.ts';
import { hostRequestError } from './validate-host-request.ts';

function change(edits: number, keys: number) {
  return {
    uri: 'untitled:1',
    version: 2,
    edits: Array.from({ length: edits }, (_, index) => ({ offset: index * 2, length: 1, text: 'b' })),
    keys: Array.from({ length: keys }, () => ({ kind: 'paste' as const, at: 1_700_000_000_000 })),
  };
}

describe('one set of change limits', () => {
  it('is the host boundary’s', () => {
    expect(HOST_REQUEST_LIMITS).toMatchObject(CHANGE_LIMITS);
  });

  it('lets the largest change through the host and every task', () => {
    const largest = change(CHANGE_LIMITS.maxEditsPerChange, CHANGE_LIMITS.maxKeysPerChange);
    expect(hostRequestError('change', largest)).toBeUndefined();
    expect(parseKeystrokeChange(largest).edits).toHaveLength(CHANGE_LIMITS.maxEditsPerChange);
    const { keys: _keys, ...plain } = largest;
    expect(parseChange(plain).edits).toHaveLength(CHANGE_LIMITS.maxEditsPerChange);
  });

  it('refuses one edit more, at the host and in every task', () => {
    const tooMany = change(CHANGE_LIMITS.maxEditsPerChange + 1, 0);
    expect(hostRequestError('change', tooMany)?.code).toBe('INVALID_INPUT');
    expect(() => parseKeystrokeChange(tooMany)).toThrow(/edits/);
    const { keys: _keys, ...plain } = tooMany;
    expect(() => parseChange(plain)).toThrow(/edits/);
  });

  it('refuses one key event more, at the host and in the keystroke task', () => {
    const tooMany = change(1, CHANGE_LIMITS.maxKeysPerChange + 1);
    expect(hostRequestError('change', tooMany)?.code).toBe('INVALID_INPUT');
    expect(() => parseKeystrokeChange(tooMany)).toThrow(/keys/);
  });
});
