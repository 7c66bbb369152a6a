/**
 * The one writer of a shared document: the host's session for thread and inline hosts, or a process
 * host's own receiver for its private copy. Every change is made inside a seqlock's write section:
 * the sequence is odd while anything moves, so a reader that saw the same even sequence before and
 * after its read knows nothing changed under it. The writer never waits for readers.
 */
import { orderEdits, type DocumentChange, type DocumentSnapshot, type TextEdit } from '../document.ts';
import { Errors } from '../errors.ts';
import { GapStore } from './gap-store.ts';
import { createDocumentBuffers, Header, MAX_URI_LENGTH, splitVersion, viewsOf, type DocumentViews, type SharedDocumentBuffers } from './layout.ts';

function sumOf(text: string): number {
  let sum = 0;
  for (let index = 0; index < text.length; index += 1) sum = (sum + text.charCodeAt(index)) | 0;
  return sum;
}

export class SharedDocumentWriter {
  readonly buffers: SharedDocumentBuffers;
  private readonly views: DocumentViews;
  private readonly store: GapStore;
  private currentUri = '';
  private currentVersion = 0;

  constructor(snapshot: DocumentSnapshot, buffers: SharedDocumentBuffers = createDocumentBuffers()) {
    this.buffers = buffers;
    this.views = viewsOf(buffers);
    this.store = new GapStore(buffers, this.views);
    this.reset(snapshot);
  }

  get uri(): string {
    return this.currentUri;
  }

  get version(): number {
    return this.currentVersion;
  }

  get length(): number {
    return this.store.length;
  }

  get lineCount(): number {
    return this.store.lineCount;
  }

  get generation(): number {
    return this.views.header[Header.generation] ?? 0;
  }

  /** Sum of the code units modulo 2^32, kept per edit. */
  get checksum(): number {
    return this.views.header[Header.checksum] ?? 0;
  }

  charCodeAt(offset: number): number {
    return this.store.charCodeAt(offset);
  }

  slice(start: number, end: number): string {
    return this.store.slice(start, end);
  }

  lineStart(line: number): number {
    return this.store.lineStart(line);
  }

  /** The whole text, decoded: for saving and for copies to a process, not per keystroke. */
  toString(): string {
    return this.store.slice(0, this.store.length);
  }

  /** Another document (or the same one afresh) replaces the text: a new generation. */
  reset(snapshot: DocumentSnapshot): void {
    if (snapshot.uri.length > MAX_URI_LENGTH) throw Errors.invalidInput('document', `its uri is longer than ${MAX_URI_LENGTH} characters`);
    this.write(() => {
      const { header, uri } = this.views;
      Atomics.add(header, Header.generation, 1);
      for (let index = 0; index < snapshot.uri.length; index += 1) uri[index] = snapshot.uri.charCodeAt(index);
      Atomics.store(header, Header.uriLength, snapshot.uri.length);
      this.store.replaceAll(snapshot.text);
      Atomics.store(header, Header.checksum, sumOf(snapshot.text));
      this.setVersion(snapshot.version);
    });
    this.currentUri = snapshot.uri;
    this.currentVersion = snapshot.version;
  }

  /**
   * Applies the change that follows the current version, validated first (`orderEdits`). Throws,
   * changing nothing, for a change for another document or version.
   */
  apply(change: DocumentChange): void {
    if (change.uri !== this.currentUri) throw Errors.invalidInput('change', `it is for ${change.uri}, but the document is ${this.currentUri}`);
    if (change.version !== this.currentVersion + 1) throw Errors.outOfSync(change.version - 1, this.currentVersion);
    const ordered = orderEdits(this.store.length, change.edits);
    this.write(() => {
      for (const edit of ordered) this.applyEdit(edit);
      this.setVersion(change.version);
    });
    this.currentVersion = change.version;
  }

  /**
   * A write the document does not keep: the gap moves to `offset`, as it does before every edit made
   * somewhere else, shuffling the units between, and the units it left behind are overwritten.
   * Content and version stay; only a reader that skips the lock can see the units in transit. The
   * race fault's writer (race-writer.ts) uses it.
   */
  moveGap(offset: number): void {
    this.write(() => this.store.moveGap(Math.max(0, Math.min(offset, this.store.length)), true));
  }

  /** Readers inside a locked read now (they announce themselves; see the reader). */
  lockedReaders(): number {
    return Atomics.load(this.views.header, Header.readers);
  }

  private applyEdit(edit: TextEdit): void {
    const { store } = this;
    const removedSum = sumOf(store.slice(edit.offset, edit.offset + edit.length));
    store.moveGap(edit.offset);
    store.deleteAtGap(edit.length);
    store.insertAtGap(edit.text);
    const { header } = this.views;
    Atomics.store(header, Header.checksum, ((header[Header.checksum] ?? 0) + sumOf(edit.text) - removedSum) | 0);
  }

  private setVersion(version: number): void {
    const { high, low } = splitVersion(version);
    Atomics.store(this.views.header, Header.versionHigh, high);
    Atomics.store(this.views.header, Header.versionLow, low);
  }

  /** Runs `change` inside the write section: the sequence is odd from the first store to the last. */
  private write(change: () => void): void {
    const { header } = this.views;
    Atomics.add(header, Header.sequence, 1);
    try {
      change();
    } finally {
      Atomics.add(header, Header.sequence, 1);
      // Readers waiting for the section to end (Atomics.wait in reader.ts) go on at once.
      Atomics.notify(header, Header.sequence);
    }
  }
}
