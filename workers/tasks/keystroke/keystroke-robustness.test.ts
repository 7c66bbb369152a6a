import { appendFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeystrokeChange, KeystrokeEvents } from '../../common/task-api.ts';
import { journalFileName } from './journal-store.ts';
import { createKeystrokeService, type KeystrokeService } from './keystroke-task.ts';

const signal = new AbortController().signal;
const URI = 'file:///robust.md';
const services: KeystrokeService[] = [];

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.store.close()));
});

async function service(dataDir: string, logs: string[] = []): Promise<{ api: KeystrokeService['api']; durable: KeystrokeEvents['durable'][]; store: KeystrokeService['store'] }> {
  const durable: KeystrokeEvents['durable'][] = [];
  const created = await createKeystrokeService({ dataDir, log: (line) => logs.push(line), emitDurable: (event) => durable.push(event) });
  services.push(created);
  return { api: created.api, durable, store: created.store };
}

function insert(version: number, offset: number, text: string): KeystrokeChange {
  return { uri: URI, version, edits: [{ offset, length: 0, text }], keys: [{ kind: 'character', at: Date.now() }] };
}

async function recoveredText(api: KeystrokeService['api'], store: KeystrokeService['store']) {
  await store.flushed();
  return (await api.recover(null, signal)).find((document) => document.uri === URI);
}

