/**
 * What a task reports about the data files it loads from the build's assets (the dictionary, the
 * word-frequency list, harper's WASM), for the task monitor: one `AssetLoad` per asset, sent as the
 * task's `ASSET_EVENT` each time the asset's state changes. The supervisor keeps the latest report
 * of each asset per host (main/core/supervisor/asset-tally.ts) and the monitor shows the serving
 * host's in `TaskSample.assets`, so a restarted or moved task reports afresh.
 */

/** How an asset's memory figure was measured; the monitor says which beside the number. */
export type AssetMemoryMeasure =
  /**
   * V8 heap used after parsing the file minus before, read on the thread that parsed it, around
   * the synchronous parse only (so nothing else on that thread, not even an inline host's other
   * work, runs in between). It counts garbage the parse left that no collection has freed yet, so
   * it is above what the asset keeps, and a collection during the parse can make it smaller, even
   * negative.
   */
  | 'heap-growth'
  /** The WebAssembly instance's linear memory once the asset is set up: outside the V8 heap, all of it kept. */
  | 'wasm-memory';

export interface AssetMemory {
  readonly bytes: number;
  readonly measure: AssetMemoryMeasure;
}

/** Not loaded yet, on purpose: it loads when `when` says. Never shown as a zero. */
export interface PendingAsset {
  readonly name: string;
  readonly state: 'pending';
  /** What makes it load, e.g. "loads on first suggestion". */
  readonly when: string;
}

export interface LoadedAsset {
  readonly name: string;
  readonly state: 'loaded';
  /** From the first read of the file to the parsed result, ms; when `reused`, how long this task waited for it. */
  readonly loadMs: number;
  /** Bytes read from disk. */
  readonly fileBytes: number;
  /** What the load added to memory, or null when that was not measured. */
  readonly memory: AssetMemory | null;
  /**
   * True when this thread had loaded it already (an inline task restarted on the host's main
   * thread reuses what the thread parsed): `fileBytes` and `memory` are that first load's.
   */
  readonly reused: boolean;
}

export interface FailedAsset {
  readonly name: string;
  readonly state: 'failed';
  /** How long the attempt took before it failed, ms. */
  readonly loadMs: number;
  readonly error: string;
}

export type AssetLoad = PendingAsset | LoadedAsset | FailedAsset;

/** The event name of a task's `AssetLoad` reports. */
export const ASSET_EVENT = 'asset';

/** Limits the supervisor applies to reports (they come from a task host: untrusted, bounded). */
export const ASSET_LIMITS = {
  /** Distinct assets kept per host; reports of further names are ignored. */
  assetsPerHost: 8,
  nameLength: 100,
  /** `when` and `error` are cut to this many UTF-16 units. */
  textLength: 500,
} as const;
