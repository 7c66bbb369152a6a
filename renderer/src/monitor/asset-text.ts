/**
 * How the monitor words a task's data files (TaskSample.assets): one line per asset, saying what
 * it cost and how each figure was measured. A file not loaded yet says so and when it will load;
 * it is never shown as a zero.
 */
import type { AssetLoad, AssetMemory } from '../../../workers/common/asset-loads.ts';
import { formatBytes, formatMs } from './format.ts';

const LOAD_NOTE = 'Load time: from the first read of the file to the parsed result, on the task’s own thread. Read: bytes read from disk.';
const MEASURE_NOTES: Record<AssetMemory['measure'], string> = {
  'heap-growth': 'V8 heap growth: heap used after the parse minus before, on that thread; it includes garbage not yet collected, so it is above what the data keeps.',
  'wasm-memory': 'WASM memory: the WebAssembly instance’s memory once set up, outside the V8 heap.',
};

/** What the figures shown mean: the load time, and each way of measuring memory that `assets` use. */
export function assetNote(assets: readonly AssetLoad[] | null): string {
  const measures = new Set((assets ?? []).flatMap((load) => (load.state === 'loaded' && load.memory ? [load.memory.measure] : [])));
  return [LOAD_NOTE, ...[...measures].sort().map((measure) => MEASURE_NOTES[measure])].join(' ');
}

function memoryText(memory: AssetMemory | null): string {
  if (memory === null) return 'memory not measured';
  if (memory.measure === 'wasm-memory') return `WASM memory ${formatBytes(memory.bytes)}`;
  // A collection ran during the parse and freed more than the parse kept: no honest figure.
  if (memory.bytes < 0) return 'V8 heap growth not measurable (a garbage collection ran during the load)';
  return `V8 heap +${formatBytes(memory.bytes)}`;
}

export function assetText(load: AssetLoad): string {
  switch (load.state) {
    case 'pending':
      return `${load.name}: not loaded yet (${load.when})`;
    case 'failed':
      return `${load.name}: failed after ${formatMs(load.loadMs)}: ${load.error}`;
    case 'loaded': {
      const figures = `${formatBytes(load.fileBytes)} read, ${memoryText(load.memory)}`;
      return load.reused
        ? `${load.name}: reused what this thread loaded before (ready in ${formatMs(load.loadMs)}; when first loaded: ${figures})`
        : `${load.name}: loaded in ${formatMs(load.loadMs)}, ${figures}`;
    }
  }
}

/** The row tooltip's summary: every asset's line, or '' when the host reported none. */
export function assetSummary(assets: readonly AssetLoad[] | null): string {
  return assets && assets.length > 0 ? `Data files:\n${assets.map(assetText).join('\n')}\n${assetNote(assets)}` : '';
}
