/**
 * The renderer's half of the LSP-style round trip: every Monaco change becomes the next version,
 * sent to the host as incremental edits with the keys behind it. Calls are not awaited one by
 * one (the transport keeps them in order), so typing never waits for the host; an answer for an
 * older version than the newest sent is ignored, because a newer one is on its way.
 */
import type { TextEdit } from '../../../workers/common/document.ts';
import type { ChangeAnswer, ChangeRequest, ResyncRequest } from '../../../workers/common/host-api.ts';
import type { KeyEvent } from '../../../workers/common/task-api.ts';
import { EditHistory } from './edit-history.ts';

export interface DocumentSyncOptions {
  /** Sends one change to the host (the RPC client's `change`). */
  readonly send: (request: ChangeRequest) => Promise<ChangeAnswer>;
  /** Replaces the host's mirror with the editor's whole text (the RPC client's `resync`). */
  readonly resync: (request: ResyncRequest) => Promise<ChangeAnswer>;
  /** The editor's whole text now, for a resync. */
  readonly text: () => string;
  /** The host's answer for the newest version sent. */
  readonly onAnswer: (answer: ChangeAnswer) => void;
  /** A change failed and could not be repaired by a resync (or the link is gone). */
  readonly onError: (error: Error, version: number) => void;
  /** The host's mirror was replaced by the editor's text after it refused a change. */
  readonly onResync?: (version: number, cause: Error) => void;
}

/** Errors after which a resync cannot help: the host itself is gone. */
const LINK_LOST = new Set(['HOST_GONE', 'CLOSED']);

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export class DocumentSync {
  readonly history: EditHistory;
  private latestSent: number;
  private latestAnswer: ChangeAnswer | null = null;
  private staleAnswers = 0;
  /** Version the last resync covered: failures of changes up to it are already repaired. */
  private resyncedThrough = -1;
  private readonly options: DocumentSyncOptions;

  constructor(uri: string, version: number, options: DocumentSyncOptions) {
    this.history = new EditHistory(uri, version);
    this.latestSent = version;
    this.options = options;
  }

  get uri(): string {
    return this.history.currentUri;
  }

  get version(): number {
    return this.history.currentVersion;
  }

  /** The newest answer accepted, or null before the first. */
  get lastAnswer(): ChangeAnswer | null {
    return this.latestAnswer;
  }

  /** How many answers arrived after a newer version had been sent, and were ignored. */
  get staleAnswerCount(): number {
    return this.staleAnswers;
  }

  /** A different document is now open (New, Open, restore), at the host's version. */
  reset(uri: string, version: number): void {
    this.history.reset(uri, version);
    this.latestSent = version;
    this.latestAnswer = null;
    this.resyncedThrough = -1;
  }

  /**
   * Sends the edits that take the document to its next version; returns that version. An edit
   * list that is empty still sends a version, so both sides keep counting in step.
   */
  change(edits: readonly TextEdit[], keys: readonly KeyEvent[]): number {
    const version = this.version + 1;
    const uri = this.uri;
    this.history.record(version, edits);
    this.latestSent = version;
    this.options.send({ uri, version, edits, keys }).then(
      (answer) => this.accept(answer),
      (error: unknown) => this.failed(error instanceof Error ? error : new Error(String(error)), uri, version),
    );
    return version;
  }

  /**
   * A change was refused or timed out, so the host's mirror may lack it. The changes sent after it
   * will be refused too (they skip a version); one resync with the whole text at the newest
   * version repairs them all, and their failures are then ignored.
   */
  private failed(error: Error, uri: string, version: number): void {
    if (uri !== this.uri || version <= this.resyncedThrough) return;
    if (LINK_LOST.has(errorCode(error) ?? '')) {
      this.options.onError(error, version);
      return;
    }
    const target = this.version;
    this.resyncedThrough = target;
    this.latestSent = target;
    this.options.resync({ uri, version: target, text: this.options.text() }).then(
      (answer) => {
        this.options.onResync?.(target, error);
        this.accept(answer);
      },
      (resyncError: unknown) => this.options.onError(resyncError instanceof Error ? resyncError : new Error(String(resyncError)), target),
    );
  }

  private accept(answer: ChangeAnswer): void {
    if (answer.uri !== this.uri || answer.version < this.latestSent) {
      this.staleAnswers += 1;
      return;
    }
    this.latestAnswer = answer;
    this.options.onAnswer(answer);
  }
}

/**
 * The edit that turns the host's text into the editor's, when Monaco normalized line endings on
 * load (it turns mixed or lone CR line breaks into one kind). Undefined when they already match.
 */
export function normalizationEdit(hostText: string, editorText: string): TextEdit | undefined {
  if (hostText === editorText) return undefined;
  let start = 0;
  while (start < hostText.length && start < editorText.length && hostText[start] === editorText[start]) start += 1;
  let hostEnd = hostText.length;
  let editorEnd = editorText.length;
  while (hostEnd > start && editorEnd > start && hostText[hostEnd - 1] === editorText[editorEnd - 1]) {
    hostEnd -= 1;
    editorEnd -= 1;
  }
  return { offset: start, length: hostEnd - start, text: editorText.slice(start, editorEnd) };
}
