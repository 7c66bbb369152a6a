/**
 * Issue 12's accounting of document copies, through the host core with the real tasks: a thread
 * host of spellcheck or grammar is given no document text (not on priming, not per edit, not on
 * a live move into a thread), and a process host is sent its copy, in full when it is primed.
 * The figures are the `copiedBytes` of the monitor's samples, summed over the samples that follow.
 */
import { describe, expect, it } from 'vitest';
import type { HostCore } from '../../main/core/host-service/host-core.ts';
import type { MetricsSnapshot } from '../../workers/common/metrics.ts';
import type { SpellResult } from '../../workers/common/task-api.ts';
import type { TaskId } from '../../workers/common/tasks.ts';
import { NEVER, startRealCore, type RealCore } from '../reliability/support/real-core.ts';
import { waitFor } from './web-client.ts';

const READERS = ['spellcheck', 'grammar'] as const satisfies readonly TaskId[];

/** The metrics samples and spelling results the core has emitted so far. */
function emitted(real: RealCore): { samples: () => MetricsSnapshot[]; spelling: () => SpellResult[] } {
  const payloads = <T>(name: string) => real.events.filter((event) => event.name === name).map((event) => event.payload as T);
  return { samples: () => payloads<MetricsSnapshot>('metrics'), spelling: () => payloads<SpellResult>('spelling') };
}

/**
 * Bytes copied to `task`'s hosts in the samples from index `from` on, once two more samples came
 * after this call: so every copy made before the call has been counted in some sample.
 */
async function copiedSince(samples: () => MetricsSnapshot[], from: number, task: TaskId): Promise<number> {
  const until = samples().length + 2;
  await waitFor(() => samples().length >= until, 20_000, 'two more metrics samples');
  return samples().slice(from).reduce((sum, sample) => sum + (sample.tasks.find((row) => row.task === task)?.copiedBytes ?? 0), 0);
}

function insert(core: HostCore, text: string): number {
  const version = core.session.version + 1;
  core.session.change({ uri: core.session.uri, version, edits: [{ offset: core.session.text.length, length: 0, text }], keys: [] });
  return version;
}

describe('document copies to task hosts', () => {
  it('gives thread hosts no text on edits, priming or a live move, and sends process hosts their copies', async () => {
    const real = await startRealCore();
    const { core } = real;
    const { samples, spelling } = emitted(real);
    const checked = (version: number) => waitFor(() => spelling().some((result) => result.version === version), 60_000, `spelling of version ${version}`);
    const paragraph = 'Teh shared document is read in place by every thread host. ';
    try {
      await core.api.setIsolation({ preset: 'threads' }, NEVER);
      let from = samples().length;
      await checked(insert(core, paragraph.repeat(500)));
      for (const task of READERS) expect(await copiedSince(samples, from, task), `${task}: an edit under threads`).toBe(0);

      // Into a process: the new host is primed with a copy of the whole text, then sent each edit.
      const length = core.session.text.length;
      from = samples().length;
      await core.api.setIsolation({ task: 'spellcheck', kind: 'process' }, NEVER);
      await checked(insert(core, 'x'));
      expect(await copiedSince(samples, from, 'spellcheck'), 'spellcheck primed as a process').toBeGreaterThanOrEqual(2 * length);
      expect(samples().at(-1)?.document?.processCopies).toBeGreaterThanOrEqual(1);

      // Back into a thread: the new host attaches to the shared document; nothing is copied.
      from = samples().length;
      await core.api.setIsolation({ task: 'spellcheck', kind: 'thread' }, NEVER);
      await checked(insert(core, ' more text'));
      for (const task of READERS) expect(await copiedSince(samples, from, task), `${task}: a move into a thread`).toBe(0);
      expect(spelling().at(-1)?.issues.map((issue) => issue.word)).toContain('Teh');
    } finally {
      await real.close();
    }
  }, 180_000);
});
