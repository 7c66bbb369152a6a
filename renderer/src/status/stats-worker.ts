/**
 * A web worker of the page (not one of Forkpad's tasks) that counts a large document's lines,
 * words and characters, so opening a 10 MB file does not stall the editor for the status bar.
 */
import { documentStats } from '../../../workers/common/document.ts';

interface CountRequest {
  readonly id: number;
  readonly text: string;
}

self.addEventListener('message', (event: MessageEvent<CountRequest>) => {
  const { id, text } = event.data;
  self.postMessage({ id, stats: documentStats(text) });
});
