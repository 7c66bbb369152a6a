/**
 * The shared document's memory layout: the one definition the writer (the host, or a process
 * host's own receiver) and every reader (the tasks) agree on.
 *
 * Three SharedArrayBuffers hold one document:
 * - `control`, fixed size: the header (a seqlock sequence, the version, the geometry of the two gap
 *   buffers, a checksum) and the document's uri;
 * - `text`, growable: the document's UTF-16 code units as a gap buffer, so typing at the cursor
 *   costs O(1) however long the document is (V8 copies shared memory element by element: moving
 *   the tail of a 20 MB document on every keystroke would cost 10-20 ms);
 * - `lines`, growable: the start offset of every line (split at `\n`), as a gap array whose gap sits
 *   at the text's gap. Entries before it hold absolute offsets, entries after it their distance
 *   from the end of the text, so an edit at the gap changes no entry but its own lines.
 *
 * Memory shared between threads is what makes this work. A process cannot see it: a process host
 * keeps a private copy in the same layout, written from the messages it is sent.
 */
import { MAX_DOCUMENT_LENGTH } from '../document.ts';

/** Indexes of the header's Int32 words. */
export const Header = {
  /** Seqlock sequence: odd while the writer is changing anything below. */
  sequence: 0,
  /** Bumped whenever another document (or a resynced one) replaces the text: readers start over. */
  generation: 1,
  versionHigh: 2,
  versionLow: 3,
  /** Logical length of the text, UTF-16 units. */
  length: 4,
  /** The text gap, in physical units: `[gapStart, gapEnd)` holds nothing. */
  gapStart: 5,
  gapEnd: 6,
  lineCount: 7,
  lineGapStart: 8,
  lineGapEnd: 9,
  /** Sum of every code unit, modulo 2^32: what a reader that skipped the lock compares against. */
  checksum: 10,
  uriLength: 11,
  /**
   * Readers inside a locked read right now. The writer of edits never looks at it; only the race
   * fault's extra writes wait for none, so that a long locked read is not starved (race-writer.ts).
   */
  readers: 12,
} as const;

export const HEADER_WORDS = 16;
/** Longest uri the layout holds, UTF-16 units (the host boundary allows 4,096). */
export const MAX_URI_LENGTH = 4096;

const URI_BYTE_OFFSET = HEADER_WORDS * 4;
const CONTROL_BYTES = URI_BYTE_OFFSET + MAX_URI_LENGTH * 2;

/** Physical capacity of the text buffer at most: the largest document fits with no gap left. */
export const MAX_TEXT_CAPACITY = MAX_DOCUMENT_LENGTH;
export const MAX_LINE_CAPACITY = MAX_DOCUMENT_LENGTH + 1;
export const INITIAL_TEXT_CAPACITY = 64 * 1024;
export const INITIAL_LINE_CAPACITY = 4 * 1024;

/** The three buffers of one document, as they travel to a thread host in its `TaskInit`. */
export interface SharedDocumentBuffers {
  readonly control: SharedArrayBuffer;
  readonly text: SharedArrayBuffer;
  readonly lines: SharedArrayBuffer;
}

/**
 * Typed views over the buffers. The text and line views are fixed-length, made for the buffers'
 * size when taken, and taken again after the buffers grow (`currentViews`): V8 reads a
 * length-tracking view over a growable buffer about 10× slower, element by element, than a
 * fixed-length one (measured on Node 24: 2.3–3.0 ms against 0.15–0.3 ms to sum 100 K units).
 */
export interface DocumentViews {
  readonly header: Int32Array;
  readonly uri: Uint16Array;
  readonly text: Uint16Array;
  readonly lines: Int32Array;
}

/** New, empty buffers; the capacities (units, line starts) are the initial ones, before any growth. */
export function createDocumentBuffers(textCapacity = INITIAL_TEXT_CAPACITY, lineCapacity = INITIAL_LINE_CAPACITY): SharedDocumentBuffers {
  return {
    control: new SharedArrayBuffer(CONTROL_BYTES),
    text: new SharedArrayBuffer(textCapacity * 2, { maxByteLength: MAX_TEXT_CAPACITY * 2 }),
    lines: new SharedArrayBuffer(lineCapacity * 4, { maxByteLength: MAX_LINE_CAPACITY * 4 }),
  };
}

export function isDocumentBuffers(value: unknown): value is SharedDocumentBuffers {
  if (typeof value !== 'object' || value === null) return false;
  const { control, text, lines } = value as Record<string, unknown>;
  return (
    control instanceof SharedArrayBuffer &&
    control.byteLength === CONTROL_BYTES &&
    text instanceof SharedArrayBuffer &&
    text.growable &&
    lines instanceof SharedArrayBuffer &&
    lines.growable
  );
}

export function viewsOf(buffers: SharedDocumentBuffers): DocumentViews {
  return {
    header: new Int32Array(buffers.control, 0, HEADER_WORDS),
    uri: new Uint16Array(buffers.control, URI_BYTE_OFFSET, MAX_URI_LENGTH),
    text: new Uint16Array(buffers.text, 0, buffers.text.byteLength / 2),
    lines: new Int32Array(buffers.lines, 0, buffers.lines.byteLength / 4),
  };
}

/**
 * `views`, or new views if a buffer grew since they were taken. Buffers only grow, inside a write
 * section: a reader that takes its views after loading an even, unchanged sequence covers every
 * unit the geometry it loaded names.
 */
export function currentViews(buffers: SharedDocumentBuffers, views: DocumentViews): DocumentViews {
  if (views.text.byteLength === buffers.text.byteLength && views.lines.byteLength === buffers.lines.byteLength) return views;
  return { header: views.header, uri: views.uri, text: new Uint16Array(buffers.text, 0, buffers.text.byteLength / 2), lines: new Int32Array(buffers.lines, 0, buffers.lines.byteLength / 4) };
}

/** A version as two uint32 words: versions are safe integers, beyond what one Int32 holds. */
export function splitVersion(version: number): { readonly high: number; readonly low: number } {
  return { high: Math.floor(version / 2 ** 32) | 0, low: version % 2 ** 32 | 0 };
}

export function joinVersion(high: number, low: number): number {
  return (high >>> 0) * 2 ** 32 + (low >>> 0);
}

/** Decodes UTF-16 units, lone surrogates kept as they are (TextDecoder would replace them). */
export function decodeUnits(units: Uint16Array, start: number, end: number): string {
  const CHUNK = 8192;
  if (end - start <= CHUNK) return String.fromCharCode.apply(null, units.subarray(start, end) as unknown as number[]);
  const parts: string[] = [];
  for (let from = start; from < end; from += CHUNK) {
    parts.push(String.fromCharCode.apply(null, units.subarray(from, Math.min(end, from + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}
