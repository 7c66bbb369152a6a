/**
 * The size limits of a document change and its neighbours, one set for the host's boundary
 * (main/core/boundary/host-api-schemas.ts) and every task's own checks (workers/tasks/text/requests.ts,
 * workers/tasks/keystroke/requests.ts). A change the host accepts is a change every task accepts:
 * when the two disagreed, a large "replace all" passed the host, was refused by a task, and was
 * quietly repaired by a full re-prime. docs/security.md lists them.
 */
import { MAX_DOCUMENT_LENGTH } from './document.ts';

export const CHANGE_LIMITS = {
  /** Document URIs (`untitled:1`, `file:///…`). */
  maxUriLength: 4096,
  /** Edits in one change: one Monaco content-change event; a bigger "replace all" is sent whole. */
  maxEditsPerChange: 50_000,
  /** Key events batched into one change. */
  maxKeysPerChange: 1_000,
  /** UTF-16 code units of inserted text in one change, summed over its edits. */
  maxChangeTextLength: MAX_DOCUMENT_LENGTH,
  /** A file path (workspace-relative in the web host, absolute in Electron). */
  maxPathLength: 4096,
  /** A word for suggestions or the personal dictionary. */
  maxWordLength: 256,
} as const;
