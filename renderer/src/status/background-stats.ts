/**
 * Document stats for the status bar before the host's first answer: counted here for small
 * documents, in a page worker for large ones (counting 10 MB takes the main thread ~150 ms).
 */
import { documentStats, type DocumentStats } from '../../../workers/common/document.ts';
import StatsWorker from './stats-worker.ts?worker';

/** Below this the count is faster than a trip to a worker. */
const INLINE_LIMIT_CHARS = 256 * 1024;

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, (stats: DocumentStats) => void>();

export function countStats(text: string): Promise<DocumentStats> {
  if (text.length < INLINE_LIMIT_CHARS) return Promise.resolve(documentStats(text));
  if (!worker) {
    worker = new StatsWorker();
    worker.addEventListener('message', (event: MessageEvent<{ id: number; stats: DocumentStats }>) => {
      waiting.get(event.data.id)?.(event.data.stats);
      waiting.delete(event.data.id);
    });
  }
  const id = nextId++;
  const counting = new Promise<DocumentStats>((resolve) => waiting.set(id, resolve));
  worker.postMessage({ id, text });
  return counting;
}
