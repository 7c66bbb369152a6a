/**
 * How a task measures loading a data file for the monitor (workers/common/asset-loads.ts), and how
 * it reports the outcome. Each loader keeps its figures beside what it loaded, once per thread, so
 * a task that reuses its thread's copy reports the first load's figures, marked reused.
 */
import { getHeapStatistics } from 'node:v8';
import type { AssetLoad, AssetMemory } from '../common/asset-loads.ts';

/** What one load cost, as measured by the loader that did it. */
export interface LoadFigures {
  /** performance.now() when the load began: a load that began before a task did was reused by it. */
  readonly startedAt: number;
  readonly loadMs: number;
  readonly fileBytes: number;
  readonly memory: AssetMemory | null;
}

/**
 * Runs the synchronous `parse` and measures the V8 heap used around it ('heap-growth'). Only the
 * synchronous part is measured: across an `await`, other work on the thread (an inline host's
 * editor session, other tasks) would allocate too and be counted as the asset's.
 */
export function measureHeap<T>(parse: () => T): { readonly value: T; readonly memory: AssetMemory } {
  const before = getHeapStatistics().used_heap_size;
  const value = parse();
  return { value, memory: { bytes: getHeapStatistics().used_heap_size - before, measure: 'heap-growth' } };
}

/**
 * Loads `name` with `load`, reports the outcome with `report` and passes it on (a failure is
 * reported, then thrown). `taskStartedAt` tells a fresh load from one this thread had made already.
 */
export async function reportedLoad<T>(
  name: string,
  report: (load: AssetLoad) => void,
  taskStartedAt: number,
  load: () => Promise<T>,
  figuresOf: (value: T) => LoadFigures,
): Promise<T> {
  const startedAt = performance.now();
  try {
    const value = await load();
    const figures = figuresOf(value);
    const reused = figures.startedAt < taskStartedAt;
    // A reused load took this task only the wait for it; the file's bytes and memory are the first load's.
    const loadMs = reused ? performance.now() - startedAt : figures.loadMs;
    report({ name, state: 'loaded', loadMs, fileBytes: figures.fileBytes, memory: figures.memory, reused });
    return value;
  } catch (error) {
    report({ name, state: 'failed', loadMs: performance.now() - startedAt, error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
