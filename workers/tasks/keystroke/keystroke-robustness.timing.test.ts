/**
 * How much CPU the journal spends on a 5 MB single line. A CPU bound, so it runs in the `timing`
 * project; keystroke-robustness.test.ts checks that the line comes back exact.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuTimeOf } from '../../../test/fixtures/cpu-time.ts';
import { createKeystrokeService, type KeystrokeService } from './keystroke-task.ts';

const signal = new AbortController().signal;
const URI = 'file:///robust-timing.md';
const services: KeystrokeService[] = [];

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.store.close()));
});

describe('keystroke journal speed', () => {
  it('opens, edits and recovers a 5 MB single line in well under 5 s of CPU', async () => {
    const service = await createKeystrokeService({ dataDir: await mkdtemp(join(tmpdir(), 'forkpad-ks-')), log: () => undefined, emitDurable: () => undefined });
    services.push(service);
    const { api, store } = service;
    const line = 'word '.repeat(1024 * 1024);
    // CPU time of this thread: the journal's writes and fsyncs wait on the disk, which a busy
    // machine slows; the work of encoding 5 MB is what would grow if it were quadratic.
    const { value: recovered, cpuMs } = await cpuTimeOf(async () => {
      await api.open({ uri: URI, version: 1, text: line, path: null }, signal);
      await api.change({ uri: URI, version: 2, edits: [{ offset: line.length, length: 0, text: 'end' }], keys: [{ kind: 'character', at: Date.now() }] }, signal);
      await store.flushed();
      return (await api.recover(null, signal)).find((document) => document.uri === URI);
    });
    console.info(`[keystroke test] 5 MB single line opened, edited and recovered: ${cpuMs.toFixed(0)} ms of CPU`);
    expect(recovered?.text).toBe(`${line}end`);
    expect(cpuMs).toBeLessThan(5_000);
  });
});
