/**
 * The readers' side of a shared document: every task in a thread or inline host (and a process
 * host's task, over its private copy) reads the text through a `DocumentView`.
 *
 * A view is a seqlock read section. Opening one waits until no write is in progress and takes the
 * geometry (length, gaps, version) at an even sequence. Reads through it are plain typed-array
 * reads, never locks: they cost what reading a string costs. Before anything read is used for a
 * result, `assertCurrent()` checks that the sequence is still the one the view opened at; if a
 * write happened meanwhile, what was read may be torn, and the caller gets a `superseded`
 * cancellation instead of a result. Reads inside the section may see torn data, but nothing
 * derived from them ever leaves it unvalidated.
 *
 * The order matters, and JavaScript gives it: `Atomics` operations are sequentially consistent, so
 * a reader that loads the sequence after its plain reads and finds it unchanged did not overlap a
 * write section (the writer makes the sequence odd before its first store and even after its last).
 */
import type { TextAccess } from '../document.ts';
import { Errors } from '../errors.ts';
import { currentViews, decodeUnits, Header, joinVersion, viewsOf, type DocumentViews, type SharedDocumentBuffers } from './layout.ts';

/** How long one wait for a write in progress lasts before looking again, ms. */
const WRITE_WAIT_MS = 1;
/** `Atomics.wait` is not allowed on every thread (a browser's main thread): spin there instead. */
const canWait = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

export interface DocumentPosition {
  readonly uri: string;
  readonly version: number;
  readonly generation: number;
}

interface Geometry {
  readonly sequence: number;
  readonly length: number;
  readonly gapStart: number;
  readonly gapEnd: number;
  readonly lineCount: number;
  readonly lineGapStart: number;
  readonly lineGapEnd: number;
}

export class SharedDocumentReader {
  readonly buffers: SharedDocumentBuffers;
  private views: DocumentViews;

  constructor(buffers: SharedDocumentBuffers) {
    this.buffers = buffers;
    this.views = viewsOf(buffers);
  }

  /** The document's uri, version and generation now, read consistently. */
  position(): DocumentPosition {
    const view = this.open();
    view.release();
    return view.position;
  }

  /** Opens a read section at the current version. Release it when done (see `DocumentView.release`). */
  open(): DocumentView {
    const { header } = this.views;
    for (;;) {
      const sequence = Atomics.load(header, Header.sequence);
      if ((sequence & 1) === 1) {
        if (canWait) Atomics.wait(header, Header.sequence, sequence, WRITE_WAIT_MS);
        continue;
      }
      const geometry: Geometry = {
        sequence,
        length: Atomics.load(header, Header.length),
        gapStart: Atomics.load(header, Header.gapStart),
        gapEnd: Atomics.load(header, Header.gapEnd),
        lineCount: Atomics.load(header, Header.lineCount),
        lineGapStart: Atomics.load(header, Header.lineGapStart),
        lineGapEnd: Atomics.load(header, Header.lineGapEnd),
      };
      const uriLength = Atomics.load(header, Header.uriLength);
      const uri = decodeUnits(this.views.uri, 0, Math.min(uriLength, this.views.uri.length));
      const version = joinVersion(Atomics.load(header, Header.versionHigh), Atomics.load(header, Header.versionLow));
      const generation = Atomics.load(header, Header.generation);
      if (Atomics.load(header, Header.sequence) !== sequence) continue;
      Atomics.add(header, Header.readers, 1);
      this.views = currentViews(this.buffers, this.views);
      return new DocumentView(this.views, geometry, { uri, version, generation });
    }
  }

  /** Runs `read` in a read section that is validated and released after it, and returns its result. */
  read<R>(read: (view: DocumentView) => R): R {
    const view = this.open();
    try {
      const result = read(view);
      view.assertCurrent();
      return result;
    } finally {
      view.release();
    }
  }

  /** The sequence now, odd while a write is in progress: what a racing reader looks at instead of waiting. */
  sequence(): number {
    return Atomics.load(this.views.header, Header.sequence);
  }

  /**
   * Sums the text's code units the way a reader that skips the seqlock would: with whatever
   * geometry and units it finds, while the writer may be moving them. Returns the sum and the
   * checksum the writer published; a mismatch is a torn read. The race fault's demonstration.
   */
  unlockedSum(): { readonly sum: number; readonly checksum: number } {
    this.views = currentViews(this.buffers, this.views);
    const { header, text } = this.views;
    const checksum = header[Header.checksum] ?? 0;
    const length = header[Header.length] ?? 0;
    const gapStart = header[Header.gapStart] ?? 0;
    const gapEnd = header[Header.gapEnd] ?? 0;
    return { sum: sumUnits(text, length, gapStart, gapEnd), checksum };
  }

  /** The same sum, inside a validated read section: never torn. */
  lockedSum(): { readonly sum: number; readonly checksum: number } {
    return this.read((view) => ({ sum: view.sum(), checksum: view.checksum }));
  }
}

function sumUnits(text: Uint16Array, length: number, gapStart: number, gapEnd: number): number {
  let sum = 0;
  const before = Math.min(length, gapStart);
  for (let index = 0; index < before; index += 1) sum = (sum + (text[index] ?? 0)) | 0;
  const after = gapEnd + (length - before);
  for (let index = gapEnd; index < after; index += 1) sum = (sum + (text[index] ?? 0)) | 0;
  return sum;
}

