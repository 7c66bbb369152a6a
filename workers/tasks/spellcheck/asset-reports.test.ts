/**
 * What the spellcheck task tells the monitor about its two data files: the dictionary once it is
 * parsed at start, the word-frequency list pending until the first suggestion, then loaded.
 */
import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { AssetLoad, LoadedAsset } from '../../common/asset-loads.ts';
import { createTask, DICTIONARY_ASSET } from './index.ts';
import { FREQUENCY_ASSET, lazyFrequencies } from './lazy-frequencies.ts';
import { DICTIONARY_ASSETS, spellcheckContext, temporaryDataDir } from './test/task-harness.ts';

function loaded(reports: readonly AssetLoad[], name: string): LoadedAsset | undefined {
  return reports.filter((report): report is LoadedAsset => report.name === name && report.state === 'loaded').at(-1);
}

async function fileSize(...paths: string[]): Promise<number> {
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  return sizes.reduce((total, size) => total + size, 0);
}

describe('spellcheck asset reports', () => {
  it('reports the dictionary at start and the frequency list pending, then loaded after a suggestion', async () => {
    const reports: AssetLoad[] = [];
    const context = { ...spellcheckContext(await temporaryDataDir()), reportAsset: (load: AssetLoad) => reports.push(load) };
    const task = await createTask(context);
    const dictionary = loaded(reports, DICTIONARY_ASSET);
    expect(dictionary?.fileBytes).toBe(await fileSize(DICTIONARY_ASSETS.dictionaryAff, DICTIONARY_ASSETS.dictionaryDic));
    expect(dictionary?.memory?.measure).toBe('heap-growth');
    expect(dictionary?.loadMs).toBeGreaterThan(0);
    // Pending is said first, before anything could have loaded the list.
    const first = reports.find((report) => report.name === FREQUENCY_ASSET);
    expect(first?.state).toBe('pending');
    expect(first?.state === 'pending' ? first.when : '').toMatch(/first suggestion/);

    const suggestions = await task.suggest({ word: 'recieve' }, new AbortController().signal);
    expect(suggestions.suggestions).toContain('receive');
    const frequencies = loaded(reports, FREQUENCY_ASSET);
    expect(frequencies?.fileBytes).toBe(await fileSize(DICTIONARY_ASSETS.wordFrequencies));
    expect(frequencies?.memory?.measure).toBe('heap-growth');
    expect(reports.filter((report) => report.state === 'failed')).toEqual([]);
  });

  it('leaves the frequency list pending until the first suggestion asks for it', async () => {
    const reports: AssetLoad[] = [];
    const load = lazyFrequencies(DICTIONARY_ASSETS.wordFrequencies, { log: () => undefined, report: (report) => reports.push(report), taskStartedAt: performance.now(), idleLoadMs: 3_600_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports.map((report) => report.state)).toEqual(['pending']);
    const list = await load();
    expect(list.words.length).toBeGreaterThan(70_000);
    expect(reports.map((report) => report.state)).toEqual(['pending', 'loaded']);
    // Asked again, nothing loads again and nothing more is said.
    await load();
    expect(reports).toHaveLength(2);
  });

  it('says the list was reused when this thread had loaded it before the task started', async () => {
    const first: AssetLoad[] = [];
    await lazyFrequencies(DICTIONARY_ASSETS.wordFrequencies, { log: () => undefined, report: (report) => first.push(report), taskStartedAt: performance.now(), idleLoadMs: 3_600_000 })();
    const later: AssetLoad[] = [];
    await lazyFrequencies(DICTIONARY_ASSETS.wordFrequencies, { log: () => undefined, report: (report) => later.push(report), taskStartedAt: performance.now(), idleLoadMs: 3_600_000 })();
    expect(loaded(later, FREQUENCY_ASSET)).toMatchObject({ reused: true, fileBytes: loaded(first, FREQUENCY_ASSET)?.fileBytes, memory: loaded(first, FREQUENCY_ASSET)?.memory });
  });

  it('reports a list that cannot be read as failed, with the reason, and suggests without it', async () => {
    const reports: AssetLoad[] = [];
    const list = await lazyFrequencies('/nonexistent/subtlex.json', { log: () => undefined, report: (report) => reports.push(report), taskStartedAt: performance.now(), idleLoadMs: 3_600_000 })();
    expect(list.words).toEqual([]);
    const last = reports.at(-1);
    expect(last).toMatchObject({ name: FREQUENCY_ASSET, state: 'failed' });
    expect(last?.state === 'failed' ? last.error : '').toMatch(/cannot read the word frequency file/);
  });
});
