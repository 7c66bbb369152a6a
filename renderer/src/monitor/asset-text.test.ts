import { describe, expect, it } from 'vitest';
import type { AssetLoad } from '../../../workers/common/asset-loads.ts';
import { assetNote, assetSummary, assetText } from './asset-text.ts';
import { buildRows } from './monitor-rows.ts';

const FREQUENCIES = 'word frequencies (SUBTLEX-US)';
const loaded = (extra: Partial<AssetLoad & { state: 'loaded' }> = {}): AssetLoad => ({
  name: FREQUENCIES,
  state: 'loaded',
  loadMs: 212.4,
  fileBytes: 3_611_586,
  memory: { bytes: 31_457_280, measure: 'heap-growth' },
  reused: false,
  ...extra,
});

describe('assetText', () => {
  it('says a lazy asset is not loaded yet, and when it will be, never a zero', () => {
    const text = assetText({ name: FREQUENCIES, state: 'pending', when: 'loads on first suggestion, or 5 s after start' });
    expect(text).toBe(`${FREQUENCIES}: not loaded yet (loads on first suggestion, or 5 s after start)`);
    expect(text).not.toMatch(/\b0\b/);
  });

  it('gives the load time, the bytes read and the memory with how it was measured', () => {
    expect(assetText(loaded())).toBe(`${FREQUENCIES}: loaded in 212 ms, 3.4 MB read, V8 heap +30 MB`);
    expect(assetText(loaded({ name: 'harper (WASM + linter)', memory: { bytes: 168_361_984, measure: 'wasm-memory' } }))).toMatch(/WASM memory 161 MB$/);
    expect(assetText(loaded({ memory: null }))).toMatch(/memory not measured$/);
    expect(assetText(loaded({ memory: { bytes: -4096, measure: 'heap-growth' } }))).toMatch(/not measurable \(a garbage collection ran during the load\)$/);
  });

  it('says when the thread reused an earlier load, and whose figures it shows', () => {
    expect(assetText(loaded({ reused: true, loadMs: 0.2 }))).toBe(`${FREQUENCIES}: reused what this thread loaded before (ready in 200 µs; when first loaded: 3.4 MB read, V8 heap +30 MB)`);
  });

  it('shows a failure with its error', () => {
    expect(assetText({ name: FREQUENCIES, state: 'failed', loadMs: 3, error: 'cannot read the word frequency file /x: ENOENT' })).toBe(`${FREQUENCIES}: failed after 3.0 ms: cannot read the word frequency file /x: ENOENT`);
  });

  it('summarises every asset for the tooltip, and nothing for a host that reported none', () => {
    expect(assetSummary(null)).toBe('');
    expect(assetSummary([])).toBe('');
    expect(assetSummary([loaded(), { name: 'dictionary', state: 'pending', when: 'soon' }]).split('\n')).toHaveLength(4);
  });

  it('explains only the ways of measuring memory that the figures shown use', () => {
    expect(assetNote([{ name: 'x', state: 'pending', when: 'soon' }])).not.toMatch(/heap|WASM/);
    expect(assetNote([loaded()])).toMatch(/V8 heap growth: .*includes garbage not yet collected/);
    expect(assetNote([loaded()])).not.toMatch(/WASM/);
    const both = assetNote([loaded(), loaded({ name: 'harper', memory: { bytes: 1, measure: 'wasm-memory' } })]);
    expect(both).toMatch(/V8 heap growth/);
    expect(both).toMatch(/WASM memory: .*outside the V8 heap/);
  });
});

describe('monitor rows', () => {
  it('carry a task sample’s assets, and none on rows that load nothing', () => {
    const policy = { crashesInWindow: 0, windowMs: 300_000, maxCrashes: 3, nextRestartAt: null, gaveUp: false };
    const sample = { task: 'spellcheck', kind: 'thread', state: 'ready', pid: 1, threadId: 2, cpuPercent: 1, cpuTimeMs: 1, memory: null, latency: null, queueDepth: 0, copiedBytes: 0, jobsPerSecond: null, restarts: 0, spawnToReadyMs: 1, roundTripMs: 1, lastError: null, restartPolicy: policy } as const;
    const host = { pid: 1, cpuPercent: 1, mainThreadCpuPercent: 1, rssBytes: 1, heapUsedBytes: 1, eventLoopDelay: { p50: 1, p95: 1, p99: 1, max: 1 }, eventLoopUtilization: 0 };
    const rows = buildRows({ at: 0, intervalMs: 1000, cores: 2, host, appProcesses: [], tasks: [{ ...sample, assets: [loaded()] }, { ...sample, task: 'render' }] }, 'host');
    expect(rows.find((row) => row.key === 'task:spellcheck')?.assets).toEqual([loaded()]);
    expect(rows.find((row) => row.key === 'task:render')?.assets).toBeNull();
    expect(rows.find((row) => row.key === 'host')?.assets).toBeNull();
  });
});
