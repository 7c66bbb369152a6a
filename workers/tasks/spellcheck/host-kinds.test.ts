/**
 * Spellcheck loaded through the real entry points under every host kind: the dictionary found
 * from `init.assets`, the personal dictionary shared through `init.dataDir` across kinds and
 * restarts, and identical results everywhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskInit } from '../../common/task-api.ts';
import { HOST_KINDS, type HostKind } from '../../common/tasks.ts';
import { startHosted, type HostedTask } from '../grammar/fixtures/task-hosts.ts';
import { DICTIONARY_ASSETS, temporaryDataDir } from './test/task-harness.ts';

const running: HostedTask<'spellcheck'>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((hosted) => hosted.stop()));
});

const uri = 'file:///notes.md';
const TEXT = '👩‍👩‍👧 Forkpad will recieve it tomorow.\r\n\r\n```\nrecieve()\n```\nSee https://example.com/tomorow.\n';

async function start(kind: HostKind, dataDir: string) {
  const init: TaskInit & { task: 'spellcheck' } = { task: 'spellcheck', dataDir, assets: DICTIONARY_ASSETS, settings: { ignoredRules: [] } };
  const hosted = await startHosted(kind, init);
  running.push(hosted);
  return hosted;
}

async function runUnder(kind: HostKind, dataDir: string) {
  const hosted = await start(kind, dataDir);
  const { api } = hosted.client;
  await api.open({ uri, version: 1, text: TEXT, path: null });
  const first = await api.check({ version: 1 });
  await api.change({ uri, version: 2, edits: [{ offset: TEXT.indexOf('tomorow'), length: 7, text: 'tomorrow' }] });
  const second = await api.check({ version: 2 });
  const suggestions = await api.suggest({ word: 'recieve' });
  await hosted.stop();
  return { first, second, suggestions };
}

async function flaggedWords(kind: HostKind, dataDir: string): Promise<string[]> {
  const hosted = await start(kind, dataDir);
  const result = await hosted.client.api.open({ uri, version: 1, text: TEXT, path: null }).then(() => hosted.client.api.check({ version: 1 }));
  await hosted.stop();
  return result.issues.map((issue) => issue.word);
}

describe('spellcheck under every host kind', () => {
  it('answers the same inline, in a thread and in a process', async () => {
    const dataDir = await temporaryDataDir();
    const results = [];
    for (const kind of HOST_KINDS) results.push(await runUnder(kind, dataDir));
    const [inline] = results;
    expect(inline?.first.issues.map((issue) => [TEXT.slice(issue.start, issue.end), issue.word])).toEqual([
      ['Forkpad', 'Forkpad'],
      ['recieve', 'recieve'],
      ['tomorow', 'tomorow'],
    ]);
    expect(inline?.second).toMatchObject({ version: 2, checkedLines: 1 });
    expect(inline?.suggestions.suggestions).toContain('receive');
    for (const result of results) expect(result).toEqual(inline);
  }, 60_000);

  it('shares the personal dictionary across host kinds and restarts', async () => {
    const dataDir = await temporaryDataDir();
    const adder = await start('inline', dataDir);
    await adder.client.api.addWord({ word: 'Forkpad' });
    await adder.stop();
    for (const kind of HOST_KINDS) expect(await flaggedWords(kind, dataDir)).toEqual(['recieve', 'tomorow']);
    const remover = await start('process', dataDir);
    expect(await remover.client.api.personalWords(null)).toEqual(['Forkpad']);
    await remover.client.api.removeWord({ word: 'Forkpad' });
    await remover.stop();
    for (const kind of HOST_KINDS) expect(await flaggedWords(kind, dataDir)).toEqual(['Forkpad', 'recieve', 'tomorow']);
  }, 60_000);
});
