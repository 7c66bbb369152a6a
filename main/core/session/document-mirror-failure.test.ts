/**
 * A mirror whose counting throws keeps the document it had: the editor is refused, and the
 * mirror must never hold text the editor did not get (a fuzzing regression: a word of millions of
 * letters once overflowed the word pattern after the mirror had taken the text).
 */
import { describe, expect, it, vi } from 'vitest';
import type * as DocumentModule from '../../../workers/common/document.ts';
import { DocumentMirror } from './document-mirror.ts';

const failing = vi.hoisted(() => ({ on: false }));

vi.mock('../../../workers/common/document.ts', async (importOriginal) => {
  const original = await importOriginal<typeof DocumentModule>();
  return {
    ...original,
    documentStats: (text: string) => {
      if (failing.on && text.includes('boom')) throw new RangeError('Maximum call stack size exceeded');
      return original.documentStats(text);
    },
  };
});

describe('a document mirror whose counting throws', () => {
  it('keeps its document when a reset cannot be counted', () => {
    const mirror = new DocumentMirror({ uri: 'untitled:a', version: 1, text: 'hello world' });
    failing.on = true;
    expect(() => mirror.reset({ uri: 'untitled:b', version: 1, text: 'boom' })).toThrow(RangeError);
    failing.on = false;
    expect(mirror.snapshot()).toEqual({ uri: 'untitled:a', version: 1, text: 'hello world' });
    expect(mirror.stats).toEqual({ lines: 1, words: 2, characters: 11 });
  });

  it('takes back a change whose counting throws, edits at several offsets included', () => {
    const mirror = new DocumentMirror({ uri: 'untitled:a', version: 1, text: 'one two three four' });
    failing.on = true;
    const edits = [
      { offset: 0, length: 3, text: 'b' },
      { offset: 8, length: 5, text: 'boom boom' },
      { offset: 14, length: 4, text: '' },
    ];
    expect(() => mirror.apply({ uri: 'untitled:a', version: 2, edits })).toThrow(RangeError);
    failing.on = false;
    expect(mirror.snapshot()).toEqual({ uri: 'untitled:a', version: 1, text: 'one two three four' });
    expect(mirror.apply({ uri: 'untitled:a', version: 2, edits: [{ offset: 3, length: 0, text: '!' }] })).toBe('applied');
    expect(mirror.text).toBe('one! two three four');
    expect(mirror.stats).toEqual({ lines: 1, words: 4, characters: 19 });
  });
});
