/**
 * The grammar and keystroke tasks give identical results inline, in a thread and in a process,
 * loaded through the real entry points: harper's WASM found from `init.assets`, the journal
 * written under `init.dataDir`.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskInit } from '../../common/task-api.ts';
import { HOST_KINDS, type HostKind, type TaskId } from '../../common/tasks.ts';
import { startHosted, type HostedTask } from './fixtures/task-hosts.ts';
import { HARPER_WASM } from './test-assets.ts';

const running: HostedTask<TaskId>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((hosted) => hosted.stop()));
});

async function init<T extends TaskId>(task: T): Promise<TaskInit & { task: T }> {
  const dataDir = await mkdtemp(join(tmpdir(), `forkpad-${task}-`));
  return { task, dataDir, assets: { harperWasm: HARPER_WASM, dictionaryAff: 'unused', dictionaryDic: 'unused' }, settings: { ignoredRules: ['SentenceCapitalization'] } };
}

const TEXT = '👨‍👩‍👧 This is an test.\r\n\r\nanother paragraph is here. It is an idea.';

async function grammarUnder(kind: HostKind) {
  const progress: string[] = [];
  const hosted = await startHosted(kind, await init('grammar'), (client) => client.on('progress', (event) => progress.push(event.phase)));
  running.push(hosted);
  const { api } = hosted.client;
  await api.open({ uri: 'file:///a.md', version: 1, text: TEXT, path: null });
  await api.change({ uri: 'file:///a.md', version: 2, edits: [{ offset: TEXT.length - 5, length: 4, text: 'apple' }] });
  const result = await api.check({ version: 2 });
  await api.setIgnoredRules({ rules: ['AnA'] });
  const ignored = await api.check({ version: 2 });
  return { result, ignored: ignored.issues.map((issue) => issue.rule), sawLoading: progress.includes('loading') };
}

async function keystrokeUnder(kind: HostKind) {
  const hosted = await startHosted(kind, await init('keystroke'));
  running.push(hosted);
  const durable: number[] = [];
  hosted.client.on('durable', (event) => durable.push(event.version));
  const { api } = hosted.client;
  await api.open({ uri: 'file:///k.md', version: 1, text: 'ab', path: null });
  await api.change({ uri: 'file:///k.md', version: 2, edits: [{ offset: 2, length: 0, text: '😀' }], keys: [{ kind: 'character', at: Date.now() }] });
  await api.change({ uri: 'file:///k.md', version: 3, edits: [{ offset: 0, length: 1, text: '' }], keys: [{ kind: 'backspace', at: Date.now() }] });
  const recovered = await api.recover(null);
  const stats = await api.stats(null);
  return { recovered: recovered.map(({ updatedAt: _updatedAt, ...document }) => document), keystrokes: stats.keystrokes, backspaceRatio: stats.backspaceRatio, durable: durable.at(-1) };
}

describe('grammar and keystroke under every host kind', () => {
  it('grammar answers the same inline, in a thread and in a process', async () => {
    const results = [];
    for (const kind of HOST_KINDS) results.push(await grammarUnder(kind));
    const [inline] = results;
    expect(inline?.result.issues.map((issue) => TEXT.slice(issue.start, issue.end))).toContain('an');
    expect(inline?.result.issues.find((issue) => issue.rule === 'AnA')).toMatchObject({ start: 17, end: 19, suggestions: [{ kind: 'replace', text: 'a' }] });
    expect(inline?.result.issues.some((issue) => issue.rule === 'SentenceCapitalization')).toBe(false);
    expect(inline?.ignored).not.toContain('AnA');
    for (const result of results) {
      expect(result).toEqual(inline);
      expect(result.sawLoading).toBe(true);
    }
  }, 120_000);

  it('keystroke journals and counts the same inline, in a thread and in a process', async () => {
    const results = [];
    for (const kind of HOST_KINDS) results.push(await keystrokeUnder(kind));
    const [inline] = results;
    expect(inline).toEqual({
      recovered: [{ uri: 'file:///k.md', version: 3, text: 'b😀', path: null, dirty: true, tornBytes: 0 }],
      keystrokes: 2,
      backspaceRatio: 0.5,
      durable: 3,
    });
    for (const result of results) expect(result).toEqual(inline);
  }, 60_000);
});