describe('keystroke journal on bad input and bad disks', () => {
  it('refuses malformed and out-of-sync changes clearly, leaving the journal as it was', async () => {
    const { api, store } = await service(await mkdtemp(join(tmpdir(), 'forkpad-ks-')));
    await api.open({ uri: URI, version: 1, text: 'safe', path: null }, signal);
    const bad: [unknown, string][] = [
      [{ uri: URI, version: 2, edits: [{ offset: 99, length: 0, text: 'x' }], keys: [] }, 'INVALID_INPUT'],
      [{ uri: URI, version: 2, edits: [{ offset: 0, length: 1, text: 'x' }, { offset: 0, length: 2, text: 'y' }], keys: [] }, 'INVALID_INPUT'],
      [{ uri: URI, version: 2, edits: [], keys: [{ kind: 'teleport', at: 1 }] }, 'INVALID_INPUT'],
      [{ uri: URI, version: 2, edits: [], keys: [{ kind: 'character', at: Number.NaN }] }, 'INVALID_INPUT'],
      [{ uri: URI, version: 2.5, edits: [], keys: [] }, 'INVALID_INPUT'],
      [{ uri: URI, version: 4, edits: [], keys: [] }, 'OUT_OF_SYNC'],
      [{ uri: 'file:///other.md', version: 2, edits: [], keys: [] }, 'INVALID_INPUT'],
      [null, 'INVALID_INPUT'],
    ];
    for (const [request, code] of bad) {
      expect(() => api.change(request as KeystrokeChange, signal)).toThrow(expect.objectContaining({ code }) as Error);
    }
    await expect(Promise.resolve().then(() => api.open({ uri: '', version: 1, text: '', path: null }, signal))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await api.change(insert(2, 4, '!'), signal);
    expect(await recoveredText(api, store)).toMatchObject({ version: 2, text: 'safe!' });
  });

  it('keeps NUL, lone surrogates, CRLF mixes, RTL, ZWJ sequences and a 5 MB line exact', async () => {
    const { api, store } = await service(await mkdtemp(join(tmpdir(), 'forkpad-ks-')));
    const nasty = 'a\u0000b\uD800c\uDFFF\r\nd\re\nשלום مرحبا 👨‍👩‍👧‍👦 é';
    await api.open({ uri: URI, version: 1, text: nasty, path: '/tmp/robust.md' }, signal);
    await api.change(insert(2, 3, '\uDBFF'), signal);
    const expected = `${nasty.slice(0, 3)}\uDBFF${nasty.slice(3)}`;
    expect((await recoveredText(api, store))?.text).toBe(expected);
    // How long the 5 MB line takes is keystroke-robustness.timing.test.ts.
    const line = 'word '.repeat(1024 * 1024);
    await api.open({ uri: URI, version: 3, text: line, path: '/tmp/robust.md' }, signal);
    await api.change(insert(4, line.length, 'end'), signal);
    expect((await recoveredText(api, store))?.text).toBe(`${line}end`);
  });

  it('recovers around a torn tail on disk, and sets an unreadable journal aside', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'forkpad-ks-'));
    const first = await service(dataDir);
    await first.api.open({ uri: URI, version: 1, text: 'kept', path: null }, signal);
    await first.api.change(insert(2, 4, ' too'), signal);
    await first.store.close();
    const folder = join(dataDir, 'journals');
    await appendFile(join(folder, journalFileName(URI)), Buffer.from([42, 0, 0, 0, 1, 2, 3]));
    await writeFile(join(folder, 'garbage.journal'), 'not a journal');
    const logs: string[] = [];
    const second = await service(dataDir, logs);
    const documents = await second.api.recover(null, signal);
    expect(documents).toEqual([expect.objectContaining({ uri: URI, version: 2, text: 'kept too', dirty: true, tornBytes: 7 })]);
    expect(logs.join('\n')).toMatch(/torn tail of 7 bytes/);
    expect(logs.join('\n')).toMatch(/garbage.journal is unreadable/);
    expect((await readdir(folder)).sort()).toEqual([journalFileName(URI), 'garbage.journal.corrupt'].sort());
    // Re-opening writes a fresh journal: nothing is ever appended after the torn bytes.
    await second.api.open({ uri: URI, version: 2, text: 'kept too', path: null }, signal);
    await second.api.change(insert(3, 8, '!'), signal);
    expect(await recoveredText(second.api, second.store)).toMatchObject({ version: 3, text: 'kept too!', tornBytes: 0 });
  });

  it('lets a newer host of the task take the journal over; the old one stops instead of clobbering it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'forkpad-ks-'));
    const logs: string[] = [];
    const old = await service(dataDir, logs);
    await old.api.open({ uri: URI, version: 1, text: 'a', path: null }, signal);
    await old.api.change(insert(2, 1, 'b'), signal);
    await old.store.flushed();
    const successor = await service(dataDir);
    await successor.api.open({ uri: URI, version: 2, text: 'ab', path: null, dirty: true }, signal);
    await old.api.change(insert(3, 2, 'X'), signal);
    await old.store.flushed();
    expect(() => old.api.change(insert(4, 3, 'Y'), signal)).toThrow(expect.objectContaining({ code: 'TASK_STOPPED' }) as Error);
    expect(logs.join('\n')).toMatch(/replaced by another host/);
    await successor.api.change(insert(3, 2, 'c'), signal);
    expect(await recoveredText(successor.api, successor.store)).toMatchObject({ version: 3, text: 'abc' });
    expect(old.durable.map((event) => event.version)).not.toContain(3);
    await old.api.discard({ uri: URI }, signal);
    expect(await readFile(join(dataDir, 'journals', journalFileName(URI)))).toBeTruthy();
  });

  it('refuses a malformed typing history clearly, and keeps its own statistics', async () => {
    const { api } = await service(await mkdtemp(join(tmpdir(), 'forkpad-ks-')));
    await api.open({ uri: URI, version: 1, text: '', path: null }, signal);
    await api.change(insert(2, 0, 'a'), signal);
    const valid = { keystrokes: 3, firstKeyAt: 1, lastKeyAt: 3, burst: 3, recent: [{ kind: 'character', at: 1 }], latencies: [2] };
    const bad: unknown[] = [
      null,
      { ...valid, keystrokes: -1 },
      { ...valid, firstKeyAt: Number.NaN },
      { ...valid, recent: [{ kind: 'teleport', at: 1 }] },
      { ...valid, latencies: [-5] },
      { ...valid, recent: 'many' },
    ];
    for (const history of bad) {
      await expect((async () => api.adoptTyping(history as never, signal))()).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect((await api.stats(null, signal)).keystrokes).toBe(1);
    await api.adoptTyping(valid as never, signal);
    expect((await api.stats(null, signal)).keystrokes).toBe(4);
  });
});
