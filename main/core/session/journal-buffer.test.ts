import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../workers/common/document.ts';
import type { KeystrokeChange } from '../../../workers/common/task-api.ts';
import { JournalBuffer } from './journal-buffer.ts';

function typing(count: number, from = 0): { changes: KeystrokeChange[]; texts: string[] } {
  const changes: KeystrokeChange[] = [];
  const texts = [''];
  for (let index = 0; index < count; index += 1) {
    const text = texts.at(-1) ?? '';
    // Alternate inserts at the end and replacements at the start, so order matters.
    const edits = index % 3 === 2 && text.length > 0 ? [{ offset: 0, length: 1, text: 'XY' }] : [{ offset: text.length, length: 0, text: String(index % 10) }];
    changes.push({ uri: 'doc:a', version: from + index + 1, edits, keys: [] });
    texts.push(applyEdits(text, edits));
  }
  return { changes, texts };
}

describe('JournalBuffer', () => {
  it('folds acknowledged changes into the durable snapshot and keeps the rest to re-send', () => {
    const buffer = new JournalBuffer({ uri: 'doc:a', version: 0, text: '', path: null, dirty: false });
    const { changes, texts } = typing(700);
    for (const change of changes) expect(buffer.push(change)).toBe(true);
    expect(buffer.acknowledge('doc:a', 300)).toBe(true);
    expect(buffer.acknowledge('doc:a', 200)).toBe(false);
    expect(buffer.acknowledge('doc:b', 600)).toBe(false);
    expect(buffer.durableSnapshot()).toMatchObject({ version: 300, text: texts[300], dirty: true });
    expect(buffer.changesAfter(300)?.map((change) => change.version)).toEqual(changes.slice(300).map((change) => change.version));
    expect(buffer.changesAfter(250)).toBeUndefined();
    expect(buffer.acknowledge('doc:a', 650)).toBe(true);
    expect(buffer.durableSnapshot()).toMatchObject({ version: 650, text: texts[650] });
  });

  it('rebases after a save, keeping later changes, and ignores an older save', () => {
    const buffer = new JournalBuffer({ uri: 'doc:a', version: 0, text: '', path: null, dirty: false });
    const { changes, texts } = typing(10);
    for (const change of changes) buffer.push(change);
    expect(buffer.rebase({ uri: 'doc:a', version: 6, text: texts[6] ?? '', path: 'a.md', dirty: false })).toBe(true);
    expect(buffer.durableSnapshot()).toEqual({ uri: 'doc:a', version: 6, text: texts[6], path: 'a.md', dirty: false });
    expect(buffer.changesAfter(6)?.map((change) => change.version)).toEqual([7, 8, 9, 10]);
    expect(buffer.rebase({ uri: 'doc:a', version: 4, text: texts[4] ?? '', path: 'a.md', dirty: false })).toBe(false);
    expect(buffer.durableVersion).toBe(6);
  });

  it('says when too much work is unacknowledged to keep', () => {
    const buffer = new JournalBuffer({ uri: 'doc:a', version: 0, text: '', path: null, dirty: false });
    const { changes } = typing(20_001);
    const accepted = changes.map((change) => buffer.push(change));
    expect(accepted.indexOf(false)).toBe(20_000);
  });
});
