import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpellcheckApi } from '../../common/task-api.ts';
import { PERSONAL_DICTIONARY_FILE } from './personal-dictionary.ts';
import { checkOnce, never, newSpellcheckTask, temporaryDataDir } from './test/task-harness.ts';

const uri = 'untitled:spell';
let task: SpellcheckApi;

beforeAll(async () => {
  task = await newSpellcheckTask();
});

describe('spellcheck task', () => {
  it('flags tomorow and recieve at their offsets, and suggests tomorrow and receive', async () => {
    const text = 'I will see you tomorow.\nDid you recieve it?\n';
    const result = await checkOnce(task, text, uri);
    expect(result).toMatchObject({ uri, version: 1 });
    expect(result.issues).toEqual([
      { start: text.indexOf('tomorow'), end: text.indexOf('tomorow') + 7, word: 'tomorow' },
      { start: text.indexOf('recieve'), end: text.indexOf('recieve') + 7, word: 'recieve' },
    ]);
    const tomorrow = await task.suggest({ word: 'tomorow' }, never);
    const receive = await task.suggest({ word: 'recieve' }, never);
    expect(tomorrow.suggestions).toContain('tomorrow');
    expect(receive.suggestions).toContain('receive');
    expect(tomorrow.suggestions.length).toBeLessThanOrEqual(5);
    expect(receive.truncated).toBe(false);
  });

  it('does not flag words in code spans, code blocks, URLs, addresses, paths or numbers', async () => {
    const text = [
      'Call `recieve()` or see https://example.com/recieve?tomorow=1 or <https://tomorow.example>.',
      'Write to recieve@example.com, edit docs/recieve.md, version 2.0rc3 of v1.2.3.',
      '',
      '```js',
      'const tomorow = recieve();',
      '```',
      '',
      '    indented tomorow recieve',
      '',
      'But this line has one misspeled word.',
    ].join('\n');
    const result = await checkOnce(task, text, uri);
    expect(result.issues.map((issue) => issue.word)).toEqual(['misspeled']);
  });

  it('checks hyphenated words by part, and knows curly apostrophes', async () => {
    const text = 'A well-known and well-knwon fact: don’t worry, it isn’t broken.';
    const result = await checkOnce(task, text, uri);
    expect(result.issues).toEqual([{ start: text.indexOf('knwon'), end: text.indexOf('knwon') + 5, word: 'knwon' }]);
  });

  it('reports exact UTF-16 offsets after emoji and other astral characters', async () => {
    const text = '👩‍👩‍👧‍👦 𝒳 🏳️‍🌈 tomorow 😀';
    const result = await checkOnce(task, text, uri);
    const start = text.indexOf('tomorow');
    expect(start).toBeGreaterThan(10);
    expect(result.issues).toEqual([{ start, end: start + 7, word: 'tomorow' }]);
  });

  it('re-checks only the lines an edit touches, and those a fence opens or closes', async () => {
    const text = 'Line one is fine.\nLine two is fine.\n\nLine four has a tyop.\n';
    await checkOnce(task, text, uri);
    await task.change({ uri, version: 2, edits: [{ offset: text.indexOf('two'), length: 3, text: 'twoo' }] }, never);
    const edited = await task.check({ version: 2 }, never);
    expect(edited.checkedLines).toBe(1);
    expect(edited.issues.map((issue) => issue.word)).toEqual(['twoo', 'tyop']);
    await task.change({ uri, version: 3, edits: [{ offset: 0, length: 0, text: '```\n' }] }, never);
    const fenced = await task.check({ version: 3 }, never);
    expect(fenced.issues).toEqual([]);
    // Six lines, all now in the fence: the two empty ones are one line of content, checked once.
    expect(fenced.checkedLines).toBe(5);
  });

  it('refuses bad requests with clear errors', async () => {
    await expect(task.suggest({ word: '' }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.suggest({ word: 'two words' }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.addWord({ word: 'a\u0000b' }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.addWord({ word: 'x'.repeat(300) }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.suggest({ word: '\ud800' }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(task.check({ version: 99 }, never)).rejects.toMatchObject({ code: 'OUT_OF_SYNC' });
    const fresh = await newSpellcheckTask();
    await expect(fresh.check({ version: 1 }, never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stops when cancelled', async () => {
    await task.open({ uri, version: 10, text: 'word '.repeat(1000), path: null }, never);
    const controller = new AbortController();
    controller.abort('superseded');
    await expect(task.check({ version: 10 }, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('personal dictionary', () => {
  it('is used at once, persists atomically, and survives a fresh task instance', async () => {
    const dataDir = await temporaryDataDir();
    const first = await newSpellcheckTask(dataDir);
    const text = 'Forkpad handles tomorow.';
    expect((await checkOnce(first, text)).issues.map((issue) => issue.word)).toEqual(['Forkpad', 'tomorow']);
    await first.addWord({ word: 'Forkpad' }, never);
    expect((await first.check({ version: 1 }, never)).issues.map((issue) => issue.word)).toEqual(['tomorow']);
    expect(await readFile(join(dataDir, PERSONAL_DICTIONARY_FILE), 'utf8')).toBe('Forkpad\n');
    expect(await readdir(dataDir)).toEqual([PERSONAL_DICTIONARY_FILE]);
    expect((await first.suggest({ word: 'Forkpd' }, never)).suggestions).toContain('Forkpad');

    const second = await newSpellcheckTask(dataDir);
    expect(await second.personalWords(null, never)).toEqual(['Forkpad']);
    expect((await checkOnce(second, "Forkpad's editor, FORKPAD, forkpad.")).issues.map((issue) => issue.word)).toEqual(['forkpad']);
    await second.removeWord({ word: 'Forkpad' }, never);
    expect((await second.check({ version: 1 }, never)).issues.map((issue) => issue.word)).toEqual(["Forkpad's", 'forkpad']);
    // The first instance sees the other's removal on its next check.
    expect((await first.check({ version: 1 }, never)).issues.map((issue) => issue.word)).toEqual(['Forkpad', 'tomorow']);
    const third = await newSpellcheckTask(dataDir);
    expect(await third.personalWords(null, never)).toEqual([]);
  });

  it('ignores unusable lines in a hand-edited file', async () => {
    const dataDir = await temporaryDataDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, PERSONAL_DICTIONARY_FILE), 'good\n\ntwo words\n\u0000bad\nzyxxy\r\n');
    const instance = await newSpellcheckTask(dataDir);
    expect(await instance.personalWords(null, never)).toEqual(['good', 'zyxxy']);
  });
});
