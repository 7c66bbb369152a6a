/**
 * Found by the crash storm (a journal checkpoint behind an acknowledged version), kept as a
 * regression case: while the keystroke task moves live to another host kind, the journal on disk
 * must never fall behind a version the host already announced as durable.
 *
 * What happened: the session primed the new keystroke host with the journal's last durable
 * snapshot (JournalBuffer.durableSnapshot) and then re-sent the changes after it. The old host
 * kept committing the changes it already had until the new host's `open` renamed its base-only
 * journal over the old file, and the acknowledgements of those commits reached the session. Right
 * after the rename the file held only the older base: a kill of the host then (hot exit) would
 * have restored a version before edits the user was told were safe. The session now primes the
 * new host with the mirror's current snapshot, which holds every version the old host was sent
 * (the supervisor holds new calls while it primes), so whatever the old host acknowledges is in
 * the new file's base.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from '../../workers/common/rpc.ts';
import type { TaskApi } from '../../workers/common/task-api.ts';
import type { TaskId } from '../../workers/common/tasks.ts';
import { readJournal } from '../../workers/tasks/keystroke/journal-format.ts';
import { journalFileName } from '../../workers/tasks/keystroke/journal-store.ts';
import { NEVER, sleep, startRealCore, until, type RealCore } from './support/real-core.ts';

const MOVES = 15;
let real: RealCore | undefined;

afterAll(async () => {
  await real?.close();
}, 60_000);

/** After every `open` a new keystroke host makes while it is primed, `opened` runs. */
function spyOnKeystrokeOpen<T extends TaskId>(task: T, api: Client<TaskApi<T>>, opened: () => Promise<void>): Client<TaskApi<T>> {
  if (task !== 'keystroke') return api;
  return new Proxy(api, {
    get(target, method) {
      const real = Reflect.get(target, method) as unknown;
      if (method !== 'open' || typeof real !== 'function') return real;
      return async (...args: unknown[]) => {
        const result: unknown = await (real as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        await opened();
        return result;
      };
    },
  });
}

describe('the keystroke journal during live moves', () => {
  it(`never falls behind an acknowledged version on disk, over ${MOVES} moves while typing`, async () => {
    const behind: string[] = [];
    let check: () => Promise<void> = () => Promise.resolve();
    real = await startRealCore({ wrapPrimer: (primer) => (task, api, replaced) => primer(task, spyOnKeystrokeOpen(task, api, () => check()), replaced) });
    const current = real;
    await current.core.ready;
    const uri = current.core.session.uri;
    const acknowledged = () =>
      Math.max(0, ...current.events.filter((event) => event.name === 'durable' && (event.payload as { uri: string }).uri === uri).map((event) => (event.payload as { version: number }).version));
    check = async () => {
      const before = acknowledged();
      const onDisk = readJournal(await readFile(join(current.dataDir, 'journals', journalFileName(uri)))).state.version;
      if (onDisk < before) behind.push(`v${onDisk} on disk after v${before} was acknowledged`);
    };
    let typing = true;
    const typist = (async () => {
      for (let offset = 0; typing; ) {
        for (let key = 0; key < 5; key += 1, offset += 1) {
          await current.core.api.change({ uri, version: current.core.session.version + 1, edits: [{ offset, length: 0, text: 'x' }], keys: [{ kind: 'character', at: Date.now() }] }, NEVER);
        }
        await sleep(2);
      }
    })();
    // Moves start once typing has reached the disk, not after a fixed 300 ms a loaded machine may
    // spend before the first key: otherwise no move would have an acknowledged version to keep.
    await until(() => acknowledged() > 0, 'the first acknowledged version', 30_000);
    for (let move = 0; move < MOVES; move += 1) {
      await current.core.api.setIsolation({ task: 'keystroke', kind: (['thread', 'inline', 'process'] as const)[move % 3] ?? 'thread' }, NEVER);
    }
    typing = false;
    await typist;
    expect(behind).toEqual([]);
  }, 120_000);
});
