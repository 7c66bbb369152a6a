/**
 * The latest result of each check, sent again after each `hello`, for a page that was not there
 * when it was first sent. The host
 * checks the document as soon as the tasks are up, usually before the page has loaded, and a
 * reloaded page (or a renderer restored after a crash) finds the tasks idle: without a replay
 * the preview and the markers would stay blank until the next keystroke.
 */
import type { HostEvents } from '../../../workers/common/host-api.ts';
import type { EventSink } from '../session/task-router.ts';

/** Events whose latest payload is the current state of something the page shows. */
const REPLAYED = new Set<keyof HostEvents>(['preview', 'spelling', 'grammar']);

export class LatestResults {
  readonly #latest = new Map<keyof HostEvents, unknown>();

  /** `emit`, remembering the latest payload of each replayed event on the way. */
  recording(emit: EventSink): EventSink {
    return (name, payload) => {
      if (REPLAYED.has(name)) this.#latest.set(name, payload);
      emit(name, payload);
    };
  }

  /** Sends the remembered payloads to `sink`; each names its document, so the page drops a stale one. */
  replay(sink: EventSink): void {
    for (const [name, payload] of this.#latest) sink(name, payload as never);
  }
}
