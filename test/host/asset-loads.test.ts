/**
 * The data files' load reports through the real core, in every host kind: the real spellcheck and
 * grammar tasks report over their host's real port (a MessageChannel inline, a worker thread, a
 * forked process), the supervisor keeps them per host, and the monitor's samples carry the serving
 * host's: the dictionary from start, the frequency list loaded once a suggestion asked for it.
 */
import { stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssetLoad, LoadedAsset } from '../../workers/common/asset-loads.ts';
import type { TaskSample } from '../../workers/common/metrics.ts';
import { HOST_KINDS, type TaskId } from '../../workers/common/tasks.ts';
import { HARPER_ASSET } from '../../workers/tasks/grammar/index.ts';
import { DICTIONARY_ASSET } from '../../workers/tasks/spellcheck/index.ts';
import { FREQUENCY_ASSET } from '../../workers/tasks/spellcheck/lazy-frequencies.ts';
import { SOURCE_ASSETS, startRealCore, until, type RealCore } from '../reliability/support/real-core.ts';

let real: RealCore | undefined;
afterEach(async () => {
  await real?.close();
  real = undefined;
});

function sampleOf(core: RealCore, task: TaskId): TaskSample | undefined {
  return core.supervisor.latestMetrics()?.tasks.find((sample) => sample.task === task);
}

function assetOf(sample: TaskSample | undefined, name: string): AssetLoad | undefined {
  return sample?.assets?.find((asset) => asset.name === name);
}

async function loadedIn(core: RealCore, task: TaskId, name: string, serving: (sample: TaskSample) => boolean, what: string): Promise<{ sample: TaskSample; asset: LoadedAsset }> {
  const found = () => {
    const sample = sampleOf(core, task);
    const asset = assetOf(sample, name);
    return sample && serving(sample) && asset?.state === 'loaded' ? { sample, asset } : undefined;
  };
  await until(() => found() !== undefined, what, 30_000);
  return found()!;
}

const size = async (path: string | undefined) => (await stat(path ?? '')).size;

describe('data file reports through the real core', () => {
  it('reach the monitor from spellcheck inline, in a thread and in a process, and from grammar', async () => {
    real = await startRealCore({ supervisor: { probeIntervalMs: 200 } });
    await real.core.ready;
    const core = real;
    const dictionaryBytes = (await size(SOURCE_ASSETS.dictionaryAff)) + (await size(SOURCE_ASSETS.dictionaryDic));
    const frequencyBytes = await size(SOURCE_ASSETS.wordFrequencies);
    for (const kind of HOST_KINDS) {
      const before = sampleOf(core, 'spellcheck');
      if (before?.kind === kind) await core.supervisor.restart('spellcheck');
      else await core.supervisor.move('spellcheck', kind);
      const restarts = sampleOf(core, 'spellcheck')?.restarts ?? 0;
      // The new host's own samples: of this kind, and (inline, where pid and thread stay) after the restart.
      const serving = (sample: TaskSample) => sample.kind === kind && sample.state === 'ready' && (kind !== 'inline' || sample.restarts >= restarts) && (kind === 'inline' || sample.pid !== before?.pid || sample.threadId !== before.threadId);
      const { asset: dictionary } = await loadedIn(core, 'spellcheck', DICTIONARY_ASSET, serving, `the ${kind} dictionary report`);
      expect(dictionary.fileBytes, kind).toBe(dictionaryBytes);
      expect(dictionary.memory?.measure, kind).toBe('heap-growth');

      const suggestions = await core.supervisor.client('spellcheck').suggest({ word: 'recieve' });
      expect(suggestions.suggestions, kind).toContain('receive');
      const { asset: frequencies } = await loadedIn(core, 'spellcheck', FREQUENCY_ASSET, serving, `the ${kind} frequency list report`);
      expect(frequencies.fileBytes, kind).toBe(frequencyBytes);
      expect(frequencies.memory?.measure, kind).toBe('heap-growth');
      // A new thread or process parsed both itself; only the host's main thread can reuse a copy.
      if (kind !== 'inline') expect([dictionary.reused, frequencies.reused], kind).toEqual([false, false]);
    }
    const { asset: harper } = await loadedIn(core, 'grammar', HARPER_ASSET, () => true, 'the harper report');
    expect(harper.fileBytes).toBe(await size(SOURCE_ASSETS.harperWasm));
    // The linter's dictionary lives in the WebAssembly memory: far more than the file itself.
    expect(harper.memory?.measure).toBe('wasm-memory');
    expect(harper.memory?.bytes).toBeGreaterThan(harper.fileBytes);
    for (const task of ['keystroke', 'render'] as const) expect(sampleOf(core, task)?.assets, task).toBeUndefined();
  }, 120_000);
});