/** One read section over one version of the document. */
export class DocumentView implements TextAccess {
  readonly uri: string;
  readonly version: number;
  readonly generation: number;
  readonly length: number;
  readonly lineCount: number;
  private readonly views: DocumentViews;
  private readonly geometry: Geometry;
  private released = false;

  constructor(views: DocumentViews, geometry: Geometry, position: DocumentPosition) {
    this.views = views;
    this.geometry = geometry;
    this.uri = position.uri;
    this.version = position.version;
    this.generation = position.generation;
    this.length = geometry.length;
    this.lineCount = geometry.lineCount;
  }

  get position(): DocumentPosition {
    return { uri: this.uri, version: this.version, generation: this.generation };
  }

  /** The checksum the writer published with this version (read in the section: validate it too). */
  get checksum(): number {
    return this.views.header[Header.checksum] ?? 0;
  }

  /** True while nothing was written since the view opened: everything read so far is this version's. */
  isCurrent(): boolean {
    return Atomics.load(this.views.header, Header.sequence) === this.geometry.sequence;
  }

  /** Throws a `superseded` cancellation if anything was written since the view opened. */
  assertCurrent(): void {
    if (!this.isCurrent()) throw Errors.cancelled('read', `superseded: the document changed while version ${this.version} was read`);
  }

  /** Ends the section (the race fault's writer waits for open sections). Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    Atomics.sub(this.views.header, Header.readers, 1);
  }

  charCodeAt(offset: number): number {
    const { length, gapStart, gapEnd } = this.geometry;
    if (!(offset >= 0 && offset < length)) return Number.NaN;
    return this.views.text[offset < gapStart ? offset : offset + gapEnd - gapStart] ?? Number.NaN;
  }

  slice(start: number, end: number = this.length): string {
    const { length, gapStart, gapEnd } = this.geometry;
    const from = Math.max(0, Math.min(start, length));
    const to = Math.max(from, Math.min(end, length));
    const { text } = this.views;
    const shift = gapEnd - gapStart;
    if (to <= gapStart) return decodeUnits(text, from, to);
    if (from >= gapStart) return decodeUnits(text, from + shift, to + shift);
    return decodeUnits(text, from, gapStart) + decodeUnits(text, gapEnd, to + shift);
  }

  /** The whole text. For what needs all of it at once (the preview, a journal base), not for a check. */
  text(): string {
    return this.slice(0, this.length);
  }

  /** Offset of line `line`'s first unit (lines split at `\n`). */
  lineStart(line: number): number {
    const { length, lineGapStart, lineGapEnd } = this.geometry;
    const { lines } = this.views;
    if (line <= 0) return 0;
    if (line < lineGapStart) return lines[line] ?? 0;
    return length + (lines[lineGapEnd + line - lineGapStart] ?? 0);
  }

  /** Offset just past line `line`'s last unit, before its `\n`. */
  lineEnd(line: number): number {
    return line + 1 < this.lineCount ? this.lineStart(line + 1) - 1 : this.length;
  }

  /** Line `line`'s text, without its `\n`: a copy of that line only. */
  lineText(line: number): string {
    return this.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The line holding `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.lineCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.lineStart(middle) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** A 53-bit hash of `[start, end)` read in place, with `seed` mixed in: a cache key that costs no copy. */
  hashRange(start: number, end: number, seed = 0): number {
    const { length, gapStart, gapEnd } = this.geometry;
    const { text } = this.views;
    const hash = new UnitHash(seed);
    const to = Math.min(end, length);
    const shift = gapEnd - gapStart;
    for (let offset = Math.max(0, start); offset < to; offset += 1) hash.add(text[offset < gapStart ? offset : offset + shift] ?? 0);
    return hash.value();
  }

  /** Sum of the code units modulo 2^32 (what the writer publishes as the checksum). */
  sum(): number {
    const { length, gapStart, gapEnd } = this.geometry;
    return sumUnits(this.views.text, length, gapStart, gapEnd);
  }
}

/**
 * cyrb53 (bryc, public domain), fed one code unit at a time: a fast 53-bit hash (a safe integer),
 * so the same units hash alike whether they are read from a string or in place from the buffer.
 */
class UnitHash {
  private first: number;
  private second: number;

  constructor(seed: number) {
    this.first = 0xdeadbeef ^ seed;
    this.second = 0x41c6ce57 ^ seed;
  }

  add(code: number): void {
    this.first = Math.imul(this.first ^ code, 2654435761);
    this.second = Math.imul(this.second ^ code, 1597334677);
  }

  value(): number {
    let first = Math.imul(this.first ^ (this.first >>> 16), 2246822507) ^ Math.imul(this.second ^ (this.second >>> 13), 3266489909);
    const second = Math.imul(this.second ^ (this.second >>> 16), 2246822507) ^ Math.imul(first ^ (first >>> 13), 3266489909);
    first = first >>> 0;
    return 4294967296 * (2097151 & second) + first;
  }
}

/** `DocumentView.hashRange` of a string: the same value for the same units. */
export function hashUnits(text: string, seed = 0): number {
  const hash = new UnitHash(seed);
  for (let index = 0; index < text.length; index += 1) hash.add(text.charCodeAt(index));
  return hash.value();
}
